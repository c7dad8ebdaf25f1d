// The labeler: one record in focus, its neighbours in a virtual list, label keys, filters, progress and suggestions.
import { h, onMessage, vscodeApi } from '../shared/vscodeApi';
import {
  FromWebview,
  Mapping,
  RowText,
  SuggestSource,
  ToWebview,
  parseToWebview,
} from '../../extension/shared/protocol/labeler';
import { Filter, LABEL_KEYS, Order, computeView } from './rowView';
import { VirtualList } from './list';
import { best } from '../../extension/shared/uncertainty';
import { renderHelp } from './help';

interface Saved {
  row: number;
  filter: Filter;
  order: Order;
  query: string;
  source: SuggestSource;
}

const api = vscodeApi<Saved>();
const saved: Saved = { row: 0, filter: 'all', order: 'file', query: '', source: 'off', ...api.getState() };
const send = (m: FromWebview) => api.postMessage(m);

let doc: Extract<ToWebview, { type: 'reset' }> | null = null;
let labels: string[] = [];
let rowLabels = new Int32Array(0);
let view: number[] = [];
let pos = 0;
let matches: Set<number> | null = null;
let suggestions = new Map<number, number[]>();
let suggestionLabels: string[] = [];
let status = '';
const lines = new Map<number, RowText>();
let focusText: RowText | null = null;
const requested = new Set<number>();

const app = document.getElementById('app')!;
const list = new VirtualList(
  (i) => {
    const row = view[i];
    return {
      row,
      label: rowLabels[row] >= 0 ? labels[rowLabels[row]] : null,
      suggestion: suggestionFor(row)?.name ?? null,
      text: lines.get(row)?.text.replace(/\s+/g, ' ') ?? null,
      current: i === pos,
    };
  },
  (i) => go(i),
  (first, last) => want(view.slice(first, last)),
);

function persist(): void {
  api.setState({ ...saved, row: view[pos] ?? saved.row });
}

function want(rows: number[]): void {
  const missing = rows.filter((r) => !lines.has(r) && !requested.has(r));
  if (!missing.length) return;
  missing.forEach((r) => requested.add(r));
  send({ type: 'rows', rows: missing.slice(0, 1000), full: false });
}

function suggestionFor(row: number): { name: string; label: number; p: number } | null {
  const probs = suggestions.get(row);
  if (!probs || rowLabels[row] >= 0) return null;
  const b = best(probs);
  const name = suggestionLabels[b.label];
  return { name, label: labels.indexOf(name), p: b.p };
}

function rebuildView(keepRow = view[pos] ?? saved.row): void {
  view = computeView({
    rows: doc?.rows ?? 0,
    rowLabels,
    labels,
    filter: saved.filter,
    matches,
    order: saved.order,
    suggestions,
  });
  const at = view.indexOf(keepRow);
  pos =
    at >= 0
      ? at
      : Math.max(
          0,
          view.findIndex((r) => r >= keepRow),
        );
  list.setCount(view.length);
  render();
}

/** Moves the focus to item i of the view. */
function go(i: number): void {
  if (!view.length) return;
  pos = Math.max(0, Math.min(view.length - 1, i));
  list.reveal(pos);
  send({ type: 'focus', row: view[pos] });
  persist();
  render();
}

function setLabel(label: string | null): void {
  const row = view[pos];
  if (row === undefined || !doc?.mapping.label) return;
  send({ type: 'setLabel', row, label });
  if (label !== null) go(pos + 1);
}

// ---- rendering ----

const header = h('header', { class: 'header' });
const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Filters and suggestions' });
const focusCard = h('section', { class: 'focus', 'aria-live': 'polite', 'aria-label': 'Row in focus' });
const buttons = h('div', { class: 'labels', role: 'group', 'aria-label': 'Labels' });
const manage = h('details', { class: 'manage' });
const statusLine = h('div', { class: 'status', role: 'status' });
const help = renderHelp();

function select(
  id: string,
  label: string,
  options: [string, string][],
  value: string,
  onChange: (v: string) => void,
): HTMLElement {
  const s = h('select', { id, 'aria-label': label }, ...options.map(([v, text]) => h('option', { value: v }, text)));
  s.value = options.some(([v]) => v === value) ? value : options[0][0];
  s.addEventListener('change', () => onChange(s.value));
  return h('label', { class: 'field' }, `${label} `, s);
}

