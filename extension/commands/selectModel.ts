/** Select model for inference: a finished run, the default model, a local folder, or a Hub id (downloaded right away, with progress). */
import * as vscode from 'vscode';
import { listRuns } from '../runs/runRegistry';
import { inferenceModel, runsFolder, setInferenceModel, settings } from '../settings';
import { modelChoices } from '../inference/modelChoices';
import { showInferenceModel } from '../inference/modelStatus';
import { modelLabel } from '../inference/results';
import type { CommandContext } from '../context';
import { downloadWithProgress } from './downloadModel';

export async function selectModel(ctx: CommandContext, preset?: string): Promise<string | undefined> {
  if (typeof preset === 'string') return use(ctx, preset);
  const root = runsFolder();
  const current = inferenceModel(ctx.extension);
  const items = modelChoices(root ? listRuns(root) : [], settings().defaultModel, current);
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Model for inference',
    placeHolder: current ? `current: ${current}` : 'no model selected yet',
    matchOnDetail: true,
  });
  if (!pick) return undefined;
  if (pick.value) return use(ctx, pick.value);
  if (pick.action === 'folder') {
    const folder = (
      await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        title: 'A folder with config.json and model.safetensors',
      })
    )?.[0]?.fsPath;
    return folder ? use(ctx, folder) : undefined;
  }
  const id = await vscode.window.showInputBox({
    title: 'Hugging Face model id',
    placeHolder: 'deepset/bert-base-cased-squad2',
    ignoreFocusOut: true,
  });
  if (!id?.trim()) return undefined;
  return (await downloadWithProgress(ctx, id.trim())) ? use(ctx, id.trim()) : undefined;
}

async function use(ctx: CommandContext, model: string): Promise<string> {
  await setInferenceModel(ctx.extension, model);
  showInferenceModel(model);
  void vscode.window.setStatusBarMessage(`BERT Studio infers with ${modelLabel(model)}`, 4000);
  return model;
}

/**
 * The selected model; when none is, the user chooses one now. The default-model setting is not used
 * silently: it is usually a base model (bert-base-uncased) whose task head would be random.
 */
export async function requireModel(ctx: CommandContext): Promise<string | undefined> {
  return inferenceModel(ctx.extension) ?? selectModel(ctx);
}
