/**
 * The registry's task names (extension/engine/tasks/registry.ts is a record keyed by them), here for the rooms that
 * may not import the engine: the host and the webviews dispatch on them through tables of their own.
 */
export const TASK_NAMES = ['cls', 'qa', 'token', 'multilabel', 'regression'] as const;

export type TaskName = (typeof TASK_NAMES)[number];

export const isTaskName = (x: unknown): x is TaskName => (TASK_NAMES as readonly unknown[]).includes(x);
