/**
 * Streams records from CSV, TSV or JSONL: papaparse for delimited files, a line
 * reader for JSONL; never the whole file as one string. UTF-8 with or without
 * BOM; invalid UTF-8, ragged rows and bad JSON lines are errors naming the file,
 * the row and the column.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { Transform } from 'node:stream';
import Papa from 'papaparse';

export type Row = Record<string, string>;
export interface Table { file: string; columns: string[]; rows: Row[] }

export class DataError extends Error {}

/** Decodes UTF-8 strictly, across chunk boundaries, naming the line of a bad byte. */
function strictUtf8(file: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let line = 1;
  return new Transform({
    transform(chunk: Buffer, _e, done) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
        done(null, text);
      } catch {
        const valid = chunk.toString('utf8').split('\ufffd')[0];
        done(new DataError(`${file}: invalid UTF-8 on line ${line + (valid.match(/\n/g)?.length ?? 0)} (save the file as UTF-8)`));
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new DataError(`${file}: invalid UTF-8 at the end of the file`));
      }
    },
  });
}

function open(file: string): fs.ReadStream {
  if (!fs.existsSync(file)) throw new DataError(`${file}: no such file`);
  if (fs.statSync(file).isDirectory()) throw new DataError(`${file}: is a folder, not a data file`);
  return fs.createReadStream(file);
}

export interface RowProgress { rows: number; bytes: number; total: number }
/** Called for each data row; returning false stops reading (the rest of the file is not read). */
export type RowHandler = (row: Row, index: number) => boolean | void;

async function eachDelimited(file: string, delimiter: string | undefined, onRow: RowHandler, progress: (bytes: number) => void): Promise<string[]> {
  let columns: string[] | null = null;
  let error: Error | null = null;
  let n = 0;
  const raw = open(file);
  const source = raw.pipe(strictUtf8(file));
  await new Promise<void>((resolve, reject) => {
    source.on('error', reject);
    Papa.parse<string[]>(source as unknown as NodeJS.ReadableStream as never, {
      delimiter, skipEmptyLines: 'greedy',
      step: (r, parser) => {
        const fields = r.data;
        if (!columns) {
          columns = fields.map((c, i) => (i === 0 ? c.replace(/^\ufeff/, '') : c).trim());
          const dup = columns.find((c, i) => columns!.indexOf(c) !== i);
          if (dup !== undefined) { error = new DataError(`${file}: column '${dup}' appears twice in the header`); parser.abort(); }
          return;
        }
        if (fields.length !== columns.length) {
          error = new DataError(`${file}: row ${n + 1} has ${fields.length} fields, the header has ${columns.length} (${columns.join(', ')})`);
          parser.abort();
          return;
        }
        if (onRow(Object.fromEntries(columns.map((c, i) => [c, fields[i]])), n++) === false) parser.abort();
        if (n % 10000 === 0) progress(raw.bytesRead);
      },
      complete: () => { raw.destroy(); resolve(); },
      error: (e: Error) => reject(e),
    });
  });
  if (error) throw error;
  if (!columns) throw new DataError(`${file}: the file is empty`);
  return columns;
}

async function eachJsonl(file: string, onRow: RowHandler, progress: (bytes: number) => void): Promise<string[]> {
  const columns: string[] = [];
  const raw = open(file);
  const lines = readline.createInterface({ input: raw.pipe(strictUtf8(file)), crlfDelay: Infinity });
  let line = 0, n = 0;
  for await (const text of lines) {
    line++;
    const trimmed = (line === 1 ? text.replace(/^\ufeff/, '') : text).trim();
    if (!trimmed) continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      throw new DataError(`${file}: line ${line} is not JSON (${(e as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new DataError(`${file}: line ${line} is not a JSON object`);
    const row: Row = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!columns.includes(k)) columns.push(k);
      row[k] = v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    if (onRow(row, n++) === false) { lines.close(); raw.destroy(); break; }
    if (n % 10000 === 0) progress(raw.bytesRead);
  }
  if (!n) throw new DataError(`${file}: the file is empty`);
  return columns;
}

/** Streams the data rows of a CSV, TSV or JSONL file (never the whole file as one string). */
export async function forEachRow(file: string, onRow: RowHandler, onProgress?: (p: RowProgress) => void): Promise<{ columns: string[]; rows: number }> {
  const ext = path.extname(file).toLowerCase();
  const total = fs.existsSync(file) ? fs.statSync(file).size : 0;
  let rows = 0;
  const counted: RowHandler = (row, i) => { rows = i + 1; return onRow(row, i); };
  const progress = (bytes: number) => onProgress?.({ rows, bytes: Math.min(bytes, total), total });
  const columns = ext === '.jsonl' || ext === '.ndjson'
    ? await eachJsonl(file, counted, progress)
    : await eachDelimited(file, ext === '.tsv' ? '\t' : ext === '.csv' ? ',' : undefined, counted, progress);
  progress(total);
  return { columns, rows };
}

export async function readTable(file: string): Promise<Table> {
  const rows: Row[] = [];
  const { columns } = await forEachRow(file, (r) => { rows.push(r); });
  // JSONL objects may lack keys others have.
  for (const r of rows) for (const c of columns) r[c] ??= '';
  return { file, columns, rows };
}
