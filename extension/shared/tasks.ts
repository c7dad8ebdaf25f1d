/**
 * What a person reads for each of the registry's tasks (names in taskName.ts), and how a
 * saved config.json tells its task: here in the shared room so the host and the webviews,
 * which may not import the engine, know them.
 */
import { TASK_NAMES, isTaskName, type TaskName } from './taskName';

export { TASK_NAMES, isTaskName, type TaskName };

/** The task's title on the setup page. */
export const TASK_TITLES: Record<TaskName, string> = {
  cls: 'Text classification',
  qa: 'Question answering (SQuAD)',
  token: 'Named entities (token classification)',
  multilabel: 'Multi-label classification',
  regression: 'Regression (a number per text)',
};

/** The task in a few words, beside a run's name (the Runs view, Select Model). */
export const TASK_SHORT: Record<TaskName, string> = {
  cls: 'classification',
  qa: 'question answering',
  token: 'named entities',
  multilabel: 'multi-label',
  regression: 'regression',
};
