/**
 * Overflow windows with a stride, as Transformers' return_overflowing_tokens
 * gives them. (The Node binding's getOverflowing() drops windows, so they are
 * built here with the Rust crate's arithmetic: windows start every
 * max − stride tokens and stop at the first that reaches the end.)
 */
import type { Encoded } from './bertTokenizer';

export interface Specials {
  cls: [string, number];
  sep: [string, number];
  pad: [string, number];
}

export function windowRanges(n: number, max: number, stride: number): [number, number][] {
  if (max <= 0) throw new Error(`no room for the truncated sequence (max ${max})`);
  if (stride >= max) throw new Error(`stride ${stride} must be smaller than the room left for the sequence (${max})`);
  const out: [number, number][] = [];
  for (let start = 0; ; start += max - stride) {
    const stop = Math.min(start + max, n);
    out.push([start, stop]);
    if (stop >= n) return out;
  }
}

const slice = (e: Encoded, [a, b]: [number, number]): Encoded => ({
  tokens: e.tokens.slice(a, b),
  inputIds: e.inputIds.slice(a, b),
  tokenTypeIds: e.tokenTypeIds.slice(a, b),
  attentionMask: e.attentionMask.slice(a, b),
  offsets: e.offsets.slice(a, b),
  wordIds: e.wordIds.slice(a, b),
  sequenceIds: e.sequenceIds.slice(a, b),
  specialTokensMask: e.specialTokensMask.slice(a, b),
  overflowing: [],
});

/** [CLS] a [SEP] (b [SEP]) from parts encoded without special tokens. */
export function assemble(a: Encoded, b: Encoded | null, s: Specials): Encoded {
  const special = (t: [string, number]) => ({ token: t[0], id: t[1] });
  const parts: { e: Encoded | null; seq: number | null; type: number; tok?: { token: string; id: number } }[] = [
    { e: null, seq: null, type: 0, tok: special(s.cls) },
    { e: a, seq: 0, type: 0 },
    { e: null, seq: null, type: 0, tok: special(s.sep) },
    ...(b
      ? [
          { e: b, seq: 1, type: 1 },
          { e: null, seq: null, type: 1, tok: special(s.sep) },
        ]
      : []),
  ];
  const out: Encoded = {
    tokens: [],
    inputIds: [],
    tokenTypeIds: [],
    attentionMask: [],
    offsets: [],
    wordIds: [],
    sequenceIds: [],
    specialTokensMask: [],
    overflowing: [],
  };
  for (const p of parts) {
    if (p.tok) {
      out.tokens.push(p.tok.token);
      out.inputIds.push(p.tok.id);
      out.tokenTypeIds.push(p.type);
      out.attentionMask.push(1);
      out.offsets.push([0, 0]);
      out.wordIds.push(null);
      out.sequenceIds.push(null);
      out.specialTokensMask.push(1);
      continue;
    }
    const e = p.e!;
    out.tokens.push(...e.tokens);
    out.inputIds.push(...e.inputIds);
    out.tokenTypeIds.push(...e.tokens.map(() => p.type));
    out.attentionMask.push(...e.tokens.map(() => 1));
    out.offsets.push(...e.offsets);
    out.wordIds.push(...e.wordIds);
    out.sequenceIds.push(...e.tokens.map(() => p.seq));
    out.specialTokensMask.push(...e.tokens.map(() => 0));
  }
  return out;
}

/** Every window of `a` (single text) or of the truncated side of a pair; the first is the main encoding. */
export function strideWindows(
  a: Encoded,
  b: Encoded | null,
  maxLength: number,
  stride: number,
  strategy: 'only_first' | 'only_second' | 'longest_first',
  s: Specials,
): Encoded[] {
  if (a.tokens.length + (b ? b.tokens.length + 3 : 2) <= maxLength) return [assemble(a, b, s)];
  if (!b) return windowRanges(a.tokens.length, maxLength - 2, stride).map((r) => assemble(slice(a, r), null, s));
  if (strategy === 'longest_first')
    throw new Error("overflowing windows of a pair need truncation 'only_first' or 'only_second', as in Transformers");
  const [cut, keep] = strategy === 'only_second' ? [b, a] : [a, b];
  const room = maxLength - 3 - keep.tokens.length;
  if (room <= stride) {
    const [kept, truncated] = strategy === 'only_second' ? ['first', 'second'] : ['second', 'first'];
    throw new Error(
      `the ${kept} text takes ${keep.tokens.length} tokens, leaving ${Math.max(room, 0)} of max length ${maxLength} for windows of the ${truncated}: ` +
        `that must be more than the stride (${stride}); shorten the ${kept} text, raise the max length or lower the stride`,
    );
  }
  return windowRanges(cut.tokens.length, room, stride).map((r) =>
    strategy === 'only_second' ? assemble(a, slice(b, r), s) : assemble(slice(a, r), b, s),
  );
}

export function padTo(e: Encoded, length: number, pad: [string, number]): Encoded {
  const n = length - e.tokens.length;
  if (n <= 0) return e;
  const fill = <T>(arr: T[], v: T) => [...arr, ...new Array<T>(n).fill(v)];
  return {
    ...e,
    tokens: fill(e.tokens, pad[0]),
    inputIds: fill(e.inputIds, pad[1]),
    tokenTypeIds: fill(e.tokenTypeIds, 0),
    attentionMask: fill(e.attentionMask, 0),
    offsets: fill<[number, number]>(e.offsets, [0, 0]),
    wordIds: fill<number | null>(e.wordIds, null),
    sequenceIds: fill<number | null>(e.sequenceIds, null),
    specialTokensMask: fill(e.specialTokensMask, 1),
  };
}
