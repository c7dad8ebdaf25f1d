import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialForm, runName, trainParams } from '../../../extension/training/setupForm';
import { statusText, formatDuration } from '../../../extension/training/statusText';
import { emptyDashboard } from '../../../extension/shared/runs/dashboardModel';
import {
  formErrors,
  labelingAdvice,
  imbalanceNote,
  parseForm,
  parseFromSetup,
  type PreviewView,
  type SetupForm,
} from '../../../extension/shared/protocol/setup';
import { TASK_FIELDS, TASK_OPTIONS } from '../../../extension/shared/protocol/setupTasks';
import type { DatasetSummary } from '../../../extension/engine/data/inspect';
import { lengthHistogram } from '../../../extension/shared/data/lengthHistogram';

const summary: DatasetSummary = {
  file: '/d/reviews.csv',
  kind: 'classification',
  task: 'cls',
  rows: 10,
  columns: ['id', 'review', 'stars'],
  mapping: { text: 'review', textPair: null, label: 'stars' },
  labelCounts: { '1': 5, '5': 5 },
  unlabeled: 0,
  problem: null,
};
const runtime = { executionProvider: 'cpu' as const, threads: 2 };

test('the form starts from the saved record, else the detected mapping, with Trainer defaults', () => {
  const detected = initialForm({}, summary, 'bert-base-uncased');
  assert.deepEqual([detected.text, detected.textPair, detected.label, detected.task], ['review', null, 'stars', 'cls']);
  assert.deepEqual(
    [detected.epochs, detected.learningRate, detected.batchSize, detected.maxLength, detected.seed],
    [3, 5e-5, 8, 128, 42],
  );
  const saved = initialForm({ mapping: { label: null }, task: 'cls' }, summary, 'm');
  assert.equal(saved.label, null, 'a saved "no label column" wins over detection');
  assert.equal(initialForm({}, { ...summary, kind: 'qa', task: 'qa' }, 'm').task, 'qa');
  assert.equal(initialForm({}, { ...summary, task: 'token' }, 'm').task, 'token', 'the detected task is preselected');
  assert.equal(initialForm({ task: 'regression' }, { ...summary, task: 'cls' }, 'm').task, 'regression');
  assert.equal(initialForm({}, null, 'm').task, 'cls');
});

test('form errors name the field; a valid form becomes the training request', () => {
  const form = initialForm({}, summary, 'bert-base-uncased');
  assert.deepEqual(formErrors(form), {});
  const bad = { ...form, label: 'review', epochs: 0, learningRate: 2, maxLength: 4, model: ' ' };
  assert.deepEqual(Object.keys(formErrors(bad)).sort(), ['epochs', 'label', 'learningRate', 'maxLength', 'model']);
  assert.throws(() => trainParams(bad, '/d/reviews.csv', '/runs/x', runtime), /model: .*epochs: /);
  const p = trainParams({ ...form, epochs: 2, mode: 'frozen' }, '/d/reviews.csv', '/runs/x', runtime);
  assert.deepEqual(p.columns, { text: 'review', textPair: null, label: 'stars' });
  assert.equal(p.task, 'cls');
  assert.deepEqual(
    [p.args.num_train_epochs, p.args.mode, p.args.output_dir, p.args.execution_provider, p.args.threads],
    [2, 'frozen', '/runs/x', 'cpu', 2],
  );
  assert.equal(runName('/d/reviews.csv', new Date('2026-11-23T00:33:00.123Z')), 'reviews-2026-11-23T00-33-00');
});

test('the form crossing the webview boundary is checked field by field', () => {
  const form = initialForm({}, summary, 'm');
  assert.deepEqual(parseFromSetup({ type: 'start', form }), { type: 'start', form });
  assert.throws(() => parseForm({ ...form, task: 'ner' }), /unknown task/);
  assert.equal(parseForm({ ...form, task: 'pair' }).task, 'cls', 'a form saved by the page before the registry');
  assert.throws(() => parseForm({ ...form, epochs: '3' }), /epochs must be a number/);
  assert.throws(() => parseFromSetup({ type: 'exec' }), /unknown message "exec"/);
  assert.equal(parseForm({ ...form, textPair: '' }).textPair, null);
});

test('status bar text: percent, loss, ETA', () => {
  const s = {
    ...emptyDashboard('r'),
    status: 'running' as const,
    step: 21,
    total: 50,
    loss: [[21, 0.51234]] as [number, number][],
    etaSeconds: 65,
  };
  assert.equal(statusText(s), '$(sync~spin) BERT 42% · loss 0.512 · ETA 1 min 5 s');
  assert.equal(statusText(emptyDashboard('r')), '$(sync~spin) BERT Studio: preparing data');
  assert.equal(formatDuration(3725), '1 h 2 min');
});

test('Label First is offered when there is no label column, the engine found a problem, or most rows are unlabeled', () => {
  const form = initialForm({}, summary, 'm');
  const preview: PreviewView = {
    columns: ['id', 'review', 'stars'],
    rows: [],
    totalRows: 10,
    labelCounts: { '1': 5, '5': 5 },
    unlabeled: 0,
    lengths: lengthHistogram([4, 5, 6], 128),
    tokens: [],
    problem: null,
  };
  assert.equal(labelingAdvice(preview, form), null);
  assert.match(labelingAdvice(preview, { ...form, label: null }) ?? '', /No label column is chosen/);
  assert.equal(labelingAdvice({ ...preview, problem: 'only one class (5)' }, form), 'only one class (5)');
  assert.match(labelingAdvice({ ...preview, unlabeled: 6 }, form) ?? '', /^6 of 10 rows have no label/);
  assert.equal(labelingAdvice({ ...preview, unlabeled: 5 }, form), null, 'half labeled is enough');
  assert.equal(labelingAdvice({ ...preview, problem: 'x' }, { ...form, task: 'qa' }), null);
});

