/** The Split command's input boxes and its report, without VS Code: what a valid fraction and seed are, and the one-line summary of what was written. */
import * as path from 'node:path';
import type { SplitResult } from '../engine/process/protocol';

export const DEFAULT_VALIDATION_FRACTION = 0.2;
export const DEFAULT_SEED = 42;

/** A fraction strictly between 0 and 1 ("0.2", "20%"), or null. */
export function parseFraction(raw: string): number | null {
  const t = raw.trim();
  const percent = t.endsWith('%');
  const n = Number(percent ? t.slice(0, -1) : t);
  if (t === '' || t === '%' || !Number.isFinite(n)) return null;
  const f = percent ? n / 100 : n;
  return f > 0 && f < 1 ? f : null;
}

/** A non-negative integer seed, or null. */
export function parseSeed(raw: string): number | null {
  const t = raw.trim();
  return /^\d{1,15}$/.test(t) ? Number(t) : null;
}

/** "Wrote x.train.csv (264 rows) and x.validation.csv (66 rows); validation per label: cooking 22, sports 22, weather 20." */
export function splitReport(r: SplitResult): string {
  const perLabel = Object.entries(r.validationCounts)
    .filter(([l]) => l !== '')
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  const unlabeled = r.trainCounts[''] ? `; ${r.trainCounts['']} unlabeled rows kept in the training file` : '';
  return `Wrote ${path.basename(r.train)} (${r.trainRows} rows) and ${path.basename(r.validation)} (${r.validationRows} rows); validation per label: ${perLabel}${unlabeled}.`;
}
