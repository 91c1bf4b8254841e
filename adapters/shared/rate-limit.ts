import { type Coordination, type RateDecision, createMemoryCoordination } from '../../src/index.js';

export type { RateDecision };

export interface RateLimiter {
  /** Counts one request by `key` (a user, a chat) when it is served. */
  take(key: number | string): Promise<RateDecision>;
}

export interface RateLimitOptions {
  /** Requests served per window and key; 0 or less serves everything. */
  limit: number;
  /** The sliding window (default one minute). */
  windowMs?: number;
  /**
   * Where the windows are kept: the engine's `coordination` when it is the database (every
   * replica counts against one window per user); otherwise this limiter's own memory, so that
   * two bots in one process do not share windows.
   */
  coordination?: Coordination;
  /** Keeps this limiter's keys apart from other limiters' in a shared coordination. */
  name?: string;
  /** In memory only: the clock (tests) and how many keys are kept before idle ones are forgotten. */
  now?: () => number;
  maxKeys?: number;
}

/**
 * A sliding-window limit per key: at most `limit` requests served in any `windowMs`. Refused
 * requests do not count, so a flooding user is served again as soon as the window allows.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const coordination =
    options.coordination?.scope === 'database'
      ? options.coordination
      : createMemoryCoordination({ ...(options.now ? { now: options.now } : {}), ...(options.maxKeys ? { maxKeys: options.maxKeys } : {}) });
  const prefix = options.name ? `${options.name}:` : '';
  return { take: (key) => coordination.take(`${prefix}${key}`, options.limit, windowMs) };
}
