/**
 * Which of a task's evaluation metrics the dashboard draws as curves and the Metrics view sums a run up with, by
 * the registry's task names. A run that never said its task gets what every run got before tasks: all curves, and
 * accuracy, F1 or exact match.
 */
import type { TaskName } from '../taskName';

interface TaskMetrics {
  /** The curves of the evaluation chart (eval_loss is drawn with the training loss); null: every eval metric. */
  curves: string[] | null;
  /** The headline numbers of the run's summary, in order. */
  headline: string[];
}

export const TASK_METRICS: Record<TaskName, TaskMetrics> = {
  cls: { curves: null, headline: ['eval_accuracy', 'eval_f1'] },
  qa: { curves: null, headline: ['eval_exact_match', 'eval_f1'] },
  token: {
    curves: ['eval_f1', 'eval_precision', 'eval_recall', 'eval_accuracy'],
    headline: ['eval_f1', 'eval_accuracy'],
  },
  multilabel: {
    curves: ['eval_f1_micro', 'eval_f1_macro', 'eval_subset_accuracy', 'eval_f1_micro_tuned'],
    headline: ['eval_f1_micro', 'eval_f1_macro', 'eval_subset_accuracy'],
  },
  regression: { curves: ['eval_pearson', 'eval_spearman'], headline: ['eval_mse', 'eval_pearson', 'eval_spearman'] },
};

const UNKNOWN: TaskMetrics = { curves: null, headline: ['eval_accuracy', 'eval_f1', 'eval_exact_match'] };

export const taskMetrics = (task: TaskName | null | undefined): TaskMetrics => (task ? TASK_METRICS[task] : UNKNOWN);

/** Whether an eval metric (not the loss) is one of the task's curves. */
export const isCurve = (task: TaskName | null | undefined, metric: string): boolean => {
  const curves = taskMetrics(task).curves;
  return metric !== 'eval_loss' && (curves === null || curves.includes(metric));
};
