/**
 * What a file in the workspace is, for the Datasets view: a classification or QA
 * dataset with its rows, columns and label counts, or the reason it cannot be
 * used (no text column, one class, a parse error at row N).
 */
import { DataError, RowProgress, Table, forEachRow } from '../../shared/data/records';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import { nameLabels } from './labels';
import { looksLikeQa, readQaExamples } from './squad';

export interface DatasetSummary {
  file: string;
  kind: 'classification' | 'qa' | null;
  rows: number;
  columns: string[];
  mapping: ColumnMapping | null;
  labelCounts: Record<string, number>;
  unlabeled: number;
  /** Why the file cannot be trained on, when it cannot. */
  problem: string | null;
}

const fail = (file: string, problem: string, t?: Table): DatasetSummary => ({
  file,
  kind: null,
  rows: t?.rows.length ?? 0,
  columns: t?.columns ?? [],
  mapping: null,
  labelCounts: {},
  unlabeled: 0,
  problem: problem.startsWith(`${file}: `) ? problem.slice(file.length + 2) : problem,
});

const SAMPLE_ROWS = 2000;

/** `onProgress` reports rows and bytes as a large file is indexed. */
export async function inspectDataset(
  file: string,
  columns?: Partial<ColumnMapping>,
  onProgress?: (p: RowProgress) => void,
): Promise<DatasetSummary> {
  try {
    if (await looksLikeQa(file)) {
      const qa = await readQaExamples(file);
      return {
        file,
        kind: 'qa',
        rows: qa.length,
        columns: ['question', 'context', 'answers'],
        mapping: null,
        labelCounts: {},
        unlabeled: qa.filter((q) => !q.answers.length).length,
        problem: null,
      };
    }
  } catch (e) {
    if (e instanceof DataError) return fail(file, e.message);
    throw e;
  }
  // Columns are detected on the first rows; the whole file is then streamed once, keeping only label counts.
  const sample: Table = { file, columns: [], rows: [] };
  let summary: DatasetSummary | null = null;
  try {
    sample.columns = (
      await forEachRow(file, (r) => {
        sample.rows.push(r);
        return sample.rows.length < SAMPLE_ROWS;
      })
    ).columns;
    for (const r of sample.rows) for (const c of sample.columns) r[c] ??= '';
    const mapping = detectColumns(sample, columns);
    if (!mapping.label) {
      const { rows } = await forEachRow(file, () => undefined, onProgress);
      return { ...fail(file, 'no label column found; it can still be labelled', sample), rows, mapping };
    }
    const counts = new Map<string, number>();
    let unlabeled = 0;
    const { rows } = await forEachRow(
      file,
      (r) => {
        const v = (r[mapping.label!] ?? '').trim();
        if (v === '') unlabeled++;
        else counts.set(v, (counts.get(v) ?? 0) + 1);
      },
      onProgress,
    );
    summary = {
      file,
      kind: 'classification',
      rows,
      columns: sample.columns,
      mapping,
      labelCounts: {},
      unlabeled,
      problem: null,
    };
    const names = nameLabels([...counts.keys()], rows, file, mapping.label);
    summary.labelCounts = Object.fromEntries(names.map((n) => [n, counts.get(n)!]));
    return summary;
  } catch (e) {
    if (e instanceof DataError)
      return { ...fail(file, e.message, sample), ...(summary ? { rows: summary.rows, columns: summary.columns } : {}) };
    throw e;
  }
}
