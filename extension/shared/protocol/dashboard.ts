/**
 * Messages of the training dashboard. The extension sends the whole state (it is
 * small: curves are thinned); the page asks to cancel, to reveal the run folder or
 * to use the model for inference. Both sides validate what arrives.
 */
import type { DashboardState } from '../runs/dashboardModel';
import { isEvalDetail } from '../runs/evalDetail';
import { isTaskName } from '../taskName';

/** `folder` is the run folder: the panel keeps it in its state so a reloaded window reopens the same run. */
export type ToDashboard = { type: 'state'; folder: string; state: DashboardState; live: boolean };
export type FromDashboard = { type: 'ready' } | { type: 'cancel' } | { type: 'reveal' } | { type: 'useForInference' };

const STATUSES = ['starting', 'running', 'finished', 'failed', 'cancelled', 'interrupted'];
const isPoints = (x: unknown) =>
  Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number'));
const isNumOrNull = (x: unknown) => x === null || typeof x === 'number';

/** A run's dashboard state as it arrives from the extension (the Metrics view shows the same state). */
export function parseDashboardState(x: unknown): DashboardState {
  const s = x as Record<string, unknown> | null;
  if (!s || typeof s.run !== 'string' || !STATUSES.includes(s.status as string))
    throw new Error('dashboard: state has no run or status');
  if (!(s.task === null || isTaskName(s.task))) throw new Error(`dashboard: unknown task ${JSON.stringify(s.task)}`);
  for (const k of ['step', 'total', 'epoch'])
    if (typeof s[k] !== 'number') throw new Error(`dashboard: state.${k} is not a number`);
  for (const k of ['samplesPerSecond', 'etaSeconds'])
    if (!isNumOrNull(s[k])) throw new Error(`dashboard: state.${k} is malformed`);
  if (!isPoints(s.loss) || !isPoints(s.learningRate)) throw new Error('dashboard: curves are malformed');
  if (!s.evals || typeof s.evals !== 'object' || !Object.values(s.evals).every(isPoints))
    throw new Error('dashboard: eval curves are malformed');
  if (!Array.isArray(s.labels) || !s.labels.every((l) => typeof l === 'string'))
    throw new Error('dashboard: labels are malformed');
  if (!Array.isArray(s.log) || !s.log.every((l) => typeof l === 'string'))
    throw new Error('dashboard: log is malformed');
  if (!(s.error === null || typeof s.error === 'string') || !(s.provider === null || typeof s.provider === 'string'))
    throw new Error('dashboard: error/provider malformed');
  const e = s.lastEval as Record<string, unknown> | null;
  if (
    e !== null &&
    (typeof e !== 'object' || typeof e.step !== 'number' || !e.metrics || typeof e.metrics !== 'object')
  )
    throw new Error('dashboard: lastEval is malformed');
  if (e && e.detail !== null && !isEvalDetail(e.detail)) throw new Error('dashboard: lastEval.detail is malformed');
  if (!(
    s.results === null ||
    (typeof s.results === 'object' && Object.values(s.results as object).every((v) => typeof v === 'number'))
  ))
    throw new Error('dashboard: results are malformed');
  return s as unknown as DashboardState;
}

export function parseToDashboard(x: unknown): ToDashboard {
  const m = x as Record<string, unknown> | null;
  if (!m || m.type !== 'state' || typeof m.live !== 'boolean' || typeof m.folder !== 'string')
    throw new Error('dashboard: unknown message');
  return { type: 'state', folder: m.folder, state: parseDashboardState(m.state), live: m.live };
}

export function parseFromDashboard(x: unknown): FromDashboard {
  const t = (x as { type?: unknown } | null)?.type;
  if (t === 'ready' || t === 'cancel' || t === 'reveal' || t === 'useForInference') return { type: t };
  throw new Error(`dashboard: unknown message ${JSON.stringify(t)}`);
}
