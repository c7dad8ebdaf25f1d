/**
 * Messages of the Fine-tune setup page, and the form it sends: validated by the
 * same function in the page (inline errors) and in the extension (on arrival).
 */
import type { TokensView } from '../tokenChips';
import type { LengthHistogram } from '../data/lengthHistogram';
import { isTaskName, type TaskName } from '../tasks';
import { TASK_FIELDS, upgradeTask } from './setupTasks';
import { EtaFromSetup, EtaToSetup, parseEtaFromSetup, parseEtaToSetup } from './setupEta';

/** The registry's task names; a sentence pair is cls with a second text column. */
export type SetupTask = TaskName;

export interface SetupForm {
  model: string;
  task: SetupTask;
  mode: 'full' | 'frozen';
  text: string;
  textPair: string | null;
  label: string | null;
  epochs: number;
  learningRate: number;
  batchSize: number;
  maxLength: number;
  warmupRatio: number;
  weightDecay: number;
  seed: number;
  evalStrategy: 'epoch' | 'no';
  /** Class-weighted cross-entropy (the CLI's --class_weights): none, or balanced (n / (k · count)). */
  classWeights: 'none' | 'balanced';
}

export interface PreviewView {
  columns: string[];
  rows: Record<string, string>[];
  totalRows: number;
  labelCounts: Record<string, number>;
  unlabeled: number;
  lengths: LengthHistogram;
  tokens: { view: TokensView; texts: string[] }[];
  /** Why the file cannot be trained on as mapped (no label column, one class, …), or null. */
  problem: string | null;
}

export type ToSetup =
  | { type: 'init'; file: string; form: SetupForm; trusted: boolean }
  | { type: 'preview'; preview: PreviewView }
  | { type: 'previewError'; message: string }
  | { type: 'startError'; message: string }
  | EtaToSetup;

export type FromSetup =
  | { type: 'ready' }
  | { type: 'change'; form: SetupForm }
  | { type: 'start'; form: SetupForm }
  | { type: 'label' }
  | EtaFromSetup;

/** Field → what is wrong with it; empty when the form can start a run. */
export function formErrors(f: SetupForm): Partial<Record<keyof SetupForm, string>> {
  const e: Partial<Record<keyof SetupForm, string>> = {};
  if (!f.model.trim()) e.model = 'a model folder or Hugging Face id is needed';
  const fields = TASK_FIELDS[f.task];
  if (fields.columns) {
    if (!f.text) e.text = 'choose the text column';
    if (fields.label === 'required' && !f.label) e.label = 'choose the label column (or label the data first)';
    if (f.label && (f.label === f.text || f.label === f.textPair))
      e.label = 'the label column cannot also be a text column';
    if (f.textPair && f.textPair === f.text) e.textPair = 'the second text must be another column';
  }
  if (!(Number.isInteger(f.epochs) && f.epochs >= 1 && f.epochs <= 1000))
    e.epochs = 'a whole number of epochs, 1 to 1000';
  if (!(f.learningRate > 0 && f.learningRate < 1)) e.learningRate = 'between 0 and 1 (Trainer default 5e-5)';
  if (!(Number.isInteger(f.batchSize) && f.batchSize >= 1 && f.batchSize <= 4096))
    e.batchSize = 'a whole number, 1 to 4096';
  if (!(Number.isInteger(f.maxLength) && f.maxLength >= 8 && f.maxLength <= 8192))
    e.maxLength = 'a whole number of tokens, 8 to the model’s positions';
  if (!(f.warmupRatio >= 0 && f.warmupRatio < 1)) e.warmupRatio = 'from 0 up to (not including) 1';
  if (!(f.weightDecay >= 0 && f.weightDecay < 1)) e.weightDecay = 'from 0 up to 1';
  if (!(Number.isInteger(f.seed) && f.seed >= 0)) e.seed = 'a whole number ≥ 0';
  return e;
}

/**
 * Why the person may want to label first (the page then offers "Label First…"),
 * or null: no label column, a problem the engine found with it, or most rows
 * unlabeled (those are left out of training). QA data is labeled by its answers.
 */
export function labelingAdvice(p: PreviewView, f: SetupForm): string | null {
  const fields = TASK_FIELDS[f.task];
  if (!fields.labeler) return null;
  if (p.problem) return p.problem;
  if (!f.label && fields.label === 'required')
    return 'No label column is chosen: pick the column that holds the labels, or label the rows first.';
  if (p.totalRows > 0 && p.unlabeled > p.totalRows / 2)
    return `${p.unlabeled} of ${p.totalRows} rows have no label and are left out of training: label more of them first for a better model.`;
  return null;
}