function renderToolbar(): void {
  const search = h('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Search text (/)',
    'aria-label': 'Search text',
  });
  search.value = saved.query;
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      saved.query = search.value;
      persist();
      if (search.value) send({ type: 'search', query: search.value });
      else {
        matches = null;
        rebuildView();
      }
      search.blur();
    }
    if (e.key === 'Escape') search.blur();
  });
  toolbar.replaceChildren(
    select(
      'filter',
      'Show',
      [
        ['all', 'All rows'],
        ['unlabeled', 'Unlabeled'],
        ['labeled', 'Labeled'],
        ...labels.map((l): [string, string] => [`label:${l}`, `Label: ${l}`]),
      ],
      saved.filter,
      (v) => {
        saved.filter = v;
        persist();
        rebuildView();
      },
    ),
    search,
    select(
      'order',
      'Order',
      [
        ['file', 'File order'],
        ['entropy', 'Most uncertain (entropy)'],
        ['margin', 'Most uncertain (margin)'],
      ],
      saved.order,
      (v) => {
        saved.order = v as Order;
        persist();
        rebuildView();
      },
    ),
    select(
      'suggest',
      'Suggest',
      [
        ['off', 'Off'],
        ['quick', 'Quick model'],
        ['model', 'Chosen model'],
      ],
      saved.source,
      (v) => {
        saved.source = v as SuggestSource;
        persist();
        send({ type: 'suggest', source: saved.source });
      },
    ),
  );
}

