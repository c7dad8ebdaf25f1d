/** Single-label classification of a text or a text pair: BertForSequenceClassification with cross-entropy. */
import type { TaskDefinition } from '../task';
import { SAVED_AS } from '../../../shared/tasks';
import { crossEntropy } from '../losses';
import { sequenceHeadParams, sequenceLogits } from '../sequenceHead';

export const cls: TaskDefinition = {
  name: 'cls',
  ...SAVED_AS.cls,
  pooler: true,
  scores: 'softmax',
  headParams: (c) => sequenceHeadParams(c),
  targets: [{ name: 'labels', dtype: 'int64', dims: ['B'] }],
  head(ctx, targets) {
    const logits = sequenceLogits(ctx);
    const loss = targets ? crossEntropy(ctx.g, logits, targets.labels, undefined, ctx.classWeights) : null;
    return { outputs: { logits }, loss };
  },
};
