/** Transformers' _init_weights for parameters a checkpoint lacks, from a seeded generator. */
import { HostTensor, allocate } from '../tensor';
import type { BertConfig } from './config';
import type { Rng } from '../../shared/rng';

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
