import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { resolveModel } from '../../../extension/engine/hub/resolve';
import { carriesToken } from '../../../extension/engine/hub/http';
import { FakeRepo, safetensorsBytes, serveFakeHub } from './fakeHub';

const COMMIT = 'a'.repeat(40);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hub-'));
const weights = safetensorsBytes(5000);
const config = Buffer.from('{"model_type":"bert"}');
const base = (extra: Partial<FakeRepo> = {}): FakeRepo => ({
  commit: COMMIT,
  files: { 'config.json': config, 'vocab.txt': Buffer.from('[PAD]\n[UNK]\n'), 'model.safetensors': weights },
  ...extra,
});
const sha = (b: Buffer, algo = 'sha256') => createHash(algo).update(b).digest('hex');
const opts = (endpoint: string, cacheDir: string, more: object = {}) => ({
  endpoint,
  cacheDir,
  token: null,
  offline: false,
  ...more,
});

test("a fresh download lands in huggingface_hub's cache layout, and is found again with the server gone", async (t) => {
  const hub = await serveFakeHub(t, { 'org/tiny': base() });
  const cache = tmp();
  const got = await resolveModel('org/tiny', opts(hub.url, cache));
  const root = path.join(cache, 'models--org--tiny');
  assert.equal(fs.readFileSync(path.join(root, 'refs', 'main'), 'utf8'), COMMIT);
  assert.equal(got.folder, path.join(root, 'snapshots', COMMIT));
  assert.equal(got.commit, COMMIT);
  const link = path.join(got.folder, 'model.safetensors');
  assert.equal(
    fs.readlinkSync(link),
    path.join('..', '..', 'blobs', sha(weights)),
    'LFS blobs are named by their sha256',
  );
  assert.equal(
    fs.readlinkSync(path.join(got.folder, 'config.json')),
    path.join('..', '..', 'blobs', sha(config, 'sha1')),
    'others by their ETag',
  );
  assert.deepEqual(fs.readFileSync(link), weights);
  assert.deepEqual(got.weights, [link]);
  assert.deepEqual(
    fs.readdirSync(path.join(root, 'blobs')).filter((f) => f.endsWith('.incomplete')),
    [],
  );
  assert.ok(!hub.seen.some((s) => s.url.includes('pytorch_model')), 'only needed files are fetched');
  await hub.close();
  const again = await resolveModel('org/tiny', opts(hub.url, cache));
  assert.equal(again.folder, got.folder, 'a cache hit needs no server');
});

test('two resolves of one model at once share the download instead of writing one .incomplete twice', async (t) => {
  const big = safetensorsBytes(64 * 60, () => 3);
  const hub = await serveFakeHub(t, {
    'org/tiny': { ...base(), files: { ...base().files, 'model.safetensors': big }, slow: true },
  });
  const cache = tmp();
  const [a, b] = await Promise.all([
    resolveModel('org/tiny', opts(hub.url, cache)),
    resolveModel('org/tiny', opts(hub.url, cache)),
  ]);
  assert.equal(a.folder, b.folder);
  assert.deepEqual(fs.readFileSync(a.weights[0]), big);
  assert.equal(hub.seen.filter((s) => s.url.startsWith('/cdn/')).length, 1, 'the weights were fetched once');
});

test('offline mode never touches the network', async (t) => {
  const hub = await serveFakeHub(t, { 'org/tiny': base() });
  await assert.rejects(
    resolveModel('org/tiny', opts(hub.url, tmp(), { offline: true })),
    /org\/tiny@main is not in the Hugging Face cache .*, and HF_HUB_OFFLINE is set/,
  );
  const partial = tmp();
  const snap = path.join(partial, 'models--org--tiny', 'snapshots', COMMIT);
  fs.mkdirSync(snap, { recursive: true });
  fs.mkdirSync(path.join(partial, 'models--org--tiny', 'refs'));
  fs.writeFileSync(path.join(partial, 'models--org--tiny', 'refs', 'main'), COMMIT);
  fs.writeFileSync(path.join(snap, 'config.json'), '{}');
  await assert.rejects(
    resolveModel('org/tiny', opts(hub.url, partial, { offline: true })),
    /only partly in the Hugging Face cache \(.* lacks vocab.txt or tokenizer.json, model.safetensors\)/,
  );
  assert.equal(hub.seen.length, 0);
});

