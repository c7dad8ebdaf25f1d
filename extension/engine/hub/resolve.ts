/**
 * A model reference → a local folder: an existing folder as it is; a repo id from
 * the Hugging Face cache when a complete snapshot is there (no network at all);
 * else downloaded from the Hub into that cache. Only what BERT Studio needs is
 * fetched: config, tokenizer files and safetensors weights.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HubEnv, RepoCache, hubEnv } from './cache';
import { NotFoundError, ProgressEvent, downloadFile, fileMeta, FileRequest } from './download';
import { validateRepoId, validateRevision } from './repoId';
import { PICKLED, pickleError, shardNames, weightFiles } from './weightFiles';
import { unusableFile, unusableFiles } from './snapshotCheck';

export { weightFiles, pickleError } from './weightFiles';

export interface ResolveOptions extends Partial<HubEnv> {
  /** Branch, tag or commit hash; 'main' by default. */
  revision?: string;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  /** 'tokenizer': only config.json and the tokenizer files, as AutoTokenizer fetches (no weights). */
  need?: 'model' | 'tokenizer';
}

export interface ResolvedModel {
  folder: string;
  repoId?: string;
  commit?: string;
  /** The safetensors files holding the weights ([] when only the tokenizer was asked for). */
  weights: string[];
}

const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'vocab.txt', 'special_tokens_map.json'];
const UNREACHABLE = [
  'ENOTFOUND',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
];

/** What a snapshot lacks for BERT Studio to use it ([] when complete). */
function snapshotGaps(folder: string, need: 'model' | 'tokenizer'): string[] {
  const gaps: string[] = [];
  if (!fs.existsSync(path.join(folder, 'config.json'))) gaps.push('config.json');
  if (!['vocab.txt', 'tokenizer.json'].some((f) => fs.existsSync(path.join(folder, f))))
    gaps.push('vocab.txt or tokenizer.json');
  gaps.push(...unusableFiles(folder, TOKENIZER_FILES.concat('config.json')));
  if (need === 'tokenizer') return gaps;
  try {
    const weights = weightFiles(folder);
    gaps.push(...weights.filter((f) => !fs.existsSync(f)).map((f) => path.basename(f)));
    gaps.push(
      ...unusableFiles(
        folder,
        weights.filter((f) => fs.existsSync(f)).map((f) => path.basename(f)),
      ),
    );
  } catch {
    gaps.push('model.safetensors');
  }
  return gaps;
}

/** After a download: every file must be what its name says, else it leaves the cache and the download fails. */
function checkDownloaded(folder: string, names: string[], where: string): void {
  for (const name of names) {
    const file = path.join(folder, name);
    if (!fs.existsSync(file)) continue;
    const why = unusableFile(file);
    if (!why) continue;
    const blob = fs.realpathSync(file);
    fs.rmSync(file, { force: true });
    fs.rmSync(blob, { force: true });
    throw new Error(
      `${where}: the downloaded ${why}; it was removed from the cache: try again, or check HF_ENDPOINT's mirror`,
    );
  }
}

