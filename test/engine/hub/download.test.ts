/** Transfers that go wrong: nothing but a complete, checked file ever becomes a blob. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { resolveModel } from '../../../extension/engine/hub/resolve';
import { FakeRepo, safetensorsBytes, serveFakeHub } from './fakeHub';

const COMMIT = 'b'.repeat(40);
const weights = safetensorsBytes(5000, (i) => (i * 7) % 251);
const sha = createHash('sha256').update(weights).digest('hex');
const repo = (extra: Partial<FakeRepo> = {}): FakeRepo => ({
  commit: COMMIT,
  files: { 'config.json': Buffer.from('{}'), 'vocab.txt': Buffer.from('[PAD]\n'), 'model.safetensors': weights },
  ...extra,
});
const opts = (endpoint: string, cacheDir: string, more: object = {}) => ({
  endpoint,
  cacheDir,
  token: null,
  offline: false,
  ...more,
});

function cacheWithPartial(bytes: number): { cache: string; blobs: string; partial: string } {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-dl-'));
  const blobs = path.join(cache, 'models--org--tiny', 'blobs');
  fs.mkdirSync(blobs, { recursive: true });
  const partial = path.join(blobs, `${sha}.incomplete`);
  if (bytes > 0) fs.writeFileSync(partial, weights.subarray(0, bytes));
  return { cache, blobs, partial };
}

/** The weights are not in the cache as a usable file. */
function assertNotCached(cache: string): void {
  assert.equal(fs.existsSync(path.join(cache, 'models--org--tiny', 'blobs', sha)), false, 'no blob');
  assert.equal(
    fs.existsSync(path.join(cache, 'models--org--tiny', 'snapshots', COMMIT, 'model.safetensors')),
    false,
    'no snapshot link',
  );
}

test('a half-written .incomplete is resumed with a Range request', async (t) => {
  const hub = await serveFakeHub(t, { 'org/tiny': repo() });
  const { cache, partial } = cacheWithPartial(1234);
  const progress: number[] = [];
  const got = await resolveModel(
    'org/tiny',
    opts(hub.url, cache, {
      onProgress: (e: { file: string; bytes: number; total: number }) => {
        if (e.file === 'model.safetensors') {
          progress.push(e.bytes);
          assert.equal(e.total, weights.length);
        }
      },
    }),
  );
  assert.ok(
    hub.seen.some((s) => s.range === 'bytes=1234-'),
    'resumed from byte 1234',
  );
  assert.ok(progress[0] > 1234 && progress[progress.length - 1] === weights.length);
  assert.deepEqual(fs.readFileSync(got.weights[0]), weights);
  assert.equal(fs.existsSync(partial), false);
});

test('a server that answers 200 to a Range request restarts the file instead of appending', async (t) => {
  const hub = await serveFakeHub(t, { 'org/tiny': repo({ ignoreRange: true }) });
  const { cache } = cacheWithPartial(1234);
  const got = await resolveModel('org/tiny', opts(hub.url, cache));
  assert.ok(hub.seen.some((s) => s.range === 'bytes=1234-'));
  assert.deepEqual(fs.readFileSync(got.weights[0]), weights);
});

test('a transfer shorter than the announced size is not left in the cache as valid', async (t) => {
  const hub = await serveFakeHub(t, { 'org/tiny': repo({ lieAboutSize: { 'model.safetensors': 100 } }) });
  const { cache, partial } = cacheWithPartial(0);
  await assert.rejects(
    resolveModel('org/tiny', opts(hub.url, cache)),
    /model.safetensors: downloaded 5000 bytes but the Hub announced 5100; the file was not added to the cache/,
  );
  assertNotCached(cache);
  assert.equal(fs.statSync(partial).size, 5000, 'kept only as .incomplete');
});

test('a connection closed mid-file leaves only the .incomplete, and the next run completes it', async (t) => {
  const broken = repo({ truncateAt: 3000 });
  const hub = await serveFakeHub(t, { 'org/tiny': broken });
  const { cache, partial } = cacheWithPartial(0);
  await assert.rejects(
    resolveModel('org/tiny', opts(hub.url, cache)),
    /model.safetensors: download interrupted .*the partial file is kept and will resume/,
  );
  assertNotCached(cache);
  // How much of the 3000 bytes reached the disk before the error depends on timing.
  const kept = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
  assert.ok(kept <= 3000);
  delete broken.truncateAt;
  const got = await resolveModel('org/tiny', opts(hub.url, cache));
  if (kept > 0) assert.ok(hub.seen.some((s) => s.range === `bytes=${kept}-`));
  assert.deepEqual(fs.readFileSync(got.weights[0]), weights);
});

test('bytes of the right length but the wrong content fail the sha256 check and are deleted', async (t) => {
  const hub = await serveFakeHub(t, { 'org/tiny': repo({ corrupt: true }) });
  const { cache, partial } = cacheWithPartial(0);
  await assert.rejects(
    resolveModel('org/tiny', opts(hub.url, cache)),
    new RegExp(
      `model.safetensors: the downloaded bytes have sha256 [0-9a-f]{64}, not the Hub's ${sha}; the file was deleted`,
    ),
  );
  assertNotCached(cache);
  assert.equal(fs.existsSync(partial), false);
});

test('a full disk is reported plainly and the .incomplete never becomes a blob', async (t) => {
  if (!fs.existsSync('/dev/full')) return t.skip('no /dev/full on this system');
  const hub = await serveFakeHub(t, { 'org/tiny': repo() });
  const { cache, partial } = cacheWithPartial(0);
  // Writes through this link fail with ENOSPC, as on a full disk.
  fs.symlinkSync('/dev/full', partial);
  await assert.rejects(
    resolveModel('org/tiny', opts(hub.url, cache)),
    /model.safetensors: the disk is full \(writing .*\.incomplete\); free some space/,
  );
  assertNotCached(cache);
});

test('a cache file that cannot be written is reported plainly', async (t) => {
  const hub = await serveFakeHub(t, { 'org/tiny': repo() });
  const { cache, partial } = cacheWithPartial(0);
  fs.mkdirSync(partial);
  await assert.rejects(
    resolveModel('org/tiny', opts(hub.url, cache)),
    /model.safetensors: cannot write .*\.incomplete \(EISDIR\); the file was not added to the cache/,
  );
  assertNotCached(cache);
});

test('cancellation keeps the partial file for a later resume', async (t) => {
  const big = Buffer.alloc(64 * 200, 7);
  const hub = await serveFakeHub(t, {
    'org/tiny': { ...repo(), files: { ...repo().files, 'model.safetensors': big }, slow: true },
  });
  const { cache } = cacheWithPartial(0);
  const ctl = new AbortController();
  const run = resolveModel(
    'org/tiny',
    opts(hub.url, cache, {
      signal: ctl.signal,
      onProgress: (e: { bytes: number }) => {
        if (e.bytes > 1000) ctl.abort();
      },
    }),
  );
  await assert.rejects(run, /model.safetensors: download cancelled; the partial file is kept/);
  const bigSha = createHash('sha256').update(big).digest('hex');
  const partial = path.join(cache, 'models--org--tiny', 'blobs', `${bigSha}.incomplete`);
  assert.ok(fs.statSync(partial).size > 0 && fs.statSync(partial).size < big.length);
  assert.equal(fs.existsSync(path.join(cache, 'models--org--tiny', 'blobs', bigSha)), false);
});
