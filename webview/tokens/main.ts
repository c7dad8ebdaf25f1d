// The Tokens panel: the tokenized selection as chips, with its segment and attention rows.
import { onMessage, vscodeApi } from '../shared/vscodeApi';
import { parseTokensView, renderTokens, tokensSummary } from '../shared/tokenChips';
import { ShowTokens, parseToTokensPanel } from '../../extension/shared/protocol/tokens';

const summary = document.getElementById('summary')!;
const chips = document.getElementById('chips')!;
const state = vscodeApi<ShowTokens>();

function show(m: ShowTokens): void {
  summary.textContent = `${m.model} · ${tokensSummary(m.view, m.maxLength)} · under each id: segment · attention mask`;
  chips.replaceChildren(renderTokens(m.view, m.pair === null ? [m.text] : [m.text, m.pair]));
  state.setState(m);
}

const saved = state.getState();
if (saved) show(saved);
onMessage((x) => parseToTokensPanel(x, parseTokensView), show);
