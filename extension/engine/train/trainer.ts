/**
 * Fine-tuning a sequence classifier on a table: the loop Transformers' Trainer
 * runs (epochs, linear schedule, evaluation, checkpoints, best model, early
 * stopping), with every step one call of the ONNX step graph.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostTensor } from '../tensor';
import { isHead, parameterSpecs } from '../bert/params';
import { loadTokenizer } from '../bert/loadModel';
import { initNotice, loadWeights } from '../bert/weights';
import { modelFiles } from '../bert/save';
import { exportOnnx } from '../bert/export';
import type { ColumnMapping } from '../../shared/data/columns';
import { Example, collate, epochOrder, groupByLength } from '../data/batches';
import { FeatureExample, collateFeatures, extractFeatures } from './features';
import { buildHeadStep } from './stepGraph';
import { DEFAULT_ARGUMENTS, TrainingArguments, checkArguments } from './arguments';
import { setupClassification, setupQa } from './taskSetup';
import { looksLikeQa } from '../data/squad';
import { OptimizerState, TrainingStep } from './trainingStep';
import { learningRate, warmupSteps } from './schedule';
import { ADAMW_DEFAULTS } from './adamw';
import { Probe, buildWithFallback, selectProvider } from '../runtime/providers';
import { ExecutionProvider, ORT_VERSION, SessionOptions, probeProvider } from '../runtime/ort';
import { TrainerState, listCheckpoints, loadCheckpoint, rotateCheckpoints, saveCheckpoint } from './checkpoint';
import { eventLogger } from '../../shared/runs/eventLog';
import { writeFileAtomic } from '../../shared/atomicWrite';
import type { TrainEvent } from '../../shared/runs/trainEvent';

export interface TrainRequest {
  data: string;
  model: string;
  args: TrainingArguments;
  columns?: Partial<ColumnMapping>;
  /** Classification or extractive QA; by default QA when the data has question and context (or is SQuAD JSON). */
  task?: 'cls' | 'qa';
  resume?: boolean;
  /** Provider probing and its cache (tests replace them; the default probes this machine once). */
  probe?: Probe;
  providerCache?: string;
  onEvent?: (e: TrainEvent) => void;
  signal?: AbortSignal;
}

/** The dropout masks of a session depend on its seed; sessions start at checkpoints, so a resumed run repeats them. */
const dropoutSeed = (seed: number, step: number) => (seed * 7919 + step * 104729) % 2147483647;

