import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityTable, labelTable } from '../../../extension/shared/runs/evalTables';

test('the entity table has a row per type as run_ner reports them, the overall row and token accuracy', () => {
  // As tasks/token/training.ts emits them; a type may hold underscores.
  const metrics = {
    eval_loss: 0.3,
    eval_precision: 0.9,
    eval_recall: 0.8,
    eval_f1: 0.847,
    eval_accuracy: 0.97,
    eval_PER_precision: 1,
    eval_PER_recall: 0.9,
    eval_PER_f1: 0.947,
    eval_PER_number: 10,
    eval_WORK_OF_ART_precision: 0.5,
    eval_WORK_OF_ART_recall: 0.25,
    eval_WORK_OF_ART_f1: 0.333,
    eval_WORK_OF_ART_number: 4,
    eval_LOC_precision: 0.8,
    eval_LOC_recall: 0.8,
    eval_LOC_f1: 0.8,
    eval_LOC_number: 6,
    eval_runtime: 0.2,
  };
  const t = entityTable(metrics);
  assert.deepEqual(
    t.types.map((r) => [r.name, r.precision, r.recall, r.f1, r.support]),
    [
      ['LOC', 0.8, 0.8, 0.8, 6],
      ['PER', 1, 0.9, 0.947, 10],
      ['WORK_OF_ART', 0.5, 0.25, 0.333, 4],
    ],
  );
  assert.deepEqual(t.overall, { name: 'overall', precision: 0.9, recall: 0.8, f1: 0.847, support: 20 });
  assert.equal(t.accuracy, 0.97);
  const partial = entityTable({ eval_loss: 1, eval_ORG_f1: 0.5 });
  assert.deepEqual(partial, { types: [], overall: null, accuracy: null }, 'a type needs all four numbers');
});

test('the label table: scores at the tuned thresholds when the run sent them, else at 0.5 from the metrics', () => {
  const metrics = {
    eval_f1_micro: 0.7,
    eval_f1_macro: 0.6,
    eval_subset_accuracy: 0.4,
    eval_f1_micro_tuned: 0.75,
    eval_f1_macro_tuned: 0.65,
    eval_music_precision: 0.5,
    eval_music_recall: 1,
    eval_music_f1: 0.667,
    eval_cooking_precision: 1,
    eval_cooking_recall: 0.5,
    eval_cooking_f1: 0.667,
  };
  const old = labelTable(metrics, null);
  assert.equal(old.tuned, false);
  assert.deepEqual(
    old.labels.map((r) => [r.name, r.f1, r.support, r.threshold]),
    [
      ['cooking', 0.667, null, 0.5],
      ['music', 0.667, null, 0.5],
    ],
  );
  assert.deepEqual(
    [old.f1Micro, old.f1Macro, old.f1MicroTuned, old.f1MacroTuned, old.subsetAccuracy],
    [0.7, 0.6, 0.75, 0.65, 0.4],
  );
  const tuned = labelTable(metrics, {
    kind: 'multilabel',
    per_label: [
      { label: 'cooking', precision: 1, recall: 0.75, f1: 0.857, support: 4, threshold: 0.3 },
      { label: 'music', precision: 0.6, recall: 1, f1: 0.75, support: 3, threshold: 0.55 },
    ],
  });
  assert.equal(tuned.tuned, true);
  assert.deepEqual(
    tuned.labels.map((r) => [r.name, r.precision, r.recall, r.f1, r.support, r.threshold]),
    [
      ['cooking', 1, 0.75, 0.857, 4, 0.3],
      ['music', 0.6, 1, 0.75, 3, 0.55],
    ],
  );
  assert.equal(labelTable({}, null).f1Micro, null);
});
