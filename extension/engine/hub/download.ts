/**
 * One file from the Hub into the cache: HEAD for commit, ETag and size, then the
 * bytes into blobs/<etag>.incomplete (resumed with Range), checked against the
 * expected size, renamed into place, and linked from the snapshot.
 */
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { RepoCache } from './cache';
import { getFollowing, header, normalizeEtag, request } from './http';

export interface FileRequest {
  endpoint: string;
  repoId: string;
  revision: string;
  file: string;
  token: string | null;
  cache: RepoCache;
  onProgress?: (e: { file: string; bytes: number; total: number }) => void;
  signal?: AbortSignal;
}

export class NotFoundError extends Error {}

export interface FileMeta { commit: string; etag: string; size: number; location: string }

function httpError(status: number, r: FileRequest): Error {
  const what = `${r.repoId}@${r.revision}`;
  if (status === 401 || status === 403) {
    return new Error(r.token
      ? `${what}: the Hub refused the token in HF_TOKEN (HTTP ${status}); check that it is valid and has access to this repo`
      : `${what} is gated or private (HTTP ${status}): accept its terms on the Hub and set HF_TOKEN to an access token`);
  }
  if (status === 404) return new NotFoundError(`${r.file} not found in ${what}`);
  return new Error(`${what}: the Hub answered HTTP ${status} for ${r.file}`);
}

export async function fileMeta(r: FileRequest): Promise<FileMeta> {
  const url = `${r.endpoint}/${r.repoId}/resolve/${encodeURIComponent(r.revision)}/${r.file}`;
  const auth: Record<string, string> = r.token ? { authorization: `Bearer ${r.token}` } : {};
  const res = await request('HEAD', url, { ...auth, 'accept-encoding': 'identity' }, r.signal);
  res.body.resume();
  if (res.status >= 400) throw httpError(res.status, r);
  const etag = header(res.headers, 'x-linked-etag') ?? header(res.headers, 'etag');
  const commit = header(res.headers, 'x-repo-commit');
  const size = Number(header(res.headers, 'x-linked-size') ?? header(res.headers, 'content-length'));
  if (!etag || !commit || !Number.isFinite(size)) throw new Error(`${r.repoId}: the Hub's answer for ${r.file} lacks ETag, X-Repo-Commit or a size`);
  const location = res.status >= 300 && res.headers.location ? new URL(res.headers.location, url).toString() : url;
  return { commit, etag: normalizeEtag(etag), size, location };
}

export async function downloadFile(r: FileRequest): Promise<string> {
  const meta = await fileMeta(r);
  const blob = r.cache.blob(meta.etag);
  if (!fs.existsSync(blob) || fs.statSync(blob).size !== meta.size) await fetchBlob(r, meta, blob);
  r.cache.writeRef(r.revision, meta.commit);
  return r.cache.link(meta.commit, r.file, meta.etag);
}

async function fetchBlob(r: FileRequest, meta: FileMeta, blob: string): Promise<void> {
  const partial = `${blob}.incomplete`;
  fs.mkdirSync(r.cache.blob(''), { recursive: true });
  let have = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
  if (have > meta.size) { fs.rmSync(partial); have = 0; }
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) };
  if (have > 0 && have < meta.size) headers.range = `bytes=${have}-`;
  const res = have === meta.size ? null : await getFollowing(meta.location, headers, new URL(r.endpoint).host, r.signal);
  if (res) {
    if (res.status >= 400 && res.status !== 416) { res.body.resume(); throw httpError(res.status, r); }
    const resumed = res.status === 206;
    if (!resumed) have = 0;
    let bytes = have;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        r.onProgress?.({ file: r.file, bytes, total: meta.size });
        done(null, chunk);
      },
    });
    try {
      await pipeline(res.body, counter, fs.createWriteStream(partial, { flags: resumed ? 'a' : 'w' }), { signal: r.signal });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOSPC') throw new Error(`${r.file}: the disk is full (${partial}); the partial download is kept and will resume`);
      if (err.name === 'AbortError') throw new Error(`${r.file}: download cancelled; the partial file is kept and will resume`);
      throw new Error(`${r.file}: download interrupted (${err.message}); the partial file is kept and will resume`);
    }
  }
  const got = fs.statSync(partial).size;
  if (got !== meta.size) {
    if (got > meta.size) fs.rmSync(partial);
    throw new Error(`${r.file}: downloaded ${got} bytes but the Hub announced ${meta.size}; the file was not added to the cache`);
  }
  fs.renameSync(partial, blob);
}
