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
    const docLens = this.docLens.finish();
    return {
      lexHashes: hashes,
      lexOffsets: offsets,
      lexPostings: postings,
      lexDocLens: docLens,
      lexTotal: Float32Array.of(this.totalLen),
      ...boundFrontiers(offsets, postings, docLens),
    };
  }
}

/** Terms with at least this many postings get their bound frontier stored (`boundFrontiers`); shorter lists are scanned when bounded. */
export const FRONTIER_MIN_DF = 16;

/**
 * Per term with at least `FRONTIER_MIN_DF` postings, the postings that can give its largest
 * BM25 term-frequency part, whatever the average length and the parameters (k1 ≥ 0, 0 ≤ b ≤ 1):
 * the part tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl)) grows with tf and shrinks with dl, so
 * the largest is at a (tf, dl) that no other posting beats on both, a higher or equal tf at a
 * shorter or equal length. Those pairs (the Pareto frontier, a few per term) are stored as
 * `dl | tf << 24`, highest tf first: `lexBoundTerms` (sorted term positions in `hashes`),
 * `lexBoundAt` (where each one's pairs start in `lexBounds`, and a final end) and `lexBounds`.
 * A term's bound is then a handful of divisions instead of a pass over its postings.
 */
function boundFrontiers(offsets: Uint32Array, postings: Uint32Array, docLens: Uint32Array): Record<string, Uint32Array> {
  const terms = new Grow(Uint32Array, 1 << 12);
  const at = new Grow(Uint32Array, 1 << 12);
  const points = new Grow(Uint32Array, 1 << 14);
  // Per term frequency, the shortest length seen (reset after each term for the frequencies seen).
  const shortest = new Uint32Array(256).fill(0xffffffff);
  const seen = new Uint8Array(256);
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) {
    const from = offsets[i] as number;
    const to = offsets[i + 1] as number;
    if (to - from < FRONTIER_MIN_DF) continue;
    let top = 0;
    for (let p = from; p < to; p++) {
      const v = postings[p] as number;
      const tf = v >>> 24;
      const dl = Math.min(docLens[v & DOC_MASK] as number, DOC_MASK);
      seen[tf] = 1;
      if (dl < (shortest[tf] as number)) shortest[tf] = dl;
      if (tf > top) top = tf;
    }
    terms.push(i);
    at.push(points.length);
    let best = 0xffffffff;
    for (let tf = top; tf >= 0; tf--) {
      if (seen[tf] === 0) continue;
      const dl = shortest[tf] as number;
      if (dl < best) {
        points.push((dl | (tf << 24)) >>> 0);
        best = dl;
      }
      seen[tf] = 0;
      shortest[tf] = 0xffffffff;
    }
  }
  at.push(points.length);
  return { lexBoundTerms: terms.finish(), lexBoundAt: at.finish(), lexBounds: points.finish() };
}

/** Bits of a hash that pick its bucket in `LexicalIndex.find`. */
const BUCKET_BITS = 16;

/** The read side of one segment's lexical index. */
export class LexicalIndex {
  readonly hashes: Uint32Array;
  readonly offsets: Uint32Array;
  readonly docLens: Uint32Array;
  readonly totalLen: number;
  /** The stored bound frontiers (`boundFrontiers`): terms (sorted positions in `hashes`), where each one's pairs start, and the pairs. */
  readonly boundTerms: Uint32Array;
  readonly boundAt: Uint32Array;
  readonly bounds: Uint32Array;
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
    this.boundTerms = pack.get('lexBoundTerms');
    this.boundAt = pack.get('lexBoundAt');
    this.bounds = pack.get('lexBounds');
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

  /**
   * Where the hashes with each value of their top `BUCKET_BITS` bits start in `hashes` (and a
   * final end), made when first needed: a look-up then searches a few dozen neighbouring hashes
   * instead of the whole array, whose binary search missed the processor's caches at nearly
   * every step (a question looks up about a hundred hashes per segment).
   */
  private buckets: Uint32Array | null = null;

