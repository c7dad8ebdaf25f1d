/**
 * Saves a model as a Hugging Face folder (config.json + model.safetensors with
 * Transformers' names), loadable by from_pretrained unchanged. Files are written
 * to a temp folder and renamed into place, so a crash never leaves a folder that
 * looks saved but is not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostTensor } from '../tensor';
import { BertConfig, bertConfigToJson } from './config';
import type { Task } from './params';
import { writeSafetensors } from './safetensors';

export const ARCHITECTURE: Record<Task, string> = {
  base: 'BertModel',
  cls: 'BertForSequenceClassification',
  qa: 'BertForQuestionAnswering',
};

export function configForTask(c: BertConfig, task: Task): Record<string, unknown> {
  const json = bertConfigToJson({ ...c, architectures: [ARCHITECTURE[task]] });
  if (task === 'cls') json.problem_type = 'single_label_classification';
  return json;
}

/** One file through a temp name and a rename. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Writes `files` (name → bytes or a writer) into `folder`, replacing it whole only once everything is written. */
export function writeFolderAtomically(
  folder: string,
  files: Record<string, string | Uint8Array | ((file: string) => void)>,
): void {
  const parent = path.dirname(path.resolve(folder));
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(folder)}.tmp-`));
  try {
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(tmp, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if (typeof content === 'function') content(file);
      else fs.writeFileSync(file, content);
    }
    const old = fs.existsSync(folder) ? `${tmp}.old` : null;
    if (old) fs.renameSync(folder, old);
    fs.renameSync(tmp, folder);
    if (old) fs.rmSync(old, { recursive: true, force: true });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
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
