/** The extension's settings and per-workspace choices, read in one place. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProviderChoice } from './engine/process/protocol';

const MODEL_KEY = 'bertStudio.inferenceModel';

export function settings() {
  const c = vscode.workspace.getConfiguration('bertStudio');
  return {
    defaultModel: c.get<string>('defaultModel') || 'bert-base-uncased',
    executionProvider: c.get<ProviderChoice>('executionProvider') ?? 'auto',
    threads: c.get<number>('threads') ?? 0,
  };
}

/** runsFolder, relative to the first workspace folder unless absolute. */
export function runsFolder(): string | null {
  const setting = vscode.workspace.getConfiguration('bertStudio').get<string>('runsFolder') || '.bert-studio/runs';
  if (path.isAbsolute(setting)) return setting;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return root ? path.join(root, setting) : null;
}

export function inferenceModel(context: vscode.ExtensionContext): string | undefined {
  return context.workspaceState.get<string>(MODEL_KEY);
}

/** Selects the model for inference; undefined selects none. */
export async function setInferenceModel(context: vscode.ExtensionContext, model: string | undefined): Promise<void> {
  await context.workspaceState.update(MODEL_KEY, model);
}
