/**
 * Every message between the labeler's webview and its host, both directions,
 * with parsers that throw on anything malformed. Row texts travel on demand
 * (the visible rows and the one in focus), never the whole file at once.
 */
import { isObj } from '../validate';
export type LabelerFormat = 'csv' | 'tsv' | 'jsonl';
export type SuggestSource = 'off' | 'quick' | 'model';

export interface Mapping {
  text: string | null;
  textPair: string | null;
  label: string | null;
}
export interface RowText {
  row: number;
  text: string;
  pair: string | null;
  truncated: boolean;
}
/** A labelled span of a row's text: code points in the file; UTF-16 units of the row's text in messages. */
export interface Span {
  start: number;
  end: number;
  label: string;
}
export interface RowProbs {
  row: number;
  probs: number[];
}

export type ToWebview =
  | {
      type: 'reset';
      file: string;
      format: LabelerFormat;
      rows: number;
      columns: string[];
      mapping: Mapping;
      labels: string[];
      /** Per label: the rows holding it, or in a span file the spans. */
      counts: number[];
      rowLabels: number[];
      warnings: string[];
      error: string | null;
      textsChanged: boolean;
      /** The spans column when rows are labelled with spans (`text` + `spans` JSONL); null for row labels. */
      spanColumn: string | null;
    }
  /** A row's spans and the chosen model's suggested spans (UTF-16 offsets into the row's text). */
  | { type: 'spans'; row: number; spans: Span[]; suggested: Span[] }
  /** Label changes only (this editor's, undo/redo, or another editor's): flat [row, label, row, label, ...]; -1 is unlabeled. */
  | { type: 'labels'; labels: string[]; counts: number[]; changes: number[] }
  /** `full`: the whole text of the row in focus; otherwise list lines (the first characters). */
  | { type: 'rows'; full: boolean; rows: RowText[] }
  | { type: 'search'; query: string; rows: number[] }
  /** Probabilities per label (in `labels` order) for unlabeled rows; an empty list clears the suggestions. */
  | { type: 'suggestions'; source: SuggestSource; labels: string[]; items: RowProbs[] }
  | { type: 'status'; text: string; busy: boolean };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'rows'; rows: number[]; full: boolean }
  | { type: 'setLabel'; row: number; label: string | null }
  /** Spans to add (UTF-16 offsets, with the characters they cover, which the host checks); overlapping ones are refused, or with skipOverlapping left out. */
  | { type: 'addSpans'; row: number; spans: (Span & { text: string })[]; skipOverlapping: boolean }
  | { type: 'removeSpan'; row: number; span: Span }
  | { type: 'search'; query: string }
  | { type: 'addLabel'; name: string }
  /** Without `to`, the host asks for the new name. */
  | { type: 'renameLabel'; from: string; to?: string }
  | { type: 'removeLabel'; name: string }
  | { type: 'setMapping'; mapping: Mapping }
  | { type: 'addLabelColumn' }
  | { type: 'suggest'; source: SuggestSource }
  | { type: 'focus'; row: number };

const FORMATS: LabelerFormat[] = ['csv', 'tsv', 'jsonl'];
const SOURCES: SuggestSource[] = ['off', 'quick', 'model'];

const isRow = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const isStr = (x: unknown): x is string => typeof x === 'string';
const isStrOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';
const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);
const ints = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => Number.isInteger(n));

function fail(what: string): never {
  throw new Error(`labeler message: ${what}`);
}

function parseMapping(x: unknown): Mapping {
  if (!isObj(x) || !isStrOrNull(x.text) || !isStrOrNull(x.textPair) || !isStrOrNull(x.label))
    fail('mapping needs {text, textPair, label} as strings or null');
  return { text: x.text, textPair: x.textPair, label: x.label };
}

const isSpan = (x: unknown): x is Span =>
  isObj(x) && isRow(x.start) && isRow(x.end) && x.start <= (x.end as number) && isStr(x.label);
const spans = (x: unknown, max = 10000): x is Span[] => Array.isArray(x) && x.length <= max && x.every(isSpan);
const cleanSpan = (s: Span): Span => ({ start: s.start, end: s.end, label: s.label });

const isRowText = (x: unknown): x is RowText =>
  isObj(x) && isRow(x.row) && isStr(x.text) && isStrOrNull(x.pair) && typeof x.truncated === 'boolean';
const isRowProbs = (x: unknown): x is RowProbs =>
  isObj(x) && isRow(x.row) && Array.isArray(x.probs) && x.probs.every((p) => typeof p === 'number' && p >= 0 && p <= 1);

