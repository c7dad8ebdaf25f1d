/**
 * Saves a model as a Hugging Face folder (config.json + model.safetensors with
 * Transformers' names), loadable by from_pretrained unchanged. Files are written
 * to a temp folder and renamed into place, so a crash never leaves a folder that
 * looks saved but is not.
 */
import type { HostTensor } from '../tensor';
import { BertConfig, bertConfigToJson } from './config';
import type { Task } from './params';
import { writeSafetensors } from './safetensors';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic, writeFolderAtomically } from '../../shared/atomicWrite';
import { TASKS } from '../tasks/registry';

export const architectureOf = (task: Task): string => (task === 'base' ? 'BertModel' : TASKS[task].architecture);

/** config.json for the task: its architecture and problem_type (a config's own problem_type gives way to the task's). */
export function configForTask(c: BertConfig, task: Task): Record<string, unknown> {
  const problemType = task === 'base' ? c.problemType : TASKS[task].problemType;
  return bertConfigToJson({ ...c, architectures: [architectureOf(task)], problemType });
}

/** The model files of a Hugging Face folder; tokenizer files are added by the caller. */
export function modelFiles(
  c: BertConfig,
  task: Task,
  params: Map<string, HostTensor>,
): Record<string, string | ((file: string) => void)> {
  return {
    'config.json': JSON.stringify(configForTask(c, task), null, 2) + '\n',
    // transformers refuses safetensors without a "format" entry in the metadata.
    'model.safetensors': (file: string) => writeSafetensors(file, params, { format: 'pt' }),
  };
}

export function saveModel(
  folder: string,
  c: BertConfig,
  task: Task,
  params: Map<string, HostTensor>,
  extra: Record<string, string | Uint8Array> = {},
): void {
  writeFolderAtomically(folder, { ...modelFiles(c, task, params), ...extra });
}

/**
 * The same files written into `folder` beside what it holds (a run folder keeps its checkpoints and logs),
 * each through a temp name and a rename.
 */
export function saveModelInto(
  folder: string,
  c: BertConfig,
  task: Task,
  params: Map<string, HostTensor>,
  extra: Record<string, string | Uint8Array> = {},
): void {
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, content] of Object.entries({ ...modelFiles(c, task, params), ...extra })) {
    const file = path.join(folder, name);
    if (typeof content === 'function') content(file);
    else writeFileAtomic(file, content);
  }
}
