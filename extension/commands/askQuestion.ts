/**
 * Ask a question about selection: the best answer highlighted on its exact characters (the tokenizer's
 * offsets in the selection, placed in the document), the top answers in the Results panel; clicking one
 * there highlights and selects it. Long selections are read in stride windows by the engine.
 */
import * as vscode from 'vscode';
import { CommandContext, selection } from '../context';
import { requireModel } from './selectModel';
import { withModel } from '../inference/withModel';
import { clearAnswer, showAnswer } from '../inference/decorations';
import { modelLabel, placeAnswers } from '../inference/results';
import { ResultsPanel } from '../panels/resultsPanel';

export async function askQuestion(ctx: CommandContext): Promise<void> {
  const sel = selection();
  if (!sel) return;
  const model = await requireModel(ctx);
  if (!model) return;
  const question = (
    await vscode.window.showInputBox({
      title: 'Ask a question about the selection',
      placeHolder: 'Where was Anna born?',
      ignoreFocusOut: true,
    })
  )?.trim();
  if (!question) return;
  const { editor } = sel;
  const version = editor.document.version;
  const raw = await withModel(ctx, 'answerer', model, `Answering with ${modelLabel(model)}`, (engine) =>
    engine.answer(model, question, sel.text),
  );
  const answers = placeAnswers(sel.start, sel.text, raw);
  clearAnswer(editor);
  const reveal = (index: number) => {
    if (editor.document.isClosed || editor.document.version !== version) {
      void vscode.window.showWarningMessage(
        'The document changed since the question was asked: ask again to place the answers.',
      );
      return;
    }
    // Back to the editor (a click in the panel focused the panel), with the answer selected there.
    void vscode.window
      .showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false })
      .then((target) => showAnswer(target, answers[index]));
  };
  if (answers.length) showAnswer(editor, answers[0]);
  else void vscode.window.showInformationMessage('No answer found in the selection.');
  ResultsPanel.show(
    ctx.extension,
    { type: 'answers', model, question, answers: answers.map((a) => ({ text: a.text, score: a.score })), selected: 0 },
    reveal,
  );
}
