import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA, makeTinyBase } from './tinyModel';
import { tmpDir } from './cli';
import { estimate } from '../../../extension/engine/train/estimate';
import { DEFAULT_ARGUMENTS } from '../../../extension/engine/train/arguments';
import type { EtaOption } from '../../../extension/shared/training/eta';

const CSV = path.join(DATA, 'classify.csv');
const dir = tmpDir('estimate');
const model = makeTinyBase(path.join(dir, 'tiny'), { layers: 2, hidden: 64, heads: 2, inter: 128 });
const smallModel = makeTinyBase(path.join(dir, 'small'), { layers: 1, hidden: 16, heads: 2, inter: 32 });
const SMALL_SHAPE = { layers: 1, hidden: 16, intermediate: 32, vocab: 30522 };
const args = {
  ...DEFAULT_ARGUMENTS,
  output_dir: path.join(dir, 'never-written'),
  per_device_train_batch_size: 16,
  per_device_eval_batch_size: 16,
  max_length: 48,
  num_train_epochs: 3,
  execution_provider: 'cpu' as const,
};
// classify.csv: 320 labelled rows, a seeded 20% validation split → 256 to train on, 16 steps of 16 per epoch.
const TRAIN_STEPS = 3 * 16;

function assertSane(o: EtaOption) {
  for (const k of ['seconds', 'secondsPerStep', 'featureSeconds', 'evalSeconds'] as const)
    assert.ok(Number.isFinite(o[k]) && o[k] >= 0, `${k} ${o[k]}`);
  assert.ok(o.seconds > 0 && o.secondsPerStep > 0);
}

test('estimate: full, frozen and a smaller model on the measured steps; step counts as training plans them; nothing written', async () => {
  const logs: string[] = [];
  const e = await estimate({
    data: CSV,
    model,
    args,
    columns: { text: 'text', label: 'label' },
    steps: 2,
    smallerModels: [{ id: smallModel, shape: SMALL_SHAPE }],
    onEvent: (ev) => ev.type === 'log' && logs.push(ev.message),
  });
  assertSane(e.full);
  assert.equal(e.full.steps, TRAIN_STEPS);
  assert.equal(e.full.mode, 'full');
  assert.equal(e.full.measured, true);
  assert.equal(e.full.basis, 'measured 2 steps');
  // Evaluation every epoch and once at the end, over the 64 validation rows.
  assert.ok(e.full.evalSeconds > 0);
  assert.ok(Math.abs(e.full.seconds - (TRAIN_STEPS * e.full.secondsPerStep + e.full.evalSeconds)) < 1e-9);
  assert.ok(e.frozen, e.notes.join('; '));
  assertSane(e.frozen);
  assert.equal(e.frozen.mode, 'frozen');
  assert.equal(e.frozen.steps, TRAIN_STEPS);
  assert.ok(e.frozen.featureSeconds > 0);
  assert.ok(e.smaller);
  assertSane(e.smaller);
  assert.equal(e.smaller.model, smallModel);
  assert.equal(e.smaller.measured, true);
  assert.ok(logs.some((l) => /estimate: .*1 warm-up and 2 timed steps/.test(l)));
  assert.equal(fs.existsSync(args.output_dir), false);
});

test('estimate: a smaller model not on this machine is scaled from the measured step by the FLOP ratio', async () => {
  const e = await estimate({
    data: CSV,
    model,
    args: { ...args, eval_strategy: 'no' },
    columns: { text: 'text', label: 'label' },
    task: 'cls',
    steps: 1,
    smallerModels: [
      { id: 'nobody/not-a-cached-model', shape: SMALL_SHAPE },
      { id: 'bigger/than-the-model', shape: { layers: 12, hidden: 768, intermediate: 3072, vocab: 30522 } },
    ],
  });
  assert.ok(e.smaller);
  assert.equal(e.smaller.model, 'nobody/not-a-cached-model');
  assert.equal(e.smaller.measured, false);
  assert.match(
    e.smaller.basis,
    /^estimated from .*tiny's measured step \(FLOP ratio 0\.\d+, parameter ratio 0\.\d+\)$/,
  );
  assert.ok(e.smaller.secondsPerStep < e.full.secondsPerStep);
  assert.equal(e.full.evalSeconds > 0, true, 'the final evaluation still runs with eval_strategy no');
});

test('estimate: no smaller model, and a cancel stops it', async () => {
  const ctl = new AbortController();
  ctl.abort();
  await assert.rejects(
    estimate({ data: CSV, model, args, columns: { text: 'text', label: 'label' }, signal: ctl.signal }),
    /cancelled/,
  );
  const e = await estimate({
    data: CSV,
    model: smallModel,
    args,
    columns: { text: 'text', label: 'label' },
    steps: 1,
    smallerModels: [{ id: model, shape: { layers: 2, hidden: 64, intermediate: 128, vocab: 30522 } }],
  });
  assert.equal(e.smaller, null);
  assert.ok(e.notes.some((n) => /no known model is much smaller/.test(n)));
});
