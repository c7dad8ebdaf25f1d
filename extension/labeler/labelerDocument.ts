/**
 * A data file open in the labeler, held as its own text (labelerText) rather than VS Code's TextDocument, whose
 * single line ending per file would rewrite a quoted cell's LF in a CRLF file. Each label edit is one entry in
 * VS Code's undo stack; VS Code keeps the dirty state from that stack and calls save, save-as, revert and backup.
 */
import * as vscode from 'vscode';
import { TextEdit, applyEdits } from './labelEdit';
import { decodeFile, encodeFile, invertEdits } from './labelerText';
import { writeFileAtomic } from '../shared/atomicWrite';
import type { BackupIndex } from './backupIndex';

/** A change to the text: where (offsets and lengths in the text before it), or null when it was replaced whole. */
export type LabelerChange = { offset: number; length: number }[] | null;

export class LabelerDocument implements vscode.CustomDocument {
  private readonly changes = new vscode.EventEmitter<LabelerChange>();
  /** Fired after every change to the text, whoever made it (an edit, undo, redo, revert, a change on disk). */
  readonly onDidChange = this.changes.event;
  /** One more on every change, as TextDocument.version. */
  version = 1;
  /** One more whenever the text is replaced whole. */
  private generation = 0;
  private watcher: vscode.Disposable | undefined;

  private constructor(
    readonly uri: vscode.Uri,
    private current: string,
    /** The text as it is on disk, as far as this document knows (read or saved). */
    private onDisk: string,
    private readonly record: (e: vscode.CustomDocumentEditEvent<LabelerDocument>) => void,
    private readonly backups: BackupIndex | null,
  ) {}

  /** Unsaved labels found through the backup index, restored as an edit once VS Code knows the document. */
  private restore: string | null = null;

  static async open(
    uri: vscode.Uri,
    backupId: string | undefined,
    record: (e: vscode.CustomDocumentEditEvent<LabelerDocument>) => void,
    backups: BackupIndex | null,
  ): Promise<LabelerDocument> {
    const disk = await read(uri);
    const key = uri.toString();
    let text = disk,
      restore: string | null = null;
    // A backup is used once: VS Code backs the restored document up again within a second.
    if (backupId) {
      const backup = vscode.Uri.parse(backupId);
      text = await read(backup, uri).catch(() => disk);
      if (backup.scheme === 'file') backups?.remove({ backup: backup.fsPath });
    } else {
      const backup = backups?.latest(key, disk);
      if (backup) {
        restore = await read(vscode.Uri.file(backup), uri).catch(() => null);
        backups?.remove({ backup });
      }
    }
    const doc = new LabelerDocument(uri, text, disk, record, backups);
    if (restore !== null && restore !== disk) doc.restore = restore;
    doc.watch();
    return doc;
  }

  /** Called when an editor shows the document: labels restored from the backup index become an undoable edit, so the document is dirty as it should be. */
  resolved(): void {
    const restore = this.restore;
    this.restore = null;
    if (restore !== null) this.edit([{ start: 0, end: this.current.length, text: restore }], 'Restore Unsaved Labels');
  }

  get text(): string {
    return this.current;
  }

  /** Applies `edits` (offsets in the current text) as one undoable step named `label`. */
  edit(edits: TextEdit[], label: string): void {
    if (!edits.length) return;
    const inverse = invertEdits(this.current, edits);
    const generation = this.generation;
    this.replace(edits);
    // Undo and redo of an edit made before the text was replaced whole (revert, a change on disk) would land on
    // offsets of another text: they do nothing instead.
    const step = (e: readonly TextEdit[]) => () => {
      if (generation === this.generation) this.replace(e);
    };
    this.record({ document: this, label, undo: step(inverse), redo: step(edits) });
  }

  private replace(edits: readonly TextEdit[]): void {
    this.current = applyEdits(this.current, [...edits]);
    this.changed(edits.map((e) => ({ offset: e.start, length: e.end - e.start })));
  }

  private changed(change: LabelerChange): void {
    this.version++;
    this.changes.fire(change);
  }

  /** Saved or reverted, the document's backups hold nothing to restore any more. */
  async save(): Promise<void> {
    await this.saveAs(this.uri);
    this.onDisk = this.current;
    this.backups?.remove({ document: this.uri.toString() });
  }

  async saveAs(target: vscode.Uri): Promise<void> {
    const bytes = encodeFile(this.current);
    if (target.scheme === 'file') writeFileAtomic(target.fsPath, bytes);
    else await vscode.workspace.fs.writeFile(target, bytes);
  }

  async revert(): Promise<void> {
    this.backups?.remove({ document: this.uri.toString() });
    this.onDisk = await read(this.uri);
    this.setText(this.onDisk);
  }

  /** Written at once and whole (temp + rename): a window closed right after an edit finds a complete backup, never a half-written one. */
  async backup(destination: vscode.Uri): Promise<vscode.CustomDocumentBackup> {
    const bytes = encodeFile(this.current);
    if (destination.scheme === 'file') {
      writeFileAtomic(destination.fsPath, bytes);
      this.backups?.record(this.uri.toString(), destination.fsPath, this.onDisk);
    } else await vscode.workspace.fs.writeFile(destination, bytes);
    return {
      id: destination.toString(),
      delete: () => {
        if (destination.scheme === 'file') this.backups?.remove({ backup: destination.fsPath });
        else void Promise.resolve(vscode.workspace.fs.delete(destination)).catch(() => undefined);
      },
    };
  }

  private setText(text: string): void {
    if (text === this.current) return;
    this.current = text;
    this.generation++;
    this.changed(null);
  }

  /** A change on disk (another editor, git) is taken in while there are no unsaved labels, as a text editor does. */
  private watch(): void {
    if (this.uri.scheme !== 'file') return;
    const folder = vscode.Uri.joinPath(this.uri, '..');
    const name = this.uri.path.slice(this.uri.path.lastIndexOf('/') + 1);
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
    const reload = async () => {
      const before = this.onDisk;
      const disk = await read(this.uri).catch(() => null);
      if (disk === null || disk === before) return;
      this.onDisk = disk;
      if (this.current === before) this.setText(disk);
    };
    this.watcher = vscode.Disposable.from(w, w.onDidChange(reload), w.onDidCreate(reload));
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changes.dispose();
  }
}

async function read(uri: vscode.Uri, file = uri): Promise<string> {
  return decodeFile(await vscode.workspace.fs.readFile(uri), file.scheme === 'file' ? file.fsPath : file.toString());
}
