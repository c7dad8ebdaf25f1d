import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatestOnly } from '../../../extension/training/latestOnly';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a burst goes out as the first update at once and the latest one after the interval', async () => {
  const sent: number[] = [];
  const updates = new LatestOnly<number>((v) => sent.push(v), 20);
  for (let i = 1; i <= 100; i++) updates.push(i);
  assert.deepEqual(sent, [1]);
  await tick(60);
  assert.deepEqual(sent, [1, 100], 'the values between were dropped, the last kept');
  updates.push(101);
  await tick(60);
  assert.deepEqual(sent, [1, 100, 101]);
  updates.push(102);
  updates.push(103);
  updates.dispose();
  await tick(60);
  assert.deepEqual(sent, [1, 100, 101, 102], 'nothing is sent after dispose');
});
