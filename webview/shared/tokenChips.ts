/**
 * Renders a tokenized text as chips: each token with its id, [CLS]/[SEP]/[PAD]/[UNK]
 * styled apart, ## pieces joined to their word, the segment id and attention mask
 * under each chip, the truncation point marked, and a hover with the characters
 * the token came from. Used by the Tokens panel, the Fine-tune setup page and the
 * Datasets view's preview (styles in media/tokens.css).
 */
import type { Chip, TokensView } from '../../extension/shared/tokenChips';
import { h } from './vscodeApi';

export type { Chip, TokensView };

const CHIP_KINDS = ['cls', 'sep', 'pad', 'unk', 'mask', 'word', 'piece'];

const isChip = (c: unknown): c is Chip => {
  if (!c || typeof c !== 'object') return false;
  const x = c as Record<string, unknown>;
  return (
    typeof x.text === 'string' &&
    Number.isInteger(x.id) &&
    CHIP_KINDS.includes(x.kind as string) &&
    (x.segment === 0 || x.segment === 1) &&
    (x.attention === 0 || x.attention === 1) &&
    (x.chars === null || (Array.isArray(x.chars) && x.chars.length === 2 && x.chars.every(Number.isInteger)))
  );
};

/** Validates a TokensView that crossed the webview boundary. */
export function parseTokensView(x: unknown): TokensView {
  const v = x as Record<string, unknown> | null;
  if (!v || !Array.isArray(v.chips) || !v.chips.every(isChip)) throw new Error('tokens view: chips are malformed');
  if (!(v.truncatedAt === null || Number.isInteger(v.truncatedAt)) || !Number.isInteger(v.total))
    throw new Error('tokens view: truncatedAt/total are malformed');
  return v as unknown as TokensView;
}

function hover(c: Chip, text: string): string {
  const shown = c.kind === 'piece' ? `##${c.text}` : c.text;
  const where = c.chars
    ? `characters ${c.chars[0]}–${c.chars[1]}: “${text.slice(c.chars[0], c.chars[1])}”`
    : 'special token';
  return `${shown} · id ${c.id} · ${where} · segment ${c.segment} · attention ${c.attention}`;
}

/**
 * `texts` are the source texts the chips' character offsets point into, by segment
 * (the first text for segment 0, the pair's second text for segment 1).
 */
export function renderTokens(view: TokensView, texts: string[], opts: { compact?: boolean } = {}): HTMLElement {
  const row = h('div', { class: `tokens${opts.compact ? ' compact' : ''}`, role: 'list' });
  view.chips.forEach((c, i) => {
    const chip = h(
      'span',
      {
        class: `chip ${c.kind} segment-${c.segment}${c.attention ? '' : ' masked'}`,
        role: 'listitem',
        title: hover(c, texts[c.segment] ?? texts[0] ?? ''),
      },
      h('span', { class: 'text' }, c.text),
      h('span', { class: 'id' }, String(c.id)),
    );
    if (!opts.compact)
      chip.append(
        h(
          'span',
          { class: 'meta', 'aria-label': `segment ${c.segment}, attention ${c.attention}` },
          `${c.segment} · ${c.attention}`,
        ),
      );
    row.append(chip);
    if (view.truncatedAt !== null && i === view.truncatedAt - 1) {
      row.append(
        h(
          'span',
          { class: 'cut', title: `max_length reached: ${view.total - view.truncatedAt} more tokens are cut off` },
          `✂ ${view.total - view.truncatedAt} cut`,
        ),
      );
    }
  });
  return row;
}

/** "12 tokens · truncated at 8 of 12 (max_length 8)" */
export function tokensSummary(view: TokensView, maxLength: number): string {
  const real = view.chips.filter((c) => c.attention === 1).length;
  return (
    `${real} tokens` +
    (view.truncatedAt !== null ? ` · truncated at ${view.truncatedAt} of ${view.total} (max_length ${maxLength})` : '')
  );
}
