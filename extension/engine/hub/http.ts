/** Minimal HTTP(S) for the Hub: HEAD following only relative redirects, GET following all, abortable. */
import * as http from 'node:http';
import * as https from 'node:https';

export interface HubResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  url: string;
  body: http.IncomingMessage;
}

export function request(
  method: 'HEAD' | 'GET',
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<HubResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError());
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.request(url, { method, headers: { 'user-agent': 'bert-studio', ...headers } }, (res) => {
      resolve({ status: res.statusCode ?? 0, headers: res.headers, url, body: res });
    });
    const onAbort = () => req.destroy(new AbortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.on('error', reject);
    req.end();
  });
}

export class AbortError extends Error {
  constructor() {
    super('download cancelled');
    this.name = 'AbortError';
  }
}

const isRedirect = (res: HubResponse) => res.status >= 300 && res.status < 400 && !!res.headers.location;

/**
 * HEAD, following relative redirects only, as huggingface_hub does: a renamed repo
 * and the Hub's resolve-cache answer with a path on the Hub itself, while an LFS
 * file answers with an absolute CDN URL whose 302 carries the file's metadata.
 * The headers of every hop are merged, the last hop's winning.
 */
export async function headHub(
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<HubResponse> {
  let current = url;
  let merged: http.IncomingHttpHeaders = {};
  for (let hops = 0; hops < 10; hops++) {
    const res = await request('HEAD', current, headers, signal);
    res.body.resume();
    merged = { ...merged, ...res.headers, location: res.headers.location };
    const location = res.headers.location ?? '';
    const relative = location.startsWith('/') && !location.startsWith('//');
    if (!isRedirect(res) || !relative) return { ...res, headers: merged, url: current };
    current = new URL(location, current).toString();
  }
  throw new Error(`too many redirects from ${url}`);
}

/** GET, following redirects; the token goes only to the host it was meant for. */
export async function getFollowing(
  url: string,
  headers: Record<string, string>,
  tokenHost: string,
  signal?: AbortSignal,
): Promise<HubResponse> {
  let current = url;
  for (let hops = 0; hops < 10; hops++) {
    const sameHost = new URL(current).host === tokenHost;
    const h = sameHost
      ? headers
      : Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'));
    const res = await request('GET', current, h, signal);
    if (isRedirect(res)) {
      res.body.resume();
      current = new URL(res.headers.location!, current).toString();
      continue;
    }
    return res;
  }
  throw new Error(`too many redirects from ${url}`);
}

export const header = (h: http.IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** ETags as huggingface_hub stores them: no weak prefix, no quotes. */
export const normalizeEtag = (etag: string): string => etag.replace(/^W\//, '').replace(/^"|"$/g, '');
