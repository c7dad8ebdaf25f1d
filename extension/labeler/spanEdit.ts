/**
 * Span labels of a `text` + `spans` JSONL row (doccano, Label Studio and Prodigy exports): reading them, and the
 * edits that add or remove one. An edit changes only that row's `spans` value: an added span is written into the
 * list at its place by start, shaped and spaced as the spans already there; a removed one is cut out with one
 * separator; every other byte stays. Offsets in the file count code points, as Python's str does.
 */
import { DocumentIndex, ScanError } from './documentIndex';
import { TextEdit, insertJsonKey, spacedRow } from './labelEdit';
import { isSpace, skipValue } from './scanJsonl';
import type { Span } from '../shared/protocol/labeler';
import { toCodePoints } from '../shared/data/codePoints';

/** A span and where its element lies in the raw list text. */
interface Item extends Span {
  from: number;
  to: number;
  raw: string;
}

/** The spans column of a `text` + `spans` file (`text` a string and `spans` a list in the rows that have them), or null. */
export function spanColumnOf(index: DocumentIndex, text: string): string | null {
  if (index.format !== 'jsonl') return null;
  const t = index.columns.indexOf('text'),
    s = index.columns.indexOf('spans');
  if (t < 0 || s < 0) return null;
  const w = index.columns.length;
  let lists = 0;
  for (let r = 0; r < Math.min(index.rows, 50); r++) {
    const a = index.cellStart[r * w + s];
    if (a < 0 || text.startsWith('null', a)) continue;
    if (text.charCodeAt(a) !== 91 || text.charCodeAt(index.cellStart[r * w + t]) !== 34) return null;
    lists++;
  }
  return lists ? 'spans' : null;
}

function spanOf(raw: string, where: string): Span {
  const v = JSON.parse(raw) as unknown;
  const o = (v ?? {}) as Record<string, unknown>;
  const [start, end, label] = Array.isArray(v)
    ? v
    : [o.start, o.end, o.label ?? (Array.isArray(o.labels) ? o.labels[0] : undefined)];
  if (!Number.isInteger(start) || !Number.isInteger(end) || typeof label !== 'string' || start < 0 || start >= end)
    throw new ScanError(`${where}: span ${raw} needs an integer start below its end and a label`);
  return { start: start as number, end: end as number, label };
}

/** The elements of a raw JSON list (null or absent: none). */
function itemsOf(list: string, where: string): Item[] {
  if (list === '' || list === 'null') return [];
  if (list[0] !== '[') throw new ScanError(`${where}: spans is not a list`);
  const out: Item[] = [];
  for (let i = 1; ;) {
    while (i < list.length && (isSpace(list.charCodeAt(i)) || list[i] === ',')) i++;
    if (i >= list.length || list[i] === ']') return out;
    const to = skipValue(list, i, list.length);
    const raw = list.slice(i, to);
    out.push({ ...spanOf(raw, where), from: i, to, raw });
    i = to;
  }
}

function cell(index: DocumentIndex, text: string, row: number, column: string) {
  if (row < 0 || row >= index.rows)
    throw new ScanError(`row ${row + 1} is not in the file (it has ${index.rows} rows)`);
  const k = row * index.columns.length + index.columns.indexOf(column);
  const start = index.columns.includes(column) ? index.cellStart[k] : -1;
  const end = start < 0 ? -1 : index.cellEnd[k];
  return { start, end, list: start < 0 ? '' : text.slice(start, end), where: `row ${row + 1}` };
}

/** A row's spans as the file has them (code points), in the file's order. */
export function rowSpans(index: DocumentIndex, text: string, row: number, column: string): Span[] {
  const c = cell(index, text, row, column);
  return itemsOf(c.list, c.where).map(({ start, end, label }) => ({ start, end, label }));
}

/** The span among `spans` that `s` overlaps, or null. */
export const overlapping = (spans: Span[], s: Span): Span | null =>
  spans.find((o) => o.start < s.end && s.start < o.end) ?? null;

/** A new element shaped as the list's first one (an [start, end, label] list, or an object with its key order). */
function encodeSpan(s: Span, model: string | undefined, spaced: boolean): string {
  const colon = spaced ? ': ' : ':',
    comma = spaced ? ', ' : ',';
  if (model?.startsWith('[')) return `[${s.start}${comma}${s.end}${comma}${JSON.stringify(s.label)}]`;
  const keys = model
    ? Object.keys(JSON.parse(model) as object).filter((k) => ['start', 'end', 'label', 'labels'].includes(k))
    : [];
  const order = keys.length === 3 ? keys : ['start', 'end', 'label'];
  const value = (k: string) =>
    k === 'labels' ? JSON.stringify([s.label]) : JSON.stringify(s[k as 'start' | 'end' | 'label']);
  return `{${order.map((k) => `"${k}"${colon}${value(k)}`).join(comma)}}`;
}

