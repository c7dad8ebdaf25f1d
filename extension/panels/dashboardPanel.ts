/**
 * The training dashboard: one panel per run folder. A live run streams its state
 * from the TrainingSession; any other run is rebuilt from its folder (runHistory).
 * A serializer reopens it after a reload.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingSession } from '../training/trainingSession';
import type { CommandContext } from '../context';
import { restoreRun } from '../runs/runHistory';
import { forDisplay } from '../shared/runs/dashboardModel';
import { LatestOnly } from '../training/latestOnly';
import { ToDashboard, parseFromDashboard } from '../shared/protocol/dashboard';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { fromWebview } from './webviewMessage';

const VIEW_TYPE = 'bertStudio.dashboard';
const UPDATE_INTERVAL_MS = 250;

export class DashboardPanel {
  private static readonly open = new Map<string, DashboardPanel>();
  /** Live updates are coalesced: at most one message per interval, always the latest state. */
  private readonly updates: LatestOnly<ToDashboard>;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly folder: string,
    context: vscode.ExtensionContext,
    private readonly session: TrainingSession,
  ) {
    this.updates = new LatestOnly((m) => void panel.webview.postMessage(m), UPDATE_INTERVAL_MS);
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, {
      title: 'Training Dashboard',
      script: 'dist/dashboard.js',
      styles: ['dashboard.css', 'charts.css'],
      body: '<main id="dashboard" aria-live="polite"></main>',
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      session.onDidChange((run) => {
        if (path.resolve(run.folder) === this.folder)
          this.post({ type: 'state', folder: this.folder, state: run.state, live: session.current() !== null });
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    DashboardPanel.open.set(folder, this);
  }

  /** Opens (or reveals) the dashboard of the run in `folder`. */
  static show(context: vscode.ExtensionContext, session: TrainingSession, folder: string): void {
    const key = path.resolve(folder);
    const existing = DashboardPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      existing.sendCurrent();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `Training: ${path.basename(key)}`,
      vscode.ViewColumn.Active,
      { ...webviewOptions(context.extensionUri), retainContextWhenHidden: false },
    );
    new DashboardPanel(panel, key, context, session);
  }

  /** Reopens dashboards that were open when the window reloaded. */
  static register(ctx: CommandContext): vscode.Disposable {
    const { extension: context, training: session } = ctx;
    return vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel, state: unknown) {
        const folder = (state as { folder?: unknown } | undefined)?.folder;
        if (typeof folder !== 'string' || !fs.existsSync(folder)) {
          panel.dispose();
          return;
        }
        new DashboardPanel(panel, path.resolve(folder), context, session);
      },
    });
  }

  private sendCurrent(): void {
    const live = this.session.current();
    const state = live && path.resolve(live.folder) === this.folder ? live.state : restoreRun(this.folder);
    this.post({
      type: 'state',
      folder: this.folder,
      state,
      live: live !== null && path.resolve(live.folder) === this.folder,
    });
  }

  private post(m: ToDashboard): void {
    this.updates.push({ ...m, state: forDisplay(m.state) });
  }

  private receive(raw: unknown): void {
    const m = fromWebview(parseFromDashboard, raw, 'training dashboard');
    if (!m) return;
    switch (m.type) {
      case 'ready':
        return this.sendCurrent();
      case 'cancel':
        void this.session.cancel();
        return;
      case 'reveal':
        void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(this.folder));
        return;
      case 'useForInference':
        void vscode.commands.executeCommand('bertStudio.selectModel', this.folder);
        return;
    }
  }

  private dispose(): void {
    this.updates.dispose();
    DashboardPanel.open.delete(this.folder);
    for (const d of this.disposables) d.dispose();
  }
}
