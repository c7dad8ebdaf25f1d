/** Regression metrics: MSE, MAE, Pearson's r and Spearman's ρ (Pearson on ranks, ties given their mean rank, as scipy). */
export interface RegressionMetrics {
  mse: number;
  mae: number;
  pearson: number;
  spearman: number;
}

function pearson(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  // Undefined for a constant input (scipy returns nan); 0 keeps the metric a number.
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

export function ranks(v: number[]): number[] {
  const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Array<number>(v.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && v[order[j + 1]] === v[order[i]]) j++;
    for (let k = i; k <= j; k++) r[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

export function regressionMetrics(predicted: number[], actual: number[]): RegressionMetrics {
  const n = Math.max(1, actual.length);
  return {
    mse: predicted.reduce((a, p, i) => a + (p - actual[i]) ** 2, 0) / n,
    mae: predicted.reduce((a, p, i) => a + Math.abs(p - actual[i]), 0) / n,
    pearson: pearson(predicted, actual),
    spearman: pearson(ranks(predicted), ranks(actual)),
  };
}
