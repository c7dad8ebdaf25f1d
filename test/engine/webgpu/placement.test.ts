import { onSwiftShader } from './swiftShader';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { measurePlacement } from '../../../extension/engine/train/placement';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');

for (const [task, mode] of [
  ['cls', 'full'],
  ['qa', 'full'],
  ['token', 'full'],
  ['multilabel', 'full'],
  ['regression', 'full'],
  ['cls', 'frozen'],
] as const) {
  test(`WebGPU: no node of the ${task} ${mode} step or evaluation graph runs on the CPU`, onSwiftShader, async () => {
    const r = await measurePlacement({
      model: path.join(FIXTURES, `tiny-${task}`),
      task,
      mode,
      executionProvider: 'webgpu',
    });
    assert.deepEqual(r.cpu_ops, {});
    for (const graph of [r.step, r.eval, ...(r.features ? [r.features] : [])]) {
      assert.equal(graph.CPUExecutionProvider, 0);
      assert.ok(graph.WebGpuExecutionProvider > 0);
    }
    assert.equal(r.copied_bytes_per_step, 0);
  });
}

test('the CPU provider reports every node on the CPU (the report reads what ORT did)', async () => {
  const r = await measurePlacement({
    model: path.join(FIXTURES, 'tiny-cls'),
    task: 'cls',
    mode: 'frozen',
    executionProvider: 'cpu',
  });
  assert.deepEqual(Object.keys(r.step), ['CPUExecutionProvider']);
  assert.ok(r.step.CPUExecutionProvider > 10);
});
