/**
 * The Fine-tune setup page of one data file: starts from the file's saved record
 * (else what the engine detects), previews the data through the engine as the
 * person changes the mapping or max_length, and on Start saves the mapping to the
 * shared record and hands the run to the TrainingSession and its dashboard.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { tokenChips } from '../shared/tokenChips';
import { runsFolder, settings } from '../settings';
import { formColumns, initialForm, runName, trainParams } from '../training/setupForm';
import { PreviewView, SetupForm, ToSetup, parseFromSetup } from '../shared/protocol/setup';
import { EngineExitError } from '../engine/process/engineClient';
import { DashboardPanel } from './dashboardPanel';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { fromWebview } from './webviewMessage';
import { lengthHistogram } from '../shared/data/lengthHistogram';
import { HEADLINE_METRICS } from '../shared/runs/runSummary';
import type { DatasetSummary } from '../engine/process/protocol';
import { SetupEstimates } from '../training/estimate';

export class SetupPanel {
  private static readonly open = new Map<string, SetupPanel>();
  private generation = 0;
  private readonly estimates: SetupEstimates;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly file: string,
    private readonly ctx: CommandContext,
    /** Starting values that win over the file's record and the settings (the offline example's model). */
    private readonly preset: Partial<SetupForm>,
  ) {
    panel.webview.html = webviewHtml(panel.webview, ctx.extension.extensionUri, {
      title: 'Fine-tune',
      script: 'dist/setup.js',
      styles: ['setup.css', 'charts.css', 'tokens.css'],
      body: '<main id="setup"></main>',
    });
    this.estimates = new SetupEstimates(file, {
      engine: () => ctx.engine.get(),
      post: (m) => this.post(m),
      trusted: () => vscode.workspace.isTrusted,
      runtime: () => ({ executionProvider: settings().executionProvider, threads: settings().threads }),
    });
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.init()),
    ];
    panel.onDidDispose(() => {
      SetupPanel.open.delete(file);
      void this.estimates.cancel();
      for (const s of subscriptions) s.dispose();
    });
    SetupPanel.open.set(file, this);
  }

  static show(ctx: CommandContext, file: string, preset: Partial<SetupForm> = {}): void {
    const key = path.resolve(file);
    const existing = SetupPanel.open.get(key);
    if (existing) return existing.panel.reveal();
    const panel = vscode.window.createWebviewPanel(
      'bertStudio.setup',
      `Fine-tune: ${path.basename(key)}`,
      vscode.ViewColumn.Active,
      webviewOptions(ctx.extension.extensionUri),
    );
    new SetupPanel(panel, key, ctx, preset);
  }

  private post(m: ToSetup): void {
    void this.panel.webview.postMessage(m);
  }

  private async receive(raw: unknown): Promise<void> {
    const m = fromWebview(parseFromSetup, raw, 'setup page', (l) => this.ctx.engine.log.appendLine(l));
    if (!m) return;
    switch (m.type) {
      case 'ready':
        return this.init();
      case 'change':
        return this.preview(m.form);
      case 'label':
        await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(this.file), 'bertStudio.labeler');
        return;
      case 'start':
        await this.estimates.cancel();
        return this.start(m.form);
      case 'estimate':
        return this.estimates.estimate(m.form);
      case 'estimateCancel':
        return this.estimates.cancel();
    }
  }

  private async init(): Promise<void> {
    const engine = await this.ctx.engine.get();
    const record = this.ctx.datasets.get(this.file);
    const summary = await engine.inspect(this.file, record.mapping).catch(() => null);
    const form = { ...initialForm(record, summary, settings().defaultModel), ...this.preset };
    this.post({
      type: 'init',
      file: vscode.workspace.asRelativePath(this.file),
      form,
      trusted: vscode.workspace.isTrusted,
    });
    await this.preview(form, summary);
  }

  /** Only the latest request's answer is shown: a slow preview of an old mapping never overwrites a newer one. */
  private async preview(form: SetupForm, known?: DatasetSummary | null): Promise<void> {
    const generation = ++this.generation;
    try {
      const engine = await this.ctx.engine.get();
      const summary = known ?? (await engine.inspect(this.file, formColumns(form)));
      // Tasks with fixed fields (QA, tagged sentences) preview the text column the engine found, if there is one.
      const columns = formColumns(form) ?? summary.mapping;
      let view: PreviewView;
      if (!columns) {
        view = {
          columns: summary.columns,
          rows: [],
          totalRows: summary.rows,
          labelCounts: summary.labelCounts,
          unlabeled: summary.unlabeled,
          lengths: lengthHistogram([], form.maxLength),
          tokens: [],
          problem: summary.problem,
        };
      } else {
        const p = await engine.preview(this.file, form.model, columns, form.maxLength);
        view = {
          columns: p.columns,
          rows: p.rows.slice(0, 8),
          totalRows: p.totalRows,
          labelCounts: summary.labelCounts,
          unlabeled: summary.unlabeled,
          lengths: p.lengths,
          tokens: p.encoded.slice(0, 3).map((e, i) => ({
            view: tokenChips(e, p.fullLengths[i]),
            texts: [p.rows[i][columns.text] ?? '', ...(columns.textPair ? [p.rows[i][columns.textPair] ?? ''] : [])],
          })),
          problem: summary.problem,
        };
      }
      if (generation === this.generation) this.post({ type: 'preview', preview: view });
    } catch (e) {
      if (generation === this.generation) this.post({ type: 'previewError', message: (e as Error).message });
    }
  }

  private async start(form: SetupForm): Promise<void> {
    try {
      if (!vscode.workspace.isTrusted)
        throw new Error('Training on workspace files needs a trusted workspace (Workspace Trust).');
      const root = runsFolder();
      if (!root) throw new Error('Open a folder first: runs are saved in it.');
      const s = settings();
      const params = trainParams(form, this.file, path.join(root, runName(this.file)), {
        executionProvider: s.executionProvider,
        threads: s.threads,
      });
      const mapping = formColumns(form);
      await this.ctx.datasets.update(this.file, { ...(mapping ? { mapping } : {}), task: form.task });
      if (this.ctx.training.current())
        throw new Error('A training run is already in progress: cancel it or wait for it to finish.');
      const run = this.ctx.training.start(params);
      DashboardPanel.show(this.ctx.extension, this.ctx.training, params.args.output_dir);
      this.panel.dispose();
      const results = await run.catch((e: Error) => {
        // A dead engine is already reported once, with its signal and last output, by the engine host.
        if (!/cancelled/.test(e.message) && !(e instanceof EngineExitError))
          void vscode.window.showErrorMessage(`Fine-tuning failed: ${e.message}`, 'Show Log').then((c) => {
            if (c) this.ctx.engine.log.show();
          });
        return null;
      });
      if (results) {
        const headline = HEADLINE_METRICS.filter((k) => k in results)
          .map((k) => `${k.replace('eval_', '')} ${results[k].toFixed(3)}`)
          .join(', ');
        const choice = await vscode.window.showInformationMessage(
          `Fine-tuned ${path.basename(params.args.output_dir)}${headline ? `: ${headline}` : ''}`,
          'Use for Inference',
        );
        if (choice) await vscode.commands.executeCommand('bertStudio.selectModel', params.args.output_dir);
      }
    } catch (e) {
      this.post({ type: 'startError', message: (e as Error).message });
    }
  }
}
