/**
 * The numbers behind the charts (no DOM, so it is unit-tested): round tick steps, tick positions, tick labels
 * and the values shown in tooltips.
 */

/** 1, 2 or 5 times a power of ten: round tick steps; at least 1 on an axis of whole numbers (training steps). */
export function niceStep(span: number, ticks: number, integer = false): number {
  const raw = span / Math.max(1, ticks);
  const p = Math.pow(10, Math.floor(Math.log10(raw || 1)));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  return integer ? Math.max(1, Math.round(step)) : step;
}

/** The multiples of the step within [lo, hi]. */
export function tickValues(lo: number, hi: number, step: number): number[] {
  const values: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-6); k * step <= hi + step * 1e-6; k++) values.push(k * step);
  return values;
}

/** A value in a tooltip: three significant digits, exponents for the very small and very large. */
export const fmt = (v: number) =>
  v === 0 ? '0' : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5 ? v.toExponential(1) : String(+v.toPrecision(3));

/** A tick label with as many decimals as the tick step needs, so neighbouring ticks never read the same. */
export const tickLabel = (v: number, step: number) =>
  Math.abs(v) < 1e-12
    ? '0'
    : step < 1e-3 || Math.abs(v) >= 1e5
      ? v.toExponential(Math.max(1, Math.ceil(-Math.log10(step / Math.abs(v)))))
      : v.toFixed(Math.max(0, Math.ceil(-Math.log10(step))));
