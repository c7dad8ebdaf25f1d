/**
 * Reads a batch JSON file ({"input_ids": [[..]], ...}) into int64 tensors, checking it is rectangular.
 * Only the inputs and the given targets are read; other keys (another task's targets) are ignored, as
 * bert_reference.py ignores them.
 */
import * as fs from 'node:fs';
import { HostTensor, int64 } from '../tensor';

const MATRICES = ['input_ids', 'attention_mask', 'token_type_ids'];
const VECTORS = ['labels', 'start_positions', 'end_positions'];

export const TASK_TARGETS: Record<'cls' | 'qa', string[]> = {
  cls: ['labels'],
  qa: ['start_positions', 'end_positions'],
};

export function readBatchFile(file: string, targets: string[] = VECTORS): Record<string, HostTensor> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: cannot read batch JSON: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`${file}: expected a JSON object of arrays`);
  const obj = raw as Record<string, unknown>;
  const out: Record<string, HostTensor> = {};
  const ints = (field: string, v: unknown, where: string): number => {
    if (!Number.isInteger(v)) throw new Error(`${file}: ${field}${where} is ${JSON.stringify(v)}, expected an integer`);
    return v as number;
  };
  let shape: number[] | null = null;
  for (const field of MATRICES) {
    const rows = obj[field];
    if (rows === undefined) {
      if (field === 'input_ids') throw new Error(`${file}: missing input_ids`);
      continue;
    }
    if (!Array.isArray(rows) || rows.length === 0 || !rows.every(Array.isArray))
      throw new Error(`${file}: ${field} must be a non-empty array of rows`);
    const t = (rows as unknown[][])[0].length;
    const values: number[] = [];
    (rows as unknown[][]).forEach((r, i) => {
      if (r.length !== t) throw new Error(`${file}: ${field} row ${i} has ${r.length} values, row 0 has ${t}`);
      r.forEach((v, j) => values.push(ints(field, v, `[${i}][${j}]`)));
    });
    const s = [rows.length, t];
    if (shape && shape.join() !== s.join()) throw new Error(`${file}: ${field} is [${s}] but input_ids is [${shape}]`);
    shape = s;
    out[field] = int64(s, values);
  }
  const [b, t] = shape!;
  out.attention_mask ??= int64([b, t], new Array(b * t).fill(1));
  out.token_type_ids ??= int64([b, t], new Array(b * t).fill(0));
  for (const field of targets) {
    const v = obj[field];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.length !== b) throw new Error(`${file}: ${field} must have one value per row (${b})`);
    out[field] = int64(
      [b],
      v.map((x, i) => ints(field, x, `[${i}]`)),
    );
  }
  return out;
}
