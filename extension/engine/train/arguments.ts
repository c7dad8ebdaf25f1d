/** Trainer arguments with Hugging Face TrainingArguments' names and defaults, plus BERT Studio's own. */
import type { SchedulerType } from './schedule';
import { PROVIDER_CHOICES, ProviderChoice } from '../runtime/providers';

export interface TrainingArguments {
  output_dir: string;
  /** Replace the run already in output_dir (its checkpoints and results are removed first). */
  overwrite_output_dir: boolean;
  learning_rate: number;
  num_train_epochs: number;
  per_device_train_batch_size: number;
  per_device_eval_batch_size: number;
  warmup_steps: number;
  warmup_ratio: number;
  weight_decay: number;
  max_grad_norm: number;
  gradient_accumulation_steps: number;
  lr_scheduler_type: SchedulerType;
  seed: number;
  eval_strategy: 'no' | 'steps' | 'epoch';
  eval_steps: number;
  save_strategy: 'no' | 'steps' | 'epoch';
  save_steps: number;
  save_total_limit: number;
  load_best_model_at_end: boolean;
  metric_for_best_model: string;
  early_stopping_patience: number;
  max_steps: number;
  logging_steps: number;
  // BERT Studio's own
  mode: 'full' | 'frozen';
  max_length: number;
  execution_provider: ProviderChoice;
  threads: number;
  test_size: number;
  /** QA: tokens shared by consecutive windows of a long context (run_qa's doc_stride). */
  doc_stride: number;
  /** Batches of similar lengths (less padding), like Transformers' LengthGroupedSampler. */
  group_by_length: boolean;
  /** A separate validation file instead of a split of the training data. */
  validation_file: string;
  /** Also write the final model as onnx/model.onnx in the output folder. */
  export_onnx: boolean;
  /** Single-label and token classification: 'none', 'balanced' (n / (k · count), as scikit-learn) or 'w1,w2,…'. */
  class_weights: string;
  /** Token classification: tag every word piece (later ones with the I- tag), not only each word's first. */
  label_all_tokens: boolean;
  /** Token classification: tag names in id order, for data whose tags are ids. */
  label_names: string;
}

export const DEFAULT_ARGUMENTS: TrainingArguments = {
  output_dir: '',
  overwrite_output_dir: false,
  learning_rate: 5e-5,
  num_train_epochs: 3,
  per_device_train_batch_size: 8,
  per_device_eval_batch_size: 8,
  warmup_steps: 0,
  warmup_ratio: 0,
  weight_decay: 0,
  max_grad_norm: 1,
  gradient_accumulation_steps: 1,
  lr_scheduler_type: 'linear',
  seed: 42,
  eval_strategy: 'epoch',
  eval_steps: 0,
  save_strategy: 'epoch',
  save_steps: 500,
  save_total_limit: 0,
  load_best_model_at_end: false,
  metric_for_best_model: 'loss',
  early_stopping_patience: 0,
  max_steps: -1,
  logging_steps: 10,
  mode: 'full',
  max_length: 128,
  execution_provider: 'auto',
  threads: 0,
  test_size: 0.2,
  doc_stride: 128,
  group_by_length: false,
  validation_file: '',
  export_onnx: false,
  class_weights: 'none',
  label_all_tokens: false,
  label_names: '',
};

const CHOICES: Partial<Record<keyof TrainingArguments, string[]>> = {
  eval_strategy: ['no', 'steps', 'epoch'],
  save_strategy: ['no', 'steps', 'epoch'],
  mode: ['full', 'frozen'],
  lr_scheduler_type: ['linear', 'constant', 'constant_with_warmup', 'cosine'],
  execution_provider: PROVIDER_CHOICES,
};

export function checkArguments(a: TrainingArguments): TrainingArguments {
  for (const [k, allowed] of Object.entries(CHOICES)) {
    const v = a[k as keyof TrainingArguments] as string;
    if (!allowed!.includes(v)) throw new Error(`--${k} must be one of ${allowed!.join(', ')}, got ${v}`);
  }
  const positive: (keyof TrainingArguments)[] = [
    'per_device_train_batch_size',
    'per_device_eval_batch_size',
    'gradient_accumulation_steps',
    'max_length',
  ];
  for (const k of positive)
    if (!(Number(a[k]) >= 1) || !Number.isInteger(a[k]))
      throw new Error(`--${k} must be a positive integer, got ${a[k]}`);
  if (!(a.learning_rate > 0)) throw new Error(`--learning_rate must be positive, got ${a.learning_rate}`);
  if (!(a.max_steps > 0) && !(a.num_train_epochs > 0))
    throw new Error(`--num_train_epochs must be more than 0 (or give --max_steps), got ${a.num_train_epochs}`);
  if (!Number.isInteger(a.max_steps) || (a.max_steps < 1 && a.max_steps !== -1 && a.max_steps !== 0))
    throw new Error(`--max_steps must be a positive integer (or -1 to use --num_train_epochs), got ${a.max_steps}`);
  const atLeast = (k: keyof TrainingArguments, min: number, integer: boolean) => {
    const v = a[k] as number;
    if (!(v >= min) || (integer && !Number.isInteger(v)))
      throw new Error(`--${k} must be ${integer ? 'an integer ' : ''}of at least ${min}, got ${v}`);
  };
  atLeast('warmup_steps', 0, true);
  atLeast('weight_decay', 0, false);
  atLeast('max_grad_norm', 0, false);
  atLeast('save_total_limit', 0, true);
  atLeast('early_stopping_patience', 0, true);
  atLeast('threads', 0, true);
  atLeast('logging_steps', 1, true);
  atLeast('doc_stride', 1, true);
  if (!Number.isInteger(a.seed)) throw new Error(`--seed must be an integer, got ${a.seed}`);
  if (!(a.warmup_ratio >= 0 && a.warmup_ratio < 1))
    throw new Error(`--warmup_ratio must be at least 0 and less than 1, got ${a.warmup_ratio}`);
  if (!(a.test_size > 0 && a.test_size < 1))
    throw new Error(`--test_size must be more than 0 and less than 1, got ${a.test_size}`);
  if (a.save_strategy === 'steps' && !(a.save_steps >= 1 && Number.isInteger(a.save_steps)))
    throw new Error(`--save_strategy steps needs --save_steps of at least 1, got ${a.save_steps}`);
  if (!a.output_dir) throw new Error('--output_dir (or --output) is required');
  if (a.eval_strategy === 'steps' && !(a.eval_steps >= 1 && Number.isInteger(a.eval_steps)))
    throw new Error(`--eval_strategy steps needs --eval_steps of at least 1, got ${a.eval_steps}`);
  if (a.load_best_model_at_end && a.eval_strategy === 'no')
    throw new Error('--load_best_model_at_end needs an eval_strategy');
  return a;
}
