/**
 * The losses Transformers' heads use, as graph nodes built from ops that have
 * gradient rules (no new rules needed). Each returns a scalar mean.
 */
import type { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';

export const IGNORE_INDEX = -100;

/**
 * Cross-entropy of scores [N, C] against int64 labels [N], rows labelled `ignoreIndex` left out.
 * Unweighted it is ONNX's SoftmaxCrossEntropyLoss (torch's F.cross_entropy). With class weights w it is torch's
 * F.cross_entropy(weight=w): Σᵢ w[yᵢ]·(−log pᵢ[yᵢ]) / Σᵢ w[yᵢ] over the rows not ignored.
 */
export function crossEntropy(g: Graph, scores: Value, labels: Value, ignoreIndex?: number, weights?: number[]): Value {
  if (!weights) return g.softmaxCrossEntropy(scores, labels, ignoreIndex)[0];
  const classes = scores.shape[1];
  if (typeof classes === 'number' && classes !== weights.length)
    throw new Error(`class weights: ${weights.length} given for ${classes} classes`);
  const valid = ignoreIndex === undefined ? null : g.not(g.equal(labels, g.scalarLike(labels, ignoreIndex)));
  const safe = valid ? g.where(valid, labels, g.scalarLike(labels, 0)) : labels;
  const logProb = g.op1('LogSoftmax', [scores], { axis: -1 });
  const picked = g.sum(g.mul(logProb, g.oneHot(safe, g.dim(scores, 1), scores.dtype, classes)), [-1]);
  let w = g.gather(g.constant(scores.dtype, [weights.length], weights), safe);
  if (valid) w = g.mul(w, g.cast(valid, scores.dtype));
  return g.div(g.neg(g.total(g.mul(w, picked))), g.total(w));
}

/**
 * torch's F.binary_cross_entropy_with_logits, mean over every element, in its overflow-free form:
 * max(x, 0) − x·y + log(1 + e^−|x|).
 */
export function bceWithLogits(g: Graph, logits: Value, targets: Value): Value {
  const absX = g.add(g.relu(logits), g.relu(g.neg(logits)));
  const softplus = g.log(g.add(g.scalarLike(logits, 1), g.exp(g.neg(absX))));
  const perElement = g.add(g.sub(g.relu(logits), g.mul(logits, targets)), softplus);
  return g.div(g.total(perElement), g.cast(g.size(perElement), logits.dtype));
}

/** torch's F.mse_loss: mean of squared differences. */
export function meanSquaredError(g: Graph, predicted: Value, targets: Value): Value {
  const d = g.sub(predicted, targets);
  return g.div(g.total(g.square(d)), g.cast(g.size(d), d.dtype));
}
