import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGradients } from './finiteDifference';
import { GRADIENTS } from '../../../extension/engine/onnx/gradients';
import { Graph } from '../../../extension/engine/onnx/builder';
import { gradients } from '../../../extension/engine/onnx/autodiff';
import { Session } from '../../../extension/engine/runtime/ort';
import { float32, int64 } from '../../../extension/engine/tensor';

const positive = (n: number, seed = 1) => Array.from({ length: n }, (_, i) => 0.5 + ((i * 37 + seed * 11) % 17) / 10);
const covered = new Set<string>();
const check: typeof checkGradients = (specs, build, opts) =>
  checkGradients(
    specs,
    (g, x) => {
      const [before, composites] = [g.nodes.length, g.composites.length];
      const y = build(g, x);
      g.nodes.slice(before).forEach((n) => covered.add(n.op));
      g.composites.slice(composites).forEach((c) => covered.add(c.node.op));
      return y;
    },
    opts,
  );

test('Add, Sub, Mul, Div broadcast and un-broadcast', async () => {
  await check({ a: { shape: [2, 3, 4] }, b: { shape: [4] } }, (g, { a, b }) => g.add(a, b));
  await check({ a: { shape: [2, 3, 4] }, b: { shape: [3, 1] } }, (g, { a, b }) => g.sub(b, a));
  await check({ a: { shape: [2, 3, 4] }, b: { shape: [1, 3, 1] } }, (g, { a, b }) => g.mul(a, b));
  await check({ a: { shape: [2, 3] }, b: { shape: [3], values: positive(3) } }, (g, { a, b }) => g.div(a, b));
  await check({ a: { shape: [3], values: positive(3) }, b: { shape: [2, 3] } }, (g, { a, b }) => g.div(b, a));
  await check({ a: { shape: [2, 3] }, b: { shape: [] } }, (g, { a, b }) => g.mul(a, b));
  await check({ a: { shape: [2, 3] }, b: { shape: [2, 3] } }, (g, { a, b }) => g.op1('Sum', [a, b, a]));
});

test('MatMul with batch dimensions and broadcast batch', async () => {
  await check({ a: { shape: [2, 3, 4] }, b: { shape: [4, 5] } }, (g, { a, b }) => g.matmul(a, b));
  await check({ a: { shape: [2, 1, 3, 4] }, b: { shape: [3, 4, 2] } }, (g, { a, b }) => g.matmul(a, b));
});

test('Gemm in every transpose combination, with a broadcast bias', async () => {
  const [m, k, n] = [3, 4, 2];
  for (const transA of [false, true]) {
    for (const transB of [false, true]) {
      await check(
        { a: { shape: transA ? [k, m] : [m, k] }, b: { shape: transB ? [n, k] : [k, n] }, c: { shape: [n] } },
        (g, { a, b, c }) => g.gemm(a, b, c, { transA, transB }),
      );
    }
  }
});

test('Gather with repeated ids scatter-adds (axis 0), and along another axis', async () => {
  await check({ w: { shape: [5, 3] } }, (g, { w }) => g.gather(w, g.constant('int64', [2, 3], [0, 2, 2, 4, 0, 0])));
  await check({ h: { shape: [2, 3, 4] } }, (g, { h }) => g.gather(h, g.constant('int64', [], [0]), 1));
  await check({ h: { shape: [2, 3, 4] } }, (g, { h }) => g.gather(h, g.constant('int64', [2], [3, 3]), 2));
});

test('Softmax and LogSoftmax on the last and a middle axis', async () => {
  await check({ x: { shape: [2, 3, 4] } }, (g, { x }) => g.softmax(x, -1));
  await check({ x: { shape: [2, 3, 4] } }, (g, { x }) => g.softmax(x, 1));
  await check({ x: { shape: [3, 4] } }, (g, { x }) => g.op1('LogSoftmax', [x], { axis: -1 }));
});

// ONNX Runtime's CPU LayerNormalization computes in float32 (stash type) even for float64 input: checked in float32.
test('LayerNormalization: input, scale and bias (mean and 1/σ outputs reused)', async () => {
  await check(
    { x: { shape: [2, 3, 5] }, gamma: { shape: [5] }, beta: { shape: [5] } },
    (g, { x, gamma, beta }) => g.layerNorm(x, gamma, beta, 1e-5),
    { dtype: 'float32' },
  );
});

test('elementwise unary rules', async () => {
  await check({ x: { shape: [2, 3] } }, (g, { x }) => g.tanh(x));
  await check({ x: { shape: [2, 3] } }, (g, { x }) => g.exp(x));
  await check({ x: { shape: [2, 3] } }, (g, { x }) => g.neg(x));
  await check({ x: { shape: [2, 3] } }, (g, { x }) => g.identity(x));
  await check({ x: { shape: [2, 3] } }, (g, { x }) => g.op1('Sigmoid', [x]));
  await check({ x: { shape: [2, 3] } }, (g, { x }) => g.relu(x));
  await check({ x: { shape: [2, 3] } }, (g, { x }) => g.op1('Cast', [x], { to: 11 }));
  await check({ x: { shape: [2, 3], values: positive(6) } }, (g, { x }) => g.log(x));
  await check({ x: { shape: [2, 3], values: positive(6) } }, (g, { x }) => g.sqrt(x));
  await check({ x: { shape: [2, 3], values: positive(6) }, e: { shape: [3] } }, (g, { x, e }) => g.pow(x, e));
});

