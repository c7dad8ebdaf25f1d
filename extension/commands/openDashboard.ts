/** Open Training Dashboard: of the given run (status bar, Runs tree), else the run in progress, else a run picked from the list. */
import * as vscode from 'vscode';
import { DashboardPanel } from '../panels/dashboardPanel';
import { listRuns } from '../runs/runRegistry';
import { runsFolder } from '../settings';
import type { CommandContext } from '../context';
import { runFolderArg } from './args';

/** `target`: a run folder (the status bar) or a Runs tree node. */
export async function openDashboard(ctx: CommandContext, target?: unknown): Promise<void> {
  let folder = typeof target === 'string' ? target : (runFolderArg(target) ?? ctx.training.current()?.folder);
  if (!folder) {
    const root = runsFolder();
    const runs = root ? listRuns(root) : [];
    if (!runs.length) {
      void vscode.window.showInformationMessage('No runs yet: start one with "BERT Studio: Fine-tune on CSV".');
      return;
    }
    folder = (
      await vscode.window.showQuickPick(
        runs.map((r) => ({
          label: r.name,
          description: [r.status, r.bestMetric && `${r.bestMetric.name} ${r.bestMetric.value.toFixed(3)}`]
            .filter(Boolean)
            .join(' · '),
          folder: r.folder,
        })),
        { title: 'Run' },
      )
    )?.folder;
  }
  if (folder) DashboardPanel.show(ctx.extension, ctx.training, folder);
}
