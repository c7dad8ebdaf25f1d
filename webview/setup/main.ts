// The Fine-tune setup page: columns, task, model and hyperparameters, with the data's stats and tokenized preview.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { h, onMessage, vscodeApi } from '../shared/vscodeApi';
import { histogram } from '../shared/charts';
import { parseTokensView, renderTokens } from '../shared/tokenChips';
import {
  FromSetup,
  PreviewView,
  SetupForm,
  ToSetup,
  formErrors,
  labelingAdvice,
  imbalanceNote,
  parseToSetup,
} from '../../extension/shared/protocol/setup';
import { TASK_FIELDS } from '../../extension/shared/protocol/setupTasks';
import { classWeightsField, dataFacts, modeField, taskSection } from './taskFields';
import { EtaSection } from './eta';

type Saved = { file: string; form: SetupForm; trusted: boolean };
const api = vscodeApi<Saved>();
const post = (m: FromSetup) => api.postMessage(m);
const root = document.getElementById('setup')!;
let current: Saved | null = null;
let preview: PreviewView | null = null;
let previewError: string | null = null;
let startError: string | null = null;
let changeTimer: ReturnType<typeof setTimeout> | null = null;
const eta = new EtaSection({
  form: () => current?.form ?? null,
  canEstimate: () => !!current && current.trusted && !Object.keys(formErrors(current.form)).length,
  post,
  apply: (changes) => {
    if (!current) return;
    current = { ...current, form: { ...current.form, ...changes } };
    api.setState(current);
    eta.formChanged(current.form);
    post({ type: 'change', form: current.form });
    render();
  },
});

type Field = keyof SetupForm;
const NUMBERS: Field[] = ['epochs', 'learningRate', 'batchSize', 'maxLength', 'warmupRatio', 'weightDecay', 'seed'];

function select(field: Field, label: string, options: [string, string][], value: string, hint = ''): HTMLElement {
  const el = h(
    'vscode-single-select' as 'select',
    { id: field, 'aria-label': label },
    ...options.map(([v, text]) =>
      h('vscode-option' as 'option', v === value ? { value: v, selected: '' } : { value: v }, text),
    ),
  );
  el.addEventListener('change', () => update(field, (el as unknown as { value: string }).value));
  return row(field, label, el, hint);
}

function input(field: Field, label: string, value: string | number, hint = ''): HTMLElement {
  const el = h('vscode-textfield' as 'input', { id: field, value: String(value), 'aria-label': label });
  for (const event of ['input', 'change'])
    el.addEventListener(event, () => update(field, (el as unknown as { value: string }).value));
  return row(field, label, el, hint);
}

function row(field: Field, label: string, control: HTMLElement, hint = ''): HTMLElement {
  const error = current ? formErrors(current.form)[field] : undefined;
  const note = h('span', { class: error ? 'error' : 'hint', id: `${field}-note` }, error ?? hint);
  note.dataset.hint = hint;
  return h('div', { class: `field${error ? ' invalid' : ''}` }, h('label', { for: field }, label), control, note);
}

function update(field: Field, raw: string): void {
  if (!current) return;
  const value = NUMBERS.includes(field) ? Number(raw) : field === 'textPair' || field === 'label' ? raw || null : raw;
  current = { ...current, form: { ...current.form, [field]: value } };
  api.setState(current);
  eta.formChanged(current.form);
  startError = null;
  if (['text', 'textPair', 'label', 'model', 'maxLength', 'task'].includes(field)) {
    if (changeTimer) clearTimeout(changeTimer);
    changeTimer = setTimeout(() => post({ type: 'change', form: current!.form }), 300);
  }
  // Another task shows other fields.
  if (field === 'task') {
    render();
    return document.getElementById('task')?.focus();
  }
  refresh();
}

/** Updates notes, the Start button and the data side without rebuilding the controls (focus stays where it is). */
function refresh(): void {
  if (!current) return;
  const errors = formErrors(current.form);
  for (const note of Array.from(root.querySelectorAll<HTMLElement>('.field > span[id$="-note"]'))) {
    const field = note.id.replace(/-note$/, '') as Field;
    const error = errors[field];
    note.className = error ? 'error' : 'hint';
    note.textContent = error ?? note.dataset.hint ?? '';
    note.parentElement!.classList.toggle('invalid', !!error);
  }
  const start = document.getElementById('start');
  if (start) start.toggleAttribute('disabled', !canStart());
  const data = root.querySelector<HTMLElement>('.data');
  if (data) data.replaceChildren(...dataSide(current.form));
}

function canStart(): boolean {
  return !!current && !Object.keys(formErrors(current.form)).length && current.trusted && !!preview && !preview.problem;
}

function dataSide(f: SetupForm): HTMLElement[] {
  return [
    ...(startError ? [h('p', { class: 'error', role: 'alert', id: 'start-error' }, startError)] : []),
    ...(previewError ? [h('p', { class: 'error', role: 'alert', id: 'preview-error' }, previewError)] : []),
    ...(preview
      ? [dataSection(preview, f), tokensSection(preview, f)]
      : previewError
        ? []
        : [h('p', { class: 'facts' }, 'Reading the data…')]),
  ];
}

