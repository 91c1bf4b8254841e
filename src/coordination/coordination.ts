/**
 * What the processes serving the bots share: which of them handles a chat update, how many
 * requests a user made, which one holds a connection that only one may hold (Discord's
 * gateway). One process keeps it in memory; replicas on one database keep it there
 * (`store/postgres/postgres-coordination.ts`), so that two replicas given the same update
 * answer it once and a user's limit counts across all of them.
 */
export interface Coordination {
  /** `process`: this process alone; `database`: every replica on the same database and schema. */
  readonly scope: 'process' | 'database';
  /**
   * Claims a piece of work (a chat update) for this process. `claimed`: do it, then `finish`;
   * `done`: another delivery of it was already handled; `busy`: another process is on it
   * (its claim lapses after `leaseMs` if that process dies).
   */
  claim(key: string, leaseMs: number): Promise<ClaimOutcome>;
  /** Marks claimed work done: later deliveries of it are `done`. */
  finish(key: string): Promise<void>;
  /** Counts one request by `key`: served while fewer than `limit` were served in the last `windowMs`. */
  take(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  /**
   * Contends for a role only one process may hold at a time; `onChange(true)` when this process
   * gets it, `onChange(false)` when it loses it (its database connection broke). The returned
   * function gives the role up and stops contending.
   */
  lead(role: string, onChange: (leading: boolean) => void | Promise<void>): () => Promise<void>;
  /** Keeps a small JSON value under `key` for `ttlMs` (a conversation, say), replacing any before it. */
  put(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** The value under `key`, or null when there is none or it has expired. */
  get<T>(key: string): Promise<T | null>;
  drop(key: string): Promise<void>;
  close(): Promise<void>;
}

export type ClaimOutcome = 'claimed' | 'done' | 'busy';

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

export interface WindowOptions {
  now?: () => number;
  /** Past this many keys, idle ones are forgotten when a new key arrives (default 50,000); values kept by `put`, the least recently used first. */
  maxKeys?: number;
}

interface Bucket {
  /** Times of the requests served within the window, oldest first. */
  served: number[];
  told: boolean;
  windowMs: number;
}

/**
 * Sliding windows per key, in memory: at most `limit` requests served in any `windowMs`.
 * Refused requests do not count, so a flooding user is served again as soon as the window allows.
 */
export function createSlidingWindows(options: WindowOptions = {}): (key: string, limit: number, windowMs: number) => RateDecision {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const buckets = new Map<string, Bucket>();
  const prune = (t: number) => {
    for (const [k, b] of buckets) {
      const last = b.served[b.served.length - 1];
      if (last === undefined || t - last >= b.windowMs) buckets.delete(k);
    }
  };
  return (key, limit, windowMs) => {
    if (limit <= 0) return { ok: true };
    const t = now();
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= maxKeys) prune(t);
      b = { served: [], told: false, windowMs };
      buckets.set(key, b);
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
  };
}

/**
 * Coordination of one process with itself: claims remembered for a day (a platform that
 * delivers an update twice is answered once), windows in memory, every role held at once.
 */
export function createMemoryCoordination(options: WindowOptions = {}): Coordination {
  const now = options.now ?? Date.now;
  const claims = new Map<string, { done: boolean; until: number }>();
  const windows = createSlidingWindows(options);
  const KEEP_DONE_MS = 24 * 3_600_000;
  const forgetOld = (t: number) => {
    if (claims.size < 10_000) return;
    for (const [k, c] of claims) if (c.until < t) claims.delete(k);
  };
  const roles = new Set<string>();
  const values = new Map<string, { value: unknown; until: number }>();
  const maxValues = options.maxKeys ?? 50_000;
  return {
    scope: 'process',
    async claim(key, leaseMs) {
      const t = now();
      const c = claims.get(key);
      if (c?.done && c.until >= t) return 'done';
      if (c && !c.done && c.until >= t) return 'busy';
      forgetOld(t);
      claims.set(key, { done: false, until: t + leaseMs });
      return 'claimed';
    },
    async finish(key) {
      claims.set(key, { done: true, until: now() + KEEP_DONE_MS });
    },
    async take(key, limit, windowMs) {
      return windows(key, limit, windowMs);
    },
    lead(role, onChange) {
      roles.add(role);
      void onChange(true);
      return async () => {
        if (roles.delete(role)) await onChange(false);
      };
    },
    async put(key, value, ttlMs) {
      values.delete(key);
      values.set(key, { value, until: now() + ttlMs });
      while (values.size > maxValues) values.delete(values.keys().next().value as string);
    },
    async get<T>(key: string) {
      const v = values.get(key);
      if (!v) return null;
      if (v.until < now()) {
        values.delete(key);
        return null;
      }
      // Map order is use order: a value read is kept longest.
      values.delete(key);
      values.set(key, v);
      return v.value as T;
    },
    async drop(key) {
      values.delete(key);
    },
    async close() {},
  };
}
