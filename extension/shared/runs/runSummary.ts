/**
 * The few numbers that sum a run up in the Metrics view: its headline metric
 * (the task's: accuracy, F1, exact match, MSE… — final, else the last evaluation's), losses,
 * throughput and where it ran. No VS Code or Node import: the webview uses it too.
 */
import type { DashboardState } from './dashboardModel';
import { taskMetrics } from './taskMetrics';

/** The headline metrics of a run whose task is not known. */
export const HEADLINE_METRICS = taskMetrics(null).headline;

const fixed = (v: number, digits = 4) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(digits));

export function runSummary(s: DashboardState): [name: string, value: string][] {
  const rows: [string, string][] = [];
  const metrics = s.results ?? s.lastEval?.metrics ?? {};
  const source = s.results ? '' : s.lastEval ? ` (step ${s.lastEval.step})` : '';
  for (const k of taskMetrics(s.task).headline)
    if (typeof metrics[k] === 'number') rows.push([`${k.replace('eval_', '')}${source}`, fixed(metrics[k])]);
  if (typeof metrics.eval_loss === 'number') rows.push([`eval loss${source}`, fixed(metrics.eval_loss)]);
  const trainLoss = s.results?.train_loss ?? s.loss[s.loss.length - 1]?.[1];
  if (typeof trainLoss === 'number')
    rows.push([s.results ? 'train loss (mean)' : 'train loss (last)', fixed(trainLoss)]);
  rows.push([
    'progress',
    s.total ? `step ${s.step}/${s.total} · epoch ${s.epoch.toFixed(2)}` : s.step ? `step ${s.step}` : '—',
  ]);
  if (typeof s.results?.train_runtime === 'number')
    rows.push(['train time', `${s.results.train_runtime.toFixed(1)} s`]);
  if (s.samplesPerSecond !== null && s.samplesPerSecond > 0) rows.push(['samples/s', s.samplesPerSecond.toFixed(1)]);
  if (s.provider) rows.push(['provider', s.provider]);
  return rows;
}
