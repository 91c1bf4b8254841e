import { describe, expect, it } from 'vitest';
import { type RateDecision, createRateLimiter } from '../../adapters/shared/rate-limit.js';

/** 'ok', 'first' (tell the user) or 'again' (told already), for compact expectations. */
const kind = (d: RateDecision) => (d.ok ? 'ok' : d.first ? 'first' : 'again');

describe('createRateLimiter', () => {
  it('serves `limit` per window, marks the first refusal of a flood, and serves again when the window moves', async () => {
    let t = 0;
    const rl = createRateLimiter({ limit: 2, windowMs: 1000, now: () => t });
    const all = async (keys: number[]) => {
      const out: string[] = [];
      for (const k of keys) out.push(kind(await rl.take(k)));
      return out;
    };
    expect(await all([1, 1, 1, 1, 2])).toEqual(['ok', 'ok', 'first', 'again', 'ok']);
    t = 999;
    expect(kind(await rl.take(1))).toBe('again');
    t = 1000;
    expect(await all([1, 1, 1])).toEqual(['ok', 'ok', 'first']);
  });

  it('says when the next request would be served (a one-minute window by default)', async () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 2, now: () => now });
    expect((await limiter.take('a')).ok).toBe(true);
    now += 10_000;
    expect((await limiter.take('a')).ok).toBe(true);
    expect(await limiter.take('a')).toEqual({ ok: false, retryAfterMs: 50_000, first: true });
    expect((await limiter.take('b')).ok).toBe(true);
    now += 50_001;
    expect((await limiter.take('a')).ok).toBe(true);
    expect((await limiter.take('a')).ok).toBe(false);
  });

  it('0 turns the limit off', async () => {
    const limiter = createRateLimiter({ limit: 0 });
    for (let k = 0; k < 100; k++) expect((await limiter.take('a')).ok).toBe(true);
  });

  it('forgets idle users when it holds too many', async () => {
    let t = 0;
    const rl = createRateLimiter({ limit: 1, windowMs: 10, now: () => t, maxKeys: 3 });
    for (const k of [1, 2, 3]) await rl.take(k);
    t = 20;
    for (const k of [4, 5, 6]) expect((await rl.take(k)).ok).toBe(true);
    expect((await rl.take(1)).ok).toBe(true);
  });
});
