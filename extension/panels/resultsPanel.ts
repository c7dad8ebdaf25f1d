/** The Results panel: one, reused; the latest classification, answers or entities arrive as a validated message, clicks on answers and entities come back. */
import * as vscode from 'vscode';
import { ToResultsPanel, parseFromResultsPanel, parseToResultsPanel, revealable } from '../shared/protocol/results';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { fromWebview } from './webviewMessage';

const TITLES: Record<ToResultsPanel['type'], string> = {
  classification: 'Classification',
  answers: 'Answers',
  entities: 'Entities',
};

export class ResultsPanel {
  private static panel: vscode.WebviewPanel | null = null;
  private static shown: ToResultsPanel | null = null;
  private static onReveal: ((index: number) => void) | null = null;

  /** Shows `message` beside the editor without taking focus; `onReveal` gets the index of an answer or entity the user clicks. */
  static show(context: vscode.ExtensionContext, message: ToResultsPanel, onReveal?: (index: number) => void): void {
    const checked = parseToResultsPanel(message);
    const panel = ResultsPanel.panel ?? ResultsPanel.create(context);
    ResultsPanel.shown = checked;
    ResultsPanel.onReveal = onReveal ?? null;
    panel.title = TITLES[checked.type];
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
      if (!shown || !revealable(shown)) return;
      const m = fromWebview((x) => parseFromResultsPanel(x, revealable(shown)), raw, 'Results panel');
      if (!m) return;
      if (shown.type !== 'classification') ResultsPanel.shown = { ...shown, selected: m.index };
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
