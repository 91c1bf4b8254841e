import { foldedHash, markedHash } from '../text/term-hashes.js';
import { terms as termsOf, type Terms } from '../text/tokenize.js';
import type { QueryTerm } from './port.js';
import { Grow, type Pack, type PackArray } from './pack.js';

/**
 * The lexical index of a segment: BM25 postings over hashed terms, its builder, and the BM25
 * scoring that walks them. Scoring lives here, in the store, because it reads the postings: a
 * store answers "the k best passages for these weighted terms" (`Store.lexicalSearch`), and a
 * database-backed store would score inside the database. Retrieval (`src/retrieve/`) decides
 * which terms to ask for and with what weights, and fuses the lexical and vector lists.
 *
 * Every passage contributes its syllables and adjacent-syllable pairs twice, marked and
 * folded, hashed into 32 bits (`text/term-hashes.ts`). Terms are stored as sorted hashes, so
 * the index needs no string dictionary in memory.
 */

/** Term hashes with their counts for one passage. */
export function passageTermCounts(text: string, title: string): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (t: Terms) => {
    for (const m of t.marked) {
      const h = markedHash(m);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    for (const f of t.folded) {
      const h = foldedHash(f);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
  };
  add(termsOf(title));
  add(termsOf(text));
  return counts;
}

export class LexicalBuilder {
  private readonly docHashes = new Grow(Uint32Array, 1 << 16);
  private readonly docTfs = new Grow(Uint16Array, 1 << 16);
  private readonly docEnds = new Grow(Uint32Array, 1 << 10);
  private readonly docLens = new Grow(Uint32Array, 1 << 10);
  private readonly df = new Map<number, number>();
  private totalLen = 0;

  add(counts: Map<number, number>): void {
    let len = 0;
    for (const [h, tf] of counts) {
      this.docHashes.push(h);
      this.docTfs.push(Math.min(tf, 65535));
      this.df.set(h, (this.df.get(h) ?? 0) + 1);
      len += tf;
    }
    // Each term is counted in both forms; the length is that of one form.
    len = Math.round(len / 2);
    this.docEnds.push(this.docHashes.length);
    this.docLens.push(len);
    this.totalLen += len;
  }

  finish(): Record<string, PackArray> {
    const hashes = Uint32Array.from(this.df.keys()).sort();
    const offsets = new Uint32Array(hashes.length + 1);
    const slot = this.df; // reused: hash -> write cursor
    let pos = 0;
    hashes.forEach((h, i) => {
      offsets[i] = pos;
      pos += slot.get(h) as number;
      slot.set(h, offsets[i] as number);
    });
    offsets[hashes.length] = pos;
    const docHashes = this.docHashes.finish();
    const docTfs = this.docTfs.finish();
    const docEnds = this.docEnds.finish();
    const docs = new Uint32Array(pos);
    const tfs = new Uint16Array(pos);
    let start = 0;
    for (let d = 0; d < docEnds.length; d++) {
      const end = docEnds[d] as number;
      for (let j = start; j < end; j++) {
        const h = docHashes[j] as number;
        const p = slot.get(h) as number;
        docs[p] = d;
        tfs[p] = docTfs[j] as number;
        slot.set(h, p + 1);
      }
      start = end;
    }
    return {
      lexHashes: hashes,
      lexOffsets: offsets,
      lexDocs: docs,
      lexTfs: tfs,
      lexDocLens: this.docLens.finish(),
      lexTotal: Float32Array.of(this.totalLen),
    };
  }
}

/** The read side of one segment's lexical index. */
export class LexicalIndex {
  readonly hashes: Uint32Array;
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  readonly tfs: Uint16Array;
  readonly docLens: Uint32Array;
  readonly totalLen: number;

  constructor(pack: Pack) {
    this.hashes = pack.get('lexHashes');
    this.offsets = pack.get('lexOffsets');
    this.docs = pack.get('lexDocs');
    this.tfs = pack.get('lexTfs');
    this.docLens = pack.get('lexDocLens');
    this.totalLen = (pack.get<Float32Array>('lexTotal')[0] as number) ?? 0;
  }

  get size(): number {
    return this.docLens.length;
  }

  /** Index of the term in `hashes`, or -1. */
  find(hash: number): number {
    let lo = 0;
    let hi = this.hashes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.hashes[mid] as number;
      if (v < hash) lo = mid + 1;
      else if (v > hash) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  df(hash: number): number {
    const i = this.find(hash);
    return i < 0 ? 0 : (this.offsets[i + 1] as number) - (this.offsets[i] as number);
  }
}

export interface Bm25Params {
  k1: number;
  b: number;
  /**
   * Terms in more than this share of passages ("của", "và", "là") are skipped unless nothing
   * else is left: they barely move the ranking but have the longest postings. ViNewsQA with
   * 5,000 distractors: R@1 73.2 at 0.2 against 72.8 with no cut, at a third of the scoring
   * work; at 35k articles (docs/benchmarks.md) 0.1 loses nothing against 0.2 and is faster,
   * while 0.05 costs a point of R@1 (at 5k distractors 0.1 gives 73.5 against 73.8). In small
   * collections the cut costs recall (ViNewsQA alone: R@1 77.2 / R@10 89.2 with it, 78.3 / 91.8 without) and saves little
   * time, so below `minPassagesForCut` passages nothing is skipped.
   */
  maxDfRatio: number;
  minPassagesForCut: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.5, maxDfRatio: 0.1, minPassagesForCut: 20_000 };

export interface ScoredDoc {
  segment: number;
  doc: number;
  score: number;
}

/**
 * BM25 across segments with corpus-wide statistics (N, average length, document frequency),
 * so that scores from different segments are comparable. `alive(segment, doc)` hides deleted
 * or filtered passages.
 */
export function bm25Search(
  segments: readonly LexicalIndex[],
  terms: readonly QueryTerm[],
  k: number,
  alive: (segment: number, doc: number) => boolean,
  params: Bm25Params = DEFAULT_BM25,
): ScoredDoc[] {
  let n = 0;
  let total = 0;
  for (const s of segments) {
    n += s.size;
    total += s.totalLen;
  }
  if (n === 0 || terms.length === 0) return [];
  const avgdl = total / n;
  const dfs = terms.map((t) => {
    let df = 0;
    for (const s of segments) df += s.df(t.hash);
    return df;
  });
  const cutAt = n >= params.minPassagesForCut ? params.maxDfRatio * n : Infinity;
  const common = dfs.map((df) => df > cutAt);
  const keepCommon = common.every((c, i) => c || dfs[i] === 0);
  const idfs = dfs.map((df, i) => (df === 0 || (common[i] && !keepCommon) ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5))));
  const heap: ScoredDoc[] = [];
  segments.forEach((seg, si) => {
    const acc = new Float32Array(seg.size);
    const touched: number[] = [];
    terms.forEach((t, ti) => {
      const idf = idfs[ti] as number;
      if (idf === 0 || t.weight <= 0) return;
      const i = seg.find(t.hash);
      if (i < 0) return;
      const w = idf * t.weight;
      const end = seg.offsets[i + 1] as number;
      const { k1, b } = params;
      for (let p = seg.offsets[i] as number; p < end; p++) {
        const d = seg.docs[p] as number;
        const tf = seg.tfs[p] as number;
        const dl = seg.docLens[d] as number;
        const add = (w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * dl) / avgdl));
        if (acc[d] === 0 && add > 0) touched.push(d);
        acc[d] = (acc[d] as number) + add;
      }
    });
    for (const d of touched) {
      const score = acc[d] as number;
      if (heap.length >= k && score <= (heap[heap.length - 1] as ScoredDoc).score) continue;
      if (!alive(si, d)) continue;
      insertSorted(heap, { segment: si, doc: d, score }, k);
    }
  });
  return heap;
}

function insertSorted(list: ScoredDoc[], item: ScoredDoc, k: number): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as ScoredDoc).score < item.score) i--;
  list.splice(i, 0, item);
  if (list.length > k) list.pop();
}
