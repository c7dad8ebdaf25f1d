/** A fine-tuned model of any registered task, warm: texts in, the head's logits out (per token where the task has them). */
import { loadModel, LoadedModel } from '../bert/loadModel';
import { parameterSpecs } from '../bert/params';
import { Session, SessionOptions } from '../runtime/ort';
import { buildForward } from '../bert/forward';
import { collate } from '../data/batches';
import type { Encoded } from '../tokenize/bertTokenizer';
import type { TaskName } from './task';

export class TaskPredictor {
  private constructor(
    readonly model: LoadedModel,
    readonly task: TaskName,
    private readonly session: Session,
  ) {}

  static async load(ref: string, task: TaskName, opts: SessionOptions = {}): Promise<TaskPredictor> {
    const model = await loadModel(ref, task);
    if (model.notice)
      throw new Error(
        `${ref} is not a fine-tuned ${task} model (${model.weights.newlyInitialized.join(', ')} missing)`,
      );
    const graph = buildForward(model.config, task, parameterSpecs(model.config, task), model.weights.params);
    return new TaskPredictor(model, task, await Session.fromGraph(graph, opts, `${task} inference`));
  }

  /** logits[i] is [labels] per text, or [tokens][labels] for per-token heads; with each text's encoding. */
  async run(
    texts: string[],
    pairs: string[] | null = null,
    maxLength?: number,
  ): Promise<{ logits: number[][][]; encoded: Encoded[] }> {
    const tok = this.model.tokenizer;
    const encoded = await tok.encodeBatch(texts, pairs, { maxLength, truncation: 'longest_first' });
    const { input_ids, attention_mask, token_type_ids } = collate(
      encoded.map((e) => ({ inputIds: e.inputIds, tokenTypeIds: e.tokenTypeIds, label: 0 })),
      tok.tokenToId(tok.config.padToken) ?? 0,
    );
    const out = await this.session.run({ input_ids, attention_mask, token_type_ids });
    const shape = out.logits.shape;
    const data = out.logits.data as Float32Array;
    const k = shape[shape.length - 1];
    const t = shape.length === 3 ? shape[1] : 1;
    const logits = encoded.map((e, i) =>
      Array.from({ length: shape.length === 3 ? e.inputIds.length : 1 }, (_, j) =>
        Array.from(data.subarray((i * t + j) * k, (i * t + j + 1) * k)),
      ),
    );
    return { logits, encoded };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
