/**
 * Virtual time for the Discord drafts. While a test feeds the stream, time moves only when the
 * test says (`advance`), and a wait ends when time has moved past it; once the stream is over
 * (`settle`), every wait passes at once. No test waits for real seconds, and none asserts on the
 * wall clock.
 */
import type { Clock } from '../../adapters/shared/clock.js';

export interface VirtualClock {
  clock: Clock;
  /** Moves time on, ending the waits it passes. */
  advance(ms: number): void;
  /** From now on every wait passes at once (time jumps by its length). */
  settle(): void;
}

export function virtualClock(): VirtualClock {
  let t = 0;
  let streaming = true;
  const waiters: { until: number; resolve: () => void }[] = [];
  const clock: Clock = {
    now: () => t,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.resolve();
      if (!streaming) {
        t += ms;
        return new Promise((resolve) => setImmediate(resolve));
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          signal?.removeEventListener('abort', done);
          const k = waiters.indexOf(w);
          if (k >= 0) waiters.splice(k, 1);
          resolve();
        };
        const w = { until: t + ms, resolve: done };
        waiters.push(w);
        signal?.addEventListener('abort', done, { once: true });
      });
    },
  };
  return {
    clock,
    advance(ms: number) {
      t += ms;
      for (const w of waiters.filter((x) => x.until <= t)) w.resolve();
    },
    settle() {
      streaming = false;
    },
  };
}
