import type { PassageHit } from '../src/store/port.js';
import type { SegmentStore } from '../src/store/segment-store.js';
import { TopK } from './metrics.js';

/** Every live stored vector of an index, per segment, for brute-force search. */
export interface ExactIndex {
  dimension: number;
  segments: { vectors: Float32Array; deleted: Uint8Array; n: number }[];
  live: number;
  /** The store's id of passage `local` of segment `segment`. */
  passageId: (segment: number, local: number) => number;
}

export function loadExact(reader: SegmentStore): ExactIndex {
  const dimension = reader.manifest.embedder.dimension;
  let live = 0;
  const segments = reader.segments.map((s, si) => {
    const vectors = s.passageCount ? s.vectors() : new Float32Array(0);
    const deleted = Uint8Array.from({ length: s.passageCount }, (_, i) => (reader.isDeleted(si, i) ? 1 : 0));
    for (let i = 0; i < s.passageCount; i++) if (!deleted[i]) live++;
    return { vectors, deleted, n: s.passageCount };
  });
  return { dimension, segments, live, passageId: (s, i) => reader.passageId(s, i) };
}

/** The `k` passages with the largest inner product with `q` (vectors are normalised: cosine). */
export function exactSearch(ex: ExactIndex, q: Float32Array, k: number): PassageHit[] {
  const d = ex.dimension;
  const out: PassageHit[] = [];
  ex.segments.forEach((seg, si) => {
    const top = new TopK(k);
    const v = seg.vectors;
    for (let i = 0; i < seg.n; i++) {
      if (seg.deleted[i]) continue;
      const o = i * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < d; j += 4) {
        s0 += (v[o + j] as number) * (q[j] as number);
        s1 += (v[o + j + 1] as number) * (q[j + 1] as number);
        s2 += (v[o + j + 2] as number) * (q[j + 2] as number);
        s3 += (v[o + j + 3] as number) * (q[j + 3] as number);
      }
      for (; j < d; j++) s0 += (v[o + j] as number) * (q[j] as number);
      const s = s0 + s1 + s2 + s3;
      if (s > top.floor) top.push(i, s);
    }
    top.ids.forEach((id, j) => out.push({ passage: ex.passageId(si, id), score: top.scores[j] as number }));
  });
  return out.sort((a, b) => b.score - a.score).slice(0, k);
}

/**
 * Recall@k of approximate hits against exact ones, tolerant of ties: a returned passage counts
 * when its exact score is at least the k-th exact score (duplicate passages score the same).
 */
export function recallAtK(approx: readonly PassageHit[], exact: readonly PassageHit[], k: number): number {
  const kth = exact[Math.min(k, exact.length) - 1]?.score;
  if (kth === undefined) return 1;
  const want = Math.min(k, exact.length);
  const got = approx.slice(0, k).filter((h) => h.score >= kth - 1e-5).length;
  return Math.min(got, want) / want;
}
