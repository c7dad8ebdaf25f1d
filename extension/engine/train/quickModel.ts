/**
 * The labeler's quick model: frozen-encoder mode on the rows labelled so far.
 * The encoder's pooled features are computed once per text (one warm session,
 * cached), so each retrain is only the classifier head — the trainer's head
 * step graph on cached features — and then probabilities for the rows asked about.
 */
import type { HostTensor } from '../tensor';
import { BertConfig, withLabels } from '../bert/config';
import { isHead, parameterSpecs } from '../bert/params';
import { initParameter } from '../bert/init';
import { loadModel } from '../bert/loadModel';
import type { BertTokenizer } from '../tokenize/bertTokenizer';
import { Session, SessionOptions } from '../runtime/ort';
import { batchesOf, collate, epochOrder } from '../data/batches';
import { buildHeadStep } from './stepGraph';
import { FeatureExample, collateFeatures } from './features';
import { TrainingStep } from './trainingStep';
import { Evaluator } from './evaluate';
import { ADAMW_DEFAULTS } from './adamw';
import { Rng } from '../../shared/rng';
import { buildForward } from '../bert/forward';
import { softmax } from '../bert/logits';

export interface QuickItem {
  text: string;
  pair?: string;
}
export interface QuickRequest {
  /** The label names; train labels are indices into them and probabilities come in this order. */
  labels: string[];
  train: (QuickItem & { label: number })[];
  predict: QuickItem[];
  seed?: number;
}
export interface QuickResult {
  probs: number[][];
  trained: number;
  extracted: number;
}

const MAX_LENGTH = 128;
const BATCH = 16;
const EPOCHS = 30;
const LEARNING_RATE = 5e-3;
/** About 3 KB per cached text with bert-base: 50,000 texts stay under 160 MB. */
const MAX_CACHED = 50_000;

const keyOf = (x: QuickItem) => (x.pair === undefined ? x.text : `${x.text}\u0000${x.pair}`);

export class QuickModel {
  private readonly cache = new Map<string, Float32Array>();

  private constructor(
    private readonly config: BertConfig,
    private readonly tokenizer: BertTokenizer,
    private readonly encoder: Session,
    private readonly opts: SessionOptions,
  ) {}

  /** The base model's encoder in one warm session (the pooled output is the feature). */
  static async load(ref: string, opts: SessionOptions = {}): Promise<QuickModel> {
    const m = await loadModel(ref, 'base');
    if (!m.weights.params.has('bert.pooler.dense.weight'))
      throw new Error(`${ref} has no pooler, which the quick model's features come from`);
    const encoder = await Session.fromGraph(
      buildForward(m.config, 'base', parameterSpecs(m.config, 'base'), m.weights.params),
      opts,
      'quick-model features',
    );
    return new QuickModel(m.config, m.tokenizer, encoder, opts);
  }

  /** Features of each item, computing only those not cached yet; returns them and how many were computed. */
  async features(items: QuickItem[]): Promise<{ features: Float32Array[]; extracted: number }> {
    const missing = [...new Map(items.filter((x) => !this.cache.has(keyOf(x))).map((x) => [keyOf(x), x])).values()];
    const h = this.config.hiddenSize;
    for (const batch of batchesOf(missing, BATCH)) {
      const hasPairs = batch.some((x) => x.pair !== undefined);
      const enc = await this.tokenizer.encodeBatch(
        batch.map((x) => x.text),
        hasPairs ? batch.map((x) => x.pair ?? '') : null,
        { maxLength: MAX_LENGTH, truncation: 'longest_first' },
      );
      const { input_ids, attention_mask, token_type_ids } = collate(
        enc.map((e) => ({ inputIds: e.inputIds, tokenTypeIds: e.tokenTypeIds, label: 0 })),
        this.tokenizer.tokenToId(this.tokenizer.config.padToken) ?? 0,
      );
      const out = await this.encoder.run({ input_ids, attention_mask, token_type_ids }, {}, ['pooler_output']);
      const pooled = out.pooler_output.data as Float32Array;
      batch.forEach((x, i) => this.remember(keyOf(x), pooled.slice(i * h, (i + 1) * h)));
    }
    return { features: items.map((x) => this.cache.get(keyOf(x))!), extracted: missing.length };
  }

