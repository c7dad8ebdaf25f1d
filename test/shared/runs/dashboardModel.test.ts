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
  assert.deepEqual(s.lastEval?.detail?.confusion, [
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