export function parseToWebview(x: unknown): ToWebview {
  if (!isObj(x)) fail('not an object');
  switch (x.type) {
    case 'reset':
      if (
        !isStr(x.file) ||
        !FORMATS.includes(x.format as LabelerFormat) ||
        !isRow(x.rows) ||
        !strings(x.columns) ||
        !strings(x.labels) ||
        !ints(x.counts) ||
        !ints(x.rowLabels) ||
        !strings(x.warnings) ||
        !isStrOrNull(x.error) ||
        typeof x.textsChanged !== 'boolean' ||
        !isStrOrNull(x.spanColumn)
      )
        fail('reset is malformed');
      return {
        type: 'reset',
        file: x.file,
        format: x.format as LabelerFormat,
        rows: x.rows,
        columns: x.columns,
        mapping: parseMapping(x.mapping),
        labels: x.labels,
        counts: x.counts,
        rowLabels: x.rowLabels,
        warnings: x.warnings,
        error: x.error,
        textsChanged: x.textsChanged,
        spanColumn: x.spanColumn,
      };
    case 'spans':
      if (!isRow(x.row) || !spans(x.spans) || !spans(x.suggested))
        fail('spans needs {row, spans[], suggested[]} of {start <= end, label}');
      return { type: 'spans', row: x.row, spans: x.spans.map(cleanSpan), suggested: x.suggested.map(cleanSpan) };
    case 'labels':
      if (!strings(x.labels) || !ints(x.counts) || !ints(x.changes) || x.changes.length % 2)
        fail('labels needs {labels[], counts[], changes[] in pairs}');
      return { type: 'labels', labels: x.labels, counts: x.counts, changes: x.changes };
    case 'rows':
      if (!Array.isArray(x.rows) || !x.rows.every(isRowText) || typeof x.full !== 'boolean')
        fail('rows needs {full, rows: [{row, text, pair, truncated}]}');
      return { type: 'rows', full: x.full, rows: x.rows as RowText[] };
    case 'search':
      if (!isStr(x.query) || !Array.isArray(x.rows) || !x.rows.every(isRow)) fail('search needs {query, rows[]}');
      return { type: 'search', query: x.query, rows: x.rows as number[] };
    case 'suggestions':
      if (
        !SOURCES.includes(x.source as SuggestSource) ||
        !strings(x.labels) ||
        !Array.isArray(x.items) ||
        !x.items.every(isRowProbs)
      )
        fail('suggestions needs {source, labels[], items[{row, probs}]}');
      return { type: 'suggestions', source: x.source as SuggestSource, labels: x.labels, items: x.items as RowProbs[] };
    case 'status':
      if (!isStr(x.text) || typeof x.busy !== 'boolean') fail('status needs {text, busy}');
      return { type: 'status', text: x.text, busy: x.busy };
    default:
      fail(`unknown type ${JSON.stringify(x.type)}`);
  }
}

export function parseFromWebview(x: unknown): FromWebview {
  if (!isObj(x)) fail('not an object');
  switch (x.type) {
    case 'ready':
    case 'addLabelColumn':
      return { type: x.type };
    case 'rows':
      if (!Array.isArray(x.rows) || !x.rows.every(isRow) || x.rows.length > 1000 || typeof x.full !== 'boolean')
        fail('rows needs {rows[] (at most 1000), full}');
      return { type: 'rows', rows: x.rows as number[], full: x.full };
    case 'setLabel':
      if (!isRow(x.row) || !isStrOrNull(x.label)) fail('setLabel needs {row, label (a string or null)}');
      return { type: 'setLabel', row: x.row, label: x.label };
    case 'addSpans':
      if (
        !isRow(x.row) ||
        !spans(x.spans, 1000) ||
        !x.spans.every((s) => isStr((s as unknown as { text: unknown }).text)) ||
        typeof x.skipOverlapping !== 'boolean'
      )
        fail('addSpans needs {row, spans: [{start <= end, label, text}] (at most 1000), skipOverlapping}');
      return {
        type: 'addSpans',
        row: x.row,
        spans: (x.spans as (Span & { text: string })[]).map((s) => ({ ...cleanSpan(s), text: s.text })),
        skipOverlapping: x.skipOverlapping,
      };
    case 'removeSpan':
      if (!isRow(x.row) || !isSpan(x.span)) fail('removeSpan needs {row, span: {start <= end, label}}');
      return { type: 'removeSpan', row: x.row, span: cleanSpan(x.span) };
    case 'search':
      if (!isStr(x.query)) fail('search needs {query}');
      return { type: 'search', query: x.query };
    case 'addLabel':
      if (!isStr(x.name)) fail('addLabel needs {name}');
      return { type: 'addLabel', name: x.name };
    case 'renameLabel':
      if (!isStr(x.from) || (x.to !== undefined && !isStr(x.to))) fail('renameLabel needs {from, to?}');
      return { type: 'renameLabel', from: x.from, to: x.to as string | undefined };
    case 'removeLabel':
      if (!isStr(x.name)) fail('removeLabel needs {name}');
      return { type: 'removeLabel', name: x.name };
    case 'setMapping':
      return { type: 'setMapping', mapping: parseMapping(x.mapping) };
    case 'suggest':
      if (!SOURCES.includes(x.source as SuggestSource)) fail(`suggest needs a source (${SOURCES.join(', ')})`);
      return { type: 'suggest', source: x.source as SuggestSource };
    case 'focus':
      if (!isRow(x.row)) fail('focus needs {row}');
      return { type: 'focus', row: x.row };
    default:
      fail(`unknown type ${JSON.stringify(x.type)}`);
  }
}
