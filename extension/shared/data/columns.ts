/** Which columns hold the text, the optional second text and the label: by name, then by content. */
import { DataError, Table } from './records';

export interface ColumnMapping {
  text: string;
  textPair: string | null;
  label: string | null;
}

const TEXT_NAMES = [
  'text',
  'sentence',
  'review',
  'content',
  'document',
  'body',
  'comment',
  'message',
  'question',
  'sentence1',
  'text_a',
];
const PAIR_NAMES = ['text_pair', 'sentence2', 'text_b', 'hypothesis', 'context'];
const LABEL_NAMES = ['label', 'labels', 'class', 'category', 'target', 'sentiment', 'intent', 'y', 'score', 'rating'];

const find = (columns: string[], names: string[]) =>
  names.map((n) => columns.find((c) => c.toLowerCase() === n)).find((c) => c !== undefined) ?? null;
const numeric = (v: string) => v.trim() !== '' && Number.isFinite(Number(v));

function byContent(t: Table, exclude: (string | null)[]): { text: string | null; label: string | null } {
  const sample = t.rows.slice(0, 2000);
  const stats = t.columns
    .filter((c) => !exclude.includes(c))
    .map((c) => {
      const values = sample.map((r) => r[c] ?? '');
      const filled = values.filter((v) => v.trim() !== '');
      return {
        c,
        avgLength: filled.reduce((s, v) => s + v.length, 0) / Math.max(1, filled.length),
        numericShare: filled.filter(numeric).length / Math.max(1, filled.length),
        distinct: new Set(filled).size,
        filled: filled.length,
      };
    });
  const text =
    stats.filter((s) => s.numericShare < 0.5 && s.avgLength >= 8).sort((a, b) => b.avgLength - a.avgLength)[0]?.c ??
    null;
  const label =
    stats
      .filter((s) => s.c !== text && s.distinct >= 2 && s.distinct <= Math.max(2, Math.min(100, s.filled / 5)))
      .sort((a, b) => a.distinct - b.distinct)[0]?.c ?? null;
  return { text, label };
}

export function detectColumns(t: Table, explicit: Partial<ColumnMapping> = {}): ColumnMapping {
  for (const [role, name] of Object.entries(explicit)) {
    if (name && !t.columns.includes(name))
      throw new DataError(`${t.file}: no column '${name}' for the ${role} (columns: ${t.columns.join(', ')})`);
  }
  let text = explicit.text ?? find(t.columns, TEXT_NAMES);
  let label =
    explicit.label === undefined
      ? find(
          t.columns.filter((c) => c !== text),
          LABEL_NAMES,
        )
      : explicit.label;
  const guess = byContent(t, [text, label, explicit.textPair ?? null]);
  text ??= guess.text;
  if (label === undefined || label === null) label = explicit.label === null ? null : guess.label;
  if (!text)
    throw new DataError(`${t.file}: no text column found (columns: ${t.columns.join(', ')}); name one with --text`);
  const textPair =
    explicit.textPair ??
    find(
      t.columns.filter((c) => c !== text && c !== label),
      PAIR_NAMES,
    );
  return { text, textPair, label };
}
