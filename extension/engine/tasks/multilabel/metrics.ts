/**
 * Multi-label metrics with scikit-learn's definitions (zero_division = 0): per-label
 * precision/recall/F1, micro F1 (counts pooled over labels), macro F1 (mean of the
 * labels' F1), subset accuracy (every label of a row right). A label is predicted
 * when its probability reaches its threshold.
 */
import type { LabelScores } from '../../../shared/runs/evalDetail';

export type { LabelScores };

export interface MultiLabelMetrics {
  f1_micro: number;
  f1_macro: number;
  subset_accuracy: number;
  per_label: LabelScores[];
}

const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1Of = (tp: number, fp: number, fn: number) => div(2 * tp, 2 * tp + fp + fn);

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function multiLabelMetrics(
  probabilities: number[][],
  actual: number[][],
  labels: string[],
  thresholds: number[] = labels.map(() => 0.5),
): MultiLabelMetrics {
  const tp = labels.map(() => 0);
  const fp = labels.map(() => 0);
  const fn = labels.map(() => 0);
  let exact = 0;
  probabilities.forEach((row, r) => {
    let all = true;
    row.forEach((p, l) => {
      const yes = p >= thresholds[l];
      const truth = actual[r][l] >= 0.5;
      if (yes && truth) tp[l]++;
      else if (yes) fp[l]++;
      else if (truth) fn[l]++;
      if (yes !== truth) all = false;
    });
    if (all) exact++;
  });
  const per_label = labels.map((label, l) => {
    const precision = div(tp[l], tp[l] + fp[l]);
    const recall = div(tp[l], tp[l] + fn[l]);
    return {
      label,
      precision,
      recall,
      f1: f1Of(tp[l], fp[l], fn[l]),
      support: tp[l] + fn[l],
      threshold: thresholds[l],
    };
  });
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  return {
    f1_micro: f1Of(sum(tp), sum(fp), sum(fn)),
    f1_macro: div(sum(per_label.map((s) => s.f1)), labels.length),
    subset_accuracy: div(exact, probabilities.length),
    per_label,
  };
}

const GRID = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

/**
 * Each label's threshold chosen on the validation set: the value of 0.05, 0.10 … 0.95
 * giving that label the best F1 (ties go to the one nearest 0.5, so a label with no
 * signal keeps the usual 0.5).
 */
export function tuneThresholds(probabilities: number[][], actual: number[][], labelCount: number): number[] {
  return Array.from({ length: labelCount }, (_, l) => {
    let best = 0.5;
    let bestF1 = -1;
    for (const t of [...GRID].sort((a, b) => Math.abs(a - 0.5) - Math.abs(b - 0.5) || a - b)) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      probabilities.forEach((row, r) => {
        const yes = row[l] >= t;
        const truth = actual[r][l] >= 0.5;
        if (yes && truth) tp++;
        else if (yes) fp++;
        else if (truth) fn++;
      });
      const f = f1Of(tp, fp, fn);
      if (f > bestF1) [best, bestF1] = [t, f];
    }
    return best;
  });
}
