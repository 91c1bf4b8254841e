import { describe, expect, it } from 'vitest';
import { DEFAULT_BM25, bm25TermFrequency } from '../../src/store/lexical-index.js';
import {
  type ListHead,
  type StoredHead,
  chooseCandidates,
  frequencyOf,
  knownCounts,
  mostFrequency,
  narrowCandidates,
  parseIntegers,
  scoreCounts,
} from '../../src/store/postgres/postgres-store.js';
import { float4Array, int4Array, int4ArrayOf, vectorsOf } from '../../src/store/postgres/binary-arrays.js';
import { random } from '../support/random.js';

interface Collection {
  weights: number[];
  heads: ListHead[];
  /** Each block's whole stored list of each term (cut at \`depth\`), of which \`heads\` are the first postings. */
  stored: StoredHead[];
  /** Each passage's length and count of each term. */
  length: number[];
  tf: number[][];
  /** The served generation's BM25 length factors, as the store passes them to \`scoreCounts\`. */
  served: { perLength: number; base: number };
  /** Exact BM25 of a passage with the served generation's average length. */
  exact: (id: number) => number;
}

/**
 * Passages in two blocks whose impacts were computed with other average lengths than the
 * served one; each term's list per block sorted best first, stored up to \`depth\` postings and
 * read up to its read budget.
 */
