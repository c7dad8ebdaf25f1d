/**
 * Global-norm clipping and torch's AdamW as graph nodes, so the update runs
 * inside the same ONNX Runtime call as forward and backward.
 */
import type { Graph } from '../onnx/builder';
import type { Value } from '../onnx/graph';

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Clip the global gradient norm to this; ≤ 0 turns clipping off. */
  maxGradNorm: number;
}

export const ADAMW_DEFAULTS: AdamWOptions = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, maxGradNorm: 1 };

export interface ParamState {
  param: Value;
  m: Value;
  v: Value;
  grad: Value;
  decay: boolean;
}

/** The L2 norm over every gradient (torch: norm of the per-tensor norms). */
export function globalNorm(g: Graph, grads: Value[]): Value {
  const squares = grads.map((gr) => g.op1('ReduceSumSquare', [gr, g.ints(gr.shape.map((_, i) => i))], { keepdims: 0 }));
  return g.sqrt(g.addAll(squares));
}

/** clip_grad_norm_: scale by min(max_norm / (norm + 1e-6), 1). */
export function clipCoefficient(g: Graph, norm: Value, maxNorm: number): Value {
  return g.min(g.div(g.scalar(maxNorm), g.add(norm, g.scalar(1e-6))), g.scalar(1));
}

/**
 * One AdamW step (torch.optim.AdamW, single-tensor path): decoupled decay p·(1 − lr·wd),
 * m ← lerp(m, g, 1 − β1), v ← β2·v + (1 − β2)·g², p ← p − lr/(1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + ε).
 */
export function adamwUpdate(
  g: Graph,
  s: ParamState,
  lr: Value,
  step: Value,
  o: AdamWOptions,
  scale: Value | null,
): { param: Value; m: Value; v: Value } {
  const grad = scale ? g.mul(s.grad, scale) : s.grad;
  const one = g.scalar(1);
  const m = g.add(s.m, g.mul(g.sub(grad, s.m), g.scalar(1 - o.beta1)));
  const v = g.add(g.mul(s.v, g.scalar(o.beta2)), g.mul(g.mul(grad, grad), g.scalar(1 - o.beta2)));
  const stepSize = g.div(lr, g.sub(one, g.pow(g.scalar(o.beta1), step)));
  const bc2Sqrt = g.sqrt(g.sub(one, g.pow(g.scalar(o.beta2), step)));
  const denom = g.add(g.div(g.sqrt(v), bc2Sqrt), g.scalar(o.eps));
  const decayed =
    s.decay && o.weightDecay > 0 ? g.mul(s.param, g.sub(one, g.mul(lr, g.scalar(o.weightDecay)))) : s.param;
  return { param: g.sub(decayed, g.mul(stepSize, g.div(m, denom))), m, v };
}
