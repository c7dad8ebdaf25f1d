/**
 * A run's history as the dashboard and the Metrics view need it, read from its
 * folder: the event log the trainer appends (torn last line tolerated), else —
 * for runs made before the log existed, or by other tools — trainer_state.json's
 * log_history (the run's, else its newest checkpoint's); plus how it ended
 * (all_results.json, or the failure the host recorded). No VS Code import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readEvents } from '../shared/runs/eventLog';
import { FAILURE_FILE } from './runRegistry';
import { DashboardState, restoreDashboard } from '../shared/runs/dashboardModel';
import type { TrainEvent } from '../shared/runs/trainEvent';
import { RUN_FILE } from '../shared/runs/runFiles';
import { isTaskName } from '../shared/taskName';

export interface RunHistory {
  events: TrainEvent[];
  /** Where the events came from. */
  source: 'events' | 'trainer_state' | 'none';
  results: Record<string, number> | null;
  failure: string | null;
}

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function numbers(x: unknown): Record<string, number> | null {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return null;
  return Object.fromEntries(Object.entries(x).filter(([, v]) => isNumber(v))) as Record<string, number>;
}

/** The trainer_state.json of the finished run, else of its newest checkpoint. */
function trainerState(folder: string): { global_step?: unknown; log_history?: unknown } | null {
  const own = readJson(path.join(folder, 'trainer_state.json'));
  if (own && typeof own === 'object') return own;
  let checkpoints: string[] = [];
  try {
    checkpoints = fs
      .readdirSync(folder)
      .filter((f) => /^checkpoint-\d+$/.test(f))
      .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]));
  } catch {
    return null;
  }
  for (const c of checkpoints) {
    const s = readJson(path.join(folder, c, 'trainer_state.json'));
    if (s && typeof s === 'object') return s;
  }
  return null;
}

/**
 * Transformers' log_history as events: an entry with `loss` is a logged training
 * step, one with eval_* keys an evaluation. Throughput and ETA are not in it (0).
 */
export function eventsFromLogHistory(logHistory: unknown, totalSteps?: number): TrainEvent[] {
  if (!Array.isArray(logHistory)) return [];
  const entries = logHistory.map(numbers).filter((e): e is Record<string, number> => e !== null && isNumber(e.step));
  const total = totalSteps ?? Math.max(0, ...entries.map((e) => e.step));
  const events: TrainEvent[] = [];
  for (const e of entries) {
    const epoch = e.epoch ?? 0;
    if (isNumber(e.loss)) {
      events.push({
        type: 'step',
        step: e.step,
        total,
        epoch,
        loss: e.loss,
        lr: e.learning_rate ?? 0,
        grad_norm: e.grad_norm ?? 0,
        samples_per_s: 0,
        eta_s: 0,
      });
    }
    const metrics = Object.fromEntries(Object.entries(e).filter(([k]) => k.startsWith('eval_')));
    if (Object.keys(metrics).length) events.push({ type: 'eval', step: e.step, epoch, metrics });
  }
  return events;
}

export function readRunHistory(folder: string): RunHistory {
  const results = numbers(readJson(path.join(folder, 'all_results.json')));
  const failureRecord = readJson(path.join(folder, FAILURE_FILE)) as { message?: unknown } | null;
  const failure = typeof failureRecord?.message === 'string' ? failureRecord.message : null;
  const logged = readEvents(folder);
  if (logged.length)
    return { events: logged.map(({ time: _time, ...e }) => e as TrainEvent), source: 'events', results, failure };
  const state = trainerState(folder);
  const events = eventsFromLogHistory(
    state?.log_history,
    isNumber(state?.global_step) && results ? state.global_step : undefined,
  );
  return { events, source: events.length ? 'trainer_state' : 'none', results, failure };
}

/** The dashboard state of a run from its folder; `running` when a live job is writing it. */
export function restoreRun(folder: string, running = false): DashboardState {
  const h = readRunHistory(folder);
  let s = restoreDashboard(path.basename(folder), h.events, { results: h.results, failure: h.failure, running });
  // Runs logged before the task event: the task their run record names.
  const recorded = (readJson(path.join(folder, RUN_FILE)) as { task?: unknown } | null)?.task;
  if (s.task === null && isTaskName(recorded)) s = { ...s, task: recorded };
  if (h.source !== 'trainer_state') return s;
  // log_history has no throughput: take the run's average from its results, else show none.
  return { ...s, samplesPerSecond: h.results?.train_samples_per_second ?? null, etaSeconds: null };
}
