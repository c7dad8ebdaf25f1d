/**
 * JSON Lines by character offset: for every non-blank line, the span of each
 * top-level key's value, so a label edit replaces just that value (or inserts
 * the key before the closing brace when the row has none).
 */
import { DocumentIndex, IntList, ScanError, mostlyCrlf } from './documentIndex';

const QUOTE = 34,
  BACKSLASH = 92;
export const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The index just past the JSON string starting at `i` (a quote). */
function skipString(text: string, i: number, end: number): number {
  for (i++; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return end;
}

/** The index just past the JSON value starting at `i`. */
export function skipValue(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i, end);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (; i < end; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) {
        i = skipString(text, i, end) - 1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
    }
    return end;
  }
  while (i < end) {
    const d = text.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
    i++;
  }
  return i;
}

interface Entry {
  key: string;
  start: number;
  end: number;
}

/** The top-level entries of the (already validated) object in text[from, to). Returns the offset of its closing brace. */
function objectEntries(text: string, from: number, to: number, out: Entry[]): number {
  let i = from + 1;
  for (;;) {
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 125) return i;
    if (text.charCodeAt(i) === 44) {
      i++;
      continue;
    }
    const keyEnd = skipString(text, i, to);
    const rawKey = text.slice(i, keyEnd);
    const key = rawKey.indexOf('\\') < 0 ? rawKey.slice(1, -1) : (JSON.parse(rawKey) as string);
    i = keyEnd;
    while (i < to && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 58)) i++;
    const valueEnd = skipValue(text, i, to);
    out.push({ key, start: i, end: valueEnd });
    i = valueEnd;
  }
}

export function scanJsonl(text: string): DocumentIndex {
  const columns: string[] = [];
  const columnOf = new Map<string, number>();
  const rowStart = new IntList(),
    rowEnd = new IntList(),
    entryRow = new IntList(),
    entryCol = new IntList(),
    entryStart = new IntList(),
    entryEnd = new IntList();
  const entries: Entry[] = [];
  let rows = 0,
    line = 0;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    line++;
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0) lineEnd = text.length;
    let a = i,
      b = lineEnd;
    i = lineEnd + 1;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a === b) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(a, b));
    } catch (e) {
      throw new ScanError(`line ${line} is not JSON (${(e as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new ScanError(`line ${line} is not a JSON object`);
    entries.length = 0;
    const close = objectEntries(text, a, b, entries);
    for (const e of entries) {
      let c = columnOf.get(e.key);
      if (c === undefined) {
        c = columns.length;
        columns.push(e.key);
        columnOf.set(e.key, c);
      }
      entryRow.push(rows);
      entryCol.push(c);
      entryStart.push(e.start);
      entryEnd.push(e.end);
    }
    rowStart.push(a);
    rowEnd.push(close);
    rows++;
  }
  const width = columns.length;
  const cellStart = new Int32Array(rows * width).fill(-1),
    cellEnd = new Int32Array(rows * width).fill(-1);
  const rowCells = new Int32Array(rows);
  for (let k = 0; k < entryRow.length; k++) {
    const at = entryRow.data[k] * width + entryCol.data[k];
    if (cellStart[at] < 0) rowCells[entryRow.data[k]]++;
    // A repeated key: JSON.parse keeps the last one, and so does this.
    cellStart[at] = entryStart.data[k];
    cellEnd[at] = entryEnd.data[k];
  }
  if (!rows) throw new ScanError('the file has no JSON lines');
  return {
    format: 'jsonl',
    delimiter: '',
    columns,
    rows,
    headerEnd: -1,
    eol: mostlyCrlf(text) ? '\r\n' : '\n',
    warnings: [],
    cellStart,
    cellEnd,
    rowCells,
    rowStart: rowStart.done(),
    rowEnd: rowEnd.done(),
  };
}
