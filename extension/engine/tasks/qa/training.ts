/** Extractive QA data: SQuAD JSON, or rows with question, context and answer columns. */
import type { TaskTraining } from '../training';
import { setupQa } from '../../train/taskSetup';
import { looksLikeQa } from '../../data/squad';

export const qaTraining: TaskTraining = {
  detect: (file) => looksLikeQa(file),
  setup: (r) => setupQa(r.data, r.tokenizer, r.base, r.args),
};
