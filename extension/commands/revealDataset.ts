/** Reveal in Explorer: the dataset's file selected in the Explorer view. */
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { targetFile } from '../datasets/datasetTarget';

export async function revealDataset(_ctx: CommandContext, arg?: unknown): Promise<void> {
  const file = await targetFile(arg, 'Reveal which dataset?');
  if (file) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(file));
}
