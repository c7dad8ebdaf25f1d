/** The key map, shown with `?`. */
import { h } from '../shared/vscodeApi';

const KEYS: [string, string][] = [
  ['1–9, then letters', 'set the label shown on the button and move on'],
  ['→ / j / ↓', 'next row'],
  ['← / k / ↑', 'previous row'],
  ['Enter', 'accept the suggested label'],
  ['Backspace / Delete', 'clear the label'],
  ['Home / End, PageUp / PageDown', 'first / last row, 10 rows back / on'],
  ['/', 'search the text (Enter runs it)'],
  ['Ctrl+S, Ctrl+Z, Ctrl+Shift+Z', 'save, undo, redo — as in any editor'],
  ['?', 'show or hide this list'],
];

export function renderHelp(): { element: HTMLElement; open: boolean; toggle(): void } {
  const element = h(
    'div',
    { class: 'help', role: 'dialog', 'aria-label': 'Keyboard shortcuts', hidden: '' },
    h('h2', {}, 'Keyboard'),
    h('dl', {}, ...KEYS.flatMap(([k, what]) => [h('dt', {}, k), h('dd', {}, what)])),
    h('p', {}, 'Press ? or Escape to close.'),
  );
  const help = {
    element,
    open: false,
    toggle() {
      help.open = !help.open;
      element.hidden = !help.open;
    },
  };
  return help;
}
