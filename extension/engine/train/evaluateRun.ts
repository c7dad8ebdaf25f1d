/** Evaluates a fine-tuned classifier on a labelled file (the `eval` command and the engine's evaluate request). */
import * as path from 'node:path';
import { readTable } from '../../shared/data/records';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import { buildLabels } from '../data/labels';
import { parameterSpecs } from '../bert/params';
import { loadModel, loadTokenizer, taskOf } from '../bert/loadModel';
import type { TaskName } from '../tasks/task';
import { TRAINING } from '../tasks/training';
import { DEFAULT_ARGUMENTS } from './arguments';
import { Evaluator } from './evaluate';
import { tokenizeRows } from './dataset';

export async function evaluateRun(
  run: string,
  data: string,
  o: { columns?: Partial<ColumnMapping>; maxLength?: number; batchSize?: number } = {},
): Promise<Record<string, number | string>> {
  const { config } = await loadTokenizer(run);
  const task = taskOf(config);
  if (task !== 'cls' && task !== 'base') return evaluateTaskRun(run, task, data, o);
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

/** Other tasks: the task's own data reading and evaluator, with the model's labels, over the whole file. */
async function evaluateTaskRun(
  run: string,
  task: TaskName,
  data: string,
  o: { columns?: Partial<ColumnMapping>; maxLength?: number; batchSize?: number },
): Promise<Record<string, number | string>> {
  const m = await loadModel(run, task);
  if (m.notice) throw new Error(`${run} is not a fine-tuned ${task} model`);
  const args = {
    ...DEFAULT_ARGUMENTS,
    output_dir: run,
    validation_file: data,
    max_length: o.maxLength ?? 128,
    per_device_eval_batch_size: o.batchSize ?? 8,
  };
  const setup = await TRAINING[task].setup({
    data,
    tokenizer: m.tokenizer,
    base: m.config,
    args,
    columns: o.columns,
    labels: m.config.id2label,
  });
  const specs = parameterSpecs(setup.config, task);
  const ev = await setup.createEvaluator(specs, m.weights.params, {}, false);
  try {
    const r = await ev.evaluate(new Map());
    return { ...r.metrics, eval_samples: setup.validation.length, data: path.resolve(data) };
  } finally {
    await ev.release();
  }
}
