/** What to do with one more request from a user. */
export type RateDecision =
  /** Serve it. */
  | 'ok'
  /** Refuse it, and say so politely: the first refusal since the user was last served. */
  | 'limited'
  /** Refuse it silently: the user has been told already. */
  | 'silent';

export interface RateLimiter {
  check(key: number | string): RateDecision;
}

interface Bucket {
  /** Times of the requests served within the window, oldest first. */
  served: number[];
  told: boolean;
}

/**
 * A sliding-window limit per key: at most `limit` requests served in any `windowMs`. Refused
 * requests do not count, so a flooding user is served again as soon as the window allows, and
 * hears about the limit once per flood rather than once per message.
 */
export function createRateLimiter(options: { limit: number; windowMs?: number; now?: () => number; maxKeys?: number }): RateLimiter {
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
    check(key) {
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
        return 'ok';
      }
      if (b.told) return 'silent';
      b.told = true;
      return 'limited';
    },
  };
}
