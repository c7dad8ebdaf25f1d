import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseBertConfig } from '../../../extension/engine/bert/config';
import { assignWeights, initNotice, loadWeights } from '../../../extension/engine/bert/weights';
import { parameterSpecs } from '../../../extension/engine/bert/params';
import { initParameter } from '../../../extension/engine/bert/init';
import { HostTensor } from '../../../extension/engine/tensor';
import { Rng } from '../../../extension/shared/rng';

const config = parseBertConfig(
  {
    model_type: 'bert',
    vocab_size: 20,
    hidden_size: 8,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    intermediate_size: 16,
    id2label: { 0: 'a', 1: 'b', 2: 'c' },
  },
  'c.json',
);

function baseCheckpoint(): Map<string, HostTensor> {
  const rng = new Rng(1);
  return new Map(
    parameterSpecs(config, 'base').map((s) => [
      s.name.replace(/^bert\./, ''),
      initParameter(s.name, s.shape, config, rng),
    ]),
  );
}

test("a base checkpoint gets a new classifier, reported like Transformers' notice", () => {
  const w = assignWeights(parameterSpecs(config, 'cls'), baseCheckpoint(), config, 'ckpt');
  assert.deepEqual(w.newlyInitialized, ['classifier.bias', 'classifier.weight']);
  assert.deepEqual(w.params.get('classifier.weight')!.shape, [3, 8]);
  assert.match(
    initNotice(w, 'BertForSequenceClassification', 'ckpt')!,
    /newly initialized: \['classifier.bias', 'classifier.weight'\]/,
  );
  const bias = w.params.get('classifier.bias')!.data as Float32Array;
  assert.ok(bias.every((v) => v === 0));
});

test('a tensor of the wrong shape names the file and the tensor; a head of another size can be re-created', () => {
  const ckpt = baseCheckpoint();
  ckpt.set('encoder.layer.0.attention.self.query.weight', {
    dtype: 'float32',
    shape: [8, 4],
    data: new Float32Array(32),
  });
  assert.throws(
    () => assignWeights(parameterSpecs(config, 'cls'), ckpt, config, 'model.safetensors'),
    /model.safetensors: tensor bert.encoder.layer.0.attention.self.query.weight has shape \[8, 4\], the config needs \[8, 8\]/,
  );
  const good = baseCheckpoint();
  good.set('classifier.weight', { dtype: 'float32', shape: [2, 8], data: new Float32Array(16) });
  good.set('classifier.bias', { dtype: 'float32', shape: [2], data: new Float32Array(2) });
  assert.throws(
    () => assignWeights(parameterSpecs(config, 'cls'), good, config, 'm'),
    /classifier.weight has shape \[2, 8\]/,
  );
  const w = assignWeights(parameterSpecs(config, 'cls'), good, config, 'm', { ignoreMismatchedHeads: true });
  assert.deepEqual(w.reinitialized, ['classifier.weight', 'classifier.bias']);
});

test('a missing encoder tensor is an error; pre-training heads are reported as unused', () => {
  const ckpt = baseCheckpoint();
  ckpt.delete('encoder.layer.0.output.dense.bias');
  assert.throws(
    () => assignWeights(parameterSpecs(config, 'cls'), ckpt, config, 'm'),
    /m: checkpoint lacks tensor bert.encoder.layer.0.output.dense.bias \[8\]/,
  );
  const extra = baseCheckpoint();
  extra.set('cls.predictions.bias', { dtype: 'float32', shape: [20], data: new Float32Array(20) });
  assert.deepEqual(assignWeights(parameterSpecs(config, 'cls'), extra, config, 'm').unexpected, [
    'cls.predictions.bias',
  ]);
});

test('a folder with only pickled weights is refused with the reason, never unpickled', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pk-'));
  fs.writeFileSync(path.join(dir, 'pytorch_model.bin'), 'not read');
  assert.throws(
    () => loadWeights(dir, config, 'cls'),
    /has only pytorch_model.bin: .*unpickling can run arbitrary code/,
  );
});

test('initialization: seeded, LayerNorm ones, zero biases, std near initializer_range, [PAD] row zero', () => {
  const a = initParameter('bert.embeddings.word_embeddings.weight', [200, 50], config, new Rng(3)).data as Float32Array;
  const b = initParameter('bert.embeddings.word_embeddings.weight', [200, 50], config, new Rng(3)).data as Float32Array;
  assert.deepEqual(a, b);
  assert.ok(
    a.subarray(0, 50).every((v) => v === 0),
    'padding row zero',
  );
  const rest = a.subarray(50);
  const std = Math.sqrt(rest.reduce((s, v) => s + v * v, 0) / rest.length);
  assert.ok(Math.abs(std - 0.02) < 0.001, `std ${std}`);
  assert.ok((initParameter('x.LayerNorm.weight', [4], config, new Rng(1)).data as Float32Array).every((v) => v === 1));
  assert.ok((initParameter('x.dense.bias', [4], config, new Rng(1)).data as Float32Array).every((v) => v === 0));
});
