/**
 * Fine-tuning on a table or SQuAD file as Transformers' Trainer does, in phases: prepare the data, build or
 * restore the step (stepSetup), run the loop (trainLoop: steps, logging, evaluation, checkpoints, stopping),
 * finish (the best model, final evaluation, model and results files). Every step is one call of the ONNX step graph.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTokenizer } from '../bert/loadModel';
import type { BertConfig } from '../bert/config';
import type { BertTokenizer } from '../tokenize/bertTokenizer';
import { initNotice, loadWeights } from '../bert/weights';
import { saveModelInto } from '../bert/save';
import { exportOnnx } from '../bert/export';
import type { ColumnMapping } from '../../shared/data/columns';
import { DEFAULT_ARGUMENTS, TrainingArguments, checkArguments } from './arguments';
import type { TaskSetup } from '../tasks/setup';
import type { TaskName } from '../tasks/task';
import { TRAINING, detectTask } from '../tasks/training';
import type { Probe } from '../runtime/providers';
import { listCheckpoints, loadCheckpoint } from './checkpoint';
import { StartingWeights, Training, buildTraining } from './stepSetup';
import { allWeights, loop } from './trainLoop';
import { eventLogger } from '../../shared/runs/eventLog';
import { writeFileAtomic } from '../../shared/atomicWrite';
import type { TrainEvent } from '../../shared/runs/trainEvent';
import { RUN_FILE, claimRunFolder, runRecord } from './runFolder';

export interface TrainRequest {
  data: string;
  model: string;
  args: TrainingArguments;
  columns?: Partial<ColumnMapping>;
  /** A registered task; by default the one whose data this is (tasks/training.ts detectTask). */
  task?: TaskName;
  resume?: boolean;
  /** Provider probing and its cache (tests replace them; the default probes this machine once). */
  probe?: Probe;
  providerCache?: string;
  onEvent?: (e: TrainEvent) => void;
  signal?: AbortSignal;
}

/** A run once its arguments are checked and its data read, before any weight is loaded. */
export interface Run {
  req: TrainRequest;
  a: TrainingArguments;
  /** Every event also goes to the run folder's event log, so a dashboard can be rebuilt from it. */
  emit: (e: TrainEvent) => void;
  task: TaskName;
  data: TaskSetup;
  config: BertConfig;
  tokenizer: BertTokenizer;
  /** The model's folder (weights to start from). */
  folder: string;
}

/** Prepare the data, build or restore the step, run the loop, then save the model and the results files. */
export async function train(req: TrainRequest): Promise<Record<string, number>> {
  const run = await prepare(req);
  const start = startingWeights(run);
  const t = await buildTraining(run, start);
  try {
    await loop(run, t);
    return await finish(run, t);
  } finally {
    await t.step.release();
    await t.evaluator.release();
  }
}

async function prepare(req: TrainRequest): Promise<Run> {
  const a = checkArguments({ ...DEFAULT_ARGUMENTS, ...req.args });
  if (fs.existsSync(a.output_dir) && !fs.statSync(a.output_dir).isDirectory())
    throw new Error(`--output_dir ${a.output_dir} is a file`);
  const task = req.task ?? (await detectTask(req.data, req.columns));
  // Checked before anything is written: one run per folder, and a resumed run must be the same run.
  const record = runRecord(req, task, a);
  claimRunFolder(a.output_dir, record, { resume: !!req.resume, overwrite: a.overwrite_output_dir });
  const emit = eventLogger(a.output_dir, req.onEvent ?? (() => undefined));
  emit({ type: 'task', task });
  const run = await readRun(req, a, task, emit);
  const { data } = run;
  // What this run was made from, for the Runs view, for restoring its dashboard and for checking a resume.
  writeFileAtomic(
    path.join(a.output_dir, RUN_FILE),
    JSON.stringify(
      { ...record, mapping: data.stats.mapping, labels: data.stats.labels, started: new Date().toISOString() },
      null,
      2,
    ) + '\n',
  );
  return run;
}

/**
 * The model's tokenizer and the task's data, read as a run reads them; nothing is written (an estimate reads the
 * same way). Events go to `emit` only.
 */
