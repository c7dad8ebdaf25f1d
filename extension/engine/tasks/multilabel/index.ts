/**
 * Multi-label classification: BertForSequenceClassification with problem_type
 * multi_label_classification, a sigmoid per label and BCE-with-logits averaged over
 * every (row, label), as Transformers computes it.
 */
import type { TaskDefinition } from '../task';
import { SAVED_AS } from '../../../shared/tasks';
import { bceWithLogits } from '../losses';
import { sequenceHeadParams, sequenceLogits } from '../sequenceHead';

export const multilabel: TaskDefinition = {
  name: 'multilabel',
  ...SAVED_AS.multilabel,
  pooler: true,
  scores: 'sigmoid',
  headParams: (c) => sequenceHeadParams(c),
  targets: [{ name: 'labels', dtype: 'float32', dims: ['B', 'L'] }],
  head(ctx, targets) {
    const logits = sequenceLogits(ctx);
    return { outputs: { logits }, loss: targets ? bceWithLogits(ctx.g, logits, targets.labels) : null };
  },
};