// ONNX Runtime's CPU provider has no float64 Erf (nor Gelu, which expands to it): checked in float32.
test('Gelu (exact erf) and Erf, in float32', async () => {
  await check({ x: { shape: [3, 4] } }, (g, { x }) => g.gelu(g.mul(x, g.scalarLike(x, 3))), { dtype: 'float32' });
  await check({ x: { shape: [3, 4] } }, (g, { x }) => g.erf(g.mul(x, g.scalarLike(x, 2))), { dtype: 'float32' });
});

test('Reshape, Transpose, Unsqueeze, Squeeze, Slice, Concat', async () => {
  await check({ x: { shape: [2, 6] } }, (g, { x }) =>
    g.reshape(
      x,
      [3, 0, -1].map((d) => (d === 0 ? 2 : d)),
    ),
  );
  await check({ x: { shape: [2, 3, 4] } }, (g, { x }) => g.transpose(x, [2, 0, 1]));
  await check({ x: { shape: [2, 3] } }, (g, { x }) => g.squeeze(g.unsqueeze(x, [0, 2]), [0]));
  await check({ x: { shape: [3, 5] } }, (g, { x }) => g.slice(x, [1, 0], [4, 2], [1, 0]));
  await check({ a: { shape: [2, 2] }, b: { shape: [2, 3] } }, (g, { a, b }) => g.concat([a, b, a], 1));
});

test('ReduceSum and ReduceMean, with and without keepdims', async () => {
  await check({ x: { shape: [2, 3, 4] } }, (g, { x }) => g.sum(x, [1], false));
  await check({ x: { shape: [2, 3, 4] } }, (g, { x }) => g.mean(x, [0, 2], true));
  await check({ x: { shape: [2, 3, 4] } }, (g, { x }) => g.mean(x, [-1], false));
});

test('Where masking passes gradient only through the chosen branch', async () => {
  const mask = [1, 0, 0, 1, 1, 0];
  await check({ a: { shape: [2, 3] }, b: { shape: [3] } }, (g, { a, b }) =>
    g.where(g.constant('bool', [2, 3], mask), a, b),
  );
});

test('SoftmaxCrossEntropyLoss with ignore_index, and without', async () => {
  await check(
    { s: { shape: [5, 4] } },
    (g, { s }) => g.softmaxCrossEntropy(s, g.constant('int64', [5], [1, -100, 3, 3, 0]), -100)[0],
  );
  await check({ s: { shape: [3, 4] } }, (g, { s }) => g.softmaxCrossEntropy(s, g.constant('int64', [3], [2, 0, 3]))[0]);
  await check({ s: { shape: [3, 4] } }, (g, { s }) => g.softmaxCrossEntropy(s, g.constant('int64', [3], [2, 0, 3]))[1]);
});

test('Dropout gradient reuses the forward mask exactly', async () => {
  const g = new Graph();
  const x = g.input('x', 'float32', [4, 50]);
  const [y, mask] = g.dropout(x, 0.25, 3);
  const r = g.input('r', 'float32', [4, 50]);
  const loss = g.total(g.mul(y, r));
  const dx = gradients(g, loss, [x]).get(x)!;
  g.output(dx, 'dx');
  g.output(mask, 'mask');
  g.output(y, 'y');
  const s = await Session.fromGraph(g);
  const xs = float32(
    [4, 50],
    Array.from({ length: 200 }, (_, i) => Math.sin(i)),
  );
  const rs = float32(
    [4, 50],
    Array.from({ length: 200 }, (_, i) => Math.cos(i * 0.7)),
  );
  const out = await s.run({ x: xs, r: rs });
  const m = out.mask.data as Uint8Array;
  const kept = m.reduce((a, b) => a + b, 0);
  assert.ok(kept > 110 && kept < 190, `about 75% kept, got ${kept}/200`);
  for (let i = 0; i < 200; i++) {
    const expected = m[i] ? (rs.data[i] as number) / 0.75 : 0;
    assert.ok(Math.abs((out.dx.data[i] as number) - expected) < 1e-6, `dx[${i}]`);
    assert.ok(Math.abs((out.y.data[i] as number) - (m[i] ? (xs.data[i] as number) / 0.75 : 0)) < 1e-6, `y[${i}]`);
  }
  covered.add('Dropout');
});

test('a masked attention block end to end (composite)', async () => {
  await check({ q: { shape: [2, 3, 4] }, k: { shape: [2, 3, 4] }, v: { shape: [2, 3, 4] } }, (g, { q, k, v }) => {
    const bias = g.constant('float64', [2, 1, 3], [0, 0, -1e9, 0, 0, 0]);
    const scores = g.add(g.div(g.matmul(q, g.transpose(k, [0, 2, 1])), g.scalarLike(q, 2)), bias);
    return g.matmul(g.softmax(scores, -1), v);
  });
});

test('every gradient rule in the table has a check above', () => {
  const unchecked = Object.keys(GRADIENTS).filter((op) => !covered.has(op));
  assert.deepEqual(unchecked, []);
});

test('frozen values get no gradient and no backward nodes', () => {
  const g = new Graph();
  const x = g.input('x', 'float32', [2, 3]);
  const frozen = g.initializer(float32([3, 3], new Array(9).fill(0.5)));
  const w = g.input('w', 'float32', [3, 1]);
  const loss = g.total(g.matmul(g.matmul(x, frozen), w));
  const before = g.nodes.length;
  const grads = gradients(g, loss, [w]);
  assert.equal(grads.size, 1);
  const added = g.nodes.slice(before);
  assert.ok(
    added.every((n) => !n.inputs.includes(frozen) || n.op !== 'MatMul' || n.outputs[0].shape.join() !== '3,3'),
    'no gradient for the frozen matrix',
  );
  void int64;
});
