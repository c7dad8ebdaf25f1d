import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA, makeTinyBase } from '../train/tinyModel';
import { detectTask } from '../../../extension/engine/tasks/training';
import { classWeights } from '../../../extension/engine/tasks/classWeights';
import { Classifier } from '../../../extension/engine/infer/classify';
import { fastTrainArgs, runCli, tmpDir } from '../train/cli';
import { readEvents } from '../../../extension/shared/runs/eventLog';
import { restoreRun } from '../../../extension/runs/runHistory';
import { multiLabelDetail, regressionPoints } from '../../../extension/shared/runs/evalDetail';

const run = runCli;
const tmp = () => tmpDir('tasks');
const model = makeTinyBase(path.join(tmp(), 'tiny'));
const COMMON = fastTrainArgs(model);
const config = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));

test('each fixture is detected as its task', async () => {
  const cases: [string, string][] = [
    ['classify.csv', 'cls'],
    ['pairs.csv', 'cls'],
    ['squad-small.json', 'qa'],
    ['ner.conll', 'token'],
    ['ner-tokens.jsonl', 'token'],
    ['ner-spans.jsonl', 'token'],
    ['multilabel.csv', 'multilabel'],
    ['regression.csv', 'regression'],
  ];
  for (const [file, task] of cases) assert.equal(await detectTask(path.join(DATA, file)), task, file);
});

test('NER: a tiny random-init model on text + spans reaches entity F1 ≥ 0.9; config, predict, eval on CoNLL, ONNX export', async () => {
  const out = path.join(tmp(), 'ner');
  const r = run('train', path.join(DATA, 'ner-spans.jsonl'), ...COMMON, '--output', out, '--num_train_epochs', '10');
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout);
  assert.ok(results.eval_f1 >= 0.9, `eval_f1 ${results.eval_f1}`);
  for (const t of ['PER', 'LOC', 'ORG']) assert.ok(results[`eval_${t}_f1`] >= 0.8, `${t}: ${results[`eval_${t}_f1`]}`);
  assert.match(r.stderr, /newly initialized: \['classifier.bias', 'classifier.weight'\]/);
  const c = config(out);
  assert.deepEqual(c.architectures, ['BertForTokenClassification']);
  assert.deepEqual(Object.values(c.id2label), ['B-LOC', 'B-ORG', 'B-PER', 'I-LOC', 'I-ORG', 'I-PER', 'O']);
  // Offsets count code points, as Python's str (and span files) do: the emoji is one, not two UTF-16 units.
  const p = run('predict', out, 'Yesterday 🎉 alice smith met bob in new york .', '--json');
  assert.equal(p.status, 0, p.stderr);
  const entities = JSON.parse(p.stdout) as { type: string; text: string; start: number; end: number }[];
  assert.deepEqual(
    entities.map((e) => [e.type, e.text, e.start, e.end]),
    [
      ['PER', 'alice smith', 12, 23],
      ['PER', 'bob', 28, 31],
      ['LOC', 'new york', 35, 43],
    ],
  );
  const ev = run('eval', out, path.join(DATA, 'ner.conll'));
  assert.equal(ev.status, 0, ev.stderr);
  const m = JSON.parse(ev.stdout);
  assert.equal(m.eval_samples, 40);
  assert.ok(m.eval_f1 >= 0.9, `eval on the CoNLL copy: ${m.eval_f1}`);
  // onnx/model.onnx as transformers.js's token-classification pipeline reads it: logits [B, T, labels].
  const web = path.join(tmp(), 'web');
  const x = run('export', out, '--onnx', web);
  assert.equal(x.status, 0, x.stderr);
  const ort = await import('onnxruntime-node');
  const s = await ort.InferenceSession.create(path.join(web, 'onnx', 'model.onnx'));
  const ids = (v: number[]) => new ort.Tensor('int64', BigInt64Array.from(v.map(BigInt)), [1, v.length]);
  const got = await s.run({
    input_ids: ids([101, 3960, 2743, 102]),
    attention_mask: ids([1, 1, 1, 1]),
    token_type_ids: ids([0, 0, 0, 0]),
  });
  assert.deepEqual([...got.logits.dims], [1, 4, 7]);
  assert.deepEqual(config(web).architectures, ['BertForTokenClassification']);
});

