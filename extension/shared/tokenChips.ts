/**
 * The tokens preview as data: one chip per token with its id and kind, word
 * pieces marked as joined to the previous chip, the truncation point, and the
 * characters each token came from (for the hover). No VS Code import.
 */
export type ChipKind = 'cls' | 'sep' | 'pad' | 'unk' | 'mask' | 'word' | 'piece';

export interface Chip {
  text: string;
  id: number;
  kind: ChipKind;
  segment: number;
  attention: number;
  /** [start, end) in the source text of the token's segment, or null for special tokens. */
  chars: [number, number] | null;
}

export interface TokensView {
  chips: Chip[];
  /** Tokens the model sees / tokens the text has: truncatedAt < total when max_length cut it. */
  truncatedAt: number | null;
  total: number;
}

const SPECIAL: Record<string, ChipKind> = {
  '[CLS]': 'cls',
  '[SEP]': 'sep',
  '[PAD]': 'pad',
  '[UNK]': 'unk',
  '[MASK]': 'mask',
};

export interface EncodedLike {
  tokens: string[];
  inputIds: number[];
  tokenTypeIds: number[];
  attentionMask: number[];
  offsets: [number, number][];
  specialTokensMask: number[];
}

export function tokenChips(e: EncodedLike, fullLength?: number): TokensView {
  const chips = e.tokens.map((t, i): Chip => {
    const kind = SPECIAL[t] ?? (t.startsWith('##') ? 'piece' : 'word');
    return {
      text: kind === 'piece' ? t.slice(2) : t,
      id: e.inputIds[i],
      kind,
      segment: e.tokenTypeIds[i],
      attention: e.attentionMask[i],
      chars: e.specialTokensMask[i] && kind !== 'unk' ? null : e.offsets[i],
    };
  });
  const real = e.attentionMask.filter((m) => m === 1).length;
  const total = fullLength ?? real;
  return { chips, truncatedAt: total > real ? real : null, total };
}
