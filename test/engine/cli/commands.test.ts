import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeHub } from '../hub/fakeHub';
import { readSafetensors } from '../../../extension/engine/bert/safetensors';
import { assertClose } from '../closeness';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'bert-studio.js');
const TINY = path.join(ROOT, 'test', 'fixtures', 'parity', 'tiny-cls');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

test('tokenize --json gives Transformers-shaped fields; the table shows each token', () => {
  const r = run('tokenize', TINY, 'I love Paris', 'snow fall', '--json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.input_ids, [101, 1045, 2293, 3000, 102, 4586, 2991, 102]);
  assert.deepEqual(j.token_type_ids, [0, 0, 0, 0, 0, 1, 1, 1]);
  assert.deepEqual(j.offsets[3], [7, 12]);
  const table = run('tokenize', TINY, 'I love Paris');
  assert.match(table.stdout, /^#\s+token\s+id\s+type\s+mask\s+chars$/m);
  assert.match(table.stdout, /^3\s+paris\s+3000\s+0\s+1\s+7-12$/m);
  assert.match(run('tokenize', TINY, 'x', '--max-length', '9999').stderr, /more than the model's 512 positions/);
});

test("export writes onnx/model.onnx with config and tokenizer files beside it, giving PyTorch's logits", async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'exp-')), 'web');
  const r = run('export', TINY, '--onnx', out);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), path.join(out, 'onnx', 'model.onnx'));
  assert.deepEqual(fs.readdirSync(out).sort(), [
    'config.json',
    'onnx',
    'special_tokens_map.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'vocab.txt',
  ]);
  const ort = await import('onnxruntime-node');
  const s = await ort.InferenceSession.create(path.join(out, 'onnx', 'model.onnx'));
  const batch = JSON.parse(fs.readFileSync(path.join(TINY, '..', 'batch-cls.json'), 'utf8'));
  const feed = (k: string) =>
    new ort.Tensor('int64', BigInt64Array.from(batch[k].flat().map(BigInt)), [batch[k].length, batch[k][0].length]);
  const got = await s.run({
    input_ids: feed('input_ids'),
    attention_mask: feed('attention_mask'),
    token_type_ids: feed('token_type_ids'),
  });
  const ref = readSafetensors(path.join(TINY, '..', 'forward-cls.safetensors')).get('logits')!;
  assertClose(
    { dtype: 'float32', shape: [...got.logits.dims], data: got.logits.data as Float32Array },
    ref,
    'logits',
    1e-5,
    1e-7,
  );
  await s.release();
  const qaOut = path.join(path.dirname(out), 'qa');
  const noHead = run('export', TINY, '--onnx', qaOut, '--task', 'qa');
  assert.equal(noHead.status, 1);
  assert.match(noHead.stderr, /has no trained qa head to export/);
  assert.equal(fs.existsSync(path.join(qaOut, 'onnx', 'model.onnx')), false);
});

test('download prints the snapshot folder from a Hub given by HF_ENDPOINT', async () => {
  const hub = await startFakeHub({
    'org/tiny': {
      commit: 'b'.repeat(40),
      files: {
        'config.json': fs.readFileSync(path.join(TINY, 'config.json')),
        'vocab.txt': fs.readFileSync(path.join(TINY, 'vocab.txt')),
        'model.safetensors': fs.readFileSync(path.join(TINY, 'model.safetensors')),
      },
    },
  });
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-'));
  const child = spawn(process.execPath, [BIN, 'download', 'org/tiny'], {
    env: { ...process.env, HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache },
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  const code = await new Promise((r) => child.on('close', r));
  await hub.close();
  assert.equal(code, 0);
  assert.equal(stdout.trim(), path.join(cache, 'models--org--tiny', 'snapshots', 'b'.repeat(40)));
  const tok = spawnSync(process.execPath, [BIN, 'tokenize', 'org/tiny', 'I love Paris', '--json'], {
    encoding: 'utf8',
    env: { ...process.env, HF_HUB_CACHE: cache, HF_HUB_OFFLINE: '1' },
  });
  assert.deepEqual(
    JSON.parse(tok.stdout).input_ids,
    [101, 1045, 2293, 3000, 102],
    'the downloaded model works offline',
  );
});
