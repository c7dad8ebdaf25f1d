/**
 * Every message between a host (the extension or the CLI) and the engine
 * process. Requests carry ids; each gets one `result` or one `error`; `event`s
 * stream progress for a request; `ready` is the engine's handshake. Both sides
 * validate what they receive with the parsers below before acting on it.
 */
import type { TrainRequest } from '../train/trainer';
import type { ColumnMapping } from '../../shared/data/columns';
import type { RowProgress } from '../../shared/data/records';
import { TASK_NAMES, isTaskName } from '../tasks/registry';
import type { TaskName } from '../tasks/task';
import type { ProgressEvent } from '../hub/download';
import { POOLINGS, Pooling } from '../infer/pooling';
import type { QuickItem, QuickRequest } from '../train/quickModel';
import type { TrainEvent } from '../../shared/runs/trainEvent';
import type { DatasetSummary } from '../data/inspect';
import type { SplitResult } from '../data/splitFiles';
import type { Prediction } from '../infer/classify';
import type { Answer } from '../train/qaFeatures';
import type { Embedding } from '../infer/embed';
import type { DatasetPreview } from '../data/preview';
import type { Encoded } from '../tokenize/bertTokenizer';
import type { QuickResult } from '../train/quickModel';
import { arrayOf, isNum, isObj, isStr, nullOr, recordOf } from '../../shared/validate';
import { Estimate, isEstimate } from '../../shared/training/eta';

// The engine's types a host sees in requests and results: the host imports them from here, never from engine modules.
export type { ColumnMapping, DatasetSummary, Prediction, Answer, Embedding, Pooling, SplitResult, TrainEvent };
export type { DatasetPreview, Encoded, QuickRequest, QuickResult, Estimate };
export type { ProviderChoice } from '../runtime/providers';
export { DEFAULT_ARGUMENTS, type TrainingArguments } from '../train/arguments';

/** A training request as it crosses the process boundary: the trainer's request without its callbacks. */
export type TrainParams = Omit<TrainRequest, 'onEvent' | 'signal' | 'probe'>;

export type Request =
  | { id: number; type: 'train'; params: TrainParams }
  /** How long that training would take here, and its faster alternatives (nothing is written). */
  | { id: number; type: 'estimate'; params: TrainParams }
  | { id: number; type: 'cancel'; target: number }
  | { id: number; type: 'classify'; model: string; texts: string[]; pairs?: string[] }
  | { id: number; type: 'answer'; model: string; question: string; context: string }
  /** Any task's inference, by the model's own task (tasks/training.ts): { task, results } with one result per text. */
  | { id: number; type: 'predict'; model: string; texts: string[]; pairs?: string[] }
  | { id: number; type: 'evaluate'; run: string; data: string; columns?: Partial<ColumnMapping> }
  | { id: number; type: 'tokenize'; model: string; text: string; pair?: string; maxLength?: number }
  | { id: number; type: 'inspect'; file: string; columns?: Partial<ColumnMapping> }
  | { id: number; type: 'preview'; file: string; model: string; columns?: Partial<ColumnMapping>; maxLength?: number }
  | {
      id: number;
      type: 'split';
      file: string;
      columns?: Partial<ColumnMapping>;
      testSize: number;
      seed: number;
      overwrite: boolean;
    }
  | { id: number; type: 'embed'; model: string; texts: string[]; pooling: Pooling }
  | { id: number; type: 'download'; model: string; revision?: string }
  | { id: number; type: 'export'; model: string; out: string }
  | { id: number; type: 'quickSuggest'; model: string; request: QuickRequest };

/** Bytes of one file of a model download, streamed while the `download` request runs. */
export type DownloadEvent = { type: 'download' } & ProgressEvent;
/** Rows and bytes read so far while a large file is inspected. */
export type InspectEvent = { type: 'inspect' } & RowProgress;
export type EngineEvent = TrainEvent | DownloadEvent | InspectEvent;

/** What a request of type T carries besides its id and type. */
export type ParamsOf<T extends Request['type']> = Omit<Extract<Request, { type: T }>, 'id' | 'type'>;

/**
 * A request type with its result: `client.request(CLASSIFY, params)` resolves to `Prediction[][]`.
 * `parseResult` checks the result as it arrives, so no caller casts what the engine sent.
 */
export interface RequestType<Params, Result> {
  readonly type: Request['type'];
  readonly parseResult: (x: unknown) => Result;
  /** Only carries the params' type. */
  readonly params?: Params;
}

function requestType<T extends Request['type'], R>(
  type: T,
  what: string,
  is: (x: unknown) => x is R,
): RequestType<ParamsOf<T>, R> {
  return {
    type,
    parseResult: (x) => {
      if (!is(x)) throw new ProtocolError(`the engine's ${type} result is not ${what}`);
      return x;
    },
  };
}

