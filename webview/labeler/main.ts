// The labeler: one record in focus, its neighbours in a virtual list, label keys, filters, progress and suggestions.
import { h, onMessage, vscodeApi } from '../shared/vscodeApi';
import {
  FromWebview,
  RowText,
  SuggestSource,
  ToWebview,
  parseToWebview,
} from '../../extension/shared/protocol/labeler';
import { Filter, LABEL_KEYS, Order, computeView } from './rowView';
import { keyAction } from './keys';
import { toolbarControls } from './toolbar';
import { manageControls } from './manage';
import { VirtualList } from './list';
import { best } from '../../extension/shared/uncertainty';
import { renderHelp } from './help';
import { renderHeader } from './header';
import { SpanEditor } from './spans';

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
let counts: number[] = [];
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
  if (doc.spanColumn) return label === null ? undefined : spanEditor.label(label);
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
const spanEditor = new SpanEditor(
  send,
  () => labels,
  (text) => (statusLine.textContent = text),
);

function renderToolbar(): void {
  toolbar.replaceChildren(
    ...toolbarControls(saved, labels, {
      search(query) {
        saved.query = query;
        persist();
        if (query) send({ type: 'search', query });
        else {
          matches = null;
          rebuildView();
        }
      },
      filter(v) {
        saved.filter = v;
        persist();
        rebuildView();
      },
      order(v) {
        saved.order = v;
        persist();
        rebuildView();
      },
      source(v) {
        saved.source = v;
        persist();
        send({ type: 'suggest', source: v });
      },
    }),
  );
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
  const current = rowLabels[row] >= 0 && !doc!.spanColumn ? labels[rowLabels[row]] : null;
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
        current ? `Label: ${current}` : doc!.spanColumn ? 'Select text, then a label key' : 'Unlabeled',
      ),
    ),
    doc!.spanColumn && t
      ? spanEditor.view(row, t.text)
      : h('div', { class: 'text', id: 'focus-text' }, t ? t.text + (t.truncated ? ' …' : '') : '…'),
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
        'aria-pressed': String(row !== undefined && rowLabels[row] === i && !doc?.spanColumn),
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
  manage.replaceChildren(...manageControls(labels, counts, doc, send));
  manage.open = open;
}

function render(): void {
  renderHeader(header, doc?.file ?? '', doc?.rows ?? 0, labels, counts, rowLabels, () => help.toggle());
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
      counts = m.counts;
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
      counts = m.counts;
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
    case 'spans':
      return spanEditor.setSpans(m.row, m.spans, m.suggested);
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
  if (doc?.spanColumn && !help.open && spanEditor.key(e)) return e.preventDefault();
  const action = keyAction(e, labels.length, help.open);
  if (!action) return;
  e.preventDefault();
  switch (action.kind) {
    case 'label':
      return setLabel(labels[action.index]);
    case 'clear':
      return setLabel(null);
    case 'move':
      return go(pos + action.by);
    case 'first':
      return go(0);
    case 'last':
      return go(view.length - 1);
    case 'acceptSuggestion': {
      const s = suggestionFor(view[pos]);
      if (s && s.label >= 0) setLabel(s.name);
      return;
    }
    case 'toggleHelp':
      return help.toggle();
    case 'search':
      return (document.getElementById('search') as HTMLInputElement | null)?.focus();
  }
});

send({ type: 'ready' });
