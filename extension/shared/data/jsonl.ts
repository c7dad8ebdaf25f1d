/** JSON Lines: one JSON object per line, read line by line; values become strings, nested ones JSON. */
import * as readline from 'node:readline';
import { Readable } from 'node:stream';
import { DataError } from './dataError';
import { StrictUtf8 } from './utf8';
import { invalidUtf8Error, openDataFile } from './source';
import type { Row, RowHandler } from './records';

const asField = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** Streams one row per non-blank line; returns the keys seen, in order of first appearance. */
export async function eachJsonlRow(
  file: string,
  onRow: RowHandler,
  progress: (bytes: number) => void,
): Promise<string[]> {
  const columns: string[] = [];
  const utf8 = new StrictUtf8();
  const source = Readable.from(utf8.text(openDataFile(file)));
  const lines = readline.createInterface({ input: source, crlfDelay: Infinity });
  let line = 0,
    n = 0;
  try {
    for await (const text of lines) {
      line++;
      // The line holding an invalid byte arrives cut short; its own parse error would mislead.
      if (utf8.invalid && line >= utf8.invalid.line) break;
      const trimmed = text.trim();
      if (!trimmed) continue;
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch (e) {
        throw new DataError(`${file}: line ${line} is not JSON (${(e as Error).message})`);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new DataError(`${file}: line ${line} is not a JSON object`);
      const row: Row = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (!columns.includes(k)) columns.push(k);
        row[k] = asField(v);
      }
      if (onRow(row, n++) === false) break;
      if (n % 10000 === 0) progress(utf8.bytes);
    }
  } finally {
    lines.close();
    source.destroy();
  }
  if (utf8.invalid) throw invalidUtf8Error(file, 'a JSON line', utf8.invalid);
  if (!n) throw new DataError(`${file}: the file is empty`);
  return columns;
}
