/**
 * Spaces requests to one host: each waits until `interval` after the previous one to the same
 * host was let through (robots.txt's Crawl-delay can ask for more). Requests to different hosts
 * do not wait for each other.
 */
export interface HostPacer {
  /** Resolves when a request to `host` may start; `minIntervalMs` raises the spacing for this host. */
  wait(host: string, minIntervalMs?: number, signal?: AbortSignal): Promise<void>;
}

export function createHostPacer(intervalMs: number, now: () => number = Date.now): HostPacer {
  const next = new Map<string, number>();
  return {
    async wait(host, minIntervalMs = 0, signal) {
      const t = now();
      const gap = Math.max(intervalMs, minIntervalMs);
      const at = Math.max(t, next.get(host) ?? 0);
      next.set(host, at + gap);
      // Forget hosts whose slot is long past, so the map does not grow without end.
      if (next.size > 1000) for (const [h, v] of next) if (v < t) next.delete(h);
      const delay = at - t;
      if (delay <= 0) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(done, delay);
        function done() {
          signal?.removeEventListener('abort', abort);
          resolve();
        }
        function abort() {
          clearTimeout(timer);
          reject(signal?.reason ?? new Error('aborted'));
        }
        signal?.addEventListener('abort', abort, { once: true });
      });
    },
  };
}