export async function resolveModel(ref: string, opts: ResolveOptions = {}): Promise<ResolvedModel> {
  if (fs.existsSync(ref)) {
    const folder = path.resolve(ref);
    if (!fs.statSync(folder).isDirectory())
      throw new Error(`${ref} is a file: give the model folder that holds its config.json, or a Hugging Face repo id`);
    return { folder, weights: opts.need === 'tokenizer' ? [] : weightFiles(folder) };
  }
  const repoId = validateRepoId(ref);
  const revision = validateRevision(opts.revision ?? 'main');
  const given: Partial<HubEnv> = {
    endpoint: opts.endpoint?.replace(/\/+$/, ''),
    cacheDir: opts.cacheDir,
    token: opts.token,
    offline: opts.offline,
  };
  const env: HubEnv = { ...hubEnv(), ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
  const cache = new RepoCache(env.cacheDir, repoId);
  const cached = cache.commitFor(revision);
  const need = opts.need ?? 'model';
  const gaps = cached ? snapshotGaps(cache.snapshot(cached), need) : null;
  if (cached && gaps?.length === 0) {
    const folder = cache.snapshot(cached);
    return { folder, repoId, commit: cached, weights: need === 'tokenizer' ? [] : weightFiles(folder) };
  }
  if (env.offline) {
    // A snapshot Python filled with pickled weights explains itself better than "not cached".
    const pickled = cached ? PICKLED.find((f) => fs.existsSync(path.join(cache.snapshot(cached), f))) : undefined;
    if (pickled && gaps?.includes('model.safetensors'))
      throw pickleError(`${repoId}@${revision} in the Hugging Face cache`, pickled, repoId);
    const state = gaps
      ? `only partly in the Hugging Face cache (${cache.snapshot(cached!)} lacks ${gaps.join(', ')})`
      : `not in the Hugging Face cache (${env.cacheDir})`;
    throw new Error(
      `${repoId}@${revision} is ${state}, and HF_HUB_OFFLINE is set: download it once with network, or use a local model folder`,
    );
  }
  return download(repoId, revision, env, cache, opts);
}

async function download(
  repoId: string,
  revision: string,
  env: HubEnv,
  cache: RepoCache,
  opts: ResolveOptions,
): Promise<ResolvedModel> {
  const base = {
    endpoint: env.endpoint,
    repoId,
    token: env.token,
    cache,
    where: `${repoId}@${revision}`,
    onProgress: opts.onProgress,
    signal: opts.signal,
  };
  const config = await downloadFile({ ...base, revision, file: 'config.json' }).catch((e: NodeJS.ErrnoException) => {
    if (UNREACHABLE.includes(e.code ?? '')) {
      throw new Error(
        `cannot reach the Hugging Face Hub at ${env.endpoint} (${e.code === 'ETIMEDOUT' ? e.message : e.code}) to download ${repoId}, and it is not in the cache (${env.cacheDir}). ` +
          'Use a local model folder, download it where there is network, or set HF_ENDPOINT to a mirror.',
      );
    }
    if (e instanceof NotFoundError)
      throw new Error(`${e.message}: is ${repoId} a model repo? BERT Studio needs its config.json`);
    throw e;
  });
  // Every other file from the commit config.json came from, even if the branch moves meanwhile.
  const req = (file: string): FileRequest => ({ ...base, revision: config.commit, file });
  const optional = (file: string) =>
    downloadFile(req(file)).then(
      (d) => d.path,
      (e) => (e instanceof NotFoundError ? null : Promise.reject(e)),
    );
  const exists = (file: string) =>
    fileMeta(req(file)).then(
      () => true,
      (e) => (e instanceof NotFoundError ? false : Promise.reject(e)),
    );
  for (const f of TOKENIZER_FILES) await optional(f);
  const folder = cache.snapshot(config.commit);
  if (opts.need === 'tokenizer') {
    checkDownloaded(folder, ['config.json', ...TOKENIZER_FILES], `${repoId}@${revision}`);
    return { folder, repoId, commit: config.commit, weights: [] };
  }
  if (!(await optional('model.safetensors'))) {
    const index = await optional('model.safetensors.index.json');
    if (!index) {
      for (const f of PICKLED) if (await exists(f)) throw pickleError(`${repoId}@${revision}`, f, repoId);
      throw new Error(
        `${repoId}@${revision} has no model.safetensors, model.safetensors.index.json or any weights BERT Studio knows`,
      );
    }
    for (const shard of shardNames(index)) await downloadFile(req(shard));
  }
  const weights = weightFiles(folder);
  checkDownloaded(
    folder,
    ['config.json', ...TOKENIZER_FILES, ...weights.map((f) => path.basename(f))],
    `${repoId}@${revision}`,
  );
  return { folder, repoId, commit: config.commit, weights };
}
