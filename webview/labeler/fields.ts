/** A labelled drop-down, as the toolbar and the columns panel show them. */
import { h } from '../shared/vscodeApi';

export function select(
  id: string,
  label: string,
  options: [string, string][],
  value: string,
  onChange: (v: string) => void,
): HTMLElement {
  const s = h('select', { id, 'aria-label': label }, ...options.map(([v, text]) => h('option', { value: v }, text)));
  s.value = options.some(([v]) => v === value) ? value : options[0][0];
  s.addEventListener('change', () => onChange(s.value));
  return h('label', { class: 'field' }, `${label} `, s);
}
