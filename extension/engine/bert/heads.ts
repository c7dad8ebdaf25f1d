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

/** Positions clamped to [0, T] and T itself ignored, as BertForQuestionAnswering does. */
function qaTargets(g: Graph, positions: Value, seqLen: Value): Value {
  const clamped = g.min(g.max(positions, g.scalar(0, 'int64')), seqLen);
  return g.where(g.equal(clamped, seqLen), g.scalar(IGNORE, 'int64'), clamped);
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
  const h = c.hiddenSize;
  if (task === 'cls') {
    const dropout = c.classifierDropout ?? c.hiddenDropoutProb;
    const logits = g.linear(encoder.dropout(enc.pooled!, dropout), p('classifier.weight'), p('classifier.bias'));
    const loss = labels.labels ? g.softmaxCrossEntropy(logits, labels.labels)[0] : null;
    return { outputs: { logits }, loss, hiddenStates: enc.hiddenStates };
  }
  if (task === 'qa') {
    const both = g.linear(enc.lastHidden, p('qa_outputs.weight'), p('qa_outputs.bias'));
    const perToken = g.transpose(
      g.reshape(both, g.concat([g.shapeOf(x.inputIds), g.ints([2])], 0), ['B', 'T', 2]),
      [2, 0, 1],
    );
    const start = g.gather(perToken, g.scalar(0, 'int64'), 0);
    const end = g.gather(perToken, g.scalar(1, 'int64'), 0);
    let loss: Value | null = null;
    if (labels.startPositions && labels.endPositions) {
      const seqLen = g.squeeze(g.dim(x.inputIds, 1), [0]);
      const ls = g.softmaxCrossEntropy(start, qaTargets(g, labels.startPositions, seqLen), IGNORE)[0];
      const le = g.softmaxCrossEntropy(end, qaTargets(g, labels.endPositions, seqLen), IGNORE)[0];
      loss = g.div(g.add(ls, le), g.scalar(2));
    }
    return { outputs: { start_logits: start, end_logits: end }, loss, hiddenStates: enc.hiddenStates };
  }
  const last = g.reshape(enc.lastHidden, g.concat([g.shapeOf(x.inputIds), g.ints([h])], 0), ['B', 'T', h]);
  return {
    outputs: { last_hidden_state: last, pooler_output: enc.pooled! },
    loss: null,
    hiddenStates: enc.hiddenStates,
  };
}
