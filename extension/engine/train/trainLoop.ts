/**
 * The training loop, as Transformers' Trainer runs it: a step per batch of the epoch's seeded order, logging,
 * evaluation and checkpoints when due, early stopping, and a cancel that leaves a resumable checkpoint.
 */
import * as path from 'node:path';
import { epochOrder, groupByLength } from '../data/batches';
import { learningRate } from './schedule';
import { listCheckpoints, rotateCheckpoints, saveCheckpoint } from './checkpoint';
import type { Run } from './trainer';
import type { Training } from './stepSetup';

/** Steps until the total, early stopping or a cancel: each step logs, and evaluates and checkpoints when due. */
export async function loop(run: Run, t: Training): Promise<void> {
  const { a, req, emit, data } = run;
  const { state } = t;
  let stop = false;
  while (state.global_step < t.total && !stop) {
    await trainStep(run, t);
    const endOfEpoch = state.global_step % t.stepsPerEpoch === 0;
    const doEval =
      a.eval_strategy === 'epoch' ? endOfEpoch : a.eval_strategy === 'steps' && state.global_step % a.eval_steps === 0;
    const doSave =
      a.save_strategy === 'epoch' ? endOfEpoch : a.save_strategy === 'steps' && state.global_step % a.save_steps === 0;
    const value = doEval && data.validation.length ? await evaluate(run, t) : undefined;
    if (doSave || req.signal?.aborted) await checkpoint(run, t, value);
    if (a.early_stopping_patience > 0 && state.patience_used >= a.early_stopping_patience) {
      emit({
        type: 'log',
        message: `early stopping: ${t.metricName} did not improve for ${a.early_stopping_patience} evaluations`,
      });
      stop = true;
    }
    if (req.signal?.aborted) throw new Error(`cancelled at step ${state.global_step}; resume with --resume`);
  }
}

function lastCheckpoint(outputDir: string): string {
  const last = listCheckpoints(outputDir).pop();
  return last ? `${last} is the last good checkpoint` : 'no checkpoint was saved yet';
}

/** One optimizer step on the next batch of the epoch's (seeded) order, its step event and the logged loss. */
async function trainStep(run: Run, t: Training): Promise<void> {
  const { a, emit, data } = run;
  const { state } = t;
  const s = state.global_step;
  const epoch = Math.floor(s / t.stepsPerEpoch);
  const shuffledOrder = epochOrder(data.train.length, a.seed, epoch);
  const order = a.group_by_length
    ? groupByLength(
        shuffledOrder,
        data.train.map((e) => e.inputIds.length),
        t.perStep,
      )
    : shuffledOrder;
  const k = s % t.stepsPerEpoch;
  const batch = order.slice(k * t.perStep, (k + 1) * t.perStep).map((i) => data.train[i]);
  const lr = learningRate(t.schedule, s);
  if (s === t.startStep)
    emit({ type: 'log', message: 'starting: first step (ONNX Runtime sizes its working memory on the first run)' });
  const r = await t.step.run(t.makeBatch(batch), lr);
  if (s === t.startStep && t.trace.profilePrefix && t.resolvedArgs.execution_provider !== 'cpu') {
    t.step.endProfiling();
    const placed = t.trace.finish();
    if (placed) {
      t.resolvedArgs.placement = placed.placement;
      run.emit({ type: 'log', message: placed.message });
    }
  }
  if (!Number.isFinite(r.loss)) {
    throw new Error(
      // The folder holds only this run's checkpoints (runFolder checked it), so the newest is this run's.
      `the loss became ${r.loss} at step ${s + 1}; training stopped (${lastCheckpoint(a.output_dir)}). The weights were finite when training started: try a lower --learning_rate than ${a.learning_rate}${a.max_grad_norm > 0 ? '' : ' or --max_grad_norm 1'}`,
    );
  }
  state.global_step = s + 1;
  state.epoch = state.global_step / t.stepsPerEpoch;
  t.log.loss += r.loss;
  t.log.count++;
  const elapsed = (Date.now() - t.started) / 1000;
  const rate = (state.global_step - t.startStep) / Math.max(elapsed, 1e-9);
  emit({
    type: 'step',
    step: state.global_step,
    total: t.total,
    epoch: state.epoch,
    loss: r.loss,
    lr,
    grad_norm: r.gradNorm,
    samples_per_s: rate * batch.length,
    eta_s: (t.total - state.global_step) / rate,
  });
  if (state.global_step % a.logging_steps === 0) {
    state.log_history.push({
      loss: t.log.loss / t.log.count,
      learning_rate: lr,
      grad_norm: r.gradNorm,
      epoch: state.epoch,
      step: state.global_step,
    });
    t.log = { loss: 0, count: 0 };
  }
}

/** Evaluates the current weights, logs it, and returns the metric that picks the best model. */
async function evaluate(run: Run, t: Training): Promise<number | undefined> {
  const { state } = t;
  const r = await t.evaluator.evaluate(await t.step.weights());
  const epoch = state.global_step / t.stepsPerEpoch;
  state.log_history.push({ ...r.metrics, epoch, step: state.global_step });
  run.emit({ type: 'eval', step: state.global_step, epoch, metrics: r.metrics, detail: r.detail });
  return r.metrics[t.metricName];
}

export const allWeights = async (t: Training) => new Map([...t.frozen, ...(await t.step.weights())]);

/** Saves checkpoint-STEP (tracking the best metric and patience), rotates old ones, and starts a new session. */
async function checkpoint(run: Run, t: Training, value: number | undefined): Promise<void> {
  const { a, config, task } = run;
  const { state } = t;
  const greater = !a.metric_for_best_model.endsWith('loss');
  const dir = path.join(a.output_dir, `checkpoint-${state.global_step}`);
  if (
    value !== undefined &&
    (state.best_metric === null || (greater ? value > state.best_metric : value < state.best_metric))
  ) {
    state.best_metric = value;
    state.best_model_checkpoint = dir;
    state.patience_used = 0;
  } else if (value !== undefined) {
    state.patience_used++;
  }
  const weights = await allWeights(t);
  saveCheckpoint(dir, config, task, weights, await t.step.optimizerState(), state, t.resolvedArgs, t.tokenizerFiles);
  rotateCheckpoints(a.output_dir, a.save_total_limit, a.load_best_model_at_end ? state.best_model_checkpoint : null);
  run.emit({ type: 'checkpoint', path: dir });
}
