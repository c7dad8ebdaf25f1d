/**
 * Small SVG charts for the dashboard and the Metrics view: a line chart with axes
 * and ticks, and a bar chart (the token-length histogram). Colours come from the
 * theme (CSS classes in the panel's stylesheet), so every theme stays readable.
 */
import { fmt, niceStep, tickLabel, tickValues } from './chartScale';

type Point = [number, number];

const NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

export interface Series {
  name: string;
  points: Point[];
  className: string;
}

const W = 360,
  H = 180,
  L = 48,
  R = 10,
  B = 24;
/** Top margin: room for the legend when a chart has more than one series. */
const topMargin = (series: number) => (series > 1 ? 22 : 10);

export function lineChart(
  title: string,
  series: Series[],
  opts: { xLabel?: string; yMin?: number; yMax?: number } = {},
): SVGSVGElement {
  const all = series.flatMap((s) => s.points);
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title });
  chart.append(svg('title', {}, title));
  if (!all.length) {
    chart.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'no data yet'));
    return chart;
  }
  const xs = all.map((p) => p[0]),
    ys = all.map((p) => p[1]);
  const x0 = Math.min(...xs),
    x1 = Math.max(...xs, x0 + 1);
  let y0 = opts.yMin ?? Math.min(...ys),
    y1 = opts.yMax ?? Math.max(...ys);
  if (y1 - y0 < 1e-12) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const sx = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const T = topMargin(series.length);
  const sy = (y: number) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  const yStep = niceStep(y1 - y0, 4),
    xStep = niceStep(x1 - x0, 5, xs.every(Number.isInteger));
  for (const v of tickValues(y0, y1, yStep)) {
    chart.append(
      svg('line', { x1: L, x2: W - R, y1: sy(v), y2: sy(v), class: 'grid' }),
      svg('text', { x: L - 4, y: sy(v) + 3, 'text-anchor': 'end', class: 'tick' }, tickLabel(v, yStep)),
    );
  }
  for (const v of tickValues(x0, x1, xStep)) {
    chart.append(svg('text', { x: sx(v), y: H - B + 14, 'text-anchor': 'middle', class: 'tick' }, tickLabel(v, xStep)));
  }
  chart.append(
    svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }),
    svg('line', { x1: L, x2: L, y1: T, y2: H - B, class: 'axis' }),
  );
  for (const s of series) {
    if (!s.points.length) continue;
    const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
    chart.append(svg('path', { d, class: `line ${s.className}` }, svg('title', {}, s.name)));
    if (s.points.length < 30)
      for (const p of s.points)
        chart.append(
          svg(
            'circle',
            { cx: sx(p[0]), cy: sy(p[1]), r: 2.5, class: `dot ${s.className}` },
            svg('title', {}, `${s.name} ${fmt(p[1])} at ${fmt(p[0])}`),
          ),
        );
  }
  if (opts.xLabel) chart.append(svg('text', { x: W - R, y: H - 2, 'text-anchor': 'end', class: 'tick' }, opts.xLabel));
  if (series.length > 1) chart.append(legend(series));
  return chart;
}

/** One swatch and name per series along the top, left to right. */
function legend(series: Series[]): SVGGElement {
  const g = svg('g', { class: 'legend-row' });
  let x = L;
  for (const s of series) {
    g.append(
      svg('line', { x1: x, x2: x + 12, y1: 8, y2: 8, class: `line ${s.className}` }),
      svg('text', { x: x + 15, y: 11, class: 'legend' }, s.name),
    );
    x += 22 + 5.2 * s.name.length;
  }
  return g;
}

/** Bars for [edges[i], edges[i+1]) with counts[i]; `marker` draws a labelled vertical line (max_length). */
export function histogram(
  title: string,
  edges: number[],
  counts: number[],
  marker?: { at: number; label: string },
): SVGSVGElement {
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title });
  chart.append(svg('title', {}, title));
  const top = Math.max(1, ...counts),
    x0 = edges[0],
    x1 = edges[edges.length - 1];
  const sx = (x: number) => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const T = topMargin(1);
  const sy = (y: number) => H - B - (y / top) * (H - T - B);
  counts.forEach((c, i) => {
    const x = sx(edges[i]),
      w = Math.max(1, sx(edges[i + 1]) - x - 1);
    chart.append(
      svg(
        'rect',
        { x, y: sy(c), width: w, height: H - B - sy(c), class: 'bar' },
        svg('title', {}, `${edges[i]}–${edges[i + 1] - 1} tokens: ${c} rows`),
      ),
    );
  });
  chart.append(
    svg('text', { x: L - 4, y: sy(top) + 3, 'text-anchor': 'end', class: 'tick' }, String(top)),
    svg('text', { x: L - 4, y: H - B, 'text-anchor': 'end', class: 'tick' }, '0'),
  );
  for (const x of [x0, Math.round((x0 + x1) / 2), x1])
    chart.append(svg('text', { x: sx(x), y: H - B + 14, 'text-anchor': 'middle', class: 'tick' }, String(x)));
  chart.append(svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }));
  if (marker) {
    const x = sx(Math.min(marker.at, x1));
    chart.append(
      svg('line', { x1: x, x2: x, y1: T, y2: H - B, class: 'marker' }),
      svg('text', { x: x - 3, y: T + 10, 'text-anchor': 'end', class: 'marker-label' }, marker.label),
    );
  }
  return chart;
}
