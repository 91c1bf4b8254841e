import { describe, expect, it } from 'vitest';
import { DEFAULT_BM25, bm25TermFrequency } from '../../src/store/lexical-index.js';
import { type ListHead, chooseCandidates, float4Array, int4Array, parseIntegers, scoreCounts } from '../../src/store/postgres/postgres-store.js';
import { random } from '../support/random.js';

interface Collection {
  weights: number[];
  heads: ListHead[];
  /** Exact BM25 of a passage with the served generation's average length. */
  exact: (id: number) => number;
}

/**
 * Passages in two blocks whose impacts were computed with other average lengths than the
 * served one; each term's list per block sorted best first and cut at its read budget.
 */
function collection(seed: number, terms: number, passages: number, maxReads: number): Collection {
  const rnd = random(seed);
  const { k1, b } = DEFAULT_BM25;
  const length = Array.from({ length: passages }, () => 5 + Math.floor(rnd() * 80));
  const tf = Array.from({ length: terms }, () => {
    const share = 0.02 + rnd() * 0.4;
    return Array.from({ length: passages }, () => (rnd() < share ? 1 + Math.floor(rnd() * rnd() * 6) : 0));
  });
  const served = length.reduce((a, x) => a + x, 0) / passages;
  const split = Math.floor(passages * 0.7);
  const blocks = [
    { from: 0, to: split, avgdl: served * (0.8 + rnd() * 0.4) },
    { from: split, to: passages, avgdl: served * (0.8 + rnd() * 0.4) },
  ];
  const weights = Array.from({ length: terms }, () => (0.2 + rnd() * 4) * (k1 + 1));
  const heads: ListHead[] = [];
  for (let t = 0; t < terms; t++) {
    const reads = 1 + Math.floor(rnd() * maxReads);
    for (const blk of blocks) {
      const list: { d: number; imp: number }[] = [];
      for (let d = blk.from; d < blk.to; d++) {
        const f = tf[t]?.[d] ?? 0;
        if (f > 0) list.push({ d, imp: Math.fround(bm25TermFrequency(f, length[d] as number, blk.avgdl) / (k1 + 1)) });
      }
      list.sort((x, y) => y.imp - x.imp || x.d - y.d);
      const head = list.slice(0, reads);
      heads.push({
        term: t,
        df: list.length,
        ratio: served / blk.avgdl,
        docs: Int32Array.from(head, (x) => x.d),
        imps: Float32Array.from(head, (x) => x.imp),
      });
    }
  }
  const exact = (d: number) => {
    let s = 0;
    for (let t = 0; t < terms; t++) {
      const f = tf[t]?.[d] ?? 0;
      if (f > 0) s += ((weights[t] as number) * f) / (f + ((k1 * b) / served) * (length[d] as number) + k1 * (1 - b));
    }
    return s;
  };
  return { weights, heads, exact };
}

/** The k best of `ids` by exact score, ties by id, as the scoring query orders them. */
function best(ids: readonly number[], exact: (id: number) => number, k: number): number[] {
  return [...ids].sort((x, y) => exact(y) - exact(x) || x - y).slice(0, k);
}

describe('chooseCandidates', () => {
  it('leaves out only candidates that cannot be among the k best: the exact k best are those of every candidate', () => {
    let left = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const terms = 1 + (seed % 6);
      const c = collection(seed, terms, 3000, seed % 3 === 0 ? 4000 : 300);
      const k = 10 + (seed % 4) * 30;
      const limit = seed % 2 ? 400 : 1000;
      // Every candidate: the `limit` highest sums of weighted impacts, ties by id.
      const sums = new Map<number, number>();
      for (const h of c.heads) h.docs.forEach((d, i) => sums.set(d, (sums.get(d) ?? 0) + (c.weights[h.term] as number) * (h.imps[i] as number)));
      const all = [...sums].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, limit);
      const chosen = chooseCandidates(c.weights, c.heads, k, limit);
      const allIds = new Set(all.map(([d]) => d));
      expect(chosen.every((d) => allIds.has(d))).toBe(true);
      expect(best(chosen, c.exact, k)).toEqual(
        best(
          all.map(([d]) => d),
          c.exact,
          k,
        ),
      );
      left += all.length - chosen.length;
    }
    // The bounds do leave candidates out (else this would test nothing).
    expect(left).toBeGreaterThan(0);
  });

  it('keeps every candidate when a list was read up to nothing, its rest unbounded', () => {
    const heads: ListHead[] = [
      { term: 0, df: 3, ratio: 1, docs: Int32Array.from([1, 2, 3]), imps: Float32Array.from([0.9, 0.5, 0.1]) },
      { term: 1, df: 50, ratio: 1, docs: new Int32Array(0), imps: new Float32Array(0) },
    ];
    expect(chooseCandidates([1, 1], heads, 1, 10).sort()).toEqual([1, 2, 3]);
  });
});

describe('binary arrays', () => {
  /** PostgreSQL's array_send form of a one-dimensional array of 4-byte values. */
  function send(oid: number, values: number[], put: (b: Buffer, v: number, at: number) => void): Buffer {
    if (values.length === 0) return Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, oid]);
    const b = Buffer.alloc(20 + 8 * values.length);
    b.writeInt32BE(1, 0);
    b.writeInt32BE(0, 4);
    b.writeInt32BE(oid, 8);
    b.writeInt32BE(values.length, 12);
    b.writeInt32BE(1, 16);
    values.forEach((v, i) => {
      b.writeInt32BE(4, 20 + 8 * i);
      put(b, v, 24 + 8 * i);
    });
    return b;
  }

  it('reads int4[] and real[] as PostgreSQL sends them', () => {
    const ints = [7, -2147483648, 2147483647, 0, 263375];
    expect([...int4Array(send(23, ints, (b, v, at) => b.writeInt32BE(v, at)))]).toEqual(ints);
    const reals = [0.5, 1.25, Math.fround(0.1), 0];
    expect([...float4Array(send(700, reals, (b, v, at) => b.writeFloatBE(v, at)))]).toEqual(reals);
    expect(int4Array(send(23, [], () => undefined)).length).toBe(0);
  });
});

describe('parseIntegers', () => {
  it('reads the comma-separated integers the scoring query sends, negative and extreme ones too', () => {
    const ints = [263375, 12, 0, -7, 2147483647, -2147483648, 1];
    expect([...parseIntegers(ints.join(','))]).toEqual(ints);
    expect([...parseIntegers('5')]).toEqual([5]);
    expect(parseIntegers('').length).toBe(0);
  });
});

describe('scoreCounts', () => {
  it('scores BM25 from lengths and counts, best first then by id, leaving out passages with none of the terms', () => {
    const rows = [
      { id: 9, length: 10, tfs: [1, 0] },
      { id: 4, length: 10, tfs: [1, 0] },
      { id: 5, length: 30, tfs: [0, 0] },
      { id: 6, length: 5, tfs: [2, 3] },
    ];
    const hits = scoreCounts(rows, [2, 1], 0.1, 0.3, 3);
    expect(hits.map((h) => h.passage)).toEqual([6, 4, 9]);
    expect(hits[0]?.score).toBe((2 * 2) / (2 + 0.1 * 5 + 0.3) + (1 * 3) / (3 + 0.1 * 5 + 0.3));
    expect(hits[1]?.score).toBe(2 / (1 + 0.1 * 10 + 0.3));
    expect(scoreCounts(rows, [2, 1], 0.1, 0.3, 1).map((h) => h.passage)).toEqual([6]);
  });
});
