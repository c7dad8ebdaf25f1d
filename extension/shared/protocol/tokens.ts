/** Messages of the Tokens panel: the extension sends the tokenized selection; the panel sends nothing back. */
import type { TokensView } from '../tokenChips';

export interface ShowTokens {
  type: 'tokens';
  model: string;
  text: string;
  pair: string | null;
  maxLength: number;
  view: TokensView;
}

export type ToTokensPanel = ShowTokens;

export function parseToTokensPanel(x: unknown, parseView: (v: unknown) => TokensView): ToTokensPanel {
  const m = x as Record<string, unknown> | null;
  if (!m || m.type !== 'tokens') throw new Error('tokens panel: unknown message');
  if (
    typeof m.model !== 'string' ||
    typeof m.text !== 'string' ||
    !(m.pair === null || typeof m.pair === 'string') ||
    !Number.isInteger(m.maxLength)
  ) {
    throw new Error('tokens panel: model, text, pair or maxLength malformed');
  }
  return {
    type: 'tokens',
    model: m.model,
    text: m.text,
    pair: m.pair as string | null,
    maxLength: m.maxLength as number,
    view: parseView(m.view),
  };
}
