/**
 * The labeler as a custom editor ('bertStudio.labeler') for .csv, .tsv and .jsonl with its own document
 * (LabelerDocument), so saving keeps every byte but the label cells; VS Code keeps the undo stack and dirty state
 * from the edits the document reports, and calls its save, save-as, revert and backup (hot exit).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BackupIndex } from './backupIndex';
import type { CommandContext } from '../context';
import { webviewHtml, webviewOptions } from '../panels/webviewHtml';
import { LabelerDocument } from './labelerDocument';
import { LabelerSession } from './labelerSession';

export const LABELER_VIEW_TYPE = 'bertStudio.labeler';

export class LabelerEditorProvider implements vscode.CustomEditorProvider<LabelerDocument> {
  private readonly edits = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<LabelerDocument>>();
  readonly onDidChangeCustomDocument = this.edits.event;

  constructor(private readonly ctx: CommandContext) {}

  static register(ctx: CommandContext): vscode.Disposable {
    const provider = new LabelerEditorProvider(ctx);
    return vscode.Disposable.from(
      provider.edits,
      vscode.window.registerCustomEditorProvider(LABELER_VIEW_TYPE, provider, {
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: true,
      }),
    );
  }

  openCustomDocument(uri: vscode.Uri, context: vscode.CustomDocumentOpenContext): Promise<LabelerDocument> {
    const storage = this.ctx.extension.storageUri;
    const backups =
      storage?.scheme === 'file' ? new BackupIndex(path.join(storage.fsPath, 'labeler-backups.json')) : null;
    return LabelerDocument.open(uri, context.backupId, (e) => this.edits.fire(e), backups);
  }

  resolveCustomEditor(document: LabelerDocument, panel: vscode.WebviewPanel): void {
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
    document.resolved();
  }

  saveCustomDocument(document: LabelerDocument): Promise<void> {
    return document.save();
  }

  saveCustomDocumentAs(document: LabelerDocument, destination: vscode.Uri): Promise<void> {
    return document.saveAs(destination);
  }

  revertCustomDocument(document: LabelerDocument): Promise<void> {
    return document.revert();
  }

  backupCustomDocument(
    document: LabelerDocument,
    context: vscode.CustomDocumentBackupContext,
  ): Promise<vscode.CustomDocumentBackup> {
    return document.backup(context.destination);
  }
}