/** The largest class over 5× the smallest (of those with rows): the call-out beside Class weights, or null. */
export function imbalanceNote(labelCounts: Record<string, number>, counted = 'rows'): string | null {
  const present = Object.entries(labelCounts).filter(([, n]) => n > 0);
  if (present.length < 2) return null;
  const [most, least] = [
    present.reduce((a, b) => (b[1] > a[1] ? b : a)),
    present.reduce((a, b) => (b[1] < a[1] ? b : a)),
  ];
  if (most[1] <= 5 * least[1]) return null;
  return `Imbalanced labels: '${most[0]}' has ${most[1]} ${counted}, ${(most[1] / least[1]).toFixed(1)}× the ${least[1]} of '${least[0]}'. Class weights “balanced” make each class count alike in the loss.`;
}

const str = (x: unknown, name: string) => {
  if (typeof x !== 'string') throw new Error(`setup: ${name} must be a string`);
  return x;
};
const strOrNull = (x: unknown, name: string) => (x === null || x === '' ? null : str(x, name));
const num = (x: unknown, name: string) => {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`setup: ${name} must be a number`);
  return x;
};

export function parseForm(x: unknown): SetupForm {
  const f = x as Record<string, unknown> | null;
  if (!f || typeof f !== 'object') throw new Error('setup: the form is missing');
  const task = upgradeTask(f.task);
  if (!isTaskName(task)) throw new Error('setup: unknown task');
  if (f.mode !== 'full' && f.mode !== 'frozen') throw new Error('setup: mode must be full or frozen');
  if (f.evalStrategy !== 'epoch' && f.evalStrategy !== 'no') throw new Error('setup: evalStrategy must be epoch or no');
  // A form saved before class weights existed has none.
  const classWeights = f.classWeights ?? 'none';
  if (classWeights !== 'none' && classWeights !== 'balanced')
    throw new Error('setup: classWeights must be none or balanced');
  return {
    model: str(f.model, 'model'),
    task,
    mode: f.mode,
    text: str(f.text, 'text'),
    textPair: strOrNull(f.textPair, 'textPair'),
    label: strOrNull(f.label, 'label'),
    epochs: num(f.epochs, 'epochs'),
    learningRate: num(f.learningRate, 'learningRate'),
    batchSize: num(f.batchSize, 'batchSize'),
    maxLength: num(f.maxLength, 'maxLength'),
    warmupRatio: num(f.warmupRatio, 'warmupRatio'),
    weightDecay: num(f.weightDecay, 'weightDecay'),
    seed: num(f.seed, 'seed'),
    evalStrategy: f.evalStrategy,
    classWeights,
  };
}

export function parseFromSetup(x: unknown): FromSetup {
  const m = x as Record<string, unknown> | null;
  switch (m?.type) {
    case 'ready':
    case 'label':
      return { type: m.type };
    case 'change':
    case 'start':
      return { type: m.type, form: parseForm(m.form) };
    default: {
      const eta = parseEtaFromSetup(m, parseForm);
      if (eta) return eta;
      throw new Error(`setup: unknown message ${JSON.stringify(m?.type)}`);
    }
  }
}

export function parseToSetup(x: unknown): ToSetup {
  const m = x as Record<string, unknown> | null;
  switch (m?.type) {
    case 'init':
      if (typeof m.file !== 'string' || typeof m.trusted !== 'boolean') throw new Error('setup: init is malformed');
      return { type: 'init', file: m.file, form: parseForm(m.form), trusted: m.trusted };
    case 'preview': {
      const p = m.preview as Record<string, unknown> | null;
      if (
        !p ||
        !Array.isArray(p.columns) ||
        !Array.isArray(p.rows) ||
        !Array.isArray(p.tokens) ||
        typeof p.totalRows !== 'number' ||
        !p.lengths ||
        typeof p.lengths !== 'object'
      ) {
        throw new Error('setup: preview is malformed');
      }
      return { type: 'preview', preview: p as unknown as PreviewView };
    }
    case 'previewError':
    case 'startError':
      return { type: m.type, message: str(m.message, 'message') };
    default: {
      const eta = parseEtaToSetup(m, parseForm);
      if (eta) return eta;
      throw new Error(`setup: unknown message ${JSON.stringify(m?.type)}`);
    }
  }
}
