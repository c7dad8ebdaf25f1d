import { test } from 'node:test';
import assert from 'node:assert/strict';
import { onnx } from 'onnx-proto';
import { Graph } from '../../../extension/engine/onnx/builder';
import { toModelProto } from '../../../extension/engine/onnx/serialize';

test('shape mistakes fail at build time, naming the node and its inputs', () => {
  const g = new Graph();
  const x = g.input('x', 'float32', ['B', 3]);
  const w = g.input('w', 'float32', [4, 5]);
  assert.throws(
    () => g.matmul(x, w),
    /MatMul node 'MatMul_\d+' \(inputs x\[B,3\]:float32, w\[4,5\]:float32\): inner dimensions differ: 3 vs 4/,
  );
  assert.throws(() => g.add(x, g.input('y', 'float32', ['T', 3])), /cannot broadcast \[B,3\] with \[T,3\]/);
  assert.throws(() => g.add(x, g.input('z', 'float64', [3])), /dtype mismatch float32 vs float64/);
  assert.throws(
    () => g.layerNorm(x, g.input('gamma', 'float32', [4]), g.input('beta', 'float32', [4]), 1e-5),
    /scale \[4\] does not match normalized shape \[3\]/,
  );
  assert.throws(() => g.input('x', 'float32', [1]), /duplicate graph name 'x'/);
});

test('shapes are tracked through the builder, symbols included', () => {
  const g = new Graph();
  const x = g.input('x', 'float32', ['B', 'T', 8]);
  const w = g.input('w', 'float32', [8, 4]);
  assert.deepEqual(g.matmul(x, w).shape, ['B', 'T', 4]);
  assert.deepEqual(g.transpose(g.reshape(x, [0, 0, 2, 4]), [0, 2, 1, 3]).shape, ['B', 2, 'T', 4]);
  assert.deepEqual(g.sum(x, [1], false).shape, ['B', 8]);
  assert.deepEqual(g.gather(x, g.scalar(0, 'int64'), 1).shape, ['B', 8]);
});

test('the model is ONNX opset 20 with named inputs, outputs and symbolic dims', () => {
  const g = new Graph();
  const x = g.input('x', 'float32', ['B', 2]);
  g.output(g.tanh(x), 'y');
  g.output(x, 'x_copy');
  const m = onnx.ModelProto.decode(toModelProto(g));
  const graph = m.graph as onnx.GraphProto;
  assert.equal(Number(m.opsetImport[0].version), 20);
  assert.deepEqual(
    graph.input.map((i) => i.name),
    ['x'],
  );
  assert.deepEqual(
    graph.output.map((o) => o.name),
    ['y', 'x_copy'],
  );
  assert.equal((graph.input[0].type as onnx.TypeProto).tensorType?.shape?.dim?.[0].dimParam, 'B');
  assert.ok(
    graph.node.some((n) => n.opType === 'Tanh' && n.output?.[0] === 'y'),
    'a node output takes the public name directly',
  );
  assert.ok(
    graph.node.some((n) => n.opType === 'Identity' && n.output?.[0] === 'x_copy'),
    'an input published as output is copied',
  );
});
