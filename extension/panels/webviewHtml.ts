/**
 * The HTML shell of every webview: a strict Content-Security-Policy with a fresh
 * nonce, scripts and styles only from the extension's media folder, no remote
 * content. Panels pass their bundle (media/dist/<name>.js) and stylesheets.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  title: string;
  /** Script under media/, e.g. 'dist/dashboard.js'. */
  script: string;
  /** Stylesheets under media/. */
  styles?: string[];
  /** Static markup the script fills in (no user data: that arrives by message). */
  body?: string;
}

/** The options every panel uses: scripts on, resources only from media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', f)).toString();
  const styles = (page.styles ?? []).map((s) => `<link rel="stylesheet" href="${media(s)}">`).join('\n');
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}<title>${escapeHtml(page.title)}</title></head>
<body>${page.body ?? ''}
<script nonce="${nonce}" src="${media(page.script)}"></script></body></html>`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
