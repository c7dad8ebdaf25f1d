/** A labelled table → tokenized train and validation examples, with the stats the UI shows. */
import type { BertTokenizer } from '../tokenize/bertTokenizer';
import { readTable, DataError, Table, multilineNote } from '../../shared/data/records';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import { LabelSet, buildLabels } from '../data/labels';
import { stratifiedSplit } from '../data/split';
import type { Example } from '../data/batches';
import type { DataStats } from '../../shared/runs/trainEvent';
import { dataStats } from '../tasks/stats';

export interface PreparedData {
  mapping: ColumnMapping;
  labels: LabelSet;
  train: Example[];
  validation: Example[];
  stats: DataStats;
  /** What the user should know about the data, though it trains: said before training starts. */
  notes: string[];
}

export async function tokenizeRows(
  t: Table,
  rows: number[],
  mapping: ColumnMapping,
  tokenizer: BertTokenizer,
  maxLength: number,
) {
  const texts = rows.map((i) => t.rows[i][mapping.text] ?? '');
  const pairs = mapping.textPair ? rows.map((i) => t.rows[i][mapping.textPair!] ?? '') : null;
  return tokenizer.encodeBatch(texts, pairs, { maxLength, truncation: 'longest_first' });
}

const VALIDATION_SPLITS = ['validation', 'valid', 'val', 'dev', 'eval', 'test'];

/** A separate validation file, a `split` column (train / validation|dev|test), or a seeded stratified split. */
async function chooseSplit(
  table: Table,
  labels: LabelSet,
  o: { testSize: number; seed: number; validationFile?: string },
) {
  const splitColumn = table.columns.find((c) => c.toLowerCase() === 'split');
  if (o.validationFile || !splitColumn) {
    const s = o.validationFile
      ? { train: labels.ids.map((_, i) => i), validation: [] }
      : stratifiedSplit(labels.ids, o.testSize, o.seed);
    return { train: s.train.filter((i) => labels.ids[i] !== null), validation: s.validation };
  }
  const isVal = (i: number) => VALIDATION_SPLITS.includes((table.rows[i][splitColumn] ?? '').trim().toLowerCase());
  const labelled = labels.ids.map((_, i) => i).filter((i) => labels.ids[i] !== null);
  return { train: labelled.filter((i) => !isVal(i)), validation: labelled.filter(isVal) };
}

const MB = 2 ** 20;

/** How much text there is to tokenize, in words, when it is enough to take a while (over 4 MB, or a 1 MB field). */
function bigText(t: Table, rows: number[], m: ColumnMapping): string | null {
  let total = 0,
    longest = 0,
    at = 0;
  for (const i of rows)
    for (const c of [m.text, m.textPair]) {
      const n = c ? (t.rows[i][c]?.length ?? 0) : 0;
      total += n;
      if (n > longest) [longest, at] = [n, i];
    }
  if (total < 4 * MB && longest < MB) return null;
  return `${(total / MB).toFixed(1)} MB of text, the longest field ${(longest / MB).toFixed(1)} MB (row ${at + 1})`;
}

export async function prepareClassification(
  file: string,
  tokenizer: BertTokenizer,
  o: {
    columns?: Partial<ColumnMapping>;
    testSize: number;
    seed: number;
    maxLength: number;
    labelNames?: string[];
    validationFile?: string;
    /** Progress for long work (tokenizing megabytes of text), as log lines. */
    log?: (message: string) => void;
  },
): Promise<PreparedData> {
  const table = await readTable(file);
  if (!table.rows.length) throw new DataError(`${file}: no data rows`);
  const mapping = detectColumns(table, o.columns);
  if (!mapping.label)
    throw new DataError(`${file}: no label column found (columns: ${table.columns.join(', ')}); name one with --label`);
  const labels = buildLabels(table, mapping.label, o.labelNames);
  const split = await chooseSplit(table, labels, o);
  const all = labels.ids.map((_, i) => i).filter((i) => labels.ids[i] !== null);
  const started = Date.now();
  const big = bigText(table, all, mapping);
  if (big) o.log?.(`tokenizing ${all.length} rows: ${big}…`);
  const full = await tokenizer.encodeBatch(
    all.map((i) => table.rows[i][mapping.text] ?? ''),
    mapping.textPair ? all.map((i) => table.rows[i][mapping.textPair!] ?? '') : null,
    { truncation: false },
  );
  const lengths = full.map((e) => e.inputIds.length).sort((a, b) => a - b);
  const encode = async (rows: number[]) =>
    (await tokenizeRows(table, rows, mapping, tokenizer, o.maxLength)).map((e, k) => ({
      inputIds: e.inputIds,
      tokenTypeIds: e.tokenTypeIds,
      label: labels.ids[rows[k]]!,
    }));
  let validation = await encode(split.validation);
  if (big) o.log?.(`tokenized in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (o.validationFile) {
    const vt = await readTable(o.validationFile);
    for (const c of [mapping.text, mapping.textPair, mapping.label])
      if (c && !vt.columns.includes(c))
        throw new DataError(`${o.validationFile}: no column '${c}' (columns: ${vt.columns.join(', ')})`);
    const vl = buildLabels(vt, mapping.label, labels.names);
    const rows = vl.ids.map((_, i) => i).filter((i) => vl.ids[i] !== null);
    validation = (await tokenizeRows(vt, rows, mapping, tokenizer, o.maxLength)).map((e, k) => ({
      inputIds: e.inputIds,
      tokenTypeIds: e.tokenTypeIds,
      label: vl.ids[rows[k]]!,
    }));
  }
  const notes = [multilineNote(table), labels.warning].filter((n): n is string => !!n);
  if (!o.validationFile && validation.length < Math.max(10, labels.names.length * 2))
    notes.push(
      validation.length
        ? `only ${validation.length} validation rows (test_size ${o.testSize} of ${all.length} labelled rows): evaluation metrics will be noisy; label more rows or give --validation_file`
        : `no validation rows (${all.length} labelled rows are too few for a split): there is no evaluation; label more rows or give --validation_file`,
    );
  return {
    mapping,
    labels,
    notes,
    train: await encode(split.train),
    validation,
    stats: dataStats(
      table.rows.length,
      labels.unlabeled,
      Object.fromEntries(labels.names.map((n, i) => [n, labels.counts[i]])),
      lengths,
      o.maxLength,
    ),
  };
}
