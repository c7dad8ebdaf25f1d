/** `bert-studio predict RUN "text" ["pair"] [--json]` and `bert-studio eval RUN data.csv`. */
import * as path from 'node:path';
import { Classifier } from '../infer/classify';
import { readTable } from '../data/records';
import { detectColumns } from '../data/columns';
import { buildLabels } from '../data/labels';
import { Evaluator } from '../train/evaluate';
import { tokenizeRows } from '../train/dataset';
import { parameterSpecs } from '../bert/params';
import { loadModel, loadTokenizer, taskOf } from '../bert/loadModel';
import { QuestionAnswerer } from '../infer/answer';
import { UsageError, parseArgs, readFlags } from './args';

export async function predictCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv, ['json']);
  if (positional.length < 2 || positional.length > 3) throw new UsageError('usage: bert-studio predict RUN "text" ["pair"] [--json]');
  const a = readFlags(flags, { json: false }, 'predict');
  const { config } = await loadTokenizer(positional[0]);
  if (taskOf(config) === 'qa') {
    if (positional.length !== 3) throw new UsageError('usage: bert-studio predict QA_RUN "question" "context" [--json]');
    const qa = await QuestionAnswerer.load(positional[0]);
    try {
      const [best] = await qa.answer(positional[1], positional[2]);
      const result = best ? { answer: best.text, score: best.score, start: best.start, end: best.end } : { answer: '', score: 0, start: 0, end: 0 };
      process.stdout.write((a.json ? JSON.stringify(result) : `${result.answer}\t${result.score.toFixed(4)}\t${result.start}-${result.end}`) + '\n');
    } finally {
      await qa.release();
    }
    return;
  }
  const c = await Classifier.load(positional[0]);
  try {
    const [scores] = await c.classify([positional[1]], positional[2] !== undefined ? [positional[2]] : null);
    if (a.json) process.stdout.write(JSON.stringify(scores) + '\n');
    else for (const s of scores) process.stdout.write(`${s.label}\t${s.score.toFixed(4)}\n`);
  } finally {
    await c.release();
  }
}

export async function evalCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  if (positional.length !== 2) throw new UsageError('usage: bert-studio eval RUN DATA [--text C --text-pair C --label C --max_length N]');
  const a = readFlags(flags, { text: '', text_pair: '', label: '', max_length: 128, per_device_eval_batch_size: 8 }, 'eval');
  const m = await loadModel(positional[0], 'cls');
  if (m.notice) throw new Error(`${positional[0]} is not a fine-tuned classifier`);
  const table = await readTable(positional[1]);
  const mapping = detectColumns(table, { ...(a.text ? { text: a.text } : {}), ...(a.text_pair ? { textPair: a.text_pair } : {}), ...(a.label ? { label: a.label } : {}) });
  if (!mapping.label) throw new Error(`${positional[1]}: no label column found`);
  const labels = buildLabels(table, mapping.label, m.config.id2label);
  const rows = labels.ids.map((_, i) => i).filter((i) => labels.ids[i] !== null);
  const enc = await tokenizeRows(table, rows, mapping, m.tokenizer, a.max_length);
  const examples = enc.map((e, k) => ({ inputIds: e.inputIds, tokenTypeIds: e.tokenTypeIds, label: labels.ids[rows[k]]! }));
  const ev = await Evaluator.create(m.config, parameterSpecs(m.config, 'cls'), m.weights.params, {});
  try {
    const r = await ev.evaluate(examples, new Map(), a.per_device_eval_batch_size, m.config.id2label);
    process.stdout.write(JSON.stringify({ ...r.metrics, eval_samples: examples.length, data: path.resolve(positional[1]) }, null, 2) + '\n');
  } finally {
    await ev.release();
  }
}
