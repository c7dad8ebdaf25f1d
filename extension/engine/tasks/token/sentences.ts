/**
 * Tagged sentences from the three formats people keep named entities in, all as
 * one shape: the text, each word's [start, end) in it, and each word's tag.
 *  - CoNLL: a token per line, its tag in the last column, a blank line between
 *    sentences, -DOCSTART- lines skipped;
 *  - JSONL with `tokens` and `ner_tags` (tag names, or ids with the names given);
 *  - JSONL with `text` and character `spans` [{start, end, label}] (doccano,
 *    Label Studio and Prodigy exports), tagged IOB2 over the text's words.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { DataError, Table, readTable } from '../../../shared/data/records';
import { codePointLength, toUtf16 } from '../../../shared/data/codePoints';
import { CONLL_EXTENSIONS, isConll } from '../../../shared/data/conll';

export interface TaggedSentence {
  text: string;
  words: [number, number][];
  tags: string[];
}

export interface Span {
  start: number;
  end: number;
  label: string;
}

export { CONLL_EXTENSIONS, isConll };

/** Words joined by single spaces, with where each one lies. */
export function fromWords(words: string[], tags: string[]): TaggedSentence {
  const spans: [number, number][] = [];
  let at = 0;
  for (const w of words) {
    spans.push([at, at + w.length]);
    at += w.length + 1;
  }
  return { text: words.join(' '), words: spans, tags };
}

export async function readConll(file: string): Promise<TaggedSentence[]> {
  const out: TaggedSentence[] = [];
  let words: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (words.length) out.push(fromWords(words, tags));
    words = [];
    tags = [];
  };
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) {
      flush();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') continue;
    if (cols.length < 2) throw new DataError(`${file}: line ${n} has a token but no tag ('${line}')`);
    words.push(cols[0]);
    tags.push(cols[cols.length - 1]);
  }
  flush();
  if (!out.length) throw new DataError(`${file}: no sentences (a token and its tag per line, blank lines between)`);
  return out;
}

/** Words as BERT's basic tokenizer splits them: runs of letters and digits, each other symbol alone. */
export function wordsOf(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu))
    out.push([m.index!, m.index! + m[0].length]);
  return out;
}

/**
 * IOB2 tags for the words of `text` from character spans: a span's first word B-, the rest I-. Span offsets
 * count code points, as Python's str does (the exporting tools are Python), not JavaScript's UTF-16 units.
 */
export function tagsFromSpans(text: string, spans: Span[], where: string): TaggedSentence {
  const words = wordsOf(text);
  const tags = words.map(() => 'O');
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const length = codePointLength(text);
  sorted.forEach((s, i) => {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > length || s.start >= s.end)
      throw new DataError(
        `${where}: span ${JSON.stringify(s)} is not within the text (length ${length} characters, counted as Python counts them)`,
      );
    if (!s.label || /\s/.test(s.label))
      throw new DataError(`${where}: span ${JSON.stringify(s)} needs a label without spaces`);
    if (i > 0 && s.start < sorted[i - 1].end)
      throw new DataError(`${where}: spans ${JSON.stringify(sorted[i - 1])} and ${JSON.stringify(s)} overlap`);
    let first = true;
    const start = toUtf16(text, s.start),
      end = toUtf16(text, s.end);
    words.forEach(([a, b], w) => {
      if (a < end && b > start) {
        tags[w] = `${first ? 'B' : 'I'}-${s.label}`;
        first = false;
      }
    });
  });
  return { text, words, tags };
}

function parseJsonField(value: string, what: string, where: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new DataError(`${where}: ${what} is not a JSON list`);
  }
}

/** doccano's [[start, end, label]] or [{start, end, label}] (Label Studio's flattened results too). */
function spansOf(raw: unknown, where: string): Span[] {
  if (!Array.isArray(raw)) throw new DataError(`${where}: spans must be a list`);
  return raw.map((s) => {
    if (Array.isArray(s) && s.length === 3) return { start: s[0], end: s[1], label: String(s[2]) };
    const o = (s ?? {}) as Record<string, unknown>;
    const label = o.label ?? (Array.isArray(o.labels) ? o.labels[0] : undefined);
    return { start: o.start as number, end: o.end as number, label: String(label ?? '') };
  });
}

export const SPAN_COLUMNS = ['spans', 'entities', 'label'];
export const TAG_COLUMNS = ['ner_tags', 'tags', 'labels'];

/**
 * Which JSONL layout a table is, or null when it is not tagged data: the tags or spans
 * column must hold lists (a `label` column of class names is classification).
 */
export function jsonlLayout(t: Table): { kind: 'tokens'; tags: string } | { kind: 'spans'; spans: string } | null {
  const lists = (c: string) => {
    const filled = t.rows.slice(0, 50).filter((r) => (r[c] ?? '') !== '');
    return filled.length > 0 && filled.every((r) => r[c].startsWith('['));
  };
  const tags = TAG_COLUMNS.find((c) => t.columns.includes(c) && lists(c));
  if (t.columns.includes('tokens') && tags) return { kind: 'tokens', tags };
  const spans = SPAN_COLUMNS.find((c) => t.columns.includes(c) && lists(c));
  if (t.columns.includes('text') && spans) return { kind: 'spans', spans };
  return null;
}

export async function readTaggedJsonl(file: string, tagNames?: string[]): Promise<TaggedSentence[]> {
  const t = await readTable(file);
  const layout = jsonlLayout(t);
  if (!layout)
    throw new DataError(
      `${file}: expected 'tokens' with 'ner_tags', or 'text' with 'spans' (columns: ${t.columns.join(', ')})`,
    );
  return t.rows.map((row, i) => {
    const where = `${file}: line ${i + 1}`;
    if (layout.kind === 'spans') {
      const raw = row[layout.spans] ? parseJsonField(row[layout.spans], layout.spans, where) : [];
      return tagsFromSpans(row.text ?? '', spansOf(raw, where), where);
    }
    const words = parseJsonField(row.tokens, 'tokens', where);
    const tags = parseJsonField(row[layout.tags], layout.tags, where);
    if (!Array.isArray(words) || !Array.isArray(tags) || words.length !== tags.length)
      throw new DataError(`${where}: tokens and ${layout.tags} must be lists of the same length`);
    const names = tags.map((x) => {
      if (typeof x === 'string') return x;
      if (Number.isInteger(x) && tagNames && x >= 0 && x < tagNames.length) return tagNames[x];
      throw new DataError(
        `${where}: tag ${JSON.stringify(x)} is an id; give the tag names in order (--label_names O,B-PER,I-PER,…)`,
      );
    });
    return fromWords(words.map(String), names);
  });
}

export function readTaggedSentences(file: string, tagNames?: string[]): Promise<TaggedSentence[]> {
  return isConll(file) ? readConll(file) : readTaggedJsonl(file, tagNames);
}
