/**
 * CSV/TSV records and cells by character offset, read the way the engine's
 * papaparse reader reads them: quoted cells may hold delimiters, doubled quotes
 * and line breaks; CRLF, LF and CR line ends; a BOM; lines that are empty (or
 * only delimiters and spaces) are skipped, as skipEmptyLines 'greedy' does.
 */
import { DocumentIndex, IntList, ScanError, decodeDelimitedCell, lineAt, mostlyCrlf } from './documentIndex';

const QUOTE = 34,
  CR = 13,
  LF = 10;

interface RawRecord {
  start: number;
  end: number;
  cells: number[];
}

/** Reads one record from `i`; returns null at the end of the text. `next` is where the following record starts. */
function readRecord(text: string, i: number, delim: number, out: RawRecord): number {
  const n = text.length;
  out.start = i;
  out.cells.length = 0;
  for (;;) {
    const cellStart = i;
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0)
          throw new ScanError(
            `a quoted field is never closed (a '"' at line ${lineAt(text, cellStart)} without its closing '"')`,
          );
        if (text.charCodeAt(q + 1) === QUOTE) {
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === delim || c === LF || c === CR) break;
    }
    out.cells.push(cellStart, i);
    if (i < n && text.charCodeAt(i) === delim) {
      i++;
      continue;
    }
    break;
  }
  out.end = i;
  if (text.charCodeAt(i) === CR) i++;
  if (text.charCodeAt(i) === LF) i++;
  return i;
}

/** Whether a record is blank the way papaparse's greedy skip sees it: all its fields joined are only whitespace. */
function isBlank(text: string, r: RawRecord): boolean {
  for (let i = r.start; i < r.end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 44 && c !== QUOTE && c !== 59 && c !== 124) return false;
  }
  let joined = '';
  for (let k = 0; k < r.cells.length; k += 2) joined += decodeDelimitedCell(text, r.cells[k], r.cells[k + 1]);
  return joined.trim() === '';
}

export function scanDelimited(text: string, format: 'csv' | 'tsv'): DocumentIndex {
  const delimiter = format === 'tsv' ? '\t' : ',';
  const delim = delimiter.charCodeAt(0);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const r: RawRecord = { start: 0, end: 0, cells: [] };
  let columns: string[] | null = null;
  let headerEnd = -1;
  const cellStart = new IntList(),
    cellEnd = new IntList(),
    rowCells = new IntList(),
    rowStart = new IntList(),
    rowEnd = new IntList();
  const warnings: string[] = [];
  let rows = 0;
  while (i < text.length) {
    let next: number;
    try {
      next = readRecord(text, i, delim, r);
    } catch (e) {
      const where = columns
        ? `row ${rows + 1}, column '${columns[r.cells.length / 2] ?? r.cells.length / 2 + 1}'`
        : 'the header';
      throw new ScanError(`${where}: ${(e as Error).message}`);
    }
    if (next === i) break;
    i = next;
    if (isBlank(text, r)) continue;
    if (!columns) {
      columns = [];
      for (let k = 0; k < r.cells.length; k += 2)
        columns.push(decodeDelimitedCell(text, r.cells[k], r.cells[k + 1]).trim());
      headerEnd = r.end;
      continue;
    }
    const have = r.cells.length / 2;
    if (have !== columns.length && warnings.length < 5)
      warnings.push(
        `row ${rows + 1} (line ${lineAt(text, r.start)}) has ${have} fields, the header has ${columns.length}`,
      );
    for (let c = 0; c < columns.length; c++) {
      cellStart.push(c < have ? r.cells[2 * c] : -1);
      cellEnd.push(c < have ? r.cells[2 * c + 1] : -1);
    }
    rowCells.push(have);
    rowStart.push(r.start);
    rowEnd.push(r.end);
    rows++;
  }
  if (!columns) throw new ScanError('the file is empty (no header line)');
  return {
    format,
    delimiter,
    columns,
    rows,
    headerEnd,
    eol: mostlyCrlf(text) ? '\r\n' : '\n',
    warnings,
    cellStart: cellStart.done(),
    cellEnd: cellEnd.done(),
    rowCells: rowCells.done(),
    rowStart: rowStart.done(),
    rowEnd: rowEnd.done(),
  };
}