function dataSection(p: PreviewView, f: SetupForm): HTMLElement {
  const shown = p.rows.slice(0, 8);
  const role = (c: string) => (c === f.text ? 'text' : c === f.textPair ? 'second text' : c === f.label ? 'label' : '');
  const table = h(
    'table',
    { class: 'rows' },
    h(
      'tr',
      {},
      ...p.columns.map((c) =>
        h('th', { class: role(c) ? 'mapped' : '' }, c, role(c) ? h('span', { class: 'role' }, role(c)) : ''),
      ),
    ),
    ...shown.map((r) =>
      h('tr', {}, ...p.columns.map((c) => h('td', { title: r[c] ?? '' }, (r[c] ?? '').slice(0, 120)))),
    ),
  );
  const counts = Object.entries(p.labelCounts);
  const top = Math.max(1, ...counts.map(([, n]) => n));
  const labels = h(
    'div',
    { class: 'labels' },
    ...counts.map(([l, n]) => {
      const bar = h('span', { class: 'bar' });
      bar.style.width = `${Math.round((100 * n) / top)}%`;
      return h(
        'div',
        { class: 'label-row' },
        h('span', { class: 'name' }, l),
        h('span', { class: 'track' }, bar),
        h('span', { class: 'count' }, String(n)),
      );
    }),
  );
  const section = h(
    'section',
    {},
    h('h2', {}, 'Data'),
    h('p', { class: 'facts', id: 'data-facts' }, dataFacts(f, p.totalRows, counts.length, p.unlabeled)),
    table,
  );
  if (counts.length) section.append(labels);
  const fields = TASK_FIELDS[f.task];
  const imbalance = fields.classWeights ? imbalanceNote(p.labelCounts, fields.nouns.counted) : null;
  if (imbalance) section.append(h('p', { class: 'warning', role: 'note', id: 'imbalance' }, imbalance));
  const advice = labelingAdvice(p, f);
  if (advice) {
    const label = h('vscode-button' as 'button', { secondary: '', id: 'label-first' }, 'Label First…');
    label.addEventListener('click', () => post({ type: 'label' }));
    section.append(h('p', { class: 'warning', role: 'alert', id: 'labeling-advice' }, advice, ' '), label);
  }
  return section;
}

function tokensSection(p: PreviewView, f: SetupForm): HTMLElement {
  const l = p.lengths;
  return h(
    'section',
    {},
    h('h2', {}, 'Tokens'),
    h(
      'p',
      { class: 'facts', id: 'truncation' },
      `${l.truncated} of ${l.measured} rows are longer than max_length ${f.maxLength} and get truncated · median ${l.p50} · 95th percentile ${l.p95} · longest ${l.longest} tokens`,
    ),
    h(
      'figure',
      {},
      histogram('token lengths', l.edges, l.counts, { at: f.maxLength, label: `max_length ${f.maxLength}` }),
      h('figcaption', {}, 'token length per row'),
    ),
    ...p.tokens
      .slice(0, 3)
      .map((t) =>
        h('div', { class: 'preview-row' }, renderTokens(parseTokensView(t.view), t.texts, { compact: true })),
      ),
  );
}

function render(): void {
  if (!current) return;
  const { form: f, file, trusted } = current;
  const columns = preview?.columns ?? [f.text, f.textPair, f.label].filter((c): c is string => !!c);
  const start = h(
    'vscode-button' as 'button',
    { id: 'start', ...(canStart() ? {} : { disabled: '' }) },
    'Start Training',
  );
  start.addEventListener('click', () => {
    if (current && canStart()) post({ type: 'start', form: current.form });
  });
  root.replaceChildren(
    h('h1', {}, 'Fine-tune on ', h('code', {}, file)),
    ...(trusted
      ? []
      : [
          h(
            'p',
            { class: 'warning', role: 'alert' },
            'This workspace is not trusted: training on its files is off until you trust it (Workspace Trust).',
          ),
        ]),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { class: 'form' },
        h('h2', {}, 'Columns and task'),
        ...taskSection(f, columns, select),
        h('h2', {}, 'Model and training'),
        input('model', 'Model', f.model, 'a folder or a Hugging Face id'),
        ...modeField(f, select),
        input('epochs', 'Epochs', f.epochs, 'Trainer default 3'),
        input('learningRate', 'Learning rate', f.learningRate, 'Trainer default 5e-5'),
        input('batchSize', 'Batch size', f.batchSize, 'per device; default 8'),
        input('maxLength', 'max_length', f.maxLength, 'tokens per example'),
        input('warmupRatio', 'Warm-up ratio', f.warmupRatio, 'default 0'),
        input('weightDecay', 'Weight decay', f.weightDecay, 'default 0'),
        input('seed', 'Seed', f.seed, 'default 42'),
        ...classWeightsField(f, select),
        select(
          'evalStrategy',
          'Evaluate',
          [
            ['epoch', 'every epoch'],
            ['no', 'never'],
          ],
          f.evalStrategy,
        ),
        h('div', { class: 'actions' }, start, eta.element()),
      ),
      h('div', { class: 'data' }, ...dataSide(f)),
    ),
  );
}

function receive(m: ToSetup): void {
  if (m.type === 'init') {
    current = { file: m.file, form: m.form, trusted: m.trusted };
    api.setState(current);
    return render();
  }
  if (m.type === 'estimate' || m.type === 'estimateProgress' || m.type === 'estimateError') return eta.receive(m);
  if (m.type === 'preview') {
    const columnsChanged = preview?.columns.join('\u0000') !== m.preview.columns.join('\u0000');
    preview = m.preview;
    previewError = null;
    if (columnsChanged) return render();
  } else if (m.type === 'previewError') {
    previewError = m.message;
    preview = null;
  } else {
    startError = m.message;
  }
  refresh();
}

onMessage(parseToSetup, receive);
post({ type: 'ready' });
