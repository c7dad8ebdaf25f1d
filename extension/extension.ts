/** Activation only wires: the engine host, the training session, the views, the dashboard serializer and the command table. */
import * as vscode from 'vscode';
import { EngineHost } from './engineHost';
import { RunsTree } from './views/runsTree';
import { registerCommands } from './commands';
import { DatasetRecords } from './datasets/datasetRecords';
import { TrainingSession } from './training/trainingSession';
import { DashboardPanel } from './panels/dashboardPanel';
import { MetricsView } from './views/metricsView';
import type { CommandContext } from './context';
import { registerModelStatus } from './inference/modelStatus';
import { DatasetsTree } from './datasets/datasetsTree';
import { LabelerEditorProvider } from './labeler/labelerEditor';

export function activate(context: vscode.ExtensionContext): void {
  try {
    // The tree asks which run is training only when it is drawn, after `training` exists.
    const runs = RunsTree.register(() => training.current()?.folder ?? null);
    const engine = EngineHost.register(context);
    const training = TrainingSession.register(context, engine, () => runs.tree.refresh());
    const ctx: CommandContext = {
      extension: context,
      engine,
      datasets: new DatasetRecords(context.workspaceState),
      training,
      refreshRuns: () => runs.tree.refresh(),
    };
    context.subscriptions.push(
      runs.disposable,
      DashboardPanel.register(context, training),
      MetricsView.register(context, training, runs.onDidSelectRun),
      ...registerCommands(ctx),
      DatasetsTree.register(ctx),
      registerModelStatus(context),
      LabelerEditorProvider.register(ctx),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(`BERT Studio could not start: ${(e as Error).message}`);
    throw e;
  }
}

export function deactivate(): void {}
