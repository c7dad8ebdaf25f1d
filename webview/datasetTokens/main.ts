// The dataset tokens panel: the first rows of a data file as token chips, and the token-length histogram against max_length.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { h, onMessage, vscodeApi } from '../shared/vscodeApi';
import { histogram } from '../shared/charts';
import { parseTokensView, renderTokens, tokensSummary } from '../shared/tokenChips';
import {
  DatasetTokensView,
  FromDatasetTokens,
  MAX_LENGTH_LIMIT,
  ToDatasetTokens,
  parseToDatasetTokens,
} from '../../extension/shared/protocol/datasetTokens';

const api = vscodeApi<ToDatasetTokens>();
const post = (m: FromDatasetTokens) => api.postMessage(m);
const root = document.getElementById('dataset-tokens')!;

const value = (el: HTMLElement) => (el as unknown as { value: string }).value;

function controls(model: string, maxLength: number, busy: boolean): HTMLElement {
  const modelField = h('vscode-textfield' as 'input', {
    id: 'model',
    value: model,
    'aria-label': 'Model whose tokenizer is used',
  });
  const lengthField = h('vscode-textfield' as 'input', {
    id: 'max-length',
    value: String(maxLength),
    'aria-label': 'max_length',
  });
  const note = h('span', { class: 'error', id: 'options-error' });
  const apply = h('vscode-button' as 'button', busy ? { id: 'apply', disabled: '' } : { id: 'apply' }, 'Apply');
  const submit = () => {
    const n = Number(value(lengthField));
    if (!value(modelField).trim()) return void (note.textContent = 'Name a model (a folder or a Hugging Face id).');
    if (!Number.isInteger(n) || n < 2 || n > MAX_LENGTH_LIMIT)
      return void (note.textContent = `max_length is a whole number from 2 to ${MAX_LENGTH_LIMIT}.`);
    note.textContent = '';
    post({ type: 'options', model: value(modelField).trim(), maxLength: n });
  };
  apply.addEventListener('click', submit);
  for (const f of [modelField, lengthField])
    f.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') submit();
    });
  return h(
    'div',
    { class: 'options' },
    h('label', { for: 'model' }, 'Tokenizer of'),
    modelField,
    h('label', { for: 'max-length' }, 'max_length'),
    lengthField,
    apply,
    note,
  );
}

function lengthFacts(p: DatasetTokensView): string {
  const l = p.lengths;
  const measured =
    l.measured < p.totalRows
      ? ` (first ${l.measured.toLocaleString('en-US')} of ${p.totalRows.toLocaleString('en-US')} rows measured)`
      : '';
  return `median ${l.p50} · 95th percentile ${l.p95} · longest ${l.longest} tokens · ${l.truncated.toLocaleString('en-US')} of ${l.measured.toLocaleString('en-US')} rows longer than max_length ${l.maxLength}${measured}`;
}

function showPreview(p: DatasetTokensView): void {
  const mapping = [
    `text: ${p.mapping.text}`,
    p.mapping.textPair ? `second text: ${p.mapping.textPair}` : '',
    `label: ${p.mapping.label ?? 'none'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const rows = p.rows.map((r, i) =>
    h(
      'li',
      { class: 'token-row' },
      h(
        'div',
        { class: 'row-head' },
        h('span', { class: 'row-number' }, `row ${i + 1}`),
        r.label !== null ? h('span', { class: 'row-label' }, r.label || '(unlabeled)') : '',
        h('span', { class: 'hint' }, tokensSummary(r.view, p.maxLength)),
      ),
      renderTokens(r.view, r.texts),
    ),
  );
  root.replaceChildren(
    h('h1', {}, p.file),
    h('p', { class: 'hint', id: 'facts' }, `${p.totalRows.toLocaleString('en-US')} rows · ${mapping}`),
    controls(p.model, p.maxLength, false),
    h('h2', {}, 'Token lengths'),
    h(
      'figure',
      {},
      histogram('token length per row', p.lengths.edges, p.lengths.counts, {
        at: p.maxLength,
        label: `max_length ${p.maxLength}`,
      }),
      h('figcaption', { id: 'length-facts' }, lengthFacts(p)),
    ),
    h('h2', {}, `First ${p.rows.length} rows`),
    h(
      'p',
      { class: 'hint' },
      'Under each id: segment · attention mask. Hover a token for the characters it came from.',
    ),
    h('ol', { class: 'token-rows', id: 'token-rows' }, ...rows),
  );
}

function show(m: ToDatasetTokens): void {
  if (m.type === 'preview') showPreview(m.preview);
  else if (m.type === 'loading')
    root.replaceChildren(
      h('h1', {}, m.file),
      controls(m.model, m.maxLength, true),
      h('p', { class: 'hint', id: 'status' }, `Tokenizing with ${m.model}…`),
    );
  else {
    const error = h('p', { class: 'error', id: 'status' }, m.message);
    const old = root.querySelector('#status');
    if (old) old.replaceWith(error);
    else root.append(error);
    root.querySelector('#apply')?.removeAttribute('disabled');
  }
  if (m.type !== 'error') api.setState(m);
}

const saved = api.getState();
if (saved) show(saved);
onMessage((x) => parseToDatasetTokens(x, parseTokensView), show);
post({ type: 'ready' });
