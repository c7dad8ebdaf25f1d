/**
 * The labeler's view of a data file's text: where every record and every cell
 * is (character offsets into the document), found in one pass and never copied.
 * Values are decoded only when asked for, so a 100,000-row file indexes fast.
 */
export type LabelerFormat = 'csv' | 'tsv' | 'jsonl';

export class ScanError extends Error {}

/** Cell offsets: row r, column c is [start, end) at r * columns.length + c; -1 when the row has no such cell. */
export interface DocumentIndex {
  format: LabelerFormat;
  /** ',' or '\t'; '' for JSONL. */
  delimiter: string;
  /** The header's names (trimmed, as the engine reads them), or JSONL keys in order of first appearance. */
  columns: string[];
  rows: number;
  cellStart: Int32Array;
  cellEnd: Int32Array;
  /** How many cells each row has (delimited) — a row with fewer or more than the header is reported. */
  rowCells: Int32Array;
  /** Where each record starts and where its content ends (before its line break; JSONL: at the closing brace). */
  rowStart: Int32Array;
  rowEnd: Int32Array;
  /** Delimited: where the header's last cell ends (a new column is inserted there). */
  headerEnd: number;
  /** '\r\n' or '\n': what the file mostly uses. */
  eol: string;
  /** Rows whose shape the trainer would refuse (ragged rows), named for the person. */
  warnings: string[];
}

/** A growable Int32Array: pushing 300,000 offsets is much cheaper than a JS array of boxed numbers. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export function formatOfName(name: string): LabelerFormat | null {
  const ext = name.toLowerCase().replace(/^.*\./, '');
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return null;
}

/** A cell's text as it would be read: quotes removed and doubled quotes undone for a quoted cell. */
export function decodeDelimitedCell(text: string, start: number, end: number): string {
  if (start < 0) return '';
  if (text.charCodeAt(start) !== 34 /* " */) return text.slice(start, end);
  let close = end;
  // The closing quote is the last lone quote; anything after it (malformed) is kept as text.
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0 || q >= end) {
      close = end;
      break;
    }
    if (text.charCodeAt(q + 1) === 34 && q + 1 < end) {
      i = q + 2;
      continue;
    }
    close = q;
    break;
  }
  const inner = text.slice(start + 1, close).replace(/""/g, '"');
  return close < end ? inner + text.slice(close + 1, end) : inner;
}

/** A JSON value's text as the engine reads it: strings as is, null as '', anything else as its JSON. */
export function decodeJsonValue(text: string, start: number, end: number): string {
  if (start < 0) return '';
  const c = text.charCodeAt(start);
  if (c === 34) {
    const raw = text.slice(start, end);
    return raw.indexOf('\\') < 0 ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  }
  const raw = text.slice(start, end);
  if (raw === 'null') return '';
  if (c === 123 || c === 91) return JSON.stringify(JSON.parse(raw));
  return raw;
}

export function cellValue(index: DocumentIndex, text: string, row: number, column: number): string {
  const k = row * index.columns.length + column;
  if (column < 0 || column >= index.columns.length) return '';
  return index.format === 'jsonl'
    ? decodeJsonValue(text, index.cellStart[k], index.cellEnd[k])
    : decodeDelimitedCell(text, index.cellStart[k], index.cellEnd[k]);
}

/** The line a character offset is on (1-based), for error messages. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function mostlyCrlf(text: string): boolean {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13;
}
