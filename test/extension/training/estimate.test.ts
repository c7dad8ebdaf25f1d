import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { EngineClient } from '../../../extension/engine/process/engineClient';
import { SetupEstimates } from '../../../extension/training/estimate';
import type { SetupForm } from '../../../extension/shared/protocol/setup';
import type { EtaToSetup } from '../../../extension/shared/protocol/setupEta';
import { isEstimate } from '../../../extension/shared/training/eta';
import { DATA, makeTinyBase } from '../../engine/train/tinyModel';
import { tmpDir } from '../../engine/train/cli';

const CSV = path.join(DATA, 'classify.csv');
const model = makeTinyBase(path.join(tmpDir('setup-estimate'), 'tiny'));
const form: SetupForm = {
  model,
  task: 'cls',
  mode: 'full',
  text: 'text',
  textPair: null,
  label: 'label',
  epochs: 1,
  learningRate: 5e-5,
  batchSize: 16,
  maxLength: 48,
  warmupRatio: 0,
  weightDecay: 0,
  seed: 42,
  evalStrategy: 'epoch',
  classWeights: 'none',
};

function host(engine: EngineClient, trusted = true) {
  const posted: EtaToSetup[] = [];
  const estimates = new SetupEstimates(CSV, {
    engine: async () => engine,
    post: (m) => posted.push(m),
    trusted: () => trusted,
    runtime: () => ({ executionProvider: 'cpu', threads: 0 }),
  });
  return { posted, estimates };
}

test('the setup page gets the estimate of the form it asked about; a newer request drops the older', async () => {
  const engine = await EngineClient.start();
  try {
    const { posted, estimates } = host(engine);
    const older = estimates.estimate({ ...form, epochs: 9 });
    await estimates.estimate(form);
    await older;
    const answers = posted.filter((m) => m.type !== 'estimateProgress');
    assert.equal(answers.length, 1, JSON.stringify(answers));
    const [answer] = answers;
    assert.equal(answer.type, 'estimate');
    assert.ok(answer.type === 'estimate' && isEstimate(answer.estimate));
    assert.deepEqual(answer.form, form);
    // 256 training rows in batches of 16, one epoch.
    assert.equal(answer.type === 'estimate' && answer.estimate.full.steps, 16);
    assert.ok(posted.some((m) => m.type === 'estimateProgress' && /timed steps/.test(m.message)));
  } finally {
    await engine.stop();
  }
});

test('no estimate in an untrusted workspace, or of a form that cannot start', async () => {
  const engine = await EngineClient.start();
  try {
    const untrusted = host(engine, false);
    await untrusted.estimates.estimate(form);
    assert.equal(untrusted.posted[0].type, 'estimateError');
    assert.match((untrusted.posted[0] as { message: string }).message, /trusted workspace/);
    const trusted = host(engine);
    await trusted.estimates.estimate({ ...form, batchSize: 0 });
    assert.match((trusted.posted[0] as { message: string }).message, /batchSize/);
  } finally {
    await engine.stop();
  }
});
