import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TASK_USES, requireTask } from '../../../extension/inference/taskCommands';
import { TASK_NAMES } from '../../../extension/engine/process/protocol';

test('every task of the registry says what a model of it is and what to use it with', () => {
  assert.deepEqual(Object.keys(TASK_USES).sort(), [...TASK_NAMES].sort());
});

test("a model of another task: the error names the model's task and the command to use instead", () => {
  assert.doesNotThrow(() => requireTask('token', 'token', '/runs/ner'));
  assert.throws(
    () => requireTask('token', 'cls', '/runs/sentiment'),
    /^Error: sentiment is a text classification model \(task 'cls'\), not token classification \(named entities\)\. Use BERT Studio: Classify Selection with it, or choose a token classification \(named entities\) model with BERT Studio: Select Model for Inference\.$/,
  );
  assert.throws(
    () => requireTask('token', 'qa', 'squad'),
    /task 'qa'.*Use BERT Studio: Ask a Question about Selection/,
  );
  assert.throws(() => requireTask('token', 'mystery', 'm'), /m is a model of task 'mystery'.*Choose a token/);
});
