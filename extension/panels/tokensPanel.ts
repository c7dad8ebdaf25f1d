/** The tokens preview webview: strict CSP with a nonce, only the extension's media, one validated message type. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { TokensView } from '../views/tokenChips';

export interface TokensMessage { type: 'tokens'; model: string; text: string; maxLength: number; view: TokensView }

export class TokensPanel {
  private static current: vscode.WebviewPanel | null = null;

  static show(context: vscode.ExtensionContext, data: Omit<TokensMessage, 'type'>): void {
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    let panel = TokensPanel.current;
    if (!panel) {
      panel = vscode.window.createWebviewPanel('bertStudio.tokens', 'Tokens', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [media] });
      const nonce = randomBytes(16).toString('base64');
      const uri = (f: string) => panel!.webview.asWebviewUri(vscode.Uri.joinPath(media, f));
      panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${panel.webview.cspSource}; script-src 'nonce-${nonce}';">
<link rel="stylesheet" href="${uri('tokens.css')}"><title>Tokens</title></head>
<body><header id="summary"></header><main id="chips" aria-live="polite"></main>
<script nonce="${nonce}" src="${uri('tokens.js')}"></script></body></html>`;
      panel.onDidDispose(() => { TokensPanel.current = null; });
      TokensPanel.current = panel;
    }
    panel.reveal(vscode.ViewColumn.Beside, true);
    const message: TokensMessage = { type: 'tokens', ...data };
    void panel.webview.postMessage(message);
  }
}
