/**
 * From the setup page's form to a training request, and the form a file starts
 * with: the mapping the person saved for it (shared with the labeler and the
 * Datasets view), else what the engine detected; Trainer's defaults. No VS Code import.
 */
import * as path from 'node:path';
import {
  type TrainParams,
  type DatasetSummary,
  type ProviderChoice,
  type ColumnMapping,
  DEFAULT_ARGUMENTS,
} from '../engine/process/protocol';
import type { DatasetRecord } from '../datasets/datasetRecords';
import { SetupForm, formErrors } from '../shared/protocol/setup';
import { TASK_FIELDS } from '../shared/protocol/setupTasks';

export function initialForm(record: DatasetRecord, summary: DatasetSummary | null, model: string): SetupForm {
  const detected = summary?.mapping;
  const text = record.mapping?.text ?? detected?.text ?? summary?.columns[0] ?? '';
  const textPair = record.mapping?.textPair !== undefined ? record.mapping.textPair : (detected?.textPair ?? null);
  const label = record.mapping?.label !== undefined ? record.mapping.label : (detected?.label ?? null);
  const task = record.task ?? summary?.task ?? 'cls';
  const a = DEFAULT_ARGUMENTS;
  return {
    model,
    task,
    mode: a.mode,
    text,
    textPair,
    label,
    epochs: a.num_train_epochs,
    learningRate: a.learning_rate,
    batchSize: a.per_device_train_batch_size,
    maxLength: a.max_length,
    warmupRatio: a.warmup_ratio,
    weightDecay: a.weight_decay,
    seed: a.seed,
    evalStrategy: 'epoch',
    classWeights: 'none',
  };
}

/** A run folder name from the data file and the time: "reviews-2026-11-23T00-33-00". */
export function runName(file: string, now = new Date()): string {
  return `${path.basename(file, path.extname(file))}-${now.toISOString().slice(0, 19).replace(/:/g, '-')}`;
}

/** The columns a task's run is given: the chosen ones for table tasks; none where the data's fields are fixed. */
export function formColumns(form: SetupForm): ColumnMapping | undefined {
  return TASK_FIELDS[form.task].columns ? { text: form.text, textPair: form.textPair, label: form.label } : undefined;
}

export function trainParams(
  form: SetupForm,
  file: string,
  outputDir: string,
  runtime: { executionProvider: ProviderChoice; threads: number },
): TrainParams {
  const errors = Object.entries(formErrors(form));
  if (errors.length) throw new Error(errors.map(([k, v]) => `${k}: ${v}`).join('; '));
  return {
    data: file,
    model: form.model.trim(),
    task: form.task,
    columns: formColumns(form),
    args: {
      ...DEFAULT_ARGUMENTS,
      output_dir: outputDir,
      mode: TASK_FIELDS[form.task].frozen ? form.mode : 'full',
      num_train_epochs: form.epochs,
      learning_rate: form.learningRate,
      per_device_train_batch_size: form.batchSize,
      per_device_eval_batch_size: form.batchSize,
      max_length: form.maxLength,
      warmup_ratio: form.warmupRatio,
      weight_decay: form.weightDecay,
      seed: form.seed,
      eval_strategy: form.evalStrategy,
      save_strategy: form.evalStrategy === 'no' ? 'no' : 'epoch',
      execution_provider: runtime.executionProvider,
      threads: runtime.threads,
      class_weights: TASK_FIELDS[form.task].classWeights ? form.classWeights : 'none',
    },
  };
}
