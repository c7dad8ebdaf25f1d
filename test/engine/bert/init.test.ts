import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBertConfig } from '../../../extension/engine/bert/config';
import { initParameter } from '../../../extension/engine/bert/init';
import { Rng } from '../../../extension/shared/rng';

const config = parseBertConfig(
  {
    model_type: 'bert',
    vocab_size: 50,
    hidden_size: 16,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    intermediate_size: 32,
    pad_token_id: 3,
    initializer_range: 0.05,
  },
  'config.json',
);

test('Rng is deterministic for a seed, uniform in [0, 1), and differs across seeds', () => {
  const draw = (seed: number) => {
    const r = new Rng(seed);
    return Array.from({ length: 8 }, () => [r.next(), r.normal()]).flat();
  };
  assert.deepEqual(draw(7), draw(7));
  assert.notDeepEqual(draw(7), draw(8));
  const r = new Rng(1);
  let sum = 0;
  for (let i = 0; i < 20000; i++) {
    const u = r.next();
    assert.ok(u >= 0 && u < 1);
    sum += u;
  }
  assert.ok(Math.abs(sum / 20000 - 0.5) < 0.01);
});

test('the same seed gives the same parameter', () => {
  const a = initParameter('classifier.weight', [3, 16], config, new Rng(42)).data;
  const b = initParameter('classifier.weight', [3, 16], config, new Rng(42)).data;
  const c = initParameter('classifier.weight', [3, 16], config, new Rng(43)).data;
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('LayerNorm weights are ones; biases and LayerNorm biases are zeros', () => {
  const ln = initParameter('bert.embeddings.LayerNorm.weight', [16], config, new Rng(1));
  assert.equal(ln.dtype, 'float32');
  assert.deepEqual(ln.shape, [16]);
  assert.ok((ln.data as Float32Array).every((v) => v === 1));
  for (const name of [
    'bert.embeddings.LayerNorm.bias',
    'classifier.bias',
    'bert.encoder.layer.0.intermediate.dense.bias',
  ]) {
    assert.ok(
      (initParameter(name, [16], config, new Rng(1)).data as Float32Array).every((v) => v === 0),
      name,
    );
  }
  assert.throws(
    () => initParameter('bert.embeddings.position_ids', [1, 16], config, new Rng(1)),
    /neither a .weight nor a .bias/,
  );
});

test('weights ~ normal(0, initializer_range); the word-embedding row at pad_token_id is zero', () => {
  const w = initParameter('bert.encoder.layer.0.intermediate.dense.weight', [512, 256], config, new Rng(5))
    .data as Float32Array;
  const mean = w.reduce((a, v) => a + v, 0) / w.length;
  const std = Math.sqrt(w.reduce((a, v) => a + (v - mean) ** 2, 0) / w.length);
  assert.ok(Math.abs(mean) < 0.001, `mean ${mean}`);
  assert.ok(Math.abs(std - 0.05) < 0.001, `std ${std}`);
  const e = initParameter('bert.embeddings.word_embeddings.weight', [50, 16], config, new Rng(5)).data as Float32Array;
  assert.ok(e.subarray(3 * 16, 4 * 16).every((v) => v === 0));
  assert.ok(e.subarray(2 * 16, 3 * 16).some((v) => v !== 0));
  assert.ok(e.subarray(4 * 16, 5 * 16).some((v) => v !== 0));
  const p = initParameter('bert.embeddings.position_embeddings.weight', [20, 16], config, new Rng(5))
    .data as Float32Array;
  assert.ok(
    p.subarray(3 * 16, 4 * 16).some((v) => v !== 0),
    'only the word embeddings have a padding row',
  );
});
