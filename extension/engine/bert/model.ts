/**
 * BERT's encoder as graph nodes: embeddings, post-LN transformer layers and the
 * tanh pooler, exactly as Transformers' BertModel computes them. Hidden states
 * flow as [B·T, H] matrices so every dense layer is one Gemm with a transposed weight.
 */
import type { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';
import type { BertConfig } from './config';
import { layerPrefix } from './params';
import { dropoutKey, hashedDropout } from '../onnx/hashDropout';

export type ParamSource = (name: string) => Value;

export interface BertInputs {
  inputIds: Value;
  attentionMask: Value;
  tokenTypeIds: Value;
}

export interface EncoderOptions {
  /** Dropout on (training) or off (evaluation, inference, parity checks). */
  training: boolean;
  /** The run's dropout seed (int32 scalar) and the optimizer step (float32 scalar), graph inputs: each dropout site hashes them with its own number. */
  dropoutInputs?: DropoutInputs;
}

export interface DropoutInputs {
  seed: Value;
  step: Value;
}

export interface EncoderOutputs {
  /** [B·T, H] */
  lastHidden: Value;
  /** [B, T, H] */
  sequence: Value;
  /** [B, T, H] each: embeddings, then every layer's output. */
  hiddenStates: Value[];
  /** [B, H], when the model has a pooler. */
  pooled: Value | null;
}

const FLOAT32_MIN = -3.4028234663852886e38;

export class BertEncoder {
  private site = 0;
  /** [B, T, H] at run time, from the embeddings (Shape of a device tensor: no int64 work on the CPU). */
  private btShape: Value | null = null;
  private readonly h: number;

  constructor(
    private readonly g: Graph,
    private readonly c: BertConfig,
    private readonly p: ParamSource,
    private readonly x: BertInputs,
    private readonly opts: EncoderOptions,
  ) {
    this.h = c.hiddenSize;
  }

  dropout(v: Value, ratio: number): Value {
    if (!this.opts.training || ratio <= 0) return v;
    const inputs = this.opts.dropoutInputs;
    if (!inputs) throw new Error('dropout in training mode needs the dropout seed and step inputs');
    return hashedDropout(this.g, v, ratio, dropoutKey(this.g, inputs.seed, inputs.step, this.site++));
  }

  private dense(x: Value, name: string): Value {
    return this.g.linear(x, this.p(`${name}.weight`), this.p(`${name}.bias`));
  }

  private layerNorm(x: Value, prefix: string): Value {
    return this.g.layerNorm(
      x,
      this.p(`${prefix}.LayerNorm.weight`),
      this.p(`${prefix}.LayerNorm.bias`),
      this.c.layerNormEps,
    );
  }

  /** [B·T, H] → [B, T, …dims] with the batch's run-time B and T. */
  private unflatten(x: Value, dims: number[]): Value {
    const bth = this.g.reshape(x, this.btShape!, ['B', 'T', this.h]);
    return dims.length === 1 && dims[0] === this.h ? bth : this.g.reshape(bth, [0, 0, ...dims], ['B', 'T', ...dims]);
  }

  private embeddings(): Value {
    const { g, x } = this;
    const words = g.gather(this.p('bert.embeddings.word_embeddings.weight'), x.inputIds);
    const types = g.gather(this.p('bert.embeddings.token_type_embeddings.weight'), x.tokenTypeIds);
    const pos = g.gather(this.p('bert.embeddings.position_embeddings.weight'), g.arange(words, 1));
    const sum = g.add(g.add(words, types), pos);
    this.btShape = g.shapeOf(sum);
    return this.dropout(this.layerNorm(sum, 'bert.embeddings'), this.c.hiddenDropoutProb);
  }

  /** (1 − mask) · float32.min, as [B, 1, 1, T]. */
  private maskBias(): Value {
    const { g } = this;
    const mask = g.cast(this.x.attentionMask, 'float32');
    const bias = g.mul(g.sub(g.scalar(1), mask), g.scalar(FLOAT32_MIN));
    return g.unsqueeze(bias, [1, 2]);
  }

  private attention(h: Value, bias: Value, prefix: string): Value {
    const { g, c } = this;
    const heads = c.numAttentionHeads;
    const d = this.h / heads;
    const split = (name: string, perm: number[]) =>
      g.transpose(this.unflatten(this.dense(h, `${prefix}.self.${name}`), [heads, d]), perm);
    const q = split('query', [0, 2, 1, 3]);
    const kT = split('key', [0, 2, 3, 1]);
    const v = split('value', [0, 2, 1, 3]);
    const scores = g.add(g.div(g.matmul(q, kT), g.scalar(Math.sqrt(d))), bias);
    const probs = this.dropout(g.softmax(scores, -1), c.attentionProbsDropoutProb);
    const context = g.transpose(g.matmul(probs, v), [0, 2, 1, 3]);
    const merged = g.reshape(g.reshape(context, [0, 0, this.h]), [-1, this.h], ['B*T', this.h]);
    const out = this.dropout(this.dense(merged, `${prefix}.output.dense`), c.hiddenDropoutProb);
    return this.layerNorm(g.add(out, h), `${prefix}.output`);
  }

  private layer(h: Value, bias: Value, i: number): Value {
    const p = layerPrefix(i);
    const a = this.attention(h, bias, `${p}.attention`);
    const inner = this.g.gelu(this.dense(a, `${p}.intermediate.dense`));
    const out = this.dropout(this.dense(inner, `${p}.output.dense`), this.c.hiddenDropoutProb);
    return this.layerNorm(this.g.add(out, a), `${p}.output`);
  }

  build(withPooler: boolean, keepHiddenStates = false): EncoderOutputs {
    const { g } = this;
    const emb = this.embeddings();
    const hiddenStates: Value[] = keepHiddenStates ? [emb] : [];
    let h = g.reshape(emb, [-1, this.h], ['B*T', this.h]);
    const bias = this.maskBias();
    for (let i = 0; i < this.c.numHiddenLayers; i++) {
      h = this.layer(h, bias, i);
      if (keepHiddenStates) hiddenStates.push(this.unflatten(h, [this.h]));
    }
    let pooled: Value | null = null;
    if (withPooler) {
      const first = g.gather(this.unflatten(h, [this.h]), g.scalar(0, 'int32'), 1);
      pooled = g.tanh(this.dense(first, 'bert.pooler.dense'));
    }
    return { lastHidden: h, sequence: this.unflatten(h, [this.h]), hiddenStates, pooled };
  }
}
