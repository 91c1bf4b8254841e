import type { IndexProgress } from '../store/update-index.js';

/** A one-line progress bar on a terminal; nothing when output is not a terminal. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): { update(p: IndexProgress): void; end(): void } {
  if (!stream.isTTY) return { update() {}, end() {} };
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.done < p.total) return;
      last = now;
      shown = true;
      const width = 30;
      const frac = p.total ? p.done / p.total : 1;
      const fill = Math.round(frac * width);
      const label = p.phase === 'embed' ? 'embedding' : 'indexing';
      stream.write(`\r${label} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${p.done}/${p.total} passages`);
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