function collection(seed: number, terms: number, passages: number, maxReads: number, depth = Infinity): Collection {
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
  const stored: StoredHead[] = [];
  for (let t = 0; t < terms; t++) {
    const reads = 1 + Math.floor(rnd() * maxReads);
    for (const blk of blocks) {
      const list: { d: number; imp: number }[] = [];
      for (let d = blk.from; d < blk.to; d++) {
        const f = tf[t]?.[d] ?? 0;
        if (f > 0) list.push({ d, imp: Math.fround(bm25TermFrequency(f, length[d] as number, blk.avgdl) / (k1 + 1)) });
      }
      list.sort((x, y) => y.imp - x.imp || x.d - y.d);
      const kept = list.slice(0, depth);
      stored.push({
        term: t,
        df: list.length,
        ratio: served / blk.avgdl,
        avgdl: blk.avgdl,
        docs: Int32Array.from(kept, (x) => x.d),
        imps: Float32Array.from(kept, (x) => x.imp),
      });
      const head = kept.slice(0, reads);
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
  return { weights, heads, stored, length, tf, served: { perLength: (k1 * b) / served, base: k1 * (1 - b) }, exact };
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

describe('counts from stored impacts', () => {
  it('finds the count an impact was computed from, and the most count an impact allows', () => {
    const { k1 } = DEFAULT_BM25;
    const rnd = random(7);
    const impact = (tf: number, length: number, avgdl: number) => Math.fround(bm25TermFrequency(tf, length, avgdl) / (k1 + 1));
    for (let n = 0; n < 5000; n++) {
      const tf = 1 + Math.floor(rnd() * rnd() * 255);
      const length = 1 + Math.floor(rnd() * 900);
      const avgdl = 5 + rnd() * 60;
      const imp = impact(tf, length, avgdl);
      expect(frequencyOf(imp, length, avgdl)).toBe(tf);
      expect(mostFrequency(imp, length, avgdl)).toBe(tf);
      // Just below an impact: one less; an impact no count gives: none.
      expect(mostFrequency(Math.fround(imp * (1 - 1e-5)), length, avgdl)).toBe(tf - 1);
      if (tf > 1) expect(frequencyOf(Math.fround((imp + impact(tf - 1, length, avgdl)) / 2), length, avgdl)).toBe(-1);
    }
    expect(mostFrequency(0.999999, 10, 20)).toBe(255);
    expect(frequencyOf(0, 10, 20)).toBe(-1);
  });
});

describe('narrowCandidates', () => {
  it('keeps every candidate that can be among the k best by exact score, from the whole stored lists, some of them cut', () => {
    let left = 0;
    let cut = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const terms = 1 + (seed % 6);
      const c = collection(seed, terms, 3000, seed % 3 === 0 ? 4000 : 300, seed % 2 ? 400 : Infinity);
      cut += c.stored.filter((h) => h.docs.length < h.df).length;
      const k = 10 + (seed % 4) * 30;
      const chosen = chooseCandidates(c.weights, c.heads, k, 1000);
      // Some lengths unknown: those candidates are kept.
      const unknown = new Set(chosen.filter((_, i) => i % 17 === 5));
      const known = knownCounts(terms, c.stored, chosen, (d) => (unknown.has(d) ? -1 : (c.length[d] as number)));
      chosen.forEach((d, j) => {
        for (let t = 0; t < terms; t++) {
          const got = known.tfs[j * terms + t] as number;
          const truth = c.tf[t]?.[d] ?? 0;
          // Known exactly where found; absent from complete lists: none; else (cut lists) none known yet.
          if (unknown.has(d)) expect(got).toBe(-1);
          else if (known.cut[t]) expect([truth, 0]).toContain(got);
          else expect(got).toBe(truth);
        }
      });
      const narrowed = narrowCandidates(c.weights, c.stored, known, chosen, k, c.served);
      // A subset, in the order given, with the same exact k best, the unknown ones kept.
      expect(narrowed).toEqual(chosen.filter((d) => narrowed.includes(d)));
      expect([...unknown].every((d) => narrowed.includes(d))).toBe(true);
      expect(best(narrowed, c.exact, k)).toEqual(best(chosen, c.exact, k));
      left += chosen.length - narrowed.length;
    }
    // Both kinds of lists were there, and the bounds leave candidates out.
    expect(cut).toBeGreaterThan(0);
    expect(left).toBeGreaterThan(0);
  });

  it('scores the candidates it leaves exactly as from their own counts, with the known ones taken from the lists', () => {
    const c = collection(5, 4, 2000, 4000);
    const chosen = chooseCandidates(c.weights, c.heads, 30, 1000);
    const known = knownCounts(4, c.stored, chosen, (d) => c.length[d] as number);
    expect(known.unsettled).toEqual([false, false, false, false]);
    const rows = (tfs: (d: number, j: number) => number[]) => chosen.map((d, j) => ({ id: d, length: c.length[d] as number, tfs: tfs(d, j) }));
    expect(
      scoreCounts(
        rows((_, j) => [...known.tfs.subarray(j * 4, j * 4 + 4)]),
        c.weights,
        c.served.perLength,
        c.served.base,
        30,
      ),
    ).toEqual(
      scoreCounts(
        rows((d) => c.tf.map((t) => t[d] ?? 0)),
        c.weights,
        c.served.perLength,
        c.served.base,
        30,
      ),
    );
  });

  it('judges without the passages found retired: the k best of the rest', () => {
    for (let seed = 61; seed <= 90; seed++) {
      const terms = 1 + (seed % 5);
      const c = collection(seed, terms, 2000, 300, 300);
      const k = 20;
      const chosen = chooseCandidates(c.weights, c.heads, k, 1000);
      const known = knownCounts(terms, c.stored, chosen, (d) => c.length[d] as number);
      // The best candidates are the ones retired: the k-th lower bound falls.
      const dead = new Set(best(chosen, c.exact, k).filter((_, i) => i % 2 === 0));
      const narrowed = narrowCandidates(c.weights, c.stored, known, chosen, k, c.served, dead);
      expect(narrowed.some((d) => dead.has(d))).toBe(false);
      const alive = chosen.filter((d) => !dead.has(d));
      expect(best(narrowed, c.exact, k)).toEqual(best(alive, c.exact, k));
    }
  });

  it('keeps every candidate when a cut list is stored empty, or when there are at most k', () => {
    const lists: StoredHead[] = [
      { term: 0, df: 3, ratio: 1, avgdl: 10, docs: Int32Array.from([1, 2, 3]), imps: Float32Array.from([0.9, 0.5, 0.1]) },
      { term: 1, df: 50, ratio: 1, avgdl: 10, docs: new Int32Array(0), imps: new Float32Array(0) },
    ];
    const served = { perLength: 0.06, base: 0.6 };
    const lengthOf = () => 10;
    expect(narrowCandidates([1, 1], lists, knownCounts(2, lists, [1, 2, 3], lengthOf), [1, 2, 3], 1, served)).toEqual([1, 2, 3]);
    const complete = lists.slice(0, 1);
    expect(narrowCandidates([1, 1], complete, knownCounts(2, complete, [3, 2], lengthOf), [3, 2], 2, served)).toEqual([3, 2]);
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
    // As the store receives them: base64 text, and null for an aggregate of no rows.
    expect([...int4ArrayOf(send(23, ints, (b, v, at) => b.writeInt32BE(v, at)).toString('base64'))]).toEqual(ints);
    expect(int4ArrayOf(null).length).toBe(0);
  });

  it("reads pgvector's vectors as vector_send writes them, one after another, and refuses another dimension", () => {
    const vectors = [
      [0.5, -1.25, Math.fround(0.1)],
      [0, 1, Math.fround(-0.3)],
    ];
    const pack = (vs: number[][], d = 3) =>
      Buffer.concat(
        vs.map((v) => {
          const b = Buffer.alloc(4 + 4 * v.length);
          b.writeInt16BE(d, 0);
          v.forEach((x, j) => b.writeFloatBE(x, 4 + 4 * j));
          return b;
        }),
      );
    expect([...vectorsOf(pack(vectors), 2, 3)]).toEqual(vectors.flat());
    expect(vectorsOf(Buffer.alloc(0), 0, 3).length).toBe(0);
    expect(() => vectorsOf(pack(vectors), 3, 3)).toThrow(/bytes of vectors for 3 passages/);
    expect(() => vectorsOf(pack(vectors, 4), 2, 3)).toThrow(/a vector of 4 dimensions where 3 were expected/);
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
