import { expect } from 'vitest';
import { Bm25Scratch, DEFAULT_BM25, DOC_MASK, FRONTIER_MIN_DF, type LexicalIndex } from '../../src/store/lexical-index.js';

/**
 * The bound frontier of term `i`, found the slow way: its postings' distinct (tf, length)
 * pairs that no other pair beats on both (a higher or equal tf at a shorter or equal length),
 * highest tf first; null for a term with fewer than `FRONTIER_MIN_DF` postings.
 */
export function referenceFrontier(index: LexicalIndex, i: number): Array<[number, number]> | null {
  const postings = index.postingsOf(i);
  if (postings.length < FRONTIER_MIN_DF) return null;
  const pairs = new Map<string, [number, number]>();
  for (const v of postings) {
    const pair: [number, number] = [v >>> 24, index.docLens[v & DOC_MASK]!];
    pairs.set(pair.join(), pair);
  }
  const all = [...pairs.values()];
  return all.filter(([tf, dl]) => !all.some(([t, d]) => t >= tf && d <= dl && (t !== tf || d !== dl))).sort((a, b) => b[0] - a[0]);
}

/** The frontier `index` stores for term `i`, as (tf, length) pairs; null when it stores none. */
export function storedFrontier(index: LexicalIndex, i: number): Array<[number, number]> | null {
  const f = index.frontierOf(i);
  if (f < 0) return null;
  return Array.from(index.bounds.subarray(index.boundAt[f], index.boundAt[f + 1]), (v) => [v >>> 24, v & DOC_MASK]);
}

/**
 * Checks that every term of every segment has the frontier its postings give stored (or none
 * when its list is short), and that each term's bound is the largest term-frequency part of
 * its postings; returns how many terms had a frontier stored.
 */
export function expectStoredBounds(segments: readonly LexicalIndex[]): number {
  const scratch = new Bm25Scratch(segments);
  const { k1, b } = DEFAULT_BM25;
  let stored = 0;
  segments.forEach((seg, si) => {
    for (let i = 0; i < seg.hashes.length; i++) {
      const want = referenceFrontier(seg, i);
      expect(storedFrontier(seg, i)).toEqual(want);
      if (want) stored++;
      let bound = 0;
      for (const v of seg.postingsOf(i)) {
        const tf = v >>> 24;
        // The passage's norm in single precision, as the scratch keeps it.
        const part = (tf * (k1 + 1)) / (tf + Math.fround(k1 * (1 - b + (b * seg.docLens[v & DOC_MASK]!) / scratch.avgdl)));
        if (part > bound) bound = part;
      }
      expect(scratch.termBound(si, i)).toBe(bound);
    }
  });
  return stored;
}