test('gated and missing repos: no token, a wrong token, the right token, a name that does not exist', async (t) => {
  const hub = await serveFakeHub(t, { 'org/gated': base({ token: 'hf_good' }) });
  await assert.rejects(
    resolveModel('org/gated', opts(hub.url, tmp())),
    /org\/gated@main is gated or private \(HTTP 401\).*set HF_TOKEN/,
  );
  await assert.rejects(
    resolveModel('org/gated', opts(hub.url, tmp(), { token: 'hf_bad' })),
    /refused the token in HF_TOKEN \(HTTP 401\)/,
  );
  const ok = await resolveModel('org/gated', opts(hub.url, tmp(), { token: 'hf_good' }));
  assert.ok(fs.existsSync(path.join(ok.folder, 'config.json')));
  assert.ok(
    hub.seen.filter((s) => s.url.startsWith('/cdn/')).every((s) => s.authorization === 'Bearer hf_good'),
    'the same host keeps the token',
  );
  await assert.rejects(
    resolveModel('org/typo', opts(hub.url, tmp())),
    /org\/typo was not found on the Hub .*check the name; if the repo is private, set HF_TOKEN/,
  );
});

test('the token never goes to a CDN on another host', async (t) => {
  const hub = await serveFakeHub(t, { 'org/gated': base({ token: 'hf_good' }) }, { separateCdn: true });
  const got = await resolveModel('org/gated', opts(hub.url, tmp(), { token: 'hf_good' }));
  assert.deepEqual(fs.readFileSync(got.weights[0]), weights);
  const cdnHost = new URL(hub.cdnUrl).host;
  const cdn = hub.seen.filter((s) => s.host === cdnHost);
  assert.ok(cdn.length > 0 && cdn.every((s) => s.authorization === undefined), 'no Authorization to the CDN');
  assert.ok(hub.seen.filter((s) => s.host !== cdnHost).every((s) => s.authorization === 'Bearer hf_good'));
});

test("a renamed repo and the Hub's resolve-cache redirects are followed", async (t) => {
  const hub = await serveFakeHub(
    t,
    { 'google-bert/tiny': base({ resolveCache: true }) },
    { renamed: { 'tiny-old': 'google-bert/tiny' } },
  );
  const cache = tmp();
  const got = await resolveModel('tiny-old', opts(hub.url, cache));
  assert.equal(
    got.folder,
    path.join(cache, 'models--tiny-old', 'snapshots', COMMIT),
    'cached under the name asked for, as huggingface_hub does',
  );
  assert.equal(fs.readFileSync(path.join(got.folder, 'config.json'), 'utf8'), config.toString());
  assert.ok(hub.seen.some((s) => s.url.startsWith('/api/resolve-cache/models/google-bert/tiny/')));
});

test('every file comes from the commit config.json came from, even if main moves meanwhile', async (t) => {
  const repo = base();
  const hub = await serveFakeHub(t, { 'org/moving': repo });
  const got = await resolveModel(
    'org/moving',
    opts(hub.url, tmp(), {
      onProgress: (e: { file: string }) => {
        if (e.file === 'config.json') repo.commit = 'c'.repeat(40);
      },
    }),
  );
  assert.equal(got.commit, COMMIT);
  assert.deepEqual(got.weights, [path.join(got.folder, 'model.safetensors')]);
  assert.ok(fs.existsSync(got.weights[0]));
  assert.ok(hub.seen.some((s) => s.url === `/org/moving/resolve/${COMMIT}/model.safetensors`));
});

