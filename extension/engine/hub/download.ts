/**
 * One file from the Hub into the cache: HEAD for commit, ETag and size, then the
 * bytes into blobs/<etag>.incomplete (resumed with Range), checked against the
 * expected size (and sha256 for LFS files), renamed into place, and linked from
 * the snapshot. Nothing becomes a blob before it is checked.
 */
import * as fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { RepoCache } from './cache';
import { getFollowing, header, headHub, normalizeEtag } from './http';
import { isCommitHash } from './repoId';

export type ProgressEvent = { file: string; bytes: number; total: number };

export interface FileRequest {
  endpoint: string;
  repoId: string;
  /** What goes into the URL: a branch, tag or commit. */
  revision: string;
  file: string;
  token: string | null;
  cache: RepoCache;
  /** The reference as the user wrote it, for messages (defaults to repoId@revision). */
  where?: string;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
}

export class NotFoundError extends Error {}

export interface FileMeta {
  commit: string;
  etag: string;
  size: number;
  location: string;
}

const where = (r: FileRequest) => r.where ?? `${r.repoId}@${r.revision}`;

/** The Hub's X-Error-Code tells a missing repo from a gated one; a status alone does not (both can be 401). */
function httpError(status: number, headers: IncomingHttpHeaders, r: FileRequest): Error {
  const code = header(headers, 'x-error-code');
  const w = where(r);
  if (code === 'RepoNotFound') {
    return new Error(
      `${r.repoId} was not found on the Hub (${r.endpoint}): check the name; if the repo is private, set HF_TOKEN to a token that can read it`,
    );
  }
  if (code === 'RevisionNotFound') return new Error(`${w}: the revision does not exist in ${r.repoId}`);
  if (status === 401 || status === 403) {
    return new Error(
      r.token
        ? `${w}: the Hub refused the token in HF_TOKEN (HTTP ${status}); check that it is valid and has access to this repo (for a gated repo, accept its terms on its Hub page)`
        : `${w} is gated or private (HTTP ${status}): accept its terms on its Hub page and set HF_TOKEN to an access token`,
    );
  }
  if (status === 404) return new NotFoundError(`${r.file} not found in ${w}`);
  return new Error(`${w}: the Hub answered HTTP ${status} for ${r.file}`);
}

const authHeaders = (r: FileRequest): Record<string, string> => ({
  'accept-encoding': 'identity',
  ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
});

export async function fileMeta(r: FileRequest): Promise<FileMeta> {
  const url = `${r.endpoint}/${r.repoId}/resolve/${encodeURIComponent(r.revision)}/${r.file.split('/').map(encodeURIComponent).join('/')}`;
  const res = await headHub(url, authHeaders(r), r.signal);
  if (res.status >= 400) throw httpError(res.status, res.headers, r);
  const rawEtag = header(res.headers, 'x-linked-etag') ?? header(res.headers, 'etag');
  const commit = header(res.headers, 'x-repo-commit');
  const size = Number(header(res.headers, 'x-linked-size') ?? header(res.headers, 'content-length'));
  if (!rawEtag || !commit || !Number.isFinite(size))
    throw new Error(`${where(r)}: the Hub's answer for ${r.file} lacks ETag, X-Repo-Commit or a size`);
  // Both become names under the cache folder: nothing that could leave it.
  const etag = normalizeEtag(rawEtag);
  if (!/^\w[\w.-]*$/.test(etag))
    throw new Error(`${where(r)}: the Hub sent an unusable ETag for ${r.file}: ${rawEtag}`);
  if (!isCommitHash(commit))
    throw new Error(`${where(r)}: the Hub sent an unusable commit hash for ${r.file}: ${commit}`);
  const location =
    res.status >= 300 && res.headers.location ? new URL(res.headers.location, res.url).toString() : res.url;
  return { commit, etag, size, location };
}

// Blobs being fetched in this process: a second request for one waits for the first instead of writing the same .incomplete.
const inFlight = new Map<string, Promise<void>>();

