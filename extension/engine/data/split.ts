import { Rng } from '../../shared/rng';
/** Seeded, stratified train/validation split (test_size per class, at least one each where possible). */

export function shuffled<T>(items: T[], rng: Rng): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Indices of rows with a label, split per class; unlabeled rows go to neither side. */
export function stratifiedSplit(
  labels: (number | null)[],
  testSize: number,
  seed: number,
): { train: number[]; validation: number[] } {
  if (!(testSize > 0 && testSize < 1)) throw new Error(`test_size must be between 0 and 1, got ${testSize}`);
  const rng = new Rng(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => {
    if (l !== null) byClass.set(l, [...(byClass.get(l) ?? []), i]);
  });
  const train: number[] = [];
  const validation: number[] = [];
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = shuffled(byClass.get(cls)!, rng);
    const n = rows.length < 2 ? 0 : Math.max(1, Math.min(rows.length - 1, Math.round(testSize * rows.length)));
    validation.push(...rows.slice(0, n));
    train.push(...rows.slice(n));
  }
  return { train: train.sort((a, b) => a - b), validation: validation.sort((a, b) => a - b) };
}
