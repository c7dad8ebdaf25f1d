/**
 * "Show tokens" of a dataset: the engine previews the file (first rows tokenized with
 * the chosen model's tokenizer, token lengths against max_length) and this panel
 * shows it; the person can pick another model or max_length. One panel per file;
 * only the newest request's answer is shown.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { tokenChips } from '../shared/tokenChips';
import { settings } from '../settings';
import { ToDatasetTokens, parseFromDatasetTokens } from '../shared/protocol/datasetTokens';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { fromWebview } from './webviewMessage';
import { DEFAULT_ARGUMENTS } from '../engine/process/protocol';

const ROWS_SHOWN = 12;

export class DatasetTokensPanel {
  private static readonly open = new Map<string, DatasetTokensPanel>();
  private generation = 0;
  private model = settings().defaultModel;
  private maxLength = DEFAULT_ARGUMENTS.max_length;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly file: string,
    private readonly ctx: CommandContext,
  ) {
    panel.webview.html = webviewHtml(panel.webview, ctx.extension.extensionUri, {
      title: 'Dataset tokens',
      script: 'dist/datasetTokens.js',
      styles: ['charts.css', 'tokens.css', 'datasets.css'],
      body: '<main id="dataset-tokens"></main>',
    });
    const received = panel.webview.onDidReceiveMessage((raw) => void this.receive(raw));
    panel.onDidDispose(() => {
      DatasetTokensPanel.open.delete(file);
      received.dispose();
    });
    DatasetTokensPanel.open.set(file, this);
  }

  static show(ctx: CommandContext, file: string): void {
    const key = path.resolve(file);
    const existing = DatasetTokensPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return void existing.load();
    }
    const panel = vscode.window.createWebviewPanel(
      'bertStudio.datasetTokens',
      `Tokens: ${path.basename(key)}`,
      vscode.ViewColumn.Active,
      webviewOptions(ctx.extension.extensionUri),
    );
    new DatasetTokensPanel(panel, key, ctx);
  }

  private post(m: ToDatasetTokens): void {
    void this.panel.webview.postMessage(m);
  }

  private async receive(raw: unknown): Promise<void> {
    const m = fromWebview(parseFromDatasetTokens, raw, 'dataset tokens panel', (l) =>
      this.ctx.engine.log.appendLine(l),
    );
    if (!m) return;
    if (m.type === 'options') {
      this.model = m.model;
      this.maxLength = m.maxLength;
    }
    await this.load();
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const shown = vscode.workspace.asRelativePath(this.file);
    this.post({ type: 'loading', file: shown, model: this.model, maxLength: this.maxLength });
    try {
      const engine = await this.ctx.engine.get();
      const p = await engine.preview(this.file, this.model, this.ctx.datasets.get(this.file).mapping, this.maxLength);
      const m = p.mapping;
      const rows = p.encoded.slice(0, ROWS_SHOWN).map((e, i) => ({
        texts: [p.rows[i][m.text] ?? '', ...(m.textPair ? [p.rows[i][m.textPair] ?? ''] : [])],
        label: m.label ? (p.rows[i][m.label] ?? '') : null,
        view: tokenChips(e, p.fullLengths[i]),
      }));
      if (generation === this.generation) {
        this.post({
          type: 'preview',
          preview: {
            file: shown,
            model: this.model,
            maxLength: this.maxLength,
            totalRows: p.totalRows,
            mapping: m,
            rows,
            lengths: p.lengths,
          },
        });
      }
    } catch (e) {
      if (generation === this.generation) this.post({ type: 'error', file: shown, message: (e as Error).message });
    }
  }
}
