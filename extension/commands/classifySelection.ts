/** Classify selection: the label beside the selection, every label's probability in a message. */
import * as vscode from 'vscode';
import { CommandContext, selection } from './context';
import { requireModel } from './selectModel';

const decoration = vscode.window.createTextEditorDecorationType({
  after: { margin: '0 0 0 1em', color: new vscode.ThemeColor('editorCodeLens.foreground') },
});

export async function classifySelection(ctx: CommandContext): Promise<void> {
  const sel = selection();
  if (!sel) return;
  const model = await requireModel(ctx);
  if (!model) return;
  const [scores] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Classifying with ${model}` },
    async () => (await ctx.engine.get()).classify(model, [sel.text]));
  const best = scores[0];
  sel.editor.setDecorations(decoration, [{
    range: new vscode.Range(sel.editor.selection.end, sel.editor.selection.end),
    renderOptions: { after: { contentText: `${best.label} ${(100 * best.score).toFixed(1)}%` } },
    hoverMessage: new vscode.MarkdownString(scores.map((s) => `${s.label}: ${(100 * s.score).toFixed(1)}%`).join('  \n')),
  }]);
  void vscode.window.showInformationMessage(`${best.label} (${(100 * best.score).toFixed(1)}%) — ${scores.slice(1).map((s) => `${s.label} ${(100 * s.score).toFixed(1)}%`).join(', ')}`);
}