export async function readRun(
  req: TrainRequest,
  a: TrainingArguments,
  task: TaskName,
  emit: (e: TrainEvent) => void,
): Promise<Run> {
  const cancelled = () => {
    if (req.signal?.aborted) throw new Error('cancelled before training started');
  };
  const { tokenizer, config: base, folder } = await loadTokenizer(req.model, { signal: req.signal, need: 'model' });
  cancelled();
  if (a.max_length > tokenizer.maxLength)
    throw new Error(`--max_length ${a.max_length} is more than the model's ${tokenizer.maxLength} positions`);
  const data = await TRAINING[task].setup({
    data: req.data,
    tokenizer,
    base,
    args: a,
    columns: req.columns,
    log: (message) => emit({ type: 'log', message }),
  });
  cancelled();
  if (data.stats.stats && data.stats.mapping)
    emit({ type: 'stats', stats: data.stats.stats, labels: data.stats.labels, mapping: data.stats.mapping });
  for (const message of data.notes) emit({ type: 'log', message: `warning: ${message}` });
  if (!data.train.length) throw new Error(`${req.data}: no labelled rows to train on`);
  return { req, a, emit, task, data, config: data.config, tokenizer, folder };
}

/** The weights to start from: the last checkpoint's with --resume, else the model's (missing heads initialised). */
export function startingWeights(run: Run): StartingWeights {
  const { req, a, emit, config, task } = run;
  const checkpoints = req.resume ? listCheckpoints(a.output_dir) : [];
  if (req.resume && !checkpoints.length) throw new Error(`--resume: no checkpoint in ${a.output_dir}`);
  const resumed = checkpoints.length ? loadCheckpoint(checkpoints[checkpoints.length - 1]) : null;
  if (resumed) {
    emit({
      type: 'log',
      message: `resuming from ${checkpoints[checkpoints.length - 1]} at step ${resumed.state.global_step}`,
    });
    return { params: resumed.params, resumed };
  }
  emit({ type: 'log', message: 'starting: loading weights' });
  const w = loadWeights(run.folder, config, task, { seed: a.seed, ignoreMismatchedHeads: true });
  const notice = initNotice(w, run.data.architecture, req.model);
  if (notice) emit({ type: 'log', message: notice });
  return { params: w.params, resumed: null };
}

/** The best model if asked, the final evaluation, the model files and Transformers' results files. */
async function finish(run: Run, t: Training): Promise<Record<string, number>> {
  const { a, emit, data, config, task } = run;
  const { state } = t;
  if (a.load_best_model_at_end && state.best_model_checkpoint) {
    const best = loadCheckpoint(state.best_model_checkpoint);
    await t.step.release();
    t.step = await t.newStep(best.params, best.optimizer);
    emit({ type: 'log', message: `loaded the best model from ${state.best_model_checkpoint}` });
  }
  const runtime = (Date.now() - t.started) / 1000;
  const trainLosses = state.log_history.filter((h) => 'loss' in h).map((h) => h.loss);
  const trainResults = {
    epoch: state.epoch,
    train_runtime: runtime,
    train_samples: data.train.length,
    train_samples_per_second: ((state.global_step - t.startStep) * t.perStep) / runtime,
    train_steps_per_second: (state.global_step - t.startStep) / runtime,
    train_loss: trainLosses.length
      ? trainLosses.reduce((x, y) => x + y, 0) / trainLosses.length
      : t.log.loss / Math.max(1, t.log.count),
  };
  const evalResults = data.validation.length
    ? {
        epoch: state.epoch,
        eval_samples: data.validation.length,
        ...(await t.evaluator.evaluate(await t.step.weights())).metrics,
      }
    : {};
  const out = (name: string, v: unknown) =>
    writeFileAtomic(path.join(a.output_dir, name), JSON.stringify(v, null, 2) + '\n');
  const finalWeights = await allWeights(t);
  saveModelInto(a.output_dir, config, task, finalWeights, t.tokenizerFiles);
  // What the task's evaluation decided for the model (multi-label thresholds), saved beside it.
  for (const [f, text] of Object.entries(t.evaluator.files?.() ?? {}))
    writeFileAtomic(path.join(a.output_dir, f), text);
  if (a.export_onnx) exportOnnx(a.output_dir, config, task, finalWeights);
  out('trainer_state.json', state);
  out('training_args.json', t.resolvedArgs);
  out('train_results.json', trainResults);
  out('eval_results.json', evalResults);
  // Written last: its presence marks a finished run.
  out('all_results.json', { ...trainResults, ...evalResults });
  return { ...trainResults, ...evalResults };
}
