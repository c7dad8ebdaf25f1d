/**
 * Real HTTP servers on 127.0.0.1 playing the Hub's resolve endpoints and its CDN:
 * LFS files (*.safetensors, *.bin) answer 302 to an absolute CDN URL with
 * X-Linked-Etag (sha256) and X-Linked-Size, other files 200 with ETag (or 307 to
 * /api/resolve-cache/…), every answer with X-Repo-Commit; errors carry the Hub's
 * X-Error-Code. The CDN honours Range.
 */
import * as http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeRepo {
  /** The commit `main` points at; may be changed while the server runs (every commit it announced stays servable). */
  commit: string;
  files: Record<string, Buffer>;
  /** Token required (gated repo). */
  token?: string;
  /** Announce this many more bytes than the file has (a corrupted transfer). */
  lieAboutSize?: Record<string, number>;
  /** Send the CDN body in small chunks with pauses (to cancel mid-way). */
  slow?: boolean;
  /** The CDN announces the whole file but closes the connection after this many bytes. */
  truncateAt?: number;
  /** The CDN sends this many bytes of the body, then nothing more, keeping the connection open. */
  stallAt?: number;
  /** The CDN sends the right number of wrong bytes. */
  corrupt?: boolean;
  /** The CDN ignores Range and answers 200 with the whole file. */
  ignoreRange?: boolean;
  /** ETags to send for non-LFS files instead of their sha1 (a mirror reusing one ETag for two files). */
  etags?: Record<string, string>;
  /** Non-LFS files answer 307 to /api/resolve-cache/…, as the Hub does today. */
  resolveCache?: boolean;
}

export interface Seen {
  host: string;
  method: string;
  url: string;
  range?: string;
  authorization?: string;
}

export interface FakeHubOptions {
  /** Serve the CDN from a second server (another host:port), as the real Hub does. */
  separateCdn?: boolean;
  /** Old repo name → new: the Hub answers 307 to the new name (a renamed repo). */
  renamed?: Record<string, string>;
}

