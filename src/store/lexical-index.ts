import { InternalError } from '../errors.js';
import { TermSink, scanTerms } from '../text/term-scan.js';
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
 * folded, hashed into 32 bits (`text/term-hashes.ts`, computed in one pass by
 * `text/term-scan.ts`). Terms are stored as sorted hashes, so the index needs no string
 * dictionary in memory.
 */

/**
 * Builds a segment's postings. Each distinct term hash gets a dense id the first time it is
 * seen (one open-addressing probe per term occurrence), passages are kept as lists of
 * (term id, tf), and `finish` lays the postings out with a counting sort: no `Map` per
 * posting, no string per term.
 */
/** Passage bits of a posting (the rest is its term frequency). */
export const DOC_MASK = 0xffffff;

export class LexicalBuilder {
  // hash -> term id + 1 (0: empty), open addressing with linear probing.
  private keys = new Uint32Array(1 << 16);
  private vals = new Int32Array(1 << 16);
  private distinct = 0;
  private termHash = new Grow(Uint32Array, 1 << 14);
  private df = new Grow(Uint32Array, 1 << 14);
  /** Per term id: the last passage it was counted in, and where its tf is. */
  private lastDoc = new Int32Array(1 << 14).fill(-1);
  private slot = new Uint32Array(1 << 14);
  /** Per passage, its (term id, tf) entries, passage after passage: `docTerms` / `docTfs` up to `entries`. */
  private docTerms = new Uint32Array(1 << 16);
  private docTfs = new Uint8Array(1 << 16);
  private entries = 0;
  private readonly docEnds = new Grow(Uint32Array, 1 << 10);
  private readonly docLens = new Grow(Uint32Array, 1 << 10);
  private readonly sink = new TermSink();
  private totalLen = 0;

  /** The last title scanned and its hashes: an article's passages come one after another with the same title. */
  private title: string | null = null;
  private titleMarked = new Uint32Array(0);
  private titleFolded = new Uint32Array(0);

  /** Adds the next passage: its text and its article's title (indexed with it). */
  addPassage(text: string, title: string): void {
    const sink = this.sink;
    sink.reset();
    if (title === this.title) sink.append(this.titleMarked, this.titleFolded, this.titleMarked.length);
    else {
      scanTerms(title, sink);
      this.title = title;
      this.titleMarked = sink.marked.slice(0, sink.length);
      this.titleFolded = sink.folded.slice(0, sink.length);
    }
    scanTerms(text, sink);
    this.addHashes(sink.marked, sink.folded, sink.length);
  }

  /** Adds the next passage from its marked and folded term hashes (`n` of each). */
  addHashes(marked: Uint32Array, folded: Uint32Array, n: number): void {
    const d = this.docEnds.length;
    // A passage adds at most one entry per hash.
    if (this.entries + 2 * n > this.docTerms.length) {
      let size = this.docTerms.length * 2;
      while (size < this.entries + 2 * n) size *= 2;
      const terms = new Uint32Array(size);
      terms.set(this.docTerms.subarray(0, this.entries));
      this.docTerms = terms;
      const tfs = new Uint8Array(size);
      tfs.set(this.docTfs.subarray(0, this.entries));
      this.docTfs = tfs;
    }
    // Where a term lands in a passage's entries does not matter: `finish` orders postings by passage.
    this.countAll(marked, n, d);
    this.countAll(folded, n, d);
    // Each term is counted in both forms; the length is that of one form.
    this.docEnds.push(this.entries);
    this.docLens.push(n);
    this.totalLen += n;
  }

  /** Counts `n` hashes into passage `d`'s entries: the builder's hot loop, with its arrays held in locals. */
  private countAll(hs: Uint32Array, n: number, d: number): void {
    let keys = this.keys;
    let vals = this.vals;
    let mask = keys.length - 1;
    let lastDoc = this.lastDoc;
    let slot = this.slot;
    let df = this.df.buf;
    const docTerms = this.docTerms;
    const docTfs = this.docTfs;
    let at = this.entries;
    for (let i = 0; i < n; i++) {
      const h = hs[i] as number;
      let p = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
      let id = -1;
      for (;;) {
        const v = vals[p] as number;
        if (v === 0) break;
        if (keys[p] === h) {
          id = v - 1;
          break;
        }
        p = (p + 1) & mask;
      }
      if (id < 0) {
        id = this.newTerm(h, p);
        keys = this.keys;
        vals = this.vals;
        mask = keys.length - 1;
        lastDoc = this.lastDoc;
        slot = this.slot;
        df = this.df.buf;
      }
      if (lastDoc[id] !== d) {
        lastDoc[id] = d;
        slot[id] = at;
        docTerms[at] = id;
        docTfs[at] = 1;
        at++;
        df[id] = (df[id] as number) + 1;
      } else {
        const e = slot[id] as number;
        const tf = docTfs[e] as number;
        if (tf < 255) docTfs[e] = tf + 1;
      }
    }
    this.entries = at;
  }

