import { describe, expect, it } from 'vitest';
import { createInFlight, drain } from '../../adapters/shared/lifecycle.js';

describe('work in flight', () => {
  it('idle waits for tracked work, failed work and work added while waiting', async () => {
    const inFlight = createInFlight();
    const done: string[] = [];
    let releaseA!: () => void;
    const a = inFlight.track(new Promise<void>((r) => (releaseA = r)).then(() => void done.push('a')));
    void inFlight.track(Promise.reject(new Error('x'))).catch(() => done.push('failed'));
    expect(inFlight.size()).toBe(2);
    const idle = inFlight.idle().then(() => done.push('idle'));
    let releaseB!: () => void;
    void inFlight.track(new Promise<void>((r) => (releaseB = r)).then(() => void done.push('b')));
    releaseA();
    await a;
    await new Promise((r) => setImmediate(r));
    expect(done).not.toContain('idle');
    releaseB();
    await idle;
    expect(done.at(-1)).toBe('idle');
    expect(inFlight.size()).toBe(0);
  });

  it('drain gives up on work that never ends and says how much is left', async () => {
    const inFlight = createInFlight();
    void inFlight.track(new Promise(() => undefined));
    expect(await drain(inFlight, 5)).toBe(1);
    expect(await drain(createInFlight(), 5)).toBe(0);
  });
});
