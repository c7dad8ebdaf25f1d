/**
 * The losses Transformers' heads use, as graph nodes built from ops that have
 * gradient rules (no new rules needed) and WebGPU kernels (no int64 arithmetic,
 * which would run on the CPU). Each returns a scalar mean.
 */
import type { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';

export const IGNORE_INDEX = -100;

/**
 * The mean of every element of x, as a scalar: the sum over the count, counted as a sum of ones shaped like the
 * targets (x's shape; no gradient flows through them). Size is int64, as is ReduceMean's gradient's count: both
 * would run on the CPU under WebGPU.
 */
const meanOver = (g: Graph, x: Value, targets: Value): Value =>
  g.div(g.total(x), g.total(g.expand(g.scalarLike(x, 1), g.shapeOf(targets), targets.shape)));

/**
 * Cross-entropy of scores [N, C] against integer labels [N], rows labelled `ignoreIndex` left out: torch's
 * F.cross_entropy, with class weights w F.cross_entropy(weight=w), Σᵢ w[yᵢ]·(−log pᵢ[yᵢ]) / Σᵢ w[yᵢ] over the rows
 * not ignored. Both are the graph's log-softmax cross-entropy (ops WebGPU has, a closed-form gradient).
 */
export function crossEntropy(g: Graph, scores: Value, labels: Value, ignoreIndex?: number, weights?: number[]): Value {
  if (!weights) return g.softmaxCrossEntropy(scores, labels, ignoreIndex)[0];
  const classes = scores.shape[1];
  if (typeof classes === 'number' && classes !== weights.length)
    throw new Error(`class weights: ${weights.length} given for ${classes} classes`);
  return g.softmaxCrossEntropy(scores, labels, ignoreIndex, g.constant(scores.dtype, [weights.length], weights))[0];
}

/**
 * torch's F.binary_cross_entropy_with_logits, mean over every element, in its overflow-free form:
 * max(x, 0) − x·y + log(1 + e^−|x|).
 */
export function bceWithLogits(g: Graph, logits: Value, targets: Value): Value {
  const absX = g.add(g.relu(logits), g.relu(g.neg(logits)));
  const softplus = g.log(g.add(g.scalarLike(logits, 1), g.exp(g.neg(absX))));
  const perElement = g.add(g.sub(g.relu(logits), g.mul(logits, targets)), softplus);
  return meanOver(g, perElement, targets);
}

/** torch's F.mse_loss: mean of squared differences. */
export function meanSquaredError(g: Graph, predicted: Value, targets: Value): Value {
  return meanOver(g, g.square(g.sub(predicted, targets)), targets);
}
