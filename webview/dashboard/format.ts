/** How the dashboard writes numbers. */
export const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
export const num = (v: number) =>
  Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3);