export interface FakeHub {
  url: string;
  cdnUrl: string;
  seen: Seen[];
  close(): Promise<void>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const isLfs = (name: string) => name.endsWith('.safetensors') || name.endsWith('.bin');

export async function startFakeHub(repos: Record<string, FakeRepo>, o: FakeHubOptions = {}): Promise<FakeHub> {
  const seen: Seen[] = [];
  const announced = new Map<FakeRepo, Set<string>>();
  const blobs = new Map<string, { data: Buffer; repo: FakeRepo }>();
  for (const repo of Object.values(repos))
    for (const data of Object.values(repo.files)) blobs.set(sha256(data), { data, repo });
  let hubUrl = '';
  let cdnUrl = '';

  const serveCdn = (req: http.IncomingMessage, res: http.ServerResponse, sha: string) => {
    const blob = blobs.get(sha);
    if (!blob) return void res.writeHead(404).end();
    const { repo } = blob;
    const range = repo.ignoreRange ? null : /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    let body = blob.data.subarray(start);
    if (repo.corrupt) body = Buffer.from(body.map((b) => b ^ 0xff));
    res.writeHead(range ? 206 : 200, { 'content-length': body.length });
    if (repo.truncateAt !== undefined) {
      res.write(body.subarray(0, repo.truncateAt), () => res.destroy());
      return;
    }
    if (repo.stallAt !== undefined) return void res.write(body.subarray(0, repo.stallAt));
    if (!repo.slow) return void res.end(body);
    let i = 0;
    const tick = setInterval(() => {
      if (i >= body.length || res.destroyed) {
        clearInterval(tick);
        res.end();
        return;
      }
      res.write(body.subarray(i, i + 64));
      i += 64;
    }, 20);
  };

  const serveFile = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    repo: FakeRepo,
    commit: string,
    file: string,
  ) => {
    const data = repo.files[file]!;
    const size = data.length + (repo.lieAboutSize?.[file] ?? 0);
    const etag = repo.etags?.[file] ?? createHash('sha1').update(data).digest('hex');
    res.writeHead(200, { 'x-repo-commit': commit, etag: `"${etag}"`, 'content-length': size });
    res.end(req.method === 'HEAD' ? undefined : data);
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    seen.push({
      host: req.headers.host!,
      method: req.method!,
      url: req.url!,
      range: req.headers.range,
      authorization: req.headers.authorization,
    });
    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(req.url!);
    if (cdn) return serveCdn(req, res, cdn[1]);
    const cached = /^\/api\/resolve-cache\/models\/(.+)\/([0-9a-f]{40})\/(.+)$/.exec(req.url!);
    if (cached && repos[cached[1]])
      return serveFile(req, res, repos[cached[1]], cached[2], decodeURIComponent(cached[3]));
    const m = /^\/(.+)\/resolve\/([^/]+)\/(.+)$/.exec(req.url!);
    if (m && o.renamed?.[m[1]])
      return void res.writeHead(307, { location: `/${o.renamed[m[1]]}/resolve/${m[2]}/${m[3]}` }).end();
    const repo = m ? repos[m[1]] : undefined;
    if (!m || !repo) return void res.writeHead(401, { 'x-error-code': 'RepoNotFound' }).end();
    if (repo.token && req.headers.authorization !== `Bearer ${repo.token}`)
      return void res.writeHead(401, { 'x-error-code': 'GatedRepo' }).end();
    const commits = announced.get(repo) ?? new Set<string>();
    announced.set(repo, commits);
    const revision = decodeURIComponent(m[2]);
    if (revision !== 'main' && revision !== repo.commit && !commits.has(revision))
      return void res.writeHead(404, { 'x-error-code': 'RevisionNotFound' }).end();
    const commit = revision === 'main' ? repo.commit : revision;
    commits.add(commit);
    const file = decodeURIComponent(m[3]);
    const data = repo.files[file];
    if (!data) return void res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end();
    if (isLfs(file)) {
      const size = data.length + (repo.lieAboutSize?.[file] ?? 0);
      res.writeHead(302, {
        'x-repo-commit': commit,
        location: `${cdnUrl}/cdn/${sha256(data)}`,
        'x-linked-etag': `"${sha256(data)}"`,
        'x-linked-size': size,
        etag: '"pointer"',
      });
      return void res.end();
    }
    if (repo.resolveCache)
      return void res.writeHead(307, { location: `/api/resolve-cache/models/${m[1]}/${commit}/${m[3]}` }).end();
    serveFile(req, res, repo, commit, file);
  };

  const listen = async (server: http.Server) => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const hub = http.createServer(handler);
  const cdnServer = o.separateCdn ? http.createServer(handler) : null;
  hubUrl = await listen(hub);
  cdnUrl = cdnServer ? await listen(cdnServer) : hubUrl;
  const close = (s: http.Server) =>
    new Promise<void>((r) => {
      s.closeAllConnections();
      s.close(() => r());
    });
  return {
    url: hubUrl,
    cdnUrl,
    seen,
    close: async () => {
      if (!hub.listening) return;
      await close(hub);
      if (cdnServer) await close(cdnServer);
    },
  };
}

/** A fake Hub closed when the test ends, passed or failed (an open server would keep the test run alive). */
export async function serveFakeHub(
  t: { after(fn: () => Promise<void>): void },
  repos: Record<string, FakeRepo>,
  o: FakeHubOptions = {},
): Promise<FakeHub> {
  const hub = await startFakeHub(repos, o);
  t.after(() => hub.close());
  return hub;
}

/** A valid safetensors file of `total` bytes (one U8 tensor whose bytes follow `fill`), for download tests. */
export function safetensorsBytes(total: number, fill: (i: number) => number = (i) => i % 251): Buffer {
  const headerLength = 80;
  const size = total - 8 - headerLength;
  const header = JSON.stringify({ w: { dtype: 'U8', shape: [size], data_offsets: [0, size] } }).padEnd(headerLength);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(headerLength));
  return Buffer.concat([len, Buffer.from(header), Buffer.from(Array.from({ length: size }, (_, i) => fill(i)))]);
}
