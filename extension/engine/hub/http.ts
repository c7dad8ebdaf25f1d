/**
 * Minimal HTTP(S) for the Hub: HEAD following only relative redirects, GET following all, abortable,
 * and never waiting forever: a connection, an answer and every pause in a body are bounded by the
 * timeouts huggingface_hub reads (HF_HUB_ETAG_TIMEOUT for HEAD, HF_HUB_DOWNLOAD_TIMEOUT for GET; 10 s).
 */
import * as http from 'node:http';
import * as https from 'node:https';

export interface HubResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  url: string;
  body: http.IncomingMessage;
}

/** Seconds a request may wait for a connection, an answer or the next bytes of a body. */
export function hubTimeout(method: 'HEAD' | 'GET', env: NodeJS.ProcessEnv = process.env): number {
  const name = method === 'HEAD' ? 'HF_HUB_ETAG_TIMEOUT' : 'HF_HUB_DOWNLOAD_TIMEOUT';
  const v = Number(env[name]);
  return env[name] && v > 0 ? v : 10;
}

export class HubTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(method: string, url: string, seconds: number, what: string) {
    super(`${method} ${url}: ${what} within ${seconds} s (HF_HUB_${method === 'HEAD' ? 'ETAG' : 'DOWNLOAD'}_TIMEOUT)`);
    this.name = 'HubTimeoutError';
  }
}

export function request(
  method: 'HEAD' | 'GET',
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<HubResponse> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError());
    const seconds = hubTimeout(method);
    const lib = url.startsWith('https:') ? https : http;
    let response: http.IncomingMessage | null = null;
    const req = lib.request(url, { method, headers: { 'user-agent': 'bert-studio', ...headers } }, (res) => {
      response = res;
      res.on('close', cleanup);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, url, body: res });
    });
    // One idle timer for the connection, the answer and each gap in the body; it fails the body stream too.
    const fail = (e: Error) => {
      req.destroy(e);
      response?.destroy(e);
    };
    req.setTimeout(seconds * 1000, () =>
      fail(
        new HubTimeoutError(
          method,
          url,
          seconds,
          !req.socket || req.socket.connecting
            ? 'no connection'
            : response
              ? 'the transfer stalled (no bytes)'
              : 'no answer',
        ),
      ),
    );
    const onAbort = () => fail(new AbortError());
    const cleanup = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => {
      if (!response) cleanup();
    });
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

/** Whether a request to `url` may carry the token meant for `endpoint`: same scheme, host and port only. */
export const carriesToken = (url: string, endpoint: string): boolean =>
  new URL(url).origin === new URL(endpoint).origin;

/** GET, following redirects; the token goes only to the origin it was meant for (never over a downgrade to http). */
export async function getFollowing(
  url: string,
  headers: Record<string, string>,
  endpoint: string,
  signal?: AbortSignal,
): Promise<HubResponse> {
  let current = url;
  for (let hops = 0; hops < 10; hops++) {
    const h = carriesToken(current, endpoint)
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
