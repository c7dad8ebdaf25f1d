/**
 * Where the predicted-vs-true scatter plot draws everything (no DOM, so it is unit-tested): true values along x,
 * predictions along y, one scale for both so the y = x diagonal — a perfect model — runs corner to corner.
 */
import { niceStep, tickLabel, tickValues } from '../shared/chartScale';

export const SIZE = { W: 300, H: 300, L: 48, R: 12, T: 12, B: 36 };

export interface Tick {
  /** Position along the axis, in SVG units. */
  at: number;
  label: string;
}

export interface ScatterLayout {
  circles: { cx: number; cy: number; prediction: number; truth: number }[];
  /** y = x from the lowest to the highest value shown. */
  diagonal: { x1: number; y1: number; x2: number; y2: number };
  xTicks: Tick[];
  yTicks: Tick[];
}

export function scatterLayout(points: [prediction: number, truth: number][]): ScatterLayout {
  const { W, H, L, R, T, B } = SIZE;
  const values = points.flat();
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi - lo < 1e-12) [lo, hi] = [lo - 0.5, hi + 0.5];
  // Out to whole ticks, so both axes end on one.
  const step = niceStep(hi - lo, 5);
  [lo, hi] = [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
  const sx = (v: number) => L + ((v - lo) / (hi - lo)) * (W - L - R);
  const sy = (v: number) => H - B - ((v - lo) / (hi - lo)) * (H - T - B);
  const ticks = tickValues(lo, hi, step);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    circles: points.map(([prediction, truth]) => ({
      cx: round(sx(truth)),
      cy: round(sy(prediction)),
      prediction,
      truth,
    })),
    diagonal: { x1: sx(lo), y1: sy(lo), x2: sx(hi), y2: sy(hi) },
    xTicks: ticks.map((v) => ({ at: sx(v), label: tickLabel(v, step) })),
    yTicks: ticks.map((v) => ({ at: sy(v), label: tickLabel(v, step) })),
  };
}
