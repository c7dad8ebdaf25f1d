import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isWithin } from '../../extension/paths';

test('a path is within a folder when it is the folder or below it, not a sibling with the same prefix', () => {
  assert.equal(isWithin('/runs/a/checkpoint-1', '/runs/a'), true);
  assert.equal(isWithin('/runs/a', '/runs/a/'), true);
  assert.equal(isWithin('/runs/ab', '/runs/a'), false);
  assert.equal(isWithin('/runs', '/runs/a'), false);
  assert.equal(isWithin('bert-base-uncased', '/runs/a'), false, 'a Hub id is not a path in a run');
});
