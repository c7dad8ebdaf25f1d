/** Regression: BertForSequenceClassification with num_labels 1 (problem_type regression) and mean squared error. */
import type { TaskDefinition } from '../task';
import { SAVED_AS } from '../../../shared/tasks';
import { meanSquaredError } from '../losses';
import { sequenceHeadParams, sequenceLogits } from '../sequenceHead';

export const regression: TaskDefinition = {
  name: 'regression',
  ...SAVED_AS.regression,
  pooler: true,
  headParams: (c) => sequenceHeadParams(c, 1),
  targets: [{ name: 'labels', dtype: 'float32', dims: ['B'] }],
  head(ctx, targets) {
    const logits = sequenceLogits(ctx);
    if (!targets) return { outputs: { logits }, loss: null };
    // logits.squeeze() against labels.squeeze(), as Transformers: [B, 1] → [B].
    const predicted = ctx.g.reshape(logits, [-1], ['B']);
    return { outputs: { logits }, loss: meanSquaredError(ctx.g, predicted, targets.labels) };
  },
};
