/**
 * What a training run reports, event by event: the engine sends these to the host, writes
 * them to the run folder's event log, and the dashboard folds them into its state.
 */
import type { ColumnMapping } from '../data/columns';
import type { TaskName } from '../taskName';
import type { ClassificationMetrics, EvalDetail } from './evalDetail';

export type { ClassificationMetrics, EvalDetail };

export interface DataStats {
  rows: number;
  labeled: number;
  unlabeled: number;
  label_counts: Record<string, number>;
  token_length: { p50: number; p90: number; p95: number; p99: number; max: number };
  truncated: number;
  max_length: number;
}

export type TrainEvent =
  | { type: 'stats'; stats: DataStats; labels: string[]; mapping: ColumnMapping }
  | { type: 'log'; message: string }
  | {
      type: 'step';
      step: number;
      total: number;
      epoch: number;
      loss: number;
      lr: number;
      grad_norm: number;
      samples_per_s: number;
      eta_s: number;
    }
  /** The run's task, first thing in its event log (the task panel of the dashboard depends on it). */
  | { type: 'task'; task: TaskName }
  | { type: 'eval'; step: number; epoch: number; metrics: Record<string, number>; detail?: EvalDetail }
  | { type: 'checkpoint'; path: string };
