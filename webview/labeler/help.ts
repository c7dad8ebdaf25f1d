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

/** In a `text` + `spans` file, the label keys and these make spans. */
const SPAN_KEYS: [string, string][] = [
  ['Mouse, or Shift+← / →', 'select characters (Ctrl+Shift+← / → by word); ← / → move the caret'],
  ['1–9, then letters', 'make the selection a span with that label'],
  ['Backspace / Delete', 'remove the span clicked or under the caret'],
  ['Enter', 'accept the suggested (dashed) spans'],
];

export function renderHelp(): { element: HTMLElement; open: boolean; toggle(): void } {
  const element = h(
    'div',
    { class: 'help', role: 'dialog', 'aria-label': 'Keyboard shortcuts', hidden: '' },
    h('h2', {}, 'Keyboard'),
    h('dl', {}, ...KEYS.flatMap(([k, what]) => [h('dt', {}, k), h('dd', {}, what)])),
    h('h3', {}, 'Span files (text + spans)'),
    h('dl', {}, ...SPAN_KEYS.flatMap(([k, what]) => [h('dt', {}, k), h('dd', {}, what)])),
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
