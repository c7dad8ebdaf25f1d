/**
 * Dropout whose keep mask is a counter-based hash of (seed, step, site, element coordinates), written with int32
 * Mul/Add/Div (wrapping multiplication, truncating division: the same bits on every execution provider) so it runs
 * on WebGPU, which has no Dropout kernel. The seed and the step are graph inputs: one session serves a whole run,
 * and a resumed run replays its masks exactly.
 *
 * Each axis's coordinates are hashed once (a small vector), the hashes are summed by broadcasting, and the sum
 * goes through a second hash: an element costs one Add per axis plus the final hash.
 */
import type { Graph } from './builder';
import type { Value } from './graph';

const M1 = -1640531535; // 0x9E3779B1
const M2 = -2048144789; // 0x85EBCA6B
const M3 = -1028477387; // 0xC2B2AE35
const SEED_MIX = 73856093;
const STEP_MIX = 19349663;
const SITE_MIX = 83492791;
const AXIS_SALT = 7919;
/** The final hash's range: (−2²³, 2²³), so an element is dropped when its value is below −2²³ + ratio·2²⁴. */
const HALF_RANGE = 2 ** 23;

/** Multiply, square-add, multiply, shift-add, multiply: wrapping int32 arithmetic. */
function mix(g: Graph, x: Value): Value {
  const k = (n: number) => g.scalar(n, 'int32');
  let h = g.mul(x, k(M1));
  h = g.add(h, g.mul(h, h));
  h = g.mul(h, k(M2));
  h = g.add(h, g.div(h, k(65536)));
  return g.mul(h, k(M3));
}

/** The key of one dropout site in one step: a hash of seed (int32 scalar), step (float32 scalar) and site. */
export function dropoutKey(g: Graph, seed: Value, step: Value, site: number): Value {
  const k = (n: number) => g.scalar(n, 'int32');
  const s = g.add(g.mul(seed, k(SEED_MIX)), g.mul(g.cast(step, 'int32'), k(STEP_MIX)));
  return mix(g, g.add(s, k(Math.imul(site, SITE_MIX))));
}

/** Hashed coordinates of axis `axis` of x, shaped to broadcast against x. */
function axisHash(g: Graph, x: Value, axis: number): Value {
  const h = mix(g, g.add(g.arange(x, axis), g.scalar(axis * AXIS_SALT + 1, 'int32')));
  const others = x.shape.map((_, i) => i).filter((i) => i !== axis);
  return others.length ? g.unsqueeze(h, others) : h;
}

/** The drop mask (bool, x's shape) for `ratio` under `key`. */
export function dropMask(g: Graph, x: Value, ratio: number, key: Value): Value {
  let sum = g.add(axisHash(g, x, 0), key);
  for (let axis = 1; axis < x.rank; axis++) sum = g.add(sum, axisHash(g, x, axis));
  const v = g.div(mix(g, sum), g.scalar(256, 'int32'));
  const threshold = Math.round(-HALF_RANGE + ratio * 2 * HALF_RANGE);
  return g.op1('Less', [v, g.scalar(threshold, 'int32')]);
}

/** Inverted dropout in training mode: x / (1 − ratio) where kept, 0 where dropped. */
export function hashedDropout(g: Graph, x: Value, ratio: number, key: Value): Value {
  const kept = g.mul(x, g.scalarLike(x, 1 / (1 - ratio)));
  return g.where(dropMask(g, x, ratio, key), g.scalarLike(x, 0), kept);
}
