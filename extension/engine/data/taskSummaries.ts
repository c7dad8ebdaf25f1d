/**
 * Dataset summaries of the tasks whose data is not one label per row: SQuAD-style
 * questions, tagged sentences (counts are words per tag, which token classification's
 * class weights count), several labels per row (counts per label), and numbers (no
 * classes to count). Single-label tables are streamed by inspect.ts itself.
 */
import { DataError, Table, formatOf, readTable } from '../../shared/data/records';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import type { TaskName } from '../tasks/task';
import { isConll, jsonlLayout, readTaggedSentences } from '../tasks/token/sentences';
import { labelSource } from '../tasks/multilabel/training';
import { buildMultiLabels } from '../tasks/multilabel/labels';
import { numericColumn } from '../tasks/regression/training';
import { readQaExamples } from './squad';
import type { DatasetSummary } from './inspect';

type Summarize = (file: string, columns?: Partial<ColumnMapping>) => Promise<DatasetSummary>;

async function qaSummary(file: string): Promise<DatasetSummary> {
  const qa = await readQaExamples(file);
  return {
    file,
    kind: 'qa',
    task: 'qa',
    rows: qa.length,
    columns: ['question', 'context', 'answers'],
    mapping: null,
    labelCounts: {},
    unlabeled: qa.filter((q) => !q.answers.length).length,
    problem: null,
  };
}

async function taggedSummary(file: string): Promise<DatasetSummary> {
  const sentences = await readTaggedSentences(file);
  const counts: Record<string, number> = {};
  for (const s of sentences) for (const t of s.tags) counts[t] = (counts[t] ?? 0) + 1;
  const layout = !isConll(file) && formatOf(file) === 'jsonl' ? jsonlLayout(await readTable(file)) : null;
  const columns = layout?.kind === 'spans' ? ['text', layout.spans] : ['tokens', layout?.tags ?? 'tag'];
  return {
    file,
    kind: 'classification',
    task: 'token',
    rows: sentences.length,
    columns,
    // Only text + spans has a text column; CoNLL and tokens + ner_tags hold words.
    mapping: layout?.kind === 'spans' ? { text: columns[0], textPair: null, label: columns[1] } : null,
    labelCounts: Object.fromEntries(
      Object.keys(counts)
        .sort()
        .map((t) => [t, counts[t]]),
    ),
    unlabeled: 0,
    problem: null,
  };
}

async function table(file: string, columns?: Partial<ColumnMapping>): Promise<[Table, ColumnMapping]> {
  const t = await readTable(file);
  return [t, detectColumns(t, columns)];
}

const tableSummary = (t: Table, task: TaskName, mapping: ColumnMapping): DatasetSummary => ({
  file: t.file,
  kind: 'classification',
  task,
  rows: t.rows.length,
  columns: t.columns,
  mapping,
  labelCounts: {},
  unlabeled: 0,
  problem: null,
});

async function multiLabelSummary(file: string, columns?: Partial<ColumnMapping>): Promise<DatasetSummary> {
  const [t, mapping] = await table(file, columns);
  const source = labelSource(t, mapping, !!columns?.label);
  if (!source) throw new DataError(`${file}: no multi-label column and no 0/1 column per label`);
  const labels = buildMultiLabels(t, source);
  return {
    ...tableSummary(t, 'multilabel', { ...mapping, label: source.kind === 'columns' ? null : source.column }),
    labelCounts: Object.fromEntries(labels.names.map((n, i) => [n, labels.counts[i]])),
    unlabeled: labels.unlabeled,
  };
}

async function regressionSummary(file: string, columns?: Partial<ColumnMapping>): Promise<DatasetSummary> {
  const [t, mapping] = await table(file, columns);
  const values = mapping.label ? numericColumn(t, mapping.label) : [];
  return { ...tableSummary(t, 'regression', mapping), unlabeled: values.filter((v) => v === null).length };
}

export const TASK_SUMMARIES: Partial<Record<TaskName, Summarize>> = {
  qa: qaSummary,
  token: taggedSummary,
  multilabel: multiLabelSummary,
  regression: regressionSummary,
};
