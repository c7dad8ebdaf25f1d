/**
 * The labeler's hot-exit backups, listed in a small JSON file beside them (the extension's storage). VS Code hands a
 * custom editor its backup only through the editor state it stored, which a window killed soon after an edit may
 * have stored before the backup existed: the tab comes back dirty but without its labels, and this list lets the
 * document find them. A backup is used once and removed when its document is saved or reverted, so a backup VS Code
 * offers again later (it can keep a stale reference to one) never brings back labels that were saved or discarded.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { writeFileAtomic } from '../shared/atomicWrite';

interface Entry {
  document: string;
  /** sha256 of the file's text on disk when the backup was made. */
  disk: string;
  at: number;
}

export const textHash = (text: string): string => createHash('sha256').update(text).digest('hex');

export class BackupIndex {
  constructor(private readonly file: string) {}

  private read(): Record<string, Entry> {
    try {
      const raw: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, Entry>) : {};
    } catch {
      return {};
    }
  }

  private write(entries: Record<string, Entry>): void {
    writeFileAtomic(this.file, JSON.stringify(entries));
  }

  record(document: string, backup: string, diskText: string): void {
    this.write({ ...this.read(), [backup]: { document, disk: textHash(diskText), at: Date.now() } });
  }

  /** Removes backups (files and entries): one, or every one of `document`. */
  remove(which: { backup: string } | { document: string }): void {
    const entries = this.read();
    const gone =
      'backup' in which ? [which.backup] : Object.keys(entries).filter((b) => entries[b].document === which.document);
    for (const b of gone) {
      fs.rmSync(b, { force: true });
      delete entries[b];
    }
    if (gone.length) this.write(entries);
  }

  /** The document's latest backup made against `diskText`, if there is one. */
  latest(document: string, diskText: string): string | null {
    const entries = this.read();
    const hash = textHash(diskText);
    const found = Object.keys(entries)
      .filter((b) => entries[b].document === document && entries[b].disk === hash && fs.existsSync(b))
      .sort((a, b) => entries[b].at - entries[a].at);
    return found[0] ?? null;
  }
}
