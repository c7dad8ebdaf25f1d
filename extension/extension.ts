/** Activation only wires: the engine host, the training session, the views, the dashboard serializer and the command table. */
import * as vscode from 'vscode';
import { EngineHost } from './engineHost';
import { RunsTree } from './views/runsTree';
import { registerCommands } from './commands';
import { DatasetRecords } from './datasets/datasetRecords';
import { TrainingSession } from './training/trainingSession';
import { DashboardPanel } from './panels/dashboardPanel';
import type { CommandContext } from './commands/context';
import { registerModelStatus } from './inference/modelStatus';

export function activate(context: vscode.ExtensionContext): void {
  try {
    const runs = RunsTree.register();
    const engine = EngineHost.register(context);
    const training = TrainingSession.register(context, engine, () => runs.tree.refresh());
    const ctx: CommandContext = { extension: context, engine, datasets: new DatasetRecords(context.workspaceState), training, refreshRuns: () => runs.tree.refresh() };
    context.subscriptions.push(runs.disposable, DashboardPanel.register(context, training), ...registerCommands(ctx), registerModelStatus(context));
  } catch (e) {
    void vscode.window.showErrorMessage(`BERT Studio could not start: ${(e as Error).message}`);
    throw e;
  }
}

export function deactivate(): void {}
