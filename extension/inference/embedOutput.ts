/** An embedding as the user takes it away: a JSON array (nested for token states) or a .npy file. */
import { npyBytes } from './npy';
import type { Embedding } from '../engine/process/protocol';

/** [h] for a pooled vector, [[h] per token] for token states. */
export function embeddingArray(e: Pick<Embedding, 'shape' | 'data'>): number[] | number[][] {
  if (e.shape.length === 1) return [...e.data];
  const [n, h] = e.shape;
  return Array.from({ length: n }, (_, i) => e.data.slice(i * h, (i + 1) * h));
}

export function embeddingJson(e: Pick<Embedding, 'shape' | 'data'>): string {
  return JSON.stringify(embeddingArray(e));
}

/** The file's bytes for a path ending in .npy (float32) or anything else (JSON). */
export function embeddingFile(file: string, e: Pick<Embedding, 'shape' | 'data'>): Uint8Array | string {
  return file.toLowerCase().endsWith('.npy') ? npyBytes(e.shape, e.data) : embeddingJson(e) + '\n';
}

export function embeddingSummary(e: Pick<Embedding, 'shape' | 'tokens' | 'truncated'>): string {
  const shape = e.shape.length === 1 ? `a vector of ${e.shape[0]}` : `${e.shape[0]} tokens × ${e.shape[1]}`;
  return `${shape}${e.truncated ? ` (the selection was cut to ${e.tokens.length} tokens, the model's maximum)` : ''}`;
}
