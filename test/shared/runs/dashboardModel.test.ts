import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EVENTS_FILE, eventLogger, readEvents } from '../../../extension/shared/runs/eventLog';
import {
  applyEvent,
  emptyDashboard,
  finish,
  forDisplay,
  restoreDashboard,
  thin,
} from '../../../extension/shared/runs/dashboardModel';
import { parseToDashboard, parseFromDashboard } from '../../../extension/shared/protocol/dashboard';
import type { TrainEvent } from '../../../extension/shared/runs/trainEvent';
import { classificationDetail, regressionDetail, regressionPoints } from '../../../extension/shared/runs/evalDetail';
import { runSummary } from '../../../extension/shared/runs/runSummary';
import { isCurve } from '../../../extension/shared/runs/taskMetrics';

const step = (n: number, loss: number): TrainEvent => ({
  type: 'step',
  step: n,
  total: 10,
  epoch: n / 5,
  loss,
  lr: 1e-3 * (1 - n / 10),
  grad_norm: 1,
  samples_per_s: 50,
  eta_s: 10 - n,
});
const evalAt = (n: number, acc: number): TrainEvent => ({
  type: 'eval',
  step: n,
  epoch: n / 5,
  metrics: { eval_loss: 1 - acc, eval_accuracy: acc, eval_runtime: 0.1 },
  detail: {
    accuracy: acc,
    f1_macro: acc,
    f1_weighted: acc,
    per_class: [
      { label: 'a', precision: 1, recall: 1, f1: 1, support: 2 },
      { label: 'b', precision: 0, recall: 0, f1: 0, support: 0 },
    ],
    confusion: [
      [2, 0],
      [0, 0],
    ],
  },
});

test('events fold into progress, curves, provider and the last evaluation', () => {
  const events: TrainEvent[] = [
    { type: 'stats', stats: {} as never, labels: ['a', 'b'], mapping: { text: 't', textPair: null, label: 'l' } },
    { type: 'log', message: 'execution provider: cpu (no GPU provider works here)' },
    step(1, 0.9),
    step(2, 0.8),
    evalAt(2, 0.5),
    step(3, 0.7),
  ];
  const s = events.reduce(applyEvent, emptyDashboard('run'));
  assert.equal(s.status, 'running');
  assert.equal(s.provider, 'cpu');
  assert.deepEqual(s.labels, ['a', 'b']);
  assert.deepEqual(s.loss, [
    [1, 0.9],
    [2, 0.8],
    [3, 0.7],
  ]);
  assert.deepEqual(Object.keys(s.evals).sort(), ['eval_accuracy', 'eval_loss'], 'runtime is not a curve');
  assert.deepEqual(classificationDetail(s.lastEval?.detail ?? null)?.confusion, [
    [2, 0],
    [0, 0],
  ]);
  assert.equal(finish(s, { results: { eval_accuracy: 0.5 } }).status, 'finished');
  assert.equal(finish(s, { error: 'cancelled at step 3; resume with --resume' }).status, 'cancelled');
  assert.equal(finish(s, { error: 'out of memory' }).status, 'failed');
});

test('a resumed run drops what was logged past its checkpoint', () => {
  const s = [step(1, 0.9), step(2, 0.8), step(3, 0.7), step(2, 0.75), step(3, 0.65)].reduce(
    applyEvent,
    emptyDashboard('run'),
  );
  assert.deepEqual(s.loss, [
    [1, 0.9],
    [2, 0.75],
    [3, 0.65],
  ]);
});

test('the event log survives a torn last line and rebuilds the dashboard of a finished, failed or interrupted run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'events-'));
  const forwarded: TrainEvent[] = [];
  const log = eventLogger(dir, (e) => forwarded.push(e));
  for (const e of [step(1, 0.9), step(2, 0.8), evalAt(2, 0.75)]) log(e);
  fs.appendFileSync(path.join(dir, EVENTS_FILE), '{"type":"step","step":3,"tot');
  const events = readEvents(dir);
  assert.equal(events.length, 3);
  assert.equal(forwarded.length, 3);
  assert.ok(events.every((e) => typeof e.time === 'number'));
  assert.equal(
    restoreDashboard('r', events, { results: { eval_accuracy: 0.75 }, failure: null, running: false }).status,
    'finished',
  );
  assert.equal(
    restoreDashboard('r', events, { results: null, failure: 'disk full', running: false }).error,
    'disk full',
  );
  assert.equal(restoreDashboard('r', events, { results: null, failure: null, running: false }).status, 'interrupted');
  assert.deepEqual(readEvents(path.join(dir, 'nothing-here')), []);
});

