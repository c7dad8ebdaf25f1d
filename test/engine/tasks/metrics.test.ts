import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entitiesOf, tokenMetrics } from '../../../extension/engine/tasks/token/entities';
import { multiLabelMetrics, tuneThresholds } from '../../../extension/engine/tasks/multilabel/metrics';
import { ranks, regressionMetrics } from '../../../extension/engine/tasks/regression/metrics';

const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

test('entities are strict IOB2 spans: an I- that continues nothing starts nothing', () => {
  assert.deepEqual(entitiesOf(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC']), [
    { type: 'PER', start: 0, end: 2 },
    { type: 'LOC', start: 3, end: 4 },
    { type: 'LOC', start: 4, end: 6 },
  ]);
  assert.deepEqual(entitiesOf(['I-PER', 'I-PER', 'O', 'B-PER', 'I-LOC']), [{ type: 'PER', start: 3, end: 4 }]);
});

test("entity scores as seqeval's README examples give them", () => {
  // f1_score(y_true, y_pred) = 0.50 in seqeval's README.
  const m = tokenMetrics(
    [
      ['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O'],
      ['B-PER', 'I-PER', 'O'],
    ],
    [
      ['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'I-MISC', 'O'],
      ['B-PER', 'I-PER', 'O'],
    ],
  );
  near(m.overall.f1, 0.5, 'f1');
  assert.deepEqual(
    m.per_type.map((t) => [t.type, t.precision, t.recall, t.support]),
    [
      ['MISC', 0, 0, 1],
      ['PER', 1, 1, 1],
    ],
  );
  near(m.accuracy, 8 / 10, 'token accuracy');
  // mode='strict', scheme=IOB2: [I-NP I-NP O] finds nothing against [B-NP I-NP O] (0 / 0 / 0, support 1).
  const strict = tokenMetrics([['B-NP', 'I-NP', 'O']], [['I-NP', 'I-NP', 'O']]);
  assert.deepEqual(strict.per_type, [{ type: 'NP', precision: 0, recall: 0, f1: 0, support: 1 }]);
  assert.throws(() => tokenMetrics([['O']], [['O', 'O']]), /sentence 0: 2 predicted tags for 1 words/);
});

test('multi-label metrics: micro and macro F1, per label, subset accuracy, per-label thresholds', () => {
  const probs = [
    [0.9, 0.2, 0.6],
    [0.4, 0.7, 0.1],
    [0.8, 0.3, 0.35],
    [0.1, 0.1, 0.2],
  ];
  const truth = [
    [1, 0, 1],
    [0, 1, 0],
    [1, 1, 1],
    [0, 0, 0],
  ];
  const m = multiLabelMetrics(probs, truth, ['a', 'b', 'c']);
  // a: tp 2; b: tp 1, fn 1; c: tp 1, fn 1 → micro 2·4 / (2·4 + 0 + 2).
  near(m.f1_micro, 8 / 10, 'micro');
  near(m.f1_macro, (1 + 2 / 3 + 2 / 3) / 3, 'macro');
  near(m.subset_accuracy, 3 / 4, 'subset accuracy (row 2 misses b)');
  assert.deepEqual(
    m.per_label.map((l) => [l.label, l.precision, l.recall, l.support]),
    [
      ['a', 1, 1, 2],
      ['b', 1, 0.5, 2],
      ['c', 1, 0.5, 2],
    ],
  );
  const t = tuneThresholds(probs, truth, 3);
  assert.equal(t[0], 0.5, 'a is perfect at 0.5 already: the tie keeps 0.5');
  assert.ok(t[2] > 0.2 && t[2] <= 0.35, `c's threshold lets 0.35 through, not 0.2: ${t[2]}`);
  near(multiLabelMetrics(probs, truth, ['a', 'b', 'c'], t).per_label[2].f1, 1, 'c after tuning');
});

test('regression metrics agree with scipy (pearsonr, spearmanr with tied ranks)', () => {
  const p = [1.0, 2.5, 2.5, 4.0, 3.0];
  const a = [1.2, 2.0, 3.0, 3.5, 3.5];
  const m = regressionMetrics(p, a);
  near(m.mse, (0.04 + 0.25 + 0.25 + 0.25 + 0.25) / 5, 'mse');
  near(m.mae, (0.2 + 0.5 + 0.5 + 0.5 + 0.5) / 5, 'mae');
  assert.ok(Math.abs(m.pearson - 0.8847386177547784) < 1e-12);
  assert.ok(Math.abs(m.spearman - 0.9473684210526317) < 1e-12);
  assert.deepEqual(ranks([3, 1, 3, 2]), [3.5, 1, 3.5, 2]);
});
