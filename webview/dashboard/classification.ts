/** A classifier's last evaluation: the confusion matrix and the per-class table. */
import { h } from '../shared/vscodeApi';
import type { ClassificationMetrics } from '../../extension/shared/runs/evalDetail';
import { pct } from './format';

export function classificationPanel(d: ClassificationMetrics): HTMLElement {
  const labels = d.per_class.map((c) => c.label);
  const max = Math.max(1, ...d.confusion.flat());
  const matrix = h(
    'table',
    { class: 'confusion', 'aria-label': 'confusion matrix: rows are true labels, columns predicted' },
    h('caption', {}, 'Confusion matrix (rows: true, columns: predicted)'),
    h('tr', {}, h('th', {}, ''), ...labels.map((l) => h('th', { scope: 'col' }, l))),
    ...d.confusion.map((row, i) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, labels[i]),
        ...row.map((n, j) =>
          h('td', { class: `${i === j ? 'diag' : 'off'} shade-${Math.min(4, Math.ceil((4 * n) / max))}` }, String(n)),
        ),
      ),
    ),
  );
  const perClass = h(
    'table',
    { class: 'per-class' },
    h('caption', {}, 'Per class'),
    h('tr', {}, ...['label', 'precision', 'recall', 'F1', 'support'].map((t) => h('th', { scope: 'col' }, t))),
    ...d.per_class.map((c) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, c.label),
        h('td', {}, pct(c.precision)),
        h('td', {}, pct(c.recall)),
        h('td', {}, pct(c.f1)),
        h('td', {}, String(c.support)),
      ),
    ),
  );
  return h('div', { class: 'tables' }, matrix, perClass);
}
