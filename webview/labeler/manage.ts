/** The labels-and-columns panel: each label with its count, rename and remove, and the column mapping. */
import { h } from '../shared/vscodeApi';
import type { FromWebview, Mapping, ToWebview } from '../../extension/shared/protocol/labeler';
import { select } from './fields';

export function manageControls(
  labels: string[],
  counts: number[],
  doc: Extract<ToWebview, { type: 'reset' }> | null,
  send: (m: FromWebview) => void,
): HTMLElement[] {
  const rows = labels.map((l, i) => {
    const rename = h('button', { 'aria-label': `Rename ${l}` }, 'Rename…');
    rename.addEventListener('click', () => send({ type: 'renameLabel', from: l }));
    const remove = h(
      'button',
      {
        'aria-label': `Remove ${l}`,
        ...(counts[i] ? { disabled: '', title: 'Only unused labels can be removed' } : {}),
      },
      'Remove',
    );
    remove.addEventListener('click', () => send({ type: 'removeLabel', name: l }));
    return h('li', {}, h('span', {}, `${l} (${counts[i] ?? 0})`), rename, remove);
  });
  const m = doc?.mapping;
  const cols: [string, string][] = (doc?.columns ?? []).map((c) => [c, c]);
  const none: [string, string] = ['', '(none)'];
  const update = (patch: Partial<Mapping>) => m && send({ type: 'setMapping', mapping: { ...m, ...patch } });
  return [
    h('summary', {}, 'Labels and columns'),
    h('ul', { class: 'label-list' }, ...rows),
    h(
      'div',
      { class: 'columns' },
      select('col-text', 'Text', cols, m?.text ?? '', (v) => update({ text: v })),
      select('col-pair', 'Second text', [none, ...cols], m?.textPair ?? '', (v) => update({ textPair: v || null })),
      select('col-label', 'Label', [none, ...cols], m?.label ?? '', (v) => update({ label: v || null })),
    ),
    ...(doc?.warnings.length ? [h('ul', { class: 'warnings' }, ...doc.warnings.map((w) => h('li', {}, w)))] : []),
  ];
}
