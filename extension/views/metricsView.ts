/**
 * The Metrics view below Runs: the curves and summary of the run selected in
 * the Runs tree, following a run as soon as it starts training (live, updates
 * coalesced); with nothing selected, the newest run. Other runs are read from
 * their folders (runHistory).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingSession } from '../training/trainingSession';
import type { CommandContext } from '../context';
import { LatestOnly } from '../training/latestOnly';
import { restoreRun } from '../runs/runHistory';
import { listRuns } from '../runs/runRegistry';
import { forDisplay } from '../shared/runs/dashboardModel';
import { runsFolder } from '../settings';
import { webviewHtml, webviewOptions } from '../panels/webviewHtml';
import { ToMetrics, parseFromMetrics } from '../shared/protocol/metrics';
import { fromWebview } from '../panels/webviewMessage';

const UPDATE_INTERVAL_MS = 500;

export class MetricsView implements vscode.WebviewViewProvider {
  static readonly id = 'bertStudio.metrics';
  private view: vscode.WebviewView | null = null;
  private updates: LatestOnly<ToMetrics> | null = null;
  /** The run shown; null (or deleted): the newest one. */
  private folder: string | null = null;
  private liveFolder: string | null = null;

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly session: TrainingSession,
  ) {}

  static register(ctx: CommandContext): vscode.Disposable {
    const provider = new MetricsView(ctx.extension, ctx.training);
    return vscode.Disposable.from(
      vscode.window.registerWebviewViewProvider(MetricsView.id, provider),
      ctx.runs.onDidSelect((folder) => provider.show(folder)),
      ctx.training.onDidChange((run) => provider.onLive(run.folder)),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.updates = new LatestOnly((m) => void view.webview.postMessage(m), UPDATE_INTERVAL_MS);
    view.webview.options = webviewOptions(this.context.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.context.extensionUri, {
      title: 'Metrics',
      script: 'dist/metrics.js',
      styles: ['metrics.css', 'charts.css'],
      body: '<main id="metrics" aria-live="polite"></main>',
    });
    const subscriptions = [
      view.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.send();
      }),
    ];
    view.onDidDispose(() => {
      this.updates?.dispose();
      this.updates = null;
      this.view = null;
      for (const s of subscriptions) s.dispose();
    });
  }

  show(folder: string): void {
    this.folder = path.resolve(folder);
    this.send();
  }

  /** A run that starts is shown at once; after that its events update it while it is the one shown. */
  private onLive(folder: string): void {
    const live = path.resolve(folder);
    if (live !== this.liveFolder) {
      this.liveFolder = live;
      this.folder = live;
    }
    if (this.shown() === live) this.send();
  }

  private shown(): string | null {
    if (this.folder && (this.folder === this.liveFolder || fs.existsSync(this.folder))) return this.folder;
    const root = runsFolder();
    const newest = root ? listRuns(root)[0] : undefined;
    return newest ? path.resolve(newest.folder) : null;
  }

  private message(): ToMetrics {
    const folder = this.shown();
    if (!folder)
      return {
        type: 'none',
        message: 'No runs yet: start one with "Fine-tune on CSV". Select a run in Runs to see its curves here.',
      };
    const live = this.session.current();
    const isLive = live !== null && path.resolve(live.folder) === folder;
    return { type: 'run', folder, live: isLive, state: forDisplay(isLive ? live.state : restoreRun(folder)) };
  }

  private send(): void {
    if (this.view?.visible) this.updates?.push(this.message());
  }

  private receive(raw: unknown): void {
    const m = fromWebview(parseFromMetrics, raw, 'metrics view');
    if (!m) return;
    if (m.type === 'ready') return this.send();
    const folder = this.shown();
    if (folder) void vscode.commands.executeCommand('bertStudio.openDashboard', folder);
  }
}
