/** Task heads on top of the encoder, with Transformers' losses. */
import type { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';
import type { BertConfig } from './config';
import { BertEncoder, BertInputs, EncoderOptions, ParamSource } from './model';
import type { Task } from './params';

export interface HeadOutputs {
  /** Named results: logits, or start_logits/end_logits; last_hidden_state/pooler_output for the base model. */
  outputs: Record<string, Value>;
  /** Mean loss when labels were given. */
  loss: Value | null;
  hiddenStates: Value[];
}

export interface Labels {
  labels?: Value;
  startPositions?: Value;
  endPositions?: Value;
}

const IGNORE = -100;

/** Positions clamped to [0, T] and T itself ignored, as BertForQuestionAnswering does (int32, seqLen a scalar). */
function qaTargets(g: Graph, positions: Value, seqLen: Value): Value {
  const clamped = g.min(g.max(positions, g.scalarLike(positions, 0)), seqLen);
  return g.where(g.equal(clamped, seqLen), g.scalarLike(positions, IGNORE), clamped);
}

export function buildModel(
  g: Graph,
  c: BertConfig,
  task: Task,
  p: ParamSource,
  x: BertInputs,
  labels: Labels,
  opts: EncoderOptions & { hiddenStates?: boolean },
): HeadOutputs {
  const encoder = new BertEncoder(g, c, p, x, opts);
  const enc = encoder.build(task !== 'qa', opts.hiddenStates ?? false);
  if (task === 'cls') {
    const dropout = c.classifierDropout ?? c.hiddenDropoutProb;
    const logits = g.linear(encoder.dropout(enc.pooled!, dropout), p('classifier.weight'), p('classifier.bias'));
    const loss = labels.labels ? g.softmaxCrossEntropy(logits, labels.labels)[0] : null;
    return { outputs: { logits }, loss, hiddenStates: enc.hiddenStates };
  }
  if (task === 'qa') {
    // [B, T, H] · Wᵀ: the [B, T, 2] result needs no run-time shape arithmetic (int64, on the CPU under WebGPU).
    const both = g.add(g.matmul(enc.sequence, g.transpose(p('qa_outputs.weight'), [1, 0])), p('qa_outputs.bias'));
    const perToken = g.transpose(both, [2, 0, 1]);
    const start = g.gather(perToken, g.scalar(0, 'int32'), 0);
    const end = g.gather(perToken, g.scalar(1, 'int32'), 0);
    let loss: Value | null = null;
    if (labels.startPositions && labels.endPositions) {
      const seqLen = g.cast(g.sum(g.expand(g.scalar(1), g.shapeSlice(x.inputIds, 1, 2), ['T']), [0]), 'int32');
      const ls = g.softmaxCrossEntropy(start, qaTargets(g, labels.startPositions, seqLen), IGNORE)[0];
      const le = g.softmaxCrossEntropy(end, qaTargets(g, labels.endPositions, seqLen), IGNORE)[0];
      loss = g.div(g.add(ls, le), g.scalar(2));
    }
    return { outputs: { start_logits: start, end_logits: end }, loss, hiddenStates: enc.hiddenStates };
  }
  const last = enc.sequence;
  return {
    outputs: { last_hidden_state: last, pooler_output: enc.pooled! },
    loss: null,
    hiddenStates: enc.hiddenStates,
  };
}
