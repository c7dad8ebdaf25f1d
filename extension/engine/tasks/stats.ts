/** The data summary every task reports (rows, labels, token lengths), in train/dataset.ts's DataStats shape. */
import type { DataStats } from '../../shared/runs/trainEvent';
import { Rng } from '../../shared/rng';
import { shuffled } from '../data/split';

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export function dataStats(
  rows: number,
  unlabeled: number,
  labelCounts: Record<string, number>,
  untruncatedLengths: number[],
  maxLength: number,
): DataStats {
  const lengths = [...untruncatedLengths].sort((a, b) => a - b);
  return {
    rows,
    labeled: rows - unlabeled,
    unlabeled,
    label_counts: labelCounts,
    token_length: {
      p50: pct(lengths, 50),
      p90: pct(lengths, 90),
      p95: pct(lengths, 95),
      p99: pct(lengths, 99),
      max: lengths[lengths.length - 1] ?? 0,
    },
    truncated: lengths.filter((l) => l > maxLength).length,
    max_length: maxLength,
  };
}

/** A seeded split of `count` items: test_size of them (at least one, when there are two or more) for validation. */
export function seededSplit(count: number, testSize: number, seed: number): { train: number[]; validation: number[] } {
  if (!(testSize > 0 && testSize < 1)) throw new Error(`test_size must be between 0 and 1, got ${testSize}`);
  const order = shuffled(
    Array.from({ length: count }, (_, i) => i),
    new Rng(seed),
  );
  const n = count < 2 ? 0 : Math.max(1, Math.min(count - 1, Math.round(testSize * count)));
  return {
    train: order.slice(n).sort((a, b) => a - b),
    validation: order.slice(0, n).sort((a, b) => a - b),
  };
}
