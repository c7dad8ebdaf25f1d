/** Classify selection: the best label after the selection (hover: every label), and a bar chart of all labels in the Results panel. */
import * as vscode from 'vscode';
import { CommandContext, selection } from '../context';
import { requireModel } from './selectModel';
import { withModel } from '../inference/withModel';
import { showLabel } from '../inference/decorations';
import { modelLabel } from '../inference/results';
import { ResultsPanel } from '../panels/resultsPanel';

export async function classifySelection(ctx: CommandContext): Promise<void> {
  const sel = selection();
  if (!sel) return;
  const model = await requireModel(ctx);
  if (!model) return;
  const range = new vscode.Range(sel.editor.selection.start, sel.editor.selection.end);
  const [predictions] = await withModel(ctx, 'classifier', model, `Classifying with ${modelLabel(model)}`, (engine) =>
    engine.classify(model, [sel.text]),
  );
  showLabel(sel.editor, range, model, predictions);
  ResultsPanel.show(ctx.extension, { type: 'classification', model, text: sel.text, predictions });
}