test('sharded checkpoints fetch the index and every shard; a missing shard is named', async (t) => {
  const index = {
    weight_map: {
      a: 'model-00001-of-00002.safetensors',
      b: 'model-00002-of-00002.safetensors',
      c: 'model-00001-of-00002.safetensors',
    },
  };
  const files = {
    'config.json': Buffer.from('{}'),
    'vocab.txt': Buffer.from('x\n'),
    'model.safetensors.index.json': Buffer.from(JSON.stringify(index)),
    'model-00001-of-00002.safetensors': safetensorsBytes(200, () => 1),
    'model-00002-of-00002.safetensors': safetensorsBytes(200, () => 2),
  };
  const broken = Object.fromEntries(
    Object.entries(files).filter(([name]) => name !== 'model-00002-of-00002.safetensors'),
  );
  const hub = await serveFakeHub(t, {
    'org/sharded': { commit: COMMIT, files },
    'org/broken': { commit: COMMIT, files: broken },
  });
  const got = await resolveModel('org/sharded', opts(hub.url, tmp()));
  assert.deepEqual(
    got.weights.map((w) => fs.readFileSync(w)),
    [files['model-00001-of-00002.safetensors'], files['model-00002-of-00002.safetensors']],
  );
  await assert.rejects(
    resolveModel('org/broken', opts(hub.url, tmp())),
    /model-00002-of-00002.safetensors not found in org\/broken@main/,
  );
});

