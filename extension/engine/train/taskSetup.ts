/** What differs between tasks: data preparation, the head's config, and evaluation. */
import { BertConfig, withLabels } from '../bert/config';
import type { BertTokenizer } from '../tokenize/bertTokenizer';
import type { ColumnMapping } from '../../shared/data/columns';
import { readQaExamples } from '../data/squad';
import { shuffled } from '../data/split';
import { prepareClassification } from './dataset';
import { Evaluator } from './evaluate';
import { QaEvaluator } from './qaEvaluate';
import { QaFeature, qaFeatures } from './qaFeatures';
import type { TaskSetup } from '../tasks/setup';
import { classWeights } from '../tasks/classWeights';
import { collate } from '../data/batches';
import type { TrainingArguments } from './arguments';
import { Rng } from '../../shared/rng';

export type { TaskEvaluator, TaskSetup } from '../tasks/setup';

export async function setupClassification(
  data: string,
  tokenizer: BertTokenizer,
  base: BertConfig,
  a: TrainingArguments,
  columns?: Partial<ColumnMapping>,
  log?: (message: string) => void,
): Promise<TaskSetup> {
  const d = await prepareClassification(data, tokenizer, {
    log,
    columns,
    testSize: a.test_size,
    seed: a.seed,
    maxLength: a.max_length,
    validationFile: a.validation_file || undefined,
  });
  const config = { ...withLabels(base, d.labels.names), architectures: ['BertForSequenceClassification'] };
  const setup: TaskSetup = {
    task: 'cls',
    config,
    architecture: 'BertForSequenceClassification',
    train: d.train,
    validation: d.validation,
    stats: { stats: d.stats, labels: d.labels.names, mapping: d.mapping },
    notes: d.notes,
    collate: (b) => collate(b),
    classWeights: classWeights(a.class_weights, d.labels.counts, d.labels.names),
    async createEvaluator(specs, frozen, session, frozenMode) {
      const ev = frozenMode
        ? await Evaluator.forHead(
            config,
            specs.filter((s) => !frozen.has(s.name)),
            session,
          )
        : await Evaluator.create(config, specs, frozen, session);
      return {
        evaluate: (w) => ev.evaluate(setup.validation, w, a.per_device_eval_batch_size, d.labels.names),
        release: () => ev.release(),
      };
    },
  };
  return setup;
}

/** SQuAD-style data: a seeded split of questions, windows of max_length with a stride of doc_stride (128 by default). */
export async function setupQa(
  data: string,
  tokenizer: BertTokenizer,
  base: BertConfig,
  a: TrainingArguments & { doc_stride?: number },
): Promise<TaskSetup> {
  const examples = await readQaExamples(data);
  const order = shuffled(
    examples.map((_, i) => i),
    new Rng(a.seed),
  );
  const nVal = Math.max(1, Math.round(a.test_size * examples.length));
  const validation = order
    .slice(0, nVal)
    .sort((x, y) => x - y)
    .map((i) => examples[i]);
  const train = order
    .slice(nVal)
    .sort((x, y) => x - y)
    .map((i) => examples[i]);
  const stride = Math.min(a.doc_stride ?? 128, Math.floor(a.max_length / 2));
  const trainFeatures = await qaFeatures(train, tokenizer, a.max_length, stride);
  const valFeatures = await qaFeatures(validation, tokenizer, a.max_length, stride);
  const config = { ...base, architectures: ['BertForQuestionAnswering'] };
  return {
    task: 'qa',
    config,
    architecture: 'BertForQuestionAnswering',
    train: trainFeatures,
    validation: valFeatures,
    stats: { stats: null, labels: [], mapping: null },
    notes: [],
    collate: (b) => collate(b),
    async createEvaluator(specs, frozen, session, frozenMode) {
      if (frozenMode) throw new Error('frozen-encoder mode is for classification; train QA models with --mode full');
      const ev = await QaEvaluator.create(config, specs, frozen, session);
      return {
        evaluate: (w) => ev.evaluate(validation, valFeatures as QaFeature[], w, a.per_device_eval_batch_size),
        release: () => ev.release(),
      };
    },
  };
}
