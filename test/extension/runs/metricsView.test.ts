import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEvent, emptyDashboard, finish } from '../../../extension/shared/runs/dashboardModel';
import { runSummary } from '../../../extension/shared/runs/runSummary';
import { parseFromMetrics, parseToMetrics } from '../../../extension/shared/protocol/metrics';
import type { TrainEvent } from '../../../extension/shared/runs/trainEvent';

const events: TrainEvent[] = [
  { type: 'log', message: 'execution provider: cpu (no GPU here)' },
  { type: 'step', step: 5, total: 10, epoch: 1, loss: 0.61234, lr: 1e-5, grad_norm: 1, samples_per_s: 42.25, eta_s: 3 },
  { type: 'eval', step: 5, epoch: 1, metrics: { eval_loss: 0.5, eval_accuracy: 0.8125, eval_runtime: 0.1 } },
];
const running = events.reduce(applyEvent, emptyDashboard('run'));

test('the summary of a running run: last evaluation (with its step), last loss, progress, throughput, provider', () => {
  assert.deepEqual(runSummary(running), [
    ['accuracy (step 5)', '0.8125'],
    ['eval loss (step 5)', '0.5000'],
    ['train loss (last)', '0.6123'],
    ['progress', 'step 5/10 · epoch 1.00'],
    ['samples/s', '42.3'],
    ['provider', 'cpu'],
  ]);
});

test('the summary of a finished run comes from its final results', () => {
  const done = finish(running, {
    results: { eval_accuracy: 0.9, eval_f1: 0.85, eval_loss: 0.3, train_loss: 0.55, train_runtime: 12.345 },
  });
  const rows = Object.fromEntries(runSummary(done));
  assert.equal(rows.accuracy, '0.9000');
  assert.equal(rows.f1, '0.8500');
  assert.equal(rows['train loss (mean)'], '0.5500');
  assert.equal(rows['train time'], '12.3 s');
  assert.deepEqual(runSummary(emptyDashboard('r')), [['progress', '—']]);
});

test('Metrics view messages are validated both ways; the view never names a folder to open', () => {
  const m = { type: 'run', folder: '/runs/a', live: true, state: running };
  assert.deepEqual(parseToMetrics(JSON.parse(JSON.stringify(m))), m);
  assert.deepEqual(parseToMetrics({ type: 'none', message: 'No runs yet' }), { type: 'none', message: 'No runs yet' });
  assert.throws(() => parseToMetrics({ ...m, live: 'yes' }), /without folder or live/);
  assert.throws(() => parseToMetrics({ ...m, state: { ...running, status: 'exploded' } }), /no run or status/);
  assert.throws(() => parseToMetrics({ type: 'html', html: '<b>' }), /unknown message "html"/);
  assert.deepEqual(parseFromMetrics({ type: 'openDashboard', folder: '/etc' }), { type: 'openDashboard' });
  assert.throws(() => parseFromMetrics({ type: 'delete' }), /unknown message "delete"/);
});
