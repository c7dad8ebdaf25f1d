/** Inference results drawn in the editor: the label after the selection (hover: every label), the answer on its characters. */
import * as vscode from 'vscode';
import { PlacedAnswer, classificationBadge, classificationHover } from './results';
import type { Prediction } from '../engine/process/protocol';

const labelAfter = vscode.window.createTextEditorDecorationType({
  after: { margin: '0 0 0 1em', color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic' },
  rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
});

const answerHighlight = vscode.window.createTextEditorDecorationType({
  backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
  border: '1px solid',
  borderColor: new vscode.ThemeColor('editor.findMatchBorder'),
  overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
  overviewRulerLane: vscode.OverviewRulerLane.Center,
});

export function showLabel(
  editor: vscode.TextEditor,
  range: vscode.Range,
  model: string,
  predictions: Prediction[],
): void {
  editor.setDecorations(labelAfter, [
    {
      range: new vscode.Range(range.end, range.end),
      renderOptions: { after: { contentText: classificationBadge(predictions) } },
      hoverMessage: new vscode.MarkdownString(classificationHover(model, predictions)),
    },
  ]);
}

/** Highlights the answer's exact characters, selects them and scrolls them into view. */
export function showAnswer(editor: vscode.TextEditor, answer: PlacedAnswer): void {
  const doc = editor.document;
  const range = new vscode.Range(doc.positionAt(answer.start), doc.positionAt(answer.end));
  editor.setDecorations(answerHighlight, [{ range, hoverMessage: `answer, ${(100 * answer.score).toFixed(1)}%` }]);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function clearAnswer(editor: vscode.TextEditor): void {
  editor.setDecorations(answerHighlight, []);
}
