/**
 * What the training dashboard shows, folded from a run's events: progress, the
 * loss / learning-rate / eval-metric curves, throughput, the provider, the last
 * evaluation's task detail (confusion matrix, per-label scores, regression points) and the final report. The
 * same fold serves a live run (event by event) and a restored one (from the
 * run folder's event log). No VS Code import.
 */
import type { TrainEvent } from './trainEvent';
import type { TaskName } from '../taskName';
import { EvalDetail, isEvalDetail } from './evalDetail';

export type Point = [step: number, value: number];

export interface DashboardState {
  run: string;
  /** Which task panel the dashboard shows; null for a run that never said (made before runs recorded it). */
  task: TaskName | null;
  status: 'starting' | 'running' | 'finished' | 'failed' | 'cancelled' | 'interrupted';
  step: number;
  total: number;
  epoch: number;
  samplesPerSecond: number | null;
  etaSeconds: number | null;
  provider: string | null;
  labels: string[];
  loss: Point[];
  learningRate: Point[];
  /** Eval metric name (eval_loss, eval_accuracy, …) → its points. */
  evals: Record<string, Point[]>;
  lastEval: {
    step: number;
    epoch: number;
    metrics: Record<string, number>;
    detail: EvalDetail | null;
  } | null;
  results: Record<string, number> | null;
  error: string | null;
  log: string[];
}

const LOG_LINES = 50;
/** Curves longer than this are thinned to keep messages small; the last point is always kept. */
export const MAX_POINTS = 1000;

export function emptyDashboard(run: string): DashboardState {
  return {
    run,
    task: null,
    status: 'starting',
    step: 0,
    total: 0,
    epoch: 0,
    samplesPerSecond: null,
    etaSeconds: null,
    provider: null,
    labels: [],
    loss: [],
    learningRate: [],
    evals: {},
    lastEval: null,
    results: null,
    error: null,
    log: [],
  };
}

/** A resumed run starts again from its checkpoint's step: what was logged past it is dropped. */
const upTo = (points: Point[], step: number) => {
  while (points.length && points[points.length - 1][0] >= step) points.pop();
  return points;
};

export function applyEvent(s: DashboardState, e: TrainEvent): DashboardState {
  switch (e.type) {
    case 'task':
      return { ...s, task: e.task };
    case 'stats':
      return { ...s, labels: e.labels };
    case 'log': {
      const provider = /^execution provider: (\S+)/.exec(e.message)?.[1] ?? s.provider;
      return { ...s, provider, log: [...s.log, e.message].slice(-LOG_LINES) };
    }
    case 'step':
      return {
        ...s,
        status: s.status === 'starting' ? 'running' : s.status,
        step: e.step,
        total: e.total,
        epoch: e.epoch,
        samplesPerSecond: e.samples_per_s,
        etaSeconds: e.eta_s,
        loss: [...upTo(s.loss, e.step), [e.step, e.loss]],
        learningRate: [...upTo(s.learningRate, e.step), [e.step, e.lr]],
      };
    case 'eval': {
      const evals = { ...s.evals };
      for (const [k, v] of Object.entries(e.metrics))
        if (typeof v === 'number' && /^eval_(?!runtime|samples|steps)/.test(k))
          evals[k] = [...upTo([...(evals[k] ?? [])], e.step), [e.step, v]];
      // From the engine or a run folder's log: a detail that is not whole is left out, the metrics kept.
      const detail = isEvalDetail(e.detail) ? e.detail : null;
      return { ...s, evals, lastEval: { step: e.step, epoch: e.epoch, metrics: e.metrics, detail } };
    }
    case 'checkpoint':
      return s;
  }
}

export function finish(
  s: DashboardState,
  outcome: { results: Record<string, number> } | { error: string },
): DashboardState {
  if ('results' in outcome)
    return { ...s, status: 'finished', results: outcome.results, etaSeconds: 0, step: s.total || s.step };
  return {
    ...s,
    status: /cancelled/.test(outcome.error) ? 'cancelled' : 'failed',
    error: outcome.error,
    etaSeconds: null,
  };
}

/** Every k-th point so at most MAX_POINTS remain, keeping the first and the last. */
export function thin(points: Point[], max = MAX_POINTS): Point[] {
  if (points.length <= max) return points;
  const k = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % k === 0);
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}

/** The state as sent to the webview: curves thinned. */
export function forDisplay(s: DashboardState): DashboardState {
  return {
    ...s,
    loss: thin(s.loss),
    learningRate: thin(s.learningRate),
    evals: Object.fromEntries(Object.entries(s.evals).map(([k, v]) => [k, thin(v)])),
  };
}

/**
 * A run rebuilt from its folder: its events, then its outcome — all_results.json when it
 * finished, the failure the host recorded, or interrupted (events but no end, no live job).
 */
export function restoreDashboard(
  run: string,
  events: TrainEvent[],
  end: { results: Record<string, number> | null; failure: string | null; running: boolean },
): DashboardState {
  let s = events.reduce(applyEvent, emptyDashboard(run));
  if (end.results) s = finish(s, { results: end.results });
  else if (end.failure) s = finish(s, { error: end.failure });
  else if (!end.running && events.length) s = { ...s, status: 'interrupted', etaSeconds: null };
  return s;
}
