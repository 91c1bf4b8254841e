import { lazyModule } from '../lazy-module.js';
import { FetchError } from '../errors.js';
import type { FetchFn } from './fetch-url.js';

interface RobotRules {
  isDisallowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
type RobotsParser = (url: string, text: string) => RobotRules;
// The package is CommonJS (module.exports = function) while its typings declare a default export.
const robotsModule = lazyModule<typeof import('robots-parser')>('robots-parser');
const robotsParser: RobotsParser = (url, text) => {
  const m = robotsModule() as unknown as RobotsParser | { default: RobotsParser };
  return (typeof m === 'function' ? m : m.default)(url, text);
};

/** The name kiemchung answers to in robots.txt groups ("User-agent: kiemchung"). */
export const ROBOTS_AGENT = 'kiemchung';

/** Longest Crawl-delay honoured; a site asking for more is still asked at this pace. */
const MAX_CRAWL_DELAY_MS = 60_000;
/** robots.txt larger than this is cut (RFC 9309 asks crawlers to read at least 500 KiB). */
const ROBOTS_MAX_BYTES = 512 * 1024;

interface Entry {
  expires: number;
  /** null: no rules (4xx); 'unreachable': the file could not be read, so nothing is fetched. */
  robot: RobotRules | null | 'unreachable';
  why?: string;
}

export interface RobotsOptions {
  /** A fetcher that does not check robots itself. */
  fetch: FetchFn;
  /** How long a robots.txt is trusted (default one hour). */
  ttlMs?: number;
  /** How long an unreachable robots.txt blocks its site before it is tried again (default 5 minutes). */
  retryMs?: number;
  now?: () => number;
}

/**
 * robots.txt per origin, as RFC 9309 reads it: rules for "kiemchung" (or "*") decide; a missing
 * file (any 4xx) allows everything; a file that cannot be read (5xx, 429, network failure,
 * time-out) allows nothing until it can. Crawl-delay raises the per-host spacing.
 */
export function createRobots(options: RobotsOptions): (url: URL, signal?: AbortSignal) => Promise<{ crawlDelayMs: number }> {
  const ttl = options.ttlMs ?? 3_600_000;
  const retry = options.retryMs ?? 300_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();

  // One read per site is shared by every request waiting for it, so it does not follow any one
  // request's cancellation; the fetcher's own deadline bounds it.
  const load = async (origin: string): Promise<Entry> => {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const res = await options.fetch({ url: robotsUrl, expect: 'text', maxBytes: ROBOTS_MAX_BYTES });
      // Rules read after a redirect still govern the origin that was asked.
      return { expires: now() + ttl, robot: robotsParser(robotsUrl, res.text) };
    } catch (err) {
      if (!(err instanceof FetchError)) throw err;
      if (err.reason === 'status' && err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 429) {
        return { expires: now() + ttl, robot: null };
      }
      // The page itself would be refused for the same reason: say that, not "robots".
      if (err.reason === 'private-address' || err.reason === 'aborted' || err.reason === 'url' || err.reason === 'scheme') throw err;
      // Served as an image or too large: unusable, treated like a missing file.
      if (err.reason === 'content-type' || err.reason === 'too-large') return { expires: now() + ttl, robot: null };
      return { expires: now() + retry, robot: 'unreachable', why: err.message };
    }
  };

  return async (url) => {
    const origin = url.origin;
    let entry = cache.get(origin);
    if (!entry || entry.expires <= now()) {
      let p = pending.get(origin);
      if (!p) {
        p = load(origin).finally(() => pending.delete(origin));
        pending.set(origin, p);
      }
      entry = await p;
      cache.set(origin, entry);
      if (cache.size > 5000) for (const [k, v] of cache) if (v.expires <= now()) cache.delete(k);
    }
    if (entry.robot === 'unreachable') {
      throw new FetchError(
        url.href,
        'robots',
        `robots.txt of ${origin} cannot be read (${entry.why ?? 'unknown failure'}); nothing is fetched from that site until it can`,
      );
    }
    if (entry.robot === null) return { crawlDelayMs: 0 };
    if (entry.robot.isDisallowed(url.href, ROBOTS_AGENT)) {
      throw new FetchError(url.href, 'robots', `robots.txt of ${origin} does not allow ${ROBOTS_AGENT} to fetch this page`);
    }
    const delay = entry.robot.getCrawlDelay(ROBOTS_AGENT);
    return { crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : 0 };
  };
}
