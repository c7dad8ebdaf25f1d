/**
 * Messages of the dataset tokens panel ("Show tokens" in the Datasets view). The
 * extension sends the first rows tokenized and the token-length histogram; the panel
 * asks for another model or max_length. Both sides validate what arrives. No DOM types
 * (the host imports this too); the TokensView parser is passed in by the webview.
 */
import type { TokensView } from '../tokenChips';
import type { LengthHistogram } from '../data/lengthHistogram';
import { isObj } from '../validate';

export interface TokensRow {
  texts: string[];
  label: string | null;
  view: TokensView;
}

export interface DatasetTokensView {
  file: string;
  model: string;
  maxLength: number;
  totalRows: number;
  mapping: { text: string; textPair: string | null; label: string | null };
  rows: TokensRow[];
  lengths: LengthHistogram;
}

export type ToDatasetTokens =
  | { type: 'loading'; file: string; model: string; maxLength: number }
  | { type: 'preview'; preview: DatasetTokensView }
  | { type: 'error'; file: string; message: string };

export type FromDatasetTokens = { type: 'ready' } | { type: 'options'; model: string; maxLength: number };

export const MAX_LENGTH_LIMIT = 8192;

const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const isMaxLength = (x: unknown): x is number =>
  Number.isInteger(x) && (x as number) >= 2 && (x as number) <= MAX_LENGTH_LIMIT;
const isStringOrNull = (x: unknown): x is string | null => x === null || typeof x === 'string';
const counts = (x: unknown): x is number[] => Array.isArray(x) && x.every(isCount);

function parseLengths(x: unknown): LengthHistogram {
  if (
    !isObj(x) ||
    !counts(x.edges) ||
    !counts(x.counts) ||
    x.edges.length !== x.counts.length + 1 ||
    ![x.maxLength, x.truncated, x.measured, x.p50, x.p95, x.longest].every(isCount)
  )
    throw new Error('dataset tokens: the length histogram is malformed');
  return x as unknown as LengthHistogram;
}

function parsePreview(x: unknown, parseView: (v: unknown) => TokensView): DatasetTokensView {
  if (
    !isObj(x) ||
    typeof x.file !== 'string' ||
    typeof x.model !== 'string' ||
    !isMaxLength(x.maxLength) ||
    !isCount(x.totalRows)
  )
    throw new Error('dataset tokens: file, model, maxLength or totalRows malformed');
  const m = x.mapping;
  if (!isObj(m) || typeof m.text !== 'string' || !isStringOrNull(m.textPair) || !isStringOrNull(m.label))
    throw new Error('dataset tokens: mapping malformed');
  if (!Array.isArray(x.rows)) throw new Error('dataset tokens: rows malformed');
  const rows = x.rows.map((r): TokensRow => {
    if (
      !isObj(r) ||
      !Array.isArray(r.texts) ||
      !r.texts.every((t) => typeof t === 'string') ||
      !isStringOrNull(r.label)
    )
      throw new Error('dataset tokens: a row is malformed');
    return { texts: r.texts as string[], label: r.label, view: parseView(r.view) };
  });
  return {
    file: x.file,
    model: x.model,
    maxLength: x.maxLength,
    totalRows: x.totalRows,
    mapping: { text: m.text, textPair: m.textPair, label: m.label },
    rows,
    lengths: parseLengths(x.lengths),
  };
}

export function parseToDatasetTokens(x: unknown, parseView: (v: unknown) => TokensView): ToDatasetTokens {
  if (!isObj(x)) throw new Error('dataset tokens: message is not an object');
  switch (x.type) {
    case 'loading':
      if (typeof x.file !== 'string' || typeof x.model !== 'string' || !isMaxLength(x.maxLength))
        throw new Error('dataset tokens: loading malformed');
      return { type: 'loading', file: x.file, model: x.model, maxLength: x.maxLength };
    case 'preview':
      return { type: 'preview', preview: parsePreview(x.preview, parseView) };
    case 'error':
      if (typeof x.file !== 'string' || typeof x.message !== 'string')
        throw new Error('dataset tokens: error malformed');
      return { type: 'error', file: x.file, message: x.message };
    default:
      throw new Error(`dataset tokens: unknown message ${JSON.stringify(x.type)}`);
  }
}

export function parseFromDatasetTokens(x: unknown): FromDatasetTokens {
  if (!isObj(x)) throw new Error('dataset tokens panel: message is not an object');
  if (x.type === 'ready') return { type: 'ready' };
  if (x.type === 'options') {
    if (typeof x.model !== 'string' || !x.model.trim() || !isMaxLength(x.maxLength))
      throw new Error(`dataset tokens panel: options need a model and max_length between 2 and ${MAX_LENGTH_LIMIT}`);
    return { type: 'options', model: x.model.trim(), maxLength: x.maxLength };
  }
  throw new Error(`dataset tokens panel: unknown message ${JSON.stringify(x.type)}`);
}
