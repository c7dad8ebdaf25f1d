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
} from '../../../extension/shared/protocol/setup';
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
  assert.deepEqual(
    [detected.text, detected.textPair, detected.label, detected.task],
    ['review', null, 'stars', 'classification'],
  );
  assert.deepEqual(
    [detected.epochs, detected.learningRate, detected.batchSize, detected.maxLength, detected.seed],
    [3, 5e-5, 8, 128, 42],
  );
  const saved = initialForm({ mapping: { label: null }, task: 'classification' }, summary, 'm');
  assert.equal(saved.label, null, 'a saved "no label column" wins over detection');
  assert.equal(initialForm({}, { ...summary, kind: 'qa' }, 'm').task, 'qa');
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
  assert.throws(() => parseForm({ ...form, task: 'regression' }), /unknown task/);
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
});
