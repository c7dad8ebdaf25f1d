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

/** What config.json says about a task: Transformers' class and problem_type. */
export interface SavedTaskType {
  name: TaskName;
  architecture: string;
  problemType: string | null;
}

/** How each task is saved in config.json: the one place these strings live (the registry's tasks spread them in). */
export const SAVED_AS: Record<TaskName, Omit<SavedTaskType, 'name'>> = {
  cls: { architecture: 'BertForSequenceClassification', problemType: 'single_label_classification' },
  qa: { architecture: 'BertForQuestionAnswering', problemType: null },
  token: { architecture: 'BertForTokenClassification', problemType: null },
  multilabel: { architecture: 'BertForSequenceClassification', problemType: 'multi_label_classification' },
  regression: { architecture: 'BertForSequenceClassification', problemType: 'regression' },
};

/** The tasks as config.json shows them, for the host (which may not load the registry). */
export const SAVED_TASK_TYPES: SavedTaskType[] = TASK_NAMES.map((name) => ({ name, ...SAVED_AS[name] }));

/**
 * The task a saved config was trained for: its architecture, then its problem_type
 * (as Transformers decides: num_labels 1 without one is regression). null for a base model.
 */
export function taskOfSaved<T extends SavedTaskType>(
  tasks: T[],
  architecture: string,
  problemType: string | null,
  numLabels: number,
): T | null {
  const candidates = tasks.filter((t) => architecture.endsWith(t.architecture.replace(/^Bert/, '')));
  if (!candidates.length) return null;
  const problem =
    problemType ?? (architecture.endsWith('ForSequenceClassification') && numLabels === 1 ? 'regression' : null);
  return candidates.find((t) => t.problemType === problem) ?? candidates[0];
}
