/**
 * What a data file looks like to a model before training: its first rows, the
 * detected column mapping, the first rows tokenized, and the token-length
 * distribution against max_length (how many rows get truncated). Shown by the
 * Fine-tune setup page and the Datasets view's "Show tokens".
 */
import { Row, Table, forEachRow } from '../../shared/data/records';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import type { BertTokenizer, Encoded } from '../tokenize/bertTokenizer';
import { LengthHistogram, lengthHistogram } from '../../shared/data/lengthHistogram';

export interface DatasetPreview {
  file: string;
  columns: string[];
  mapping: ColumnMapping;
  /** The first rows as read (every column). */
  rows: Row[];
  /** The first rows through the tokenizer, truncated at maxLength (as training sees them). */
  encoded: Encoded[];
  /** Their full lengths, so a preview can mark the truncation point. */
  fullLengths: number[];
  lengths: LengthHistogram;
  /** Rows in the file (all of them were read, even past the measured limit). */
  totalRows: number;
}

export interface PreviewOptions {
  columns?: Partial<ColumnMapping>;
  maxLength?: number;
  /** Rows to show and tokenize for display. */
  show?: number;
  /** At most this many rows are tokenized for the histogram. */
  limit?: number;
  bins?: number;
}

const BATCH = 256;

export async function previewDataset(
  file: string,
  tokenizer: BertTokenizer,
  o: PreviewOptions = {},
): Promise<DatasetPreview> {
  const show = o.show ?? 20,
    limit = o.limit ?? 50_000,
    maxLength = o.maxLength ?? tokenizer.maxLength;
  const head: Table = { file, columns: [], rows: [] };
  head.columns = (
    await forEachRow(file, (r) => {
      head.rows.push(r);
      return head.rows.length < 2000;
    })
  ).columns;
  for (const r of head.rows) for (const c of head.columns) r[c] ??= '';
  const mapping = detectColumns(head, o.columns);
  // Rows are collected first (forEachRow's callback is synchronous), then tokenized in batches.
  const texts: string[] = [],
    pairs: string[] = [],
    rows: Row[] = [];
  const { rows: totalRows } = await forEachRow(file, (r, i) => {
    if (rows.length < show) rows.push(r);
    if (i >= limit) return;
    texts.push(r[mapping.text] ?? '');
    pairs.push(mapping.textPair ? (r[mapping.textPair] ?? '') : '');
  });
  const lengths: number[] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const full = await tokenizer.encodeBatch(
      texts.slice(i, i + BATCH),
      mapping.textPair ? pairs.slice(i, i + BATCH) : null,
      { truncation: false },
    );
    lengths.push(...full.map((e) => e.inputIds.length));
  }
  const textsShown = rows.map((r) => r[mapping.text] ?? '');
  const pairsShown = mapping.textPair ? rows.map((r) => r[mapping.textPair!] ?? '') : null;
  const encoded = rows.length ? await tokenizer.encodeBatch(textsShown, pairsShown, { maxLength }) : [];
  const full = rows.length ? await tokenizer.encodeBatch(textsShown, pairsShown, { truncation: false }) : [];
  return {
    file,
    columns: head.columns,
    mapping,
    rows,
    encoded,
    fullLengths: full.map((e) => e.inputIds.length),
    lengths: lengthHistogram(lengths, maxLength, o.bins),
    totalRows,
  };
}
