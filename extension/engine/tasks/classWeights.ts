/**
 * --class_weights for single-label and token classification: 'none', 'balanced'
 * (scikit-learn's n_samples / (n_classes · count), over the training targets) or
 * explicit 'w1,w2,…' in label order. The loss becomes torch's
 * F.cross_entropy(weight=w): Σ w[yᵢ]·(−log p(yᵢ)) / Σ w[yᵢ].
 */
export function classWeights(spec: string, counts: number[], labels: string[]): number[] | undefined {
  const s = spec.trim().toLowerCase();
  if (s === '' || s === 'none') return undefined;
  if (s === 'balanced') {
    const seen = counts.filter((c) => c > 0).length;
    const n = counts.reduce((a, b) => a + b, 0);
    // A class absent from training never is a target, so its weight does not matter: 1.
    return counts.map((c) => (c > 0 ? n / (seen * c) : 1));
  }
  const w = spec.split(',').map((x) => Number(x.trim()));
  if (w.length !== labels.length)
    throw new Error(
      `--class_weights has ${w.length} values for ${labels.length} labels (${labels.join(', ')}); give one per label in this order, or 'balanced'`,
    );
  const bad = w.findIndex((x) => !Number.isFinite(x) || x < 0);
  if (bad >= 0)
    throw new Error(`--class_weights: '${spec.split(',')[bad].trim()}' (label ${labels[bad]}) is not a number ≥ 0`);
  if (!w.some((x) => x > 0)) throw new Error('--class_weights: at least one weight must be positive');
  return w;
}
