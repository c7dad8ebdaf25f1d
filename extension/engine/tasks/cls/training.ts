/** Single-label classification data: a text (and optionally a second text) column and a label column. */
import type { TaskTraining } from '../training';
import { setupClassification } from '../../train/taskSetup';
import { Classifier } from '../../infer/classify';

export const clsTraining: TaskTraining = {
  // What is left when no other task claims the data.
  detect: async () => true,
  setup: (r) => setupClassification(r.data, r.tokenizer, r.base, r.args, r.columns, r.log),
  async openPredictor(ref) {
    const c = await Classifier.load(ref);
    return {
      predict: async (texts, pairs) =>
        (await c.classify(texts, pairs)).map((scores) => ({
          json: scores,
          line: scores.map((s) => `${s.label}\t${s.score.toFixed(4)}`).join('\n'),
        })),
      release: () => c.release(),
    };
  },
};
