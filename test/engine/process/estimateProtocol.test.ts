import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESTIMATE, ProtocolError, parseRequest } from '../../../extension/engine/process/protocol';

const option = {
  model: 'm',
  mode: 'full',
  seconds: 120,
  secondsPerStep: 2,
  steps: 60,
  featureSeconds: 0,
  evalSeconds: 0,
  measured: true,
  basis: 'measured 3 steps',
};

test('estimate requests are checked as train requests are', () => {
  const params = { data: 'a.csv', model: 'm', args: { num_train_epochs: 3 }, task: 'cls' };
  assert.deepEqual(parseRequest({ id: 4, type: 'estimate', params }), { id: 4, type: 'estimate', params });
  assert.throws(() => parseRequest({ id: 4, type: 'estimate' }), /estimate needs params \{data, model, args\}/);
  assert.throws(
    () => parseRequest({ id: 4, type: 'estimate', params: { ...params, columns: 'text' } }),
    /estimate: columns must be an object/,
  );
  assert.throws(
    () => parseRequest({ id: 4, type: 'estimate', params: { ...params, task: 'ner' } }),
    /estimate: task must be one of/,
  );
});

test("the engine's estimate is checked as it arrives", () => {
  const e = { full: option, frozen: { ...option, mode: 'frozen' }, smaller: null, notes: [] };
  assert.deepEqual(ESTIMATE.parseResult(e), e);
  assert.throws(() => ESTIMATE.parseResult({ ...e, full: null }), ProtocolError);
  assert.throws(() => ESTIMATE.parseResult({ ...e, full: { ...option, seconds: null } }), /estimate result is not/);
  assert.throws(() => ESTIMATE.parseResult({ ...e, notes: undefined }), ProtocolError);
});
