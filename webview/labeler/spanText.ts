/** The span view's text arithmetic, apart from the DOM: caret steps by character and word, and highlight segments. */
import type { Span } from '../../extension/shared/protocol/labeler';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** One character right of i (an emoji's two UTF-16 units are one character). */
export function charRight(text: string, i: number): number {
  if (i >= text.length) return text.length;
  return isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
}

export function charLeft(text: string, i: number): number {
  if (i <= 0) return 0;
  return isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const wordAt = (text: string, i: number) => WORD.test(text[i] ?? '');

/** The end of the next word right of i (as an editor's Ctrl+Right): past what is not a word, then past the word. */
export function wordRight(text: string, i: number): number {
  while (i < text.length && !wordAt(text, i)) i = charRight(text, i);
  while (i < text.length && wordAt(text, i)) i++;
  return i;
}

/** The start of the word left of i. */
export function wordLeft(text: string, i: number): number {
  while (i > 0 && !wordAt(text, i - 1)) i = charLeft(text, i);
  while (i > 0 && wordAt(text, i - 1)) i--;
  return i;
}

/** Suggestions that overlap no span (those are the ones Enter can add). */
export const freeSuggestions = (spans: Span[], suggested: Span[]): Span[] =>
  suggested.filter((s) => !spans.some((o) => o.start < s.end && s.start < o.end));

export interface Segment {
  start: number;
  end: number;
  /** Index of the span (or, when -1, of the free suggestion) covering it; -1 for none. */
  span: number;
  suggestion: number;
  selected: boolean;
}

/** The text cut at every span, suggestion and selection edge, each piece with what covers it. */
export function segments(length: number, spans: Span[], suggested: Span[], selection: [number, number]): Segment[] {
  const cuts = new Set([0, length, ...selection]);
  for (const s of [...spans, ...suggested]) cuts.add(s.start).add(s.end);
  const at = [...cuts].filter((x) => x >= 0 && x <= length).sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let k = 0; k + 1 < at.length; k++) {
    const [start, end] = [at[k], at[k + 1]];
    const covers = (s: Span) => s.start <= start && end <= s.end;
    const span = spans.findIndex(covers);
    out.push({
      start,
      end,
      span,
      suggestion: span < 0 ? suggested.findIndex(covers) : -1,
      selected: selection[0] <= start && end <= selection[1] && selection[0] < selection[1],
    });
  }
  return out;
}
