/** Fine-tune…: the Fine-tune setup of this file; the mapping detected here is saved to the file's record first (if none is), so the setup opens with it. */
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { saveDetectedMapping, targetFile } from '../datasets/datasetTarget';

export async function fineTuneDataset(ctx: CommandContext, arg?: unknown): Promise<void> {
  const file = await targetFile(arg, 'Fine-tune on which dataset?');
  if (!file) return;
  await saveDetectedMapping(ctx, file);
  await vscode.commands.executeCommand('bertStudio.fineTuneCsv', vscode.Uri.file(file));
}
