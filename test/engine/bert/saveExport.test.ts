import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadBertConfig } from '../../../extension/engine/bert/config';
import { loadWeights } from '../../../extension/engine/bert/weights';
import { readBatchFile } from '../../../extension/engine/bert/batchFile';
import { parameterSpecs, Task } from '../../../extension/engine/bert/params';
import { saveModel } from '../../../extension/engine/bert/save';
import { exportOnnx } from '../../../extension/engine/bert/export';
import { readSafetensorsHeader } from '../../../extension/engine/bert/safetensors';
import { Session } from '../../../extension/engine/runtime/ort';
import { assertClose } from '../closeness';
import type { HostTensor } from '../../../extension/engine/tensor';
import { buildForward } from '../../../extension/engine/bert/forward';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'save-'));

async function engineOutputs(folder: string, task: Task, batchFile: string) {
  const config = loadBertConfig(path.join(folder, 'config.json'));
  const w = loadWeights(folder, config, task);
  const s = await Session.fromGraph(buildForward(config, task, parameterSpecs(config, task), w.params), {}, 'engine');
  const { input_ids, attention_mask, token_type_ids } = readBatchFile(path.join(FIXTURES, batchFile));
  const out = await s.run({ input_ids, attention_mask, token_type_ids });
  await s.release();
  return { out, params: w.params, config, feeds: { input_ids, attention_mask, token_type_ids } };
}

for (const [task, ckpt, batch] of [
  ['cls', 'tiny-cls', 'batch-cls.json'],
  ['qa', 'tiny-qa', 'batch-qa.json'],
] as const) {
  test(`save → load gives identical weights and logits (${task})`, async () => {
    const before = await engineOutputs(path.join(FIXTURES, ckpt), task, batch);
    const dir = path.join(tmp(), 'saved');
    saveModel(dir, before.config, task, before.params);
    const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    assert.deepEqual(cfg.architectures, [
      task === 'cls' ? 'BertForSequenceClassification' : 'BertForQuestionAnswering',
    ]);
    assert.deepEqual(readSafetensorsHeader(path.join(dir, 'model.safetensors')).metadata, { format: 'pt' });
    const after = await engineOutputs(dir, task, batch);
    for (const [k, v] of before.params) assert.deepEqual(after.params.get(k)!.data, v.data, k);
    for (const k of Object.keys(before.out)) assert.deepEqual(after.out[k].data, before.out[k].data, k);
  });

  test(`the exported ONNX model gives the engine's outputs in a fresh session (${task})`, async () => {
    const ref = await engineOutputs(path.join(FIXTURES, ckpt), task, batch);
    const out = tmp();
    const file = exportOnnx(out, ref.config, task, ref.params, { 'config.json': '{}' });
    assert.equal(file, path.join(out, 'onnx', 'model.onnx'));
    // A plain ORT session from the file, not the engine's graph objects.
    const ort = await import('onnxruntime-node');
    const s = await ort.InferenceSession.create(file);
    assert.deepEqual([...s.inputNames].sort(), ['attention_mask', 'input_ids', 'token_type_ids']);
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
    for (const [k, v] of Object.entries(ref.feeds))
      feeds[k] = new ort.Tensor('int64', v.data as BigInt64Array, v.shape);
    const got = await s.run(feeds);
    for (const k of task === 'cls' ? ['logits'] : ['start_logits', 'end_logits']) {
      const t: HostTensor = { dtype: 'float32', shape: [...got[k].dims], data: got[k].data as Float32Array };
      assertClose(t, ref.out[k], k, 1e-5, 1e-7);
    }
    await s.release();
  });
}

test('saving never leaves a half-written folder that looks saved', () => {
  const dir = path.join(tmp(), 'model');
  assert.throws(() =>
    saveModel(
      dir,
      loadBertConfig(path.join(FIXTURES, 'tiny-cls', 'config.json')),
      'cls',
      new Map([['x', { dtype: 'float32', shape: [2], data: new Float32Array(1) } as HostTensor]]),
    ),
  );
  assert.equal(fs.existsSync(dir), false);
  assert.deepEqual(fs.readdirSync(path.dirname(dir)), []);
});
