import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationMetrics } from '../../../extension/engine/train/metrics';

test("classification metrics follow scikit-learn's definitions (worked by hand)", () => {
  // true: a a a b b c ; predicted: a a b b c c
  const m = classificationMetrics([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 2], ['a', 'b', 'c']);
  assert.deepEqual(m.confusion, [
    [2, 1, 0],
    [0, 1, 1],
    [0, 0, 1],
  ]);
  assert.equal(m.accuracy, 4 / 6);
  const [a, b, c] = m.per_class;
  assert.deepEqual([a.precision, a.recall, a.support], [1, 2 / 3, 3]);
  assert.deepEqual([b.precision, b.recall], [0.5, 0.5]);
  assert.deepEqual([c.precision, c.recall], [0.5, 1]);
  const f1 = [0.8, 0.5, 2 / 3];
  assert.ok(Math.abs(m.f1_macro - (f1[0] + f1[1] + f1[2]) / 3) < 1e-12);
  assert.ok(Math.abs(m.f1_weighted - (f1[0] * 3 + f1[1] * 2 + f1[2]) / 6) < 1e-12);
  const none = classificationMetrics([0, 0], [0, 0], ['a', 'b']);
  assert.equal(none.per_class[1].f1, 0, 'zero_division = 0');
});
