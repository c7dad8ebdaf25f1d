/** Active learning's order: the rows the model is least sure about come first. */
export type UncertaintyMeasure = 'entropy' | 'margin';

/** Shannon entropy in nats; higher is less certain. */
export function entropy(probs: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < probs.length; i++) if (probs[i] > 0) h -= probs[i] * Math.log(probs[i]);
  return h;
}

/** The best probability minus the second best; lower is less certain. */
export function margin(probs: ArrayLike<number>): number {
  let a = -Infinity,
    b = -Infinity;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (p > a) {
      b = a;
      a = p;
    } else if (p > b) b = p;
  }
  return b === -Infinity ? 1 : a - b;
}

/** How uncertain, as a number where larger means more uncertain for both measures. */
export function uncertainty(probs: ArrayLike<number>, by: UncertaintyMeasure): number {
  return by === 'entropy' ? entropy(probs) : -margin(probs);
}

/** Rows most uncertain first; equal uncertainty keeps file order. */
export function orderByUncertainty(
  items: { row: number; probs: ArrayLike<number> }[],
  by: UncertaintyMeasure,
): number[] {
  return items
    .map((x) => ({ row: x.row, u: uncertainty(x.probs, by) }))
    .sort((p, q) => q.u - p.u || p.row - q.row)
    .map((x) => x.row);
}

/** The index of the most probable label and its probability. */
export function best(probs: ArrayLike<number>): { label: number; p: number } {
  let label = -1,
    p = -Infinity;
  for (let i = 0; i < probs.length; i++)
    if (probs[i] > p) {
      p = probs[i];
      label = i;
    }
  return { label, p };
}
