import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, readFlags } from '../../../extension/engine/cli/args';

const ROOT = path.join(__dirname, '..', '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'bert-studio.js');
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

test('flags take TrainingArguments-style names with dashes or underscores, = or a space', () => {
  const { positional, flags } = parseArgs(['a', '--num-train-epochs', '2', '--lr=1e-3', 'b']);
  assert.deepEqual(positional, ['a', 'b']);
  const f = readFlags(flags, { num_train_epochs: 3, lr: 5e-5 }, 'x');
  assert.deepEqual(f, { num_train_epochs: 2, lr: 1e-3 });
  assert.throws(
    () => readFlags(parseArgs(['--epochs', 'x']).flags, { epochs: 1 }, 'train'),
    /train: --epochs expects a number, got x/,
  );
  assert.throws(() => readFlags(parseArgs(['--nope', '1']).flags, { epochs: 1 }, 'train'), /unknown option --nope/);
});

test('the bert-studio bin: usage, unknown commands and bad input exit non-zero with a message', () => {
  assert.equal(run('--help').status, 0);
  const unknown = run('frobnicate');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  const missing = run('reference-step', 'only-one');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /usage: bert-studio reference-step CKPT BATCH.json OUT.safetensors/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  const noCkpt = run('reference-step', path.join(dir, 'nope'), 'b.json', path.join(dir, 'o.safetensors'));
  assert.equal(noCkpt.status, 1);
  assert.match(noCkpt.stderr, /config.json not found/);
  assert.equal(fs.existsSync(path.join(dir, 'o.safetensors')), false);
});

test('reference-step through the bin prints one JSON line per step and writes the file', () => {
  const fx = path.join(ROOT, 'test', 'fixtures', 'parity');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'out.safetensors');
  const r = run(
    'reference-step',
    path.join(fx, 'tiny-cls'),
    path.join(fx, 'batch-cls.json'),
    out,
    '--steps',
    '2',
    '--lr',
    '1e-3',
  );
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => l.step),
    [0, 1],
  );
  assert.ok(fs.statSync(out).size > 1000);
});
