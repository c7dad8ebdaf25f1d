/**
 * How long a fine-tune would take on this machine, and its faster alternatives: the engine's `estimate` answer,
 * checked where it arrives (host and setup page), and the rule that decides when the page offers the alternatives.
 */
import { isNum, isObj, isStr, nullOr } from '../validate';

/** One way to train: its model and mode, and the run's total from a measured (or scaled) step. */
export interface EtaOption {
  model: string;
  mode: 'full' | 'frozen';
  /** The whole run: steps × secondsPerStep + features (frozen) + evaluation passes. */
  seconds: number;
  secondsPerStep: number;
  steps: number;
  /** Frozen mode: the encoder's pass over every example, once. */
  featureSeconds: number;
  evalSeconds: number;
  /** Steps measured on this machine, or scaled from another model's measured step. */
  measured: boolean;
  /** "measured 3 steps" or "estimated from bert-base-uncased's measured step (FLOP ratio 0.07)". */
  basis: string;
}

export interface Estimate {
  full: EtaOption;
  /** Null where the task has no frozen mode (only single-label classification has). */
  frozen: EtaOption | null;
  /** Null when no known model is smaller than this one. */
  smaller: EtaOption | null;
  /** Why an alternative is missing, and what the numbers leave out. */
  notes: string[];
}

/** A full fine-tune over this is worth offering the faster ways (issue 16: "over 30 minutes"). */
export const OFFER_OVER_SECONDS = 30 * 60;

const isFinitePos = (x: unknown): x is number => isNum(x) && Number.isFinite(x) && x >= 0;

export const isEtaOption = (x: unknown): x is EtaOption =>
  isObj(x) &&
  isStr(x.model) &&
  (x.mode === 'full' || x.mode === 'frozen') &&
  isFinitePos(x.seconds) &&
  isFinitePos(x.secondsPerStep) &&
  Number.isInteger(x.steps) &&
  isFinitePos(x.featureSeconds) &&
  isFinitePos(x.evalSeconds) &&
  typeof x.measured === 'boolean' &&
  isStr(x.basis);

export const isEstimate = (x: unknown): x is Estimate =>
  isObj(x) &&
  isEtaOption(x.full) &&
  nullOr(isEtaOption)(x.frozen) &&
  nullOr(isEtaOption)(x.smaller) &&
  Array.isArray(x.notes) &&
  x.notes.every(isStr);

/** The faster ways worth offering: none unless the full run is over `thresholdSeconds`, and only those faster than it. */
export function etaOffers(e: Estimate, thresholdSeconds = OFFER_OVER_SECONDS): EtaOption[] {
  if (e.full.seconds <= thresholdSeconds) return [];
  return [e.frozen, e.smaller].filter((o): o is EtaOption => !!o && o.seconds < e.full.seconds);
}

/** "about 2 h 10 min", "about 4 min", "under a minute". */
export function aboutDuration(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `about ${h} h${m ? ` ${m} min` : ''}`;
}

/** A BERT encoder's shape: what its step's arithmetic depends on. */
export interface EncoderShape {
  layers: number;
  hidden: number;
  intermediate: number;
  vocab: number;
}

/**
 * Multiply-adds ×2 of one token's forward pass through the encoder at sequence length `seqLen`: per layer the
 * Q, K, V and output projections (4·H²), the feed-forward pair (2·H·I), and attention's scores and context
 * (2·T·H). Training (forward + backward ≈ 3× forward) and batch size scale two shapes alike, so their ratio holds.
 */
export function encoderFlopsPerToken(s: EncoderShape, seqLen: number): number {
  return 2 * s.layers * (4 * s.hidden * s.hidden + 2 * s.hidden * s.intermediate + 2 * seqLen * s.hidden);
}

/** Parameters of the encoder (embeddings and layers' matrices), to rank models by size. */
export function encoderParameters(s: EncoderShape): number {
  return s.vocab * s.hidden + s.layers * (4 * s.hidden * s.hidden + 2 * s.hidden * s.intermediate);
}

/**
 * A smaller model's step from a measured one. The arithmetic part (forward and backward ≈ 3 forward passes of the
 * batch, its forward timed on its own) scales by the FLOP ratio; the rest of the step (AdamW and the gradients of
 * every parameter, the embeddings' included) by the parameter ratio.
 */
export function scaledStepSeconds(
  step: { seconds: number; forwardSecondsPerExample: number; batch: number },
  ratio: { flops: number; parameters: number },
): number {
  const arithmetic = Math.min(step.seconds, 3 * step.forwardSecondsPerExample * step.batch);
  return arithmetic * ratio.flops + (step.seconds - arithmetic) * ratio.parameters;
}

/** Well-known small BERTs the page can suggest when none is on this machine, smallest last. */
export const SMALL_MODELS: { id: string; shape: EncoderShape }[] = [
  {
    id: 'sentence-transformers/all-MiniLM-L6-v2',
    shape: { layers: 6, hidden: 384, intermediate: 1536, vocab: 30522 },
  },
  { id: 'google/bert_uncased_L-4_H-256_A-4', shape: { layers: 4, hidden: 256, intermediate: 1024, vocab: 30522 } },
];
