/** A regression model's last evaluation: predicted against true values, the y = x diagonal, and its error figures. */
import { h } from '../shared/vscodeApi';
import { svg } from '../shared/charts';
import { fmt } from '../shared/chartScale';
import type { RegressionDetail } from '../../extension/shared/runs/evalDetail';
import { SIZE, scatterLayout } from './scatterLayout';
import { num } from './format';

function plot(d: RegressionDetail): SVGSVGElement {
  const { W, H, L, R, T, B } = SIZE;
  const layout = scatterLayout(d.points);
  const chart = svg('svg', {
    id: 'regression-scatter',
    viewBox: `0 0 ${W} ${H}`,
    class: 'chart scatter',
    role: 'img',
    'aria-label': 'predicted against true values of the validation examples',
  });
  chart.append(svg('title', {}, 'predicted against true values'));
  for (const t of layout.xTicks)
    chart.append(
      svg('line', { x1: t.at, x2: t.at, y1: T, y2: H - B, class: 'grid' }),
      svg('text', { x: t.at, y: H - B + 14, 'text-anchor': 'middle', class: 'tick' }, t.label),
    );
  for (const t of layout.yTicks)
    chart.append(
      svg('line', { x1: L, x2: W - R, y1: t.at, y2: t.at, class: 'grid' }),
      svg('text', { x: L - 4, y: t.at + 3, 'text-anchor': 'end', class: 'tick' }, t.label),
    );
  chart.append(
    svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }),
    svg('line', { x1: L, x2: L, y1: T, y2: H - B, class: 'axis' }),
    svg('text', { x: (L + W - R) / 2, y: H - 4, 'text-anchor': 'middle', class: 'tick' }, 'true value'),
    svg(
      'text',
      {
        x: 10,
        y: (T + H - B) / 2,
        'text-anchor': 'middle',
        class: 'tick',
        transform: `rotate(-90 10 ${(T + H - B) / 2})`,
      },
      'predicted',
    ),
  );
  const g = layout.diagonal;
  chart.append(svg('line', { ...g, class: 'diagonal' }, svg('title', {}, 'y = x: a perfect prediction')));
  for (const c of layout.circles)
    chart.append(
      svg(
        'circle',
        { cx: c.cx, cy: c.cy, r: 2.5, class: 'point' },
        svg('title', {}, `true ${fmt(c.truth)}, predicted ${fmt(c.prediction)}`),
      ),
    );
  return chart;
}

export function scatterPanel(d: RegressionDetail, metrics: Record<string, number>): HTMLElement {
  const figures = (
    [
      ['MSE', 'eval_mse'],
      ['MAE', 'eval_mae'],
      ['Pearson', 'eval_pearson'],
      ['Spearman', 'eval_spearman'],
    ] as const
  ).filter(([, k]) => typeof metrics[k] === 'number');
  const shown =
    d.points.length < d.total
      ? `${d.points.length} of ${d.total} validation examples (an even subsample)`
      : `${d.total} validation examples`;
  return h(
    'div',
    { class: 'tables' },
    h('figure', { class: 'scatter-figure' }, plot(d), h('figcaption', {}, `predicted against true: ${shown}`)),
    h(
      'table',
      { class: 'regression-metrics', id: 'regression-metrics' },
      h('caption', {}, 'Validation error'),
      ...figures.map(([name, k]) =>
        h('tr', {}, h('th', { scope: 'row' }, name), h('td', { 'data-value': String(metrics[k]) }, num(metrics[k]))),
      ),
    ),
  );
}
