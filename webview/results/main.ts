// The Results panel: a bar chart of every label's probability, the top answers or the tagged entities (click one to see it in the editor).
import { h, onMessage, vscodeApi } from '../shared/vscodeApi';
import { showEntities } from './entities';
import { showHeading } from './heading';
import {
  FromResultsPanel,
  ShowAnswers,
  ShowClassification,
  ToResultsPanel,
  parseToResultsPanel,
} from '../../extension/shared/protocol/results';

const heading = document.getElementById('heading')!;
const results = document.getElementById('results')!;
const api = vscodeApi<ToResultsPanel>();

const pct = (score: number) => `${(100 * score).toFixed(1)}%`;

/** One horizontal bar; its width is set through the CSSOM (the CSP allows no inline style attributes). */
function bar(score: number, label: string): HTMLElement {
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${Math.max(0, Math.min(100, 100 * score))}%`;
  return h(
    'div',
    {
      class: 'bar',
      role: 'meter',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuenow': (100 * score).toFixed(1),
      'aria-label': label,
    },
    fill,
  );
}

function showClassification(m: ShowClassification): void {
  showHeading(heading, 'Classification', m.model, m.text);
  results.replaceChildren(
    h(
      'div',
      { class: 'chart' },
      ...m.predictions.map((p, i) =>
        h(
          'div',
          { class: i === 0 ? 'row best' : 'row' },
          h('span', { class: 'label' }, p.label),
          bar(p.score, p.label),
          h('span', { class: 'score' }, pct(p.score)),
        ),
      ),
    ),
  );
}

function showAnswers(m: ShowAnswers): void {
  showHeading(heading, 'Answers', m.model, m.question);
  if (!m.answers.length) {
    results.replaceChildren(h('p', {}, 'No answer found in the selection.'));
    return;
  }
  results.replaceChildren(
    h(
      'ol',
      { class: 'answers' },
      ...m.answers.map((a, i) => {
        const button = h(
          'button',
          { class: i === m.selected ? 'answer selected' : 'answer', title: 'Show in the editor' },
          a.text,
        );
        button.addEventListener('click', () => {
          const message: FromResultsPanel = { type: 'reveal', index: i };
          api.postMessage(message);
          api.setState({ ...m, selected: i });
          showAnswers({ ...m, selected: i });
        });
        return h('li', { class: 'row' }, button, bar(a.score, a.text), h('span', { class: 'score' }, pct(a.score)));
      }),
    ),
  );
}

function show(m: ToResultsPanel): void {
  if (m.type === 'classification') showClassification(m);
  else if (m.type === 'answers') showAnswers(m);
  else
    showEntities(m, heading, results, (message, shown) => {
      api.postMessage(message);
      api.setState(shown);
    });
  api.setState(m);
}

const saved = api.getState();
if (saved) show(saved);
onMessage(parseToResultsPanel, show);
