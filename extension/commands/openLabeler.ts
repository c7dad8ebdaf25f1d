/** Open a data file in the labeler: from the Explorer, the active editor, or another feature (the Fine-tune flow when labels are missing). */
import * as vscode from 'vscode';
import { LABELER_VIEW_TYPE } from '../labeler/labelerEditor';
import type { CommandContext } from '../context';

export async function openLabeler(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', uri, LABELER_VIEW_TYPE);
}

export async function openLabelerCommand(_ctx: CommandContext, uri?: unknown): Promise<void> {
  const target =
    uri instanceof vscode.Uri
      ? uri
      : (vscode.window.activeTextEditor?.document.uri ??
        (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: { 'Data files': ['csv', 'tsv', 'jsonl'] },
            title: 'A data file to label',
          })
        )?.[0]);
  if (!target) return;
  await openLabeler(target);
}
