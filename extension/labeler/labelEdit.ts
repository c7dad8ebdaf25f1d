/**
 * The smallest text edit that sets one row's label: only the label cell's
 * characters change; quoting, line ends, other columns and the BOM stay as they
 * were. A new value is quoted only when it has to be (or the cell already was).
 */
import { DocumentIndex, ScanError } from './documentIndex';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export function needsQuotes(value: string, delimiter: string): boolean {
  return value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim();
}

export function encodeDelimitedCell(value: string, delimiter: string, quoted = false): string {
  return quoted || needsQuotes(value, delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A JSON label: a number when the existing label was one and the new one reads as one (so numeric ids stay numeric). */
export function encodeJsonLabel(value: string | null, numeric: boolean): string {
  if (value === null) return 'null';
  return numeric && NUMBER.test(value) ? value : JSON.stringify(value);
}

/**
 * The edit that makes row `row`'s cell in column `name` hold `value` (null: clear it); null when nothing changes.
 * A JSONL row without the key gets it; a delimited file needs the column first (addColumnEdits).
 */
export function labelEdit(
  index: DocumentIndex,
  text: string,
  row: number,
  name: string,
  value: string | null,
): TextEdit | null {
  if (row < 0 || row >= index.rows)
    throw new ScanError(`row ${row + 1} is not in the file (it has ${index.rows} rows)`);
  const column = index.columns.indexOf(name);
  if (column < 0 && index.format !== 'jsonl') throw new ScanError(`the file has no column '${name}'`);
  const k = row * index.columns.length + column;
  const start = column < 0 ? -1 : index.cellStart[k],
    end = column < 0 ? -1 : index.cellEnd[k];
  if (index.format === 'jsonl') return jsonEdit(index, text, row, name, start, end, value);
  const wasQuoted = start >= 0 && text.charCodeAt(start) === 34;
  const encoded = encodeDelimitedCell(value ?? '', index.delimiter, wasQuoted && value !== '' && value !== null);
  if (start >= 0) return text.slice(start, end) === encoded ? null : { start, end, text: encoded };
  if (!value) return null;
  // A short row: the missing cells are added empty up to the label's column.
  const at = index.rowEnd[row];
  return { start: at, end: at, text: index.delimiter.repeat(column - index.rowCells[row] + 1) + encoded };
}

function jsonEdit(
  index: DocumentIndex,
  text: string,
  row: number,
  name: string,
  start: number,
  end: number,
  value: string | null,
): TextEdit | null {
  const column = index.columns.indexOf(name);
  if (start >= 0) {
    const encoded = encodeJsonLabel(value, isNumericLabel(text, start, end) || numericColumn(index, text, column));
    return text.slice(start, end) === encoded ? null : { start, end, text: encoded };
  }
  if (value === null) return null;
  return insertJsonKey(index, text, row, name, encodeJsonLabel(value, numericColumn(index, text, column)));
}

/** Whether a JSONL row puts a space after ':' (and ','), so what is added to it can follow its spacing. */
export const spacedRow = (index: DocumentIndex, text: string, row: number): boolean =>
  /":\s/.test(text.slice(index.rowStart[row], index.rowEnd[row]));

/** The edit that adds key `name` with the JSON value `encoded` to a JSONL row lacking it, before its closing brace. */
export function insertJsonKey(
  index: DocumentIndex,
  text: string,
  row: number,
  name: string,
  encoded: string,
): TextEdit {
  const open = index.rowStart[row];
  const spaced = spacedRow(index, text, row);
  let last = index.rowEnd[row];
  while (last > open + 1 && /\s/.test(text[last - 1])) last--;
  const empty = last === open + 1;
  const sep = spaced ? ': ' : ':';
  return { start: last, end: last, text: `${empty ? '' : spaced ? ', ' : ','}${JSON.stringify(name)}${sep}${encoded}` };
}

const isNumericLabel = (text: string, start: number, end: number) => NUMBER.test(text.slice(start, end));

/** Whether the column's first present, non-null value is a JSON number. */
function numericColumn(index: DocumentIndex, text: string, column: number): boolean {
  if (column < 0) return false;
  const w = index.columns.length;
  for (let r = 0; r < index.rows; r++) {
    const s = index.cellStart[r * w + column];
    if (s < 0) continue;
    const raw = text.slice(s, index.cellEnd[r * w + column]);
    if (raw === 'null') continue;
    return NUMBER.test(raw);
  }
  return false;
}

/** Delimited files without a label column: the header gets `name` and every row an empty cell. */
export function addColumnEdits(index: DocumentIndex, name: string): TextEdit[] {
  if (index.format === 'jsonl') return [];
  if (index.columns.includes(name)) throw new ScanError(`the file already has a column '${name}'`);
  const edits: TextEdit[] = [
    {
      start: index.headerEnd,
      end: index.headerEnd,
      text: index.delimiter + encodeDelimitedCell(name, index.delimiter),
    },
  ];
  for (let r = 0; r < index.rows; r++)
    edits.push({ start: index.rowEnd[r], end: index.rowEnd[r], text: index.delimiter });
  return edits;
}

/** Applies non-overlapping edits to a string (tests and previews; the editor applies them through a WorkspaceEdit). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '',
    at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
