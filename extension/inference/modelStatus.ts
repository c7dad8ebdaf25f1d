/** The status-bar item naming the model used for inference; clicking it opens Select Model. */
import * as vscode from 'vscode';
import { inferenceModel } from '../settings';
import { modelLabel } from './results';
import type { CommandContext } from '../context';

let item: vscode.StatusBarItem | null = null;

export function registerModelStatus(ctx: CommandContext): vscode.Disposable {
  item = vscode.window.createStatusBarItem('bertStudio.inferenceModel', vscode.StatusBarAlignment.Right, 100);
  item.name = 'BERT Studio: inference model';
  item.command = 'bertStudio.selectModel';
  showInferenceModel(inferenceModel(ctx.extension));
  return new vscode.Disposable(() => {
    item?.dispose();
    item = null;
  });
}

export function showInferenceModel(model: string | undefined): void {
  if (!item) return;
  item.text = `$(symbol-class) ${model ? modelLabel(model) : 'no model'}`;
  item.tooltip = model
    ? `BERT Studio infers with ${model}. Click to choose another model.`
    : 'BERT Studio: click to choose a model for inference';
  item.show();
}
