/** The encoder with the task's head on top (the task registry builds heads and losses), or the bare BertModel. */
import type { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';
import type { BertConfig } from './config';
import { BertEncoder, BertInputs, EncoderOptions, ParamSource } from './model';
import type { Task } from './params';
import { TASKS } from '../tasks/registry';

export interface HeadOutputs {
  /** Named results: logits, or start_logits/end_logits; last_hidden_state/pooler_output for the base model. */
  outputs: Record<string, Value>;
  /** Mean loss when labels were given. */
  loss: Value | null;
  hiddenStates: Value[];
}

/** The batch's targets by the task's names (labels, start_positions, …); empty for no loss. */
export type Labels = Record<string, Value>;

export function buildModel(
  g: Graph,
  c: BertConfig,
  task: Task,
  p: ParamSource,
  x: BertInputs,
  labels: Labels,
  opts: EncoderOptions & { hiddenStates?: boolean; classWeights?: number[] },
): HeadOutputs {
  const def = task === 'base' ? null : TASKS[task];
  const encoder = new BertEncoder(g, c, p, x, opts);
  const enc = encoder.build(def ? def.pooler : true, opts.hiddenStates ?? false);
  if (def) {
    const ctx = {
      g,
      config: c,
      p,
      x,
      encoder: enc,
      dropout: (v: Value, r: number) => encoder.dropout(v, r),
      classWeights: opts.classWeights,
    };
    const head = def.head(ctx, Object.keys(labels).length ? labels : null);
    return { ...head, hiddenStates: enc.hiddenStates };
  }
  const last = enc.sequence;
  return {
    outputs: { last_hidden_state: last, pooler_output: enc.pooled! },
    loss: null,
    hiddenStates: enc.hiddenStates,
  };
}
