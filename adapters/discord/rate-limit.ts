export interface RateLimiter {
  /** Counts one request by `key`; when over the limit, says how long until the next one is allowed. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number };
}

const WINDOW_MS = 60_000;
// Past this many tracked users, idle ones are dropped on the next request.
const SWEEP_AT = 10_000;

/** A sliding one-minute window per key; `perMinute` 0 allows everything. `now` is injectable for tests. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const seen = new Map<string, number[]>();
  return {
    take(key) {
      if (perMinute <= 0) return { ok: true };
      const t = now();
      if (seen.size > SWEEP_AT) {
        for (const [k, times] of seen) if ((times[times.length - 1] ?? 0) <= t - WINDOW_MS) seen.delete(k);
      }
      const times = (seen.get(key) ?? []).filter((x) => x > t - WINDOW_MS);
      if (times.length >= perMinute) {
        seen.set(key, times);
        return { ok: false, retryAfterMs: times[0]! + WINDOW_MS - t };
      }
      times.push(t);
      seen.set(key, times);
      return { ok: true };
    },
  };
}
