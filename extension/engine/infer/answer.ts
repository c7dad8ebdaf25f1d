/** Extractive question answering with a fine-tuned model: the best spans of the context, with probabilities and character offsets. */
import { loadModel, LoadedModel } from '../bert/loadModel';
import { parameterSpecs } from '../bert/params';
import { Session, SessionOptions } from '../runtime/ort';
import { collate } from '../data/batches';
import { Answer, bestSpans, qaFeatures } from '../train/qaFeatures';
import { buildForward } from '../bert/forward';
import { softmax } from '../bert/logits';

export class QuestionAnswerer {
  private constructor(
    readonly model: LoadedModel,
    private readonly session: Session,
  ) {}

  static async load(ref: string, opts: SessionOptions = {}): Promise<QuestionAnswerer> {
    const model = await loadModel(ref, 'qa');
    if (model.notice)
      throw new Error(
        `${ref} is not a fine-tuned question-answering model (${model.weights.newlyInitialized.join(', ')} missing)`,
      );
    const graph = buildForward(model.config, 'qa', parameterSpecs(model.config, 'qa'), model.weights.params);
    return new QuestionAnswerer(model, await Session.fromGraph(graph, opts, 'question answering'));
  }

  /** The top answers, best first; long contexts are read in windows of maxLength with a stride. */
  async answer(
    question: string,
    context: string,
    opts: { maxLength?: number; stride?: number; topK?: number } = {},
  ): Promise<Answer[]> {
    const maxLength = opts.maxLength ?? Math.min(384, this.model.tokenizer.maxLength);
    const features = await qaFeatures(
      [{ id: '0', question, context, answers: [] }],
      this.model.tokenizer,
      maxLength,
      opts.stride ?? Math.min(128, Math.floor(maxLength / 2)),
    );
    const { input_ids, attention_mask, token_type_ids } = collate(features);
    const out = await this.session.run({ input_ids, attention_mask, token_type_ids });
    const t = out.start_logits.shape[1];
    for (const name of ['start_logits', 'end_logits'])
      if ((out[name].data as Float32Array).some((v) => !Number.isFinite(v)))
        throw new Error(`${this.model.folder}: the model's ${name} hold NaN or infinite values for this input`);
    const windows = features.map((f, i) => {
      // Probabilities over the real tokens of the window, as the Transformers pipeline scores spans.
      const real = f.inputIds.length;
      const probs = (x: Float32Array) => [...softmax(x.subarray(i * t, i * t + real)), ...new Array(t - real).fill(0)];
      return {
        start: probs(out.start_logits.data as Float32Array),
        end: probs(out.end_logits.data as Float32Array),
        offsets: f.contextOffsets,
      };
    });
    return bestSpans(
      context,
      windows.map((w) => ({ ...w, start: w.start.map(Math.log), end: w.end.map(Math.log) })),
    )
      .slice(0, opts.topK ?? 5)
      .map((a) => ({ ...a, score: Math.exp(a.score) }));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
