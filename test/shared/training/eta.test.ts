import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Estimate,
  EtaOption,
  SMALL_MODELS,
  aboutDuration,
  encoderFlopsPerToken,
  encoderParameters,
  etaOffers,
  isEstimate,
  scaledStepSeconds,
} from '../../../extension/shared/training/eta';

const BERT_BASE = { layers: 12, hidden: 768, intermediate: 3072, vocab: 30522 };
const option = (seconds: number, mode: 'full' | 'frozen' = 'full', model = 'm'): EtaOption => ({
  model,
  mode,
  seconds,
  secondsPerStep: 1,
  steps: 10,
  featureSeconds: 0,
  evalSeconds: 0,
  measured: true,
  basis: 'measured 3 steps',
});

test('encoder FLOPs per token: projections, feed-forward and attention, per layer', () => {
  // One layer, H=2, I=4, T=3: 2 · (4·4 + 2·2·4 + 2·3·2) = 2 · (16 + 16 + 12) = 88.
  assert.equal(encoderFlopsPerToken({ layers: 1, hidden: 2, intermediate: 4, vocab: 10 }, 3), 88);
  // bert-base at T=128: 12 · 2 · (4·768² + 2·768·3072 + 2·128·768) ≈ 175 MFLOP per token.
  assert.equal(encoderFlopsPerToken(BERT_BASE, 128), 24 * (4 * 768 * 768 + 2 * 768 * 3072 + 256 * 768));
  const [miniLm, tiny] = SMALL_MODELS.map((m) => m.shape);
  const ratio = encoderFlopsPerToken(miniLm, 128) / encoderFlopsPerToken(BERT_BASE, 128);
  assert.ok(ratio > 0.05 && ratio < 0.15, `MiniLM-L6 / bert-base ${ratio}`);
  // Attention's share grows with the sequence: the ratio moves with T.
  assert.notEqual(ratio, encoderFlopsPerToken(miniLm, 512) / encoderFlopsPerToken(BERT_BASE, 512));
  assert.ok(encoderParameters(tiny) < encoderParameters(miniLm));
  assert.ok(Math.abs(encoderParameters(BERT_BASE) / 1e6 - 108.4) < 1, `${encoderParameters(BERT_BASE)}`);
});

test("a smaller model's step: the arithmetic part scales by FLOPs, the rest by parameters", () => {
  // A 3 s step whose forward takes 0.02 s per example: 16 examples → 0.96 s of arithmetic, 2.04 s of the rest.
  const step = { seconds: 3, forwardSecondsPerExample: 0.02, batch: 16 };
  assert.ok(Math.abs(scaledStepSeconds(step, { flops: 0.3, parameters: 0.5 }) - (0.96 * 0.3 + 2.04 * 0.5)) < 1e-12);
  // Equal ratios scale the whole step alike.
  assert.ok(Math.abs(scaledStepSeconds(step, { flops: 0.25, parameters: 0.25 }) - 0.75) < 1e-12);
  // A forward slower than a third of the step (noise): the arithmetic part is capped at the step.
  const capped = scaledStepSeconds({ ...step, forwardSecondsPerExample: 1 }, { flops: 0.1, parameters: 0.9 });
  assert.ok(Math.abs(capped - 0.3) < 1e-12, `${capped}`);
});

test('offers: none under the threshold; over it, the faster alternatives only', () => {
  const e: Estimate = {
    full: option(3600),
    frozen: option(240, 'frozen'),
    smaller: option(1500, 'full', 'small'),
    notes: [],
  };
  assert.deepEqual(etaOffers(e, 1800), [e.frozen, e.smaller]);
  assert.deepEqual(etaOffers(e, 3600), []);
  assert.deepEqual(etaOffers(e), [e.frozen, e.smaller], 'the default threshold is 30 minutes');
  assert.deepEqual(etaOffers({ ...e, full: option(1700) }), []);
  assert.deepEqual(etaOffers({ ...e, smaller: option(4000, 'full', 'small'), frozen: null }, 1800), []);
});

test('durations read as a person says them', () => {
  assert.equal(aboutDuration(20), 'under a minute');
  assert.equal(aboutDuration(4 * 60 + 10), 'about 4 min');
  assert.equal(aboutDuration(2 * 3600 + 10 * 60 + 5), 'about 2 h 10 min');
  assert.equal(aboutDuration(3600), 'about 1 h');
});

test('an estimate is checked as it arrives', () => {
  const good: Estimate = { full: option(10), frozen: null, smaller: option(5), notes: ['n'] };
  assert.ok(isEstimate(good));
  assert.ok(isEstimate(JSON.parse(JSON.stringify(good))));
  assert.ok(!isEstimate({ ...good, full: null }));
  assert.ok(!isEstimate({ ...good, full: { ...good.full, seconds: null } }), 'a NaN crosses JSON as null');
  assert.ok(!isEstimate({ ...good, full: { ...good.full, seconds: -1 } }));
  assert.ok(!isEstimate({ ...good, frozen: { ...good.full, mode: 'partial' } }));
  assert.ok(!isEstimate({ ...good, notes: [1] }));
  assert.ok(!isEstimate({ ...good, smaller: { ...good.full, steps: 1.5 } }));
});