test('pickled weights are refused, never downloaded: from the Hub, a local folder, a cache Python filled', async (t) => {
  const hub = await serveFakeHub(t, {
    'org/old': {
      commit: COMMIT,
      files: {
        'config.json': Buffer.from('{}'),
        'vocab.txt': Buffer.from('x'),
        'pytorch_model.bin': Buffer.from('pickle'),
      },
    },
  });
  await assert.rejects(
    resolveModel('org/old', opts(hub.url, tmp())),
    /org\/old@main has only pytorch_model.bin: .*unpickling can run arbitrary code.*from_pretrained\('org\/old'\).save_pretrained\('out', safe_serialization=True\)/s,
  );
  assert.ok(
    !hub.seen.some((s) => s.method === 'GET' && s.url.includes('pytorch_model')),
    'the pickle is never fetched',
  );
  await hub.close();
  const local = tmp();
  fs.writeFileSync(path.join(local, 'tf_model.h5'), 'h5');
  await assert.rejects(resolveModel(local), /has only tf_model.h5: .*never loads pickled/);
  const cache = tmp();
  const root = path.join(cache, 'models--org--old');
  fs.mkdirSync(path.join(root, 'refs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'refs', 'main'), COMMIT);
  fs.mkdirSync(path.join(root, 'snapshots', COMMIT), { recursive: true });
  for (const f of ['config.json', 'vocab.txt', 'pytorch_model.bin'])
    fs.writeFileSync(path.join(root, 'snapshots', COMMIT, f), 'x');
  await assert.rejects(resolveModel('org/old', { cacheDir: cache, offline: true }), /has only pytorch_model.bin/);
});

test('references that are neither folders nor repo ids, and bad revisions', async () => {
  const cacheDir = tmp();
  const none = { endpoint: 'http://127.0.0.1:9', cacheDir, offline: false, token: null };
  await assert.rejects(
    resolveModel(`../no-such-model-${process.pid}`, none),
    /no folder '..\/no-such-model-\d+' exists, and it is not a Hugging Face repo id either \('..', '.' and backslashes/,
  );
  await assert.rejects(
    resolveModel('/no/such/folder', none),
    /no folder '\/no\/such\/folder' exists, .*it is an absolute path/,
  );
  await assert.rejects(resolveModel('org\\name', none), /backslashes are not allowed/);
  await assert.rejects(resolveModel('a/b/c', none), /expected 'name' or 'org\/name'/);
  const file = path.join(tmp(), 'model.safetensors');
  fs.writeFileSync(file, '');
  await assert.rejects(
    resolveModel(file, none),
    /model.safetensors is a file: give the model folder that holds its config.json/,
  );
  await assert.rejects(resolveModel('org/na..me', none), /'..' and '--' are not allowed/);
  await assert.rejects(resolveModel('org/name!', none), /use letters, digits/);
  await assert.rejects(
    resolveModel('org/tiny', { ...none, revision: '../../../etc' }),
    /'..\/..\/..\/etc' is not a valid revision/,
  );
  assert.deepEqual(fs.readdirSync(cacheDir), [], 'nothing was written');
  await assert.rejects(
    resolveModel('org/missing', none),
    /cannot reach the Hugging Face Hub at http:\/\/127.0.0.1:9 \(ECONNREFUSED\) to download org\/missing, and it is not in the cache/,
  );
});

test('a missing revision or config.json is said plainly', async (t) => {
  const hub = await serveFakeHub(t, {
    'org/tiny': base(),
    'org/data': { commit: COMMIT, files: { 'train.csv': Buffer.from('a,b') } },
  });
  await assert.rejects(
    resolveModel('org/tiny', opts(hub.url, tmp(), { revision: 'v9' })),
    /org\/tiny@v9: the revision does not exist in org\/tiny/,
  );
  await assert.rejects(
    resolveModel('org/data', opts(hub.url, tmp())),
    /config.json not found in org\/data@main: is org\/data a model repo\?/,
  );
});

test('a cache that Python filled (refs → snapshot → relative symlinks into blobs) is used as it is', async () => {
  const cache = tmp();
  const root = path.join(cache, 'models--bert-base-uncased');
  fs.mkdirSync(path.join(root, 'refs'), { recursive: true });
  fs.mkdirSync(path.join(root, 'blobs'));
  fs.mkdirSync(path.join(root, 'snapshots', COMMIT), { recursive: true });
  fs.writeFileSync(path.join(root, 'refs', 'main'), COMMIT);
  for (const [name, content] of [
    ['config.json', '{}'],
    ['vocab.txt', 'x'],
    ['model.safetensors', safetensorsBytes(100)],
  ] as const) {
    const etag = createHash('sha1').update(name).digest('hex');
    fs.writeFileSync(path.join(root, 'blobs', etag), content);
    fs.symlinkSync(`../../blobs/${etag}`, path.join(root, 'snapshots', COMMIT, name));
  }
  const got = await resolveModel('bert-base-uncased', {
    cacheDir: cache,
    endpoint: 'http://127.0.0.1:9',
    offline: false,
    token: null,
  });
  assert.equal(got.folder, path.join(root, 'snapshots', COMMIT));
  assert.deepEqual(got.weights, [path.join(root, 'snapshots', COMMIT, 'model.safetensors')]);
  const byCommit = await resolveModel('bert-base-uncased', { cacheDir: cache, revision: COMMIT, offline: true });
  assert.equal(byCommit.commit, COMMIT);
});

test("a mirror's garbage never counts as a complete snapshot: JSON must parse, safetensors headers must fit", async (t) => {
  const hub = await serveFakeHub(t, {
    'org/html': { ...base(), files: { ...base().files, 'config.json': Buffer.from('<html>502 Bad Gateway</html>') } },
    'org/reused': { ...base(), etags: { 'config.json': 'same', 'vocab.txt': 'same' } },
    'org/torn': { ...base(), files: { ...base().files, 'model.safetensors': weights.subarray(0, 100) } },
  });
  const cache = tmp();
  await assert.rejects(
    resolveModel('org/html', opts(hub.url, cache)),
    /org\/html@main: the downloaded config\.json is not valid JSON \(.*\); it was removed from the cache/,
  );
  await assert.rejects(
    resolveModel('org/reused', opts(hub.url, cache)),
    /org\/reused@main: the downloaded config\.json is not valid JSON/,
    'a reused ETag pointed config.json at the bytes of vocab.txt',
  );
  await assert.rejects(resolveModel('org/reused', opts(hub.url, cache, { offline: true })), /only partly in the/);
  await assert.rejects(
    resolveModel('org/torn', opts(hub.url, cache)),
    /org\/torn@main: the downloaded model\.safetensors is not valid safetensors/,
  );
});

test('the token goes only to the endpoint origin: not another host, port, or the same host over http', () => {
  const hub = 'https://hub.example';
  assert.equal(carriesToken('https://hub.example/org/x/resolve/main/config.json', hub), true);
  assert.equal(carriesToken('http://hub.example/org/x/resolve/main/config.json', hub), false);
  assert.equal(carriesToken('https://hub.example:8443/x', hub), false);
  assert.equal(carriesToken('https://cdn.example/x', hub), false);
});
