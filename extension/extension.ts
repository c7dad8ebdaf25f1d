/** Activation only wires: the host's services, then every command table, view, panel and editor provider from one list. */
import * as vscode from 'vscode';
import type { CommandContext, Register } from './context';
import { EngineHost } from './engineHost';
import { DatasetRecords } from './datasets/datasetRecords';
import { TrainingSession } from './training/trainingSession';
import { RunEvents } from './runs/runEvents';
import { RunsTree } from './views/runsTree';
import { registerCommands } from './commands';
import { DashboardPanel } from './panels/dashboardPanel';
import { MetricsView } from './views/metricsView';
import { registerModelStatus } from './inference/modelStatus';
import { DatasetsTree } from './datasets/datasetsTree';
import { LabelerEditorProvider } from './labeler/labelerEditor';
import { EntityTags } from './inference/entityTags';

const REGISTRATIONS: Register[] = [
  RunsTree.register,
  DashboardPanel.register,
  MetricsView.register,
  registerCommands,
  DatasetsTree.register,
  registerModelStatus,
  LabelerEditorProvider.register,
  EntityTags.register,
];

export function activate(context: vscode.ExtensionContext): void {
  try {
    const runs = new RunEvents();
    const engine = new EngineHost();
    const training = new TrainingSession(engine, () => runs.refresh());
    context.subscriptions.push(engine, training, runs);
    const ctx: CommandContext = {
      extension: context,
      engine,
      datasets: new DatasetRecords(context.workspaceState),
      training,
      runs,
    };
    for (const register of REGISTRATIONS) context.subscriptions.push(register(ctx));
  } catch (e) {
    void vscode.window.showErrorMessage(`BERT Studio could not start: ${(e as Error).message}`);
    throw e;
  }
}

export function deactivate(): void {}