/** NaN and ±Infinity cross the JSON IPC channel as null; scores and values let them through as before. */
const isFloat = (x: unknown): x is number => isNum(x) || x === null;
const floats = arrayOf(isFloat);
const numbers = arrayOf(isNum);
const isMapping = (x: unknown): x is ColumnMapping =>
  isObj(x) && isStr(x.text) && nullOr(isStr)(x.textPair) && nullOr(isStr)(x.label);
const isPrediction = (x: unknown): x is Prediction => isObj(x) && isStr(x.label) && isFloat(x.score);
const isAnswer = (x: unknown): x is Answer =>
  isObj(x) && isStr(x.text) && isFloat(x.score) && isNum(x.start) && isNum(x.end);
const isEmbedding = (x: unknown): x is Embedding =>
  isObj(x) && strings(x.tokens) && numbers(x.shape) && floats(x.data) && typeof x.truncated === 'boolean';
const isEncoded = (x: unknown): x is Encoded =>
  isObj(x) &&
  strings(x.tokens) &&
  numbers(x.inputIds) &&
  numbers(x.tokenTypeIds) &&
  numbers(x.attentionMask) &&
  arrayOf((o): o is [number, number] => numbers(o) && o.length === 2)(x.offsets) &&
  arrayOf(nullOr(isNum))(x.wordIds) &&
  arrayOf(nullOr(isNum))(x.sequenceIds) &&
  numbers(x.specialTokensMask) &&
  arrayOf(isEncoded)(x.overflowing);
const isSummary = (x: unknown): x is DatasetSummary =>
  isObj(x) &&
  isStr(x.file) &&
  (x.kind === 'classification' || x.kind === 'qa' || x.kind === null) &&
  (x.task === null || isTaskName(x.task)) &&
  isNum(x.rows) &&
  strings(x.columns) &&
  nullOr(isMapping)(x.mapping) &&
  recordOf(isNum)(x.labelCounts) &&
  isNum(x.unlabeled) &&
  nullOr(isStr)(x.problem);
const isSplit = (x: unknown): x is SplitResult =>
  isObj(x) &&
  isStr(x.train) &&
  isStr(x.validation) &&
  isNum(x.trainRows) &&
  isNum(x.validationRows) &&
  isMapping(x.mapping) &&
  recordOf(isNum)(x.trainCounts) &&
  recordOf(isNum)(x.validationCounts);
const isPreview = (x: unknown): x is DatasetPreview =>
  isObj(x) &&
  isStr(x.file) &&
  strings(x.columns) &&
  isMapping(x.mapping) &&
  arrayOf(recordOf(isStr))(x.rows) &&
  arrayOf(isEncoded)(x.encoded) &&
  numbers(x.fullLengths) &&
  isObj(x.lengths) &&
  numbers(x.lengths.edges) &&
  numbers(x.lengths.counts) &&
  isNum(x.totalRows);
const isQuickResult = (x: unknown): x is QuickResult =>
  isObj(x) && arrayOf(floats)(x.probs) && isNum(x.trained) && isNum(x.extracted);
const isTokenized = (x: unknown): x is { encoded: Encoded; fullLength: number; maxLength: number } =>
  isObj(x) && isEncoded(x.encoded) && isNum(x.fullLength) && isNum(x.maxLength);
const isDownloaded = (x: unknown): x is { folder: string; repoId: string | null; commit: string | null } =>
  isObj(x) && isStr(x.folder) && nullOr(isStr)(x.repoId) && nullOr(isStr)(x.commit);

/** The registry's task names, for the host (it reaches the engine only through this module and the client). */
export { TASK_NAMES, isTaskName, type TaskName };
/** The token task's result per text (`predict`): UTF-16 offsets into the text sent. */
export type { TaggedEntity } from '../tasks/token/tagger';

/** Every request the engine answers, with the type of its answer. */
export const TRAIN = requestType('train', 'a record of numbers', recordOf(isFloat));
export const ESTIMATE = requestType('estimate', 'an estimate {full, frozen, smaller, notes}', isEstimate);
export const CANCEL = requestType('cancel', 'null', (x): x is null => x === null);
export const CLASSIFY = requestType('classify', 'predictions per text', arrayOf(arrayOf(isPrediction)));
export const ANSWER = requestType('answer', 'a list of answers', arrayOf(isAnswer));
/**
 * Each result is the task's own JSON (entities, labels with thresholds, a value, …), as `predict --json` prints it.
 * With no texts, the answer is the model's task alone (its predictor loaded and kept warm).
 */
