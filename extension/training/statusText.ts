/** The status-bar text of a run in progress: "$(sync~spin) BERT 42% · loss 0.512 · ETA 1 min 5 s". No VS Code import. */
import type { DashboardState } from '../shared/runs/dashboardModel';

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${s} s`;
}

export function statusText(s: DashboardState): string {
  if (s.status === 'starting' || !s.total) return '$(sync~spin) BERT Studio: preparing data';
  const loss = s.loss.length ? ` · loss ${s.loss[s.loss.length - 1][1].toFixed(3)}` : '';
  const eta = s.etaSeconds !== null ? ` · ETA ${formatDuration(s.etaSeconds)}` : '';
  return `$(sync~spin) BERT ${Math.floor((100 * s.step) / s.total)}%${loss}${eta}`;
}