  private remember(key: string, f: Float32Array): void {
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, f);
  }

  /** Trains a fresh head on `train` and returns class probabilities for `predict`. */
  async suggest(r: QuickRequest): Promise<QuickResult> {
    checkRequest(r);
    const { features: raw, extracted } = await this.features([...r.train, ...r.predict]);
    const features = standardized(raw, r.train.length);
    const config = withLabels(this.config, r.labels);
    const head = parameterSpecs(config, 'cls').filter((s) => isHead(s.name));
    const rng = new Rng(r.seed ?? 42);
    const init = new Map<string, HostTensor>(head.map((s) => [s.name, initParameter(s.name, s.shape, config, rng)]));
    const examples = (from: number, items: QuickItem[]): FeatureExample[] =>
      items.map((x, i) => ({
        inputIds: [],
        tokenTypeIds: [],
        label: 'label' in x ? (x.label as number) : 0,
        features: features[from + i],
      }));
    const train = examples(0, r.train);
    const step = await TrainingStep.fromGraph(
      buildHeadStep(config, head, { ...ADAMW_DEFAULTS, weightDecay: 0.01 }),
      head,
      init,
      this.opts,
      undefined,
      false,
      'host',
      r.seed ?? 42,
    );
    let weights: Map<string, HostTensor>;
    try {
      for (let epoch = 0; epoch < EPOCHS; epoch++) {
        const order = epochOrder(train.length, r.seed ?? 42, epoch);
        for (const b of batchesOf(order, BATCH)) await step.run(collateFeatures(b.map((i) => train[i])), LEARNING_RATE);
      }
      weights = await step.weights();
    } finally {
      await step.release();
    }
    const probs: number[][] = [];
    if (r.predict.length) {
      const evaluator = await Evaluator.forHead(config, head, this.opts);
      try {
        const { logits } = await evaluator.logits(examples(r.train.length, r.predict), weights, 256);
        for (const l of logits) probs.push(softmax(l));
      } finally {
        await evaluator.release();
      }
    }
    return { probs, trained: train.length, extracted };
  }

  async release(): Promise<void> {
    await this.encoder.release();
  }
}

/**
 * Features scaled to zero mean and unit variance per dimension (statistics of the training rows): a linear
 * probe on pooled outputs learns in a few epochs at one learning rate whatever the encoder's scale.
 */
export function standardized(features: Float32Array[], trainCount: number): Float32Array[] {
  const h = features[0]?.length ?? 0;
  const n = Math.max(1, trainCount);
  const mean = new Float64Array(h),
    sq = new Float64Array(h);
  for (let i = 0; i < trainCount; i++)
    for (let d = 0; d < h; d++) {
      mean[d] += features[i][d];
      sq[d] += features[i][d] ** 2;
    }
  const scale = new Float64Array(h);
  for (let d = 0; d < h; d++) {
    mean[d] /= n;
    const variance = sq[d] / n - mean[d] ** 2;
    scale[d] = variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
  }
  return features.map((f) => Float32Array.from(f, (v, d) => (v - mean[d]) * scale[d]));
}

function checkRequest(r: QuickRequest): void {
  if (r.labels.length < 2) throw new Error('the quick model needs at least two labels');
  const bad = r.train.find((x) => !Number.isInteger(x.label) || x.label < 0 || x.label >= r.labels.length);
  if (bad) throw new Error(`label ${bad.label} is not one of the ${r.labels.length} labels`);
  const used = new Set(r.train.map((x) => x.label));
  if (used.size < 2)
    throw new Error(
      `label rows with at least two different labels first (${r.train.length} labelled so far${used.size ? `, all '${r.labels[[...used][0]]}'` : ''})`,
    );
}
