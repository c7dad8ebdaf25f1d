/** Evaluates a fine-tuned classifier on a labelled file (the `eval` command and the engine's evaluate request). */
import * as path from 'node:path';
import { readTable } from '../../shared/data/records';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import { buildLabels } from '../data/labels';
import { parameterSpecs } from '../bert/params';
import { loadModel } from '../bert/loadModel';
import { Evaluator } from './evaluate';
import { tokenizeRows } from './dataset';

export async function evaluateRun(
  run: string,
  data: string,
  o: { columns?: Partial<ColumnMapping>; maxLength?: number; batchSize?: number } = {},
): Promise<Record<string, number | string>> {
  const m = await loadModel(run, 'cls');
  if (m.notice) throw new Error(`${run} is not a fine-tuned classifier`);
  const table = await readTable(data);
  const mapping = detectColumns(table, o.columns);
  if (!mapping.label) throw new Error(`${data}: no label column found`);
  const labels = buildLabels(table, mapping.label, m.config.id2label);
  const rows = labels.ids.map((_, i) => i).filter((i) => labels.ids[i] !== null);
  const enc = await tokenizeRows(table, rows, mapping, m.tokenizer, o.maxLength ?? 128);
  const examples = enc.map((e, k) => ({
    inputIds: e.inputIds,
    tokenTypeIds: e.tokenTypeIds,
    label: labels.ids[rows[k]]!,
  }));
  const ev = await Evaluator.create(m.config, parameterSpecs(m.config, 'cls'), m.weights.params, {});
  try {
    const r = await ev.evaluate(examples, new Map(), o.batchSize ?? 8, m.config.id2label);
    return { ...r.metrics, eval_samples: examples.length, data: path.resolve(data) };
  } finally {
    await ev.release();
  }
}