function renderHeader(): void {
  const total = doc?.rows ?? 0;
  const counts = labels.map(() => 0);
  let done = 0;
  for (const l of rowLabels)
    if (l >= 0) {
      counts[l]++;
      done++;
    }
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${total ? (100 * done) / total : 0}%`;
  const bar = h(
    'div',
    {
      class: 'bar',
      role: 'progressbar',
      'aria-label': 'Labeled rows',
      'aria-valuemin': '0',
      'aria-valuemax': String(total),
      'aria-valuenow': String(done),
    },
    fill,
  );
  header.replaceChildren(
    h(
      'div',
      { class: 'title' },
      h('strong', {}, doc?.file ?? ''),
      h('span', { class: 'progress-text', id: 'progress' }, ` ${done} / ${total} labeled`),
      h('button', { class: 'link', id: 'help-button', 'aria-label': 'Keyboard shortcuts (?)' }, '?'),
    ),
    bar,
    h('div', { class: 'counts' }, ...labels.map((l, i) => h('span', { class: 'count' }, `${l}: ${counts[i]}`))),
  );
  header.querySelector('#help-button')!.addEventListener('click', () => help.toggle());
}

function renderFocus(): void {
  const row = view[pos];
  if (doc?.error) {
    focusCard.replaceChildren(h('p', { class: 'error' }, doc.error));
    return;
  }
  if (row === undefined) {
    focusCard.replaceChildren(h('p', { class: 'empty' }, doc?.rows ? 'No rows match the filter.' : 'No rows.'));
    return;
  }
  if (focusText?.row !== row) send({ type: 'rows', rows: [row], full: true });
  const t = focusText?.row === row ? focusText : (lines.get(row) ?? null);
  const current = rowLabels[row] >= 0 ? labels[rowLabels[row]] : null;
  const s = suggestionFor(row);
  focusCard.replaceChildren(
    h(
      'div',
      { class: 'where' },
      `Row ${row + 1} of ${doc!.rows}`,
      view.length !== doc!.rows ? ` · ${pos + 1} of ${view.length} shown` : '',
      h(
        'span',
        { class: `current-label${current ? '' : ' none'}`, id: 'current-label' },
        current ? `Label: ${current}` : 'Unlabeled',
      ),
    ),
    h('div', { class: 'text', id: 'focus-text' }, t ? t.text + (t.truncated ? ' …' : '') : '…'),
    ...(t?.pair !== null && t?.pair !== undefined
      ? [h('div', { class: 'pair', 'aria-label': 'Second text' }, t.pair)]
      : []),
    ...(s
      ? [
          h(
            'div',
            { class: 'suggestion', id: 'suggestion' },
            'Suggested: ',
            h('strong', {}, s.name),
            ` ${(s.p * 100).toFixed(0)}% — Enter accepts`,
          ),
        ]
      : []),
  );
}

function renderButtons(): void {
  const row = view[pos];
  const noColumn = doc && !doc.error && !doc.mapping.label;
  if (noColumn) {
    const add = h('button', { class: 'primary', id: 'add-column' }, 'Add a label column');
    add.addEventListener('click', () => send({ type: 'addLabelColumn' }));
    buttons.replaceChildren(h('span', {}, 'This file has no label column. '), add);
    return;
  }
  const items = labels.map((l, i) => {
    const b = h(
      'button',
      {
        class: 'label-button',
        'data-label': l,
        'aria-keyshortcuts': LABEL_KEYS[i] ?? '',
        'aria-pressed': String(row !== undefined && rowLabels[row] === i),
        'aria-label': `Label ${l}${LABEL_KEYS[i] ? ` (key ${LABEL_KEYS[i]})` : ''}`,
      },
      ...(LABEL_KEYS[i] ? [h('kbd', {}, LABEL_KEYS[i])] : []),
      l,
    );
    b.addEventListener('click', () => setLabel(l));
    return b;
  });
  const input = h('input', { id: 'new-label', placeholder: 'New label', 'aria-label': 'New label name' });
  const add = h('button', { id: 'add-label' }, 'Add');
  const submit = () => {
    if (input.value.trim()) send({ type: 'addLabel', name: input.value });
    input.value = '';
  };
  add.addEventListener('click', submit);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') submit();
    if (e.key === 'Escape') input.blur();
  });
  buttons.replaceChildren(...items, h('span', { class: 'add' }, input, add));
}

function renderManage(): void {
  const open = manage.open;
  const counts = labels.map(() => 0);
  for (const l of rowLabels) if (l >= 0) counts[l]++;
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
    return h('li', {}, h('span', {}, `${l} (${counts[i]})`), rename, remove);
  });
  const m = doc?.mapping;
  const cols: [string, string][] = (doc?.columns ?? []).map((c) => [c, c]);
  const none: [string, string] = ['', '(none)'];
  const update = (patch: Partial<Mapping>) => m && send({ type: 'setMapping', mapping: { ...m, ...patch } });
  manage.replaceChildren(
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
  );
  manage.open = open;
}

function render(): void {
  renderHeader();
  renderFocus();
  renderButtons();
  statusLine.textContent = status;
  list.schedule();
}

app.replaceChildren(
  header,
  toolbar,
  h('div', { class: 'body' }, h('div', { class: 'left' }, focusCard, buttons, statusLine, manage), list.element),
  help.element,
);

// ---- messages ----

onMessage(parseToWebview, (m) => {
  switch (m.type) {
    case 'reset': {
      const first = !doc;
      doc = m;
      labels = m.labels;
      rowLabels = Int32Array.from(m.rowLabels);
      if (m.textsChanged) {
        lines.clear();
        requested.clear();
        focusText = null;
      }
      if (first && saved.query) send({ type: 'search', query: saved.query });
      if (first && saved.source !== 'off') send({ type: 'suggest', source: saved.source });
      renderToolbar();
      renderManage();
      rebuildView(first ? saved.row : view[pos]);
      if (first) go(pos);
      return;
    }
    case 'labels': {
      const renamed = m.labels.join('\u0000') !== labels.join('\u0000');
      labels = m.labels;
      for (let k = 0; k < m.changes.length; k += 2) rowLabels[m.changes[k]] = m.changes[k + 1];
      if (renamed) {
        renderToolbar();
      }
      renderManage();
      render();
      return;
    }
    case 'rows':
      for (const r of m.rows) {
        if (m.full) focusText = r;
        else {
          lines.set(r.row, r);
          requested.delete(r.row);
        }
      }
      if (m.full) renderFocus();
      else list.schedule();
      return;
    case 'search':
      if (m.query !== saved.query) return;
      matches = new Set(m.rows);
      rebuildView();
      return;
    case 'suggestions':
      suggestions = new Map(m.items.map((x) => [x.row, x.probs]));
      suggestionLabels = m.labels;
      rebuildView();
      return;
    case 'status':
      status = m.text + (m.busy ? ' …' : '');
      statusLine.textContent = status;
      statusLine.classList.toggle('busy', m.busy);
      return;
  }
});

// ---- keyboard ----

document.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (target.matches('input, select, textarea')) return;
  if (target.matches('button') && (e.key === 'Enter' || e.key === ' ')) return;
  if (help.open && e.key !== '?' && e.key !== 'Escape') return;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  const labelIndex = e.key.length === 1 && !e.shiftKey ? LABEL_KEYS.indexOf(key) : -1;
  let handled = true;
  if (labelIndex >= 0 && labelIndex < labels.length) setLabel(labels[labelIndex]);
  else if (key === 'ArrowRight' || key === 'j' || key === 'ArrowDown') go(pos + 1);
  else if (key === 'ArrowLeft' || key === 'k' || key === 'ArrowUp') go(pos - 1);
  else if (key === 'Home') go(0);
  else if (key === 'End') go(view.length - 1);
  else if (key === 'PageDown') go(pos + 10);
  else if (key === 'PageUp') go(pos - 10);
  else if (key === 'Backspace' || key === 'Delete') setLabel(null);
  else if (key === 'Enter') {
    const s = suggestionFor(view[pos]);
    if (s && s.label >= 0) setLabel(s.name);
  } else if (e.key === '?') help.toggle();
  else if (key === 'Escape' && help.open) help.toggle();
  else if (key === '/') (document.getElementById('search') as HTMLInputElement | null)?.focus();
  else handled = false;
  if (handled) e.preventDefault();
});

send({ type: 'ready' });
