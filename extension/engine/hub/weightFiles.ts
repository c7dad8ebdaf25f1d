/**
 * Which files hold a model's weights: safetensors only, single or sharded. Pickled
 * checkpoints are refused by name, never opened.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Weight formats that are never loaded: pickles (and the framework formats beside them). */
export const PICKLED = ['pytorch_model.bin', 'tf_model.h5', 'flax_model.msgpack'];

/** `where` names the repo or folder; `name` is what from_pretrained takes for it. */
export function pickleError(where: string, file: string, name = where): Error {
  return new Error(
    `${where} has only ${file}: BERT Studio never loads pickled or framework-specific weights, because unpickling can run ` +
      `arbitrary code on this machine. Convert the model to safetensors once, with Python:\n` +
      `  python -c "from transformers import AutoModel; AutoModel.from_pretrained('${name}').save_pretrained('out', safe_serialization=True)"\n` +
      `(use the AutoModelFor… class of its task to keep its head), or open a conversion pull request with the Hub's safetensors convert space; ` +
      `then use the converted model.`,
  );
}

/** Shard names from model.safetensors.index.json, each a plain file name beside the index. */
export function shardNames(indexFile: string): string[] {
  let map: unknown;
  try {
    map = (JSON.parse(fs.readFileSync(indexFile, 'utf8')) as { weight_map?: unknown }).weight_map;
  } catch (e) {
    throw new Error(`${indexFile}: not valid JSON (${(e as Error).message})`);
  }
  if (!map || typeof map !== 'object') throw new Error(`${indexFile} has no weight_map`);
  const names = [...new Set(Object.values(map as Record<string, unknown>))];
  for (const n of names) {
    if (
      typeof n !== 'string' ||
      n !== path.basename(n) ||
      n.includes('\\') ||
      n.startsWith('.') ||
      !n.endsWith('.safetensors')
    ) {
      throw new Error(`${indexFile}: shard ${JSON.stringify(n)} is not a plain .safetensors file name`);
    }
  }
  return names as string[];
}

/** The safetensors files of a folder (single or sharded), or a clear error. */
export function weightFiles(folder: string): string[] {
  const single = path.join(folder, 'model.safetensors');
  if (fs.existsSync(single)) {
    if (fs.statSync(single).isDirectory()) throw new Error(`${single} is a folder, not a safetensors file`);
    return [single];
  }
  const index = path.join(folder, 'model.safetensors.index.json');
  if (fs.existsSync(index)) return shardNames(index).map((f) => path.join(folder, f));
  const pickled = PICKLED.find((f) => fs.existsSync(path.join(folder, f)));
  if (pickled) throw pickleError(folder, pickled);
  throw new Error(`${folder} has no model.safetensors or model.safetensors.index.json`);
}
