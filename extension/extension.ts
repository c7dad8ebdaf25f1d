/** Activation only wires: the engine host, the Runs tree and the command table. */
import * as vscode from 'vscode';
import { EngineHost } from './engineHost';
import { RunsTree } from './views/runsTree';
import { registerCommands } from './commands';
import { DatasetRecords } from './datasets/datasetRecords';
import type { CommandContext } from './commands/context';

export function activate(context: vscode.ExtensionContext): void {
  try {
    const runs = RunsTree.register();
    const ctx: CommandContext = { extension: context, engine: EngineHost.register(context), datasets: new DatasetRecords(context.workspaceState), training: null, refreshRuns: () => runs.tree.refresh() };
    context.subscriptions.push(runs.disposable, ...registerCommands(ctx));
  } catch (e) {
    void vscode.window.showErrorMessage(`BERT Studio could not start: ${(e as Error).message}`);
    throw e;
  }
}

export function deactivate(): void {}
