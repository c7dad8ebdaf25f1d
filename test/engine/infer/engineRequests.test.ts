import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../../../extension/engine/process/engineClient';
import { DownloadEvent, parseRequest } from '../../../extension/engine/process/protocol';
import { Session } from '../../../extension/engine/runtime/ort';
import { loadBertConfig } from '../../../extension/engine/bert/config';
import { int64 } from '../../../extension/engine/tensor';
import { serveFakeHub } from '../hub/fakeHub';

const FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'parity');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'infer-'));
const folderFiles = (dir: string) =>
  Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));

test('embed, download and export requests are validated on arrival', () => {
  assert.deepEqual(parseRequest({ id: 1, type: 'embed', model: 'm', texts: ['a'], pooling: 'mean' }), {
    id: 1,
    type: 'embed',
    model: 'm',
    texts: ['a'],
    pooling: 'mean',
  });
  assert.throws(
    () => parseRequest({ id: 1, type: 'embed', model: 'm', texts: ['a'], pooling: 'max' }),
    /embed needs \{model, texts\[\], pooling: tokens \| pooler \| mean\}/,
  );
  assert.throws(() => parseRequest({ id: 1, type: 'embed', model: 'm', texts: 'a', pooling: 'mean' }), /embed needs/);
  assert.throws(() => parseRequest({ id: 1, type: 'download', model: '' }), /download needs \{model, revision\?\}/);
  assert.throws(() => parseRequest({ id: 1, type: 'download', model: 'org/x', revision: 3 }), /download needs/);
  assert.throws(() => parseRequest({ id: 1, type: 'export', model: 'm' }), /export needs \{model, out\}/);
  assert.deepEqual(parseRequest({ id: 4, type: 'export', model: 'm', out: '/tmp/o' }), {
    id: 4,
    type: 'export',
    model: 'm',
    out: '/tmp/o',
  });
});

test('download from a Hub with byte progress, then embed and classify the downloaded model by its id; a slow download is cancelled', async (t) => {
  const commit = 'b'.repeat(40);
  const hub = await serveFakeHub(t, {
    'org/tiny-cls': { commit, files: folderFiles(path.join(FIXTURES, 'tiny-cls')) },
    'org/slow': {
      commit,
      files: {
        'config.json': fs.readFileSync(path.join(FIXTURES, 'tiny-cls', 'config.json')),
        'vocab.txt': Buffer.from('[PAD]\n[UNK]\n[CLS]\n[SEP]\n'),
        'model.safetensors': Buffer.alloc(64 * 400, 1),
      },
      slow: true,
    },
  });
  const cache = tmp();
  const engine = await EngineClient.start({
    env: { ...process.env, HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache, HF_HUB_OFFLINE: '', HF_TOKEN: '' },
  });
  try {
    const events: DownloadEvent[] = [];
    const got = await engine.download('org/tiny-cls', (e) => events.push(e)).result;
    assert.equal(got.repoId, 'org/tiny-cls');
    assert.equal(got.commit, commit);
    assert.equal(got.folder, path.join(cache, 'models--org--tiny-cls', 'snapshots', commit));
    const weights = events.filter((e) => e.file === 'model.safetensors');
    const size = fs.statSync(path.join(FIXTURES, 'tiny-cls', 'model.safetensors')).size;
    assert.ok(weights.length >= 1, 'progress events for the weights');
    assert.deepEqual(
      weights[weights.length - 1],
      { type: 'download', file: 'model.safetensors', bytes: size, total: size },
      'the last event is the whole file',
    );
    assert.ok(
      weights.every((e, i) => i === 0 || e.bytes >= weights[i - 1].bytes),
      'bytes only grow',
    );

    const [byId] = await engine.embed('org/tiny-cls', ['I love Paris'], 'pooler');
    const [byFolder] = await engine.embed(path.join(FIXTURES, 'tiny-cls'), ['I love Paris'], 'pooler');
    assert.deepEqual(byId.data, byFolder.data, 'the downloaded model is the fixture');
    const [scores] = await engine.classify('org/tiny-cls', ['I love Paris']);
    assert.deepEqual(scores.map((s) => s.label).sort(), ['LABEL_0', 'LABEL_1', 'LABEL_2']);

    const slow = engine.download('org/slow', (e) => {
      if (e.file === 'model.safetensors' && e.bytes > 0 && !cancelled) {
        cancelled = true;
        void engine.cancel(slow.id);
      }
    });
    let cancelled = false;
    await assert.rejects(
      slow.result,
      /model\.safetensors: download cancelled; the partial file is kept and will resume/,
    );
    assert.ok(cancelled);
    await assert.rejects(engine.download('org/missing').result, /org\/missing was not found on the Hub/);
  } finally {
    await engine.stop();
  }
});

test('export through the engine writes onnx/model.onnx that ONNX Runtime runs to the same logits as the classifier', async () => {
  const out = path.join(tmp(), 'export');
  const engine = await EngineClient.start();
  try {
    const file = await engine.export(path.join(FIXTURES, 'tiny-cls'), out);
    assert.equal(file, path.join(out, 'onnx', 'model.onnx'));
    assert.ok(fs.existsSync(path.join(out, 'config.json')) && fs.existsSync(path.join(out, 'vocab.txt')));
    const [scores] = await engine.classify(path.join(FIXTURES, 'tiny-cls'), ['I love Paris']);
    const specs = new Map(
      ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => [
        n,
        { dtype: 'int64' as const, shape: ['B', 'T'] as (string | number)[] },
      ]),
    );
    const session = await Session.fromBytes(fs.readFileSync(file), specs, {}, 'exported');
    const logits = (
      await session.run({
        input_ids: int64([1, 5], [101, 1045, 2293, 3000, 102]),
        attention_mask: int64([1, 5], [1, 1, 1, 1, 1]),
        token_type_ids: int64([1, 5], [0, 0, 0, 0, 0]),
      })
    ).logits.data as Float32Array;
    await session.release();
    const z = Math.max(...logits);
    const probs = [...logits].map((l) => Math.exp(l - z));
    const sum = probs.reduce((a, b) => a + b, 0);
    const config = loadBertConfig(path.join(out, 'config.json'));
    for (const s of scores)
      assert.ok(Math.abs(probs[config.id2label.indexOf(s.label)] / sum - s.score) < 1e-5, `${s.label}`);
    await assert.rejects(
      engine.export(path.join(FIXTURES, 'tiny-cls'), path.join(FIXTURES, 'tiny-cls', 'config.json')),
      /exists and is not a folder/,
    );
  } finally {
    await engine.stop();
  }
});

test('question answering over a context far longer than max_length: stride windows, answers are the context at their offsets', async () => {
  const engine = await EngineClient.start();
  try {
    const sentences = Array.from(
      { length: 120 },
      (_, i) => `Anna number ${i} was born in Zürich 😀 in ${1900 + i} and moved to Paris.`,
    );
    const context = sentences.join(' ');
    const answers = await engine.answer(path.join(FIXTURES, 'tiny-qa'), 'Where was Anna born?', context);
    assert.ok(answers.length >= 1 && answers.length <= 5);
    for (const a of answers) {
      assert.equal(a.text, context.slice(a.start, a.end), 'offsets are UTF-16 indices of the context');
      assert.ok(a.score > 0 && a.score <= 1);
    }
    // Over 2000 tokens: only windows beyond the first 384 tokens can give answers this far in.
    assert.ok(
      answers.some((a) => a.start > context.length / 4),
      `answers from later windows: ${answers.map((a) => a.start).join(', ')}`,
    );
  } finally {
    await engine.stop();
  }
});
