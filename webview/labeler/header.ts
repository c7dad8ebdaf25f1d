/** The labeler's header: the file, labeled rows out of all with a progress bar, and each label's count. */
import { h } from '../shared/vscodeApi';

export function renderHeader(
  header: HTMLElement,
  file: string,
  total: number,
  labels: string[],
  counts: number[],
  rowLabels: Int32Array,
  toggleHelp: () => void,
): void {
  let done = 0;
  for (const l of rowLabels) if (l >= 0) done++;
  const fill = h('div', { class: 'fill' });
  fill.style.width = `${total ? (100 * done) / total : 0}%`;
  const bar = h(
    'div',
    {
      class: 'bar',
      role: 'progressbar',
      'aria-label': 'Labeled rows',
      'aria-valuemin': '0',
      'aria-valuemax': String(total),
      'aria-valuenow': String(done),
    },
    fill,
  );
  header.replaceChildren(
    h(
      'div',
      { class: 'title' },
      h('strong', {}, file),
      h('span', { class: 'progress-text', id: 'progress' }, ` ${done} / ${total} labeled`),
      h('button', { class: 'link', id: 'help-button', 'aria-label': 'Keyboard shortcuts (?)' }, '?'),
    ),
    bar,
    h('div', { class: 'counts' }, ...labels.map((l, i) => h('span', { class: 'count' }, `${l}: ${counts[i] ?? 0}`))),
  );
  header.querySelector('#help-button')!.addEventListener('click', toggleHelp);
}
