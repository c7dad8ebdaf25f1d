import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA, makeTinyBase } from './tinyModel';
import { ROOT, runCli, tmpDir } from './cli';
import { isEstimate } from '../../../extension/shared/training/eta';
import { EngineClient } from '../../../extension/engine/process/engineClient';
import { DEFAULT_ARGUMENTS } from '../../../extension/engine/process/protocol';

const CSV = path.join(DATA, 'classify.csv');
const dir = tmpDir('estimate-cli');
const model = makeTinyBase(path.join(dir, 'tiny'));
const FLAGS = ['--model', model, '--per_device_train_batch_size', '16', '--max_length', '48'];

test('bert-studio estimate prints the estimate as JSON, and writes no run folder', () => {
  const out = path.join(dir, 'out');
  const r = runCli(
    'estimate',
    CSV,
    ...FLAGS,
    '--num_train_epochs',
    '2',
    '--output',
    out,
    '--execution_provider',
    'cpu',
  );
  assert.equal(r.status, 0, r.stderr);
  const e = JSON.parse(r.stdout);
  assert.ok(isEstimate(e), r.stdout);
  assert.equal(e.full.steps, 2 * 16);
  assert.match(r.stderr, /estimate: .* 1 warm-up and 3 timed steps/);
  assert.equal(fs.existsSync(out), false);
});

test('bert-studio estimate: usage errors name the command', () => {
  const r = runCli('estimate', CSV);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /estimate: --model is required/);
  assert.match(runCli('--help').stderr, /bert-studio estimate DATA --model MODEL/);
});

test('an estimate in the engine process obeys cancel', async () => {
  const engine = await EngineClient.start({
    entry: path.join(ROOT, 'out', 'extension', 'engine', 'process', 'engineMain.js'),
  });
  try {
    const job = engine.estimate({ data: CSV, model, args: { ...DEFAULT_ARGUMENTS, execution_provider: 'cpu' } });
    await engine.cancel(job.id);
    await assert.rejects(job.result, /cancelled/);
  } finally {
    await engine.stop();
  }
});
