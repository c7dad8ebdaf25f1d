/** Any model reference → config, tokenizer and weights, checked against each other. */
import * as path from 'node:path';
import { ResolveOptions, resolveModel } from '../hub/resolve';
import { BertTokenizer } from '../tokenize/bertTokenizer';
import { BertConfig, loadBertConfig } from './config';
import { Task } from './params';
import { architectureOf } from './save';
import { taskOfConfig } from '../tasks/registry';
import { LoadedWeights, initNotice, loadWeights } from './weights';

export interface LoadedModel {
  folder: string;
  config: BertConfig;
  tokenizer: BertTokenizer;
  weights: LoadedWeights;
  task: Task;
  /** Transformers-style notice about heads created from scratch, if any. */
  notice: string | null;
}

/** The task a saved model was trained for, from its architectures and problem_type. */
export function taskOf(config: BertConfig): Task {
  return taskOfConfig(config)?.name ?? 'base';
}

/** The tokenizer (and config) of a model: only those files are needed, or fetched, unless `need: 'model'`. */
export async function loadTokenizer(
  ref: string,
  opts: ResolveOptions = {},
): Promise<{ tokenizer: BertTokenizer; config: BertConfig; folder: string }> {
  const { folder } = await resolveModel(ref, { need: 'tokenizer', ...opts });
  const config = loadBertConfig(path.join(folder, 'config.json'));
  const tokenizer = BertTokenizer.load(folder, {
    maxPositions: config.maxPositionEmbeddings,
    vocabSize: config.vocabSize,
  });
  return { tokenizer, config, folder };
}

export async function loadModel(
  ref: string,
  task?: Task,
  opts: ResolveOptions & { seed?: number; ignoreMismatchedHeads?: boolean } = {},
): Promise<LoadedModel> {
  const { tokenizer, config, folder } = await loadTokenizer(ref, { ...opts, need: 'model' });
  const t = task ?? taskOf(config);
  const weights = loadWeights(folder, config, t, opts);
  return { folder, config, tokenizer, weights, task: t, notice: initNotice(weights, architectureOf(t), ref) };
}
