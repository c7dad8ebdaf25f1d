/**
 * Rows of a CSV, TSV or JSONL file, streamed (never the whole file as one string).
 * UTF-8 with or without BOM; invalid UTF-8, ragged rows, unclosed quotes and bad
 * JSON lines are DataErrors naming the file, the row (or line) and the column.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eachDelimitedRow } from './delimited';
import { eachJsonlRow } from './jsonl';

export { DataError } from './dataError';

export type Row = Record<string, string>;
export interface Table {
  file: string;
  columns: string[];
  rows: Row[];
  /** Rows (0-based) read from more than one line of the file: quoted fields with line breaks. */
  multiline?: number[];
}

export interface RowProgress {
  rows: number;
  bytes: number;
  total: number;
}
/** Called for each data row (0-based index); returning false stops reading the rest of the file. */
export type RowHandler = (row: Row, index: number) => boolean | void;

export type DataFormat = 'csv' | 'tsv' | 'jsonl' | 'sniffed';

/** By extension: .csv, .tsv/.tab, .jsonl/.ndjson; anything else is delimited with a sniffed delimiter. */
export function formatOf(file: string): DataFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  return ext === '.csv' ? 'csv' : 'sniffed';
}

const DELIMITERS: Record<DataFormat, string | undefined> = {
  csv: ',',
  tsv: '\t',
  jsonl: undefined,
  sniffed: undefined,
};

/** Streams the data rows of a file; returns its columns and how many rows were read. */
export async function forEachRow(
  file: string,
  onRow: RowHandler,
  onProgress?: (p: RowProgress) => void,
): Promise<{ columns: string[]; rows: number; multiline: number[] }> {
  const format = formatOf(file);
  const total = fs.existsSync(file) ? fs.statSync(file).size : 0;
  let rows = 0;
  const counted: RowHandler = (row, i) => {
    rows = i + 1;
    return onRow(row, i);
  };
  const progress = (bytes: number) => onProgress?.({ rows, bytes: Math.min(bytes, total), total });
  const { columns, multiline } =
    format === 'jsonl'
      ? { columns: await eachJsonlRow(file, counted, progress), multiline: [] }
      : await eachDelimitedRow(file, DELIMITERS[format], counted, progress);
  progress(total);
  return { columns, rows, multiline };
}

/** Says how many rows came from more than one line, so a row count unlike the line count is never silent. */
export function multilineNote(t: Table): string | null {
  const m = t.multiline ?? [];
  if (!m.length) return null;
  const list = m.slice(0, 5).map((i) => i + 1);
  return `${t.file}: ${m.length} of ${t.rows.length} rows span more than one line (quoted fields holding line breaks: row${m.length > 1 ? 's' : ''} ${list.join(', ')}${m.length > 5 ? ', …' : ''}); if that is not intended, a '"' opens a quoted field there`;
}

/** Every row in memory (as records, not as the file's text); JSONL rows missing a key get ''. */
export async function readTable(file: string): Promise<Table> {
  const rows: Row[] = [];
  const { columns, multiline } = await forEachRow(file, (r) => {
    rows.push(r);
  });
  for (const r of rows) for (const c of columns) r[c] ??= '';
  return { file, columns, rows, multiline };
}

/** The header (or the first JSONL object's keys) without reading further. */
export async function readColumns(file: string): Promise<string[]> {
  return (await forEachRow(file, () => false)).columns;
}
