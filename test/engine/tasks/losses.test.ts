import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradients } from '../onnx/finiteDifference';
import { Graph } from '../../../extension/engine/onnx/builder';
import type { Value } from '../../../extension/engine/onnx/graph';
import { Session } from '../../../extension/engine/runtime/ort';
import { float32 } from '../../../extension/engine/tensor';
import { bceWithLogits, crossEntropy, meanSquaredError } from '../../../extension/engine/tasks/losses';

const SCORES = [0.3, -1.2, 2.0, 0.5, 0.1, -0.4, 1.5, 1.5, -2.0, 0.0, 0.7, -0.3];
const LABELS = [2, -100, 0, 1];
const WEIGHTS = [0.5, 2.0, 1.25];

async function scalar(build: (g: Graph, x: Value) => Value, shape: number[], values: number[]): Promise<number> {
  const g = new Graph();
  const x = g.input('x', 'float32', shape);
  g.output(build(g, x), 'y');
  const s = await Session.fromGraph(g, { threads: 1 }, 'loss');
  const y = Number((await s.run({ x: float32(shape, values) })).y.data[0]);
  await s.release();
  return y;
}

/** torch's F.cross_entropy(weight=w, ignore_index=-100), written out. */
function weightedCe(scores: number[], labels: number[], w: number[]): number {
  let num = 0;
  let den = 0;
  labels.forEach((y, i) => {
    if (y === -100) return;
    const row = scores.slice(i * 3, i * 3 + 3);
    const m = Math.max(...row);
    const logZ = m + Math.log(row.reduce((a, v) => a + Math.exp(v - m), 0));
    num += w[y] * (logZ - row[y]);
    den += w[y];
  });
  return num / den;
}

test('class-weighted cross-entropy is Σ w[y]·nll / Σ w[y] over rows not ignored, as torch computes it', async () => {
  const labels = (g: Graph) => g.constant('int64', [4], LABELS);
  const ours = await scalar((g, x) => crossEntropy(g, x, labels(g), -100, WEIGHTS), [4, 3], SCORES);
  assert.ok(Math.abs(ours - weightedCe(SCORES, LABELS, WEIGHTS)) < 1e-6, `${ours}`);
  // All weights 1 is the unweighted loss (ONNX's SoftmaxCrossEntropyLoss).
  const ones = await scalar((g, x) => crossEntropy(g, x, labels(g), -100, [1, 1, 1]), [4, 3], SCORES);
  const plain = await scalar((g, x) => crossEntropy(g, x, labels(g), -100), [4, 3], SCORES);
  assert.ok(Math.abs(ones - plain) < 1e-6, `${ones} vs ${plain}`);
  assert.throws(
    () => crossEntropy(new Graph(), new Graph().input('s', 'float32', [4, 3]), labels(new Graph()), -100, [1, 2]),
    /2 given for 3 classes/,
  );
});

test('class-weighted cross-entropy: gradient matches finite differences', async () => {
  await checkGradients({ s: { shape: [4, 3], values: SCORES } }, (g, { s }) =>
    crossEntropy(g, s, g.constant('int64', [4], LABELS), -100, WEIGHTS),
  );
});

test('BCE-with-logits: value as torch (stable for large logits) and gradient by finite differences', async () => {
  const x = [0.3, -1.2, 2.0, 50, -60, 0.0];
  const y = [1, 0, 1, 0, 0, 1];
  const expected =
    x.reduce((a, v, i) => a + Math.max(v, 0) - v * y[i] + Math.log1p(Math.exp(-Math.abs(v))), 0) / x.length;
  const ours = await scalar((g, v) => bceWithLogits(g, v, g.constant('float32', [2, 3], y)), [2, 3], x);
  assert.ok(Math.abs(ours - expected) < 1e-5 * expected, `${ours} vs ${expected}`);
  await checkGradients({ x: { shape: [2, 3], values: [0.3, -1.2, 2.0, 0.5, -0.6, 0.2] } }, (g, { x: v }) =>
    bceWithLogits(g, v, g.constant('float64', [2, 3], [1, 0, 0.25, 0, 1, 1])),
  );
});

test('mean squared error: value and gradient', async () => {
  const ours = await scalar((g, v) => meanSquaredError(g, v, g.constant('float32', [3], [1, 2, 3])), [3], [1.5, 2, 0]);
  assert.ok(Math.abs(ours - (0.25 + 0 + 9) / 3) < 1e-6);
  await checkGradients({ p: { shape: [3] } }, (g, { p }) =>
    meanSquaredError(g, p, g.constant('float64', [3], [1, 2, 3])),
  );
});
