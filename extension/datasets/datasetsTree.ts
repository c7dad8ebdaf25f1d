/**
 * The Datasets tree: every data file of the workspace with what the engine found
 * in it. Files are found with findFiles, kept current by a file watcher (debounced;
 * a change re-inspects only that file) and inspected in the engine process, never
 * parsed here. The column mapping comes from the shared dataset record, so "Set
 * columns…" here, the Fine-tune setup and the labeler agree; a change to a record
 * re-inspects its file. Inspecting is reading, which an untrusted workspace allows
 * (the editor reads these files too); training is what Workspace Trust guards.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { runsFolder } from '../settings';
import { DatasetEntry, DatasetIndex } from './datasetIndex';
import { ItemIcon, itemView } from './datasetItem';
import { DATA_GLOB, MAX_DATA_FILES, excludeGlob, isSkipped } from './datasetFiles';

export type DatasetNode = { kind: 'file'; file: string } | { kind: 'other'; count: number };

const ICONS: Record<ItemIcon, vscode.ThemeIcon> = {
  loading: new vscode.ThemeIcon('loading~spin'),
  usable: new vscode.ThemeIcon('table'),
  qa: new vscode.ThemeIcon('comment-discussion'),
  unlabeled: new vscode.ThemeIcon('tag', new vscode.ThemeColor('list.warningForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  other: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

export class DatasetsTree implements vscode.TreeDataProvider<DatasetNode>, vscode.Disposable {
  private static instance: DatasetsTree | null = null;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly index: DatasetIndex;
  private readonly nodes = new Map<string, DatasetNode>();
  private otherNode: DatasetNode = { kind: 'other', count: 0 };
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private capped = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private view!: vscode.TreeView<DatasetNode>;

  private constructor(ctx: CommandContext) {
    this.index = new DatasetIndex(
      async (file, columns, onProgress) => (await ctx.engine.get()).inspect(file, columns, onProgress),
      { mappingFor: (file) => ctx.datasets.get(file).mapping },
    );
  }

  /** The tree registered by activate (the dataset commands read entries from it). */
  static current(): DatasetsTree | null {
    return DatasetsTree.instance;
  }

  static register(ctx: CommandContext): vscode.Disposable {
    const tree = new DatasetsTree(ctx);
    tree.view = vscode.window.createTreeView('bertStudio.datasets', { treeDataProvider: tree, showCollapseAll: false });
    const watcher = vscode.workspace.createFileSystemWatcher(DATA_GLOB);
    const onChange = (uri: vscode.Uri) => {
      if (isSkipped(uri.fsPath, runsFolder())) return;
      if (!tree.index.get(uri.fsPath) && tree.index.list().length >= MAX_DATA_FILES) return;
      tree.index.changed(uri.fsPath);
    };
    const unlisten = [
      tree.index.onDidChange(() => tree.scheduleRefresh()),
      ctx.datasets.onDidChange((file) => {
        if (tree.index.get(file)) tree.index.refresh(file);
      }),
    ];
    tree.subscriptions.push(
      tree.view,
      watcher,
      tree.changed,
      watcher.onDidCreate(onChange),
      watcher.onDidChange(onChange),
      watcher.onDidDelete((uri) => tree.index.deleted(uri.fsPath)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void tree.scan()),
      {
        dispose: () => {
          for (const u of unlisten) u();
          tree.index.dispose();
        },
      },
    );
    DatasetsTree.instance = tree;
    void tree.scan();
    return tree;
  }

  /** Finds the workspace's data files again (the initial scan; Refresh). */
  async scan(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? null;
    if (!folder) {
      this.index.reset([]);
      this.view.message = 'Open a folder to see the datasets in it.';
      return;
    }
    const uris = await vscode.workspace.findFiles(DATA_GLOB, excludeGlob(folder, runsFolder()), MAX_DATA_FILES + 1);
    this.capped = uris.length > MAX_DATA_FILES;
    this.index.reset(uris.slice(0, MAX_DATA_FILES).map((u) => u.fsPath));
  }

  entry(file: string): DatasetEntry | undefined {
    return this.index.get(file);
  }

  /** Tree updates (progress events included) are coalesced to one every 100 ms. */
  private scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      const shown = this.index.list().filter((e) => itemView(e).group !== 'hidden');
      this.view.message = this.capped
        ? `Showing the first ${MAX_DATA_FILES} data files.`
        : shown.length
          ? undefined
          : 'No .csv, .tsv, .jsonl or SQuAD-style .json files in this workspace.';
      this.changed.fire();
    }, 100);
  }

  private node(file: string): DatasetNode {
    let n = this.nodes.get(file);
    if (!n) this.nodes.set(file, (n = { kind: 'file', file }));
    return n;
  }

  getChildren(node?: DatasetNode): DatasetNode[] {
    const entries = this.index.list().map((e) => ({ e, v: itemView(e) }));
    if (node?.kind === 'other') return entries.filter((x) => x.v.group === 'other').map((x) => this.node(x.e.file));
    if (node) return [];
    const others = entries.filter((x) => x.v.group === 'other').length;
    const list = entries.filter((x) => x.v.group === 'datasets').map((x) => this.node(x.e.file));
    if (others) {
      this.otherNode = { kind: 'other', count: others };
      list.push(this.otherNode);
    }
    return list;
  }

  getTreeItem(node: DatasetNode): vscode.TreeItem {
    if (node.kind === 'other') {
      const item = new vscode.TreeItem('Other data files', vscode.TreeItemCollapsibleState.Collapsed);
      item.id = 'bertStudio.datasets.other';
      item.description = `${node.count} not datasets`;
      item.tooltip =
        'Files with a data extension but no text column (numbers, logs…). "Set columns…" on one makes it a dataset.';
      item.iconPath = ICONS.other;
      return item;
    }
    const entry = this.index.get(node.file);
    const uri = vscode.Uri.file(node.file);
    if (!entry) return new vscode.TreeItem(path.basename(node.file));
    const v = itemView(entry);
    const item = new vscode.TreeItem(v.label);
    item.id = node.file;
    item.resourceUri = uri;
    item.description = v.description || vscode.workspace.asRelativePath(path.dirname(node.file));
    const tooltip = new vscode.MarkdownString(v.tooltip, true);
    tooltip.isTrusted = false;
    item.tooltip = tooltip;
    item.iconPath = ICONS[v.icon];
    item.contextValue = ['dataset', ...v.actions].join(' ');
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const s of this.subscriptions) s.dispose();
    if (DatasetsTree.instance === this) DatasetsTree.instance = null;
  }
}
