/** Multi-label inference: every label's probability, and whether it reaches the label's threshold (thresholds.json, else 0.5). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TaskPredictor } from '../predictor';
import { sigmoid } from './metrics';

/** Per-label decision thresholds saved with a multi-label model. */
export const THRESHOLDS_FILE = 'thresholds.json';

export interface LabelDecision {
  label: string;
  score: number;
  threshold: number;
  selected: boolean;
}

/** The thresholds saved with a model, by label; labels it lacks (or no file) get 0.5. */
export function readThresholds(folder: string, labels: string[]): number[] {
  const file = path.join(folder, THRESHOLDS_FILE);
  if (!fs.existsSync(file)) return labels.map(() => 0.5);
  let saved: Record<string, unknown>;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return labels.map((l) => {
    const t = saved[l];
    if (t === undefined) return 0.5;
    if (typeof t !== 'number' || !(t > 0 && t < 1)) throw new Error(`${file}: threshold of '${l}' must be in (0, 1)`);
    return t;
  });
}

export async function decideLabels(
  p: TaskPredictor,
  texts: string[],
  pairs: string[] | null,
): Promise<LabelDecision[][]> {
  const labels = p.model.config.id2label;
  const thresholds = readThresholds(p.model.folder, labels);
  const { logits } = await p.run(texts, pairs);
  return logits.map((l) =>
    l[0]
      .map((x, c) => ({
        label: labels[c],
        score: sigmoid(x),
        threshold: thresholds[c],
        selected: sigmoid(x) >= thresholds[c],
      }))
      .sort((a, b) => b.score - a.score),
  );
}
