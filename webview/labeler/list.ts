/** The neighbours list: only the rows in sight are in the DOM, so 100,000 rows scroll like 100. */
import { h } from '../shared/vscodeApi';

export const ROW_HEIGHT = 28;
const OVERSCAN = 8;

export interface ListRow {
  row: number;
  label: string | null;
  suggestion: string | null;
  text: string | null;
  current: boolean;
}

export class VirtualList {
  readonly element: HTMLElement;
  private readonly inner: HTMLElement;
  private count = 0;
  private frame = 0;

  constructor(
    private readonly rowAt: (i: number) => ListRow,
    private readonly onPick: (i: number) => void,
    private readonly onVisible: (first: number, last: number) => void,
  ) {
    this.inner = h('div', { class: 'list-inner' });
    this.element = h('div', { class: 'list', role: 'listbox', 'aria-label': 'Rows', tabindex: '-1' }, this.inner);
    this.element.addEventListener('scroll', () => this.schedule());
    this.inner.addEventListener('click', (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (el) this.onPick(Number(el.dataset.index));
    });
  }

  setCount(n: number): void {
    this.count = n;
    this.inner.style.height = `${n * ROW_HEIGHT}px`;
    this.schedule();
  }

  /** Scrolls just enough to show item i. */
  reveal(i: number): void {
    const top = i * ROW_HEIGHT,
      view = this.element.clientHeight;
    if (top < this.element.scrollTop) this.element.scrollTop = top;
    else if (top + ROW_HEIGHT > this.element.scrollTop + view) this.element.scrollTop = top + ROW_HEIGHT - view;
    this.schedule();
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const first = Math.max(0, Math.floor(this.element.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(
      this.count,
      Math.ceil((this.element.scrollTop + this.element.clientHeight) / ROW_HEIGHT) + OVERSCAN,
    );
    const items: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const r = this.rowAt(i);
      const label =
        r.label !== null
          ? h('span', { class: 'chip' }, r.label)
          : r.suggestion !== null
            ? h('span', { class: 'chip suggested', title: 'suggested' }, r.suggestion)
            : h('span', { class: 'chip empty' }, '—');
      const item = h(
        'div',
        {
          class: `item${r.current ? ' current' : ''}`,
          role: 'option',
          id: `row-${r.row}`,
          'data-index': String(i),
          'aria-selected': String(r.current),
        },
        h('span', { class: 'num' }, String(r.row + 1)),
        label,
        h('span', { class: 'text' }, r.text ?? '…'),
      );
      // Through the CSSOM: the CSP (no 'unsafe-inline') drops style attributes.
      item.style.top = `${i * ROW_HEIGHT}px`;
      items.push(item);
    }
    this.inner.replaceChildren(...items);
    if (last > first) this.onVisible(first, last);
  }
}
