/** ClassLabel-style label names: integers in numeric order, strings sorted, empty means unlabeled. */
import { DataError, Table } from './records';

export const MAX_CLASSES = 1000;

export interface LabelSet { names: string[]; ids: (number | null)[]; unlabeled: number; counts: number[] }

export function buildLabels(t: Table, column: string, given?: string[]): LabelSet {
  const raw = t.rows.map((r) => (r[column] ?? '').trim());
  const present = [...new Set(raw.filter((v) => v !== ''))];
  let names: string[];
  if (given) {
    names = [...given];
    const unknown = present.find((v) => !names.includes(v));
    if (unknown !== undefined) throw new DataError(`${t.file}: label '${unknown}' in column ${column} is not one of the model's labels (${names.join(', ')})`);
  } else {
    if (present.length > MAX_CLASSES || (present.length > 50 && present.length > raw.length / 2)) {
      throw new DataError(`${t.file}: column ${column} has ${present.length} distinct values in ${raw.length} rows: it looks like free text or ids, not labels; choose the label column with --label`);
    }
    const ints = present.every((v) => /^-?\d+$/.test(v));
    names = ints ? present.sort((a, b) => Number(a) - Number(b)) : present.sort();
  }
  if (names.length < 2) throw new DataError(`${t.file}: column ${column} has ${names.length === 1 ? `only the class '${names[0]}'` : 'no labels'}; classification needs at least 2 classes`);
  const index = new Map(names.map((n, i) => [n, i]));
  const ids = raw.map((v) => (v === '' ? null : index.get(v)!));
  const counts = names.map(() => 0);
  for (const id of ids) if (id !== null) counts[id]++;
  return { names, ids, unlabeled: ids.filter((i) => i === null).length, counts };
}
