// The Metrics view in the side bar: the selected (or running) run's curves and the numbers that sum it up.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h, onMessage, vscodeApi } from '../shared/vscodeApi';
import { Series, lineChart } from '../shared/charts';
import { runSummary } from '../../extension/shared/runs/runSummary';
import { isCurve } from '../../extension/shared/runs/taskMetrics';
import { FromMetrics, ToMetrics, parseToMetrics } from '../../extension/shared/protocol/metrics';

const api = vscodeApi<ToMetrics>();
const post = (m: FromMetrics) => api.postMessage(m);
const root = document.getElementById('metrics')!;

// The content is refilled on each update (four a second while a run trains); the button stays the same element, so a
// click on it is never lost to an update.
const content = h('div', {});
const open = h('vscode-button' as 'button', { id: 'open-dashboard', secondary: '' }, 'Open Dashboard');
open.addEventListener('click', () => post({ type: 'openDashboard' }));
const actions = h('div', { class: 'actions' }, open);
root.replaceChildren(content, actions);

function render(m: ToMetrics): void {
  api.setState(m);
  actions.hidden = m.type === 'none';
  if (m.type === 'none') {
    content.replaceChildren(h('p', { class: 'empty', id: 'metrics-empty' }, m.message));
    return;
  }
  const s = m.state;
  const scores: Series[] = Object.entries(s.evals)
    .filter(([k]) => isCurve(s.task, k))
    .map(([k, points], i) => ({ name: k.replace('eval_', ''), points, className: ['c2', 'c3', 'c4', 'c5'][i % 4] }));
  const losses: Series[] = [
    { name: 'train', points: s.loss, className: 'c1' },
    ...(s.evals.eval_loss ? [{ name: 'eval', points: s.evals.eval_loss, className: 'c2' }] : []),
  ];
  content.replaceChildren(
    h('h2', { id: 'metrics-run', title: m.folder }, s.run),
    h('p', {}, h('span', { class: `status ${s.status}`, id: 'metrics-status' }, s.status), m.live ? ' (live)' : ''),
    h(
      'table',
      { class: 'summary', id: 'metrics-summary' },
      ...runSummary(s).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))),
    ),
    ...(s.error ? [h('p', { class: 'error', role: 'alert' }, s.error)] : []),
    h('figure', {}, lineChart('loss', losses, { xLabel: 'step' }), h('figcaption', {}, 'loss')),
    ...(scores.length
      ? [h('figure', {}, lineChart('evaluation', scores, { xLabel: 'step' }), h('figcaption', {}, 'evaluation'))]
      : []),
  );
}

const saved = api.getState();
if (saved) render(saved);
onMessage(parseToMetrics, render);
post({ type: 'ready' });
