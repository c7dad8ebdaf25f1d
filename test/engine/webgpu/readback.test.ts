import { onSwiftShader } from './swiftShader';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Graph } from '../../../extension/engine/onnx/builder';
import { Session } from '../../../extension/engine/runtime/ort';
import { float32 } from '../../../extension/engine/tensor';

async function squares() {
  const g = new Graph();
  const x = g.input('x', 'float32', ['N', 2]);
  g.output(g.mul(x, x), 'y');
  g.output(g.total(x), 'sum');
  return Session.fromGraph(g, { executionProvider: 'webgpu', residentOutputs: ['y', 'sum'] }, 'squares');
}

test('a tensor left on the GPU comes back to the host through a reader session', onSwiftShader, async () => {
  const s = await squares();
  const { resident } = await s.runMixed({ x: float32([2, 2], [1, 2, 3, 4]) });
  assert.equal(resident.y.location, 'gpu-buffer');
  const y = await resident.y.toHost('y');
  assert.deepEqual(y.shape, [2, 2]);
  assert.deepEqual(Array.from(y.data as Float32Array), [1, 4, 9, 16]);
  const sum = await resident.sum.toHost('sum');
  assert.deepEqual(sum.shape, []);
  assert.deepEqual(Array.from(sum.data as Float32Array), [10]);
  // The GPU tensor stays usable as the next run's input after a download.
  const again = await s.runMixed({ x: float32([1, 2], [5, 6]) });
  assert.deepEqual(Array.from((await again.resident.y.toHost()).data as Float32Array), [25, 36]);
  resident.y.release();
  resident.sum.release();
  again.resident.y.release();
  again.resident.sum.release();
  await s.release();
});

test('a failed download is a JS error naming the tensor, not an abort', onSwiftShader, async () => {
  const s = await squares();
  const { resident } = await s.runMixed({ x: float32([1, 2], [1, 2]) });
  const tensor = resident.y.tensor;
  tensor.dispose(); // the GPU buffer is gone under the Resident
  await assert.rejects(resident.y.toHost('param:classifier.weight'), /reading param:classifier\.weight back from/);
  resident.sum.release();
  await s.release();
});
