/**
 * Multi-label targets from a table: one column holding several labels (a JSON list,
 * or names joined by a separator it detects, '|' or ';'), or one 0/1 column per label.
 * An empty cell is an unlabelled row; '[]' is a row with none of the labels.
 */
import { DataError, Table } from '../../../shared/data/records';

export type LabelSource =
  | { kind: 'json'; column: string }
  | { kind: 'separator'; column: string; separator: string }
  | { kind: 'columns'; columns: string[] };

export interface MultiLabels {
  names: string[];
  /** Per row: a 0/1 per label, or null when unlabelled. */
  rows: (number[] | null)[];
  counts: number[];
  unlabeled: number;
  source: LabelSource;
}

const SEPARATORS = ['|', ';'];
const BINARY = new Set(['0', '1', '0.0', '1.0', 'true', 'false']);

/** How a label column holds several labels, or null when it holds one per row. */
export function listFormat(t: Table, column: string): LabelSource | null {
  const filled = t.rows.map((r) => (r[column] ?? '').trim()).filter((v) => v !== '');
  if (!filled.length) return null;
  if (filled.every((v) => v.startsWith('['))) return { kind: 'json', column };
  const uses = SEPARATORS.map((sep) => ({ sep, n: filled.filter((v) => v.includes(sep)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n);
  return uses.length ? { kind: 'separator', column, separator: uses[0].sep } : null;
}

/** Columns (two or more) holding only 0/1, one per label. */
export function binaryColumns(t: Table, exclude: (string | null)[]): string[] {
  const cols = t.columns.filter(
    (c) =>
      !exclude.includes(c) && t.rows.length > 0 && t.rows.every((r) => BINARY.has((r[c] ?? '').trim().toLowerCase())),
  );
  return cols.length >= 2 ? cols : [];
}

function cellLabels(t: Table, row: number, source: Exclude<LabelSource, { kind: 'columns' }>): string[] | null {
  const v = (t.rows[row][source.column] ?? '').trim();
  if (v === '') return null;
  if (source.kind === 'separator')
    return v
      .split(source.separator)
      .map((x) => x.trim())
      .filter((x) => x !== '');
  let list: unknown;
  try {
    list = JSON.parse(v);
  } catch {
    throw new DataError(`${t.file}: row ${row + 1}, column ${source.column}: '${v}' is not a JSON list of labels`);
  }
  if (!Array.isArray(list))
    throw new DataError(`${t.file}: row ${row + 1}, column ${source.column}: expected a JSON list`);
  return list.map(String);
}

export function buildMultiLabels(t: Table, source: LabelSource, given?: string[]): MultiLabels {
  let names: string[];
  let sets: (string[] | null)[];
  if (source.kind === 'columns') {
    names = [...source.columns];
    sets = t.rows.map((r) =>
      source.columns.filter((c) => ['1', '1.0', 'true'].includes((r[c] ?? '').trim().toLowerCase())),
    );
  } else {
    sets = t.rows.map((_, i) => cellLabels(t, i, source));
    names = [...new Set(sets.flatMap((s) => s ?? []))].sort();
  }
  if (given) {
    const unknown = names.find((n) => !given.includes(n));
    if (unknown !== undefined)
      throw new DataError(`${t.file}: label '${unknown}' is not one of the model's labels (${given.join(', ')})`);
    names = [...given];
  }
  if (names.length < 2)
    throw new DataError(`${t.file}: multi-label classification needs at least 2 labels, found ${names.length}`);
  const index = new Map(names.map((n, i) => [n, i]));
  const counts = names.map(() => 0);
  const rows = sets.map((s) => {
    if (!s) return null;
    const v = names.map(() => 0);
    for (const l of s) {
      v[index.get(l)!] = 1;
      counts[index.get(l)!]++;
    }
    return v;
  });
  return { names, rows, counts, unlabeled: rows.filter((r) => r === null).length, source };
}
