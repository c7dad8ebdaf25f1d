/** A Hub that stops answering: every request gives up after its timeout, naming the URL, and cancel stops it sooner. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolveModel } from '../../../extension/engine/hub/resolve';
import { train } from '../../../extension/engine/train/trainer';
import { DEFAULT_ARGUMENTS } from '../../../extension/engine/train/arguments';
import { serveFakeHub } from './fakeHub';
import { DATA } from '../train/tinyModel';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const TINY = path.join(ROOT, 'test', 'fixtures', 'parity', 'tiny-cls');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hub-timeout-'));

/** Accepts connections and reads requests, but never answers. */
async function silentServer(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const hubOpts = (endpoint: string, more: object = {}) => ({
  endpoint,
  cacheDir: tmp(),
  token: null,
  offline: false,
  ...more,
});

test('a Hub that never answers: HEAD gives up after HF_HUB_ETAG_TIMEOUT, naming the URL', async (t) => {
  const url = await silentServer(t);
  process.env.HF_HUB_ETAG_TIMEOUT = '0.3';
  t.after(() => delete process.env.HF_HUB_ETAG_TIMEOUT);
  const started = Date.now();
  await assert.rejects(
    resolveModel('org/tiny', hubOpts(url)),
    new RegExp(`HEAD ${url}/org/tiny/resolve/main/config\\.json: no answer within 0\\.3 s \\(HF_HUB_ETAG_TIMEOUT\\)`),
  );
  assert.ok(Date.now() - started < 5000);
});

test('a body that stalls mid-file gives up after HF_HUB_DOWNLOAD_TIMEOUT and keeps the partial file', async (t) => {
  const files = Object.fromEntries(
    ['config.json', 'vocab.txt', 'model.safetensors'].map((f) => [f, fs.readFileSync(path.join(TINY, f))]),
  );
  const hub = await serveFakeHub(t, { 'org/tiny': { commit: 'c'.repeat(40), files, stallAt: 100 } });
  process.env.HF_HUB_DOWNLOAD_TIMEOUT = '0.3';
  t.after(() => delete process.env.HF_HUB_DOWNLOAD_TIMEOUT);
  const o = hubOpts(hub.url);
  await assert.rejects(
    resolveModel('org/tiny', o),
    /model\.safetensors: download interrupted \(GET http:\/\/127\.0\.0\.1:\d+\/cdn\/[0-9a-f]{64}: the transfer stalled \(no bytes\) within 0\.3 s/,
  );
  const blobs = path.join(o.cacheDir, 'models--org--tiny', 'blobs');
  assert.ok(fs.readdirSync(blobs).some((f) => f.endsWith('.incomplete')));
});

test('the CLI download against a silent Hub ends with the URL named, not a hang', async (t) => {
  const url = await silentServer(t);
  // Synchronous: the server only needs the kernel to accept the connection, which it does without this process.
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'bert-studio.js'), 'download', 'org/tiny'], {
    encoding: 'utf8',
    timeout: 20000,
    env: { ...process.env, HF_ENDPOINT: url, HF_HUB_CACHE: tmp(), HF_HUB_ETAG_TIMEOUT: '0.5' },
  });
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /cannot reach the Hugging Face Hub .*HEAD http:\/\/127\.0\.0\.1:\d+\/org\/tiny\/resolve\/main\/config\.json: no answer within 0\.5 s/,
  );
});

test('cancelling a training run stops a stalled model download', async (t) => {
  const url = await silentServer(t);
  process.env.HF_ENDPOINT = url;
  process.env.HF_HUB_CACHE = tmp();
  t.after(() => {
    delete process.env.HF_ENDPOINT;
    delete process.env.HF_HUB_CACHE;
  });
  const ctl = new AbortController();
  setTimeout(() => ctl.abort(), 300);
  const started = Date.now();
  await assert.rejects(
    train({
      data: path.join(DATA, 'classify.csv'),
      model: 'org/tiny',
      args: { ...DEFAULT_ARGUMENTS, output_dir: path.join(tmp(), 'run') },
      signal: ctl.signal,
    }),
    /cancel/,
  );
  assert.ok(Date.now() - started < 5000, 'well before the 10 s timeout');
});
