/**
 * What an evaluation sends besides its metrics, for the dashboard's task panel: a classifier's confusion matrix and
 * per-class scores, a multi-label model's per-label scores at its tuned thresholds, a regression model's
 * (prediction, truth) pairs. It travels in the eval event and the run's event log, so a reopened dashboard shows
 * it too; `isEvalDetail` checks it wherever it arrives.
 */
import { arrayOf, isNum, isObj, isStr } from '../validate';

/** Classification metrics with scikit-learn's definitions (zero_division = 0). */
export interface ClassificationMetrics {
  accuracy: number;
  f1_macro: number;
  f1_weighted: number;
  per_class: { label: string; precision: number; recall: number; f1: number; support: number }[];
  /** confusion[true][predicted] */
  confusion: number[][];
}

/** One label's scores when it is predicted at `threshold`; support is the validation rows that have the label. */
export interface LabelScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  threshold: number;
}

export interface MultiLabelDetail {
  kind: 'multilabel';
  /** At each label's tuned threshold (the one saved with the model in thresholds.json). */
  per_label: LabelScores[];
}

export interface RegressionDetail {
  kind: 'regression';
  /** [prediction, truth] per validation example; an even subsample of them when there are more than MAX_SCATTER_POINTS. */
  points: [prediction: number, truth: number][];
  /** How many validation examples there were. */
  total: number;
}

export type EvalDetail = ClassificationMetrics | MultiLabelDetail | RegressionDetail;

/** More points than this make the scatter plot slow and the event log large: an even subsample is sent instead. */
export const MAX_SCATTER_POINTS = 2000;

/** The pairs of a regression evaluation: all of them, or every (n / max)-th one, the same each time. */
export function regressionDetail(predicted: number[], truth: number[], max = MAX_SCATTER_POINTS): RegressionDetail {
  const n = Math.min(predicted.length, truth.length);
  const count = Math.min(n, max);
  const points = Array.from({ length: count }, (_, i): [number, number] => {
    const j = Math.floor((i * n) / count);
    return [predicted[j], truth[j]];
  });
  return { kind: 'regression', points, total: n };
}

const isFinite = (x: unknown): x is number => isNum(x) && Number.isFinite(x);
const isScores = (x: unknown) =>
  isObj(x) && isStr(x.label) && ['precision', 'recall', 'f1', 'support'].every((k) => isFinite(x[k]));

const isClassification = (d: Record<string, unknown>) =>
  arrayOf(arrayOf((n): n is number => Number.isInteger(n)))(d.confusion) &&
  Array.isArray(d.per_class) &&
  d.per_class.every(isScores) &&
  d.confusion.length === d.per_class.length;

const isMultiLabel = (d: Record<string, unknown>) =>
  d.kind === 'multilabel' &&
  Array.isArray(d.per_label) &&
  d.per_label.every((s) => isScores(s) && isFinite(s.threshold));

const isRegression = (d: Record<string, unknown>) =>
  d.kind === 'regression' &&
  Number.isInteger(d.total) &&
  Array.isArray(d.points) &&
  d.points.length <= (d.total as number) &&
  d.points.every((p) => Array.isArray(p) && p.length === 2 && p.every(isFinite));

export function isEvalDetail(x: unknown): x is EvalDetail {
  if (!isObj(x)) return false;
  return x.kind === undefined ? isClassification(x) : isMultiLabel(x) || isRegression(x);
}

/** A checked detail as the kind a panel draws, or null (a classifier's has no kind: it came before the others). */
export const classificationDetail = (d: EvalDetail | null): ClassificationMetrics | null =>
  d && !('kind' in d) ? d : null;
export const multiLabelDetail = (d: EvalDetail | null): MultiLabelDetail | null =>
  d && 'kind' in d && d.kind === 'multilabel' ? d : null;
export const regressionPoints = (d: EvalDetail | null): RegressionDetail | null =>
  d && 'kind' in d && d.kind === 'regression' ? d : null;
