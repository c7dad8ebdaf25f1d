/**
 * Building or restoring the training step: the execution provider, the schedule and the trainer state, the
 * frozen-mode feature cache, the evaluator, and the step itself (a new session at every checkpoint), with the
 * CPU fallback when `auto` chose a GPU that fails.
 */
import type { HostTensor } from '../tensor';
import { isHead, parameterSpecs } from '../bert/params';
import type { Example } from '../data/batches';
import { FeatureExample, collateFeatures, extractFeatures } from './features';
import { buildHeadStep } from './stepGraph';
import type { TrainingArguments } from './arguments';
import type { TaskEvaluator } from './taskSetup';
import { OptimizerState, TrainingStep } from './trainingStep';
import { ScheduleOptions, warmupSteps } from './schedule';
import { ADAMW_DEFAULTS, AdamWOptions } from './adamw';
import { buildWithFallback, selectProvider } from '../runtime/providers';
import { ExecutionProvider, ORT_VERSION, SessionOptions, probeProvider } from '../runtime/ort';
import type { Checkpoint, TrainerState } from './checkpoint';
import type { Run } from './trainer';
import { StepPlacement, StepTrace } from './stepTrace';

/** What the loop and the finish share; `step` is replaced when the best model is loaded at the end. */
export interface Training {
  step: TrainingStep;
  newStep(p: Map<string, HostTensor>, o?: OptimizerState, profilePrefix?: string): Promise<TrainingStep>;
  /** Profiles the first step on a device: where ORT placed the step graph's nodes. */
  trace: StepTrace;
  evaluator: TaskEvaluator;
  frozen: Map<string, HostTensor>;
  state: TrainerState;
  schedule: ScheduleOptions;
  total: number;
  perStep: number;
  stepsPerEpoch: number;
  makeBatch(b: Example[]): Record<string, HostTensor>;
  /** The arguments as run: the execution provider is the one that ran (and on a device, where the step's nodes ran). */
  resolvedArgs: TrainingArguments & { placement?: StepPlacement };
  tokenizerFiles: Record<string, Uint8Array>;
  metricName: string;
  started: number;
  startStep: number;
  /** Losses since the last logging step. */
  log: { loss: number; count: number };
}

/** The weights a run starts from, and the checkpoint they came from when it resumes. */
export interface StartingWeights {
  params: Map<string, HostTensor>;
  resumed: Checkpoint | null;
}

