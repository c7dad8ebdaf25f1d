/**
 * Embeddings from any BERT checkpoint (base or fine-tuned): the last hidden state of
 * every token, the pooler output, or the attention-mask mean of the last hidden states
 * (sentence-transformers' mean pooling). Question-answering checkpoints have no pooler.
 */
import { loadModel, loadTokenizer, LoadedModel, taskOf } from '../bert/loadModel';
import { parameterSpecs } from '../bert/params';
import { TASKS } from '../tasks/registry';
import { Session, SessionOptions } from '../runtime/ort';
import { collate } from '../data/batches';
import { POOLINGS, Pooling } from './pooling';
import { buildForward } from '../bert/forward';

export { POOLINGS, type Pooling } from './pooling';

export interface Embedding {
  /** The tokens the model saw (after truncation), [CLS] and [SEP] included. */
  tokens: string[];
  /** [tokens, hidden] for 'tokens', [hidden] otherwise. */
  shape: number[];
  /** Row-major float32 values. */
  data: number[];
  /** The text was longer than the model's maximum length and was cut. */
  truncated: boolean;
}

export class Embedder {
  private constructor(
    readonly model: LoadedModel,
    private readonly session: Session,
    private readonly lastHidden: string,
    readonly hasPooler: boolean,
  ) {}

  static async load(ref: string, opts: SessionOptions = {}): Promise<Embedder> {
    const { config } = await loadTokenizer(ref);
    // Heads without a pooler (question answering, token classification) are read through their graph's hidden states.
    const task = taskOf(config);
    const qa = task !== 'base' && !TASKS[task].pooler;
    const model = await loadModel(ref, qa ? task : 'base');
    const graph = buildForward(
      model.config,
      model.task,
      parameterSpecs(model.config, model.task),
      model.weights.params,
      { hiddenStates: qa },
    );
    const session = await Session.fromGraph(graph, opts, 'embeddings');
    return new Embedder(
      model,
      session,
      qa ? `hidden_states.${model.config.numHiddenLayers}` : 'last_hidden_state',
      !qa,
    );
  }

  async embed(texts: string[], pooling: Pooling, maxLength?: number): Promise<Embedding[]> {
    if (!POOLINGS.includes(pooling))
      throw new Error(`unknown pooling ${JSON.stringify(pooling)}: use ${POOLINGS.join(', ')}`);
    if (pooling === 'pooler' && !this.hasPooler) {
      throw new Error(
        `${this.model.folder} is a question-answering model: it has no pooler; use the token states or mean pooling`,
      );
    }
    if (!texts.length) return [];
    const tokenizer = this.model.tokenizer;
    const limit = maxLength ?? tokenizer.maxLength;
    const enc = await tokenizer.encodeBatch(texts, null, { maxLength: limit });
    const full = await tokenizer.encodeBatch(texts, null, { truncation: false });
    const padId = tokenizer.tokenToId(tokenizer.config.padToken) ?? 0;
    const { input_ids, attention_mask, token_type_ids } = collate(
      enc.map((e) => ({ inputIds: e.inputIds, tokenTypeIds: e.tokenTypeIds, label: 0 })),
      padId,
    );
    const wanted = pooling === 'pooler' ? ['pooler_output'] : [this.lastHidden];
    const out = await this.session.run({ input_ids, attention_mask, token_type_ids }, {}, wanted);
    const h = this.model.config.hiddenSize;
    const t = input_ids.shape[1];
    return enc.map((e, i) => {
      const n = e.inputIds.length;
      const base = { tokens: e.tokens, truncated: full[i].inputIds.length > n };
      if (pooling === 'pooler') {
        return {
          ...base,
          shape: [h],
          data: [...(out.pooler_output.data as Float32Array).subarray(i * h, (i + 1) * h)],
        };
      }
      const states = (out[this.lastHidden].data as Float32Array).subarray(i * t * h, (i * t + n) * h);
      if (pooling === 'tokens') return { ...base, shape: [n, h], data: [...states] };
      return { ...base, shape: [h], data: meanOf(states, n, h) };
    });
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

/** The mean over the n real tokens (padding is never in `states`), summed in double precision, rounded to float32. */
function meanOf(states: Float32Array, n: number, h: number): number[] {
  const sum = new Float64Array(h);
  for (let r = 0; r < n; r++) for (let c = 0; c < h; c++) sum[c] += states[r * h + c];
  return [...Float32Array.from(sum, (s) => s / n)];
}
