/**
 * What each task asks of the setup page: its title, which fields it shows, and
 * what its label column holds. One table keyed by the registry's names, read by
 * the page (which fields to draw), by formErrors and by the form → TrainParams mapping.
 */
import { TASK_NAMES, TASK_TITLES, type TaskName } from '../tasks';

export interface TaskFields {
  /** The text (and optional second text) column choosers: table tasks. QA and tagged sentences have fixed fields. */
  columns: boolean;
  /** The label column: needed, optional (multi-label without one reads a 0/1 column per label), or not asked. */
  label: 'required' | 'optional' | null;
  /** What the label column's note says it holds. */
  labelHint: string;
  /** Class-weighted cross-entropy: single-label and token classification. */
  classWeights: boolean;
  /** Frozen-encoder mode (head only): sequence classification's pooled features. */
  frozen: boolean;
  /** Whether the labeler labels this data, so the page may offer "Label First…" (not SQuAD files). */
  labeler: boolean;
  /** What the data facts count: rows, the classes counted in them ('' when there are none to count), and what a class count counts. */
  nouns: { rows: string; labels: string; counted: string };
  /** What the page says of data whose fields are fixed (no column choosers). */
  fixed?: string;
}

export const TASK_FIELDS: Record<TaskName, TaskFields> = {
  cls: {
    columns: true,
    label: 'required',
    labelHint: 'one class per row',
    classWeights: true,
    frozen: true,
    labeler: true,
    nouns: { rows: 'rows', labels: 'labels', counted: 'rows' },
  },
  qa: {
    columns: false,
    label: null,
    labelHint: '',
    classWeights: false,
    frozen: false,
    labeler: false,
    nouns: { rows: 'questions', labels: '', counted: 'questions' },
    fixed: 'SQuAD fields: each question, its context and its answers.',
  },
  token: {
    columns: false,
    label: null,
    labelHint: '',
    classWeights: true,
    frozen: false,
    labeler: true,
    nouns: { rows: 'sentences', labels: 'tags', counted: 'words' },
    fixed: 'Tagged sentences: each word’s tag (CoNLL, tokens + ner_tags) or labelled character spans (text + spans).',
  },
  multilabel: {
    columns: true,
    label: 'optional',
    labelHint: 'labels joined by | or ;, or a JSON list; (none): a 0/1 column per label',
    classWeights: false,
    frozen: false,
    labeler: true,
    nouns: { rows: 'rows', labels: 'labels', counted: 'rows' },
  },
  regression: {
    columns: true,
    label: 'required',
    labelHint: 'a number per row',
    classWeights: false,
    frozen: false,
    labeler: true,
    nouns: { rows: 'rows', labels: '', counted: 'rows' },
  },
};

/** The task <select>'s options: values are the registry's names. */
export const TASK_OPTIONS: [TaskName, string][] = TASK_NAMES.map((t) => [t, TASK_TITLES[t]]);

/** The setup page's task before the registry's names (a form saved in an older page's state). */
export function upgradeTask(task: unknown): unknown {
  return task === 'classification' || task === 'pair' ? 'cls' : task;
}
