/**
 * Atomic writes: a file or a whole folder is written under a temp name and renamed into
 * place, so a crash never leaves something that looks complete but is not. Used by the
 * engine (models, caches, split files) and the host (run failures, embeddings).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A write that failed, as an error naming the file (Node's ENOSPC and EISDIR messages name none). */
export function writeError(e: unknown, file: string): Error {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT')
    return new Error(`${file}: the disk is full (${err.code}); free some space and run again`);
  if (err.code === 'EISDIR') return new Error(`${file} is a folder; a file was to be written there`);
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS')
    return new Error(`${file}: cannot write (${err.code}: no permission or a read-only disk)`);
  return err.message?.includes(file) ? err : new Error(`${file}: ${err.message}`);
}

/** One file through a temp name and a rename; a file it replaces keeps its permissions. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const mode = fs.statSync(file, { throwIfNoEntry: false })?.mode;
    fs.writeFileSync(tmp, content);
    if (mode !== undefined) fs.chmodSync(tmp, mode & 0o7777);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw writeError(e, file);
  }
}

/** Writes `files` (name → bytes or a writer) into `folder`, replacing it whole only once everything is written. */
export function writeFolderAtomically(
  folder: string,
  files: Record<string, string | Uint8Array | ((file: string) => void)>,
): void {
  const parent = path.dirname(path.resolve(folder));
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(folder)}.tmp-`));
  try {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(tmp, name);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        if (typeof content === 'function') content(file);
        else fs.writeFileSync(file, content);
      } catch (e) {
        throw writeError(e, path.join(folder, name));
      }
    }
    const old = fs.existsSync(folder) ? `${tmp}.old` : null;
    if (old) fs.renameSync(folder, old);
    fs.renameSync(tmp, folder);
    if (old) fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
