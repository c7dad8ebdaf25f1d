/**
 * Reads a batch JSON file ({"input_ids": [[..]], ...}) into tensors, checking it is rectangular:
 * int64 inputs, and the targets as the task declares them (int64 or float32, one value per row,
 * per token or per label). Only the inputs and the given targets are read; other keys (another
 * task's targets) are ignored, as bert_reference.py ignores them.
 */
import * as fs from 'node:fs';
import { HostTensor, float32, int64 } from '../tensor';
import type { TargetSpec } from '../tasks/task';
import { TASKS } from '../tasks/registry';

const MATRICES = ['input_ids', 'attention_mask', 'token_type_ids'];
/** Without a task: single-label class ids or QA positions, as before tasks had their own targets. */
const DEFAULT_TARGETS: TargetSpec[] = [...TASKS.cls.targets, ...TASKS.qa.targets];

export function readBatchFile(file: string, targets: TargetSpec[] = DEFAULT_TARGETS): Record<string, HostTensor> {
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
  for (const spec of targets) {
    const v = obj[spec.name];
    if (v === undefined) continue;
    const field = spec.name;
    if (!Array.isArray(v) || v.length !== b) throw new Error(`${file}: ${field} must have one entry per row (${b})`);
    const number = (x: unknown, where: string): number => {
      if (spec.dtype === 'int64') return ints(field, x, where);
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new Error(`${file}: ${field}${where} is ${JSON.stringify(x)}, expected a number`);
      return x;
    };
    let shape = [b];
    let values: number[];
    if (spec.dims.length === 1) values = v.map((x, i) => number(x, `[${i}]`));
    else {
      const width = spec.dims[1] === 'T' ? t : Array.isArray(v[0]) ? v[0].length : 0;
      values = [];
      v.forEach((row, i) => {
        if (!Array.isArray(row) || row.length !== width)
          throw new Error(
            `${file}: ${field} row ${i} must have ${width} values (${spec.dims[1] === 'T' ? 'one per token' : 'one per label'})`,
          );
        row.forEach((x, j) => values.push(number(x, `[${i}][${j}]`)));
      });
      shape = [b, width];
    }
    out[field] = spec.dtype === 'int64' ? int64(shape, values) : float32(shape, values);
  }
  return out;
}
