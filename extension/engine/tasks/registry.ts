/**
 * The task registry, like the gradient table: one entry per task, each a folder
 * beside this file. Adding a task is adding its folder and one line here.
 */
import type { BertConfig } from '../bert/config';
import type { TaskDefinition, TaskName } from './task';
import { cls } from './cls';
import { qa } from './qa';
import { token } from './token';
import { multilabel } from './multilabel';
import { regression } from './regression';
import { taskOfSaved } from '../../shared/tasks';

export const TASKS: Record<TaskName, TaskDefinition> = { cls, qa, token, multilabel, regression };

export const TASK_NAMES = Object.keys(TASKS) as TaskName[];

export function isTaskName(name: unknown): name is TaskName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(TASKS, name);
}

/** A task by its name, with the list of names when it is not one. */
export function taskNamed(name: string, where = 'task'): TaskDefinition {
  if (!isTaskName(name)) throw new Error(`${where}: unknown task '${name}' (tasks: ${TASK_NAMES.join(', ')})`);
  return TASKS[name];
}

/** The task a saved config was trained for (shared/tasks.ts taskOfSaved), null for a base model. */
export function taskOfConfig(c: BertConfig): TaskDefinition | null {
  return taskOfSaved(Object.values(TASKS), c.architectures[0] ?? '', c.problemType, c.id2label.length);
}
