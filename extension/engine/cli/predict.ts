/** `bert-studio predict RUN "text" ["pair"] [--json]` and `bert-studio eval RUN data.csv`. */
import { Classifier } from '../infer/classify';
import { loadTokenizer, taskOf } from '../bert/loadModel';
import { evaluateRun } from '../train/evaluateRun';
import { QuestionAnswerer } from '../infer/answer';
import { UsageError, parseArgs, readFlags } from './args';

export async function predictCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv, ['json']);
  if (positional.length < 2 || positional.length > 3)
    throw new UsageError('usage: bert-studio predict RUN "text" ["pair"] [--json]');
  const a = readFlags(flags, { json: false }, 'predict');
  const { config } = await loadTokenizer(positional[0]);
  if (taskOf(config) === 'qa') {
    if (positional.length !== 3)
      throw new UsageError('usage: bert-studio predict QA_RUN "question" "context" [--json]');
    const qa = await QuestionAnswerer.load(positional[0]);
    try {
      const [best] = await qa.answer(positional[1], positional[2]);
      const result = best
        ? { answer: best.text, score: best.score, start: best.start, end: best.end }
        : { answer: '', score: 0, start: 0, end: 0 };
      process.stdout.write(
        (a.json
          ? JSON.stringify(result)
          : `${result.answer}\t${result.score.toFixed(4)}\t${result.start}-${result.end}`) + '\n',
      );
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
  if (positional.length !== 2)
    throw new UsageError('usage: bert-studio eval RUN DATA [--text C --text-pair C --label C --max_length N]');
  const a = readFlags(
    flags,
    { text: '', text_pair: '', label: '', max_length: 128, per_device_eval_batch_size: 8 },
    'eval',
  );
  const columns = {
    ...(a.text ? { text: a.text } : {}),
    ...(a.text_pair ? { textPair: a.text_pair } : {}),
    ...(a.label ? { label: a.label } : {}),
  };
  const metrics = await evaluateRun(positional[0], positional[1], {
    columns,
    maxLength: a.max_length,
    batchSize: a.per_device_eval_batch_size,
  });
  process.stdout.write(JSON.stringify(metrics, null, 2) + '\n');
}
