/** Transformers' _init_weights for parameters a checkpoint lacks, from a seeded generator. */
import { HostTensor, allocate } from '../tensor';
import type { BertConfig } from './config';

/** Deterministic uniform and normal draws (mulberry32 + Box–Muller). */
export class Rng {
  private state: number;
  private spare: number | null = null;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/** Linear and embedding weights ~ normal(0, initializer_range), biases 0, LayerNorm weight 1; the padding row zeroed. */
export function initParameter(name: string, shape: number[], config: BertConfig, rng: Rng): HostTensor {
  if (!name.endsWith('.weight') && !name.endsWith('.bias'))
    throw new Error(`initParameter: ${name} is neither a .weight nor a .bias`);
  const t = allocate('float32', shape);
  const d = t.data as Float32Array;
  if (name.endsWith('.bias')) return t;
  if (name.includes('LayerNorm')) {
    d.fill(1);
    return t;
  }
  for (let i = 0; i < d.length; i++) d[i] = rng.normal() * config.initializerRange;
  // nn.Embedding(padding_idx=pad_token_id) zeroes that row; in BERT only the word embeddings have one.
  if (name.endsWith('word_embeddings.weight') && shape.length === 2 && config.padTokenId < shape[0]) {
    d.fill(0, config.padTokenId * shape[1], (config.padTokenId + 1) * shape[1]);
  }
  return t;
}
