/**
 * Frozen-encoder mode: the encoder's pooled output is computed once per example
 * (dropout off) and cached; only the classifier trains on it, so an epoch costs
 * a tiny fraction of a full one.
 */
import { HostTensor, float32, int64 } from '../tensor';
import type { BertConfig } from '../bert/config';
import { parameterSpecs } from '../bert/params';
import { Session, SessionOptions } from '../runtime/ort';
import { Example, batchesOf, collate } from '../data/batches';
import { buildForward } from '../bert/forward';

export type FeatureExample = Example & { features: Float32Array };

export async function extractFeatures(
  config: BertConfig,
  params: Map<string, HostTensor>,
  examples: Example[][],
  batchSize: number,
  opts: SessionOptions,
  /** Called after each batch (an estimate times the pass with it). */
  onBatch?: () => void,
): Promise<FeatureExample[][]> {
  const session = await Session.fromGraph(
    buildForward(config, 'base', parameterSpecs(config, 'base'), params),
    opts,
    'feature extraction',
  );
  try {
    const out: FeatureExample[][] = [];
    for (const set of examples) {
      const done: FeatureExample[] = [];
      for (const batch of batchesOf(set, batchSize)) {
        const { input_ids, attention_mask, token_type_ids } = collate(batch);
        const r = await session.run({ input_ids, attention_mask, token_type_ids }, {}, ['pooler_output']);
        const pooled = r.pooler_output.data as Float32Array;
        const h = config.hiddenSize;
        batch.forEach((e, i) => done.push({ ...e, features: pooled.slice(i * h, (i + 1) * h) }));
        onBatch?.();
      }
      out.push(done);
    }
    return out;
  } finally {
    await session.release();
  }
}

export function collateFeatures(batch: FeatureExample[]): Record<string, HostTensor> {
  const h = batch[0].features.length;
  const pooled = float32([batch.length, h]);
  batch.forEach((e, i) => (pooled.data as Float32Array).set(e.features, i * h));
  return {
    pooled,
    labels: int64(
      [batch.length],
      batch.map((e) => e.label),
    ),
  };
}
