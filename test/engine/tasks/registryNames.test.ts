// The shared room's task names and saved types (which the registry spreads into its tasks) are the registry's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TASKS, TASK_NAMES as REGISTRY_NAMES } from '../../../extension/engine/tasks/registry';
import { SAVED_TASK_TYPES, TASK_NAMES, TASK_TITLES } from '../../../extension/shared/tasks';

test('the host and the webviews know the same tasks as the registry, saved as the registry saves them', () => {
  assert.deepEqual([...TASK_NAMES].sort(), [...REGISTRY_NAMES].sort());
  assert.deepEqual(
    SAVED_TASK_TYPES,
    Object.values(TASKS).map((t) => ({ name: t.name, architecture: t.architecture, problemType: t.problemType })),
  );
  assert.deepEqual(Object.keys(TASK_TITLES).sort(), [...REGISTRY_NAMES].sort());
});
