import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EVENTS_FILE, eventLogger } from '../../../extension/shared/runs/eventLog';
import { eventsFromLogHistory, readRunHistory, restoreRun } from '../../../extension/runs/runHistory';
import { FAILURE_FILE } from '../../../extension/runs/runRegistry';
import type { TrainEvent } from '../../../extension/shared/runs/trainEvent';
import { RUN_FILE } from '../../../extension/shared/runs/runFiles';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'run-history-'));
const write = (file: string, v: unknown) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(v));
};
const step = (n: number, loss: number): TrainEvent => ({
  type: 'step',
  step: n,
  total: 4,
  epoch: n / 2,
  loss,
  lr: 1e-3,
  grad_norm: 1,
  samples_per_s: 40,
  eta_s: 4 - n,
});

// As the trainer writes it: a logged-loss entry every logging step, an eval entry at each evaluation.
const logHistory = [
  { loss: 1.1, learning_rate: 4e-5, grad_norm: 2.5, epoch: 0.5, step: 1 },
  { loss: 0.9, learning_rate: 3e-5, grad_norm: 2.1, epoch: 1, step: 2 },
  { eval_loss: 0.95, eval_accuracy: 0.5, eval_f1: 0.4, eval_runtime: 0.2, epoch: 1, step: 2 },
  { loss: 0.7, learning_rate: 1e-5, grad_norm: 1.5, epoch: 2, step: 4 },
  { eval_loss: 0.8, eval_accuracy: 0.75, eval_f1: 0.7, eval_runtime: 0.2, epoch: 2, step: 4 },
];

test('the event log is read in order; a torn last line from a killed process is skipped', () => {
  const dir = tmp();
  const log = eventLogger(dir, () => undefined);
  for (const e of [step(1, 0.9), step(2, 0.8)]) log(e);
  fs.appendFileSync(path.join(dir, EVENTS_FILE), '{"type":"eval","step":2,"epo');
  const h = readRunHistory(dir);
  assert.equal(h.source, 'events');
  assert.deepEqual(h.events, [step(1, 0.9), step(2, 0.8)], 'events without the log time, the torn line dropped');
  assert.equal(h.results, null);
  const s = restoreRun(dir);
  assert.equal(s.status, 'interrupted', 'events but no end and no live job');
  assert.deepEqual(s.loss, [
    [1, 0.9],
    [2, 0.8],
  ]);
  assert.equal(restoreRun(dir, true).status, 'running');
});

test("without an event log, the newest checkpoint's trainer_state.json log_history is the history", () => {
  const dir = tmp();
  write(path.join(dir, 'checkpoint-2', 'trainer_state.json'), {
    global_step: 2,
    epoch: 1,
    log_history: logHistory.slice(0, 3),
  });
  write(path.join(dir, 'checkpoint-10', 'trainer_state.json'), {
    global_step: 10,
    epoch: 1,
    log_history: logHistory.slice(0, 2),
  });
  fs.mkdirSync(path.join(dir, 'checkpoint-12'));
  const h = readRunHistory(dir);
  assert.equal(h.source, 'trainer_state');
  assert.deepEqual(
    h.events.map((e) => e.type),
    ['step', 'step'],
    'checkpoint-10 is newer than checkpoint-2 (numeric order); checkpoint-12 has no state',
  );
  const s = restoreRun(dir);
  assert.equal(s.status, 'interrupted');
  assert.equal(s.samplesPerSecond, null, 'log_history has no throughput');
  assert.deepEqual(s.learningRate, [
    [1, 4e-5],
    [2, 3e-5],
  ]);
});

test('a finished run without an event log: curves and evaluations from its trainer_state.json, the report from all_results.json', () => {
  const dir = tmp();
  write(path.join(dir, 'trainer_state.json'), { global_step: 4, epoch: 2, log_history: logHistory });
  write(path.join(dir, 'all_results.json'), {
    epoch: 2,
    train_loss: 0.9,
    train_samples_per_second: 55.5,
    eval_accuracy: 0.75,
    eval_loss: 0.8,
  });
  const s = restoreRun(dir);
  assert.equal(s.status, 'finished');
  assert.deepEqual([s.step, s.total], [4, 4]);
  assert.deepEqual(s.loss, [
    [1, 1.1],
    [2, 0.9],
    [4, 0.7],
  ]);
  assert.deepEqual(s.evals.eval_accuracy, [
    [2, 0.5],
    [4, 0.75],
  ]);
  assert.equal(s.evals.eval_runtime, undefined);
  assert.equal(s.lastEval?.step, 4);
  assert.equal(s.lastEval?.detail, null, 'log_history keeps no confusion matrix');
  assert.equal(s.samplesPerSecond, 55.5);
  assert.equal(s.results?.eval_accuracy, 0.75);
});

test('a recorded failure ends the restored run; an empty or missing folder has no history', () => {
  const dir = tmp();
  eventLogger(dir, () => undefined)(step(1, 0.9));
  write(path.join(dir, FAILURE_FILE), {
    message: 'the engine process exited (signal SIGKILL)',
    time: '2026-11-23T00:00:00Z',
  });
  const s = restoreRun(dir);
  assert.equal(s.status, 'failed');
  assert.equal(s.error, 'the engine process exited (signal SIGKILL)');
  assert.deepEqual(readRunHistory(path.join(dir, 'missing')), {
    events: [],
    source: 'none',
    results: null,
    failure: null,
  });
});

test('log_history entries that are not numbers or have no step are ignored', () => {
  assert.deepEqual(eventsFromLogHistory('nope'), []);
  const events = eventsFromLogHistory([{ loss: 1 }, null, { loss: 'x', step: 1 }, { loss: 0.5, step: 3, epoch: 1 }]);
  assert.deepEqual(events, [
    { type: 'step', step: 3, total: 3, epoch: 1, loss: 0.5, lr: 0, grad_norm: 0, samples_per_s: 0, eta_s: 0 },
  ]);
});

test('a run logged before the task event takes its task from its run record; an unknown one is no task', () => {
  const dir = tmp();
  const log = eventLogger(dir, () => undefined);
  log({
    type: 'eval',
    step: 2,
    epoch: 1,
    metrics: { eval_f1: 0.9, eval_PER_precision: 1, eval_PER_recall: 0.8, eval_PER_f1: 0.89, eval_PER_number: 5 },
  });
  assert.equal(restoreRun(dir).task, null, 'no record: as before tasks');
  write(path.join(dir, RUN_FILE), { model: 'm', data: 'd.jsonl', task: 'token' });
  assert.equal(restoreRun(dir).task, 'token');
  write(path.join(dir, RUN_FILE), { model: 'm', data: 'd.jsonl', task: 'classification' });
  assert.equal(restoreRun(dir).task, null);
  log({ type: 'task', task: 'multilabel' });
  assert.equal(restoreRun(dir).task, 'multilabel', 'the event log says it first');
});
