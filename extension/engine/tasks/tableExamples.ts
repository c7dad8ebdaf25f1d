/**
 * Rows of a table → tokenized examples for the tasks whose targets are a row's
 * vector (multi-label, regression): the text columns found as for classification,
 * a validation file, a `split` column, or a seeded split of the labelled rows.
 */
import type { SetupRequest, TaskSetup } from './setup';
import type { TaskDefinition } from './task';
import { BertConfig, withLabels } from '../bert/config';
import type { Example } from '../data/batches';
import { ColumnMapping, detectColumns } from '../../shared/data/columns';
import { DataError, Table, readTable } from '../../shared/data/records';
import { tokenizeRows } from '../train/dataset';
import { seededSplit } from './stats';

const VALIDATION_SPLITS = ['validation', 'valid', 'val', 'dev', 'eval', 'test'];

export interface TableExamples {
  table: Table;
  mapping: ColumnMapping;
  train: Example[];
  validation: Example[];
  /** Token counts of the labelled rows before truncation. */
  lengths: number[];
  unlabeled: number;
}

export async function tableExamples(
  r: SetupRequest,
  /** The targets of each row (null: unlabelled), from the table and the columns found. */
  targetsOf: (t: Table, mapping: ColumnMapping) => (number[] | null)[],
  explicitLabel?: string | null,
): Promise<TableExamples> {
  const table = await readTable(r.data);
  if (!table.rows.length) throw new DataError(`${r.data}: no data rows`);
  const mapping = detectColumns(table, {
    ...r.columns,
    ...(explicitLabel !== undefined ? { label: explicitLabel } : {}),
  });
  const targets = targetsOf(table, mapping);
  const labelled = targets.map((_, i) => i).filter((i) => targets[i] !== null);
  const encode = async (t: Table, rows: number[], tg: (number[] | null)[]) =>
    (await tokenizeRows(t, rows, mapping, r.tokenizer, r.args.max_length)).map((e, k) => ({
      inputIds: e.inputIds,
      tokenTypeIds: e.tokenTypeIds,
      label: 0,
      targets: tg[rows[k]]!,
    }));
  const splitColumn = table.columns.find((c) => c.toLowerCase() === 'split');
  let train: number[];
  let validation: number[];
  if (r.args.validation_file) [train, validation] = [labelled, []];
  else if (splitColumn) {
    const isVal = (i: number) => VALIDATION_SPLITS.includes((table.rows[i][splitColumn] ?? '').trim().toLowerCase());
    [train, validation] = [labelled.filter((i) => !isVal(i)), labelled.filter(isVal)];
  } else {
    const s = seededSplit(labelled.length, r.args.test_size, r.args.seed);
    [train, validation] = [s.train.map((i) => labelled[i]), s.validation.map((i) => labelled[i])];
  }
  let validationExamples = await encode(table, validation, targets);
  if (r.args.validation_file) {
    const vt = await readTable(r.args.validation_file);
    for (const c of [mapping.text, mapping.textPair])
      if (c && !vt.columns.includes(c))
        throw new DataError(`${r.args.validation_file}: no column '${c}' (columns: ${vt.columns.join(', ')})`);
    const vTargets = targetsOf(vt, mapping);
    validationExamples = await encode(
      vt,
      vTargets.map((_, i) => i).filter((i) => vTargets[i] !== null),
      vTargets,
    );
  }
  const full = await r.tokenizer.encodeBatch(
    labelled.map((i) => table.rows[i][mapping.text] ?? ''),
    mapping.textPair ? labelled.map((i) => table.rows[i][mapping.textPair!] ?? '') : null,
    { truncation: false },
  );
  return {
    table,
    mapping,
    train: await encode(table, train, targets),
    validation: validationExamples,
    lengths: full.map((e) => e.inputIds.length),
    unlabeled: targets.length - labelled.length,
  };
}

/** A table task's detection: whether `test` holds for the file's table and the columns found in it (false when unreadable). */
export async function detectOnTable(
  file: string,
  columns: Partial<ColumnMapping> | undefined,
  test: (t: Table, mapping: ColumnMapping) => boolean,
): Promise<boolean> {
  const t = await readTable(file).catch(() => null);
  if (!t || !t.rows.length) return false;
  try {
    return test(t, detectColumns(t, columns));
  } catch {
    return false;
  }
}

/**
 * What a table task's setup starts from: its model config (the base's, with the task's labels, architecture and
 * problem_type) and the examples split into train and validation.
 */
export function tableTaskSetup(
  base: BertConfig,
  def: TaskDefinition,
  labels: string[],
  ex: TableExamples,
): Pick<TaskSetup, 'task' | 'config' | 'architecture' | 'train' | 'validation' | 'notes'> {
  return {
    task: def.name,
    config: { ...withLabels(base, labels), architectures: [def.architecture], problemType: def.problemType },
    architecture: def.architecture,
    train: ex.train,
    validation: ex.validation,
    notes: [],
  };
}
