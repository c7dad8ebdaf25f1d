/** Which rows the labeler walks through, in which order: filter, text search, and uncertainty first when asked. */
import { orderByUncertainty, UncertaintyMeasure } from '../../extension/shared/uncertainty';

export type Order = 'file' | UncertaintyMeasure;
/** 'all', 'unlabeled', 'labeled', or 'label:<name>'. */
export type Filter = string;

export interface ViewInput {
  rows: number;
  rowLabels: Int32Array;
  labels: string[];
  filter: Filter;
  /** Rows matching the text search; null when there is none. */
  matches: Set<number> | null;
  order: Order;
  /** Probabilities of suggested rows. */
  suggestions: Map<number, number[]>;
}

export function passes(v: ViewInput, row: number): boolean {
  const l = v.rowLabels[row];
  if (v.filter === 'unlabeled' && l >= 0) return false;
  if (v.filter === 'labeled' && l < 0) return false;
  if (v.filter.startsWith('label:') && v.labels[l] !== v.filter.slice(6)) return false;
  return !v.matches || v.matches.has(row);
}

/** The rows to show; with an uncertainty order, unlabeled suggested rows come first, least certain first, then the rest in file order. */
export function computeView(v: ViewInput): number[] {
  const out: number[] = [];
  for (let r = 0; r < v.rows; r++) if (passes(v, r)) out.push(r);
  if (v.order === 'file' || !v.suggestions.size) return out;
  const scored = out
    .filter((r) => v.rowLabels[r] < 0 && v.suggestions.has(r))
    .map((row) => ({ row, probs: v.suggestions.get(row)! }));
  const first = orderByUncertainty(scored, v.order);
  const taken = new Set(first);
  return [...first, ...out.filter((r) => !taken.has(r))];
}

/** Keys for labels: 1–9, then letters other than j and k (which move). */
export const LABEL_KEYS = [...'123456789', ...'abcdefghilmnopqrstuvwxyz'];
