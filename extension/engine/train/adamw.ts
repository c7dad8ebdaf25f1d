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

/** What every parameter's update shares: products of scalars, computed once per step. */
export interface AdamWScalars {
  beta1: Value;
  beta2: Value;
  /** (1 − β1)·clip and (1 − β2)·clip²: the clip factor applied through the moments, not as a pass over the gradient. */
  gradWeight1: Value;
  gradWeight2: Value;
  /** lr·√(1 − β2ᵗ)/(1 − β1ᵗ) and ε·√(1 − β2ᵗ): both bias corrections moved onto scalars. */
  stepSize: Value;
  eps: Value;
  /** 1 − lr·wd. */
  decay: Value | null;
}

export function adamwScalars(g: Graph, lr: Value, step: Value, o: AdamWOptions, clip: Value | null): AdamWScalars {
  const one = g.scalar(1);
  const bc1 = g.sub(one, g.pow(g.scalar(o.beta1), step));
  const bc2Sqrt = g.sqrt(g.sub(one, g.pow(g.scalar(o.beta2), step)));
  return {
    beta1: g.scalar(o.beta1),
    beta2: g.scalar(o.beta2),
    gradWeight1: clip ? g.mul(clip, g.scalar(1 - o.beta1)) : g.scalar(1 - o.beta1),
    gradWeight2: clip ? g.mul(g.mul(clip, clip), g.scalar(1 - o.beta2)) : g.scalar(1 - o.beta2),
    stepSize: g.div(g.mul(lr, bc2Sqrt), bc1),
    eps: g.mul(g.scalar(o.eps), bc2Sqrt),
    decay: o.weightDecay > 0 ? g.sub(one, g.mul(lr, g.scalar(o.weightDecay))) : null,
  };
}

/**
 * One AdamW step (torch.optim.AdamW after clip_grad_norm_), for gradient g clipped by factor c:
 * m ← β1·m + (1 − β1)·c·g, v ← β2·v + (1 − β2)·c²·g², and
 * p ← p·(1 − lr·wd) − lr/(1 − β1ᵗ) · m / (√v/√(1 − β2ᵗ) + ε), the last written as
 * p·(1 − lr·wd) − [lr·√(1 − β2ᵗ)/(1 − β1ᵗ)] · m / (√v + ε·√(1 − β2ᵗ)):
 * 12 element-wise passes per parameter (13 with decay) instead of 15.
 */
export function adamwUpdate(g: Graph, s: ParamState, k: AdamWScalars): { param: Value; m: Value; v: Value } {
  const m = g.add(g.mul(s.m, k.beta1), g.mul(s.grad, k.gradWeight1));
  const v = g.add(g.mul(s.v, k.beta2), g.mul(g.mul(s.grad, s.grad), k.gradWeight2));
  const update = g.mul(g.div(m, g.add(g.sqrt(v), k.eps)), k.stepSize);
  const decayed = s.decay && k.decay ? g.mul(s.param, k.decay) : s.param;
  return { param: g.sub(decayed, update), m, v };
}