export const PREDICT = requestType(
  'predict',
  '{task, results[]}',
  (x): x is { task: string; results: unknown[] } => isObj(x) && isStr(x.task) && Array.isArray(x.results),
);
export const EVALUATE = requestType(
  'evaluate',
  'a record of metrics',
  recordOf((v): v is number | string => isFloat(v) || isStr(v)),
);
export const TOKENIZE = requestType('tokenize', '{encoded, fullLength, maxLength}', isTokenized);
export const INSPECT = requestType('inspect', 'a dataset summary', isSummary);
export const PREVIEW = requestType('preview', 'a dataset preview', isPreview);
export const SPLIT = requestType('split', 'a split result', isSplit);
export const EMBED = requestType('embed', 'a list of embeddings', arrayOf(isEmbedding));
export const DOWNLOAD = requestType('download', '{folder, repoId, commit}', isDownloaded);
export const EXPORT = requestType('export', 'the path of the exported file', isStr);
export const QUICK_SUGGEST = requestType('quickSuggest', 'quick-model probabilities', isQuickResult);

export type EngineMessage =
  | { type: 'ready'; pid: number; versions: Record<string, string> }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }
  | { type: 'event'; id: number; event: EngineEvent };

export class ProtocolError extends Error {}

const isId = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const strings = arrayOf(isStr);

export function parseRequest(x: unknown): Request {
  if (!isObj(x) || !isId(x.id)) throw new ProtocolError('a request needs a numeric id');
  switch (x.type) {
    case 'train':
    case 'estimate':
      return { id: x.id, type: x.type, params: parseTrainParams(x.params, x.type) };
    case 'cancel':
      if (!isId(x.target)) throw new ProtocolError('cancel needs the id of the request to cancel');
      return { id: x.id, type: 'cancel', target: x.target };
    case 'classify':
      if (typeof x.model !== 'string' || !strings(x.texts) || (x.pairs !== undefined && !strings(x.pairs)))
        throw new ProtocolError('classify needs {model, texts[], pairs?[]}');
      return { id: x.id, type: 'classify', model: x.model, texts: x.texts, pairs: x.pairs as string[] | undefined };
    case 'predict':
      if (
        typeof x.model !== 'string' ||
        !strings(x.texts) ||
        (x.pairs !== undefined && (!strings(x.pairs) || x.pairs.length !== x.texts.length))
      )
        throw new ProtocolError('predict needs {model, texts[], pairs?[] (one per text)}');
      return { id: x.id, type: 'predict', model: x.model, texts: x.texts, pairs: x.pairs as string[] | undefined };
    case 'answer':
      if (typeof x.model !== 'string' || typeof x.question !== 'string' || typeof x.context !== 'string')
        throw new ProtocolError('answer needs {model, question, context}');
      return { id: x.id, type: 'answer', model: x.model, question: x.question, context: x.context };
    case 'tokenize':
      if (
        typeof x.model !== 'string' ||
        typeof x.text !== 'string' ||
        (x.pair !== undefined && typeof x.pair !== 'string') ||
        (x.maxLength !== undefined && !isId(x.maxLength))
      ) {
        throw new ProtocolError('tokenize needs {model, text, pair?, maxLength?}');
      }
      return {
        id: x.id,
        type: 'tokenize',
        model: x.model,
        text: x.text,
        pair: x.pair as string | undefined,
        maxLength: x.maxLength as number | undefined,
      };
    case 'evaluate':
      if (typeof x.run !== 'string' || typeof x.data !== 'string' || (x.columns !== undefined && !isObj(x.columns)))
        throw new ProtocolError('evaluate needs {run, data, columns?}');
      return {
        id: x.id,
        type: 'evaluate',
        run: x.run,
        data: x.data,
        columns: x.columns as Partial<ColumnMapping> | undefined,
      };
    case 'inspect':
      if (typeof x.file !== 'string' || (x.columns !== undefined && !isObj(x.columns)))
        throw new ProtocolError('inspect needs {file, columns?}');
      return { id: x.id, type: 'inspect', file: x.file, columns: x.columns as Partial<ColumnMapping> | undefined };
    case 'preview':
      if (
        typeof x.file !== 'string' ||
        typeof x.model !== 'string' ||
        (x.columns !== undefined && !isObj(x.columns)) ||
        (x.maxLength !== undefined && !isId(x.maxLength))
      ) {
        throw new ProtocolError('preview needs {file, model, columns?, maxLength?}');
      }
      return {
        id: x.id,
        type: 'preview',
        file: x.file,
        model: x.model,
        columns: x.columns as Partial<ColumnMapping> | undefined,
        maxLength: x.maxLength as number | undefined,
      };
    case 'split':
      if (
        typeof x.file !== 'string' ||
        (x.columns !== undefined && !isObj(x.columns)) ||
        typeof x.testSize !== 'number' ||
        !(x.testSize > 0 && x.testSize < 1) ||
        !isId(x.seed) ||
        typeof x.overwrite !== 'boolean'
      )
        throw new ProtocolError('split needs {file, columns?, testSize in (0, 1), seed (an integer >= 0), overwrite}');
      return {
        id: x.id,
        type: 'split',
        file: x.file,
        columns: x.columns as Partial<ColumnMapping> | undefined,
        testSize: x.testSize,
        seed: x.seed,
        overwrite: x.overwrite,
      };
    case 'embed':
      if (typeof x.model !== 'string' || !strings(x.texts) || !POOLINGS.includes(x.pooling as Pooling))
        throw new ProtocolError(`embed needs {model, texts[], pooling: ${POOLINGS.join(' | ')}}`);
      return { id: x.id, type: 'embed', model: x.model, texts: x.texts, pooling: x.pooling as Pooling };
    case 'download':
      if (typeof x.model !== 'string' || !x.model || (x.revision !== undefined && typeof x.revision !== 'string'))
        throw new ProtocolError('download needs {model, revision?}');
      return { id: x.id, type: 'download', model: x.model, revision: x.revision as string | undefined };
    case 'export':
      if (typeof x.model !== 'string' || typeof x.out !== 'string' || !x.out)
        throw new ProtocolError('export needs {model, out}');
      return { id: x.id, type: 'export', model: x.model, out: x.out };
    case 'quickSuggest':
      return { id: x.id, type: 'quickSuggest', model: x.model as string, request: parseQuickRequest(x) };
    default:
      throw new ProtocolError(`unknown request type ${JSON.stringify(x.type)}`);
  }
}

