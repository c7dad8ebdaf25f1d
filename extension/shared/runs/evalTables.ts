/**
 * The rows of the dashboard's score tables, from an evaluation's metrics (and detail): per entity type for token
 * classification (seqeval's numbers, as run_ner names them: eval_<TYPE>_precision/_recall/_f1/_number), per label
 * for multi-label classification. No DOM: the webview renders these rows.
 */
import type { MultiLabelDetail } from './evalDetail';

export interface ScoreRow {
  name: string;
  precision: number;
  recall: number;
  f1: number;
  /** Examples (entities, rows) that truly have it; null where the evaluation did not say. */
  support: number | null;
}

const PER_TYPE = /^eval_(.+)_(precision|recall|f1|number)$/;

/** Names with every one of `parts` in the metrics, sorted (as seqeval sorts its types). */
function namesWith(metrics: Record<string, number>, parts: string[]): string[] {
  const seen = new Map<string, Set<string>>();
  for (const k of Object.keys(metrics)) {
    const m = PER_TYPE.exec(k);
    if (m && typeof metrics[k] === 'number') seen.set(m[1], (seen.get(m[1]) ?? new Set()).add(m[2]));
  }
  return [...seen]
    .filter(([, got]) => parts.every((p) => got.has(p)))
    .map(([name]) => name)
    .sort();
}

export interface EntityTable {
  types: ScoreRow[];
  /** Entity-level micro scores over every type; support is the number of true entities. */
  overall: ScoreRow | null;
  /** Token accuracy (over each word's first piece). */
  accuracy: number | null;
}

export function entityTable(metrics: Record<string, number>): EntityTable {
  const types = namesWith(metrics, ['precision', 'recall', 'f1', 'number']).map((t) => ({
    name: t,
    precision: metrics[`eval_${t}_precision`],
    recall: metrics[`eval_${t}_recall`],
    f1: metrics[`eval_${t}_f1`],
    support: metrics[`eval_${t}_number`],
  }));
  const has = (k: string) => typeof metrics[k] === 'number';
  const overall =
    has('eval_precision') && has('eval_recall') && has('eval_f1')
      ? {
          name: 'overall',
          precision: metrics.eval_precision,
          recall: metrics.eval_recall,
          f1: metrics.eval_f1,
          support: types.reduce((n, t) => n + (t.support ?? 0), 0),
        }
      : null;
  return { types, overall, accuracy: has('eval_accuracy') ? metrics.eval_accuracy : null };
}

export interface LabelTable {
  labels: (ScoreRow & { threshold: number })[];
  /** Whether the rows are at each label's tuned threshold (the run sent them), else at 0.5 (from the metrics). */
  tuned: boolean;
  /** At 0.5, and at the tuned thresholds where the run reported them. */
  f1Micro: number | null;
  f1Macro: number | null;
  f1MicroTuned: number | null;
  f1MacroTuned: number | null;
  subsetAccuracy: number | null;
}

export function labelTable(metrics: Record<string, number>, detail: MultiLabelDetail | null): LabelTable {
  const labels = detail
    ? detail.per_label.map((l) => ({ ...l, name: l.label }))
    : namesWith(metrics, ['precision', 'recall', 'f1']).map((l) => ({
        name: l,
        precision: metrics[`eval_${l}_precision`],
        recall: metrics[`eval_${l}_recall`],
        f1: metrics[`eval_${l}_f1`],
        support: null,
        threshold: 0.5,
      }));
  const get = (k: string) => (typeof metrics[k] === 'number' ? metrics[k] : null);
  return {
    labels,
    tuned: detail !== null,
    f1Micro: get('eval_f1_micro'),
    f1Macro: get('eval_f1_macro'),
    f1MicroTuned: get('eval_f1_micro_tuned'),
    f1MacroTuned: get('eval_f1_macro_tuned'),
    subsetAccuracy: get('eval_subset_accuracy'),
  };
}
