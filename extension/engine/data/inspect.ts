/**
 * What a file in the workspace is, for the Datasets view and the setup page: a
 * dataset with its task (detected as the trainer detects it when none is given),
 * rows, columns and label counts, or the reason it cannot be used (no text column,
 * one class, a parse error at row N).
 */
import * as fs from 'node:fs';
import { DataError, RowProgress, Table, forEachRow } from '../../shared/data/records';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import type { TaskName } from '../tasks/task';
import { detectTask } from '../tasks/training';
import { nameLabels } from './labels';
import { looksLikeQa } from './squad';
import { TASK_SUMMARIES } from './taskSummaries';

export interface DatasetSummary {
  file: string;
  /** qa: SQuAD-style; classification: rows with a label column (or tagged sentences); null: not usable yet. */
  kind: 'classification' | 'qa' | null;
  /** The registry's task for this data (tasks/training.ts detectTask), null when it cannot be used. */
  task: TaskName | null;
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
  task: null,
  rows: t?.rows.length ?? 0,
  columns: t?.columns ?? [],
  mapping: null,
  labelCounts: {},
  unlabeled: 0,
  problem: problem.startsWith(`${file}: `) ? problem.slice(file.length + 2) : problem,
});

const SAMPLE_ROWS = 2000;
/**
 * Detection reads the whole table (as training does); past this size the Datasets view,
 * which inspects every data file, streams the file as a single-label table instead.
 */
const DETECT_MAX_BYTES = 64 * 1024 * 1024;

async function taskOf(file: string, columns?: Partial<ColumnMapping>): Promise<TaskName> {
  if (fs.statSync(file).size > DETECT_MAX_BYTES) return (await looksLikeQa(file)) ? 'qa' : 'cls';
  return detectTask(file, columns);
}

/** `onProgress` reports rows and bytes as a large file is indexed. */
export async function inspectDataset(
  file: string,
  columns?: Partial<ColumnMapping>,
  onProgress?: (p: RowProgress) => void,
): Promise<DatasetSummary> {
  let task: TaskName;
  try {
    task = await taskOf(file, columns);
    const summarize = TASK_SUMMARIES[task];
    if (summarize) return await summarize(file, columns);
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
      task,
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