/** A training request's params (train and estimate take the same). */
function parseTrainParams(p: unknown, type: string): TrainParams {
  if (!isObj(p) || typeof p.data !== 'string' || typeof p.model !== 'string' || !isObj(p.args))
    throw new ProtocolError(`${type} needs params {data, model, args}`);
  if (p.columns !== undefined && !isObj(p.columns)) throw new ProtocolError(`${type}: columns must be an object`);
  if (p.task !== undefined && !isTaskName(p.task))
    throw new ProtocolError(`${type}: task must be one of ${TASK_NAMES.join(', ')}`);
  return p as unknown as TrainParams;
}

const isQuickItem = (x: unknown): x is QuickItem =>
  isObj(x) && typeof x.text === 'string' && (x.pair === undefined || typeof x.pair === 'string');

function parseQuickRequest(x: Record<string, unknown>): QuickRequest {
  const r = x.request;
  if (
    typeof x.model !== 'string' ||
    !x.model ||
    !isObj(r) ||
    !strings(r.labels) ||
    !Array.isArray(r.train) ||
    !Array.isArray(r.predict) ||
    (r.seed !== undefined && !isId(r.seed))
  ) {
    throw new ProtocolError('quickSuggest needs {model, request: {labels[], train[], predict[], seed?}}');
  }
  if (!r.train.every((t) => isQuickItem(t) && isId((t as { label?: unknown }).label)))
    throw new ProtocolError('quickSuggest: each train item needs {text, pair?, label (an index)}');
  if (!r.predict.every(isQuickItem)) throw new ProtocolError('quickSuggest: each predict item needs {text, pair?}');
  return {
    labels: r.labels,
    train: r.train as QuickRequest['train'],
    predict: r.predict as QuickItem[],
    seed: r.seed as number | undefined,
  };
}

export function parseEngineMessage(x: unknown): EngineMessage {
  if (!isObj(x)) throw new ProtocolError('engine message is not an object');
  switch (x.type) {
    case 'ready':
      if (!isId(x.pid) || !recordOf(isStr)(x.versions)) throw new ProtocolError('ready needs pid and versions');
      return { type: 'ready', pid: x.pid, versions: x.versions };
    case 'result':
      if (!isId(x.id)) throw new ProtocolError('result needs an id');
      return { type: 'result', id: x.id, result: x.result };
    case 'error':
      if (!isId(x.id) || typeof x.message !== 'string') throw new ProtocolError('error needs an id and a message');
      return { type: 'error', id: x.id, message: x.message };
    case 'event':
      if (!isId(x.id) || !isObj(x.event) || typeof x.event.type !== 'string')
        throw new ProtocolError('event needs an id and an event');
      return { type: 'event', id: x.id, event: x.event as unknown as EngineEvent };
    default:
      throw new ProtocolError(`unknown engine message type ${JSON.stringify(x.type)}`);
  }
}
