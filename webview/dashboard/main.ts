// The training dashboard: progress, curves, the last evaluation (with its task's panel) and the final report of one run.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h, onMessage, vscodeApi } from '../shared/vscodeApi';
import { Series, lineChart } from '../shared/charts';
import type { DashboardState } from '../../extension/shared/runs/dashboardModel';
import { FromDashboard, ToDashboard, parseToDashboard } from '../../extension/shared/protocol/dashboard';
import { isCurve } from '../../extension/shared/runs/taskMetrics';
import { taskPanel } from './taskPanels';
import { num } from './format';

const api = vscodeApi<ToDashboard>();
const post = (m: FromDashboard) => api.postMessage(m);
const root = document.getElementById('dashboard')!;

const duration = (s: number) =>
  s >= 3600
    ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`
    : s >= 60
      ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`
      : `${Math.round(s)} s`;

function button(label: string, message: FromDashboard, secondary = false): HTMLElement {
  const b = h('vscode-button' as 'button', secondary ? { secondary: '' } : {}, label);
  b.addEventListener('click', () => post(message));
  return b;
}

/** Only the actions that apply: Cancel while the run is live, Use for Inference once it finished. */
function actionButtons(s: DashboardState, live: boolean): HTMLElement[] {
  const buttons: HTMLElement[] = [];
  if (live && (s.status === 'running' || s.status === 'starting')) buttons.push(button('Cancel', { type: 'cancel' }));
  if (s.status === 'finished') buttons.push(button('Use for Inference', { type: 'useForInference' }));
  buttons.push(button('Reveal Folder', { type: 'reveal' }, true));
  return buttons;
}

function facts(s: DashboardState): string {
  // Until the first step, what the engine is doing (loading weights, building the graph, the first step).
  const starting = s.status === 'starting' ? s.log.filter((l) => l.startsWith('starting: ')).pop() : undefined;
  return [
    starting ? `${starting.slice('starting: '.length)}…` : null,
    `step ${s.step}/${s.total || '?'}`,
    `epoch ${s.epoch.toFixed(2)}`,
    s.samplesPerSecond !== null ? `${s.samplesPerSecond.toFixed(1)} samples/s` : null,
    s.status === 'running' && s.etaSeconds !== null ? `ETA ${duration(s.etaSeconds)}` : null,
    s.provider ? `on ${s.provider}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function charts(s: DashboardState): HTMLElement {
  const evalSeries = (filter: (k: string) => boolean, cls: string[]): Series[] =>
    Object.entries(s.evals)
      .filter(([k]) => filter(k))
      .map(([k, points], i) => ({ name: k, points, className: cls[i % cls.length] }));
  const scores = evalSeries((k) => isCurve(s.task, k), ['c2', 'c3', 'c4', 'c5']);
  const grid = h(
    'section',
    { class: 'charts' },
    h(
      'figure',
      {},
      lineChart(
        'training loss',
        [{ name: 'loss', points: s.loss, className: 'c1' }, ...evalSeries((k) => k === 'eval_loss', ['c2'])],
        { xLabel: 'step' },
      ),
      h('figcaption', {}, 'loss (train, eval)'),
    ),
    h(
      'figure',
      {},
      lineChart('learning rate', [{ name: 'learning rate', points: s.learningRate, className: 'c3' }], {
        xLabel: 'step',
        yMin: 0,
      }),
      h('figcaption', {}, 'learning rate'),
    ),
  );
  if (scores.length)
    grid.append(
      h(
        'figure',
        {},
        lineChart('evaluation', scores, { xLabel: 'step' }),
        h('figcaption', {}, scores.map((x) => x.name.replace('eval_', '')).join(', ')),
      ),
    );
  return grid;
}

function evaluation(s: DashboardState): HTMLElement | null {
  const e = s.lastEval;
  if (!e) return null;
  const section = h(
    'section',
    { class: 'evaluation' },
    h('h2', {}, `Evaluation at step ${e.step} (epoch ${e.epoch.toFixed(2)})`),
  );
  const metrics = Object.entries(e.metrics)
    .filter(([k]) => k.startsWith('eval_') && (k === 'eval_loss' || isCurve(s.task, k)))
    .map(([k, v]) => `${k.replace('eval_', '')} ${num(v)}`)
    .join(' · ');
  section.append(h('p', { class: 'metrics' }, metrics));
  const panel = taskPanel(s.task, e);
  if (panel) section.append(panel);
  return section;
}

function report(s: DashboardState): HTMLElement | null {
  if (s.error)
    return h(
      'section',
      { class: 'error', role: 'alert' },
      h('h2', {}, s.status === 'cancelled' ? 'Cancelled' : 'Failed'),
      h('p', {}, s.error),
    );
  if (!s.results) return null;
  return h(
    'section',
    { class: 'report', id: 'report' },
    h('h2', {}, 'Final report'),
    h(
      'table',
      {},
      ...Object.entries(s.results).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, num(v)))),
    ),
  );
}

// The page is built once and its parts refilled on each update (four a second while a run trains), so a button
// being clicked, the open Log and where it is scrolled survive the updates.
const title = h('h1', {});
const fill = h('div', { class: 'fill' });
const progress = h(
  'div',
  { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' },
  fill,
);
const factsLine = h('p', { class: 'facts' });
const actions = h('div', { class: 'actions' });
const [reportPart, chartsPart, evaluationPart] = [h('div', {}), h('div', {}), h('div', {})];
const logText = h('pre', {});
root.replaceChildren(
  h('header', {}, title, progress, factsLine, actions),
  reportPart,
  chartsPart,
  evaluationPart,
  h('details', { class: 'log' }, h('summary', {}, 'Log'), logText),
);
let shownActions = '';

function render(m: ToDashboard): void {
  const s = m.state;
  title.replaceChildren(s.run, ' ', h('span', { class: `status ${s.status}`, id: 'status' }, s.status));
  const percent = Math.round(100 * (s.total ? s.step / s.total : s.status === 'finished' ? 1 : 0));
  progress.setAttribute('aria-valuenow', String(percent));
  // Through the CSSOM: the CSP forbids inline style attributes.
  fill.style.width = `${percent}%`;
  factsLine.textContent = facts(s);
  const which = `${s.status} ${m.live}`;
  if (which !== shownActions) actions.replaceChildren(...actionButtons(s, m.live));
  shownActions = which;
  reportPart.replaceChildren(...[report(s)].filter((x): x is HTMLElement => x !== null));
  chartsPart.replaceChildren(charts(s));
  evaluationPart.replaceChildren(...[evaluation(s)].filter((x): x is HTMLElement => x !== null));
  const following = logText.scrollTop + logText.clientHeight >= logText.scrollHeight - 4;
  logText.textContent = s.log.join('\n');
  if (following) logText.scrollTop = logText.scrollHeight;
  api.setState(m);
}

const saved = api.getState();
if (saved) render(saved);
onMessage(parseToDashboard, render);
post({ type: 'ready' });
