import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type Readable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from '../errors.js';
import { addressKind } from './addresses.js';
import { charsetOf, decodeBody } from './decode.js';
import type { HostPacer } from './host-pacer.js';

/** How the fetcher behaves; one object per process, from the configuration. */
export interface FetchSettings {
  /** Sent with every request; names the product so site owners know who is asking. */
  userAgent: string;
  /** The whole request, redirects and body included. */
  timeoutMs: number;
  /** Largest body accepted, after decompression. */
  maxBytes: number;
  maxRedirects: number;
  /** Connect to loopback, private and link-local addresses too (KIEMCHUNG_FETCH_ALLOW_PRIVATE=1). */
  allowPrivate: boolean;
}

/** What the caller expects back; decides the Accept header and which content types are refused. */
export type Expect = 'html' | 'feed' | 'text';

export interface FetchRequest {
  url: string;
  expect: Expect;
  /** Conditional request: the validators of the last response seen. */
  etag?: string;
  lastModified?: string;
  signal?: AbortSignal;
  maxBytes?: number;
}

export interface Fetched {
  /** The URL asked for. */
  requestedUrl: string;
  /** Where the content came from, after redirects. */
  url: string;
  /** Every URL redirected to, in order. */
  redirects: string[];
  status: number;
  /** True for a 304 to a conditional request: `text` is empty. */
  notModified: boolean;
  /** Media type without parameters, lower-case ('' when the server sent none). */
  mediaType: string;
  /** What the body looks like: a web page, XML (feed, sitemap), or something else. */
  sniffed: 'html' | 'xml' | 'other';
  text: string;
  encoding: string;
  bytes: number;
  etag?: string;
  lastModified?: string;
  /** ISO time the response arrived. */
  receivedAt: string;
}

/** Resolves a host name to its addresses (dns.lookup by default; tests give their own). */
export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface FetcherDeps {
  pacer?: HostPacer;
  /** Checked before every request (each redirect hop too); throws FetchError('robots') to refuse. */
  robots?: (url: URL, signal?: AbortSignal) => Promise<{ crawlDelayMs: number }>;
  resolve?: Resolve;
  /** Overrides the address policy (tests: allow only the loopback test server). */
  addressAllowed?: (ip: string) => boolean;
}

export type FetchFn = (req: FetchRequest) => Promise<Fetched>;

const ACCEPT: Record<Expect, string> = {
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  feed: 'application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1',
  text: 'text/plain,*/*;q=0.1',
};

/** Media types that can be read as what is expected; others are refused before the body is read. */
const READABLE: Record<Expect, RegExp> = {
  html: /^(text\/html|application\/xhtml\+xml|text\/plain|application\/octet-stream|)$/,
  feed: /^(application\/(rss|atom|rdf)\+xml|application\/xml|text\/xml|text\/html|text\/plain|application\/octet-stream|application\/(x-)?gzip|)$/,
  text: /^(text\/.*|application\/octet-stream|)$/,
};

const REDIRECT = new Set([301, 302, 303, 307, 308]);

const defaultResolve: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

function statusText(status: number): string {
  if (status === 404) return 'not found (HTTP 404)';
  if (status === 410) return 'gone (HTTP 410)';
  if (status === 401 || status === 403) return `access denied (HTTP ${status})`;
  if (status === 429) return 'the site asks us to slow down (HTTP 429)';
  if (status >= 500) return `the site failed (HTTP ${status})`;
  return `unexpected HTTP status ${status}`;
}

function retryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

const NETWORK_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the site',
  EPIPE: 'connection closed by the site',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name could not be resolved (DNS failure)',
  HPE_INVALID_CONSTANT: 'the site sent a malformed HTTP response',
  HPE_HEADER_OVERFLOW: 'the site sent oversized HTTP headers',
  ERR_INVALID_HTTP_RESPONSE: 'the site sent a malformed HTTP response',
  Z_DATA_ERROR: 'the compressed body is damaged',
  Z_BUF_ERROR: 'the compressed body is truncated',
  ERR_STREAM_PREMATURE_CLOSE: 'the connection closed before the whole body arrived',
};

