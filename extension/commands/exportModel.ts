/**
 * Export model…: a finished run (from the Runs tree, or picked) or the inference model → onnx/model.onnx
 * in the engine. A local model folder gets onnx/ inside it; a Hub model is exported to
 * <picked folder>/<owner--name>.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { listRuns } from '../runs/runRegistry';
import { inferenceModel, runsFolder } from '../settings';
import { modelLabel } from '../inference/results';
import { runFolderArg } from './args';

export async function exportModel(ctx: CommandContext, node?: unknown): Promise<void> {
  const model = runFolderArg(node) ?? (await pickModel(ctx));
  if (!model) return;
  const out = await outputFolder(model);
  if (!out) return;
  const engine = await ctx.engine.get();
  const file = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting ${modelLabel(model)} to ONNX` },
    () => engine.export(model, out),
  );
  ctx.runs.refresh();
  const choice = await vscode.window.showInformationMessage(`Exported ${modelLabel(model)} to ${file}`, 'Reveal');
  if (choice) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(file));
}

async function pickModel(ctx: CommandContext): Promise<string | undefined> {
  const root = runsFolder();
  const current = inferenceModel(ctx.extension);
  const runs = root ? listRuns(root).filter((r) => r.status === 'finished') : [];
  const items: (vscode.QuickPickItem & { value?: string })[] = [
    ...runs.map((r) => ({
      label: `$(beaker) ${r.name}`,
      description: r.exported.length ? 'exported before' : '',
      detail: r.folder,
      value: r.folder,
    })),
    ...(current && !runs.some((r) => r.folder === current)
      ? [{ label: `$(check) ${modelLabel(current)}`, description: 'inference model', detail: current, value: current }]
      : []),
    { label: '$(folder) Local folder…' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Export which model to ONNX?' });
  if (!pick) return undefined;
  return (
    pick.value ??
    (
      await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        title: 'The model folder to export',
      })
    )?.[0]?.fsPath
  );
}

/** A local folder is exported in place (its onnx/ subfolder); anything else (a Hub id) asks where. */
async function outputFolder(model: string): Promise<string | undefined> {
  if (path.isAbsolute(model) && fs.existsSync(model) && fs.statSync(model).isDirectory()) return model;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const parent = (
    await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Export here',
      title: `Folder to export ${model} into`,
      defaultUri: folder,
    })
  )?.[0]?.fsPath;
  return parent ? path.join(parent, model.replace(/\//g, '--')) : undefined;
}
