/** The Runs tree: every run under the runs folder with its status, task, model and best metric; checkpoints and exports as children. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RunInfo, listRuns } from '../runs/runRegistry';
import { runsFolder } from '../settings';

const ICONS: Record<RunInfo['status'], string> = { running: 'sync~spin', finished: 'pass', interrupted: 'debug-pause', failed: 'error', empty: 'circle-outline' };

type Node = { run: RunInfo } | { run: RunInfo; child: string };

export class RunsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  static register(): { tree: RunsTree; disposable: vscode.Disposable } {
    const tree = new RunsTree();
    const view = vscode.window.createTreeView('bertStudio.runs', { treeDataProvider: tree });
    return { tree, disposable: vscode.Disposable.from(view, tree.changed) };
  }

  refresh(): void {
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const root = runsFolder();
      return root ? listRuns(root).map((run) => ({ run })) : [];
    }
    if ('child' in node) return [];
    return [...node.run.checkpoints, ...node.run.exported].map((child) => ({ run: node.run, child }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('child' in node) {
      const item = new vscode.TreeItem(node.child);
      item.resourceUri = vscode.Uri.file(path.join(node.run.folder, node.child));
      item.iconPath = new vscode.ThemeIcon(node.child.startsWith('checkpoint-') ? 'save' : 'package');
      return item;
    }
    const r = node.run;
    const item = new vscode.TreeItem(r.name, r.checkpoints.length || r.exported.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(ICONS[r.status]);
    item.description = [r.task, r.model, r.bestMetric && `${r.bestMetric.name.replace('eval_', '')} ${r.bestMetric.value.toFixed(3)}`].filter(Boolean).join(' · ');
    item.tooltip = r.failure ? `${r.status}: ${r.failure}` : `${r.status} · ${r.folder}`;
    item.contextValue = `run.${r.status}`;
    item.resourceUri = vscode.Uri.file(r.folder);
    return item;
  }
}