  /** Gives hash `h` (not yet seen; `p` is the empty slot its probe ended on) the next term id. */
  private newTerm(h: number, p: number): number {
    const id = this.distinct++;
    this.keys[p] = h;
    this.vals[p] = id + 1;
    this.termHash.push(h);
    this.df.push(0);
    if (id >= this.lastDoc.length) {
      const last = new Int32Array(this.lastDoc.length * 2).fill(-1);
      last.set(this.lastDoc);
      this.lastDoc = last;
      const slot = new Uint32Array(this.slot.length * 2);
      slot.set(this.slot);
      this.slot = slot;
    }
    if (this.distinct * 2 > this.keys.length) {
      const keys = this.keys;
      const vals = this.vals;
      this.keys = new Uint32Array(keys.length * 2);
      this.vals = new Int32Array(keys.length * 2);
      const mask = this.keys.length - 1;
      for (let j = 0; j < keys.length; j++) {
        const v = vals[j] as number;
        if (v === 0) continue;
        let k = (Math.imul(keys[j] as number, 0x9e3779b1) >>> 0) & mask;
        while (this.vals[k] !== 0) k = (k + 1) & mask;
        this.keys[k] = keys[j] as number;
        this.vals[k] = v;
      }
    }
    return id;
  }

  finish(): Record<string, PackArray> {
    const n = this.distinct;
    const termHash = this.termHash.buf;
    const df = this.df.buf;
    // Term ids in hash order.
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (termHash[a] as number) - (termHash[b] as number));
    const hashes = new Uint32Array(n);
    const offsets = new Uint32Array(n + 1);
    const cursor = new Uint32Array(n);
    let pos = 0;
    for (let r = 0; r < n; r++) {
      const id = order[r] as number;
      hashes[r] = termHash[id] as number;
      offsets[r] = pos;
      cursor[id] = pos;
      pos += df[id] as number;
    }
    offsets[n] = pos;
    const docTerms = this.docTerms;
    const docTfs = this.docTfs;
    const docEnds = this.docEnds.buf;
    const postings = new Uint32Array(pos);
    let start = 0;
    const passages = this.docEnds.length;
    if (passages > DOC_MASK + 1) throw new InternalError(`a segment holds at most ${DOC_MASK + 1} passages (${passages} given)`);
    for (let d = 0; d < passages; d++) {
      const end = docEnds[d] as number;
      for (let j = start; j < end; j++) {
        const id = docTerms[j] as number;
        const p = cursor[id] as number;
        postings[p] = (d | ((docTfs[j] as number) << 24)) >>> 0;
        cursor[id] = p + 1;
      }
      start = end;
    }
    return {
      lexHashes: hashes,
      lexOffsets: offsets,
      lexPostings: postings,
      lexDocLens: this.docLens.finish(),
      lexTotal: Float32Array.of(this.totalLen),
    };
  }
}

/** The read side of one segment's lexical index. */
export class LexicalIndex {
  readonly hashes: Uint32Array;
  readonly offsets: Uint32Array;
  readonly docLens: Uint32Array;
  readonly totalLen: number;
  /** Postings [from, to) of all terms, read where they are kept (see `postingsOf`). */
  private readonly readPostings: (from: number, to: number) => Uint32Array;

  /**
   * The index over a pack's arrays. The postings are the pack's `lexPostings` unless
   * `readPostings` reads them from elsewhere (a segment reads them from its file by position).
   */
  constructor(pack: Pack, readPostings?: (from: number, to: number) => Uint32Array) {
    this.hashes = pack.get('lexHashes');
    this.offsets = pack.get('lexOffsets');
    this.docLens = pack.get('lexDocLens');
    this.totalLen = (pack.get<Float32Array>('lexTotal')[0] as number) ?? 0;
    if (readPostings) this.readPostings = readPostings;
    else {
      const all = pack.get<Uint32Array>('lexPostings');
      this.readPostings = (from, to) => all.subarray(from, to);
    }
  }

