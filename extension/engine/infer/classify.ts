/** Sequence classification with a fine-tuned model: one warm session, labels and probabilities for every class. */
import { loadModel, loadTokenizer, LoadedModel, taskOf } from '../bert/loadModel';
import { TASKS } from '../tasks/registry';
import { readThresholds } from '../tasks/multilabel/predict';
import { sigmoid } from '../tasks/multilabel/metrics';
import { parameterSpecs } from '../bert/params';
import { ExecutionProvider, Session, SessionOptions } from '../runtime/ort';
import { collate } from '../data/batches';
import { buildForward } from '../bert/forward';
import { softmax } from '../bert/logits';

export interface Prediction {
  label: string;
  score: number;
  /** Multi-label models: the label's decision threshold (thresholds.json, else 0.5) and whether the score reaches it. */
  threshold?: number;
  selected?: boolean;
}

/**
 * A single short selection runs on the CPU (no upload or kernel launch cost); batches of at least
 * GPU_BATCH texts use the GPU provider when one was selected. The threshold is a default, not yet
 * measured on a GPU.
 */
export const GPU_BATCH = 16;

export class Classifier {
  private gpu: Promise<Session> | null = null;

  private constructor(
    readonly model: LoadedModel,
    private readonly session: Session,
    private readonly gpuProvider: ExecutionProvider | null,
    private readonly opts: SessionOptions,
  ) {}

  static async load(ref: string, opts: SessionOptions = {}): Promise<Classifier> {
    // A multi-label model classifies too (a sigmoid per label); anything else is read as single-label.
    const { config } = await loadTokenizer(ref);
    const own = taskOf(config);
    const model = await loadModel(ref, own !== 'base' && TASKS[own].scores ? own : 'cls');
    if (model.notice)
      throw new Error(`${ref} is not a fine-tuned classifier (${model.weights.newlyInitialized.join(', ')} missing)`);
    const gpu = opts.executionProvider && opts.executionProvider !== 'cpu' ? opts.executionProvider : null;
    return new Classifier(
      model,
      await Session.fromGraph(Classifier.graph(model), { ...opts, executionProvider: 'cpu' }, 'classifier'),
      gpu,
      opts,
    );
  }

  private static graph(model: LoadedModel) {
    return buildForward(model.config, model.task, parameterSpecs(model.config, model.task), model.weights.params);
  }

  /** Multi-label models' thresholds, read once; null for single-label ones. */
  private thresholds: number[] | null | undefined;

  private predictions(row: ArrayLike<number>): Prediction[] {
    const labels = this.model.config.id2label;
    const task = this.model.task;
    this.thresholds ??=
      task !== 'base' && TASKS[task].scores === 'sigmoid' ? readThresholds(this.model.folder, labels) : null;
    const t = this.thresholds;
    const scored = t
      ? Array.from(row, (x, c) => ({
          label: labels[c],
          score: sigmoid(x),
          threshold: t[c],
          selected: sigmoid(x) >= t[c],
        }))
      : softmax(row).map((score, c) => ({ label: labels[c], score }));
    return scored.sort((a, b) => b.score - a.score);
  }

  private sessionFor(batch: number): Promise<Session> {
    if (!this.gpuProvider || batch < GPU_BATCH) return Promise.resolve(this.session);
    this.gpu ??= Session.fromGraph(
      Classifier.graph(this.model),
      { ...this.opts, executionProvider: this.gpuProvider },
      'classifier (GPU)',
    );
    return this.gpu;
  }

  /** Every label with its probability, best first (a pipeline with top_k=None). */
  async classify(texts: string[], pairs?: string[] | null, maxLength?: number): Promise<Prediction[][]> {
    const enc = await this.model.tokenizer.encodeBatch(texts, pairs ?? null, {
      maxLength,
      truncation: 'longest_first',
    });
    const batch = collate(
      enc.map((e) => ({ inputIds: e.inputIds, tokenTypeIds: e.tokenTypeIds, label: 0 })),
      this.model.tokenizer.tokenToId(this.model.tokenizer.config.padToken) ?? 0,
    );
    const { input_ids, attention_mask, token_type_ids } = batch;
    const session = await this.sessionFor(texts.length);
    const out = await session.run({ input_ids, attention_mask, token_type_ids });
    const k = out.logits.shape[1];
    const logits = out.logits.data as Float32Array;
    const bad = logits.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      throw new Error(
        `${this.model.folder}: the model's output for text ${Math.floor(bad / k) + 1} is ${logits[bad]}, not a number it can be scored by; its weights overflow on this input`,
      );
    return texts.map((_, i) => this.predictions(logits.subarray(i * k, (i + 1) * k)));
  }

  async release(): Promise<void> {
    if (this.gpu) await (await this.gpu).release();
    await this.session.release();
  }
}
