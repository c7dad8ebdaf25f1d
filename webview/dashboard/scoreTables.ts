/**
 * Score tables of the last evaluation: per entity type (token classification) and per label (multi-label). Every
 * row carries its name in data-type / data-label and every number its value in data-value, for tests and tools.
 */
import { h } from '../shared/vscodeApi';
import type { ScoreRow } from '../../extension/shared/runs/evalTables';
import { entityTable, labelTable } from '../../extension/shared/runs/evalTables';
import type { MultiLabelDetail } from '../../extension/shared/runs/evalDetail';
import { pct } from './format';

const cell = (v: number | null, show: (v: number) => string) =>
  v === null ? h('td', { class: 'none' }, '—') : h('td', { 'data-value': String(v) }, show(v));

function row(r: ScoreRow, key: string, extra: HTMLElement[] = [], cls = ''): HTMLElement {
  return h(
    'tr',
    { [key]: r.name, ...(cls ? { class: cls } : {}) },
    h('td', { class: 'name' }, r.name),
    cell(r.precision, pct),
    cell(r.recall, pct),
    cell(r.f1, pct),
    cell(r.support, String),
    ...extra,
  );
}

const head = (names: string[]) => h('tr', {}, ...names.map((t) => h('th', { scope: 'col' }, t)));

const facts = (items: [string, number | null][]) =>
  h(
    'p',
    { class: 'metrics' },
    items
      .filter((x): x is [string, number] => x[1] !== null)
      .map(([k, v]) => `${k} ${pct(v)}`)
      .join(' · '),
  );

/** Entity-level scores per type, as seqeval reports them, then the overall row; token accuracy below. */
export function entityTypesPanel(metrics: Record<string, number>): HTMLElement | null {
  const t = entityTable(metrics);
  if (!t.types.length && !t.overall) return null;
  return h(
    'div',
    { class: 'tables' },
    h(
      'table',
      { id: 'entity-types', class: 'scores' },
      h('caption', {}, 'Entities per type (strict IOB2 spans; support: true entities)'),
      head(['type', 'precision', 'recall', 'F1', 'support']),
      ...t.types.map((r) => row(r, 'data-type')),
      ...(t.overall ? [row(t.overall, 'data-type', [], 'overall')] : []),
    ),
    facts([['token accuracy', t.accuracy]]),
  );
}

/** Scores per label at its decision threshold, with micro/macro F1 and subset accuracy. */
export function labelsPanel(metrics: Record<string, number>, detail: MultiLabelDetail | null): HTMLElement | null {
  const t = labelTable(metrics, detail);
  if (!t.labels.length) return null;
  return h(
    'div',
    { class: 'tables' },
    h(
      'table',
      { id: 'label-scores', class: 'scores' },
      h(
        'caption',
        {},
        t.tuned
          ? "Per label, at each label's threshold tuned on the validation set (saved with the model)"
          : 'Per label, at threshold 0.5',
      ),
      head(['label', 'precision', 'recall', 'F1', 'support', 'threshold']),
      ...t.labels.map((r) => row(r, 'data-label', [cell(r.threshold, (v) => v.toFixed(2))])),
    ),
    facts([
      ['micro F1', t.f1Micro],
      ['macro F1', t.f1Macro],
      ['micro F1 (tuned thresholds)', t.f1MicroTuned],
      ['macro F1 (tuned thresholds)', t.f1MacroTuned],
      ['subset accuracy', t.subsetAccuracy],
    ]),
  );
}
