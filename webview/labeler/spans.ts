/**
 * The span view of the row in focus (`text` + `spans` files): the text with its spans as coloured highlights, each
 * with its label, the model's suggestions dashed. A selection is made with the mouse or with the keyboard (a caret:
 * Shift+←/→ extends by a character, Ctrl+Shift+←/→ by a word); a label key adds it as a span; a span clicked or
 * moved to goes with Delete/Backspace; Enter accepts the suggestions. Offsets are UTF-16 units of the row's text.
 */
import { h } from '../shared/vscodeApi';
import type { FromWebview, Span } from '../../extension/shared/protocol/labeler';
import { Segment, charLeft, charRight, freeSuggestions, segments, wordLeft, wordRight } from './spanText';

export class SpanEditor {
  readonly element = h('div', {
    class: 'text span-text',
    id: 'focus-text',
    tabindex: '0',
    'aria-label': 'Text: select characters, then press a label key to add a span',
  });
  private row = -1;
  private text = '';
  private spans: Span[] = [];
  private suggested: Span[] = [];
  private anchor = 0;
  private caret = 0;
  /** The span clicked, until the caret moves. */
  private picked = -1;

  constructor(
    private readonly send: (m: FromWebview) => void,
    private readonly labels: () => string[],
    private readonly say: (text: string) => void,
  ) {
    this.element.addEventListener('mouseup', () => this.fromMouse());
  }

  /** The element for the row in focus; the selection is kept while the row stays the same. */
  view(row: number, text: string): HTMLElement {
    if (row !== this.row) {
      this.spans = [];
      this.suggested = [];
      this.anchor = this.caret = 0;
    }
    if (row !== this.row || text !== this.text) this.picked = -1;
    this.row = row;
    this.text = text;
    this.anchor = Math.min(this.anchor, text.length);
    this.caret = Math.min(this.caret, text.length);
    this.render();
    return this.element;
  }

  setSpans(row: number, spans: Span[], suggested: Span[]): void {
    if (row !== this.row) return;
    this.spans = [...spans].sort((a, b) => a.start - b.start);
    this.suggested = freeSuggestions(this.spans, suggested);
    this.picked = -1;
    this.render();
  }

  private get selection(): [number, number] {
    return [Math.min(this.anchor, this.caret), Math.max(this.anchor, this.caret)];
  }

  /** A label key: the selection becomes a span with that label. */
  label(name: string): void {
    const [start, end] = this.selection;
    if (start === end) return this.say('Select characters of the text first (mouse, or Shift+←/→), then a label key.');
    const trimmed = this.text.slice(start, end).trim();
    const other = this.spans.find((o) => o.start < end && start < o.end && this.text.slice(o.start, o.end).trim());
    if (!trimmed) return this.say('The selection is only spaces.');
    if (other && this.overlapsTrimmed(start, end, other))
      return this.say(`The selection overlaps the ${other.label} span '${this.text.slice(other.start, other.end)}'.`);
    this.send({
      type: 'addSpans',
      row: this.row,
      spans: [{ start, end, label: name, text: this.text.slice(start, end) }],
      skipOverlapping: false,
    });
    this.anchor = this.caret = end;
    this.render();
  }

  private overlapsTrimmed(start: number, end: number, o: Span): boolean {
    while (start < end && /\s/.test(this.text[start])) start++;
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    return o.start < end && start < o.end;
  }

  /** The span Delete removes: the one clicked, or the one the caret is in. */
  private current(): number {
    if (this.picked >= 0) return this.picked;
    const [start, end] = this.selection;
    return start === end ? this.spans.findIndex((s) => s.start <= start && start < s.end) : -1;
  }

