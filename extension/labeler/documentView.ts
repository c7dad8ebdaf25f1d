/**
 * What the labeler's host reads off an indexed document for the webview: row
 * texts (truncated for the list), text search, the column mapping, and whether
 * a document change touched only label cells (then only labels are re-sent).
 */
import { detectColumns } from '../shared/data/columns';
import type { Row } from '../shared/data/records';
import { DocumentIndex, cellValue } from './documentIndex';
import type { Mapping, RowText } from '../shared/protocol/labeler';

/** The list shows a line per row: the first characters are enough. */
export const LIST_CHARS = 300;
/** A row in focus shows its whole text up to this many characters. */
export const FOCUS_CHARS = 100_000;

export function rowTexts(
  index: DocumentIndex,
  text: string,
  mapping: Mapping,
  rows: number[],
  full: boolean,
): RowText[] {
  const limit = full ? FOCUS_CHARS : LIST_CHARS;
  const t = mapping.text ? index.columns.indexOf(mapping.text) : -1;
  const p = mapping.textPair ? index.columns.indexOf(mapping.textPair) : -1;
  return rows
    .filter((r) => r < index.rows)
    .map((row) => {
      const value = t >= 0 ? cellValue(index, text, row, t) : '';
      const pair = p >= 0 ? cellValue(index, text, row, p) : null;
      const truncated = value.length > limit || (pair?.length ?? 0) > limit;
      return { row, text: value.slice(0, limit), pair: pair === null ? null : pair.slice(0, limit), truncated };
    });
}

/** Rows whose text or second text contains `query`, ignoring case. */
export function searchRows(index: DocumentIndex, text: string, mapping: Mapping, query: string): number[] {
  const q = query.toLowerCase();
  if (!q) return [];
  const cols = [mapping.text, mapping.textPair]
    .filter((c): c is string => !!c)
    .map((c) => index.columns.indexOf(c))
    .filter((c) => c >= 0);
  const out: number[] = [];
  for (let r = 0; r < index.rows; r++) {
    if (cols.some((c) => cellValue(index, text, r, c).toLowerCase().includes(q))) out.push(r);
  }
  return out;
}

/** The stored mapping where it still names columns of the file; the engine's detection for the rest. */
export function resolveMapping(
  index: DocumentIndex,
  text: string,
  file: string,
  stored: Partial<Mapping> = {},
): Mapping {
  const known = (c: string | null | undefined) => (c && index.columns.includes(c) ? c : undefined);
  const sample: Row[] = [];
  for (let r = 0; r < Math.min(index.rows, 2000); r++) {
    const row: Row = {};
    index.columns.forEach((c, k) => (row[c] = cellValue(index, text, r, k)));
    sample.push(row);
  }
  let detected: Mapping;
  try {
    detected = detectColumns(
      { file, columns: index.columns, rows: sample },
      { text: known(stored.text), textPair: stored.textPair === null ? null : known(stored.textPair) },
    );
  } catch {
    detected = { text: index.columns[0] ?? null, textPair: null, label: null };
  }
  const label =
    stored.label === null
      ? null
      : (known(stored.label) ?? detected.label ?? (index.format === 'jsonl' ? 'label' : null));
  return { text: detected.text, textPair: detected.textPair, label };
}

/** Whether every change (offsets in the text before it) lies inside a label cell, or at the end of a row lacking one. */
export function onlyLabelCells(
  index: DocumentIndex,
  labelColumn: number,
  changes: { offset: number; length: number }[],
): boolean {
  if (labelColumn < 0) return false;
  const w = index.columns.length;
  return changes.every(({ offset, length }) => {
    const row = rowAt(index, offset);
    if (row < 0) return false;
    const start = index.cellStart[row * w + labelColumn];
    // A row without the cell: the edit inserts it at the row's end (JSONL: before the closing brace).
    if (start < 0)
      return (
        length === 0 &&
        (index.format === 'jsonl'
          ? offset > index.rowStart[row] && offset <= index.rowEnd[row]
          : offset === index.rowEnd[row])
      );
    return offset >= start && offset + length <= index.cellEnd[row * w + labelColumn];
  });
}

/** The row whose record contains `offset` (binary search on record starts); -1 before the first. */
export function rowAt(index: DocumentIndex, offset: number): number {
  let lo = 0,
    hi = index.rows - 1,
    found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index.rowStart[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
