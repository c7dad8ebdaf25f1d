/** The engine process: answers requests from its parent over the IPC channel. */
import { EngineMessage, Request, parseRequest } from './protocol';
import { train } from '../train/trainer';
import { estimate } from '../train/estimate';
import { Classifier } from '../infer/classify';
import { QuestionAnswerer } from '../infer/answer';
import { Embedder } from '../infer/embed';
import { resolveModel } from '../hub/resolve';
import type { ProgressEvent } from '../hub/download';
import { exportModel } from '../bert/exportModel';
import { QuickModel } from '../train/quickModel';
import { evaluateRun } from '../train/evaluateRun';
import { inspectDataset } from '../data/inspect';
import { writeSplitFiles } from '../data/splitFiles';
import type { RowProgress } from '../../shared/data/records';
import { previewDataset } from '../data/preview';
import { loadTokenizer, taskOf } from '../bert/loadModel';
import type { TaskName } from '../tasks/task';
import { TRAINING, TaskPredictions } from '../tasks/training';
import { buildWithFallback, selectProvider } from '../runtime/providers';
import { ExecutionProvider, ORT_VERSION, probeProvider } from '../runtime/ort';
import { TrainEvent } from '../../shared/runs/trainEvent';

const STEP_EVENT_INTERVAL_MS = 100;
const running = new Map<number, AbortController>();
const classifiers = new Map<string, Promise<Classifier>>();
const answerers = new Map<string, Promise<QuestionAnswerer>>();
const predictors = new Map<string, Promise<{ task: TaskName; predictor: TaskPredictions }>>();

/** The model's own task's predictor; a base model has none. */
async function openPredictor(model: string): Promise<{ task: TaskName; predictor: TaskPredictions }> {
  const { config } = await loadTokenizer(model);
  const task = taskOf(config);
  if (task === 'base') throw new Error(`${model} is a base model with no task head; fine-tune it first`);
  return { task, predictor: await TRAINING[task].openPredictor(model) };
}
const embedders = new Map<string, Promise<Embedder>>();
const quickModels = new Map<string, Promise<QuickModel>>();
const tokenizers = new Map<string, ReturnType<typeof loadTokenizer>>();

let provider: ReturnType<typeof selectProvider> | null = null;
/** The machine's best provider (probed once, cached on disk); CPU when none. */
function inferenceProvider(): ReturnType<typeof selectProvider> {
  provider ??= selectProvider('auto', { probe: probeProvider, ortVersion: ORT_VERSION });
  return provider;
}

/** Models stay loaded (sessions warm) across requests; a failed load is forgotten so it can be retried. */
async function warm<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key)!.catch((e) => {
    cache.delete(key);
    throw e;
  });
}

function send(m: EngineMessage): void {
  process.send?.(m);
}

/** Step events at most every 100 ms (and always the last), so a fast tiny model does not flood the host. */
function throttled(id: number): (e: TrainEvent) => void {
  let last = 0;
  return (event) => {
    if (event.type === 'step' && event.step !== event.total && Date.now() - last < STEP_EVENT_INTERVAL_MS) return;
    if (event.type === 'step') last = Date.now();
    send({ type: 'event', id, event });
  };
}

/** Download progress at most every 100 ms per file (and always a file's last bytes). */
function downloadProgress(id: number): (e: ProgressEvent) => void {
  let last = 0;
  return (e) => {
    if (e.bytes !== e.total && Date.now() - last < STEP_EVENT_INTERVAL_MS) return;
    last = Date.now();
    send({ type: 'event', id, event: { type: 'download', ...e } });
  };
}

/** Inspection progress at most every 200 ms (and always the end), so the Datasets view can show "inspecting… 40%". */
function inspectProgress(id: number): (p: RowProgress) => void {
  let last = 0;
  return (p) => {
    if (p.bytes !== p.total && Date.now() - last < 2 * STEP_EVENT_INTERVAL_MS) return;
    last = Date.now();
    send({ type: 'event', id, event: { type: 'inspect', ...p } });
  };
}

/** Runs a request that `cancel` can stop: its signal is aborted by a cancel naming its id. */
async function cancellable<T>(id: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  running.set(id, ctl);
  try {
    return await run(ctl.signal);
  } finally {
    running.delete(id);
  }
}

