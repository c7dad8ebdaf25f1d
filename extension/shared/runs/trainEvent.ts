/**
 * What a training run reports, event by event: the engine sends these to the host, writes
 * them to the run folder's event log, and the dashboard folds them into its state.
 */
import type { ColumnMapping } from '../data/columns';

export interface DataStats {
  rows: number;
  labeled: number;
  unlabeled: number;
  label_counts: Record<string, number>;
  token_length: { p50: number; p90: number; p95: number; p99: number; max: number };
  truncated: number;
  max_length: number;
}

/** Classification metrics with scikit-learn's definitions (zero_division = 0). */
export interface ClassificationMetrics {
  accuracy: number;
  f1_macro: number;
  f1_weighted: number;
  per_class: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** confusion[true][predicted] */
  confusion: number[][];
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
  | { type: 'eval'; step: number; epoch: number; metrics: Record<string, number>; detail?: ClassificationMetrics }
  | { type: 'checkpoint'; path: string };