  /**
   * The postings of term `i` (its index in `hashes`), in passage order: the passage in the low
   * 24 bits (`DOC_MASK`), its term frequency in the high 8 (capped at 255: a passage is at most
   * ~900 characters plus its title). The array may be a buffer that the next call reuses.
   */
  postingsOf(i: number): Uint32Array {
    return this.readPostings(this.offsets[i] as number, this.offsets[i + 1] as number);
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
 * What each query term weighs in BM25: its inverse document frequency times its query weight,
 * or 0 for a term no passage has and for a common term that the cut skips (`maxDfRatio`).
 * Both stores weigh terms with this one function, so that they rank alike.
 */
export function bm25TermWeights(n: number, dfs: readonly number[], terms: readonly QueryTerm[], params: Bm25Params = DEFAULT_BM25): number[] {
  const cutAt = n >= params.minPassagesForCut ? params.maxDfRatio * n : Infinity;
  const common = dfs.map((df) => df > cutAt);
  const keepCommon = common.every((c, i) => c || dfs[i] === 0);
  return terms.map((t, i) => {
    const df = dfs[i] ?? 0;
    if (df === 0 || (common[i] && !keepCommon) || t.weight <= 0) return 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5)) * t.weight;
  });
}

/** BM25's term-frequency part for a term seen `tf` times in a passage of length `dl`. */
export function bm25TermFrequency(tf: number, dl: number, avgdl: number, params: Bm25Params = DEFAULT_BM25): number {
  const { k1, b } = params;
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * dl) / avgdl));
}

/**
 * What BM25 reuses across the queries of one opened index: corpus-wide N and average length,
 * each passage's length normalisation k1·(1 − b + b·dl/avgdl) (computed once, in double
 * precision, so scores are exactly those of computing it per posting), and one accumulator
 * and touched list per segment, cleared after each query instead of allocated.
 */
export class Bm25Scratch {
  readonly n: number;
  readonly avgdl: number;
  private readonly norms: Float64Array[];
  private readonly accs: Float32Array[];
  private readonly touched: Uint32Array[];

  constructor(
    readonly segments: readonly LexicalIndex[],
    readonly params: Bm25Params = DEFAULT_BM25,
  ) {
    let n = 0;
    let total = 0;
    for (const s of segments) {
      n += s.size;
      total += s.totalLen;
    }
    this.n = n;
    this.avgdl = n ? total / n : 0;
    const { k1, b } = params;
    this.norms = segments.map((seg) => {
      const out = new Float64Array(seg.size);
      for (let d = 0; d < seg.size; d++) out[d] = k1 * (1 - b + (b * (seg.docLens[d] as number)) / this.avgdl);
      return out;
    });
    this.accs = segments.map((seg) => new Float32Array(seg.size));
    this.touched = segments.map((seg) => new Uint32Array(seg.size));
  }

  /**
   * BM25 across segments with corpus-wide statistics (N, average length, document frequency),
   * so that scores from different segments are comparable. `alive(segment, doc)` hides deleted
   * or filtered passages. Runs synchronously: the scratch arrays are shared by all queries.
   */
  search(terms: readonly QueryTerm[], k: number, alive: (segment: number, doc: number) => boolean): ScoredDoc[] {
    const { segments, params, n } = this;
    if (n === 0 || terms.length === 0) return [];
    const dfs = terms.map((t) => {
      let df = 0;
      for (const s of segments) df += s.df(t.hash);
      return df;
    });
    const weights = bm25TermWeights(n, dfs, terms, params);
    const heap: ScoredDoc[] = [];
    const k1p = params.k1 + 1;
    segments.forEach((seg, si) => {
      const acc = this.accs[si] as Float32Array;
      const touched = this.touched[si] as Uint32Array;
      const norm = this.norms[si] as Float64Array;
      let nt = 0;
      terms.forEach((t, ti) => {
        const w = weights[ti] as number;
        if (w === 0) return;
        const i = seg.find(t.hash);
        if (i < 0) return;
        const postings = seg.postingsOf(i);
        const end = postings.length;
        for (let p = 0; p < end; p++) {
          const v = postings[p] as number;
          const d = v & DOC_MASK;
          const tf = v >>> 24;
          const add = (w * tf * k1p) / (tf + (norm[d] as number));
          if (acc[d] === 0 && add > 0) touched[nt++] = d;
          acc[d] = (acc[d] as number) + add;
        }
      });
      for (let j = 0; j < nt; j++) {
        const d = touched[j] as number;
        const score = acc[d] as number;
        acc[d] = 0;
        if (heap.length >= k && score <= (heap[heap.length - 1] as ScoredDoc).score) continue;
        if (!alive(si, d)) continue;
        insertSorted(heap, { segment: si, doc: d, score }, k);
      }
    });
    return heap;
  }
}

function insertSorted(list: ScoredDoc[], item: ScoredDoc, k: number): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as ScoredDoc).score < item.score) i--;
  list.splice(i, 0, item);
  if (list.length > k) list.pop();
}