async function handle(r: Request): Promise<unknown> {
  switch (r.type) {
    case 'train':
      return cancellable(r.id, (signal) => train({ ...r.params, onEvent: throttled(r.id), signal }));
    case 'estimate':
      return cancellable(r.id, (signal) => estimate({ ...r.params, onEvent: throttled(r.id), signal }));
    case 'cancel': {
      const ctl = running.get(r.target);
      if (!ctl) throw new Error(`no running request ${r.target} to cancel`);
      ctl.abort();
      return null;
    }
    case 'classify':
      return (
        await warm(classifiers, r.model, async () => {
          const chosen = await inferenceProvider();
          const load = (ep: ExecutionProvider) => Classifier.load(r.model, { executionProvider: ep });
          const loaded = await buildWithFallback('auto', chosen, load, {
            probe: probeProvider,
            ortVersion: ORT_VERSION,
            onFallback: () => (provider = Promise.resolve({ ...chosen, provider: 'cpu' })),
          });
          return loaded.value;
        })
      ).classify(r.texts, r.pairs);
    case 'predict': {
      const { task, predictor } = await warm(predictors, r.model, () => openPredictor(r.model));
      // No texts asks only the model's task (a command checks it before sending a text the task cannot read).
      const results = r.texts.length ? await predictor.predict(r.texts, r.pairs ?? null) : [];
      return { task, results: results.map((x) => x.json) };
    }
    case 'answer':
      return (await warm(answerers, r.model, () => QuestionAnswerer.load(r.model))).answer(r.question, r.context);
    case 'embed':
      return (await warm(embedders, r.model, () => Embedder.load(r.model))).embed(r.texts, r.pooling);
    case 'download':
      return cancellable(r.id, async (signal) => {
        const got = await resolveModel(r.model, { revision: r.revision, signal, onProgress: downloadProgress(r.id) });
        return { folder: got.folder, repoId: got.repoId ?? null, commit: got.commit ?? null };
      });
    case 'export':
      return exportModel(r.model, r.out);
    case 'quickSuggest':
      return (await warm(quickModels, r.model, () => QuickModel.load(r.model))).suggest(r.request);
    case 'evaluate':
      return evaluateRun(r.run, r.data, { columns: r.columns });
    case 'inspect':
      return inspectDataset(r.file, r.columns, inspectProgress(r.id));
    case 'split':
      return writeSplitFiles(r.file, {
        columns: r.columns,
        testSize: r.testSize,
        seed: r.seed,
        overwrite: r.overwrite,
      });
    case 'preview': {
      const { tokenizer } = await warm(tokenizers, r.model, () => loadTokenizer(r.model));
      return previewDataset(r.file, tokenizer, { columns: r.columns, maxLength: r.maxLength });
    }
    case 'tokenize': {
      const { tokenizer } = await warm(tokenizers, r.model, () => loadTokenizer(r.model));
      const encoded = await tokenizer.encode(r.text, r.pair ?? null, { maxLength: r.maxLength });
      const full = await tokenizer.encode(r.text, r.pair ?? null, { truncation: false });
      return { encoded, fullLength: full.inputIds.length, maxLength: r.maxLength ?? tokenizer.maxLength };
    }
  }
}

process.on('message', (raw: unknown) => {
  let request: Request;
  try {
    request = parseRequest(raw);
  } catch (e) {
    const id = (raw as { id?: unknown })?.id;
    send({ type: 'error', id: Number.isInteger(id) ? (id as number) : 0, message: (e as Error).message });
    return;
  }
  handle(request).then(
    (result) => send({ type: 'result', id: request.id, result }),
    (e: Error) => send({ type: 'error', id: request.id, message: e.message }),
  );
});
process.on('disconnect', () => process.exit(0));
// A Ctrl-C in a terminal reaches the whole process group, the engine too: it cancels what runs (training saves a
// checkpoint) instead of killing it mid-step; the parent decides whether to exit.
process.on('SIGINT', () => {
  for (const ctl of running.values()) ctl.abort();
});
send({ type: 'ready', pid: process.pid, versions: { node: process.versions.node } });
