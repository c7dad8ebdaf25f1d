/**
 * CSV and TSV rows through papaparse, streamed. CSV fields may be quoted (holding delimiters, quotes and
 * newlines); TSV has no quoting, as pandas (quoting=QUOTE_NONE) and Hugging Face datasets write it: one
 * line is one row, and a '"' is text, so a stray quote can never merge rows.
 */
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { DataError } from './dataError';
import { StrictUtf8 } from './utf8';
import { invalidUtf8Error, openDataFile } from './source';
import type { RowHandler } from './records';

// Ends the text where an invalid byte was, so the parser's last (cut-off) row is the one holding it.
const CUT = '\u0000\uffff';
// A lone surrogate never comes out of strict UTF-8 decoding: as the quote character, it turns quoting off.
const NO_QUOTE = '\ud800';

export interface DelimitedResult {
  columns: string[];
  /** Data rows (0-based) that span more than one line of the file (quoted fields holding line breaks). */
  multiline: number[];
}

/** Streams rows (header excluded) to `onRow`; returns the header. `delimiter` undefined: sniffed. */
export async function eachDelimitedRow(
  file: string,
  delimiter: string | undefined,
  onRow: RowHandler,
  progress: (bytes: number) => void,
): Promise<DelimitedResult> {
  const multiline: number[] = [];
  const utf8 = new StrictUtf8(CUT);
  const source = Readable.from(utf8.text(openDataFile(file)));
  let columns: string[] | null = null;
  let error: Error | null = null;
  let n = 0;
  await new Promise<void>((resolve, reject) => {
    source.on('error', reject);
    Papa.parse<string[], Readable>(source, {
      delimiter,
      ...(delimiter === '\t' ? { quoteChar: NO_QUOTE } : {}),
      skipEmptyLines: 'greedy',
      step: (r, parser) => {
        const fail = (message: string) => {
          error = new DataError(`${file}: ${message}`);
          parser.abort();
        };
        const fields = r.data;
        const where = columns ? `row ${n + 1}` : 'the header';
        const columnOf = (i: number) =>
          columns && i < columns.length ? `, column '${columns[i]}'` : `, field ${i + 1}`;
        if (utf8.invalid && fields[fields.length - 1].endsWith(CUT)) {
          error = invalidUtf8Error(file, `${where}${columns ? columnOf(fields.length - 1) : ''}`, utf8.invalid);
          parser.abort();
          return;
        }
        if (r.errors.some((e) => e.code === 'MissingQuotes')) {
          return fail(
            `${where}${columnOf(fields.length - 1)}: a quoted field is never closed (a '"' without its closing '"')`,
          );
        }
        if (!columns) {
          columns = fields.map((c) => c.trim());
          const dup = columns.find((c, i) => columns!.indexOf(c) !== i);
          if (dup !== undefined) fail(`column '${dup}' appears twice in the header`);
          return;
        }
        if (fields.length !== columns.length) {
          return fail(
            `row ${n + 1} has ${fields.length} fields, the header has ${columns.length} (${columns.join(', ')})`,
          );
        }
        const row: Record<string, string> = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]] = fields[i];
        if (fields.some((f) => f.includes('\n'))) multiline.push(n);
        if (onRow(row, n++) === false) parser.abort();
        if (n % 10000 === 0) progress(utf8.bytes);
      },
      complete: () => {
        source.destroy();
        resolve();
      },
      error: (e: Error) => reject(e),
    });
  });
  if (error) throw error;
  if (utf8.invalid) throw invalidUtf8Error(file, columns ? `row ${n + 1}` : 'the header', utf8.invalid);
  if (!columns) throw new DataError(`${file}: the file is empty`);
  return { columns, multiline };
}
