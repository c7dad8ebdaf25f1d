import type { ClassificationMetrics } from '../../shared/runs/trainEvent';
/** Classification metrics with scikit-learn's definitions (zero_division = 0). */
export function classificationMetrics(predicted: number[], actual: number[], labels: string[]): ClassificationMetrics {
  const k = labels.length;
  const confusion = labels.map(() => new Array<number>(k).fill(0));
  predicted.forEach((p, i) => confusion[actual[i]][p]++);
  const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const per_class = labels.map((label, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + row[c], 0);
    const precision = div(tp, predictedAs);
    const recall = div(tp, support);
    return { label, precision, recall, f1: div(2 * precision * recall, precision + recall), support };
  });
  const total = actual.length;
  return {
    accuracy: div(predicted.filter((p, i) => p === actual[i]).length, total),
    f1_macro: div(
      per_class.reduce((a, c) => a + c.f1, 0),
      k,
    ),
    f1_weighted: div(
      per_class.reduce((a, c) => a + c.f1 * c.support, 0),
      total,
    ),
    per_class,
    confusion,
  };
}
