/** What differs between tasks: data preparation, the head's config, and evaluation. */
import type { HostTensor } from '../tensor';
import { BertConfig, withLabels } from '../bert/config';
import type { ParamSpec } from '../bert/params';
import type { BertTokenizer } from '../tokenize/bertTokenizer';
import type { SessionOptions } from '../runtime/ort';
import type { Example } from '../data/batches';
import type { ColumnMapping } from '../../shared/data/columns';
import { readQaExamples } from '../data/squad';
import { shuffled } from '../data/split';
import { prepareClassification } from './dataset';
import { Evaluator } from './evaluate';
import { QaEvaluator } from './qaEvaluate';
import { QaFeature, qaFeatures } from './qaFeatures';
import type { TrainingArguments } from './arguments';
import { Rng } from '../../shared/rng';
import { DataStats, type ClassificationMetrics } from '../../shared/runs/trainEvent';

export interface TaskEvaluator {
  evaluate(
    weights: Map<string, HostTensor>,
  ): Promise<{ metrics: Record<string, number>; detail?: ClassificationMetrics }>;
  release(): Promise<void>;
}

export interface TaskSetup {
  task: 'cls' | 'qa';
  config: BertConfig;
  architecture: string;
  train: Example[];
  validation: Example[];
  stats: { stats: DataStats | null; labels: string[]; mapping: ColumnMapping | null };
  /** Warnings about the data that still trains (logged before training starts). */
  notes: string[];
  createEvaluator(
    specs: ParamSpec[],
    frozen: Map<string, HostTensor>,
    session: SessionOptions,
    frozenMode: boolean,
  ): Promise<TaskEvaluator>;
}

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
