/** ClassLabel-style label names: integers in numeric order, strings sorted, empty means unlabeled. */
import { DataError, Table } from '../../shared/data/records';

export const MAX_CLASSES = 1000;

export interface LabelSet {
  names: string[];
  ids: (number | null)[];
  unlabeled: number;
  counts: number[];
  /** Distinct labels that are one number written differently (1, 01, 1.0): kept apart, but said. */
  warning: string | null;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Label names that are the same number written in different ways, grouped; [] when there are none. */
export function sameNumberLabels(names: string[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const n of names) if (NUMBER.test(n)) groups.set(Number(n), [...(groups.get(Number(n)) ?? []), n]);
  return [...groups.values()].filter((g) => g.length > 1);
}

/** Class names from the distinct non-empty values of a label column of `rows` rows, or the reason they are not labels. */
export function nameLabels(present: string[], rows: number, file: string, column: string, given?: string[]): string[] {
  let names: string[];
  if (given) {
    names = [...given];
    const unknown = present.find((v) => !names.includes(v));
    if (unknown !== undefined)
      throw new DataError(
        `${file}: label '${unknown}' in column ${column} is not one of the model's labels (${names.join(', ')})`,
      );
  } else {
    if (present.length > MAX_CLASSES || (present.length > 50 && present.length > rows / 2)) {
      throw new DataError(
        `${file}: column ${column} has ${present.length} distinct values in ${rows} rows: it looks like free text or ids, not labels; choose the label column with --label`,
      );
    }
    const ints = present.every((v) => /^-?\d+$/.test(v));
    names = ints ? [...present].sort((a, b) => Number(a) - Number(b)) : [...present].sort();
  }
  if (names.length < 2)
    throw new DataError(
      `${file}: column ${column} has ${names.length === 1 ? `only the class '${names[0]}'` : 'no labels'}; classification needs at least 2 classes`,
    );
  return names;
}

export function buildLabels(t: Table, column: string, given?: string[]): LabelSet {
  const raw = t.rows.map((r) => (r[column] ?? '').trim());
  const names = nameLabels([...new Set(raw.filter((v) => v !== ''))], raw.length, t.file, column, given);
  const index = new Map(names.map((n, i) => [n, i]));
  const ids = raw.map((v) => (v === '' ? null : index.get(v)!));
  const counts = names.map(() => 0);
  for (const id of ids) if (id !== null) counts[id]++;
  const same = sameNumberLabels(names);
  const warning = same.length
    ? `${t.file}: column ${column} has labels that are the same number written differently (${same.map((g) => g.join(', ')).join('; ')}); they are trained as different classes: write each class one way`
    : null;
  return { names, ids, unlabeled: ids.filter((i) => i === null).length, counts, warning };
}
