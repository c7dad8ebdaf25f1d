/** The token-length distribution of a data file against max_length: how many rows get truncated. */
export interface LengthHistogram {
  /** Bin edges: bin i counts lengths in [edges[i], edges[i+1]). */
  edges: number[];
  counts: number[];
  maxLength: number;
  /** Rows longer than maxLength (they lose their tail). */
  truncated: number;
  /** Rows measured (all of them unless the file has more than `limit`). */
  measured: number;
  p50: number;
  p95: number;
  longest: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0;

export function lengthHistogram(lengths: number[], maxLength: number, bins = 16): LengthHistogram {
  const sorted = [...lengths].sort((a, b) => a - b);
  const longest = sorted[sorted.length - 1] ?? 0;
  const top = Math.max(longest + 1, maxLength + 1);
  const width = Math.max(1, Math.ceil(top / bins));
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * width);
  const counts = new Array<number>(bins).fill(0);
  for (const n of lengths) counts[Math.min(bins - 1, Math.floor(n / width))]++;
  return {
    edges,
    counts,
    maxLength,
    truncated: lengths.filter((n) => n > maxLength).length,
    measured: lengths.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    longest,
  };
}