test('multi-label: BCE training, thresholds tuned and saved, config with problem_type and id2label', async () => {
  const out = path.join(tmp(), 'ml');
  const r = run('train', path.join(DATA, 'multilabel.csv'), ...COMMON, '--output', out, '--num_train_epochs', '15');
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout);
  for (const k of ['eval_f1_micro', 'eval_f1_macro', 'eval_subset_accuracy', 'eval_music_f1', 'eval_f1_micro_tuned'])
    assert.ok(typeof results[k] === 'number', k);
  assert.ok(results.eval_f1_micro_tuned >= results.eval_f1_micro - 1e-9, 'tuning never does worse on validation');
  assert.ok(results.eval_f1_micro_tuned > 0.6, `micro F1 ${results.eval_f1_micro_tuned}`);
  const c = config(out);
  assert.equal(c.problem_type, 'multi_label_classification');
  assert.deepEqual(c.id2label, { 0: 'cooking', 1: 'music', 2: 'sports', 3: 'weather' });
  const thresholds = JSON.parse(fs.readFileSync(path.join(out, 'thresholds.json'), 'utf8'));
  assert.deepEqual(Object.keys(thresholds), ['cooking', 'music', 'sports', 'weather']);
  for (const t of Object.values(thresholds) as number[]) assert.ok(t > 0 && t < 1);
  // The dashboard's per-label table: the last evaluation's scores at the thresholds saved with the model.
  const evals = readEvents(out).filter((e) => e.type === 'eval');
  const last = evals[evals.length - 1];
  const perLabel = multiLabelDetail(last.type === 'eval' && last.detail ? last.detail : null)?.per_label;
  assert.deepEqual(
    perLabel?.map((l) => [l.label, l.threshold]),
    Object.entries(thresholds),
  );
  assert.ok(perLabel.every((l) => Number.isInteger(l.support) && l.support > 0));
  const p = run('predict', out, 'the guitar concert', '--json');
  assert.equal(p.status, 0, p.stderr);
  const d = JSON.parse(p.stdout) as { label: string; threshold: number; selected: boolean; score: number }[];
  assert.equal(d.length, 4);
  for (const x of d) {
    assert.equal(x.threshold, thresholds[x.label]);
    assert.equal(x.selected, x.score >= x.threshold);
  }
  // Classify Selection's classifier reads a multi-label model the same way: sigmoid scores against the thresholds.
  const classifier = await Classifier.load(out);
  const [scores] = await classifier.classify(['the guitar concert']);
  await classifier.release();
  assert.deepEqual(
    scores.map((x) => [x.label, x.selected]),
    d.map((x) => [x.label, x.selected]),
  );
  for (const [i, x] of scores.entries()) assert.ok(Math.abs(x.score - d[i].score) < 1e-6);
});

test('regression: MSE training, MSE/MAE/Pearson/Spearman, config with problem_type regression and one label', () => {
  const out = path.join(tmp(), 'reg');
  const r = run('train', path.join(DATA, 'regression.csv'), ...COMMON, '--output', out, '--num_train_epochs', '10');
  assert.equal(r.status, 0, r.stderr);
  const results = JSON.parse(r.stdout);
  for (const k of ['eval_mse', 'eval_mae', 'eval_pearson', 'eval_spearman']) assert.ok(Number.isFinite(results[k]), k);
  assert.ok(Math.abs(results.eval_mse - results.eval_loss) < 1e-4, 'the loss is the MSE');
  assert.ok(results.eval_pearson > 0.2, `pearson ${results.eval_pearson}`);
  const c = config(out);
  assert.equal(c.problem_type, 'regression');
  assert.deepEqual(c.id2label, { 0: 'score' });
  const p = run('predict', out, 'a wonderful superb day', '--json');
  assert.equal(p.status, 0, p.stderr);
  assert.equal(JSON.parse(p.stdout).label, 'score');
  // The dashboard's scatter plot: the run says its task, and each evaluation carries every (prediction, truth) pair.
  const events = readEvents(out);
  assert.deepEqual(events[0].type === 'task' && events[0].task, 'regression');
  const evals = events.filter((e) => e.type === 'eval');
  assert.equal(evals.length, 10, 'one evaluation an epoch');
  const last = evals[evals.length - 1];
  const d = regressionPoints(last.type === 'eval' && last.detail ? last.detail : null);
  assert.ok(d, 'a regression detail');
  assert.equal(d.total, 40, 'test_size 0.2 of 200 rows');
  assert.equal(d.points.length, 40);
  const truths = new Set(d.points.map(([, t]) => t));
  assert.ok(truths.size > 3, 'the true scores of the validation rows');
  const mse = d.points.reduce((a, [p, t]) => a + (p - t) ** 2, 0) / d.points.length;
  assert.ok(Math.abs(mse - results.eval_mse) < 1e-5, `the points are the ones scored: ${mse} vs ${results.eval_mse}`);
  // A reopened dashboard is rebuilt from the folder: the finished run's task and its last scatter.
  const restored = restoreRun(out);
  assert.equal(restored.status, 'finished');
  assert.equal(restored.task, 'regression');
  assert.deepEqual(restored.lastEval?.detail, d);
});

test("class weights: 'balanced' is n / (k · count) over the classes present; explicit ones are checked", () => {
  assert.deepEqual(classWeights('balanced', [10, 30, 0], ['a', 'b', 'c']), [2, 2 / 3, 1]);
  assert.equal(classWeights('none', [1, 2], ['a', 'b']), undefined);
  assert.deepEqual(classWeights('1, 2.5', [1, 2], ['a', 'b']), [1, 2.5]);
  assert.throws(() => classWeights('1,2', [1, 2, 3], ['a', 'b', 'c']), /2 values for 3 labels \(a, b, c\)/);
  assert.throws(() => classWeights('1,x', [1, 2], ['a', 'b']), /'x' \(label b\) is not a number/);
  const out = path.join(tmp(), 'weighted');
  const r = run(
    'train',
    path.join(DATA, 'classify.csv'),
    ...COMMON,
    '--output',
    out,
    '--num_train_epochs',
    '1',
    '--class_weights',
    '1,2',
  );
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /--class_weights has 2 values for 3 labels \(cooking, sports, weather\)/);
});
