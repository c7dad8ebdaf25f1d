/**
 * Which editor command reads text with a model of each task, keyed by the registry's task names: a command
 * given a model of another task names the model's task and the command to use instead.
 */
import { TaskName, isTaskName } from '../engine/process/protocol';
import { modelLabel } from './results';

interface TaskUse {
  /** What a person calls a model of this task. */
  kind: string;
  /** What to use with it in the editor. */
  use: string;
}

export const TASK_USES: Record<TaskName, TaskUse> = {
  cls: { kind: 'text classification', use: 'BERT Studio: Classify Selection' },
  multilabel: { kind: 'multi-label classification', use: 'BERT Studio: Classify Selection' },
  qa: { kind: 'question answering', use: 'BERT Studio: Ask a Question about Selection' },
  token: { kind: 'token classification (named entities)', use: 'BERT Studio: Tag Entities in Selection' },
  regression: {
    kind: 'regression',
    use: '`bert-studio predict --model <folder> <file>` (no editor command shows a regression score yet)',
  },
};

/**
 * Throws unless the engine's answer came from a model of the task `command` needs; the message names the
 * model's task, what to use with it, and how to choose another model.
 */
export function requireTask(needed: TaskName, actual: string, model: string): void {
  if (actual === needed) return;
  const own = isTaskName(actual) ? TASK_USES[actual] : null;
  const kind = own ? `a ${own.kind} model (task '${actual}')` : `a model of task '${actual}'`;
  throw new Error(
    `${modelLabel(model)} is ${kind}, not ${TASK_USES[needed].kind}. ` +
      (own ? `Use ${own.use} with it, or choose` : 'Choose') +
      ` a ${TASK_USES[needed].kind} model with BERT Studio: Select Model for Inference.`,
  );
}
