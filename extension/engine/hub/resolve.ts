/**
 * A model reference → a local folder: an existing folder as it is; a repo id from
 * the Hugging Face cache when a complete snapshot is there (no network at all);
 * else downloaded from the Hub into that cache. Only what BERT Studio needs is
 * fetched: config, tokenizer files and safetensors weights.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubEnv, RepoCache, hubEnv } from './cache';
import { NotFoundError, downloadFile, fileMeta, FileRequest } from './download';
import { validateRepoId } from './repoId';

export interface ResolveOptions extends Partial<HubEnv> {
  revision?: string;
  onProgress?: (e: { file: string; bytes: number; total: number }) => void;
  signal?: AbortSignal;
}

export interface ResolvedModel {
  folder: string;
  repoId?: string;
  commit?: string;
  /** The safetensors files holding the weights. */
  weights: string[];
}

const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'vocab.txt', 'special_tokens_map.json'];
const PICKLED = ['pytorch_model.bin', 'tf_model.h5', 'flax_model.msgpack'];

function pickleError(where: string, file: string): Error {
  return new Error(`${where} has only ${file}: BERT Studio never loads pickled or framework-specific weights, because unpickling can run ` +
    `arbitrary code. Convert once with Python — AutoModel.from_pretrained(...).save_pretrained(OUT, safe_serialization=True) — ` +
    `or use the Hub's safetensors conversion, then use the converted model.`);
}

/** The safetensors files of a folder (single or sharded), or a clear error. */
export function weightFiles(folder: string): string[] {
  const single = path.join(folder, 'model.safetensors');
  if (fs.existsSync(single)) return [single];
  const index = path.join(folder, 'model.safetensors.index.json');
  if (fs.existsSync(index)) {
    const map = (JSON.parse(fs.readFileSync(index, 'utf8')) as { weight_map?: Record<string, string> }).weight_map ?? {};
    return [...new Set(Object.values(map))].map((f) => path.join(folder, f));
  }
  const pickled = PICKLED.find((f) => fs.existsSync(path.join(folder, f)));
  if (pickled) throw pickleError(folder, pickled);
  throw new Error(`${folder} has no model.safetensors or model.safetensors.index.json`);
}

function completeSnapshot(folder: string): boolean {
  if (!fs.existsSync(path.join(folder, 'config.json'))) return false;
  if (!['vocab.txt', 'tokenizer.json'].some((f) => fs.existsSync(path.join(folder, f)))) return false;
  try {
    return weightFiles(folder).every((f) => fs.existsSync(f));
  } catch {
    return false;
  }
}

export async function resolveModel(ref: string, opts: ResolveOptions = {}): Promise<ResolvedModel> {
  if (fs.existsSync(ref) && fs.statSync(ref).isDirectory()) return { folder: path.resolve(ref), weights: weightFiles(ref) };
  const repoId = validateRepoId(ref);
  const env = { ...hubEnv(), ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as HubEnv & ResolveOptions;
  const revision = opts.revision ?? 'main';
  const cache = new RepoCache(env.cacheDir, repoId);
  const cached = cache.commitFor(revision);
  if (cached && completeSnapshot(cache.snapshot(cached))) {
    return { folder: cache.snapshot(cached), repoId, commit: cached, weights: weightFiles(cache.snapshot(cached)) };
  }
  if (env.offline) throw new Error(`${repoId}@${revision} is not in the Hugging Face cache (${env.cacheDir}) and HF_HUB_OFFLINE is set`);
  const req = (file: string): FileRequest => ({ endpoint: env.endpoint, repoId, revision, file, token: env.token, cache, onProgress: opts.onProgress, signal: opts.signal });
  const optional = async (file: string) => {
    try {
      return await downloadFile(req(file));
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  };
  const config = await downloadFile(req('config.json')).catch((e: NodeJS.ErrnoException) => {
    if (['ENOTFOUND', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNRESET'].includes(e.code ?? '')) {
      throw new Error(`cannot reach the Hugging Face Hub at ${env.endpoint} (${e.code}) to download ${repoId}, and it is not in the cache (${env.cacheDir}). ` +
        'Use a local model folder, download it where there is network, or set HF_ENDPOINT to a mirror.');
    }
    throw e;
  });
  for (const f of TOKENIZER_FILES) await optional(f);
  const folder = path.dirname(config);
  if (!(await optional('model.safetensors'))) {
    const index = await optional('model.safetensors.index.json');
    if (!index) {
      for (const f of PICKLED) {
        const found = await fileMeta(req(f)).then(() => true, (e) => (e instanceof NotFoundError ? false : Promise.reject(e)));
        if (found) throw pickleError(`${repoId}@${revision}`, f);
      }
      throw new Error(`${repoId}@${revision} has no model.safetensors`);
    }
    for (const shard of weightFiles(folder)) {
      const name = path.basename(shard);
      if (name !== path.relative(folder, shard)) throw new Error(`${repoId}: shard ${name} is not a plain file name`);
      await downloadFile(req(name));
    }
  }
  const commit = cache.commitFor(revision) ?? path.basename(folder);
  return { folder, repoId, commit, weights: weightFiles(folder) };
}