/** Steps per epoch and in all, the learning-rate schedule, and the trainer state (a checkpoint's when resuming). */
export function plan(a: TrainingArguments, examples: number, resumed: Checkpoint | null) {
  const perStep = a.per_device_train_batch_size * a.gradient_accumulation_steps;
  const stepsPerEpoch = Math.ceil(examples / perStep);
  const total = a.max_steps > 0 ? a.max_steps : Math.ceil(stepsPerEpoch * a.num_train_epochs);
  const schedule: ScheduleOptions = {
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
  return { perStep, stepsPerEpoch, total, schedule, state };
}

/** Frozen encoder: every example's pooled features, computed once; the step then trains the head on them. */
async function cacheFeatures(run: Run, params: Map<string, HostTensor>, session: SessionOptions) {
  const { data, a } = run;
  const t0 = Date.now();
  const [train, validation] = await extractFeatures(
    run.config,
    params,
    [data.train, data.validation],
    a.per_device_eval_batch_size,
    session,
  );
  run.emit({
    type: 'log',
    message: `frozen encoder: cached the features of ${train.length + validation.length} examples in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  });
  return [train, validation];
}

/** Makes a step session on `session`'s provider from weights and moments, seeded for the step it starts at. */
function stepFactory(
  run: Run,
  session: SessionOptions,
  o: {
    trainable: ReturnType<typeof parameterSpecs>;
    frozen: Map<string, HostTensor>;
    optimizer: AdamWOptions;
    state: TrainerState;
  },
): Training['newStep'] {
  const { a, config, task } = run;
  // Weights and moments stay on the GPU between steps with WebGPU; on the CPU, host buffers are the fast path.
  const location = session.executionProvider === 'webgpu' ? 'device' : 'host';
  return (p, moments, profilePrefix) =>
    a.mode === 'frozen'
      ? TrainingStep.fromGraph(
          buildHeadStep(config, o.trainable, o.optimizer, run.data.classWeights),
          o.trainable,
          p,
          { ...session, profilePrefix },
          moments,
          false,
          location,
          a.seed,
        )
      : TrainingStep.create(
          {
            config,
            task,
            trainable: o.trainable,
            frozen: o.frozen,
            optimizer: o.optimizer,
            dropout: true,
            dropoutSeed: a.seed,
            classWeights: run.data.classWeights,
          },
          p,
          { ...session, profilePrefix },
          moments,
          location,
        );
}

/**
 * Picks the execution provider and builds on it everything that opens a session there (frozen-mode features,
 * the evaluator, the step); when `auto` chose a GPU and that fails, buildWithFallback re-probes and uses the CPU.
 */
export async function buildTraining(run: Run, start: StartingWeights): Promise<Training> {
  const { a, emit, data } = run;
  const { params, resumed } = start;
  const specs = parameterSpecs(run.config, run.task);
  const trainable = a.mode === 'full' ? specs : specs.filter((s) => isHead(s.name));
  const frozen = new Map([...params].filter(([k]) => !trainable.some((s) => s.name === k)));
  const chosen = await selectProvider(a.execution_provider, {
    probe: run.req.probe ?? probeProvider,
    ortVersion: ORT_VERSION,
    cachePath: run.req.providerCache,
  });
  emit({ type: 'log', message: `execution provider: ${chosen.provider} (${chosen.reason})` });
  const baseSession: SessionOptions = { threads: a.threads || undefined };
  const tokenizerFiles = await run.tokenizer.files();
  const { perStep, stepsPerEpoch, total, schedule, state } = plan(a, data.train.length, resumed);
  const optimizer = { ...ADAMW_DEFAULTS, weightDecay: a.weight_decay, maxGradNorm: a.max_grad_norm };
  const frozenMode = a.mode === 'frozen';
  const trace = new StepTrace(chosen.provider);
  const buildOn = async (ep: ExecutionProvider) => {
    const session: SessionOptions = { ...baseSession, executionProvider: ep };
    const [train, validation] = frozenMode ? await cacheFeatures(run, params, session) : [data.train, data.validation];
    emit({ type: 'log', message: 'starting: building the training graph and its ONNX Runtime session' });
    const evaluator = await data.createEvaluator(specs, frozen, session, frozenMode);
    const newStep = stepFactory(run, session, { trainable, frozen, optimizer, state });
    const step = await newStep(params, resumed?.optimizer, ep === 'cpu' ? undefined : trace.profilePrefix);
    return { session, train, validation, evaluator, newStep, step };
  };
  const built = await buildWithFallback(a.execution_provider, chosen, buildOn, {
    probe: run.req.probe ?? probeProvider,
    ortVersion: ORT_VERSION,
    cachePath: run.req.providerCache,
    onFallback: (message) => emit({ type: 'log', message }),
  });
  const { session, evaluator, newStep, step } = built.value;
  [data.train, data.validation] = [built.value.train, built.value.validation];
  if (session.executionProvider === 'cpu') trace.discard();
  return {
    step,
    newStep,
    trace,
    evaluator,
    frozen,
    state,
    schedule,
    total,
    perStep,
    stepsPerEpoch,
    makeBatch: frozenMode
      ? (b: Example[]) => collateFeatures(b as FeatureExample[])
      : (b: Example[]) => data.collate(b),
    resolvedArgs: { ...a, execution_provider: session.executionProvider ?? 'cpu' },
    tokenizerFiles,
    metricName: a.metric_for_best_model.startsWith('eval_')
      ? a.metric_for_best_model
      : `eval_${a.metric_for_best_model}`,
    started: Date.now(),
    startStep: state.global_step,
    log: { loss: 0, count: 0 },
  };
}
