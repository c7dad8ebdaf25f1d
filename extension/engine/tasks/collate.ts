/** Batches of the tasks whose targets are `Example.targets`: the inputs padded as usual, the targets shaped as the task declares. */
import { HostTensor, float32, int64 } from '../tensor';
import { Example, collate } from '../data/batches';
import { IGNORE_INDEX } from './losses';

const inputs = (batch: Example[]): Record<string, HostTensor> => {
  const { input_ids, token_type_ids, attention_mask } = collate(batch.map((e) => ({ ...e, label: 0 })));
  return { input_ids, token_type_ids, attention_mask };
};

/** labels [B, T]: a class id per token, -100 for padding. */
export function collateTokenLabels(batch: Example[]): Record<string, HostTensor> {
  const x = inputs(batch);
  const t = x.input_ids.shape[1];
  const labels = batch.flatMap((e) => [...e.targets!, ...new Array<number>(t - e.targets!.length).fill(IGNORE_INDEX)]);
  return { ...x, labels: int64([batch.length, t], labels) };
}

/** labels [B, L] of 0/1 floats. */
export function collateLabelVectors(batch: Example[]): Record<string, HostTensor> {
  const l = batch[0].targets!.length;
  return {
    ...inputs(batch),
    labels: float32(
      [batch.length, l],
      batch.flatMap((e) => e.targets!),
    ),
  };
}

/** labels [B] of floats. */
export function collateValues(batch: Example[]): Record<string, HostTensor> {
  return {
    ...inputs(batch),
    labels: float32(
      [batch.length],
      batch.map((e) => e.targets![0]),
    ),
  };
}