test('long curves are thinned for display, keeping both ends', () => {
  const points = Array.from({ length: 5001 }, (_, i): [number, number] => [i, i]);
  const t = thin(points, 1000);
  assert.ok(t.length <= 1001);
  assert.deepEqual(t[0], [0, 0]);
  assert.deepEqual(t[t.length - 1], [5000, 5000]);
  const s = { ...emptyDashboard('r'), loss: points };
  assert.ok(forDisplay(s).loss.length <= 1001);
});

test('dashboard messages are validated both ways', () => {
  const state = [step(1, 0.9), evalAt(1, 0.5)].reduce(applyEvent, emptyDashboard('run'));
  const m = { type: 'state', folder: '/runs/run', state, live: true };
  assert.deepEqual(parseToDashboard(JSON.parse(JSON.stringify(m))), m);
  assert.throws(() => parseToDashboard({ ...m, folder: 3 }), /unknown message/);
  assert.throws(() => parseToDashboard({ ...m, state: { ...state, loss: [[1, 'x']] } }), /curves are malformed/);
  assert.throws(
    () =>
      parseToDashboard({
        ...m,
        state: { ...state, lastEval: { ...state.lastEval, detail: { confusion: [[0.5]], per_class: [] } } },
      }),
    /detail is malformed/,
  );
  assert.deepEqual(parseFromDashboard({ type: 'cancel' }), { type: 'cancel' });
  assert.throws(() => parseFromDashboard({ type: 'eval', code: 'x' }), /unknown message "eval"/);
});

test("the run's task comes from its task event; a detail that is not whole is left out, its metrics kept", () => {
  const reg: TrainEvent = {
    type: 'eval',
    step: 2,
    epoch: 1,
    metrics: { eval_loss: 0.2, eval_mse: 0.2, eval_pearson: 0.9 },
    detail: regressionDetail([1, 2], [1.5, 2]),
  };
  const s = [{ type: 'task', task: 'regression' } as TrainEvent, step(1, 0.9), step(2, 0.8), reg].reduce(
    applyEvent,
    emptyDashboard('run'),
  );
  assert.equal(s.task, 'regression');
  assert.equal(emptyDashboard('old').task, null, 'a run that never said');
  assert.deepEqual(regressionPoints(s.lastEval?.detail ?? null)?.points, [
    [1, 1.5],
    [2, 2],
  ]);
  const torn = { ...reg, detail: { kind: 'regression', points: [[1, null]], total: 1 } } as unknown as TrainEvent;
  const t = applyEvent(s, torn);
  assert.equal(t.lastEval?.detail, null);
  assert.equal(t.lastEval?.metrics.eval_pearson, 0.9);
  // Across to the webview: the task and the scatter's points are checked on arrival.
  const m = { type: 'state', folder: '/runs/run', state: s, live: false };
  assert.deepEqual(parseToDashboard(JSON.parse(JSON.stringify(m))), m);
  assert.throws(() => parseToDashboard({ ...m, state: { ...s, task: 'ranking' } }), /unknown task "ranking"/);
  const broken = { ...s.lastEval, detail: { kind: 'regression', points: [[1, 2]], total: 0 } };
  assert.throws(() => parseToDashboard({ ...m, state: { ...s, lastEval: broken } }), /detail is malformed/);
});

test("a run's summary leads with its task's metrics; one that never said its task with accuracy, F1, exact match", () => {
  const metrics = { eval_loss: 0.2, eval_mse: 0.2, eval_pearson: 0.91, eval_spearman: 0.88, eval_mae: 0.3 };
  const done = finish({ ...emptyDashboard('r'), task: 'regression' }, { results: metrics });
  assert.deepEqual(
    runSummary(done)
      .slice(0, 3)
      .map(([k]) => k),
    ['mse', 'pearson', 'spearman'],
  );
  const ner = finish({ ...emptyDashboard('r'), task: 'token' }, { results: { eval_f1: 0.9, eval_accuracy: 0.97 } });
  assert.deepEqual(
    runSummary(ner)
      .slice(0, 2)
      .map(([k]) => k),
    ['f1', 'accuracy'],
  );
  const old = finish(emptyDashboard('r'), { results: { eval_exact_match: 70, eval_f1: 80 } });
  assert.deepEqual(
    runSummary(old)
      .slice(0, 2)
      .map(([k]) => k),
    ['f1', 'exact_match'],
  );
  assert.equal(isCurve('token', 'eval_PER_f1'), false, 'per-type scores are in the table, not the chart');
  assert.equal(isCurve('token', 'eval_f1'), true);
  assert.equal(isCurve(null, 'eval_anything'), true, 'every curve, as before tasks');
  assert.equal(isCurve('cls', 'eval_loss'), false, 'drawn with the training loss');
});
