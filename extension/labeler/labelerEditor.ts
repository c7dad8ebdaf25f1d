/**
 * The labeler as a custom text editor ('bertStudio.labeler') for .csv, .tsv and
 * .jsonl: VS Code owns the TextDocument (dirty state, Save, Undo/Redo, hot exit);
 * the labeler edits it and shows it in a webview.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../context';
import { webviewHtml, webviewOptions } from '../panels/webviewHtml';
import { LabelerSession } from './labelerSession';

export const LABELER_VIEW_TYPE = 'bertStudio.labeler';

export class LabelerEditorProvider implements vscode.CustomTextEditorProvider {
  constructor(private readonly ctx: CommandContext) {}

  static register(ctx: CommandContext): vscode.Disposable {
    return vscode.window.registerCustomEditorProvider(LABELER_VIEW_TYPE, new LabelerEditorProvider(ctx), {
      webviewOptions: { retainContextWhenHidden: false },
      supportsMultipleEditorsPerDocument: true,
    });
  }

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const uri = this.ctx.extension.extensionUri;
    panel.webview.options = webviewOptions(uri);
    panel.webview.html = webviewHtml(panel.webview, uri, {
      title: 'Labeler',
      script: 'dist/labeler.js',
      styles: ['labeler.css'],
      body: '<main id="app" aria-label="Dataset labeler"><p class="loading">Reading the file…</p></main>',
    });
    const session = new LabelerSession(this.ctx, document, panel);
    panel.onDidDispose(() => session.dispose());
  }
}
