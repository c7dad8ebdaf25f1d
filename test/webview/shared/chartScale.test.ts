import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { niceStep, tickLabel, tickValues } from '../../../webview/shared/chartScale';

test('tick steps are 1, 2 or 5 times a power of ten, and whole on an axis of steps', () => {
  assert.equal(niceStep(1, 5), 0.2);
  assert.equal(niceStep(0.02, 4), 0.005);
  assert.equal(niceStep(730, 5), 200);
  // One evaluation at step 32 spans [32, 33]: no tick at step 32.2.
  assert.equal(niceStep(1, 5, true), 1);
  assert.equal(niceStep(730, 5, true), 200);
});

test('tick values are the multiples of the step in the range, without drift or a missed end', () => {
  assert.deepEqual(tickValues(32, 33, 1), [32, 33]);
  assert.deepEqual(
    tickValues(0.1, 0.3, 0.1).map((v) => tickLabel(v, 0.1)),
    ['0.1', '0.2', '0.3'],
  );
  assert.deepEqual(
    tickValues(1.0903, 1.1082, 0.005).map((v) => tickLabel(v, 0.005)),
    ['1.095', '1.100', '1.105'],
  );
  assert.equal(tickValues(0, 1e-12, niceStep(1e-12, 4)).length, 3, 'a tiny range gets a few ticks, not thousands');
});

test('tick labels carry the decimals their step needs', () => {
  assert.equal(tickLabel(0, 0.5), '0');
  assert.equal(tickLabel(2e-5, 1e-5), '2.0e-5');
  assert.equal(tickLabel(250000, 50000), '2.5e+5');
  assert.equal(tickLabel(30, 10), '30');
});
