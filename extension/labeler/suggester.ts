/**
 * The model in the loop: predictions for a window of unlabeled rows, from the
 * quick model (retrained in the engine after every few new labels) or from a
 * chosen fine-tuned model. One request at a time; labels that arrive meanwhile
 * queue one more run; results from before a source change or reset are dropped.
 */
import type { RowProbs, SuggestSource } from '../shared/protocol/labeler';

export interface SuggestItem {
  text: string;
  pair?: string;
}

/** What a run needs from the document, taken when it starts. */
export interface Snapshot {
  labels: string[];
  train: (SuggestItem & { label: number })[];
  candidates: (SuggestItem & { row: number })[];
}

export interface SuggestDeps {
  snapshot(): Snapshot | null;
  /** Probabilities (in `labels` order) for each item of `predict`. */
  quick(labels: string[], train: Snapshot['train'], predict: SuggestItem[]): Promise<number[][]>;
  /** Each label's score per text, from the chosen model; null when none is chosen. */
  model(predict: SuggestItem[]): Promise<{ label: string; score: number }[][] | null>;
  publish(source: SuggestSource, labels: string[], items: RowProbs[]): void;
  status(text: string, busy: boolean): void;
}

/** A finished model's scores laid out in the file's label order; its other labels are dropped. */
export function alignScores(labels: string[], scores: { label: string; score: number }[]): number[] {
  return labels.map((name) => scores.find((s) => s.label === name)?.score ?? 0);
}

export class Suggester {
  source: SuggestSource = 'off';
  private generation = 0;
  private running = false;
  private again = false;
  private newLabels = 0;

  constructor(
    private readonly deps: SuggestDeps,
    readonly retrainEvery = 10,
  ) {}

  setSource(source: SuggestSource): void {
    this.source = source;
    this.generation++;
    if (source === 'off') {
      this.deps.publish('off', [], []);
      this.deps.status('', false);
    } else {
      void this.run();
    }
  }

  /** A row got a label: after `retrainEvery` of them, the suggestions are recomputed (the quick model retrained). */
  labeled(): void {
    if (this.source === 'off' || ++this.newLabels < this.retrainEvery) return;
    void this.run();
  }

  /** The document changed beyond labels: results in flight refer to old rows. */
  invalidate(): void {
    this.generation++;
    if (this.source !== 'off') void this.run();
  }

  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.newLabels = 0;
    const generation = this.generation;
    const source = this.source;
    try {
      const snap = this.deps.snapshot();
      if (!snap) return;
      if (!snap.candidates.length) {
        this.deps.status('No unlabeled rows left to suggest for.', false);
        return;
      }
      this.deps.status(
        source === 'quick'
          ? `Training the quick model on ${snap.train.length} labeled rows…`
          : 'Predicting with the chosen model…',
        true,
      );
      let probs: number[][];
      if (source === 'quick') {
        probs = await this.deps.quick(snap.labels, snap.train, snap.candidates);
      } else {
        const scores = await this.deps.model(snap.candidates);
        if (!scores) {
          this.deps.status('No model chosen.', false);
          return;
        }
        const names = new Set(scores.flat().map((s) => s.label));
        if (!snap.labels.some((l) => names.has(l)))
          throw new Error(
            `the model's labels (${[...names].join(', ')}) are not this file's (${snap.labels.join(', ')})`,
          );
        probs = scores.map((s) => alignScores(snap.labels, s));
      }
      if (generation !== this.generation) return;
      this.deps.publish(
        source,
        snap.labels,
        snap.candidates.map((c, i) => ({ row: c.row, probs: probs[i] })),
      );
      this.deps.status(
        source === 'quick'
          ? `Quick model trained on ${snap.train.length} rows; suggestions for ${snap.candidates.length} unlabeled rows.`
          : `Suggestions for ${snap.candidates.length} unlabeled rows.`,
        false,
      );
    } catch (e) {
      if (generation === this.generation) this.deps.status(`Suggestions unavailable: ${(e as Error).message}`, false);
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    }
  }
}
