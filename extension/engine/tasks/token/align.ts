/**
 * Word tags → one label per word piece, as Transformers' token-classification
 * example aligns them: the first piece of each word carries the word's tag, the
 * other pieces and the special tokens -100 (or, with `allPieces`, the I- form of
 * the word's tag, like its label_all_tokens).
 */
import type { Encoded } from '../../tokenize/bertTokenizer';
import { IGNORE_INDEX } from '../losses';
import type { TaggedSentence } from './sentences';

/** For each token, the word its first character falls in (null for special tokens and pieces between words). */
export function tokenWords(e: Encoded, words: [number, number][]): (number | null)[] {
  let w = 0;
  return e.offsets.map(([s, t], i) => {
    if (e.specialTokensMask[i] || t <= s) return null;
    while (w < words.length && words[w][1] <= s) w++;
    return w < words.length && words[w][0] <= s ? w : null;
  });
}

/** The first token of each word (-1 where truncation cut the word off). */
export function firstPieces(owners: (number | null)[], wordCount: number): number[] {
  const first = new Array<number>(wordCount).fill(-1);
  owners.forEach((w, i) => {
    if (w !== null && first[w] < 0) first[w] = i;
  });
  return first;
}

export function alignLabels(
  e: Encoded,
  s: TaggedSentence,
  labelId: (tag: string) => number,
  allPieces = false,
): number[] {
  const owners = tokenWords(e, s.words);
  const first = firstPieces(owners, s.words.length);
  return owners.map((w, i) => {
    if (w === null) return IGNORE_INDEX;
    if (first[w] === i) return labelId(s.tags[w]);
    return allPieces ? labelId(s.tags[w].replace(/^B-/, 'I-')) : IGNORE_INDEX;
  });
}
