/** `bert-studio predict RUN "text" ["pair"] [--json]` and `bert-studio eval RUN data.csv`. */
import { loadTokenizer, taskOf } from '../bert/loadModel';
import { evaluateRun } from '../train/evaluateRun';
import { TRAINING } from '../tasks/training';
import { UsageError, parseArgs, readFlags } from './args';

export async function predictCommand(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv, ['json']);
  if (positional.length < 2 || positional.length > 3)
    throw new UsageError('usage: bert-studio predict RUN "text" ["pair"] [--json]  (QA: RUN "question" "context")');
  const a = readFlags(flags, { json: false }, 'predict');
  const { config } = await loadTokenizer(positional[0]);
  const task = taskOf(config);
  if (task === 'base')
    throw new Error(
      `${positional[0]} is a base model (${config.architectures.join(', ') || 'no architecture'}); fine-tune it first`,
    );
  if (task === 'qa' && positional.length !== 3)
    throw new UsageError('usage: bert-studio predict QA_RUN "question" "context" [--json]');
  const predictor = await TRAINING[task].openPredictor(positional[0]);
  try {
    const [result] = await predictor.predict([positional[1]], positional[2] !== undefined ? [positional[2]] : null);
    process.stdout.write((a.json ? JSON.stringify(result.json) : result.line) + '\n');
  } finally {
    await predictor.release();
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
