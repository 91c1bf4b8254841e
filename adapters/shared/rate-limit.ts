/** What to do with one more request. */
export type RateDecision =
  /** Serve it. */
  | { ok: true }
  /**
   * Refuse it. `retryAfterMs`: until the next request would be served. `first`: the first
   * refusal since the key was last served; a platform that may stay silent tells the user
   * only then, so a flood hears about the limit once, not once per message.
   */
  | { ok: false; retryAfterMs: number; first: boolean };

export interface RateLimiter {
  /** Counts one request by `key` (a user, a chat) when it is served. */
  take(key: number | string): RateDecision;
}

export interface RateLimitOptions {
  /** Requests served per window and key; 0 or less serves everything. */
  limit: number;
  /** The sliding window (default one minute). */
  windowMs?: number;
  now?: () => number;
  /** Past this many keys, idle ones are forgotten when a new key arrives (default 50,000). */
  maxKeys?: number;
}

interface Bucket {
  /** Times of the requests served within the window, oldest first. */
  served: number[];
  told: boolean;
}

/**
 * A sliding-window limit per key: at most `limit` requests served in any `windowMs`. Refused
 * requests do not count, so a flooding user is served again as soon as the window allows.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { limit } = options;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const buckets = new Map<string, Bucket>();

  const prune = (t: number) => {
    for (const [k, b] of buckets) {
      const last = b.served[b.served.length - 1];
      if (last === undefined || t - last >= windowMs) buckets.delete(k);
    }
  };

  return {
    take(key) {
      if (limit <= 0) return { ok: true };
      const t = now();
      const k = String(key);
      let b = buckets.get(k);
      if (!b) {
        if (buckets.size >= maxKeys) prune(t);
        b = { served: [], told: false };
        buckets.set(k, b);
      }
      while (b.served.length > 0 && t - (b.served[0] as number) >= windowMs) b.served.shift();
      if (b.served.length < limit) {
        b.served.push(t);
        b.told = false;
        return { ok: true };
      }
      const first = !b.told;
      b.told = true;
      return { ok: false, retryAfterMs: (b.served[0] as number) + windowMs - t, first };
    },
  };
}
