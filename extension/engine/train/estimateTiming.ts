/**
 * The estimate's two clocks. A step: the trainer's own step setup and loop on the first batches of the run's first
 * epoch (a warm-up step, then timed ones), with evaluation and checkpoints off. A forward pass: the encoder on a few
 * batches at the evaluation batch size, the first one untimed (it sizes ONNX Runtime's memory).
 */
import { performance } from 'node:perf_hooks';
import type { HostTensor } from '../tensor';
import { epochOrder } from '../data/batches';
import type { ExecutionProvider } from '../runtime/ort';
import { extractFeatures } from './features';
import { buildTraining } from './stepSetup';
import { loop } from './trainLoop';
import type { Run } from './trainer';
import type { StartingWeights } from './stepSetup';

const FORWARD_BATCHES = 2;

/** The first `count` examples of epoch 0's order: the batches the run itself starts with. */
function firstExamples<T>(items: T[], seed: number, count: number): T[] {
  return epochOrder(items.length, seed, 0)
    .slice(0, count)
    .map((i) => items[i]);
}

/**
 * Seconds per optimizer step, over `steps` steps after a warm-up one. The loop runs without the request's signal
 * (a cancelled loop saves a checkpoint); instead every event checks it, so a cancel stops the next step.
 */
export async function timeSteps(
  run: Run,
  start: StartingWeights,
  steps: number,
): Promise<{ seconds: number; provider: ExecutionProvider; meanLength: number }> {
  const { a } = run;
  const perStep = a.per_device_train_batch_size * a.gradient_accumulation_steps;
  const train = firstExamples(run.data.train, a.seed, (1 + steps) * perStep);
  const validation = run.data.validation.slice(0, a.per_device_eval_batch_size);
  const marks: number[] = [];
  const timed: Run = {
    ...run,
    req: { ...run.req, signal: undefined },
    a: {
      ...a,
      max_steps: 1 + steps,
      eval_strategy: 'no',
      save_strategy: 'no',
      load_best_model_at_end: false,
      early_stopping_patience: 0,
    },
    // buildTraining replaces the data's examples (frozen mode: with their features): a copy keeps the run's.
    data: { ...run.data, train, validation },
    emit: (e) => {
      if (run.req.signal?.aborted) throw new Error('estimate cancelled');
      if (e.type === 'step') marks.push(performance.now());
      else if (e.type === 'log') run.emit(e);
    },
  };
  const t = await buildTraining(timed, start);
  try {
    await loop(timed, t);
  } finally {
    await t.step.release();
    await t.evaluator.release();
  }
  const seconds = (marks[marks.length - 1] - marks[0]) / 1000 / Math.max(1, marks.length - 1);
  const meanLength = train.reduce((s, e) => s + e.inputIds.length, 0) / train.length;
  return { seconds, provider: t.resolvedArgs.execution_provider as ExecutionProvider, meanLength };
}

/** Seconds per example of the encoder's forward pass (dropout off), timed after a first untimed batch. */
export async function timeForward(
  run: Run,
  params: Map<string, HostTensor>,
  provider: ExecutionProvider,
): Promise<number> {
  const { a } = run;
  const size = a.per_device_eval_batch_size;
  const examples = firstExamples(run.data.train, a.seed, (1 + FORWARD_BATCHES) * size);
  const marks: number[] = [];
  if (run.req.signal?.aborted) throw new Error('estimate cancelled');
  const started = performance.now();
  await extractFeatures(
    run.config,
    params,
    [examples],
    size,
    { threads: a.threads || undefined, executionProvider: provider },
    () => marks.push(performance.now()),
  );
  if (marks.length > 1) return (marks[marks.length - 1] - marks[0]) / 1000 / (examples.length - size);
  // One batch only: its time, session and memory sizing included, is all there is (an over-estimate, never under).
  return (marks[0] - started) / 1000 / examples.length;
}