/** A FetchError for whatever a request failed with. */
function asFetchError(url: string, err: unknown): FetchError {
  if (err instanceof FetchError) return err;
  const code = (err as { code?: string })?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FetchError(url, 'dns', NETWORK_TEXT[code] as string, { cause: err });
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return new FetchError(url, 'network', `TLS certificate problem (${code})`, { cause: err });
  const text = NETWORK_TEXT[code] ?? `network error (${code || (err as Error)?.message || String(err)})`;
  return new FetchError(url, 'network', text, { cause: err });
}

/** A URL the fetcher is willing to try, or a FetchError saying why not. */
export function checkUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch (err) {
    throw new FetchError(raw.slice(0, 300), 'url', 'not a valid URL (expected http:// or https://…)', { cause: err });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new FetchError(u.href.slice(0, 300), 'scheme', `only http and https URLs are fetched, not ${u.protocol.replace(/:$/, '')}`);
  }
  if (u.username || u.password) throw new FetchError(u.href.slice(0, 300), 'url', 'URLs with a user name or password are not fetched');
  if (!u.hostname) throw new FetchError(u.href.slice(0, 300), 'url', 'the URL has no host');
  u.hash = '';
  return u;
}

/**
 * A request's deadline, counted in time this process was free to read the answer. While the
 * event loop is busy (another page of the batch being extracted) an answer that has arrived sits
 * unread; a plain timer would fire first once the loop is free and report a site that answered in
 * milliseconds as too slow. So time is counted in short ticks, and a tick that comes late counts
 * as at most two.
 */
function startDeadline(ms: number, onExpire: () => void): () => void {
  const tick = Math.max(10, Math.min(250, ms / 8));
  let spent = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const t = performance.now();
    spent += Math.min(t - last, 2 * tick);
    last = t;
    if (spent >= ms) {
      clearInterval(timer);
      onExpire();
    }
  }, tick);
  return () => clearInterval(timer);
}

function refusedAddress(url: string, host: string, ip: string): FetchError {
  const kind = addressKind(ip);
  const what = kind === 'public' ? 'an address the fetcher is not allowed to use' : `a ${kind} address`;
  const via = host.replace(/^\[|\]$/g, '') === ip ? `${ip} is ${what}` : `${host} resolves to ${ip}, ${what}`;
  return new FetchError(url, 'private-address', `${via}; refused (set KIEMCHUNG_FETCH_ALLOW_PRIVATE=1 to allow local addresses)`);
}

/**
 * The fetcher: http(s) only, every hop's addresses checked after resolution (the connection
 * uses the checked address, so a name cannot resolve differently between check and connect),
 * robots.txt and the per-host spacing before every hop, one deadline for the whole request (not
 * counting time the event loop was busy elsewhere),
 * a cap on the decoded body, compressed bodies inflated under the same cap, text decoded by
 * `decodeBody`. Every failure is a `FetchError` naming the URL and the reason.
 */
