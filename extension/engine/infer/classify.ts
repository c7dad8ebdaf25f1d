/** Sequence classification with a fine-tuned model: one warm session, labels and probabilities for every class. */
import { loadModel, LoadedModel } from '../bert/loadModel';
import { parameterSpecs } from '../bert/params';
import { ExecutionProvider, Session, SessionOptions } from '../runtime/ort';
import { collate } from '../data/batches';
import { buildForward } from '../bert/forward';
import { softmax } from '../bert/logits';

export interface Prediction {
  label: string;
  score: number;
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
    const model = await loadModel(ref, 'cls');
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
    return buildForward(model.config, 'cls', parameterSpecs(model.config, 'cls'), model.weights.params);
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
    return texts.map((_, i) =>
      softmax(logits.subarray(i * k, (i + 1) * k))
        .map((score, c) => ({ label: this.model.config.id2label[c], score }))
        .sort((a, b) => b.score - a.score),
    );
  }

  async release(): Promise<void> {
    if (this.gpu) await (await this.gpu).release();
    await this.session.release();
  }
}