  private bucketStarts(): Uint32Array {
    const hashes = this.hashes;
    const starts = new Uint32Array((1 << BUCKET_BITS) + 1);
    let i = 0;
    for (let b = 0; b < 1 << BUCKET_BITS; b++) {
      starts[b] = i;
      while (i < hashes.length && (hashes[i] as number) >>> (32 - BUCKET_BITS) === b) i++;
    }
    starts[1 << BUCKET_BITS] = hashes.length;
    return starts;
  }

  /** Index of the term in `hashes`, or -1. */
  find(hash: number): number {
    const buckets = (this.buckets ??= this.bucketStarts());
    const b = hash >>> (32 - BUCKET_BITS);
    let lo = buckets[b] as number;
    let hi = (buckets[b + 1] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.hashes[mid] as number;
      if (v < hash) lo = mid + 1;
      else if (v > hash) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Where term `i`'s bound frontier is in `boundTerms` (its pairs: `bounds` from `boundAt` at it to `boundAt` after it), or -1 when it has none stored. */
  frontierOf(i: number): number {
    const terms = this.boundTerms;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = terms[mid] as number;
      if (v < i) lo = mid + 1;
      else if (v > i) hi = mid - 1;
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
  /**
   * k1 and b in collections of `minPassagesForCut` passages or more. Measured on the lexical
   * list of the ViNewsQA dev questions (docs/benchmarks.md): with 5,000 distractors article
   * R@1 73.4 at 1.2 / 0.5, 74.0-74.7 at k1 0.5-0.9 with b 0.2-0.3; at 35,932 articles 65.2
   * against 66.5-67.0; whole answers at 35k R@1 68.2 → 69.2, R@10 82.5 → 83.4. In the small
   * collections (ViNewsQA's 500 articles alone, the two seed articles) they lost: dialogue
   * answers 90.9 → 87.3, claim evidence 98.2 → 94.8.
   */
  large: { k1: number; b: number };
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.5, maxDfRatio: 0.1, minPassagesForCut: 20_000, large: { k1: 0.8, b: 0.3 } };

/** The parameters that score a collection of `n` passages: `large`'s k1 and b from `minPassagesForCut` passages on. */
export function bm25For(n: number, params: Bm25Params = DEFAULT_BM25): Bm25Params {
  return n >= params.minPassagesForCut ? { ...params, k1: params.large.k1, b: params.large.b } : params;
}

/**
 * The parameters a database's stored impacts are computed with, whatever the collection's size:
 * an impact stands for a term's count in a passage of a given length (`frequencyOf`), so it is
 * part of the stored format; scoring uses `bm25For` on the counts.
 */
export const IMPACT_BM25: Bm25Params = { ...DEFAULT_BM25, k1: 1.2, b: 0.5 };

export interface ScoredDoc {
  segment: number;
  doc: number;
  score: number;
}

/** The document frequency above which a term is common in a collection of `n` passages (`maxDfRatio`; Infinity below `minPassagesForCut`). */
export function commonTermCut(n: number, params: Bm25Params = DEFAULT_BM25): number {
  return n >= params.minPassagesForCut ? params.maxDfRatio * n : Infinity;
}

/**
 * What each query term weighs in BM25: its inverse document frequency times its query weight,
 * or 0 for a term no passage has and for a common term that the cut skips (`maxDfRatio`).
 * Both stores weigh terms with this one function, so that they rank alike.
 */
export function bm25TermWeights(n: number, dfs: readonly number[], terms: readonly QueryTerm[], params: Bm25Params = DEFAULT_BM25): number[] {
  const cutAt = commonTermCut(n, params);
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

/** Candidates are looked up one by one in a list longer than this many times their number; else the list is walked. */
const GALLOP_RATIO = 4;

/**
 * The threshold is the k-th best of the first this many passages matched: matched first by
 * the rarest terms, they hold the best partial scores, and the pass over them stays short.
 */
const THRESHOLD_SAMPLE = 4096;

/** An accumulator touched at more than one passage in this many is cleared all at once. */
const CLEAR_AT_ONCE = 16;

/** Work done by the last `Bm25Scratch.search`: postings scored one after another, and passages looked up in a term's postings. */
export interface Bm25Work {
  scored: number;
  probed: number;
  /** Thresholds computed (each a pass over the passages matched so far). */
  tests: number;
}

/**
 * A passage's length normalisation k1·(1 − b + b·dl/avgdl), computed in double precision and
 * rounded to single: the form every posting is scored with (`Bm25Scratch`) and every bound is
 * computed with, so that a bound is exactly the largest part it bounds. Single precision
 * halves the array each posting looks up at random (1 MB → 0.5 MB per 131,000 passages, within
 * a core's cache beside the accumulator); BM25 alone at 35,000 articles, five alternated
 * pairs, p50 / p95 0.80-0.87 / 1.89-2.10 → 0.76-0.83 / 1.81-1.96 ms, lower in every pair. It
 * moves a score by at most a few parts in ten million.
 */
export function passageNorm(dl: number, avgdl: number, params: Bm25Params): number {
  return Math.fround(params.k1 * (1 - params.b + (params.b * dl) / avgdl));
}

/**
 * What BM25 reuses across the queries of one opened index: corpus-wide N and average length,
 * each passage's length normalisation (`passageNorm`, computed once), one accumulator,
 * touched list and candidate list per segment, cleared after each query instead of allocated.
 * Each term's score bound (below) comes from the frontier stored with the segment
 * (`termBound`), or from its postings when its list is short.
 *
 * Scoring walks the terms in one fixed order, the rarest first, and stops walking
 * whole postings lists as soon as they cannot change the k best (the "continue" form of
 * MaxScore): before each term, if the most that term and all the ones after it can add up to
 * (the sum of their weights times the largest term-frequency part among their postings) is
 * below the k-th best score so far, a passage that none of the earlier terms matched cannot
 * enter the k best. The remaining terms are then only looked up, by galloping through their
 * postings, for the passages already matched that can still reach the k-th score, and the
 * others are dropped as soon as they cannot. The common terms, whose lists are the longest,
 * come last and are mostly looked up rather than walked. Every passage kept is scored in the
 * same order and float32 accumulator as by walking every posting, so the k best passages,
 * their order and their scores are exactly those of the exhaustive walk.
 */
export class Bm25Scratch {
  readonly n: number;
  readonly avgdl: number;
  private readonly norms: Float32Array[];
  private readonly accs: Float32Array[];
  private readonly touched: Uint32Array[];
  /** Per segment: 1 for the passages still in the running once the lists are no longer walked. */
  private readonly marks: Uint8Array[];
  /** Passages still in the running once the lists are no longer walked (one segment at a time). */
  private candidates = new Uint32Array(1024);
  /** The k best passages so far, across the segments of one search. */
  private readonly top = new TopK();
  /** A min-heap of the k best partial scores, for the threshold. */
  private best = new Float64Array(128);
  /** Whether the parameters let terms be bounded by their stored frontiers (`termBound`). */
  private readonly frontiers: boolean;
  /** What the last search did (work counters for benchmarks and tests). */
  readonly work: Bm25Work = { scored: 0, probed: 0, tests: 0 };

  /** The parameters this collection is scored with (`bm25For` its size). */
  readonly params: Bm25Params;

  constructor(
    readonly segments: readonly LexicalIndex[],
    params: Bm25Params = DEFAULT_BM25,
  ) {
    let n = 0;
    let total = 0;
    for (const s of segments) {
      n += s.size;
      total += s.totalLen;
    }
    this.n = n;
    this.avgdl = n ? total / n : 0;
    this.params = bm25For(n, params);
    const { k1, b } = this.params;
    this.norms = segments.map((seg) => {
      const out = new Float32Array(seg.size);
      for (let d = 0; d < seg.size; d++) out[d] = passageNorm(seg.docLens[d] as number, this.avgdl, this.params);
      return out;
    });
    this.accs = segments.map((seg) => new Float32Array(seg.size));
    this.touched = segments.map((seg) => new Uint32Array(seg.size));
    this.marks = segments.map((seg) => new Uint8Array(seg.size));
    this.frontiers = k1 >= 0 && b >= 0 && b <= 1;
  }

  /**
   * The largest term-frequency part, tf·(k1 + 1) / (tf + norm), of term `i`'s postings in
   * segment `si`: a term weighing `w` adds at most `w` times it to any passage's score. Taken
   * from the term's stored frontier when it has one and the parameters keep the part growing
   * with tf and shrinking with length (k1 ≥ 0, 0 ≤ b ≤ 1), each pair's norm computed as the
   * passage's own is; else from its postings.
   */
  termBound(si: number, i: number): number {
    const seg = this.segments[si] as LexicalIndex;
    let bound = 0;
    const k1p = this.params.k1 + 1;
    const f = this.frontiers ? seg.frontierOf(i) : -1;
    if (f >= 0) {
      const pairs = seg.bounds;
      const end = seg.boundAt[f + 1] as number;
      for (let p = seg.boundAt[f] as number; p < end; p++) {
        const v = pairs[p] as number;
        // The same operations as scoring a posting, so the bound is the scored part exactly.
        const tf = v >>> 24;
        const part = (tf * k1p) / (tf + passageNorm(v & DOC_MASK, this.avgdl, this.params));
        if (part > bound) bound = part;
      }
      return bound;
    }
    const norm = this.norms[si] as Float32Array;
    const postings = seg.postingsOf(i);
    const end = postings.length;
    for (let p = 0; p < end; p++) {
      const v = postings[p] as number;
      const tf = v >>> 24;
      const part = (tf * k1p) / (tf + (norm[v & DOC_MASK] as number));
      if (part > bound) bound = part;
    }
    return bound;
  }

  /**
   * BM25 across segments with corpus-wide statistics (N, average length, document frequency),
   * so that scores from different segments are comparable. `alive(segment, doc)` hides deleted
   * or filtered passages. Runs synchronously: the scratch arrays are shared by all queries.
   * Ties are broken by the order in which passages were first matched. Segments for which
   * `walks(segment)` is false hold no passage `alive` admits, and are not walked.
   */
  search(terms: readonly QueryTerm[], k: number, alive: (segment: number, doc: number) => boolean, walks?: (segment: number) => boolean): ScoredDoc[] {
    const { segments, params, n } = this;
    this.work.scored = 0;
    this.work.probed = 0;
    this.work.tests = 0;
    if (n === 0 || terms.length === 0) return [];
    const nq = terms.length;
    const ns = segments.length;
    // Each term's position in each segment (-1: absent), and its corpus-wide df.
    const found = new Int32Array(nq * ns);
    const dfs = new Array<number>(nq).fill(0);
    for (let si = 0; si < ns; si++) {
      const seg = segments[si] as LexicalIndex;
      for (let ti = 0; ti < nq; ti++) {
        const i = seg.find((terms[ti] as QueryTerm).hash);
        found[si * nq + ti] = i;
        if (i >= 0) dfs[ti] = (dfs[ti] as number) + (seg.offsets[i + 1] as number) - (seg.offsets[i] as number);
      }
    }
    // Typed, so that the optimised code sees one kind of array whether the weights are whole numbers or not.
    const weights = Float64Array.from(bm25TermWeights(n, dfs, terms, params));
    // The scoring order: rarest first (the longest lists last, where they can be skipped), then as asked.
    const order: number[] = [];
    for (let ti = 0; ti < nq; ti++) if ((weights[ti] as number) > 0) order.push(ti);
    order.sort((a, b) => (dfs[a] as number) - (dfs[b] as number) || a - b);
    const m = order.length;
    // A bound computed in double precision, on a score added up in float32 over at most m
    // terms, is raised by more than the rounding of those additions can move the score.
    const slack = 1 + 1e-6 + m * 2.5e-7;
    const heap = this.top;
    heap.reset(k);
    const at = new Int32Array(m);
    const rest = new Float64Array(m + 1);
    for (let si = 0; si < ns; si++) {
      if (walks && !walks(si)) continue;
      const seg = segments[si] as LexicalIndex;
      for (let j = 0; j < m; j++) at[j] = found[si * nq + (order[j] as number)] as number;
      this.searchSegment(si, seg, order, weights, at, rest, slack, k, alive, heap);
    }
    return heap.sorted();
  }

  private searchSegment(
    si: number,
    seg: LexicalIndex,
    order: readonly number[],
    weights: Float64Array,
    at: Int32Array,
    rest: Float64Array,
    slack: number,
    k: number,
    alive: (segment: number, doc: number) => boolean,
    heap: TopK,
  ): void {
    const acc = this.accs[si] as Float32Array;
    const touched = this.touched[si] as Uint32Array;
    const norm = this.norms[si] as Float32Array;
    const { offsets } = seg;
    const k1p = this.params.k1 + 1;
    const m = order.length;
    // Postings left to walk from term j on; bounds (`rest`) are computed when first tested.
    let left = 0;
    for (let j = 0; j < m; j++) {
      const i = at[j] as number;
      if (i >= 0) left += (offsets[i + 1] as number) - (offsets[i] as number);
    }
    let bounded = m;
    let nt = 0;
    let j = 0;
    let threshold = 0;
    let tested = m;
    let pruned = false;
    for (; j < m; j++) {
      const i = at[j] as number;
      if (i < 0) continue;
      // Testing costs a pass over the passages matched so far: worth it when more postings than that are left.
      if (nt > 0 && left > nt) {
        if (bounded === m) {
          rest[m] = 0;
          for (let r = m - 1; r >= j; r--) {
            const ri = at[r] as number;
            rest[r] = (rest[r + 1] as number) + (ri < 0 ? 0 : (weights[order[r] as number] as number) * this.termBound(si, ri));
          }
          bounded = j;
        }
        // A passage's partial score has grown by at most the bounds of the terms walked since the
        // last test, and so has the k-th best: no test while that cannot bring it above the bound.
        if (tested === m || (rest[j] as number) * slack < threshold + (rest[tested] as number) - (rest[j] as number)) {
          threshold = this.threshold(si, acc, touched, Math.min(nt, THRESHOLD_SAMPLE), k, alive, heap, threshold);
          tested = j;
          this.work.tests++;
          if (threshold > 0 && (rest[j] as number) * slack < threshold) {
            pruned = true;
            break;
          }
        }
      }
      const w = weights[order[j] as number] as number;
      // Read after the bounds above: the postings may be a buffer that the next read reuses.
      const postings = seg.postingsOf(i);
      const start = 0;
      const end = postings.length;
      for (let p = start; p < end; p++) {
        const v = postings[p] as number;
        const d = v & DOC_MASK;
        const tf = v >>> 24;
        const add = (w * tf * k1p) / (tf + (norm[d] as number));
        if (acc[d] === 0 && add > 0) touched[nt++] = d;
        acc[d] = (acc[d] as number) + add;
      }
      this.work.scored += end - start;
      left -= end - start;
    }
    const marks = this.marks[si] as Uint8Array;
    if (pruned) {
      // The passages matched so far that may still reach the threshold, in passage order.
      if (this.candidates.length < nt) this.candidates = new Uint32Array(Math.max(nt, 2 * this.candidates.length));
      const cand = this.candidates;
      let nc = 0;
      const r0 = rest[j] as number;
      for (let t = 0; t < nt; t++) {
        const d = touched[t] as number;
        if (((acc[d] as number) + r0) * slack >= threshold) cand[nc++] = d;
      }
      for (let c = 0; c < nc; c++) marks[cand[c] as number] = 1;
      let sorted = false;
      for (; j < m && nc > 0; j++) {
        const i = at[j] as number;
        if (i < 0) continue;
        const w = weights[order[j] as number] as number;
        const postings = seg.postingsOf(i);
        const start = 0;
        const end = postings.length;
        if (nc * GALLOP_RATIO < end - start) {
          // Few candidates: each is looked up by galloping to it, in passage order.
          if (!sorted) {
            cand.subarray(0, nc).sort();
            sorted = true;
          }
          let p = start;
          for (let c = 0; c < nc; c++) {
            const d = cand[c] as number;
            if (p < end && ((postings[p] as number) & DOC_MASK) < d) {
              let lo = p;
              let step = 1;
              let hi = p + 1;
              while (hi < end && ((postings[hi] as number) & DOC_MASK) < d) {
                lo = hi;
                step *= 2;
                hi = lo + step;
              }
              if (hi > end) hi = end;
              // postings[lo] is before d; the first posting at or after d is in (lo, hi].
              lo++;
              while (lo < hi) {
                const mid = (lo + hi) >>> 1;
                if (((postings[mid] as number) & DOC_MASK) < d) lo = mid + 1;
                else hi = mid;
              }
              p = lo;
            }
            if (p < end) {
              const v = postings[p] as number;
              if ((v & DOC_MASK) === d) {
                const tf = v >>> 24;
                acc[d] = (acc[d] as number) + (w * tf * k1p) / (tf + (norm[d] as number));
                p++;
              }
            }
          }
          this.work.probed += nc;
        } else {
          // Many: the list is walked, scoring only the candidates.
          for (let p = start; p < end; p++) {
            const v = postings[p] as number;
            const d = v & DOC_MASK;
            if (marks[d] === 0) continue;
            const tf = v >>> 24;
            acc[d] = (acc[d] as number) + (w * tf * k1p) / (tf + (norm[d] as number));
          }
          this.work.scored += end - start;
        }
        // Those that can no longer reach the threshold are dropped.
        const r = rest[j + 1] as number;
        let kept = 0;
        for (let c = 0; c < nc; c++) {
          const d = cand[c] as number;
          if (((acc[d] as number) + r) * slack >= threshold) cand[kept++] = d;
          else marks[d] = 0;
        }
        nc = kept;
      }
    }
    if (!pruned) {
      for (let t = 0; t < nt; t++) {
        const d = touched[t] as number;
        const score = acc[d] as number;
        acc[d] = 0;
        if (heap.full && score <= heap.worst) continue;
        if (!alive(si, d)) continue;
        heap.offer(si, d, score);
      }
      return;
    }
    // Only the passages still marked are offered, in the order they were first matched (ties
    // go to the first); the accumulator is cleared apart, at once when much of it was touched
    // (one pass over memory instead of tens of thousands of lookups at random).
    for (let t = 0; t < nt; t++) {
      const d = touched[t] as number;
      if (marks[d] === 0) continue;
      marks[d] = 0;
      const score = acc[d] as number;
      if (heap.full && score <= heap.worst) continue;
      if (!alive(si, d)) continue;
      heap.offer(si, d, score);
    }
    if (nt * CLEAR_AT_ONCE > acc.length) acc.fill(0);
    else for (let t = 0; t < nt; t++) acc[touched[t] as number] = 0;
  }

  /**
   * A lower bound of the final k-th best score: the highest of the k-th best partial score of
   * the first `nt` live passages of segment `si` matched (scores only grow), the k-th best of
   * the earlier segments, and `previous` (an earlier bound); 0 while none is known.
   */
  private threshold(
    si: number,
    acc: Float32Array,
    touched: Uint32Array,
    nt: number,
    k: number,
    alive: (segment: number, doc: number) => boolean,
    heap: TopK,
    previous: number,
  ): number {
    const floor = Math.max(previous, heap.full ? heap.worst : 0);
    if (this.best.length < k) this.best = new Float64Array(k);
    const h = this.best;
    let size = 0;
    for (let t = 0; t < nt; t++) {
      const d = touched[t] as number;
      const s = acc[d] as number;
      if (s <= floor || (size === k && s <= (h[0] as number)) || !alive(si, d)) continue;
      if (size < k) {
        // Sift up.
        let c = size++;
        while (c > 0) {
          const parent = (c - 1) >> 1;
          if ((h[parent] as number) <= s) break;
          h[c] = h[parent] as number;
          c = parent;
        }
        h[c] = s;
      } else {
        // Replace the smallest and sift down.
        let c = 0;
        for (;;) {
          let child = 2 * c + 1;
          if (child >= k) break;
          if (child + 1 < k && (h[child + 1] as number) < (h[child] as number)) child++;
          if ((h[child] as number) >= s) break;
          h[c] = h[child] as number;
          c = child;
        }
        h[c] = s;
      }
    }
    return size === k ? Math.max(floor, h[0] as number) : floor;
  }
}

/**
 * The k best passages offered, as a min-heap in typed arrays (no object per offer): the best
 * score first, and of equal scores the one offered first, as a list kept sorted by insertion
 * would hold them; a passage offered with the k-th score when k are held is not taken. Each
 * passage held keeps its slot; the heap orders the slots.
 */
class TopK {
  private k = 0;
  private size = 0;
  private offered = 0;
  private scores = new Float64Array(0);
  private segments = new Uint32Array(0);
  private docs = new Uint32Array(0);
  /** When each was offered: of equal scores, the later is the worse. */
  private seqs = new Uint32Array(0);
  /** The slots, worst first (a binary min-heap). */
  private heap = new Uint32Array(0);

  reset(k: number): void {
    if (this.scores.length < k) {
      this.scores = new Float64Array(k);
      this.segments = new Uint32Array(k);
      this.docs = new Uint32Array(k);
      this.seqs = new Uint32Array(k);
      this.heap = new Uint32Array(k);
    }
    this.k = k;
    this.size = 0;
    this.offered = 0;
  }

  get full(): boolean {
    return this.size >= this.k;
  }

  /** The worst score held (the k-th best once full). */
  get worst(): number {
    return this.scores[this.heap[0] as number] as number;
  }

  /** Whether the passage in heap position a is worse than the one in position b. */
  private worse(a: number, b: number): boolean {
    const x = this.heap[a] as number;
    const y = this.heap[b] as number;
    const sx = this.scores[x] as number;
    const sy = this.scores[y] as number;
    return sx < sy || (sx === sy && (this.seqs[x] as number) > (this.seqs[y] as number));
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a] as number;
    this.heap[a] = this.heap[b] as number;
    this.heap[b] = t;
  }

  /** Takes the passage when fewer than k are held or it beats the worst held (callers test `worst` first). */
  offer(segment: number, doc: number, score: number): void {
    if (this.k === 0) return;
    let at: number;
    if (this.size < this.k) {
      at = this.size++;
      this.heap[at] = at;
    } else if (score <= this.worst) return;
    else at = 0;
    const slot = this.heap[at] as number;
    this.scores[slot] = score;
    this.segments[slot] = segment;
    this.docs[slot] = doc;
    this.seqs[slot] = this.offered++;
    if (at > 0) {
      // Sift up the new last entry.
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.worse(at, parent)) break;
        this.swap(at, parent);
        at = parent;
      }
      return;
    }
    // Sift down the new root.
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.worse(child + 1, child)) child++;
      if (!this.worse(child, at)) break;
      this.swap(at, child);
      at = child;
    }
  }

  /** The passages held, best first (of equal scores, the first offered first). */
  sorted(): ScoredDoc[] {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => (this.scores[b] as number) - (this.scores[a] as number) || (this.seqs[a] as number) - (this.seqs[b] as number));
    return order.map((i) => ({ segment: this.segments[i] as number, doc: this.docs[i] as number, score: this.scores[i] as number }));
  }
}
