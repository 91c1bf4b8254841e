/** Small statistics shared by the benchmark tasks and the report. */
import type { Answer } from '../src/index.js';

export interface Latency {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of latencies in milliseconds. */
export function latency(ms: readonly number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? (s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number) : 0);
  return {
    n: s.length,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: s.length ? (s[s.length - 1] as number) : 0,
  };
}

/** Article ids in first-seen order. */
export function firstSeen(ids: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

/** Articles in the order an answer ranks them: cited, then closest, then the rest retrieved. */
export function answerArticles(a: Answer): string[] {
  return firstSeen([...a.citations.map((c) => c.articleId), ...a.closest.map((c) => c.articleId), ...a.retrieved.map((r) => r.articleId)]);
}

/** Article-level R@1 and R@10 (as percentages) over ranked article lists and gold sets. */
export class Recall {
  private n = 0;
  private at1 = 0;
  private at10 = 0;

  add(ranked: readonly string[], gold: readonly string[]): void {
    this.n++;
    const rank = ranked.findIndex((id) => gold.includes(id));
    if (rank === 0) this.at1++;
    if (rank >= 0 && rank < 10) this.at10++;
  }

  get result(): { n: number; r1: number; r10: number } {
    const pct = (k: number) => (this.n ? (100 * k) / this.n : 0);
    return { n: this.n, r1: pct(this.at1), r10: pct(this.at10) };
  }
}

/** Indexes of the `k` largest scores, best first (a bounded insertion list: k is small). */
export class TopK {
  readonly ids: number[] = [];
  readonly scores: number[] = [];
  constructor(readonly k: number) {}

  /** Lowest score still kept (-Infinity while not full). */
  get floor(): number {
    return this.ids.length < this.k ? -Infinity : (this.scores[this.k - 1] as number);
  }

  push(id: number, score: number): void {
    if (score <= this.floor) return;
    let i = this.ids.length;
    if (i === this.k) i--;
    while (i > 0 && (this.scores[i - 1] as number) < score) {
      this.ids[i] = this.ids[i - 1] as number;
      this.scores[i] = this.scores[i - 1] as number;
      i--;
    }
    this.ids[i] = id;
    this.scores[i] = score;
  }
}
