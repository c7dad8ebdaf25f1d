/** Ask a question about selection: the answer highlighted on its exact characters (tokenizer offsets). */
import * as vscode from 'vscode';
import { CommandContext, selection } from './context';
import { requireModel } from './selectModel';

const highlight = vscode.window.createTextEditorDecorationType({
  backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
  border: '1px solid', borderColor: new vscode.ThemeColor('editor.findMatchBorder'),
});

export async function askQuestion(ctx: CommandContext): Promise<void> {
  const sel = selection();
  if (!sel) return;
  const model = await requireModel(ctx);
  if (!model) return;
  const question = await vscode.window.showInputBox({ title: 'Ask a question about the selection', placeHolder: 'Where was Anna born?' });
  if (!question) return;
  const answers = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Answering with ${model}` },
    async () => (await ctx.engine.get()).answer(model, question, sel.text));
  if (!answers.length) {
    void vscode.window.showInformationMessage('No answer found in the selection.');
    return;
  }
  const doc = sel.editor.document;
  const best = answers[0];
  sel.editor.setDecorations(highlight, [new vscode.Range(doc.positionAt(sel.start + best.start), doc.positionAt(sel.start + best.end))]);
  void vscode.window.showInformationMessage(`"${best.text}" (${(100 * best.score).toFixed(1)}%)${answers.length > 1 ? ` — also: ${answers.slice(1, 3).map((a) => `"${a.text}"`).join(', ')}` : ''}`);
}
