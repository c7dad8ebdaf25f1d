/** A real HTTP server on 127.0.0.1 playing the Hub's resolve endpoints and its CDN. */
import * as http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface FakeRepo {
  commit: string;
  files: Record<string, Buffer>;
  /** Token required (gated repo). */
  token?: string;
  /** Announce this many more bytes than the file has (a corrupted transfer). */
  lieAboutSize?: Record<string, number>;
  /** Send the CDN body in small chunks with pauses (to cancel mid-way). */
  slow?: boolean;
}

export interface Seen { method: string; url: string; range?: string; authorization?: string }

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const isLfs = (name: string) => name.endsWith('.safetensors') || name.endsWith('.bin');

export async function startFakeHub(repos: Record<string, FakeRepo>): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const blobs = new Map<string, { data: Buffer; repo: FakeRepo }>();
  for (const repo of Object.values(repos)) for (const [, data] of Object.entries(repo.files)) blobs.set(sha256(data), { data, repo });
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, range: req.headers.range, authorization: req.headers.authorization });
    const cdn = /^\/cdn\/([0-9a-f]{64})$/.exec(req.url!);
    if (cdn) {
      const blob = blobs.get(cdn[1]);
      if (!blob) return void res.writeHead(404).end();
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      const body = blob.data.subarray(start);
      res.writeHead(range ? 206 : 200, { 'content-length': body.length });
      if (!blob.repo.slow) return void res.end(body);
      let i = 0;
      const tick = setInterval(() => {
        if (i >= body.length || res.destroyed) { clearInterval(tick); res.end(); return; }
        res.write(body.subarray(i, i + 64));
        i += 64;
      }, 20);
      return;
    }
    const m = /^\/(.+)\/resolve\/([^/]+)\/(.+)$/.exec(req.url!);
    const repo = m ? repos[m[1]] : undefined;
    if (!m || !repo) return void res.writeHead(404).end();
    if (repo.token && req.headers.authorization !== `Bearer ${repo.token}`) return void res.writeHead(401).end();
    if (m[2] !== 'main' && m[2] !== repo.commit) return void res.writeHead(404).end();
    const data = repo.files[decodeURIComponent(m[3])];
    if (!data) return void res.writeHead(404, { 'x-error-code': 'EntryNotFound' }).end();
    const size = data.length + (repo.lieAboutSize?.[m[3]] ?? 0);
    const common = { 'x-repo-commit': repo.commit };
    if (isLfs(m[3])) {
      res.writeHead(302, { ...common, location: `/cdn/${sha256(data)}`, 'x-linked-etag': `"${sha256(data)}"`, 'x-linked-size': size, etag: '"pointer"' });
      return void res.end();
    }
    const etag = createHash('sha1').update(data).digest('hex');
    res.writeHead(200, { ...common, etag: `"${etag}"`, 'content-length': size });
    res.end(req.method === 'HEAD' ? undefined : data);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
