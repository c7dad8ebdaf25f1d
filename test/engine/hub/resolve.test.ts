import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { resolveModel } from '../../../extension/engine/hub/resolve';
import { FakeRepo, startFakeHub } from './fakeHub';

const COMMIT = 'a'.repeat(40);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hub-'));
const weights = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
const base = (extra: Partial<FakeRepo> = {}): FakeRepo => ({
  commit: COMMIT,
  files: { 'config.json': Buffer.from('{"model_type":"bert"}'), 'vocab.txt': Buffer.from('[PAD]\n[UNK]\n'), 'model.safetensors': weights },
  ...extra,
});
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const opts = (endpoint: string, cacheDir: string, more: object = {}) => ({ endpoint, cacheDir, token: null, offline: false, ...more });

test("a fresh download lands in huggingface_hub's cache layout", async () => {
  const hub = await startFakeHub({ 'org/tiny': base() });
  const cache = tmp();
  const got = await resolveModel('org/tiny', opts(hub.url, cache));
  const root = path.join(cache, 'models--org--tiny');
  assert.equal(fs.readFileSync(path.join(root, 'refs', 'main'), 'utf8'), COMMIT);
  assert.equal(got.folder, path.join(root, 'snapshots', COMMIT));
  const link = path.join(got.folder, 'model.safetensors');
  assert.equal(fs.readlinkSync(link), path.join('..', '..', 'blobs', sha(weights)));
  assert.deepEqual(fs.readFileSync(link), weights);
  assert.deepEqual(got.weights, [link]);
  assert.ok(!hub.seen.some((s) => s.url.includes('pytorch_model')), 'only needed files are fetched');
  await hub.close();
  const again = await resolveModel('org/tiny', opts(hub.url, cache));
  assert.equal(again.folder, got.folder, 'a cache hit needs no server');
});

test('a half-written .incomplete is resumed with a Range request', async () => {
  const hub = await startFakeHub({ 'org/tiny': base() });
  const cache = tmp();
  const blobs = path.join(cache, 'models--org--tiny', 'blobs');
  fs.mkdirSync(blobs, { recursive: true });
  fs.writeFileSync(path.join(blobs, `${sha(weights)}.incomplete`), weights.subarray(0, 1234));
  const progress: number[] = [];
  const got = await resolveModel('org/tiny', opts(hub.url, cache, { onProgress: (e: { bytes: number }) => progress.push(e.bytes) }));
  assert.ok(hub.seen.some((s) => s.range === 'bytes=1234-'), 'resumed from byte 1234');
  assert.deepEqual(fs.readFileSync(path.join(got.folder, 'model.safetensors')), weights);
  assert.equal(progress[progress.length - 1], weights.length);
  await hub.close();
});

test('offline mode never touches the network', async () => {
  const hub = await startFakeHub({ 'org/tiny': base() });
  await assert.rejects(resolveModel('org/tiny', opts(hub.url, tmp(), { offline: true })), /not in the Hugging Face cache .* HF_HUB_OFFLINE is set/);
  assert.equal(hub.seen.length, 0);
  await hub.close();
});

test('gated repos: no token, a wrong token, the right token', async () => {
  const hub = await startFakeHub({ 'org/gated': base({ token: 'hf_good' }) });
  await assert.rejects(resolveModel('org/gated', opts(hub.url, tmp())), /gated or private \(HTTP 401\).*HF_TOKEN/);
  await assert.rejects(resolveModel('org/gated', opts(hub.url, tmp(), { token: 'hf_bad' })), /refused the token/);
  const ok = await resolveModel('org/gated', opts(hub.url, tmp(), { token: 'hf_good' }));
  assert.ok(fs.existsSync(path.join(ok.folder, 'config.json')));
  assert.ok(hub.seen.filter((s) => s.url.startsWith('/cdn/')).every((s) => s.authorization === 'Bearer hf_good'), 'same host keeps the token');
  await hub.close();
});

test('a download shorter than announced is not left in the cache as valid', async () => {
  const hub = await startFakeHub({ 'org/bad': base({ lieAboutSize: { 'model.safetensors': 100 } }) });
  const cache = tmp();
  await assert.rejects(resolveModel('org/bad', opts(hub.url, cache)), /downloaded 5000 bytes but the Hub announced 5100/);
  const root = path.join(cache, 'models--org--bad');
  assert.equal(fs.existsSync(path.join(root, 'blobs', sha(weights))), false);
  assert.equal(fs.existsSync(path.join(root, 'snapshots', COMMIT, 'model.safetensors')), false);
  await hub.close();
});

