/**
 * What a file in the workspace is, for the Datasets view: a classification or QA
 * dataset with its rows, columns and label counts, or the reason it cannot be
 * used (no text column, one class, a parse error at row N).
 */
import { DataError, Table, readTable } from './records';
import { ColumnMapping, detectColumns } from './columns';
import { buildLabels } from './labels';
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
  file, kind: null, rows: t?.rows.length ?? 0, columns: t?.columns ?? [], mapping: null, labelCounts: {}, unlabeled: 0,
  problem: problem.startsWith(`${file}: `) ? problem.slice(file.length + 2) : problem,
});

export async function inspectDataset(file: string, columns?: Partial<ColumnMapping>): Promise<DatasetSummary> {
  try {
    if (await looksLikeQa(file)) {
      const qa = await readQaExamples(file);
      return { file, kind: 'qa', rows: qa.length, columns: ['question', 'context', 'answers'], mapping: null, labelCounts: {}, unlabeled: qa.filter((q) => !q.answers.length).length, problem: null };
    }
  } catch (e) {
    if (e instanceof DataError) return fail(file, e.message);
    throw e;
  }
  let t: Table;
  try {
    t = await readTable(file);
  } catch (e) {
    if (e instanceof DataError) return fail(file, e.message);
    throw e;
  }
  try {
    const mapping = detectColumns(t, columns);
    if (!mapping.label) return { ...fail(file, 'no label column found; it can still be labelled', t), mapping };
    const labels = buildLabels(t, mapping.label);
    return {
      file, kind: 'classification', rows: t.rows.length, columns: t.columns, mapping,
      labelCounts: Object.fromEntries(labels.names.map((n, i) => [n, labels.counts[i]])), unlabeled: labels.unlabeled, problem: null,
    };
  } catch (e) {
    if (e instanceof DataError) return fail(file, e.message, t);
    throw e;
  }
}
