/**
 * Fine-tune on CSV: choose the data (the file given by the explorer or the
 * Datasets view, else the active editor's data file, else a file dialog) and open
 * its setup page. Untrusted workspaces cannot train on their files.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SetupPanel } from '../panels/setupPanel';
import type { SetupForm } from '../shared/protocol/setup';
import type { CommandContext } from '../context';
import { CONLL_EXTENSIONS } from '../shared/data/conll';

const DATA_EXTENSIONS = ['.csv', '.tsv', '.jsonl', '.json', ...CONLL_EXTENSIONS];

async function pickData(): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const candidate =
    active?.scheme === 'file' && DATA_EXTENSIONS.includes(path.extname(active.fsPath).toLowerCase())
      ? active.fsPath
      : null;
  if (candidate) {
    const choice = await vscode.window.showQuickPick(
      [
        {
          label: `$(file) ${path.basename(candidate)}`,
          description: vscode.workspace.asRelativePath(candidate),
          file: candidate,
        },
        { label: '$(folder-opened) Browse…', file: null },
      ],
      { title: 'Data to fine-tune on' },
    );
    if (!choice) return undefined;
    if (choice.file) return choice.file;
  }
  return (
    await vscode.window.showOpenDialog({
      title: 'Data to fine-tune on',
      filters: { Data: DATA_EXTENSIONS.map((e) => e.slice(1)) },
    })
  )?.[0]?.fsPath;
}

export async function fineTuneCsv(ctx: CommandContext, uri?: unknown): Promise<void> {
  if (!trusted()) return;
  const data = uri instanceof vscode.Uri ? uri.fsPath : await pickData();
  if (data) SetupPanel.show(ctx, data);
}

/** The setup page of a data file chosen by the extension itself (the offline example), with the form's starting values. */
export function fineTunePreset(ctx: CommandContext, file: string, form: Partial<SetupForm>): void {
  if (trusted()) SetupPanel.show(ctx, file, form);
}

function trusted(): boolean {
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage(
        'Training on workspace files needs a trusted workspace (Workspace Trust).',
        'Manage Workspace Trust',
      )
      .then((c) => {
        if (c) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    return false;
  }
  return true;
}

export async function cancelTraining(ctx: CommandContext): Promise<void> {
  if (!(await ctx.training.cancel())) void vscode.window.showInformationMessage('No training run is in progress.');
}
