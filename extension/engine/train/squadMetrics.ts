/** SQuAD v1.1's official answer normalisation, exact match and token F1 (in percent, like the script). */
export function normalizeAnswer(s: string): string {
  const lower = s.toLowerCase();
  const noPunct = Array.from(lower)
    .filter((ch) => !/[!-/:-@[-`{-~]/.test(ch))
    .join('');
  const noArticles = noPunct.replace(/\b(a|an|the)\b/g, ' ');
  return noArticles.split(/\s+/).filter(Boolean).join(' ');
}

export function exactMatch(prediction: string, truth: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(truth) ? 1 : 0;
}

export function f1Score(prediction: string, truth: string): number {
  const p = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const t = normalizeAnswer(truth).split(' ').filter(Boolean);
  const counts = new Map<string, number>();
  for (const w of t) counts.set(w, (counts.get(w) ?? 0) + 1);
  let same = 0;
  for (const w of p) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      same++;
      counts.set(w, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / t.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Max over the gold answers per question, averaged, ×100. */
export function squadScores(
  predictions: Map<string, string>,
  golds: Map<string, string[]>,
): { exact_match: number; f1: number } {
  let em = 0,
    f1 = 0;
  for (const [id, answers] of golds) {
    const p = predictions.get(id) ?? '';
    const g = answers.length ? answers : [''];
    em += Math.max(...g.map((t) => exactMatch(p, t)));
    f1 += Math.max(...g.map((t) => f1Score(p, t)));
  }
  const n = Math.max(1, golds.size);
  return { exact_match: (100 * em) / n, f1: (100 * f1) / n };
}
