/**
 * How long a fine-tune would take on this machine, measured rather than guessed: the trainer's own phases (read the
 * data, build the step, run the loop) on a few real batches, a warm-up step and then timed ones, and the encoder's
 * forward pass timed on a few batches (evaluation, and frozen mode's features). The same for frozen mode and a
 * smaller model (measured when it is on this machine, else scaled by the FLOP ratio of the two shapes).
 * Nothing is written: the loop runs without evaluation or checkpoints, and a cancel stops it between steps.
 */
import * as fs from 'node:fs';
import type { BertConfig } from '../bert/config';
import { resolveModel } from '../hub/resolve';
import { detectTask } from '../tasks/training';
import type { TaskName } from '../tasks/task';
import type { TrainEvent } from '../../shared/runs/trainEvent';
import {
  EncoderShape,
  Estimate,
  EtaOption,
  SMALL_MODELS,
  encoderFlopsPerToken,
  encoderParameters,
  scaledStepSeconds,
} from '../../shared/training/eta';
import { DEFAULT_ARGUMENTS, TrainingArguments, checkArguments } from './arguments';
import { plan } from './stepSetup';
import { Run, TrainRequest, readRun, startingWeights } from './trainer';
import { timeForward, timeSteps } from './estimateTiming';

export interface EstimateRequest extends Omit<TrainRequest, 'resume'> {
  /** Timed steps after the warm-up one (3 by default). */
  steps?: number;
  /** Smaller models to offer (tests give their own; by default well-known small BERTs). */
  smallerModels?: { id: string; shape: EncoderShape }[];
}

const TIMED_STEPS = 3;
/** A smaller model is worth offering when it has at most this share of the parameters. */
const SMALLER_SHARE = 0.75;
/** output_dir is required by the arguments' check, and never touched by an estimate. */
const NOT_WRITTEN = '(estimate: nothing is written)';

/** A run's measured costs: seconds per optimizer step, per example of the encoder's forward pass. */
interface Measured {
  run: Run;
  stepSeconds: number;
  forwardSeconds: number;
  /** Mean tokens per example of the timed batches (the FLOP ratio's sequence length). */
  meanLength: number;
  frozen: { stepSeconds: number } | { error: string };
}

export async function estimate(req: EstimateRequest): Promise<Estimate> {
  const a = checkArguments({ ...DEFAULT_ARGUMENTS, ...req.args, output_dir: req.args.output_dir || NOT_WRITTEN });
  const task = req.task ?? (await detectTask(req.data, req.columns));
  const steps = req.steps ?? TIMED_STEPS;
  const notes: string[] = [];
  const m = await measure(req, { ...a, mode: 'full' }, task, steps, true);
  const full = option(m, 'full', steps);
  const frozen = 'error' in m.frozen ? null : option(m, 'frozen', steps);
  if ('error' in m.frozen) notes.push(`no frozen-encoder estimate: ${m.frozen.error}`);
  const smaller = await smallerOption(req, m, task, steps, notes);
  if (full.evalSeconds > 0) notes.push('evaluation passes are estimated from a timed forward pass');
  return { full, frozen, smaller, notes };
}

/** Reads the data as training does, then times the step (full, and frozen when asked) and the forward pass. */
async function measure(
  req: EstimateRequest,
  a: TrainingArguments,
  task: TaskName,
  steps: number,
  withFrozen: boolean,
): Promise<Measured> {
  const emit = (e: TrainEvent) => {
    if (req.signal?.aborted) throw new Error('estimate cancelled');
    req.onEvent?.(e);
  };
  const run = await readRun({ ...req, resume: false }, a, task, emit);
  const start = startingWeights(run);
  emit({ type: 'log', message: `estimate: ${req.model}, full fine-tune, 1 warm-up and ${steps} timed steps` });
  const full = await timeSteps(run, start, steps);
  const forward = await timeForward(run, start.params, full.provider);
  let frozen: Measured['frozen'];
  if (!withFrozen) frozen = { error: 'not measured' };
  else {
    emit({ type: 'log', message: `estimate: ${req.model}, frozen encoder, ${steps} timed head steps` });
    frozen = await timeSteps({ ...run, a: { ...a, mode: 'frozen' } }, start, steps).then(
      (r) => ({ stepSeconds: r.seconds }),
      (e: Error) => {
        if (req.signal?.aborted) throw e;
        return { error: e.message };
      },
    );
  }
  return { run, stepSeconds: full.seconds, forwardSeconds: forward, meanLength: full.meanLength, frozen };
}

