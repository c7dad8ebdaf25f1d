/** A tokenizer needs only the tokenizer files: a folder without weights works, and a Hub id fetches no weights. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeHub } from '../hub/fakeHub';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'bert-studio.js');
const TINY = path.join(ROOT, 'test', 'fixtures', 'parity', 'tiny-cls');
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });

test('tokenize FOLDER with only config.json and the tokenizer files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-only-'));
  for (const f of ['config.json', 'vocab.txt']) fs.copyFileSync(path.join(TINY, f), path.join(dir, f));
  const r = run(['tokenize', dir, 'I love Paris', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).input_ids, [101, 1045, 2293, 3000, 102]);
  const p = run(['predict', dir, 'I love Paris']);
  assert.equal(p.status, 1);
  assert.match(p.stderr, /has no model\.safetensors/);
  for (const bad of ['0', '-3', '2.5'])
    assert.match(run(['tokenize', dir, 'x', '--max-length', bad]).stderr, /--max-length must be a positive integer/);
});

test('tokenize HUB_ID fetches config and tokenizer files only, like AutoTokenizer', async () => {
  const hub = await startFakeHub({
    'org/tiny': {
      commit: 'd'.repeat(40),
      files: Object.fromEntries(
        ['config.json', 'vocab.txt', 'model.safetensors'].map((f) => [f, fs.readFileSync(path.join(TINY, f))]),
      ),
    },
  });
  try {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'tok-hub-'));
    const env = { ...process.env, HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache };
    const child = spawn(process.execPath, [BIN, 'tokenize', 'org/tiny', 'I love Paris', '--json'], { env });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    assert.equal(await new Promise((r) => child.on('close', r)), 0);
    assert.deepEqual(JSON.parse(stdout).input_ids, [101, 1045, 2293, 3000, 102]);
    assert.ok(!hub.seen.some((s) => /safetensors|\/cdn\//.test(s.url)), 'no weights requested');
    const offline = { ...env, HF_HUB_OFFLINE: '1' };
    assert.equal(run(['tokenize', 'org/tiny', 'x'], offline).status, 0, 'the tokenizer alone is complete offline');
    assert.match(run(['predict', 'org/tiny', 'x'], offline).stderr, /lacks model\.safetensors/);
  } finally {
    await hub.close();
  }
});
