/**
 * "Split into train/validation files": two new files beside the original, stratified
 * by label and seeded, in the original's format. Unlabelled rows go to the training
 * file so nothing is lost; existing files are never replaced unless asked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Papa from 'papaparse';
import { readTable, DataError } from '../../shared/data/records';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import { buildLabels } from './labels';
import { stratifiedSplit } from './split';
import { splitFileNames } from '../../shared/data/splitNames';
import { writeFileAtomic } from '../../shared/atomicWrite';

export { splitFileNames };

export interface SplitResult {
  train: string;
  validation: string;
  trainRows: number;
  validationRows: number;
  /** The columns the split was made with, which the two files share. */
  mapping: ColumnMapping;
  /** Rows per label on each side; unlabelled rows (all in the training file) are counted under ''. */
  trainCounts: Record<string, number>;
  validationCounts: Record<string, number>;
}

function countLabels(rows: number[], ids: (number | null)[], names: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const i of rows) {
    const name = ids[i] === null ? '' : names[ids[i]!];
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

export async function writeSplitFiles(
  file: string,
  o: { testSize?: number; seed?: number; overwrite?: boolean; columns?: Partial<ColumnMapping> } = {},
): Promise<SplitResult> {
  const names = splitFileNames(file);
  for (const f of [names.train, names.validation]) {
    if (fs.existsSync(f) && !o.overwrite) throw new DataError(`${f} exists; not overwriting it`);
  }
  const t = await readTable(file);
  const mapping = detectColumns(t, o.columns);
  if (!mapping.label) throw new DataError(`${file}: no label column to stratify by`);
  const labels = buildLabels(t, mapping.label);
  const { validation } = stratifiedSplit(labels.ids, o.testSize ?? 0.2, o.seed ?? 42);
  const isVal = new Set(validation);
  const trainIdx = t.rows.map((_, i) => i).filter((i) => !isVal.has(i));
  const ext = path.extname(file).toLowerCase();
  let render: (rows: number[]) => string;
  if (ext === '.jsonl' || ext === '.ndjson') {
    // The original lines, byte for byte (types and key order kept).
    const lines = fs
      .readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    render = (rows) => rows.map((i) => lines[i]).join('\n') + '\n';
  } else {
    const delimiter = ext === '.tsv' ? '\t' : ',';
    // TSV has no quoting (as it was read): its fields hold no tabs or line breaks, and a '"' is text.
    render = (rows) =>
      delimiter === '\t'
        ? [t.columns, ...rows.map((i) => t.columns.map((c) => t.rows[i][c]))].map((r) => r.join('\t')).join('\n') + '\n'
        : Papa.unparse(
            { fields: t.columns, data: rows.map((i) => t.columns.map((c) => t.rows[i][c])) },
            { delimiter, newline: '\n' },
          ) + '\n';
  }
  writeFileAtomic(names.train, render(trainIdx));
  writeFileAtomic(names.validation, render(validation));
  return {
    ...names,
    mapping,
    trainRows: trainIdx.length,
    validationRows: validation.length,
    trainCounts: countLabels(trainIdx, labels.ids, labels.names),
    validationCounts: countLabels(validation, labels.ids, labels.names),
  };
}
