import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadBertConfig } from '../../../extension/engine/bert/config';
import { loadWeights } from '../../../extension/engine/bert/weights';
import { readBatchFile } from '../../../extension/engine/bert/batchFile';
import { isHead, parameterSpecs } from '../../../extension/engine/bert/params';
import { TrainingStep } from '../../../extension/engine/train/trainingStep';
import { ADAMW_DEFAULTS } from '../../../extension/engine/train/adamw';
import type { HostTensor } from '../../../extension/engine/tensor';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');

function setup() {
  const config = loadBertConfig(path.join(FIXTURES, 'tiny-cls', 'config.json'));
  const weights = loadWeights(path.join(FIXTURES, 'tiny-cls'), config, 'cls');
  const batch = readBatchFile(path.join(FIXTURES, 'batch-cls.json'));
  return { config, weights, batch, specs: parameterSpecs(config, 'cls') };
}

const snapshot = (m: Map<string, HostTensor>) =>
  new Map(
    [...m].map(([k, v]) => [k, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength).toString('base64')]),
  );

test('frozen encoder: only the head trains, encoder weights stay bit-identical', async () => {
  const { config, weights, batch, specs } = setup();
  const trainable = specs.filter((s) => isHead(s.name));
  const frozen = new Map([...weights.params].filter(([k]) => !isHead(k)));
  const before = snapshot(frozen);
  const step = await TrainingStep.create(
    { config, task: 'cls', trainable, frozen, dropout: true, optimizer: { ...ADAMW_DEFAULTS, weightDecay: 0.01 } },
    weights.params,
  );
  const headBefore = Float32Array.from(weights.params.get('classifier.weight')!.data as Float32Array);
  const r = await step.run(batch, 1e-2);
  assert.ok(Number.isFinite(r.loss));
  assert.deepEqual([...(await step.weights()).keys()].sort(), ['classifier.bias', 'classifier.weight']);
  const headAfter = (await step.weights()).get('classifier.weight')!.data as Float32Array;
  assert.ok(
    headAfter.some((v, i) => v !== headBefore[i]),
    'the classifier moved',
  );
  assert.deepEqual(snapshot(frozen), before, 'every frozen tensor is bit-identical');
  await step.release();
});

test('device-resident state (ORT tensors fed back) gives bit-identical results to host buffers on the CPU', async () => {
  const { config, weights, batch, specs } = setup();
  const opts = {
    config,
    task: 'cls' as const,
    trainable: specs,
    frozen: new Map(),
    dropout: true,
    dropoutSeed: 5,
    optimizer: { ...ADAMW_DEFAULTS, weightDecay: 0.01 },
  };
  // Each step owns and updates the tensors it is given.
  const copy = () => new Map([...weights.params].map(([k, t]) => [k, { ...t, data: t.data.slice() }]));
  const host = await TrainingStep.create(opts, copy(), {}, undefined, 'host');
  const device = await TrainingStep.create(opts, copy(), {}, undefined, 'device');
  for (let i = 0; i < 4; i++) {
    const [a, b] = [await host.run(batch, 1e-3), await device.run(batch, 1e-3)];
    assert.equal(a.loss, b.loss, `step ${i} loss`);
    assert.equal(a.gradNorm, b.gradNorm);
  }
  const [wa, wb] = [await host.weights(), await device.weights()];
  for (const [k, v] of wa) assert.deepEqual(wb.get(k)!.data, v.data, k);
  const [sa, sb] = [await host.optimizerState(), await device.optimizerState()];
  assert.equal(sb.updates, 4);
  for (const [k, v] of sa.v) assert.deepEqual(sb.v.get(k)!.data, v.data, `v ${k}`);
  await host.release();
  await device.release();
});

test('30 full fine-tuning steps with dropout drive the loss below 10% of its start', async () => {
  const { config, weights, batch, specs } = setup();
  const step = await TrainingStep.create(
    {
      config,
      task: 'cls',
      trainable: specs,
      frozen: new Map(),
      dropout: true,
      dropoutSeed: 1,
      optimizer: { ...ADAMW_DEFAULTS, weightDecay: 0.01 },
    },
    weights.params,
  );
  const losses: number[] = [];
  for (let i = 0; i < 30; i++) losses.push((await step.run(batch, 1e-2)).loss);
  assert.ok(
    losses[29] < 0.1 * losses[0],
    `loss ${losses[0]} → ${losses[29]}: ${losses.map((l) => l.toFixed(3)).join(' ')}`,
  );
  const state = await step.optimizerState();
  assert.equal(state.updates, 30);
  await step.release();
});