test('sharded checkpoints fetch the index and every shard', async () => {
  const index = { weight_map: { a: 'model-00001-of-00002.safetensors', b: 'model-00002-of-00002.safetensors' } };
  const hub = await startFakeHub({ 'org/sharded': { commit: COMMIT, files: {
    'config.json': Buffer.from('{}'), 'vocab.txt': Buffer.from('x\n'), 'model.safetensors.index.json': Buffer.from(JSON.stringify(index)),
    'model-00001-of-00002.safetensors': Buffer.from('one'), 'model-00002-of-00002.safetensors': Buffer.from('two'),
  } } });
  const got = await resolveModel('org/sharded', opts(hub.url, tmp()));
  assert.deepEqual(got.weights.map((w) => fs.readFileSync(w, 'utf8')), ['one', 'two']);
  await hub.close();
});

test('a repo with only pickled weights is refused, never downloaded', async () => {
  const hub = await startFakeHub({ 'org/old': { commit: COMMIT, files: { 'config.json': Buffer.from('{}'), 'vocab.txt': Buffer.from('x'), 'pytorch_model.bin': Buffer.from('pickle') } } });
  await assert.rejects(resolveModel('org/old', opts(hub.url, tmp())), /only pytorch_model.bin: .*unpickling can run arbitrary code/);
  assert.ok(!hub.seen.some((s) => s.method === 'GET' && s.url.includes('pytorch_model')), 'the pickle is never fetched');
  await hub.close();
});

test('references that are neither folders nor repo ids', async () => {
  const missing = `../no-such-model-${process.pid}-${Date.now()}`;
  await assert.rejects(resolveModel(missing), /not a Hugging Face repo id: '..' and '--' are not allowed/);
  await assert.rejects(resolveModel('/no/such/folder'), /it is an absolute path, and no such folder exists/);
  await assert.rejects(resolveModel('a/b/c'), /expected 'name' or 'org\/name'/);
  await assert.rejects(resolveModel('org/missing', { endpoint: 'http://127.0.0.1:9', cacheDir: tmp(), offline: false, token: null }),
    /cannot reach the Hugging Face Hub at http:\/\/127.0.0.1:9 \(ECONNREFUSED\) to download org\/missing, and it is not in the cache/);
});

test('cancellation keeps the partial file for a later resume', async () => {
  const big = Buffer.alloc(64 * 200, 7);
  const hub = await startFakeHub({ 'org/slow': { ...base(), files: { ...base().files, 'model.safetensors': big }, slow: true } });
  const cache = tmp();
  const ctl = new AbortController();
  const run = resolveModel('org/slow', opts(hub.url, cache, { signal: ctl.signal, onProgress: (e: { bytes: number }) => { if (e.bytes > 1000) ctl.abort(); } }));
  await assert.rejects(run, /cancelled; the partial file is kept/);
  const partial = path.join(cache, 'models--org--slow', 'blobs', `${sha(big)}.incomplete`);
  assert.ok(fs.statSync(partial).size > 0 && fs.statSync(partial).size < big.length);
  await hub.close();
});

test('a cache that Python filled (refs → snapshot → relative symlinks into blobs) is used as it is', async () => {
  const cache = tmp();
  const root = path.join(cache, 'models--bert-base-uncased');
  fs.mkdirSync(path.join(root, 'refs'), { recursive: true });
  fs.mkdirSync(path.join(root, 'blobs'));
  fs.mkdirSync(path.join(root, 'snapshots', COMMIT), { recursive: true });
  fs.writeFileSync(path.join(root, 'refs', 'main'), COMMIT);
  for (const [name, content] of [['config.json', '{}'], ['vocab.txt', 'x'], ['model.safetensors', 'w']]) {
    const etag = createHash('sha1').update(name).digest('hex');
    fs.writeFileSync(path.join(root, 'blobs', etag), content);
    fs.symlinkSync(`../../blobs/${etag}`, path.join(root, 'snapshots', COMMIT, name));
  }
  const got = await resolveModel('bert-base-uncased', { cacheDir: cache, endpoint: 'http://127.0.0.1:9', offline: false, token: null });
  assert.equal(got.folder, path.join(root, 'snapshots', COMMIT));
  const byCommit = await resolveModel('bert-base-uncased', { cacheDir: cache, revision: COMMIT, offline: true });
  assert.equal(byCommit.commit, COMMIT);
});
