/**
 * The labeler's file as text that maps back to the same bytes: strict UTF-8 with the BOM kept as U+FEFF and every
 * line ending as it is (CRLF between rows, a bare LF inside a quoted cell, or any mix), so re-encoding the text after
 * an edit changes only the edited cell's bytes. VS Code's text model would normalise line endings instead.
 */
import { decodeUtf8 } from '../shared/data/utf8';
import type { TextEdit } from './labelEdit';

const strict = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of `bytes`; a file that is not UTF-8 is refused, naming where, since saving it could not keep its bytes. */
export function decodeFile(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new Error(`${file} is UTF-16: the labeler edits UTF-8 files (save it as UTF-8 first)`);
  try {
    return strict().decode(bytes);
  } catch {
    const r = decodeUtf8(bytes);
    const where = 'invalid' in r ? ` at line ${r.invalid.line} (byte ${r.invalid.byte})` : '';
    throw new Error(`${file} is not valid UTF-8${where}: the labeler edits UTF-8 files`);
  }
}

export function encodeFile(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The edits that undo `edits` once they are applied to `text` (offsets in the edited text). */
export function invertEdits(text: string, edits: readonly TextEdit[]): TextEdit[] {
  let shift = 0;
  return [...edits]
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const start = e.start + shift;
      shift += e.text.length - (e.end - e.start);
      return { start, end: start + e.text.length, text: text.slice(e.start, e.end) };
    });
}
