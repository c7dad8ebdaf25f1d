/** The labeler's toolbar: which rows to show, a text search, their order, and where suggestions come from. */
import { h } from '../shared/vscodeApi';
import type { SuggestSource } from '../../extension/shared/protocol/labeler';
import type { Filter, Order } from './rowView';
import { select } from './fields';

export interface ToolbarChoices {
  query: string;
  filter: Filter;
  order: Order;
  source: SuggestSource;
}

export interface ToolbarHandlers {
  search(query: string): void;
  filter(v: Filter): void;
  order(v: Order): void;
  source(v: SuggestSource): void;
}

export function toolbarControls(c: ToolbarChoices, labels: string[], on: ToolbarHandlers): HTMLElement[] {
  const search = h('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Search text (/)',
    'aria-label': 'Search text',
  });
  search.value = c.query;
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      on.search(search.value);
      search.blur();
    }
    if (e.key === 'Escape') search.blur();
  });
  return [
    select(
      'filter',
      'Show',
      [
        ['all', 'All rows'],
        ['unlabeled', 'Unlabeled'],
        ['labeled', 'Labeled'],
        ...labels.map((l): [string, string] => [`label:${l}`, `Label: ${l}`]),
      ],
      c.filter,
      (v) => on.filter(v as Filter),
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
      c.order,
      (v) => on.order(v as Order),
    ),
    select(
      'suggest',
      'Suggest',
      [
        ['off', 'Off'],
        ['quick', 'Quick model'],
        ['model', 'Chosen model'],
      ],
      c.source,
      (v) => on.source(v as SuggestSource),
    ),
  ];
}
