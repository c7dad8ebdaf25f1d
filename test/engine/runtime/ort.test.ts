import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Graph } from '../../../extension/engine/onnx/builder';
import { Session } from '../../../extension/engine/runtime/ort';
import { float32, int64 } from '../../../extension/engine/tensor';

async function embedSession() {
  const g = new Graph();
  const ids = g.input('input_ids', 'int64', ['B', 'T']);
  const mask = g.input('attention_mask', 'int64', ['B', 'T']);
  const table = g.initializer(
    float32(
      [10, 2],
      Array.from({ length: 20 }, (_, i) => i),
    ),
  );
  g.output(g.mul(g.gather(table, ids), g.unsqueeze(g.cast(mask, 'float32'), [-1])), 'out');
  return Session.fromGraph(g, { threads: 1 }, 'embed');
}

test('one session serves batches of different padded lengths (dynamic axes)', async () => {
  const s = await embedSession();
  const a = await s.run({ input_ids: int64([1, 3], [1, 2, 3]), attention_mask: int64([1, 3], [1, 1, 0]) });
  assert.deepEqual(a.out.shape, [1, 3, 2]);
  assert.deepEqual(Array.from(a.out.data as Float32Array), [2, 3, 4, 5, 0, 0]);
  const b = await s.run({ input_ids: int64([2, 1], [9, 0]), attention_mask: int64([2, 1], [1, 1]) });
  assert.deepEqual(Array.from(b.out.data as Float32Array), [18, 19, 0, 1]);
  await s.release();
});

test('feeds are checked against the graph before ONNX Runtime sees them', async () => {
  const s = await embedSession();
  const ids = int64([1, 3], [1, 2, 3]);
  await assert.rejects(s.run({ input_ids: ids }), /embed: missing input 'attention_mask' \(int64 \[B,T\]\)/);
  await assert.rejects(
    s.run({ input_ids: ids, attention_mask: float32([1, 3], [1, 1, 1]) }),
    /input 'attention_mask' expects int64 \[B,T\], got float32 \[1,3\]/,
  );
  await assert.rejects(
    s.run({ input_ids: ids, attention_mask: int64([1, 4], [1, 1, 1, 1]) }),
    /dimension T is 3 in 'input_ids' but 4 in 'attention_mask'/,
  );
  await assert.rejects(
    s.run({ input_ids: ids, attention_mask: int64([1, 3], [1, 1, 1]), labels: ids }),
    /unknown input 'labels'/,
  );
  await s.release();
});

test('outputs can be written into pre-allocated buffers', async () => {
  const g = new Graph();
  const x = g.input('x', 'float32', [3]);
  g.output(g.add(x, g.scalar(1)), 'y');
  const s = await Session.fromGraph(g);
  const into = float32([3]);
  const out = await s.run({ x: float32([3], [1, 2, 3]) }, { y: into });
  assert.equal(out.y, into);
  assert.deepEqual(Array.from(into.data as Float32Array), [2, 3, 4]);
  await s.release();
});
