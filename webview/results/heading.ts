// The Results panel's heading: what it shows, the model, and the text (or question) it was given.
import { h } from '../shared/vscodeApi';

export function showHeading(heading: HTMLElement, title: string, model: string, text: string): void {
  heading.replaceChildren(
    h('h2', {}, title),
    h('p', { class: 'meta' }, model),
    h('blockquote', { class: 'text' }, text),
  );
}
