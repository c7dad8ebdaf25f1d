/** The tokens preview webview: one panel, reused; the tokenized selection arrives as a validated message. */
import * as vscode from 'vscode';
import type { ShowTokens } from '../shared/protocol/tokens';
import { webviewHtml, webviewOptions } from './webviewHtml';

export class TokensPanel {
  private static current: vscode.WebviewPanel | null = null;

  static show(context: vscode.ExtensionContext, data: Omit<ShowTokens, 'type'>): void {
    let panel = TokensPanel.current;
    if (!panel) {
      panel = vscode.window.createWebviewPanel(
        'bertStudio.tokens',
        'Tokens',
        vscode.ViewColumn.Beside,
        webviewOptions(context.extensionUri),
      );
      panel.webview.html = webviewHtml(panel.webview, context.extensionUri, {
        title: 'Tokens',
        script: 'dist/tokens.js',
        styles: ['tokens.css'],
        body: '<header id="summary"></header><main id="chips" aria-live="polite"></main>',
      });
      panel.onDidDispose(() => {
        TokensPanel.current = null;
      });
      TokensPanel.current = panel;
    }
    panel.reveal(vscode.ViewColumn.Beside, true);
    const message: ShowTokens = { type: 'tokens', ...data };
    void panel.webview.postMessage(message);
  }
}
