/** Label…: the file in the labeler (a custom editor), with the detected mapping saved first so the labeler starts from it. */
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { saveDetectedMapping, targetFile } from '../datasets/datasetTarget';

export async function labelDataset(ctx: CommandContext, arg?: unknown): Promise<void> {
  const file = await targetFile(arg, 'Label which dataset?');
  if (!file) return;
  await saveDetectedMapping(ctx, file);
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'bertStudio.labeler');
}
