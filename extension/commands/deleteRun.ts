/**
 * Delete Run (Runs tree): after a modal confirm, moves the run folder to the
 * trash; where the file system has no trash (some remotes), asks again before
 * deleting it for good. The run training now cannot be deleted; a deleted run that was
 * the model for inference stops being it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { inferenceModel, setInferenceModel } from '../settings';
import { isWithin } from '../paths';
import { showInferenceModel } from '../inference/modelStatus';
import type { CommandContext } from '../context';
import { runFolderArg } from './args';

export async function deleteRun(ctx: CommandContext, node?: unknown): Promise<void> {
  const folder = runFolderArg(node);
  if (folder === undefined) {
    void vscode.window.showInformationMessage('Choose the run to delete in the Runs view (right-click → Delete Run).');
    return;
  }
  const live = ctx.training.current();
  if (live && path.resolve(live.folder) === path.resolve(folder)) {
    void vscode.window.showWarningMessage(`${path.basename(folder)} is training: cancel it first.`);
    return;
  }
  const name = path.basename(folder);
  const confirm = await vscode.window.showWarningMessage(
    `Delete the run "${name}"?`,
    { modal: true, detail: `${folder}\nIts checkpoints, model and metrics are moved to the trash.` },
    'Move to Trash',
  );
  if (confirm !== 'Move to Trash') return;
  const uri = vscode.Uri.file(folder);
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: true });
  } catch (e) {
    const again = await vscode.window.showWarningMessage(
      `The run could not be moved to the trash (${(e as Error).message}). Delete it permanently?`,
      { modal: true },
      'Delete Permanently',
    );
    if (again !== 'Delete Permanently') return;
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  }
  // A deleted run can no longer be the model for inference: the next command asks for one instead of failing.
  const model = inferenceModel(ctx.extension);
  if (model && isWithin(model, folder)) {
    await setInferenceModel(ctx.extension, undefined);
    showInferenceModel(undefined);
  }
  ctx.runs.refresh();
}
