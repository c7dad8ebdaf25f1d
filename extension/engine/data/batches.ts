/** Batches with dynamic padding (to the longest in the batch), in a seeded order per epoch. */
import { HostTensor, int64 } from '../tensor';
import { shuffled } from './split';
import { Rng } from '../../shared/rng';

/** A tokenized example: a class label, or for QA the answer's start and end token. */
export interface Example {
  inputIds: number[];
  tokenTypeIds: number[];
  label: number;
  start?: number;
  end?: number;
  /** Other tasks' targets, as the task's collate reads them: a label per token, a 0/1 per label, or a value. */
  targets?: number[];
}

/** The example order of an epoch depends only on (seed, epoch), so a resumed run recomputes it. */
export function epochOrder(count: number, seed: number, epoch: number): number[] {
  return shuffled(
    Array.from({ length: count }, (_, i) => i),
    new Rng(seed * 1000003 + epoch),
  );
}

export function collate(examples: Example[], padId = 0): Record<string, HostTensor> {
  const t = Math.max(...examples.map((e) => e.inputIds.length));
  const b = examples.length;
  const ids: number[] = [],
    types: number[] = [],
    mask: number[] = [];
  for (const e of examples) {
    const pad = t - e.inputIds.length;
    ids.push(...e.inputIds, ...new Array(pad).fill(padId));
    types.push(...e.tokenTypeIds, ...new Array(pad).fill(0));
    mask.push(...e.inputIds.map(() => 1), ...new Array(pad).fill(0));
  }
  return {
    input_ids: int64([b, t], ids),
    token_type_ids: int64([b, t], types),
    attention_mask: int64([b, t], mask),
    ...(examples[0].start === undefined
      ? {
          labels: int64(
            [b],
            examples.map((e) => e.label),
          ),
        }
      : {
          start_positions: int64(
            [b],
            examples.map((e) => e.start!),
          ),
          end_positions: int64(
            [b],
            examples.map((e) => e.end!),
          ),
        }),
  };
}

export function batchesOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** LengthGroupedSampler's idea: within megabatches of 50 batches, longest first, so each batch pads little. */
export function groupByLength(order: number[], lengths: number[], batchSize: number): number[] {
  const mega = batchSize * 50;
  const out: number[] = [];
  for (let i = 0; i < order.length; i += mega)
    out.push(...order.slice(i, i + mega).sort((a, b) => lengths[b] - lengths[a] || a - b));
  return out;
}
