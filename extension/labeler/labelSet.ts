/**
 * The label set: the order the person chose (stored in the dataset record)
 * followed by any other value found in the label column. Values are trimmed and
 * an empty one means unlabeled, as the engine's reader has it.
 */
import { DocumentIndex, ScanError, cellValue } from './documentIndex';
import { TextEdit, labelEdit } from './labelEdit';

export interface LabelState {
  names: string[];
  /** Index into names per row; -1 for unlabeled. */
  rowLabels: Int32Array;
  counts: number[];
  labeled: number;
}

export function readLabels(index: DocumentIndex, text: string, column: number, stored: string[] = []): LabelState {
  const names = [...new Set(stored.map((s) => s.trim()).filter(Boolean))];
  const ids = new Map(names.map((n, i) => [n, i]));
  const rowLabels = new Int32Array(index.rows).fill(-1);
  const counts = names.map(() => 0);
  let labeled = 0;
  if (column >= 0) {
    for (let r = 0; r < index.rows; r++) {
      const v = cellValue(index, text, r, column).trim();
      if (!v) continue;
      let id = ids.get(v);
      if (id === undefined) {
        id = names.length;
        names.push(v);
        ids.set(v, id);
        counts.push(0);
      }
      rowLabels[r] = id;
      counts[id]++;
      labeled++;
    }
  }
  return { names, rowLabels, counts, labeled };
}

/** A label name as it will be written, or why it cannot be one. */
export function checkLabelName(name: string, names: string[]): string {
  const n = name.trim();
  if (!n) throw new ScanError('a label needs a name');
  if (names.includes(n)) throw new ScanError(`there is already a label '${n}'`);
  return n;
}

export function addLabel(names: string[], name: string): string[] {
  return [...names, checkLabelName(name, names)];
}

/** The new name for `from` (checked against the other labels) and the label set with it. */
export function renamedNames(names: string[], from: string, to: string): { name: string; names: string[] } {
  if (!names.includes(from)) throw new ScanError(`there is no label '${from}'`);
  const name = checkLabelName(
    to,
    names.filter((n) => n !== from),
  );
  return { name, names: names.map((n) => (n === from ? name : n)) };
}

/** The new label set and the edits that rename every row holding `from`. */
export function renameLabel(
  index: DocumentIndex,
  text: string,
  column: string,
  state: LabelState,
  from: string,
  to: string,
): { names: string[]; edits: TextEdit[] } {
  const { name, names } = renamedNames(state.names, from, to);
  const id = state.names.indexOf(from);
  const edits: TextEdit[] = [];
  if (index.columns.includes(column)) {
    for (let r = 0; r < index.rows; r++) {
      if (state.rowLabels[r] !== id) continue;
      const e = labelEdit(index, text, r, column, name);
      if (e) edits.push(e);
    }
  }
  return { names, edits };
}

/** The label set without `name`, which must be unused. */
export function removeLabel(state: LabelState, name: string): string[] {
  const id = state.names.indexOf(name);
  if (id < 0) throw new ScanError(`there is no label '${name}'`);
  if (state.counts[id] > 0)
    throw new ScanError(
      `'${name}' is still on ${state.counts[id]} row${state.counts[id] === 1 ? '' : 's'}; relabel or rename them first`,
    );
  return state.names.filter((n) => n !== name);
}
