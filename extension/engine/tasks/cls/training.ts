/** Single-label classification data: a text (and optionally a second text) column and a label column. */
import type { TaskTraining } from '../training';
import { setupClassification } from '../../train/taskSetup';

export const clsTraining: TaskTraining = {
  // What is left when no other task claims the data.
  detect: async () => true,
  setup: (r) => setupClassification(r.data, r.tokenizer, r.base, r.args, r.columns, r.log),
};
