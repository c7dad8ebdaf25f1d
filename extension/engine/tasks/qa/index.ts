/**
 * Extractive question answering: BertForQuestionAnswering — no pooler, one linear
 * layer giving start and end logits per token, the mean of the start and end
 * cross-entropies; positions are clamped to [0, T] and T itself is ignored.
 */
import type { Graph } from '../../onnx/builder';
import type { Value } from '../../onnx/graph';
import type { TaskDefinition } from '../task';
import { SAVED_AS } from '../../../shared/tasks';
import { linearParams } from '../task';
import { IGNORE_INDEX, crossEntropy } from '../losses';

/** Positions clamped to [0, T] and T itself ignored (int32, seqLen a scalar). */
function positionTargets(g: Graph, positions: Value, seqLen: Value): Value {
  const clamped = g.min(g.max(positions, g.scalarLike(positions, 0)), seqLen);
  return g.where(g.equal(clamped, seqLen), g.scalarLike(positions, IGNORE_INDEX), clamped);
}

export const qa: TaskDefinition = {
  name: 'qa',
  ...SAVED_AS.qa,
  pooler: false,
  headParams: (c) => linearParams('qa_outputs', 2, c.hiddenSize),
  targets: [
    { name: 'start_positions', dtype: 'int64', dims: ['B'] },
    { name: 'end_positions', dtype: 'int64', dims: ['B'] },
  ],
  head({ g, p, x, encoder }, targets) {
    // [B, T, H] · Wᵀ: the [B, T, 2] result needs no run-time shape arithmetic (int64, on the CPU under WebGPU).
    const both = g.add(g.matmul(encoder.sequence, g.transpose(p('qa_outputs.weight'), [1, 0])), p('qa_outputs.bias'));
    const perToken = g.transpose(both, [2, 0, 1]);
    const start = g.gather(perToken, g.scalar(0, 'int32'), 0);
    const end = g.gather(perToken, g.scalar(1, 'int32'), 0);
    let loss: Value | null = null;
    if (targets) {
      const seqLen = g.cast(g.sum(g.expand(g.scalar(1), g.shapeSlice(x.inputIds, 1, 2), ['T']), [0]), 'int32');
      const ls = crossEntropy(g, start, positionTargets(g, targets.start_positions, seqLen), IGNORE_INDEX);
      const le = crossEntropy(g, end, positionTargets(g, targets.end_positions, seqLen), IGNORE_INDEX);
      loss = g.div(g.add(ls, le), g.scalar(2));
    }
    return { outputs: { start_logits: start, end_logits: end }, loss };
  },
};