/** The list text with `s` written in at its place by start. */
function insertInto(list: string, s: Span, rowSpaced: boolean, where: string): string {
  const items = itemsOf(list, where);
  const spaced = items.length ? /":\s|,\s/.test(items[0].raw) : rowSpaced;
  const element = encodeSpan(s, items[0]?.raw, spaced);
  if (!items.length) return `[${element}]`;
  const sep = items.length > 1 ? list.slice(items[0].to, items[1].from) : spaced ? ', ' : ',';
  const k = items.findIndex((o) => o.start > s.start);
  if (k < 0) {
    const last = items[items.length - 1];
    return list.slice(0, last.to) + sep + element + list.slice(last.to);
  }
  return list.slice(0, items[k].from) + element + sep + list.slice(items[k].from);
}

function replaceList(
  index: DocumentIndex,
  text: string,
  row: number,
  column: string,
  c: ReturnType<typeof cell>,
  list: string,
): TextEdit | null {
  if (list === c.list) return null;
  return c.start < 0 ? insertJsonKey(index, text, row, column, list) : { start: c.start, end: c.end, text: list };
}

/**
 * The edit that adds `add` (code points) to the row's spans. A span overlapping one already there (or one added
 * before it) is refused: an error, or with `skipOverlapping` left out and counted.
 */
export function addSpansEdit(
  index: DocumentIndex,
  text: string,
  row: number,
  column: string,
  add: Span[],
  skipOverlapping = false,
): { edit: TextEdit | null; skipped: number } {
  const c = cell(index, text, row, column);
  const spans = itemsOf(c.list, c.where).map(({ start, end, label }) => ({ start, end, label }));
  let list = c.list,
    skipped = 0;
  for (const s of add) {
    const other = overlapping(spans, s);
    if (other) {
      if (skipOverlapping) {
        skipped++;
        continue;
      }
      throw new ScanError(
        `the new ${s.label} span (${s.start}–${s.end}) overlaps the ${other.label} span (${other.start}–${other.end}); remove that one first`,
      );
    }
    list = insertInto(list, s, spacedRow(index, text, row), c.where);
    spans.push(s);
  }
  return { edit: replaceList(index, text, row, column, c, list), skipped };
}

/** The edit that removes the row's span at exactly [start, end) with `label`. */
export function removeSpanEdit(index: DocumentIndex, text: string, row: number, column: string, s: Span): TextEdit {
  const c = cell(index, text, row, column);
  const items = itemsOf(c.list, c.where);
  const k = items.findIndex((o) => o.start === s.start && o.end === s.end && o.label === s.label);
  if (k < 0) throw new ScanError(`${c.where} has no ${s.label} span at ${s.start}–${s.end} (it changed meanwhile?)`);
  // The element goes with the separator after it, or (the last one) the separator before it.
  const [from, to] =
    k + 1 < items.length
      ? [items[k].from, items[k + 1].from]
      : k > 0
        ? [items[k - 1].to, items[k].to]
        : [items[k].from, items[k].to];
  return { start: c.start + from, end: c.start + to, text: '' };
}

/**
 * A selection of the row's text (UTF-16 offsets, as the webview has them) as a span in code points, as the file
 * keeps them, with the whitespace around it left out.
 */
export function selectionSpan(rowText: string, start: number, end: number, label: string): Span {
  if (start < 0 || end > rowText.length || start >= end)
    throw new ScanError(`the selection ${start}–${end} is not within the row's text (length ${rowText.length})`);
  while (start < end && /\s/.test(rowText[start])) start++;
  while (end > start && /\s/.test(rowText[end - 1])) end--;
  if (start === end) throw new ScanError('select some characters (not only spaces), then press a label key');
  if (!label || /\s/.test(label))
    throw new ScanError(`'${label}' cannot label spans: a span label needs a name without spaces`);
  return { start: toCodePoints(rowText, start), end: toCodePoints(rowText, end), label };
}

/** The label's JSON string inside one raw element: the `label` value, the first of `labels`, or a list's third item. */
const LABEL_AT = [
  /("label"\s*:\s*)("(?:[^"\\]|\\.)*")/,
  /("labels"\s*:\s*\[\s*)("(?:[^"\\]|\\.)*")/,
  /^(\[.*,\s*)("(?:[^"\\]|\\.)*")(?=\s*\]$)/s,
];

/** The edits that rename every span labelled `from` to `to`, each changing just that label's string. */
export function renameSpanLabelEdits(
  index: DocumentIndex,
  text: string,
  column: string,
  from: string,
  to: string,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let r = 0; r < index.rows; r++) {
    const c = cell(index, text, r, column);
    for (const item of itemsOf(c.list, c.where)) {
      if (item.label !== from) continue;
      const m = LABEL_AT.map((re) => re.exec(item.raw)).find((x) => x && JSON.parse(x[2]) === from);
      if (!m) throw new ScanError(`${c.where}: the label of span ${item.raw} could not be found to rename`);
      const at = c.start + item.from + m.index + m[1].length;
      edits.push({ start: at, end: at + m[2].length, text: JSON.stringify(to) });
    }
  }
  return edits;
}