export async function train(req: TrainRequest): Promise<Record<string, number>> {
  const a = checkArguments({ ...DEFAULT_ARGUMENTS, ...req.args });
  if (fs.existsSync(a.output_dir) && !fs.statSync(a.output_dir).isDirectory())
    throw new Error(`--output_dir ${a.output_dir} is a file`);
  // Logged in the run folder too, so a dashboard can be rebuilt from it.
  const emit = eventLogger(a.output_dir, req.onEvent ?? (() => undefined));
  const { tokenizer, config: base, folder } = await loadTokenizer(req.model);
  const task = req.task ?? ((await looksLikeQa(req.data)) ? 'qa' : 'cls');
  if (a.max_length > tokenizer.maxLength)
    throw new Error(`--max_length ${a.max_length} is more than the model's ${tokenizer.maxLength} positions`);
  const data =
    task === 'qa'
      ? await setupQa(req.data, tokenizer, base, a)
      : await setupClassification(req.data, tokenizer, base, a, req.columns);
  if (data.stats.stats && data.stats.mapping)
    emit({ type: 'stats', stats: data.stats.stats, labels: data.stats.labels, mapping: data.stats.mapping });
  if (!data.train.length) throw new Error(`${req.data}: no labelled rows to train on`);
  // What this run was made from, for the Runs view and for restoring its dashboard.
  writeFileAtomic(
    path.join(a.output_dir, 'bert-studio-run.json'),
    JSON.stringify(
      {
        model: req.model,
        data: path.resolve(req.data),
        task,
        mapping: data.stats.mapping,
        labels: data.stats.labels,
        started: new Date().toISOString(),
      },
      null,
      2,
    ) + '\n',
  );
  const config = data.config;
  const specs = parameterSpecs(config, task);
  const checkpoints = req.resume ? listCheckpoints(a.output_dir) : [];
  if (req.resume && !checkpoints.length) throw new Error(`--resume: no checkpoint in ${a.output_dir}`);
  const resumed = checkpoints.length ? loadCheckpoint(checkpoints[checkpoints.length - 1]) : null;
  let params: Map<string, HostTensor>;
  if (resumed) {
    params = resumed.params;
    emit({
      type: 'log',
      message: `resuming from ${checkpoints[checkpoints.length - 1]} at step ${resumed.state.global_step}`,
    });
  } else {
    const w = loadWeights(folder, config, task, { seed: a.seed, ignoreMismatchedHeads: true });
    params = w.params;
    const notice = initNotice(w, data.architecture, req.model);
    if (notice) emit({ type: 'log', message: notice });
  }
  const trainable = a.mode === 'full' ? specs : specs.filter((s) => isHead(s.name));
  const frozen = new Map([...params].filter(([k]) => !trainable.some((s) => s.name === k)));
  const chosen = await selectProvider(a.execution_provider, {
    probe: req.probe ?? probeProvider,
    ortVersion: ORT_VERSION,
    cachePath: req.providerCache,
  });
  emit({ type: 'log', message: `execution provider: ${chosen.provider} (${chosen.reason})` });
  const baseSession: SessionOptions = { threads: a.threads || undefined };
  const toks = await tokenizer.files();
  const perStep = a.per_device_train_batch_size * a.gradient_accumulation_steps;
  const stepsPerEpoch = Math.ceil(data.train.length / perStep);
  const total = a.max_steps > 0 ? a.max_steps : Math.ceil(stepsPerEpoch * a.num_train_epochs);
  const schedule = {
    type: a.lr_scheduler_type,
    baseLr: a.learning_rate,
    warmupSteps: warmupSteps(total, a.warmup_steps, a.warmup_ratio),
    totalSteps: total,
  };
  const state: TrainerState = resumed?.state ?? {
    global_step: 0,
    epoch: 0,
    log_history: [],
    best_metric: null,
    best_model_checkpoint: null,
    patience_used: 0,
  };
  const optimizer = { ...ADAMW_DEFAULTS, weightDecay: a.weight_decay, maxGradNorm: a.max_grad_norm };
  const frozenMode = a.mode === 'frozen';
  const makeBatch = frozenMode
    ? (b: Example[]) => collateFeatures(b as FeatureExample[])
    : (b: Example[]) => collate(b);
  // Everything that opens a session on the chosen provider: on a failure there, `auto` falls back to the CPU.
  const buildOn = async (ep: ExecutionProvider) => {
    const session: SessionOptions = { ...baseSession, executionProvider: ep };
    // Weights and moments stay on the GPU between steps with WebGPU; on the CPU, host buffers are the fast path.
    const location = ep === 'webgpu' ? 'device' : 'host';
    let [train, validation] = [data.train, data.validation];
    if (frozenMode) {
      const t0 = Date.now();
      [train, validation] = await extractFeatures(
        config,
        params,
        [train, validation],
        a.per_device_eval_batch_size,
        session,
      );
      emit({
        type: 'log',
        message: `frozen encoder: cached the features of ${train.length + validation.length} examples in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      });
    }
    const evaluator = await data.createEvaluator(specs, frozen, session, frozenMode);
    const newStep = (p: Map<string, HostTensor>, o?: OptimizerState) =>
      frozenMode
        ? TrainingStep.fromGraph(
            buildHeadStep(config, trainable, optimizer, dropoutSeed(a.seed, state.global_step)),
            trainable,
            p,
            session,
            o,
            false,
            location,
          )
        : TrainingStep.create(
            {
              config,
              task,
              trainable,
              frozen,
              optimizer,
              dropout: true,
              dropoutSeed: dropoutSeed(a.seed, state.global_step),
            },
            p,
            session,
            o,
            location,
          );
    const step = await newStep(params, resumed?.optimizer);
    return { session, train, validation, evaluator, newStep, step };
  };
  const built = await buildWithFallback(a.execution_provider, chosen, buildOn, {
    probe: req.probe ?? probeProvider,
    ortVersion: ORT_VERSION,
    cachePath: req.providerCache,
    onFallback: (message) => emit({ type: 'log', message }),
  });
  const { session, evaluator, newStep } = built.value;
  [data.train, data.validation] = [built.value.train, built.value.validation];
  let step: TrainingStep = built.value.step;
  const resolvedArgs = { ...a, execution_provider: session.executionProvider ?? 'cpu' };
  const allWeights = async () => new Map([...frozen, ...(await step.weights())]);
  const greater = !a.metric_for_best_model.endsWith('loss');
  const metricName = a.metric_for_best_model.startsWith('eval_')
    ? a.metric_for_best_model
    : `eval_${a.metric_for_best_model}`;
  let logLoss = 0,
    logCount = 0,
    stop = false;
  const started = Date.now();
  const startStep = state.global_step;

  const evaluate = async () => {
    const r = await evaluator.evaluate(await step.weights());
    const epoch = state.global_step / stepsPerEpoch;
    state.log_history.push({ ...r.metrics, epoch, step: state.global_step });
    emit({ type: 'eval', step: state.global_step, epoch, metrics: r.metrics, detail: r.detail });
    return r.metrics[metricName];
  };
  const save = async (value: number | undefined) => {
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
    saveCheckpoint(dir, config, task, await allWeights(), await step.optimizerState(), state, resolvedArgs, toks);
    rotateCheckpoints(a.output_dir, a.save_total_limit, a.load_best_model_at_end ? state.best_model_checkpoint : null);
    emit({ type: 'checkpoint', path: dir });
    // A checkpoint starts a new session (and dropout sequence), which a resumed run repeats exactly.
    const next = await newStep(new Map(await step.weights()), await step.optimizerState());
    await step.release();
    step = next;
  };

  try {
    while (state.global_step < total && !stop) {
      const s = state.global_step;
      const epoch = Math.floor(s / stepsPerEpoch);
      const shuffledOrder = epochOrder(data.train.length, a.seed, epoch);
      const order = a.group_by_length
        ? groupByLength(
            shuffledOrder,
            data.train.map((e) => e.inputIds.length),
            perStep,
          )
        : shuffledOrder;
      const k = s % stepsPerEpoch;
      const batch = order.slice(k * perStep, (k + 1) * perStep).map((i) => data.train[i]);
      const lr = learningRate(schedule, s);
      const r = await step.run(makeBatch(batch), lr);
      if (!Number.isFinite(r.loss)) {
        throw new Error(
          `the loss became ${r.loss} at step ${s + 1}; training stopped. ${listCheckpoints(a.output_dir).pop() ?? 'No checkpoint was saved yet'} is the last good checkpoint; try a lower --learning_rate`,
        );
      }
      state.global_step = s + 1;
      state.epoch = state.global_step / stepsPerEpoch;
      logLoss += r.loss;
      logCount++;
      const elapsed = (Date.now() - started) / 1000;
      const rate = (state.global_step - startStep) / Math.max(elapsed, 1e-9);
      emit({
        type: 'step',
        step: state.global_step,
        total,
        epoch: state.epoch,
        loss: r.loss,
        lr,
        grad_norm: r.gradNorm,
        samples_per_s: rate * batch.length,
        eta_s: (total - state.global_step) / rate,
      });
      if (state.global_step % a.logging_steps === 0) {
        state.log_history.push({
          loss: logLoss / logCount,
          learning_rate: lr,
          grad_norm: r.gradNorm,
          epoch: state.epoch,
          step: state.global_step,
        });
        logLoss = 0;
        logCount = 0;
      }
      const endOfEpoch = state.global_step % stepsPerEpoch === 0;
      const doEval =
        a.eval_strategy === 'epoch'
          ? endOfEpoch
          : a.eval_strategy === 'steps' && state.global_step % a.eval_steps === 0;
      const doSave =
        a.save_strategy === 'epoch'
          ? endOfEpoch
          : a.save_strategy === 'steps' && state.global_step % a.save_steps === 0;
      const value = doEval && data.validation.length ? await evaluate() : undefined;
      if (doSave || req.signal?.aborted) await save(value);
      if (a.early_stopping_patience > 0 && state.patience_used >= a.early_stopping_patience) {
        emit({
          type: 'log',
          message: `early stopping: ${metricName} did not improve for ${a.early_stopping_patience} evaluations`,
        });
        stop = true;
      }
      if (req.signal?.aborted) throw new Error(`cancelled at step ${state.global_step}; resume with --resume`);
    }
    if (a.load_best_model_at_end && state.best_model_checkpoint) {
      const best = loadCheckpoint(state.best_model_checkpoint);
      await step.release();
      step = await newStep(best.params, best.optimizer);
      emit({ type: 'log', message: `loaded the best model from ${state.best_model_checkpoint}` });
    }
    const runtime = (Date.now() - started) / 1000;
    const trainLosses = state.log_history.filter((h) => 'loss' in h).map((h) => h.loss);
    const trainResults = {
      epoch: state.epoch,
      train_runtime: runtime,
      train_samples: data.train.length,
      train_samples_per_second: ((state.global_step - startStep) * perStep) / runtime,
      train_steps_per_second: (state.global_step - startStep) / runtime,
      train_loss: trainLosses.length
        ? trainLosses.reduce((x, y) => x + y, 0) / trainLosses.length
        : logLoss / Math.max(1, logCount),
    };
    const evalResults = data.validation.length
      ? {
          epoch: state.epoch,
          eval_samples: data.validation.length,
          ...(await evaluator.evaluate(await step.weights())).metrics,
        }
      : {};
    const out = (name: string, v: unknown) =>
      writeFileAtomic(path.join(a.output_dir, name), JSON.stringify(v, null, 2) + '\n');
    const finalWeights = await allWeights();
    const files = modelFiles(config, task, finalWeights);
    fs.mkdirSync(a.output_dir, { recursive: true });
    writeFileAtomic(path.join(a.output_dir, 'config.json'), files['config.json'] as string);
    (files['model.safetensors'] as (f: string) => void)(path.join(a.output_dir, 'model.safetensors'));
    for (const [f, bytes] of Object.entries(toks)) writeFileAtomic(path.join(a.output_dir, f), bytes);
    if (a.export_onnx) exportOnnx(a.output_dir, config, task, finalWeights);
    out('trainer_state.json', state);
    out('training_args.json', resolvedArgs);
    out('train_results.json', trainResults);
    out('eval_results.json', evalResults);
    // Written last: its presence marks a finished run.
    out('all_results.json', { ...trainResults, ...evalResults });
    return { ...trainResults, ...evalResults };
  } finally {
    await step.release();
    await evaluator.release();
  }
}
