/**
 * Entity-level scores the way seqeval computes them in strict IOB2 mode
 * (`classification_report(mode='strict', scheme=IOB2)`): an entity is a B-X tag and the
 * I-X tags right after it; an I-X that does not continue an X entity starts nothing;
 * a predicted entity counts only when its type, start and end all match a true one.
 */
export interface Entity {
  type: string;
  /** Index of the first and one past the last tag. */
  start: number;
  end: number;
}

export interface EntityScores {
  precision: number;
  recall: number;
  f1: number;
  /** Number of true entities. */
  support: number;
}

export interface TokenMetrics {
  overall: EntityScores;
  per_type: ({ type: string } & EntityScores)[];
  /** Fraction of labelled tokens whose tag was predicted exactly. */
  accuracy: number;
}

/** Splits 'B-PER' into ['B', 'PER']; 'O' (or anything without a B-/I- prefix) is outside. */
function parseTag(tag: string): { prefix: 'B' | 'I' | 'O'; type: string } {
  const m = /^([BI])[-_](.+)$/.exec(tag);
  return m ? { prefix: m[1] as 'B' | 'I', type: m[2] } : { prefix: 'O', type: '' };
}

export function entitiesOf(tags: string[]): Entity[] {
  const out: Entity[] = [];
  let open: Entity | null = null;
  const close = () => {
    if (open) out.push(open);
    open = null;
  };
  tags.forEach((tag, i) => {
    const { prefix, type } = parseTag(tag);
    if (prefix === 'I' && open && open.type === type) {
      open.end = i + 1;
      return;
    }
    close();
    if (prefix === 'B') open = { type, start: i, end: i + 1 };
  });
  close();
  return out;
}

const div = (a: number, b: number) => (b === 0 ? 0 : a / b);

function scores(tp: number, predicted: number, actual: number): EntityScores {
  const precision = div(tp, predicted);
  const recall = div(tp, actual);
  return { precision, recall, f1: div(2 * precision * recall, precision + recall), support: actual };
}

/** Scores for sentences of tags (true and predicted aligned word by word). */
export function tokenMetrics(actual: string[][], predicted: string[][]): TokenMetrics {
  const counts = new Map<string, { tp: number; predicted: number; actual: number }>();
  const count = (type: string) => {
    let c = counts.get(type);
    if (!c) counts.set(type, (c = { tp: 0, predicted: 0, actual: 0 }));
    return c;
  };
  let right = 0;
  let total = 0;
  actual.forEach((tags, s) => {
    const pred = predicted[s];
    if (pred.length !== tags.length)
      throw new Error(`sentence ${s}: ${pred.length} predicted tags for ${tags.length} words`);
    tags.forEach((t, i) => {
      total++;
      if (pred[i] === t) right++;
    });
    const key = (e: Entity) => `${e.type}\u0000${e.start}\u0000${e.end}`;
    const truth = new Set(entitiesOf(tags).map(key));
    for (const e of entitiesOf(tags)) count(e.type).actual++;
    for (const e of entitiesOf(pred)) {
      const c = count(e.type);
      c.predicted++;
      if (truth.has(key(e))) c.tp++;
    }
  });
  const types = [...counts.keys()].sort();
  const sum = (k: 'tp' | 'predicted' | 'actual') => [...counts.values()].reduce((a, c) => a + c[k], 0);
  return {
    overall: scores(sum('tp'), sum('predicted'), sum('actual')),
    per_type: types.map((type) => {
      const c = counts.get(type)!;
      return { type, ...scores(c.tp, c.predicted, c.actual) };
    }),
    accuracy: div(right, total),
  };
}