test('class weights go to the run (not for QA); the imbalance call-out names the classes past 5×', () => {
  const form = initialForm({}, summary, 'm');
  assert.equal(form.classWeights, 'none');
  assert.equal(
    trainParams({ ...form, classWeights: 'balanced' }, '/d/r.csv', '/runs/x', runtime).args.class_weights,
    'balanced',
  );
  assert.equal(
    trainParams({ ...form, task: 'qa', classWeights: 'balanced' }, '/d/r.json', '/runs/x', runtime).args.class_weights,
    'none',
  );
  assert.equal(parseForm({ ...form, classWeights: undefined }).classWeights, 'none', 'a form saved before the field');
  assert.throws(() => parseForm({ ...form, classWeights: 'w' }), /classWeights must be none or balanced/);
  assert.equal(imbalanceNote({ a: 50, b: 10, c: 0 }), null, 'exactly 5× is not past it; empty classes do not count');
  assert.match(imbalanceNote({ a: 51, b: 10 }) ?? '', /'a' has 51 rows, 5\.1× the 10 of 'b'/);
  assert.equal(imbalanceNote({ a: 7 }), null);
  assert.match(imbalanceNote({ O: 60, 'B-PER': 10 }, 'words') ?? '', /'O' has 60 words, 6\.0× the 10 of 'B-PER'/);
});

test('each task sends its registry name with the columns it needs, and shows only the fields it uses', () => {
  const form: SetupForm = { ...initialForm({}, summary, 'm'), textPair: 'id', classWeights: 'balanced' };
  const params = (f: Partial<typeof form>) => trainParams({ ...form, ...f }, '/d/x', '/runs/x', runtime);
  // Single-label (a pair is cls with a second text column): its columns and class weights.
  const pair = params({});
  assert.deepEqual(
    [pair.task, pair.columns, pair.args.class_weights],
    ['cls', { text: 'review', textPair: 'id', label: 'stars' }, 'balanced'],
  );
  // Tagged sentences and SQuAD files have fixed fields: no columns; token keeps class weights, QA has none.
  const token = params({ task: 'token', label: null, text: '' });
  assert.deepEqual([token.task, token.columns, token.args.class_weights], ['token', undefined, 'balanced']);
  assert.deepEqual(
    formErrors({ ...form, task: 'token', label: null, text: '' }),
    {},
    'no column is asked of token data',
  );
  const qa = params({ task: 'qa', label: null });
  assert.deepEqual([qa.task, qa.columns, qa.args.class_weights], ['qa', undefined, 'none']);
  // Multi-label: the label column is optional (a 0/1 column per label without one); no class weights.
  const multi = params({ task: 'multilabel', label: null, textPair: null });
  assert.deepEqual(
    [multi.task, multi.columns, multi.args.class_weights],
    ['multilabel', { text: 'review', textPair: null, label: null }, 'none'],
  );
  // Regression: a label column is needed; no class weights.
  assert.deepEqual(Object.keys(formErrors({ ...form, task: 'regression', label: null })), ['label']);
  const reg = params({ task: 'regression' });
  assert.deepEqual([reg.task, reg.columns?.label, reg.args.class_weights], ['regression', 'stars', 'none']);
  // Frozen-encoder mode is single-label classification's: other tasks (which do not show the field) train in full.
  assert.equal(params({ task: 'token', mode: 'frozen' }).args.mode, 'full');
  assert.equal(params({ mode: 'frozen' }).args.mode, 'frozen');
  // What the page draws per task comes from one table keyed by the registry's names.
  assert.deepEqual(
    TASK_OPTIONS.map(([t]) => t),
    ['cls', 'qa', 'token', 'multilabel', 'regression'],
  );
  assert.deepEqual(
    Object.entries(TASK_FIELDS)
      .filter(([, f]) => f.classWeights)
      .map(([t]) => t),
    ['cls', 'token'],
  );
  assert.match(TASK_OPTIONS.find(([t]) => t === 'token')![1], /Named entities \(token classification\)/);
});

test('Label First: token data offers it for its problem; QA never', () => {
  const preview: PreviewView = {
    columns: ['text', 'spans'],
    rows: [],
    totalRows: 10,
    labelCounts: { O: 50, 'B-PER': 5 },
    unlabeled: 0,
    lengths: lengthHistogram([4], 128),
    tokens: [],
    problem: null,
  };
  const form = { ...initialForm({}, { ...summary, task: 'token' }, 'm'), label: null };
  assert.equal(labelingAdvice(preview, form), null, 'tagged sentences need no label column');
  assert.equal(labelingAdvice({ ...preview, problem: 'bad span' }, form), 'bad span');
  assert.equal(labelingAdvice({ ...preview, problem: 'bad' }, { ...form, task: 'qa' }), null);
  assert.equal(labelingAdvice(preview, { ...form, task: 'multilabel' }), null, 'multi-label may read 0/1 columns');
});
