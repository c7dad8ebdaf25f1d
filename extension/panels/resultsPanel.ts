/** The Results panel: one, reused; the latest classification or answers arrive as a validated message, clicks on answers come back. */
import * as vscode from 'vscode';
import { ToResultsPanel, parseFromResultsPanel, parseToResultsPanel } from '../shared/protocol/results';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { fromWebview } from './webviewMessage';

export class ResultsPanel {
  private static panel: vscode.WebviewPanel | null = null;
  private static shown: ToResultsPanel | null = null;
  private static onReveal: ((index: number) => void) | null = null;

  /** Shows `message` beside the editor without taking focus; `onReveal` gets the index of an answer the user clicks. */
  static show(context: vscode.ExtensionContext, message: ToResultsPanel, onReveal?: (index: number) => void): void {
    const checked = parseToResultsPanel(message);
    const panel = ResultsPanel.panel ?? ResultsPanel.create(context);
    ResultsPanel.shown = checked;
    ResultsPanel.onReveal = onReveal ?? null;
    panel.title = checked.type === 'classification' ? 'Classification' : 'Answers';
    panel.reveal(vscode.ViewColumn.Beside, true);
    void panel.webview.postMessage(checked);
  }

  private static create(context: vscode.ExtensionContext): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      'bertStudio.results',
      'Results',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(context.extensionUri),
    );
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, {
      title: 'Results',
      script: 'dist/results.js',
      styles: ['results.css'],
      body: '<header id="heading"></header><main id="results" aria-live="polite"></main>',
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const shown = ResultsPanel.shown;
      if (shown?.type !== 'answers') return;
      const m = fromWebview((x) => parseFromResultsPanel(x, shown.answers.length), raw, 'Results panel');
      if (!m) return;
      ResultsPanel.shown = { ...shown, selected: m.index };
      ResultsPanel.onReveal?.(m.index);
    });
    panel.onDidDispose(() => {
      ResultsPanel.panel = null;
      ResultsPanel.shown = null;
      ResultsPanel.onReveal = null;
    });
    ResultsPanel.panel = panel;
    return panel;
  }
}
