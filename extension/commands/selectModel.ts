/** Select model for inference: a finished run, a local folder, or a Hub id. */
import * as vscode from 'vscode';
import { listRuns } from '../runs/runRegistry';
import { inferenceModel, runsFolder, setInferenceModel } from '../settings';
import type { CommandContext } from './context';

export async function selectModel(ctx: CommandContext, preset?: string): Promise<string | undefined> {
  if (typeof preset === 'string') {
    await setInferenceModel(ctx.extension, preset);
    return preset;
  }
  const root = runsFolder();
  const runs = root ? listRuns(root).filter((r) => r.status === 'finished') : [];
  const items: (vscode.QuickPickItem & { value?: string; action?: 'folder' | 'hub' })[] = [
    ...runs.map((r) => ({ label: `$(beaker) ${r.name}`, description: r.bestMetric ? `${r.bestMetric.name} ${r.bestMetric.value.toFixed(3)}` : r.task ?? '', value: r.folder })),
    { label: '$(folder) Local folder…', action: 'folder' as const },
    { label: '$(cloud-download) Hugging Face model id…', action: 'hub' as const },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Model for inference', placeHolder: inferenceModel(ctx.extension) ?? 'no model selected' });
  if (!pick) return undefined;
  let model = pick.value;
  if (pick.action === 'folder') {
    model = (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'A folder with config.json and model.safetensors' }))?.[0]?.fsPath;
  } else if (pick.action === 'hub') {
    model = await vscode.window.showInputBox({ title: 'Hugging Face model id', placeHolder: 'deepset/bert-base-cased-squad2' });
  }
  if (!model) return undefined;
  await setInferenceModel(ctx.extension, model);
  void vscode.window.showInformationMessage(`BERT Studio will use ${model} for inference.`);
  return model;
}

/** The selected model, asking for one when none is. */
export async function requireModel(ctx: CommandContext): Promise<string | undefined> {
  return inferenceModel(ctx.extension) ?? selectModel(ctx);
}