export function createFetcher(settings: FetchSettings, deps: FetcherDeps = {}): FetchFn {
  const resolve = deps.resolve ?? defaultResolve;
  const allowed = deps.addressAllowed ?? ((ip: string) => settings.allowPrivate || addressKind(ip) === 'public');
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 4 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 4 }),
  };

  const lookupFor =
    (url: string): LookupFunction =>
    (hostname, options, callback) => {
      resolve(hostname)
        .then((found) => {
          if (found.length === 0) throw new FetchError(url, 'dns', `${hostname} has no address`);
          const bad = found.find((a) => !allowed(a.address));
          if (bad) throw refusedAddress(url, hostname, bad.address);
          const fam = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
          const list = fam.length > 0 ? fam : found;
          if (options.all) (callback as unknown as (e: null, a: typeof list) => void)(null, list);
          else callback(null, (list[0] as { address: string }).address, (list[0] as { family: number }).family);
        })
        .catch((err: unknown) => callback(err as NodeJS.ErrnoException, '', 0));
    };

  const once = (u: URL, req: FetchRequest, signal: AbortSignal, retried = false): Promise<http.IncomingMessage> =>
    new Promise((resolvePromise, reject) => {
      const headers: Record<string, string> = {
        'user-agent': settings.userAgent,
        accept: ACCEPT[req.expect],
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': 'vi,en;q=0.8,*;q=0.5',
      };
      if (req.etag) headers['if-none-match'] = req.etag;
      if (req.lastModified) headers['if-modified-since'] = req.lastModified;
      const lib = u.protocol === 'https:' ? https : http;
      const r = lib.request(u, { method: 'GET', headers, agent: u.protocol === 'https:' ? agents.https : agents.http, lookup: lookupFor(u.href), signal });
      r.once('response', resolvePromise);
      r.once('error', (err: NodeJS.ErrnoException) => {
        // A kept-alive connection the site closed meanwhile: a GET is safe to send again, once, on a new one.
        if (!retried && r.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE') && !signal.aborted) {
          once(u, req, signal, true).then(resolvePromise, reject);
        } else reject(err);
      });
      r.end();
    });

  const readBody = (url: string, res: http.IncomingMessage, maxBytes: number): Promise<Buffer> =>
    new Promise((resolvePromise, rejectPromise) => {
      // Destroying a stream emits events synchronously: the first outcome is the one reported.
      let settled = false;
      const reject = (err: FetchError) => {
        if (settled) return;
        settled = true;
        rejectPromise(err);
      };
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        reject(new FetchError(url, 'too-large', `the body is ${declared} bytes, more than the ${maxBytes} allowed (KIEMCHUNG_FETCH_MAX_BYTES)`));
        res.destroy();
        return;
      }
      const encoding = String(res.headers['content-encoding'] ?? '')
        .trim()
        .toLowerCase();
      let stream: Readable = res;
      const inflate =
        encoding === 'gzip' || encoding === 'x-gzip'
          ? zlib.createGunzip()
          : encoding === 'deflate'
            ? zlib.createInflate()
            : encoding === 'br'
              ? zlib.createBrotliDecompress()
              : null;
      if (encoding && encoding !== 'identity' && !inflate) {
        reject(new FetchError(url, 'content-type', `the body uses an unsupported content encoding "${encoding.slice(0, 40)}"`));
        res.destroy();
        return;
      }
      if (inflate) stream = pipeline(res, inflate, () => undefined);
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on('data', (c: Buffer) => {
        total += c.length;
        if (total > maxBytes) {
          reject(new FetchError(url, 'too-large', `the body is larger than the ${maxBytes} bytes allowed (KIEMCHUNG_FETCH_MAX_BYTES)`));
          stream.destroy();
          res.destroy();
          return;
        }
        chunks.push(c);
      });
      stream.once('end', () => {
        // A body cut short of its declared length is a failed transfer, not a shorter page.
        if (!inflate && Number.isFinite(declared) && total < declared) {
          reject(new FetchError(url, 'network', `the connection closed after ${total} of ${declared} bytes`));
          return;
        }
        if (settled) return;
        settled = true;
        resolvePromise(Buffer.concat(chunks));
      });
      stream.once('error', (err) => reject(asFetchError(url, err)));
      res.once('aborted', () => reject(new FetchError(url, 'network', 'the connection closed before the whole body arrived')));
      res.once('error', (err) => reject(asFetchError(url, err)));
    });

  return async (req: FetchRequest): Promise<Fetched> => {
    let current = checkUrl(req.url);
    const requestedUrl = current.href;
    const maxBytes = req.maxBytes ?? settings.maxBytes;
    const controller = new AbortController();
    let timedOut = false;
    const stopDeadline = startDeadline(settings.timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    const outer = req.signal;
    const onAbort = () => controller.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    const fail = (url: string, err: unknown): FetchError => {
      if (timedOut)
        return new FetchError(url, 'timeout', `no complete response within ${Math.round(settings.timeoutMs / 100) / 10} s (KIEMCHUNG_FETCH_TIMEOUT_MS)`, {
          cause: err,
        });
      if (outer?.aborted) return new FetchError(url, 'aborted', 'the request was cancelled', { cause: err });
      return asFetchError(url, err);
    };
    const redirects: string[] = [];
    try {
      for (let hop = 0; ; hop++) {
        const url = current.href;
        const host = current.hostname.replace(/^\[|\]$/g, '');
        // A literal address never goes through the resolver: check it here.
        if (/^[\d.]+$|:/.test(host) && !allowed(host)) throw refusedAddress(url, host, host);
        const { crawlDelayMs } = deps.robots
          ? await deps.robots(current, controller.signal).catch((err: unknown) => Promise.reject(fail(url, err)))
          : { crawlDelayMs: 0 };
        if (deps.pacer) await deps.pacer.wait(current.host, crawlDelayMs, controller.signal).catch((err: unknown) => Promise.reject(fail(url, err)));
        let res: http.IncomingMessage;
        try {
          res = await once(current, req, controller.signal);
        } catch (err) {
          throw fail(url, err);
        }
        const status = res.statusCode ?? 0;
        if (REDIRECT.has(status)) {
          res.resume();
          const location = res.headers.location;
          if (!location) throw new FetchError(url, 'status', `redirect (HTTP ${status}) without a Location header`, { status });
          if (hop >= settings.maxRedirects) {
            throw new FetchError(requestedUrl, 'too-many-redirects', `more than ${settings.maxRedirects} redirects (last: ${url})`);
          }
          let next: URL;
          try {
            next = checkUrl(new URL(location, current).href);
          } catch (err) {
            throw err instanceof FetchError ? new FetchError(url, err.reason, `redirects to a URL that is refused: ${err.message}`) : err;
          }
          if (next.href === url || redirects.includes(next.href) || next.href === requestedUrl) {
            throw new FetchError(requestedUrl, 'too-many-redirects', `redirect loop (${url} → ${next.href})`);
          }
          redirects.push(next.href);
          current = next;
          continue;
        }
        const common = {
          requestedUrl,
          url,
          redirects,
          status,
          receivedAt: new Date().toISOString(),
          ...(typeof res.headers.etag === 'string' ? { etag: res.headers.etag } : {}),
          ...(typeof res.headers['last-modified'] === 'string' ? { lastModified: res.headers['last-modified'] } : {}),
        };
        const mediaType =
          String(res.headers['content-type'] ?? '')
            .split(';')[0]
            ?.trim()
            .toLowerCase() ?? '';
        if (status === 304 && (req.etag || req.lastModified)) {
          res.resume();
          return { ...common, notModified: true, mediaType, sniffed: 'other', text: '', encoding: '', bytes: 0 };
        }
        if (status < 200 || status > 299) {
          res.resume();
          const after = retryAfter(res.headers['retry-after'], Date.now());
          throw new FetchError(url, 'status', statusText(status), { status, ...(after !== undefined ? { retryAfterMs: after } : {}) });
        }
        if (!READABLE[req.expect].test(mediaType)) {
          res.resume();
          const want = req.expect === 'html' ? 'a web page (text/html)' : req.expect === 'feed' ? 'a feed or sitemap (XML)' : 'text';
          const feedHint = req.expect === 'html' && /xml/.test(mediaType) ? '; for a feed or sitemap use "kiemchung feed add"' : '';
          throw new FetchError(url, 'content-type', `expected ${want} but the site sent ${mediaType.slice(0, 80)}${feedHint}`);
        }
        let body: Buffer;
        try {
          body = await readBody(url, res, maxBytes);
        } catch (err) {
          throw timedOut || outer?.aborted ? fail(url, err) : asFetchError(url, err);
        }
        // A gzipped file served as is (sitemap.xml.gz).
        if (body[0] === 0x1f && body[1] === 0x8b) {
          try {
            body = zlib.gunzipSync(body, { maxOutputLength: maxBytes });
          } catch (err) {
            const big = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
            throw new FetchError(
              url,
              big ? 'too-large' : 'network',
              big ? `the unpacked body is larger than the ${maxBytes} bytes allowed` : 'the gzipped body is damaged',
              { cause: err },
            );
          }
        }
        const decoded = decodeBody(body, charsetOf(String(res.headers['content-type'] ?? '')));
        return { ...common, notModified: false, mediaType, sniffed: sniff(decoded.text), text: decoded.text, encoding: decoded.encoding, bytes: body.length };
      }
    } finally {
      stopDeadline();
      outer?.removeEventListener('abort', onAbort);
    }
  };
}

/** What a body looks like from its first markup. */
export function sniff(text: string): 'html' | 'xml' | 'other' {
  const head = text
    .slice(0, 2048)
    .replace(/^\uFEFF/, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trimStart()
    .toLowerCase();
  if (/^<(rss|feed|rdf:rdf|urlset|sitemapindex)[\s>]/.test(head)) return 'xml';
  if (/^<\?xml/.test(head)) return /<(html|xhtml)[\s>]/.test(head) && !/<(rss|feed|rdf:rdf|urlset|sitemapindex)[\s>]/.test(head) ? 'html' : 'xml';
  if (/^<!doctype html|^<(html|head|body|meta|title|div|p)[\s>/]/.test(head)) return 'html';
  return /<(html|body)[\s>]/.test(text.slice(0, 65536).toLowerCase()) ? 'html' : 'other';
}
