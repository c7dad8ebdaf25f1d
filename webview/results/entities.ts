// The Results panel's entities: a count per type, then every entity in document order (click one to select it in the editor).
import { h } from '../shared/vscodeApi';
import { showHeading } from './heading';
import type { FromResultsPanel, ShowEntities } from '../../extension/shared/protocol/results';

const pct = (score: number) => `${(100 * score).toFixed(1)}%`;

/** A type's chip, in the colour the editor draws it with. */
const chip = (type: string, colour: number, extra = '') => h('span', { class: `type colour-${colour}` }, type + extra);

/** Draws `m` into the panel's heading and results; `onReveal` gets a clicked entity's index. */
export function showEntities(
  m: ShowEntities,
  heading: HTMLElement,
  results: HTMLElement,
  onReveal: (message: FromResultsPanel, shown: ShowEntities) => void,
): void {
  showHeading(heading, 'Entities', m.model, m.text);
  if (!m.entities.length) {
    results.replaceChildren(h('p', {}, 'No entities found in the text.'));
    return;
  }
  const counts = new Map<string, { colour: number; count: number }>();
  for (const e of m.entities) counts.set(e.type, { colour: e.colour, count: (counts.get(e.type)?.count ?? 0) + 1 });
  const summary = h(
    'p',
    { class: 'types' },
    ...[...counts].sort((a, b) => b[1].count - a[1].count).map(([type, c]) => chip(type, c.colour, ` ${c.count}`)),
  );
  const rows = m.entities.map((e, i) => {
    const button = h(
      'button',
      { class: i === m.selected ? 'entity selected' : 'entity', title: 'Select in the editor' },
      e.text,
    );
    button.addEventListener('click', () => {
      const shown = { ...m, selected: i };
      onReveal({ type: 'reveal', index: i }, shown);
      showEntities(shown, heading, results, onReveal);
    });
    return h(
      'li',
      { class: 'row' },
      button,
      chip(e.type, e.colour),
      h('span', { class: 'score' }, pct(e.score)),
      h('span', { class: 'place' }, `${e.line}:${e.column}`),
    );
  });
  results.replaceChildren(summary, h('ol', { class: 'entities' }, ...rows));
}