/** Evaluation passes of the whole run: at each due epoch or step, and the final one, when there is validation data. */
export function evaluationPasses(a: TrainingArguments, total: number, stepsPerEpoch: number, validation: number) {
  if (!validation) return 0;
  const during =
    a.eval_strategy === 'epoch'
      ? Math.floor(total / stepsPerEpoch)
      : a.eval_strategy === 'steps'
        ? Math.floor(total / a.eval_steps)
        : 0;
  return during + 1;
}

/** The whole run's time from the measured costs: full (steps + evaluations) or frozen (features once + head steps). */
function option(m: Measured, mode: 'full' | 'frozen', timed: number, scale = { step: 1, forward: 1 }): EtaOption {
  const { run } = m;
  const train = run.data.train.length;
  const validation = run.data.validation.length;
  const { total, stepsPerEpoch } = plan(run.a, train, null);
  if (mode === 'frozen' && 'stepSeconds' in m.frozen) {
    const featureSeconds = (train + validation) * m.forwardSeconds;
    return {
      model: run.req.model,
      mode,
      seconds: featureSeconds + total * m.frozen.stepSeconds,
      secondsPerStep: m.frozen.stepSeconds,
      steps: total,
      featureSeconds,
      evalSeconds: 0,
      measured: true,
      basis: `measured ${timed} head steps and the encoder's forward pass`,
    };
  }
  const secondsPerStep = m.stepSeconds * scale.step;
  const evalSeconds =
    evaluationPasses(run.a, total, stepsPerEpoch, validation) * validation * m.forwardSeconds * scale.forward;
  return {
    model: run.req.model,
    mode: 'full',
    seconds: total * secondsPerStep + evalSeconds,
    secondsPerStep,
    steps: total,
    featureSeconds: 0,
    evalSeconds,
    measured: scale.step === 1 && scale.forward === 1,
    basis: `measured ${timed} steps`,
  };
}

export const shapeOf = (c: BertConfig): EncoderShape => ({
  layers: c.numHiddenLayers,
  hidden: c.hiddenSize,
  intermediate: c.intermediateSize,
  vocab: c.vocabSize,
});

/** A model folder, or a Hub id whose whole snapshot is in the cache: no download is started for an estimate. */
async function onThisMachine(id: string): Promise<boolean> {
  if (fs.existsSync(id)) return true;
  return resolveModel(id, { offline: true, need: 'model' }).then(
    () => true,
    () => false,
  );
}

/** The first smaller model on this machine, measured; else the first smaller one, scaled from this model's step. */
async function smallerOption(
  req: EstimateRequest,
  m: Measured,
  task: TaskName,
  steps: number,
  notes: string[],
): Promise<EtaOption | null> {
  const smaller = (req.smallerModels ?? SMALL_MODELS).filter(
    (c) => c.id !== req.model && encoderParameters(c.shape) <= SMALLER_SHARE * encoderParameters(shapeOf(m.run.config)),
  );
  if (!smaller.length) {
    notes.push(`no known model is much smaller than ${req.model}`);
    return null;
  }
  for (const c of smaller) {
    if (!(await onThisMachine(c.id))) continue;
    try {
      const small = await measure({ ...req, model: c.id }, m.run.a, task, steps, false);
      return option(small, 'full', steps);
    } catch (e) {
      if (req.signal?.aborted) throw e;
      notes.push(`${c.id} is on this machine but could not be measured: ${(e as Error).message}`);
    }
  }
  const c = smaller[0];
  const own = shapeOf(m.run.config);
  const flops = encoderFlopsPerToken(c.shape, m.meanLength) / encoderFlopsPerToken(own, m.meanLength);
  const parameters = encoderParameters(c.shape) / encoderParameters(own);
  const a = m.run.a;
  const step = scaledStepSeconds(
    {
      seconds: m.stepSeconds,
      forwardSecondsPerExample: m.forwardSeconds,
      batch: a.per_device_train_batch_size * a.gradient_accumulation_steps,
    },
    { flops, parameters },
  );
  const renamed = { ...m, run: { ...m.run, req: { ...m.run.req, model: c.id } } };
  const scaled = option(renamed, 'full', steps, { step: step / m.stepSeconds, forward: flops });
  const basis = `estimated from ${req.model}'s measured step (FLOP ratio ${flops.toFixed(2)}, parameter ratio ${parameters.toFixed(2)})`;
  return { ...scaled, basis };
}
