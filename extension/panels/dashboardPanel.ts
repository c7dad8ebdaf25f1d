/**
 * The training dashboard: one panel per run folder. A live run streams its state
 * from the TrainingSession; any other run is rebuilt from its folder (event log,
 * all_results.json, recorded failure). A serializer reopens it after a reload.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingSession } from '../training/trainingSession';
import { readEvents } from '../engine/train/eventLog';
import { readRun } from '../runs/runRegistry';
import { DashboardState, forDisplay, restoreDashboard } from '../runs/dashboardModel';
import { FromDashboard, ToDashboard, parseFromDashboard } from '../../webview/dashboard/protocol';
import { webviewHtml, webviewOptions } from './webviewHtml';

const VIEW_TYPE = 'bertStudio.dashboard';
const UPDATE_INTERVAL_MS = 250;

function restored(folder: string): DashboardState {
  const results = (() => {
    try {
      return JSON.parse(fs.readFileSync(path.join(folder, 'all_results.json'), 'utf8')) as Record<string, number>;
    } catch {
      return null;
    }
  })();
  return restoreDashboard(path.basename(folder), readEvents(folder), { results, failure: readRun(folder).failure, running: false });
}

export class DashboardPanel {
  private static readonly open = new Map<string, DashboardPanel>();
  private timer: NodeJS.Timeout | null = null;
  private pending: ToDashboard | null = null;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(private readonly panel: vscode.WebviewPanel, private readonly folder: string, context: vscode.ExtensionContext, private readonly session: TrainingSession) {
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, { title: 'Training Dashboard', script: 'dist/dashboard.js', styles: ['dashboard.css'], body: '<main id="dashboard" aria-live="polite"></main>' });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      session.onDidChange((run) => { if (path.resolve(run.folder) === this.folder) this.post({ type: 'state', folder: this.folder, state: run.state, live: session.current() !== null }); }),
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
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Training: ${path.basename(key)}`, vscode.ViewColumn.Active, { ...webviewOptions(context.extensionUri), retainContextWhenHidden: false });
    new DashboardPanel(panel, key, context, session);
  }

  /** Reopens dashboards that were open when the window reloaded. */
  static register(context: vscode.ExtensionContext, session: TrainingSession): vscode.Disposable {
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
    const state = live && path.resolve(live.folder) === this.folder ? live.state : restored(this.folder);
    this.post({ type: 'state', folder: this.folder, state, live: live !== null && path.resolve(live.folder) === this.folder });
  }

  /** Live updates are coalesced: at most one message per interval, always the latest state. */
  private post(m: ToDashboard): void {
    this.pending = { ...m, state: forDisplay(m.state) };
    if (this.timer) return;
    const flush = () => {
      this.timer = null;
      if (!this.pending) return;
      void this.panel.webview.postMessage(this.pending);
      this.pending = null;
      this.timer = setTimeout(flush, UPDATE_INTERVAL_MS);
    };
    flush();
  }

  private receive(raw: unknown): void {
    let m: FromDashboard;
    try {
      m = parseFromDashboard(raw);
    } catch {
      return;
    }
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
    if (this.timer) clearTimeout(this.timer);
    DashboardPanel.open.delete(this.folder);
    for (const d of this.disposables) d.dispose();
  }
}
