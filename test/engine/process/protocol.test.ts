import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLASSIFY,
  DOWNLOAD,
  EXPORT,
  INSPECT,
  ProtocolError,
  TRAIN,
  parseEngineMessage,
} from '../../../extension/engine/process/protocol';

test('results are checked by their request type on arrival', () => {
  const predictions = [[{ label: 'pos', score: 0.9 }]];
  assert.deepEqual(CLASSIFY.parseResult(predictions), predictions);
  assert.throws(() => CLASSIFY.parseResult([{ label: 'pos', score: 0.9 }]), ProtocolError);
  assert.throws(
    () => CLASSIFY.parseResult([[{ label: 3, score: 0.9 }]]),
    /classify result is not predictions per text/,
  );
  // NaN crosses JSON IPC as null, as it did before results were checked.
  assert.deepEqual(TRAIN.parseResult({ train_loss: 0.5, eval_loss: null }), { train_loss: 0.5, eval_loss: null });
  assert.throws(() => TRAIN.parseResult({ train_loss: '0.5' }), ProtocolError);
  assert.equal(EXPORT.parseResult('/x/onnx/model.onnx'), '/x/onnx/model.onnx');
  assert.throws(() => EXPORT.parseResult(null), ProtocolError);
  assert.deepEqual(DOWNLOAD.parseResult({ folder: '/m', repoId: null, commit: null }), {
    folder: '/m',
    repoId: null,
    commit: null,
  });
  const summary = {
    file: 'a.csv',
    kind: 'classification',
    task: 'cls',
    rows: 2,
    columns: ['text', 'label'],
    mapping: { text: 'text', textPair: null, label: 'label' },
    labelCounts: { a: 1, b: 1 },
    unlabeled: 0,
    problem: null,
  };
  assert.deepEqual(INSPECT.parseResult(summary), summary);
  assert.throws(() => INSPECT.parseResult({ ...summary, kind: 'ner' }), ProtocolError);
  assert.throws(() => INSPECT.parseResult({ ...summary, task: 'ner' }), ProtocolError, 'tasks are the registry names');
  assert.throws(() => INSPECT.parseResult({ ...summary, task: undefined }), ProtocolError);
});

test('the ready handshake is checked field by field', () => {
  assert.deepEqual(parseEngineMessage({ type: 'ready', pid: 7, versions: { node: '20' } }), {
    type: 'ready',
    pid: 7,
    versions: { node: '20' },
  });
  assert.throws(() => parseEngineMessage({ type: 'ready', pid: 7, versions: { node: 20 } }), /ready needs/);
});
