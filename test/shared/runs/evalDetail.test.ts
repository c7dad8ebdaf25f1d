import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_SCATTER_POINTS,
  classificationDetail,
  isEvalDetail,
  multiLabelDetail,
  regressionDetail,
  regressionPoints,
} from '../../../extension/shared/runs/evalDetail';

test('a regression evaluation sends every pair, or an even subsample of them, the same each time', () => {
  const small = regressionDetail([1, 2, 3], [1.5, 2, 2.5]);
  assert.deepEqual(small, {
    kind: 'regression',
    points: [
      [1, 1.5],
      [2, 2],
      [3, 2.5],
    ],
    total: 3,
  });
  const n = 5 * MAX_SCATTER_POINTS + 3;
  const predicted = Array.from({ length: n }, (_, i) => i);
  const truth = predicted.map((i) => -i);
  const big = regressionDetail(predicted, truth);
  assert.equal(big.total, n);
  assert.equal(big.points.length, MAX_SCATTER_POINTS);
  assert.deepEqual(big.points[0], [0, -0]);
  assert.ok(
    big.points.every(([p, t], i) => t === -p && (i === 0 || p > big.points[i - 1][0])),
    'pairs stay pairs, in order',
  );
  const gaps = big.points.slice(1).map(([p], i) => p - big.points[i][0]);
  assert.ok(Math.min(...gaps) >= 5 && Math.max(...gaps) <= 6, 'evenly spread over the whole set');
  assert.deepEqual(regressionDetail(predicted, truth), big, 'deterministic');
});

test('each kind of detail is checked where it arrives; a broken one is refused', () => {
  const cls = {
    accuracy: 1,
    f1_macro: 1,
    f1_weighted: 1,
    per_class: [{ label: 'a', precision: 1, recall: 1, f1: 1, support: 2 }],
    confusion: [[2]],
  };
  const ml = {
    kind: 'multilabel',
    per_label: [{ label: 'music', precision: 0.5, recall: 1, f1: 0.67, support: 3, threshold: 0.35 }],
  };
  const reg = regressionDetail([0.5, 1], [1, 1]);
  for (const d of [cls, ml, reg]) assert.ok(isEvalDetail(JSON.parse(JSON.stringify(d))), JSON.stringify(d));
  assert.equal(classificationDetail(cls), cls);
  assert.equal(multiLabelDetail(cls), null);
  assert.equal(multiLabelDetail(ml as never), ml);
  assert.equal(regressionPoints(reg), reg);
  assert.equal(regressionPoints(ml as never), null);
  const refused = [
    null,
    [],
    { ...cls, confusion: [[1.5]] },
    { ...cls, confusion: [[1], [1]] },
    { ...ml, per_label: [{ ...ml.per_label[0], threshold: 'high' }] },
    { ...reg, points: [[1, null]] },
    { ...reg, points: [[1, 2, 3]] },
    { ...reg, total: 1 },
    { kind: 'ranking', points: [] },
  ];
  for (const d of refused) assert.equal(isEvalDetail(d), false, JSON.stringify(d));
  // NaN crosses JSON as null: a diverged prediction makes the detail refused, not a broken plot.
  assert.equal(isEvalDetail(JSON.parse(JSON.stringify(regressionDetail([NaN], [1])))), false);
});