  /** Handles the span view's keys; false for the labeler's others. */
  key(e: KeyboardEvent): boolean {
    const target = e.target as HTMLElement;
    if (target.matches('input, select, textarea') || e.altKey || e.metaKey) return false;
    if (target.matches('button') && (e.key === 'Enter' || e.key === ' ')) return false;
    const word = e.ctrlKey;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const right = e.key === 'ArrowRight';
      const to = word
        ? (right ? wordRight : wordLeft)(this.text, this.caret)
        : (right ? charRight : charLeft)(this.text, this.caret);
      this.caret = to;
      if (!e.shiftKey) this.anchor = to;
      this.picked = -1;
      this.render();
      return true;
    }
    if (e.ctrlKey) return false;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      const k = this.current();
      if (k >= 0) this.send({ type: 'removeSpan', row: this.row, span: this.spans[k] });
      else this.say('Click a span (or move the caret into it) to remove it.');
      return true;
    }
    if (e.key === 'Enter') {
      if (!this.suggested.length) this.say('No suggested spans for this row.');
      else
        this.send({
          type: 'addSpans',
          row: this.row,
          spans: this.suggested.map((s) => ({ ...s, text: this.text.slice(s.start, s.end) })),
          skipOverlapping: true,
        });
      return true;
    }
    if (e.key === 'Escape' && this.anchor !== this.caret) {
      this.anchor = this.caret;
      this.render();
      return true;
    }
    return false;
  }

  /** A mouse selection (or click) inside the text becomes the view's own selection, or picks the span clicked. */
  private fromMouse(): void {
    const sel = window.getSelection();
    if (!sel || !sel.anchorNode || !this.element.contains(sel.anchorNode) || !sel.focusNode) return;
    const a = this.offsetOf(sel.anchorNode, sel.anchorOffset),
      b = this.offsetOf(sel.focusNode, sel.focusOffset);
    if (a === null || b === null) return;
    this.anchor = a;
    this.caret = b;
    const mark = (sel.anchorNode.parentElement ?? null)?.closest('[data-span]');
    this.picked = a === b && mark ? Number((mark as HTMLElement).dataset.span) : -1;
    sel.removeAllRanges();
    this.render();
  }

  /** The text offset of a DOM position inside the view. */
  private offsetOf(node: Node, offset: number): number | null {
    const el = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as HTMLElement);
    const piece = el?.closest<HTMLElement>('[data-at]');
    if (piece && node.nodeType === Node.TEXT_NODE) return Number(piece.dataset.at) + offset;
    const tag = el?.closest<HTMLElement>('[data-end]');
    if (tag) return Number(tag.dataset.end);
    if (node === this.element) return offset === 0 ? 0 : this.text.length;
    return null;
  }

  private render(): void {
    const labels = this.labels();
    const [start, end] = this.selection;
    const current = this.current();
    const caretAt = start === end ? start : -1;
    const out: Node[] = [];
    let group: HTMLElement | null = null;
    let owner = '';
    for (const p of segments(this.text.length, this.spans, this.suggested, [start, end])) {
      const key = p.span >= 0 ? `s${p.span}` : p.suggestion >= 0 ? `g${p.suggestion}` : '';
      if (key !== owner) {
        if (group) out.push(group);
        group = key ? this.mark(p, labels, current) : null;
        owner = key;
      }
      const piece = h('span', { 'data-at': String(p.start), class: p.selected ? 'selected' : '' });
      piece.textContent = this.text.slice(p.start, p.end);
      const nodes = caretAt === p.start ? [caret(), piece] : [piece];
      if (group) group.append(...nodes);
      else out.push(...nodes);
      if (group && p.end === Number(group.dataset.end)) {
        group.append(h('span', { class: 'span-label' }, group.dataset.label ?? ''));
        out.push(group);
        group = null;
        owner = '';
      }
    }
    if (group) out.push(group);
    if (caretAt === this.text.length) out.push(caret());
    this.element.replaceChildren(...out);
  }

  private mark(p: Segment, labels: string[], current: number): HTMLElement {
    const s = p.span >= 0 ? this.spans[p.span] : this.suggested[p.suggestion];
    const el = h('mark', {
      class: `span${p.span < 0 ? ' suggested' : ''}${p.span >= 0 && p.span === current ? ' current' : ''}`,
      'data-end': String(s.end),
      'data-label': s.label,
      ...(p.span >= 0 ? { 'data-span': String(p.span) } : {}),
      title: p.span >= 0 ? `${s.label} — Delete removes it` : `Suggested ${s.label} — Enter accepts`,
    });
    const i = labels.indexOf(s.label);
    el.style.setProperty('--span-hue', String(((i < 0 ? labels.length : i) * 137) % 360));
    return el;
  }
}

const caret = () => h('span', { class: 'caret', 'aria-hidden': 'true' });
