import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SetupForm, parseFromSetup, parseToSetup } from '../../../extension/shared/protocol/setup';
import { sameForm } from '../../../extension/shared/protocol/setupEta';

const form: SetupForm = {
  model: 'bert-base-uncased',
  task: 'cls',
  mode: 'full',
  text: 'text',
  textPair: null,
  label: 'label',
  epochs: 3,
  learningRate: 5e-5,
  batchSize: 8,
  maxLength: 128,
  warmupRatio: 0,
  weightDecay: 0,
  seed: 42,
  evalStrategy: 'epoch',
  classWeights: 'none',
};
const option = {
  model: 'm',
  mode: 'full',
  seconds: 7800,
  secondsPerStep: 2,
  steps: 3900,
  featureSeconds: 0,
  evalSeconds: 0,
  measured: true,
  basis: 'measured 3 steps',
};

test('the page asks for an estimate of its form, or cancels it; both checked on arrival', () => {
  assert.deepEqual(parseFromSetup({ type: 'estimate', form }), { type: 'estimate', form });
  assert.deepEqual(parseFromSetup({ type: 'estimateCancel' }), { type: 'estimateCancel' });
  assert.throws(() => parseFromSetup({ type: 'estimate', form: { ...form, mode: 'partial' } }), /mode/);
  assert.throws(() => parseFromSetup({ type: 'estimateAll' }), /unknown message "estimateAll"/);
});

test("the extension's estimate reaches the page only when well-formed", () => {
  const estimate = { full: option, frozen: null, smaller: null, notes: [] };
  assert.deepEqual(parseToSetup({ type: 'estimate', form, estimate }), { type: 'estimate', form, estimate });
  assert.throws(() => parseToSetup({ type: 'estimate', form, estimate: { ...estimate, full: {} } }), /malformed/);
  assert.throws(() => parseToSetup({ type: 'estimate', estimate }), /form is missing/);
  assert.deepEqual(parseToSetup({ type: 'estimateProgress', message: 'timing' }), {
    type: 'estimateProgress',
    message: 'timing',
  });
  assert.throws(() => parseToSetup({ type: 'estimateError', form, message: 3 }), /message must be a string/);
});

test('an estimate belongs to the form it measured: any field changed makes it stale', () => {
  assert.ok(sameForm(form, { ...form }));
  assert.ok(!sameForm(form, { ...form, epochs: 4 }));
  assert.ok(!sameForm(form, { ...form, model: 'other' }));
});
