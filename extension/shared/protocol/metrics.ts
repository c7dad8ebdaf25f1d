/**
 * Messages of the Metrics view (side bar): the extension sends the selected run's
 * state (the dashboard's, curves thinned) or why there is none; the view asks to
 * open the run's dashboard. Both sides validate what arrives.
 */
import type { DashboardState } from '../runs/dashboardModel';
import { parseDashboardState } from './dashboard';

export type ToMetrics =
  { type: 'run'; folder: string; live: boolean; state: DashboardState } | { type: 'none'; message: string };

/** openDashboard opens the run the view shows: the view never names a folder itself. */
export type FromMetrics = { type: 'ready' } | { type: 'openDashboard' };

export function parseToMetrics(x: unknown): ToMetrics {
  const m = x as Record<string, unknown> | null;
  if (m?.type === 'none' && typeof m.message === 'string') return { type: 'none', message: m.message };
  if (m?.type !== 'run') throw new Error(`metrics: unknown message ${JSON.stringify(m?.type)}`);
  if (typeof m.folder !== 'string' || typeof m.live !== 'boolean')
    throw new Error('metrics: run message without folder or live');
  return { type: 'run', folder: m.folder, live: m.live, state: parseDashboardState(m.state) };
}

export function parseFromMetrics(x: unknown): FromMetrics {
  const m = x as Record<string, unknown> | null;
  if (m?.type === 'ready' || m?.type === 'openDashboard') return { type: m.type };
  throw new Error(`metrics: unknown message ${JSON.stringify(m?.type)}`);
}
