/** Show tokens for selection: the selected model's tokenizer (or the default model's) on the selected text. */
import * as vscode from 'vscode';
import { TokensPanel } from '../panels/tokensPanel';
import { tokenChips } from '../shared/tokenChips';
import { inferenceModel, settings } from '../settings';
import { CommandContext, selection } from '../context';

export async function showTokens(ctx: CommandContext): Promise<void> {
  const sel = selection();
  if (!sel) return;
  const model = inferenceModel(ctx.extension) ?? settings().defaultModel;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Tokenizing with ${model}` },
    async () => (await ctx.engine.get()).tokenize(model, sel.text),
  );
  TokensPanel.show(ctx.extension, {
    model,
    text: sel.text,
    pair: null,
    maxLength: result.maxLength,
    view: tokenChips(result.encoded, result.fullLength),
  });
}
