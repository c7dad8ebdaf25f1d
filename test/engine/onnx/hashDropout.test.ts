import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Graph } from '../../../extension/engine/onnx/builder';
import { hashedDropout, dropoutKey } from '../../../extension/engine/onnx/hashDropout';
import { gradients } from '../../../extension/engine/onnx/autodiff';
import { Session } from '../../../extension/engine/runtime/ort';
import { float32, int32 } from '../../../extension/engine/tensor';

const RATIO = 0.1;

/** A session returning dropout(ones) for x of shape [R, 768] (R at run time), or [B, 4, T, T]. */
async function maskSession(attention = false) {
  const g = new Graph();
  const x = g.input('x', 'float32', attention ? ['B', 4, 'T', 'T'] : ['R', 768]);
  const seed = g.input('seed', 'int32', []);
  const step = g.input('step', 'float32', []);
  const y = hashedDropout(g, x, RATIO, dropoutKey(g, seed, step, 3));
  g.output(y, 'y');
  g.output(gradients(g, g.total(y), [x]).get(x)!, 'dx');
  return Session.fromGraph(g, { threads: 1 }, 'dropout');
}

const keepOf = (y: Float32Array) => Uint8Array.from(y, (v) => (v === 0 ? 0 : 1));

async function mask(s: Session, shape: number[], seed: number, step: number) {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = await s.run({
    x: float32(shape, new Float32Array(n).fill(1)),
    seed: int32([], [seed]),
    step: float32([], [step]),
  });
  return { keep: keepOf(out.y.data as Float32Array), y: out.y.data as Float32Array, dx: out.dx.data as Float32Array };
}

/** Pearson correlation of two 0/1 sequences, in units of its standard error 1/√n under independence. */
function zCorr(a: Uint8Array, b: Uint8Array): number {
  const n = a.length;
  let sa = 0,
    sb = 0,
    sab = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i];
    sb += b[i];
    sab += a[i] * b[i];
  }
  const [ma, mb] = [sa / n, sb / n];
  return ((sab / n - ma * mb) / Math.sqrt(ma * (1 - ma) * mb * (1 - mb))) * Math.sqrt(n);
}

test('hashed dropout keeps 1 − ratio of the elements (within 3σ), scaled by 1/(1 − ratio)', async () => {
  const s = await maskSession();
  for (const [seed, step] of [
    [42, 1],
    [0, 7],
    [123456, 1000],
  ]) {
    const { keep, y } = await mask(s, [1024, 768], seed, step);
    const n = keep.length;
    const rate = keep.reduce((a, b) => a + b, 0) / n;
    const sigma = Math.sqrt((RATIO * (1 - RATIO)) / n);
    assert.ok(Math.abs(rate - (1 - RATIO)) < 3 * sigma, `seed ${seed} step ${step}: keep rate ${rate}`);
    assert.ok(
      y.every((v) => v === 0 || Math.abs(v - 1 / (1 - RATIO)) < 1e-6),
      'kept elements are scaled',
    );
  }
  await s.release();
});

test('hashed dropout masks: no correlation between neighbours, rows, steps or seeds (within 3σ)', async () => {
  const s = await maskSession();
  const { keep } = await mask(s, [1024, 768], 42, 5);
  const n = keep.length;
  const shifted = (k: number) => zCorr(keep.subarray(0, n - k), keep.subarray(k));
  for (const [what, z] of [
    ['next element', shifted(1)],
    ['element after next', shifted(2)],
    ['next row', shifted(768)],
    ['next row, next column', shifted(769)],
    ['next step', zCorr(keep, (await mask(s, [1024, 768], 42, 6)).keep)],
    ['next seed', zCorr(keep, (await mask(s, [1024, 768], 43, 5)).keep)],
  ] as const) {
    assert.ok(Math.abs(z) < 3, `${what}: correlation ${z.toFixed(2)}σ`);
  }
  await s.release();
});

test('the same seed and step give the same mask, and rows keep their mask when the batch grows', async () => {
  const s = await maskSession();
  const a = await mask(s, [64, 768], 9, 2);
  const b = await mask(s, [64, 768], 9, 2);
  assert.deepEqual(b.keep, a.keep);
  const longer = await mask(s, [128, 768], 9, 2);
  assert.deepEqual(longer.keep.subarray(0, a.keep.length), a.keep, 'an element’s mask depends on its coordinates');
  assert.notDeepEqual((await mask(s, [64, 768], 9, 3)).keep, a.keep);
  await s.release();
});

test('attention-shaped dropout (run-time B and T) has the keep rate too; the gradient is the mask', async () => {
  const s = await maskSession(true);
  const { keep, y, dx } = await mask(s, [8, 4, 64, 64], 1, 1);
  const rate = keep.reduce((a, b) => a + b, 0) / keep.length;
  assert.ok(Math.abs(rate - (1 - RATIO)) < 3 * Math.sqrt((RATIO * (1 - RATIO)) / keep.length), `keep rate ${rate}`);
  assert.deepEqual(dx, y, 'd/dx sum(dropout(x)) = mask / (1 − ratio)');
  await s.release();
});