async function ensureBlob(r: FileRequest, meta: FileMeta, blob: string): Promise<void> {
  while (inFlight.has(blob)) await inFlight.get(blob)!.catch(() => undefined);
  if (fs.existsSync(blob) && fs.statSync(blob).size === meta.size) return;
  const run = fetchBlob(r, meta, blob);
  inFlight.set(blob, run);
  try {
    await run;
  } finally {
    inFlight.delete(blob);
  }
}

export async function downloadFile(r: FileRequest): Promise<{ path: string; commit: string }> {
  const meta = await fileMeta(r);
  const blob = r.cache.blob(meta.etag);
  await ensureBlob(r, meta, blob);
  r.cache.writeRef(r.revision, meta.commit);
  return { path: r.cache.link(meta.commit, r.file, meta.etag), commit: meta.commit };
}

function writeFailure(r: FileRequest, partial: string, e: unknown): Error {
  const err = e as NodeJS.ErrnoException;
  if (err.name === 'AbortError')
    return new Error(`${r.file}: download cancelled; the partial file is kept and will resume`);
  if (err.code === 'ENOSPC')
    return new Error(
      `${r.file}: the disk is full (writing ${partial}); free some space and run again: the partial download is kept and will resume`,
    );
  if (err.syscall === 'open' || err.syscall === 'write')
    return new Error(
      `${r.file}: cannot write ${partial} (${err.code ?? err.message}); the file was not added to the cache`,
    );
  return new Error(`${r.file}: download interrupted (${err.message}); the partial file is kept and will resume`);
}

/** GET into `partial`, from where it stops if the server honours Range; the number of bytes it then holds. */
async function fetchInto(r: FileRequest, meta: FileMeta, partial: string, have: number): Promise<number> {
  const headers = authHeaders(r);
  if (have > 0) headers.range = `bytes=${have}-`;
  const res = await getFollowing(meta.location, headers, r.endpoint, r.signal);
  if (res.status === 416) {
    // The server disagrees with our partial file: drop it and start over.
    res.body.resume();
    fs.rmSync(partial, { force: true });
    return have === 0 ? 0 : fetchInto(r, meta, partial, 0);
  }
  if (res.status >= 400) {
    res.body.resume();
    throw httpError(res.status, res.headers, r);
  }
  // A server that ignores Range answers 200 with the whole file: restart rather than append.
  let bytes = res.status === 206 ? have : 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      r.onProgress?.({ file: r.file, bytes, total: meta.size });
      done(null, chunk);
    },
  });
  try {
    await pipeline(res.body, counter, fs.createWriteStream(partial, { flags: res.status === 206 ? 'a' : 'w' }), {
      signal: r.signal,
    });
  } catch (e) {
    throw writeFailure(r, partial, e);
  }
  return fs.statSync(partial).size;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

async function fetchBlob(r: FileRequest, meta: FileMeta, blob: string): Promise<void> {
  const partial = `${blob}.incomplete`;
  fs.mkdirSync(r.cache.blob(''), { recursive: true });
  let have = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
  if (have > meta.size) {
    fs.rmSync(partial);
    have = 0;
  }
  const got = have === meta.size ? have : await fetchInto(r, meta, partial, have);
  if (got !== meta.size) {
    if (got > meta.size) fs.rmSync(partial);
    throw new Error(
      `${r.file}: downloaded ${got} bytes but the Hub announced ${meta.size}; the file was not added to the cache`,
    );
  }
  // LFS files are named by their sha256: a transfer that was the right length but wrong bytes is caught here.
  if (/^[0-9a-f]{64}$/.test(meta.etag)) {
    const actual = await sha256(partial);
    if (actual !== meta.etag) {
      fs.rmSync(partial);
      throw new Error(
        `${r.file}: the downloaded bytes have sha256 ${actual}, not the Hub's ${meta.etag}; the file was deleted, not added to the cache`,
      );
    }
  }
  fs.renameSync(partial, blob);
}
