/**
 * The Runs tree: every run under the runs folder with its status (the one
 * training now shows as running), task, model and best metric; its final metrics,
 * checkpoints and exports as children. Selecting a run tells the Metrics view.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunInfo, listRuns } from '../runs/runRegistry';
import { runsFolder } from '../settings';
import type { CommandContext } from '../context';
import { TASK_SHORT } from '../shared/tasks';

const ICONS: Record<RunInfo['status'], string> = {
  running: 'sync~spin',
  finished: 'pass',
  interrupted: 'debug-pause',
  failed: 'error',
  empty: 'circle-outline',
};

export type RunNode =
  | { run: RunInfo }
  | { run: RunInfo; child: string }
  | { run: RunInfo; metrics: true }
  | { run: RunInfo; metric: RunInfo['metrics'][number] };

export class RunsTree implements vscode.TreeDataProvider<RunNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  private constructor(private readonly runningFolder: () => string | null) {}

  /** The run training now shows as running; `ctx.runs` redraws the tree and hears which run is selected. */
  static register(ctx: CommandContext): vscode.Disposable {
    const tree = new RunsTree(() => ctx.training.current()?.folder ?? null);
    const view = vscode.window.createTreeView('bertStudio.runs', { treeDataProvider: tree });
    const selection = view.onDidChangeSelection((e) => {
      if (e.selection[0]) ctx.runs.select(e.selection[0].run.folder);
    });
    return vscode.Disposable.from(
      view,
      tree.changed,
      selection,
      ctx.runs.onDidChange(() => tree.refresh()),
    );
  }

  refresh(): void {
    this.changed.fire();
  }

  getChildren(node?: RunNode): RunNode[] {
    if (!node) {
      const root = runsFolder();
      const running = this.runningFolder();
      return root ? listRuns(root, new Set(running ? [path.resolve(running)] : [])).map((run) => ({ run })) : [];
    }
    if ('metrics' in node) return node.run.metrics.map((metric) => ({ run: node.run, metric }));
    if ('child' in node || 'metric' in node) return [];
    return [
      ...(node.run.metrics.length ? [{ run: node.run, metrics: true as const }] : []),
      ...[...node.run.checkpoints, ...node.run.exported].map((child) => ({ run: node.run, child })),
    ];
  }

  getTreeItem(node: RunNode): vscode.TreeItem {
    if ('metrics' in node) {
      const item = new vscode.TreeItem('Metrics', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${node.run.folder}#metrics`;
      item.iconPath = new vscode.ThemeIcon('graph');
      item.description = 'all_results.json';
      return item;
    }
    if ('metric' in node) {
      const item = new vscode.TreeItem(node.metric.name);
      item.description = Number.isInteger(node.metric.value) ? String(node.metric.value) : node.metric.value.toFixed(4);
      return item;
    }
    if ('child' in node) {
      const item = new vscode.TreeItem(node.child);
      item.resourceUri = vscode.Uri.file(path.join(node.run.folder, node.child));
      item.iconPath = new vscode.ThemeIcon(node.child.startsWith('checkpoint-') ? 'save' : 'package');
      return item;
    }
    const r = node.run;
    const item = new vscode.TreeItem(
      r.name,
      r.metrics.length || r.checkpoints.length || r.exported.length
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = r.folder;
    item.iconPath = new vscode.ThemeIcon(ICONS[r.status]);
    item.description = [
      r.task && TASK_SHORT[r.task],
      r.model,
      r.bestMetric && `${r.bestMetric.name.replace('eval_', '')} ${r.bestMetric.value.toFixed(3)}`,
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = r.failure ? `${r.status}: ${r.failure}` : `${r.status} · ${r.folder}`;
    item.contextValue = `run.${r.status}`;
    item.resourceUri = vscode.Uri.file(r.folder);
    return item;
  }
}
