import { test } from 'node:test';
import * as path from 'node:path';
import { loadBertConfig } from '../../../extension/engine/bert/config';
import { loadWeights } from '../../../extension/engine/bert/weights';
import { readBatchFile } from '../../../extension/engine/bert/batchFile';
import { readSafetensors } from '../../../extension/engine/bert/safetensors';
import { parameterSpecs, Task } from '../../../extension/engine/bert/params';
import { Session } from '../../../extension/engine/runtime/ort';
import { assertClose } from '../closeness';
import { buildForward } from '../../../extension/engine/bert/forward';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');

async function forward(ckpt: string, batchFile: string, task: Task) {
  const config = loadBertConfig(path.join(FIXTURES, ckpt, 'config.json'));
  const w = loadWeights(path.join(FIXTURES, ckpt), config, task);
  const graph = buildForward(config, task, parameterSpecs(config, task), w.params, { hiddenStates: true });
  const session = await Session.fromGraph(graph, {}, 'forward');
  const batch = readBatchFile(path.join(FIXTURES, batchFile));
  const { input_ids, attention_mask, token_type_ids } = batch;
  const out = await session.run({ input_ids, attention_mask, token_type_ids });
  await session.release();
  return { out, layers: config.numHiddenLayers };
}

test('eval forward matches PyTorch: every hidden state, pooler output and logits (classification)', async () => {
  const { out, layers } = await forward('tiny-cls', 'batch-cls.json', 'cls');
  const ref = readSafetensors(path.join(FIXTURES, 'forward-cls.safetensors'));
  for (let i = 0; i <= layers; i++)
    assertClose(out[`hidden_states.${i}`], ref.get(`hidden_states.${i}`), `hidden_states.${i}`, 1e-5, 1e-5);
  assertClose(out.logits, ref.get('logits'), 'logits', 1e-5, 1e-7);
});

test('eval forward matches PyTorch: hidden states and start/end logits (question answering)', async () => {
  const { out, layers } = await forward('tiny-qa', 'batch-qa.json', 'qa');
  const ref = readSafetensors(path.join(FIXTURES, 'forward-qa.safetensors'));
  for (let i = 0; i <= layers; i++)
    assertClose(out[`hidden_states.${i}`], ref.get(`hidden_states.${i}`), `hidden_states.${i}`, 1e-5, 1e-5);
  assertClose(out.start_logits, ref.get('start_logits'), 'start_logits', 1e-5, 1e-7);
  assertClose(out.end_logits, ref.get('end_logits'), 'end_logits', 1e-5, 1e-7);
});
