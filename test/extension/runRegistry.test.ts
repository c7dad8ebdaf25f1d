import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FAILURE_FILE, listRuns } from '../../extension/runs/runRegistry';
import { tokenChips } from '../../extension/shared/tokenChips';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'runs-'));
const mk = (name: string, files: Record<string, unknown>) => {
  for (const [f, v] of Object.entries(files)) {
    const p = path.join(root, name, f);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, typeof v === 'string' ? v : JSON.stringify(v));
  }
};

test('runs read from what the trainer writes: finished, interrupted, failed, running', () => {
  mk('done', {
    'all_results.json': { epoch: 3, train_loss: 0.41, eval_accuracy: 0.93, note: 'x' },
    'config.json': { architectures: ['BertForSequenceClassification'] },
    'checkpoint-10/trainer_state.json': {},
    'checkpoint-2/trainer_state.json': {},
    'onnx/model.onnx': 'x',
  });
  mk('cut', { 'checkpoint-5/trainer_state.json': {}, 'config.json': { architectures: ['BertForQuestionAnswering'] } });
  mk('broke', { [FAILURE_FILE]: { message: 'the engine process exited (signal SIGKILL)' } });
  mk('live', { 'checkpoint-1/trainer_state.json': {} });
  const runs = Object.fromEntries(listRuns(root, new Set([path.resolve(root, 'live')])).map((r) => [r.name, r]));
  assert.equal(runs.done.status, 'finished');
  assert.deepEqual(runs.done.bestMetric, { name: 'eval_accuracy', value: 0.93 });
  assert.deepEqual(
    runs.done.metrics.map((m) => m.name),
    ['eval_accuracy', 'epoch', 'train_loss'],
    'numbers only, evaluation first',
  );
  assert.deepEqual(runs.cut.metrics, []);
  assert.deepEqual(runs.done.checkpoints, ['checkpoint-2', 'checkpoint-10']);
  assert.deepEqual(runs.done.exported, ['onnx/model.onnx']);
  assert.equal(runs.done.task, 'cls');
  assert.equal(runs.cut.status, 'interrupted');
  assert.equal(runs.cut.task, 'qa');
  assert.equal(runs.broke.status, 'failed');
  assert.match(runs.broke.failure!, /SIGKILL/);
  assert.equal(runs.live.status, 'running');
  assert.deepEqual(listRuns(path.join(root, 'missing')), []);
});

test("a run's task is the registry's: from its config.json, else from the task it was started for", () => {
  const arch = (architectures: string[], more: Record<string, unknown> = {}) => ({
    'config.json': { architectures, ...more },
  });
  mk('ner', {
    ...arch(['BertForTokenClassification'], { id2label: { 0: 'O', 1: 'B-PER', 2: 'I-PER' } }),
    'all_results.json': { eval_accuracy: 0.97, eval_f1: 0.81 },
  });
  mk('tags', arch(['BertForSequenceClassification'], { problem_type: 'multi_label_classification' }));
  mk('score', arch(['BertForSequenceClassification'], { id2label: { 0: 'score' } }));
  mk('stars', arch(['BertForSequenceClassification'], { problem_type: 'regression' }));
  mk('started', { 'bert-studio-run.json': { task: 'token', model: 'm', data: 'd.jsonl' } });
  mk('odd', { 'bert-studio-run.json': { task: 'ner' }, 'config.json': { architectures: ['BertModel'] } });
  const runs = Object.fromEntries(listRuns(root).map((r) => [r.name, r.task]));
  assert.deepEqual(
    [runs.ner, runs.tags, runs.score, runs.stars, runs.started, runs.odd],
    ['token', 'multilabel', 'regression', 'regression', 'token', null],
  );
  const ner = listRuns(root).find((r) => r.name === 'ner')!;
  assert.deepEqual(ner.bestMetric, { name: 'eval_f1', value: 0.81 }, 'entity F1, not token accuracy');
});

test('token chips: specials styled apart, word pieces joined, truncation point, source characters', () => {
  const view = tokenChips(
    {
      tokens: ['[CLS]', 'una', '##ffa', '##ble', '[UNK]', '[SEP]', '[PAD]'],
      inputIds: [101, 14477, 20961, 3468, 100, 102, 0],
      tokenTypeIds: [0, 0, 0, 0, 0, 0, 0],
      attentionMask: [1, 1, 1, 1, 1, 1, 0],
      offsets: [
        [0, 0],
        [0, 3],
        [3, 6],
        [6, 9],
        [10, 11],
        [0, 0],
        [0, 0],
      ],
      specialTokensMask: [1, 0, 0, 0, 0, 1, 1],
    },
    9,
  );
  assert.deepEqual(
    view.chips.map((c) => c.kind),
    ['cls', 'word', 'piece', 'piece', 'unk', 'sep', 'pad'],
  );
  assert.equal(view.chips[2].text, 'ffa');
  assert.deepEqual(view.chips[4].chars, [10, 11], '[UNK] still points at the characters it replaced');
  assert.equal(view.chips[0].chars, null);
  assert.equal(view.truncatedAt, 6);
  assert.equal(
    tokenChips({
      tokens: ['[CLS]', '[SEP]'],
      inputIds: [101, 102],
      tokenTypeIds: [0, 0],
      attentionMask: [1, 1],
      offsets: [
        [0, 0],
        [0, 0],
      ],
      specialTokensMask: [1, 1],
    }).truncatedAt,
    null,
  );
});

test('a failure recorded after the results (a re-run that failed) shows the run failed, not finished', () => {
  mk('rerun', { 'all_results.json': { eval_accuracy: 0.9 } });
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(path.join(root, 'rerun', 'all_results.json'), old, old);
  mk('rerun', { [FAILURE_FILE]: { message: 'the loss became NaN at step 3' } });
  mk('fixed', { [FAILURE_FILE]: { message: 'an old failure' } });
  fs.utimesSync(path.join(root, 'fixed', FAILURE_FILE), old, old);
  mk('fixed', { 'all_results.json': { eval_accuracy: 0.9 } });
  const runs = Object.fromEntries(listRuns(root).map((r) => [r.name, r]));
  assert.equal(runs.rerun.status, 'failed');
  assert.equal(runs.rerun.failure, 'the loss became NaN at step 3');
  assert.equal(runs.fixed.status, 'finished');
});
