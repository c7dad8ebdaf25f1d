/**
 * The training run in progress, as the extension host sees it: one at a time,
 * its dashboard state folded from the engine's events, a status-bar item
 * (percent, loss, ETA; click opens the dashboard), and its end — results, or a
 * failure recorded in the run folder so the Runs tree shows why after a reload.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';
import type { EngineClient } from '../engine/process/engineClient';
import type { TrainParams } from '../engine/process/protocol';
import { FAILURE_FILE } from '../runs/runRegistry';
import { DashboardState, applyEvent, emptyDashboard, finish } from '../shared/runs/dashboardModel';
import { statusText } from './statusText';
import { writeFileAtomic } from '../shared/atomicWrite';

export interface LiveRun {
  folder: string;
  state: DashboardState;
}

export class TrainingSession implements vscode.Disposable {
  private run: (LiveRun & { cancel(): Promise<unknown> }) | null = null;
  private readonly changed = new vscode.EventEmitter<LiveRun>();
  /** Fires on every event of the run in progress, and once more when it ends. */
  readonly onDidChange = this.changed.event;
  private readonly status = vscode.window.createStatusBarItem(
    'bertStudio.training',
    vscode.StatusBarAlignment.Left,
    100,
  );

  constructor(
    private readonly engine: EngineHost,
    private readonly refreshRuns: () => void,
  ) {
    this.status.name = 'BERT Studio Training';
  }

  current(): LiveRun | null {
    return this.run && { folder: this.run.folder, state: this.run.state };
  }

  /** Starts training in the engine; resolves with the results (or rejects) when the run ends. */
  async start(params: TrainParams): Promise<Record<string, number>> {
    if (this.run) throw new Error(`a training run is already in progress (${path.basename(this.run.folder)})`);
    const folder = params.args.output_dir;
    // Claimed before the engine starts, so a second Start meanwhile is refused; a Cancel meanwhile is kept for the job.
    let cancelRequested = false;
    const run: LiveRun & { cancel(): Promise<unknown> } = {
      folder,
      state: emptyDashboard(path.basename(folder)),
      cancel: async () => {
        cancelRequested = true;
      },
    };
    this.run = run;
    // Shows Cancel Training in the Runs view's title bar while a run trains.
    void vscode.commands.executeCommand('setContext', 'bertStudio.training', true);
    this.update();
    let engine: EngineClient;
    try {
      engine = await this.engine.get();
    } catch (e) {
      this.end({ error: (e as Error).message });
      throw e;
    }
    const job = engine.train(params, (e) => {
      if (this.run !== run) return;
      run.state = applyEvent(run.state, e);
      if (e.type === 'log') this.engine.log.appendLine(e.message);
      if (e.type === 'checkpoint') this.refreshRuns();
      this.update();
    });
    run.cancel = () => engine.cancel(job.id);
    if (cancelRequested) void run.cancel();
    this.refreshRuns();
    try {
      const results = await job.result;
      this.end({ results });
      return results;
    } catch (e) {
      const message = (e as Error).message;
      if (!/cancelled/.test(message)) {
        try {
          writeFileAtomic(
            path.join(folder, FAILURE_FILE),
            JSON.stringify({ message, time: new Date().toISOString() }) + '\n',
          );
        } catch (w) {
          this.engine.log.appendLine(`could not record the failure in ${folder}: ${(w as Error).message}`);
        }
      }
      this.end({ error: message });
      throw e;
    }
  }

  async cancel(): Promise<boolean> {
    if (!this.run) return false;
    await this.run.cancel();
    return true;
  }

  private end(outcome: { results: Record<string, number> } | { error: string }): void {
    if (!this.run) return;
    const ended: LiveRun = { folder: this.run.folder, state: finish(this.run.state, outcome) };
    this.run = null;
    this.status.hide();
    void vscode.commands.executeCommand('setContext', 'bertStudio.training', false);
    this.changed.fire(ended);
    this.refreshRuns();
  }

  private update(): void {
    if (!this.run) return;
    const s = this.run.state;
    this.status.text = statusText(s);
    this.status.tooltip = `${s.run}: click to open the training dashboard`;
    this.status.command = {
      title: 'Open Training Dashboard',
      command: 'bertStudio.openDashboard',
      arguments: [this.run.folder],
    };
    this.status.show();
    this.changed.fire({ folder: this.run.folder, state: s });
  }

  dispose(): void {
    this.status.dispose();
    this.changed.dispose();
  }
}
