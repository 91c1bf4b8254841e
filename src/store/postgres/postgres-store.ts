import type pg from 'pg';
import { DEFAULT_BM25, IMPACT_BM25, bm25For, bm25TermFrequency, bm25TermWeights, commonTermCut } from '../lexical-index.js';
import { IndexError, InternalError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { SearchFilter } from '../../types.js';
import type {
  ArticleMatch,
  ParagraphRef,
  PassageHit,
  PassageId,
  PassageLocation,
  QueryTerm,
  Store,
  StoreStats,
  StoredArticle,
  TermStatistics,
} from '../port.js';
import { type Database, ITERATIVE_SCAN } from './database.js';
import { type Generation, changesReadable, checkGeneration, liveIn, readModel, servingGeneration } from './generation.js';
import { Lru } from '../lru.js';
import { POSTING_DEPTH } from './posting-depth.js';
import { float4Array, int4ArrayOf } from './binary-arrays.js';
import { ReplicaGraph } from './replica-graph.js';

/** The channel on which a writer announces a new generation (payload: `schema:generation`). */
export const GENERATION_CHANNEL = 'kiemchung_generation';

/**
 * Lexical search in two steps. First, candidates: each block keeps, per term, the passages
 * where the term weighs most (by BM25 impact, every list sorted best first, `POSTING_DEPTH` at
 * most); a search reads the head of each query term's list, longer for the terms that weigh
 * more (`CANDIDATE_READS` postings in all, at least `MIN_TERM_READS` a term, what a short list
 * leaves shared among the longer ones), in binary, sums them in the replica and keeps the
 * `CANDIDATES` passages with the highest sums. (The lists are read from the database whole,
 * once, and kept by the replica: see `LIST_CACHE_BYTES`.) The whole stored lists and the
 * passages' lengths then give most of each candidate's term counts and bound the rest
 * (`knownCounts`, `narrowCandidates`), and every candidate that can still be among the k best
 * is scored exactly: BM25 over its own term counts (from `passage_terms`, of which the database
 * sends only the counts of the query's terms the lists do not settle), with the
 * generation's N, average length and document frequencies, the weights (idf, the common-term
 * cut) computed by the function the embedded store uses. A term whose whole list fits in what
 * is read (every term, in a collection of a few tens of thousands of passages) is read in full,
 * so the search returns what the embedded store returns; in larger ones, a passage can be
 * missed only when none of its terms puts it near the head of that term's list.
 * docs/benchmarks.md measures both. Under a filter that admits many passages, the heads are
 * summed and scored in SQL, where the filter applies to them.
 */
const CANDIDATE_READS = 20_000;
const MIN_TERM_READS = 200;
const CANDIDATES = 1000;
/** A filter that leaves at most this many passages scores them all exactly instead. */
const EXACT_FILTER_LIMIT = 2000;
/**
 * A vector search under a filter that leaves at most this many passages compares the query
 * with each of them instead of walking the HNSW graph, as the embedded store does (4 × its
 * ef_search, 256 when this limit was set): a graph walk under a narrow filter visits most of the graph.
 */
const EXACT_VECTOR_LIMIT = 1024;

/**
 * Bytes of posting lists a replica keeps: each block's stored list of a term (docs and impacts,
 * whole) is read the first time a search needs it and kept, since a block's postings never
 * change once written (a new generation adds blocks and retires others, and a list kept for a
 * retired block is no longer asked for). Questions share most of their terms: a search reads
 * only the lists of its terms not seen before, and not those of terms too common to weigh. At
 * 35k articles the lists of all 2,474 ViNewsQA dev questions' terms come to 133 MB.
 */
const LIST_CACHE_BYTES = 192 * 2 ** 20;

/**
 * How many postings of each term a search reads (per block, best first): its share of `budget`
 * by weight, at least `MIN_TERM_READS`, at most its whole list; what a short list leaves is shared
 * among the longer ones.
 */
function readShares(terms: readonly { w: number; df: number }[], budget: number): number[] {
  if (terms.reduce((a, t) => a + Math.min(t.df, POSTING_DEPTH), 0) <= budget) return terms.map((t) => Math.min(t.df, POSTING_DEPTH));
  const reads = terms.map(() => 0);
  const order = terms.map((_, i) => i).sort((x, y) => (terms[x] as { df: number }).df - (terms[y] as { df: number }).df);
  let left = budget;
  let weight = terms.reduce((a, t) => a + t.w, 0);
  for (const i of order) {
    const t = terms[i] as { w: number; df: number };
    const share = Math.max(MIN_TERM_READS, Math.round((left * t.w) / Math.max(weight, 1e-9)));
    reads[i] = Math.min(t.df, POSTING_DEPTH, share);
    left = Math.max(0, left - (reads[i] as number));
    weight -= t.w;
  }
  return reads;
}

/** One block's head of one term's list, as read: the term (its index in the query), the list's document frequency in the block, and the served generation's average length over the block's. */
export interface ListHead {
  term: number;
  df: number;
  ratio: number;
  docs: Int32Array;
  imps: Float32Array;
}

/**
 * BM25 of passages from their lengths and their counts of the query's terms: the k best, by
 * score then id, as the exact scoring in SQL computes and orders them (the same operations in
 * the same order, so the same numbers); a passage with none of the terms is no hit.
 */
export function scoreCounts(
  rows: readonly { id: number; length: number; tfs: ArrayLike<number> }[],
  weights: readonly number[],
  perLength: number,
  base: number,
  k: number,
): PassageHit[] {
  const hits: PassageHit[] = [];
  for (const r of rows) {
    let score: number | null = null;
    for (let i = 0; i < r.tfs.length; i++) {
      const tf = r.tfs[i] as number;
      if (tf > 0) {
        const x = ((weights[i] as number) * tf) / (tf + perLength * r.length + base);
        score = score === null ? x : score + x;
      }
    }
    if (score !== null && score > 0) hits.push({ passage: r.id, score });
  }
  return hits.sort((x, y) => y.score - x.score || x.passage - y.passage).slice(0, k);
}

/** One block's stored list of one term, as written: the term's df in the block and its postings, best first. */
interface StoredList {
  df: number;
  docs: Int32Array;
  imps: Float32Array;
  /** Not read: the term was too common for the search that asked (only its df is known). */
  unread?: true;
}

/** What the cache keeps for a block without the term. */
const NO_LIST: StoredList = { df: 0, docs: new Int32Array(0), imps: new Float32Array(0) };

/** A block live in the generation served, and the served average length over the one its impacts were computed with. */
interface LiveBlock {
  block: number;
  ratio: number;
  /** The average length its impacts were computed with (its generation's, as the writer computed it). */
  avgdl: number;
}

/** Relative error allowed for the impacts (stored as 4-byte floats) against the exact scores. */
const IMPACT_SLACK = 1e-6;

/**
 * The candidates of a search from the heads of its terms' lists: the \`limit\` passages with the
 * highest sums of weighted impacts (ties by id), less those that cannot be among the k best by
 * exact BM25. The exact score of a passage lies between bounds the heads give: what its terms
 * found in the heads add, corrected for the average length each block's impacts were computed
 * with, and at most, for each term whose list was not read whole and which the passage was not
 * found in, the last impact read of that term. A candidate whose highest possible score is below
 * the k-th highest lowest possible score of the candidates cannot be among their k best, so
 * leaving it out changes nothing of what the exact scoring of all of them returns. Passages in
 * \`exclude\` (found retired) are no candidates.
 */
export function chooseCandidates(weights: readonly number[], heads: readonly ListHead[], k: number, limit: number, exclude?: ReadonlySet<number>): number[] {
  // The most each term can add to a passage not found in its heads (over every block).
  const rest = new Float64Array(weights.length);
  let bounded = true;
  for (const h of heads) {
    if (h.docs.length >= h.df) continue;
    if (h.docs.length === 0) bounded = false;
    else {
      const most = (weights[h.term] as number) * (h.imps[h.imps.length - 1] as number) * Math.max(1, h.ratio) * (1 + IMPACT_SLACK);
      if (most > (rest[h.term] as number)) rest[h.term] = most;
    }
  }
  let restTotal = 0;
  for (const r of rest) restTotal += r;
  // Each passage's slot, by open addressing (a Map is many times slower at these sizes).
  let size = 0;
  for (const h of heads) size += h.docs.length;
  let capacity = 16;
  while (capacity < 2 * size) capacity *= 2;
  const mask = capacity - 1;
  const { slots, ids, sum, low, high, found } = candidateScratch(capacity, size);
  let n = 0;
  for (const h of heads) {
    const w = weights[h.term] as number;
    const lo = Math.min(1, h.ratio) * (1 - IMPACT_SLACK);
    const hi = Math.max(1, h.ratio) * (1 + IMPACT_SLACK);
    const r = rest[h.term] as number;
    for (let i = 0; i < h.docs.length; i++) {
      const d = h.docs[i] as number;
      if (exclude?.has(d)) continue;
      let at = (Math.imul(d, 0x9e3779b1) >>> 0) & mask;
      let j = slots[at] as number;
      while (j !== -1 && ids[j] !== d) {
        at = (at + 1) & mask;
        j = slots[at] as number;
      }
      if (j === -1) {
        j = n++;
        slots[at] = j;
        ids[j] = d;
      }
      const x = w * (h.imps[i] as number);
      sum[j] = (sum[j] as number) + x;
      low[j] = (low[j] as number) + x * lo;
      high[j] = (high[j] as number) + x * hi;
      found[j] = (found[j] as number) + r;
    }
  }
  // The \`limit\` highest sums: the limit-th sum, then every passage above it and the lowest ids at it.
  let order: number[];
  if (n <= limit) order = Array.from({ length: n }, (_, j) => j);
  else {
    const cut = nthLargest(sum.slice(0, n), limit);
    order = [];
    const at: number[] = [];
    for (let j = 0; j < n; j++) {
      if ((sum[j] as number) > cut) order.push(j);
      else if (sum[j] === cut) at.push(j);
    }
    at.sort((x, y) => (ids[x] as number) - (ids[y] as number));
    for (const j of at) {
      if (order.length >= limit) break;
      order.push(j);
    }
  }
  if (!bounded || order.length <= k) return order.map((j) => ids[j] as number);
  const kth = nthLargest(
    Float64Array.from(order, (j) => low[j] as number),
    k,
  );
  const out: number[] = [];
  for (const j of order) {
    const most = (high[j] as number) + Math.max(0, restTotal - (found[j] as number)) * (1 + IMPACT_SLACK) + restTotal * 1e-12;
    if (most >= kth) out.push(ids[j] as number);
  }
  return out;
}

/** The arrays \`chooseCandidates\` fills, kept between searches. */
interface CandidateScratch {
  slots: Int32Array;
  ids: Int32Array;
  sum: Float64Array;
  low: Float64Array;
  high: Float64Array;
  found: Float64Array;
}
let candidateArrays: CandidateScratch | null = null;

/**
 * \`chooseCandidates\`' arrays for \`capacity\` slots and \`size\` postings, cleared: kept between
 * searches rather than made for each, since a search sums up to 20,000 postings (some 0.8 MB of
 * arrays, each held outside V8's heap, whose making and collecting each search paid for).
 */
function candidateScratch(capacity: number, size: number): CandidateScratch {
  let a = candidateArrays;
  if (!a || a.slots.length < capacity || a.ids.length < size) {
    const room = Math.max(size, a ? a.ids.length : 0);
    a = candidateArrays = {
      slots: new Int32Array(Math.max(capacity, a ? a.slots.length : 0)),
      ids: new Int32Array(room),
      sum: new Float64Array(room),
      low: new Float64Array(room),
      high: new Float64Array(room),
      found: new Float64Array(room),
    };
  }
  return {
    slots: a.slots.subarray(0, capacity).fill(-1),
    ids: a.ids.subarray(0, size),
    sum: a.sum.subarray(0, size).fill(0),
    low: a.low.subarray(0, size).fill(0),
    high: a.high.subarray(0, size).fill(0),
    found: a.found.subarray(0, size).fill(0),
  };
}

/** One block's whole stored list of one term, with the average length its impacts were computed with. */
export interface StoredHead extends ListHead {
  avgdl: number;
}

/** A stored impact: BM25's term-frequency part over (k1 + 1), as a 4-byte float, as the writer computes it. */
function storedImpact(tf: number, length: number, avgdl: number): number {
  return Math.fround(bm25TermFrequency(tf, length, avgdl, IMPACT_BM25) / (IMPACT_BM25.k1 + 1));
}

/** Term frequencies are held to one byte when passages are counted. */
const MAX_TF = 255;

/** The term frequency whose stored impact is \`imp\` in a passage of \`length\` (checked by computing it again), or -1. */
export function frequencyOf(imp: number, length: number, avgdl: number): number {
  const { k1, b } = IMPACT_BM25;
  if (!(imp > 0 && imp < 1)) return -1;
  const norm = k1 * (1 - b + (b * length) / avgdl);
  const guess = Math.round((imp * norm) / (1 - imp));
  for (const tf of [guess, guess - 1, guess + 1]) if (tf >= 1 && tf <= MAX_TF && storedImpact(tf, length, avgdl) === imp) return tf;
  return -1;
}

/** The highest term frequency whose stored impact in a passage of \`length\` is at most \`imp\` (0 when even one occurrence weighs more). */
export function mostFrequency(imp: number, length: number, avgdl: number): number {
  const { k1, b } = IMPACT_BM25;
  const norm = k1 * (1 - b + (b * length) / avgdl);
  let tf = imp >= 1 ? MAX_TF : Math.max(0, Math.min(MAX_TF, Math.floor((imp * norm) / (1 - imp))));
  while (tf < MAX_TF && storedImpact(tf + 1, length, avgdl) <= imp) tf++;
  while (tf > 0 && storedImpact(tf, length, avgdl) > imp) tf--;
  return tf;
}

/** What the stored lists tell of some passages' counts of a search's terms (\`knownCounts\`). */
export interface KnownCounts {
  /** Each passage's row. */
  row: Map<number, number>;
  /** Per row, its length (-1: unknown). */
  lengths: Int32Array;
  /**
   * Per row and term: the passage's count of the term when found in one of its lists (0 when
   * found in none, which settles it for a term whose lists are all complete); -1 when its
   * impact there gave no count (or its length is unknown).
   */
  tfs: Int32Array;
  /** Per term: whether one of its lists is cut at POSTING_DEPTH (absent from it: count unknown). */
  cut: boolean[];
  /** Per term: whether some passage's count of it is not known (its lists cut, or a count unknown): it must be read. */
  unsettled: boolean[];
}

/** Rows by passage id for \`knownCounts\`, kept between searches (zero but while it runs). */
let rowScratch = new Int32Array(0);
/**
 * One bit per passage id, set for the candidates, for \`knownCounts\` (zero but while it runs).
 * Every posting of every list is looked up (about 99,000 in 22 lists a search at 35k articles,
 * for some 1,000 candidates), in no order of ids: a look-up in the rows by id (4 bytes an id, a
 * megabyte at 263,000 passages) missed the processor's caches, while 32 times fewer bytes stay
 * in them and most postings are no candidate's.
 */
let memberScratch = new Uint32Array(0);

/**
 * The counts of each of \`terms\` terms the stored lists give for the passages \`ids\`: with its
 * length (\`lengthOf\`, -1 when unknown), a passage's impact in a list gives its count exactly
 * (the impact computed again from it is the one stored).
 */
export function knownCounts(terms: number, lists: readonly StoredHead[], ids: readonly number[], lengthOf: (id: number) => number): KnownCounts {
  const n = ids.length;
  const row = new Map<number, number>();
  ids.forEach((id, j) => row.set(id, j));
  const lengths = Int32Array.from(ids, (d) => lengthOf(d));
  const tfs = new Int32Array(n * terms);
  const cut = Array.from({ length: terms }, () => false);
  // Each candidate's row + 1 by its id (0: not a candidate), read for the postings whose bit is set.
  let top = 0;
  for (const id of ids) if (id > top) top = id;
  if (rowScratch.length <= top) rowScratch = new Int32Array(Math.max(top + 1, Math.ceil(rowScratch.length * 1.5)));
  if (memberScratch.length <= top >>> 5) memberScratch = new Uint32Array((rowScratch.length + 31) >>> 5);
  const rowOf = rowScratch;
  const member = memberScratch;
  for (let j = 0; j < n; j++) {
    const id = ids[j] as number;
    if (id < 0) continue;
    rowOf[id] = j + 1;
    member[id >>> 5] = (member[id >>> 5] as number) | (1 << (id & 31));
  }
  for (const h of lists) {
    if (h.docs.length < h.df) cut[h.term] = true;
    for (let i = 0; i < h.docs.length; i++) {
      const d = h.docs[i] as number;
      if (d < 0 || d > top || ((member[d >>> 5] as number) & (1 << (d & 31))) === 0) continue;
      const j = (rowOf[d] as number) - 1;
      const length = lengths[j] as number;
      tfs[j * terms + h.term] = length < 0 ? -1 : frequencyOf(h.imps[i] as number, length, h.avgdl);
    }
  }
  for (const id of ids)
    if (id >= 0) {
      rowOf[id] = 0;
      member[id >>> 5] = 0;
    }
  const unsettled = [...cut];
  for (let j = 0; j < n; j++) {
    if ((lengths[j] as number) < 0) tfs.fill(-1, j * terms, (j + 1) * terms);
    for (let i = 0; i < terms; i++) if ((tfs[j * terms + i] as number) < 0) unsettled[i] = true;
  }
  return { row, lengths, tfs, cut, unsettled };
}

/** A passage's length and its counts of a search's terms, as BM25 scores it (\`scoreCounts\`). */
export interface CountedRow {
  id: number;
  length: number;
  tfs: Int32Array;
}

/** What a replica knows of passages without asking the database (PostgresStore.passageFacts). */
export interface PassageFacts {
  /** The passage's BM25 length; -1: not known. */
  length(id: number): number;
  /** Whether it is live in the generation the facts were asked for. */
  live(id: number): boolean;
}

/**
 * The rows of the candidates \`ask\` (all of them live), when the stored lists settled every
 * count (\`known.unsettled\` all false): what the database would have answered, without asking it.
 */
export function countKnown(terms: number, known: KnownCounts, ask: readonly number[]): CountedRow[] {
  const rows: CountedRow[] = [];
  for (const id of ask) {
    const r = known.row.get(id);
    if (r !== undefined) rows.push({ id, length: known.lengths[r] as number, tfs: known.tfs.subarray(r * terms, (r + 1) * terms) });
  }
  return rows;
}

/**
 * The candidates (chosen by \`chooseCandidates\`) that can still be among their k best by exact
 * BM25, from what the stored lists tell (\`known\`, of every candidate), less the ids in \`dead\`
 * (passages found retired). A candidate whose every count is known has its exact score,
 * computed as \`scoreCounts\` computes it; one absent from a list cut at POSTING_DEPTH has at most
 * the highest count whose impact is not above the list's last one (often none at all). A
 * candidate whose highest possible score is below the k-th highest lowest possible score cannot
 * be among the k best, so the exact k best of what is returned are those of all the live
 * candidates. Ids come back in the order given.
 */
export function narrowCandidates(
  weights: readonly number[],
  lists: readonly StoredHead[],
  known: KnownCounts,
  candidates: readonly number[],
  k: number,
  served: { perLength: number; base: number },
  dead?: ReadonlySet<number>,
): number[] {
  const live = dead && dead.size > 0 ? candidates.filter((id) => !dead.has(id)) : [...candidates];
  const n = live.length;
  const t = weights.length;
  if (n <= k) return live;
  // Per term, its cut lists, each with the most count a passage absent from it can have, by length (computed once a length).
  const cutLists: { h: StoredHead; most: Map<number, number> }[][] = Array.from({ length: t }, () => []);
  for (const h of lists) if (h.docs.length < h.df) cutLists[h.term]?.push({ h, most: new Map() });
  const low = new Float64Array(n);
  const high = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const r = known.row.get(live[j] as number) ?? -1;
    const length = r < 0 ? -1 : (known.lengths[r] as number);
    let sure: number | null = null;
    let more = 0;
    let open = length < 0;
    for (let i = 0; i < t && !open; i++) {
      const tf = known.tfs[r * t + i] as number;
      if (tf < 0) open = true;
      else if (tf > 0) {
        // As scoreCounts computes it, operation for operation.
        const x = ((weights[i] as number) * tf) / (tf + served.perLength * length + served.base);
        sure = sure === null ? x : sure + x;
      } else {
        let most = 0;
        for (const c of cutLists[i] as { h: StoredHead; most: Map<number, number> }[]) {
          if (c.h.docs.length === 0) {
            open = true;
            break;
          }
          let m = c.most.get(length);
          if (m === undefined) c.most.set(length, (m = mostFrequency(c.h.imps[c.h.imps.length - 1] as number, length, c.h.avgdl)));
          if (m > most) most = m;
        }
        if (most > 0) more += ((weights[i] as number) * most) / (most + served.perLength * length + served.base);
      }
    }
    if (open) {
      // Nothing known for sure: kept, and no bound for the others.
      low[j] = 0;
      high[j] = Infinity;
    } else if (more === 0) {
      low[j] = sure ?? 0;
      high[j] = sure ?? 0;
    } else {
      low[j] = (sure ?? 0) * (1 - IMPACT_SLACK);
      high[j] = ((sure ?? 0) + more) * (1 + IMPACT_SLACK);
    }
  }
  const kth = nthLargest(low.slice(), k);
  const out: number[] = [];
  for (let j = 0; j < n; j++) if ((high[j] as number) >= kth) out.push(live[j] as number);
  return out;
}

/** The n-th largest of \`xs\` (1 ≤ n ≤ its length), found in place by quickselect. */
function nthLargest(xs: Float64Array, n: number): number {
  const want = n - 1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((xs[i] as number) > pivot) i++;
      while ((xs[j] as number) < pivot) j--;
      if (i <= j) {
        const t = xs[i] as number;
        xs[i] = xs[j] as number;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else return xs[want] as number;
  }
  return xs[want] as number;
}

/** The integers of a comma-separated list ("12,-3,0"; "" for none), as 32-bit integers. */
export function parseIntegers(text: string): Int32Array {
  if (text.length === 0) return new Int32Array(0);
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out = new Int32Array(n);
  let at = 0;
  let value = 0;
  let negative = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out[at++] = negative ? -value : value;
      value = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else value = value * 10 + (c - 48);
  }
  out[at] = negative ? -value : value;
  return out;
}

/** How a search row is filtered: SQL over the `passages` row `p`, with its parameters from `$first`. */
function filterSql(filter: SearchFilter | undefined, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${first + params.length - 1}`));
  };
  if (filter?.articleIds?.length) add((n) => `p.article_id = ANY(${n}::text[])`, filter.articleIds);
  if (filter?.sources?.length)
    add(
      (n) => `p.source_key = ANY(${n}::text[])`,
      filter.sources.map((s) => s.toLowerCase()),
    );
  if (filter?.dateFrom) add((n) => `(p.date <> '' AND p.date >= ${n})`, filter.dateFrom);
  if (filter?.dateTo) add((n) => `(p.date <> '' AND p.date <= ${n})`, filter.dateTo);
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
}

/** Hits from rows of (id, score): a passage that matched none of the terms (score null) is no hit. */
function hitsOf(rows: readonly { id: number; score: number | null }[]): PassageHit[] {
  return rows.filter((r) => r.score !== null && Number(r.score) > 0).map((r) => ({ passage: r.id, score: Number(r.score) }));
}

export function vectorLiteral(v: ArrayLike<number>): string {
  return `[${Array.prototype.join.call(v, ',')}]`;
}

interface ArticleRow {
  key: string;
  id: string;
  title: string;
  date: string;
  date_kind: 'published' | 'event';
  source: string;
  url: string | null;
  lang: 'vi' | 'en';
  tags: string[];
  captions: string[];
  paragraph_count: number;
}

/** BM25's average passage length in generation \`g\` (taken from the generation a search began with, never from a newer one served meanwhile). */
function averageLength(g: Generation): number {
  return g.lexicalLength / Math.max(1, g.lexicalPassages);
}

/** The article columns every query that returns articles selects, from `articles a`. */
export const ARTICLE_COLUMNS = 'a.key, a.id, a.title, a.date, a.date_kind, a.source, a.url, a.lang, a.tags, a.captions, a.paragraph_count';

function toArticle(r: ArticleRow): StoredArticle {
  return {
    id: r.id,
    title: r.title,
    date: r.date,
    dateKind: r.date_kind,
    source: r.source,
    ...(r.url ? { url: r.url } : {}),
    lang: r.lang,
    tags: r.tags,
    captions: r.captions,
    paragraphCount: r.paragraph_count,
  };
}

interface Located {
  key: string;
  paragraphNumber: number;
  start: number;
  end: number;
}

/** What the store needs of the embedder: what it is, and how to use a learned model. */
type StoreEmbedder = { id: string; version: string; dimension: number; learnsFromCorpus?: boolean; loadModel?(bytes: Uint8Array): void };

/**
 * The database store: reads one generation at a time (every query names it), so that a
 * writer's new generation is never half-seen; switches to a newer one as soon as the writer's
 * NOTIFY arrives (and, should that connection be down, within `pollMs`). Rows never change
 * once written, so articles, passages and paragraphs are cached by their keys.
 */
export class PostgresStore implements Store {
  private served: Generation;
  private readonly articlesByKey = new Lru<string, StoredArticle>(20_000);
  private readonly located = new Lru<number, Located>(50_000);
  private readonly paragraphTexts = new Lru<string, string>(20_000);
  /** Per generation: article id → key, and term → document frequency. */
  private keys = new Lru<string, string | null>(20_000);
  private dfs = new Lru<number, number>(100_000);
  /** Per generation: how many passages a filter admits (up to EXACT_FILTER_LIMIT + 1), by the filter's JSON. */
  private admitted = new Lru<string, Promise<number>>(1000);
  /** Stored posting lists by \`block:term\` (immutable: kept across generations); NO_LIST where a block lacks the term. */
  private readonly lists = new Lru<string, StoredList>(LIST_CACHE_BYTES, (l) => l.docs.byteLength + l.imps.byteLength + 96);
  /** Each passage's BM25 length by id (-1: not read, or no such passage), read once (then only for newer ids): a passage's length never changes. */
  private lengths = new Int32Array(0);
  /** The generation that added each passage (-1: not read, or no such passage) and the one that retired it (0: none), beside \`lengths\`. */
  private addedIn = new Int32Array(0);
  private removedIn = new Int32Array(0);
  /** Every passage up to this id is in the arrays above (or never existed). */
  private lengthsUpTo = -1;
  /** What every generation up to this one retired is in \`removedIn\` (-1: nothing read yet). */
  private removalsUpTo = -1;
  private readingFacts: Promise<void> | null = null;
  /** The live blocks of the generation served, with the served average length over each block's. */
  private blocks: { generation: number; blocks: Promise<readonly LiveBlock[]> } | null = null;
  private allArticles: { generation: number; list: StoredArticle[]; byId: Map<string, StoredArticle> } | null = null;
  private listener: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly switchListeners = new Set<(g: Generation) => void>();
  /** This process's own graph of the vectors (\`graph\` option), or null: pgvector answers every vector search. */
  private graph: ReplicaGraph | null = null;

  /** The learned embedder model of the generation served, or null. */
  private model: Uint8Array | null;

  private constructor(
    private readonly db: Database,
    first: Generation,
    model: Uint8Array | null,
    private readonly embedder: StoreEmbedder,
    private readonly logger: Logger,
  ) {
    this.served = first;
    this.model = model;
  }

  /**
   * Opens the generation being served; fails clearly when there is none or it was built with
   * another embedder. Then listens for new generations (`listen: false` for one-shot commands),
   * and with `graph` builds its own graph of the vectors to search them (replica-graph.ts).
   */
  static async open(
    db: Database,
    embedder: StoreEmbedder,
    logger: Logger,
    options: { listen?: boolean; pollMs?: number; graph?: boolean } = {},
  ): Promise<PostgresStore> {
    const g = await servingGeneration(db);
    if (!g) throw new IndexError('index-missing', `no index in ${db.where}; run "kiemchung index" to build it`);
    checkGeneration(g, embedder, db.where);
    const store = new PostgresStore(db, g, g.model === null ? null : await readModel(db, g.model), embedder, logger);
    if (options.listen !== false) {
      await store.listen();
      store.pollTimer = setInterval(() => void store.refresh().catch(() => undefined), options.pollMs ?? 10_000);
      store.pollTimer.unref();
    }
    if (options.graph) store.graph = new ReplicaGraph(db, g, logger);
    return store;
  }

  /** The generation being served. */
  get generation(): Generation {
    return this.served;
  }

  /** Calls `f` after each switch to a newer generation; returns a function that stops it. */
  onSwitch(f: (g: Generation) => void): () => void {
    this.switchListeners.add(f);
    return () => this.switchListeners.delete(f);
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = await this.db.connectAlone('listening for new index generations');
    const lost = (why: string) => {
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger.warn(`database: stopped hearing about new index generations (${why}); reconnecting`);
      this.scheduleReconnect(1000);
    };
    client.on('notification', (n) => {
      if (n.channel === GENERATION_CHANNEL && n.payload?.startsWith(`${this.db.config.schema}:`)) void this.refresh().catch(() => undefined);
    });
    client.on('error', (err) => lost(errorMessage(err)));
    client.on('end', () => lost('connection closed'));
    await client.query(`LISTEN ${GENERATION_CHANNEL}`);
    this.listener = client;
  }

  private scheduleReconnect(ms: number): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen()
        .then(() => {
          this.logger.info('database: listening for new index generations again');
          return this.refresh();
        })
        .catch(() => this.scheduleReconnect(Math.min(ms * 2, 30_000)));
    }, ms);
    this.reconnectTimer.unref();
  }

  /** Reads which generation is served and switches to it when it is newer. */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const g = await servingGeneration(this.db);
        if (!g || g.generation <= this.served.generation) return;
        try {
          checkGeneration(g, this.embedder, this.db.where);
        } catch (err) {
          this.logger.error(
            `database: generation ${g.generation} cannot be served by this process; still serving ${this.served.generation}: ${errorMessage(err)}`,
          );
          return;
        }
        // A rebuild may have learned a new model: queries are embedded with it from now on.
        if (g.model !== this.served.model) {
          this.model = g.model === null ? null : await readModel(this.db, g.model);
          if (this.model && this.embedder.learnsFromCorpus) this.embedder.loadModel?.(this.model);
        }
        this.served = g;
        this.keys = new Lru(20_000);
        this.dfs = new Lru(100_000);
        this.admitted = new Lru(1000);
        this.blocks = null;
        this.logger.info(`database: serving index generation ${g.generation} (${g.articles} articles, ${g.passages} passages)`);
        this.graph?.follow(g);
        // What the new generation retired is read now, while its rows are certainly still there
        // (a replica that read nothing yet reads everything at its first search).
        if (this.lengthsUpTo >= 0) void this.passageFacts([], g).catch(() => undefined);
        for (const f of this.switchListeners) f(g);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const l = this.listener;
    this.listener = null;
    if (l) await l.end().catch(() => undefined);
    await this.graph?.close();
  }

  /** Settles when this process's own graph holds the generation served (at once without one). */
  vectorGraphReady(): Promise<void> {
    return this.graph?.ready() ?? Promise.resolve();
  }

  /** Document frequencies for the generation `g`, from the cache or one query. */
  private async documentFrequencies(g: Generation, hashes: readonly number[]): Promise<number[]> {
    const dfs = this.dfs;
    const missing = [...new Set(hashes.filter((h) => dfs.get(h) === undefined))];
    if (missing.length > 0) {
      const s = this.db.schema;
      const res = await this.db.query<{ term: number; df: string }>(
        'reading term statistics',
        `SELECT p.term, sum(p.df) AS df FROM ${s}.postings p JOIN ${s}.blocks b ON b.block = p.block
         WHERE p.term = ANY($1::int4[]) AND ${liveIn('b', '$2')} GROUP BY p.term`,
        [missing.map((h) => h | 0), g.generation],
        { prepared: true },
      );
      const found = new Map(res.rows.map((r) => [r.term, Number(r.df)]));
      // Only cache what belongs to the generation still served.
      if (this.served === g) for (const h of missing) dfs.set(h, found.get(h | 0) ?? 0);
      return hashes.map((h) => dfs.get(h) ?? found.get(h | 0) ?? 0);
    }
    return hashes.map((h) => dfs.get(h) ?? 0);
  }

  /** The live blocks of generation \`g\` (ascending), read once per generation served. */
  private liveBlocks(g: Generation): Promise<readonly LiveBlock[]> {
    if (this.blocks?.generation === g.generation) return this.blocks.blocks;
    const s = this.db.schema;
    const reading = this.db
      .query<{ block: number; lexical_passages: string; lexical_length: string }>(
        'reading the blocks of the index',
        `SELECT b.block, gb.lexical_passages, gb.lexical_length FROM ${s}.blocks b JOIN ${s}.generations gb ON gb.generation = b.added
         WHERE ${liveIn('b', '$1')} ORDER BY b.block`,
        [g.generation],
      )
      .then((r) =>
        r.rows.map((row) => ({
          block: row.block,
          // As the heads' SQL computed it: the served average length over the block's generation's.
          ratio: (g.lexicalLength * Number(row.lexical_passages)) / Math.max(Math.max(1, g.lexicalPassages) * Number(row.lexical_length), 1e-9),
          avgdl: Number(row.lexical_length) / Math.max(1, Number(row.lexical_passages)),
        })),
      );
    if (this.served === g) {
      const entry = { generation: g.generation, blocks: reading };
      this.blocks = entry;
      reading.catch(() => {
        if (this.blocks === entry) this.blocks = null;
      });
    }
    return reading;
  }

  /**
   * What this process knows of the passages \`ids\` (and of every other) without asking: each
   * one's BM25 length, and whether it is live in generation \`g\`. Read from the database for
   * the ids above those read before (every passage's at the first search: an index-only scan of
   * \`passage_terms_facts\`, 3 MB at 35k articles; then only newer passages), and for the
   * generations published since the last read, what they retired (through \`articles_removed\`:
   * a passage is retired with its article); everything is read afresh when those rows may have
   * been deleted already (\`changesReadable\`).
   */
  private async passageFacts(ids: readonly number[], g: Generation): Promise<PassageFacts> {
    let most = -1;
    for (const id of ids) if (id > most) most = id;
    while (most > this.lengthsUpTo || this.removalsUpTo < g.generation) {
      this.readingFacts ??= this.readFacts(most, g.generation).finally(() => {
        this.readingFacts = null;
      });
      await this.readingFacts;
    }
    const { lengths, addedIn, removedIn } = this;
    const at = g.generation;
    return {
      length: (id) => (id < lengths.length ? (lengths[id] as number) : -1),
      live: (id) => {
        if (id < 0 || id >= addedIn.length) return false;
        const added = addedIn[id] as number;
        const removed = removedIn[id] as number;
        return added >= 0 && added <= at && (removed === 0 || removed > at);
      },
    };
  }

  private async readFacts(wanted: number, generation: number): Promise<void> {
    const s = this.db.schema;
    let afresh = this.lengthsUpTo < 0;
    let latest = this.removalsUpTo;
    if (afresh || latest < generation) {
      // What every generation up to \`latest\` retired is committed, and so in what is read next.
      const newest = await this.db.query<{ g: number | null }>('reading the newest generation', `SELECT max(generation) AS g FROM ${s}.generations`);
      latest = Math.max(generation, newest.rows[0]?.g ?? 0);
    }
    if (!afresh && this.removalsUpTo < generation) {
      if (await changesReadable(this.db, this.removalsUpTo, latest)) {
        const res = await this.db.query<{ ids: string | null; removed: string | null }>(
          'reading retired passages',
          `SELECT encode(array_send(array_agg(p.id)), 'base64') AS ids, encode(array_send(array_agg(a.removed)), 'base64') AS removed
           FROM ${s}.articles a JOIN ${s}.passages p ON p.article = a.key WHERE a.removed > $1`,
          [this.removalsUpTo],
        );
        const ids = int4ArrayOf(res.rows[0]?.ids);
        const removed = int4ArrayOf(res.rows[0]?.removed);
        const removedIn = this.removedIn;
        ids.forEach((id, i) => {
          if (id < removedIn.length) removedIn[id] = removed[i] as number;
        });
        this.removalsUpTo = latest;
      } else afresh = true; // Rows retired since may be gone, their ids still in live blocks' lists.
    }
    if (!afresh && wanted <= this.lengthsUpTo) return;
    const from = afresh ? -1 : this.lengthsUpTo;
    const res = await this.db.query<{ ids: string | null; lengths: string | null; added: string | null; removed: string | null }>(
      afresh ? 'reading the lengths of every passage' : 'reading the lengths of new passages',
      `SELECT encode(array_send(array_agg(t.passage)), 'base64') AS ids, encode(array_send(array_agg(t.length)), 'base64') AS lengths,
         encode(array_send(array_agg(t.added)), 'base64') AS added, encode(array_send(array_agg(coalesce(t.removed, 0))), 'base64') AS removed
       FROM ${s}.passage_terms t WHERE t.passage > $1`,
      [from],
    );
    const ids = int4ArrayOf(res.rows[0]?.ids);
    const lengths = int4ArrayOf(res.rows[0]?.lengths);
    const added = int4ArrayOf(res.rows[0]?.added);
    const removed = int4ArrayOf(res.rows[0]?.removed);
    let top = wanted;
    for (const id of ids) if (id > top) top = id;
    if (afresh || top >= this.lengths.length) {
      const size = afresh ? top + 1 : Math.max(top + 1, Math.ceil(this.lengths.length * 1.5));
      const grow = (old: Int32Array, empty: number) => {
        const a = new Int32Array(size).fill(empty);
        if (!afresh) a.set(old);
        return a;
      };
      this.lengths = grow(this.lengths, -1);
      this.addedIn = grow(this.addedIn, -1);
      this.removedIn = grow(this.removedIn, 0);
    }
    ids.forEach((id, i) => {
      this.lengths[id] = lengths[i] as number;
      this.addedIn[id] = added[i] as number;
      this.removedIn[id] = removed[i] as number;
    });
    // The candidates asked about came from committed postings, whose passages are committed with them.
    this.lengthsUpTo = afresh ? top : Math.max(this.lengthsUpTo, top);
    if (afresh) this.removalsUpTo = latest;
  }

  /**
   * Each term's stored lists in the live blocks of \`g\` (blocks without the term left out) and
   * its document frequency, by hash: from the cache, the missing ones read whole in one query.
   * A term whose document frequency in \`g\` is above \`most\` gets only its frequencies (its
   * lists marked \`unread\`): a common term weighs nothing in a search that has rarer ones (see
   * \`bm25TermWeights\`), and its lists are the longest.
   */
  private async termLists(
    g: Generation,
    hashes: readonly number[],
    most: number,
  ): Promise<Map<number, { df: number; lists: { at: LiveBlock; list: StoredList }[] }>> {
    const blocks = await this.liveBlocks(g);
    const cache = this.lists;
    const got = new Map<string, StoredList>();
    const missing: number[] = [];
    const terms = new Set(hashes.map((h) => h | 0));
    for (const t of terms) {
      let whole = true;
      let df = 0;
      let unread = false;
      for (const b of blocks) {
        const key = `${b.block}:${t}`;
        const l = cache.get(key);
        if (l === undefined) whole = false;
        else {
          got.set(key, l);
          df += l.df;
          if (l.unread) unread = true;
        }
      }
      // Read: a list not at hand, or one left unread that is now wanted (its term not too common for this search).
      if (!whole || (unread && df <= most)) missing.push(t);
    }
    if (missing.length > 0 && blocks.length > 0) {
      const s = this.db.schema;
      // A list is sent only when the term's frequency over the blocks asked for is at most $3.
      const res = await this.db.query<{ term: number; block: number; df: number; docs: string | null; imps: string | null }>(
        'reading posting lists',
        `SELECT x.term, x.block, x.df,
           CASE WHEN x.total <= $3::float8 THEN encode(array_send(x.docs), 'base64') END AS docs,
           CASE WHEN x.total <= $3::float8 THEN encode(array_send(x.imps), 'base64') END AS imps
         FROM (SELECT po.term, po.block, po.df, po.docs, po.imps, sum(po.df) OVER (PARTITION BY po.term) AS total
               FROM ${s}.postings po WHERE po.term = ANY($1::int4[]) AND po.block = ANY($2::int4[])) x`,
        [missing, blocks.map((b) => b.block), Math.min(most, Number.MAX_SAFE_INTEGER)],
        { prepared: true },
      );
      for (const r of res.rows) {
        const l: StoredList =
          r.docs === null || r.imps === null
            ? { df: r.df, docs: NO_LIST.docs, imps: NO_LIST.imps, unread: true }
            : { df: r.df, docs: int4ArrayOf(r.docs), imps: float4Array(Buffer.from(r.imps, 'base64')) };
        const key = `${r.block}:${r.term}`;
        got.set(key, l);
        cache.set(key, l);
      }
      for (const t of missing) {
        for (const b of blocks) {
          const key = `${b.block}:${t}`;
          if (got.has(key)) continue;
          got.set(key, NO_LIST);
          cache.set(key, NO_LIST);
        }
      }
    }
    const out = new Map<number, { df: number; lists: { at: LiveBlock; list: StoredList }[] }>();
    for (const h of new Set(hashes)) {
      const t = h | 0;
      let df = 0;
      const lists: { at: LiveBlock; list: StoredList }[] = [];
      for (const b of blocks) {
        const list = got.get(`${b.block}:${t}`) as StoredList;
        if (list === NO_LIST) continue;
        df += list.df;
        lists.push({ at: b, list });
      }
      out.set(h, { df, lists });
      if (this.served === g) this.dfs.set(h, df);
    }
    return out;
  }

  async termStatistics(hashes: readonly number[]): Promise<TermStatistics> {
    const g = this.served;
    return { passages: g.lexicalPassages, df: await this.documentFrequencies(g, hashes) };
  }

  /**
   * How many live passages of generation `g` a filter admits, counted up to EXACT_FILTER_LIMIT + 1
   * (by the date index for a date filter); asked once for a search's lexical and vector halves.
   */
  private admittedBy(g: Generation, filter: SearchFilter): Promise<number> {
    const key = JSON.stringify([filter.articleIds ?? [], filter.sources ?? [], filter.dateFrom ?? '', filter.dateTo ?? '']);
    const cached = this.admitted.get(key);
    if (cached && this.served === g) return cached;
    const own = filterSql(filter, 2);
    const counting = this.db
      .query<{ n: string }>(
        'counting the passages a filter allows',
        `SELECT count(*) AS n FROM (SELECT 1 FROM ${this.db.schema}.passages p WHERE ${liveIn('p', '$1')}${own.sql} LIMIT ${EXACT_FILTER_LIMIT + 1}) x`,
        [g.generation, ...own.params],
      )
      .then((r) => Number(r.rows[0]?.n ?? 0));
    if (this.served === g) {
      const cache = this.admitted;
      cache.set(key, counting);
      counting.catch(() => cache.delete(key));
    }
    return counting;
  }

  async lexicalSearch(terms: readonly QueryTerm[], k: number, filter?: SearchFilter): Promise<PassageHit[]> {
    const g = this.served;
    const n = g.lexicalPassages;
    if (n === 0 || terms.length === 0 || k <= 0) return [];
    // Unfiltered, the terms' stored lists (cached) give the document frequencies and the heads;
    // the lists of terms too common to weigh anything are not read (unless every term is that
    // common, when they all weigh: read then).
    const hashes = terms.map((t) => t.hash);
    let lists = filterSql(filter, 1).sql ? null : await this.termLists(g, hashes, commonTermCut(n, DEFAULT_BM25));
    const dfs = lists ? terms.map((t) => (lists?.get(t.hash) as { df: number }).df) : await this.documentFrequencies(g, hashes);
    const weights = bm25TermWeights(n, dfs, terms, DEFAULT_BM25);
    // Scored with the parameters of the collection's size; the stored impacts (`IMPACT_BM25`) only propose candidates.
    const { k1, b } = bm25For(n);
    const used = terms.map((t, i) => ({ hash: t.hash, term: t.hash | 0, w: (weights[i] as number) * (k1 + 1), df: dfs[i] as number })).filter((t) => t.w > 0);
    if (used.length === 0) return [];
    if (lists && used.some((t) => lists?.get(t.hash)?.lists.some((l) => l.list.unread))) lists = await this.termLists(g, hashes, Infinity);
    const s = this.db.schema;
    const reads = readShares(used, CANDIDATE_READS);
    // $1 terms, $2 weights, $3 generation, $4 (k1 b / avgdl), $5 k1 (1 - b), $6 k; then the filter's; then the candidates'.
    const params: unknown[] = [used.map((t) => t.term), used.map((t) => t.w), g.generation, (k1 * b) / averageLength(g), k1 * (1 - b), Math.max(k, 1)];
    const f = filterSql(filter, params.length + 1);
    params.push(...f.params);
    // Exact BM25 of each live candidate passage (ids in \`cand\`), over its own term counts.
    const exact = `
      SELECT t.passage AS id,
        (SELECT sum(q.w * t.tfs[z.i] / (t.tfs[z.i] + $4::float8 * t.length + $5::float8))
         FROM unnest($1::int4[], $2::float8[]) AS q(term, w) CROSS JOIN LATERAL (SELECT width_bucket(q.term, t.terms) AS i) z
         WHERE z.i > 0 AND t.terms[z.i] = q.term) AS score
      FROM cand JOIN ${s}.passage_terms t ON t.passage = cand.doc AND ${liveIn('t', '$3')}
      ORDER BY score DESC NULLS LAST, id LIMIT $6`;
    const allowed = `SELECT p.id FROM ${s}.passages p WHERE ${liveIn('p', '$3')}${f.sql}`;
    if (f.sql) {
      if ((await this.admittedBy(g, filter as SearchFilter)) <= EXACT_FILTER_LIMIT) {
        // Few passages: every one of them is scored exactly.
        const rows = await this.db.query<{ id: number; score: number | null }>(
          'searching the index',
          `WITH cand AS MATERIALIZED (SELECT p.id AS doc FROM ${s}.passages p WHERE ${liveIn('p', '$3')}${f.sql})${exact}`,
          params,
        );
        return hitsOf(rows.rows);
      }
    }
    const whole = used.every((t, i) => (reads[i] as number) >= t.df);
    // Never fewer than k: a caller asking for k passages (a collection count) must get k when k match.
    const limit = whole ? Math.max(k, Math.min(CANDIDATES, 2 * k + 50)) : Math.max(CANDIDATES, k * 4);
    if (f.sql) {
      // A wider filter: the heads are summed in SQL, where the filter applies to them. $7 reads
      // per term, $8 how many candidates are scored exactly.
      params.push(reads, limit);
      const rows = await this.db.query<{ id: number; score: number | null }>(
        'searching the index',
        `WITH cand AS MATERIALIZED (
           SELECT x.doc FROM (
             SELECT q.w, unnest(po.docs[1:q.reads]) AS doc, unnest(po.imps[1:q.reads]) AS imp
             FROM unnest($1::int4[], $2::float8[], $${params.length - 1}::int4[]) AS q(term, w, reads)
             JOIN ${s}.postings po ON po.term = q.term
             JOIN ${s}.blocks b ON b.block = po.block AND ${liveIn('b', '$3')}
           ) x
           WHERE x.doc IN (${allowed})
           GROUP BY x.doc ORDER BY sum(x.w * x.imp) DESC LIMIT $${params.length}
         )${exact}`,
        params,
      );
      return hitsOf(rows.rows);
    }
    if (!lists) throw new InternalError('an unfiltered search without its posting lists');
    // The heads of the lists (each block's stored list, as far as the term's share of the reads
    // goes) summed here give the candidates; the whole stored lists then tell which of them can
    // still be among the k best, and only those are scored exactly.
    const heads: ListHead[] = [];
    const stored: StoredHead[] = [];
    used.forEach((t, i) => {
      const r = reads[i] as number;
      for (const { at, list } of (lists.get(t.hash) as { lists: { at: LiveBlock; list: StoredList }[] }).lists) {
        heads.push({ term: i, df: list.df, ratio: at.ratio, docs: list.docs.subarray(0, r), imps: list.imps.subarray(0, r) });
        stored.push({ term: i, df: list.df, ratio: at.ratio, avgdl: at.avgdl, docs: list.docs, imps: list.imps });
      }
    });
    const ws = used.map((t) => t.w);
    // The candidates: the best sums of the heads (none pruned there: narrowCandidates bounds
    // them more tightly). Of those, the ones that can still be among the k best are scored here
    // by the formula of \`exact\`, in the same order of operations, from their lengths and
    // counts: taken from the lists when the lists settle every count (whole lists, the layout
    // the writer makes now), whether each is live known here too (\`passageFacts\`); otherwise
    // the counts the lists do not settle (those of a list cut at POSTING_DEPTH, and any whose
    // impact gave no count) are asked of the database, which returns only the live ones. A
    // candidate that is not live was retired (its block is still live): the candidates are
    // chosen again without it (it held a place among them, and its bounds may have left others
    // out), until every one asked about is live.
    const served = { perLength: (k1 * b) / averageLength(g), base: k1 * (1 - b) };
    const rows: CountedRow[] = [];
    const asked = new Set<number>();
    const dead = new Set<number>();
    for (;;) {
      const chosen = chooseCandidates(ws, heads, limit, limit, dead);
      if (chosen.length === 0) break;
      const facts = await this.passageFacts(chosen, g);
      // Passages known not to be live in \`g\` (retired, or deleted since, their ids still in
      // live blocks' lists) are left out before anything is scored or asked.
      let gone = 0;
      for (const id of chosen) {
        if (facts.live(id)) continue;
        dead.add(id);
        gone++;
      }
      if (gone > 0) continue;
      const known = knownCounts(used.length, stored, chosen, facts.length);
      // By id: neighbouring rows of passage_terms are read one after another (a little less of the server's time).
      const ask = narrowCandidates(ws, stored, known, chosen, k, served)
        .filter((id) => !asked.has(id))
        .sort((x, y) => x - y);
      if (ask.length === 0) break;
      const back = known.unsettled.some(Boolean) ? await this.countOnServer(g, used, known, ask) : countKnown(used.length, known, ask);
      for (const r of back) rows.push(r);
      const came = new Set(back.map((r) => r.id));
      let retired = 0;
      for (const id of ask) {
        asked.add(id);
        if (!came.has(id)) {
          dead.add(id);
          retired++;
        }
      }
      if (retired === 0) break;
    }
    return scoreCounts(rows, ws, served.perLength, served.base, k);
  }

  /**
   * The lengths and counts of the candidates \`ask\` that are live in \`g\`, the counts the stored
   * lists did not settle (\`known.unsettled\`) read from the database, the rest taken from \`known\`.
   * The terms (the query's hashes, integers) are written into the statement, one expression
   * each: cheaper for the server than a subquery per candidate.
   */
  private async countOnServer(g: Generation, used: readonly { term: number }[], known: KnownCounts, ask: readonly number[]): Promise<CountedRow[]> {
    const fetched = known.unsettled;
    const asking = used.filter((_, i) => fetched[i]);
    const counts = asking.map((t) => {
      const at = `width_bucket(${t.term}, t.terms)`;
      return `CASE WHEN t.terms[${at}] = ${t.term} THEN t.tfs[${at}] ELSE 0 END`;
    });
    // One row, one text of integers (each candidate's id, length and counts in turn): 1,000
    // rows of arrays cost the replica more to receive and parse.
    const counted = await this.db.query<{ flat: string | null }>(
      'scoring the candidates',
      `SELECT string_agg(concat_ws(',', ${['t.passage', 't.length', ...counts].join(', ')}), ',') AS flat
       FROM unnest($1::text::int4[]) AS cand(doc) JOIN ${this.db.schema}.passage_terms t ON t.passage = cand.doc AND ${liveIn('t', '$2')}`,
      [`{${ask.join(',')}}`, g.generation],
    );
    const flat = parseIntegers(counted.rows[0]?.flat ?? '');
    const width = asking.length + 2;
    const t = used.length;
    const all = new Int32Array((flat.length / width) * t);
    const rows: CountedRow[] = [];
    for (let at = 0, o = 0; at + width <= flat.length; at += width, o += t) {
      const id = flat[at] as number;
      const r = known.row.get(id) as number;
      for (let i = 0, f = at + 2; i < t; i++) all[o + i] = fetched[i] ? (flat[f++] as number) : (known.tfs[r * t + i] as number);
      rows.push({ id, length: flat[at + 1] as number, tfs: all.subarray(o, o + t) });
    }
    return rows;
  }

  async vectorSearch(vector: Float32Array, k: number, filter?: SearchFilter): Promise<PassageHit[]> {
    const g = this.served;
    const d = g.embedder.dimension;
    if (vector.length !== d) throw new InternalError(`a query vector of ${vector.length} dimensions for an index of ${d}`);
    const s = this.db.schema;
    const f = filterSql(filter, 4);
    if (f.sql && (await this.admittedBy(g, filter as SearchFilter)) <= EXACT_VECTOR_LIMIT) {
      // Few passages: each one compared with the query (the CTE keeps the graph out of it).
      const res = await this.db.query<{ id: number; score: number }>(
        'searching few passages by vector',
        `WITH allowed AS MATERIALIZED (SELECT p.id, p.embedding FROM ${s}.passages p WHERE p.dims = ${d} AND ${liveIn('p', '$2')}${f.sql})
         SELECT a.id, -(a.embedding::vector(${d}) <#> $1::vector(${d})) AS score FROM allowed a
         ORDER BY a.embedding::vector(${d}) <#> $1::vector(${d}), a.id LIMIT $3`,
        [vectorLiteral(vector), g.generation, k, ...f.params],
      );
      return res.rows.map((r) => ({ passage: r.id, score: Number(r.score) }));
    }
    if (!f.sql) {
      // This process's own graph, when it holds the generation served.
      const own = await this.graph?.search(g, vector, k);
      if (own) return own;
    }
    const sql = `SELECT p.id, -(p.embedding::vector(${d}) <#> $1::vector(${d})) AS score FROM ${s}.passages p
       WHERE p.dims = ${d} AND ${liveIn('p', '$2')}${f.sql}
       ORDER BY p.embedding::vector(${d}) <#> $1::vector(${d}) LIMIT $3`;
    // The query vector written out for the server only when the server searches.
    const params = [vectorLiteral(vector), g.generation, k, ...f.params];
    const hits = (rows: readonly { id: number; score: number }[]) =>
      rows.map((r) => ({ passage: r.id, score: Number(r.score) })).sort((x, y) => y.score - x.score);
    if (!f.sql) {
      // One walk of the graph (hnsw.ef_search nearest rows), less the rows of other generations
      // (retired ones not yet deleted, a newer generation's): the k nearest live passages when
      // that leaves k, the same an iterative scan returns first.
      const res = await this.db.query<{ id: number; score: number }>('searching the index by vector', sql, params, { prepared: true });
      if (res.rows.length >= Math.min(k, g.passages)) return hits(res.rows);
    }
    // A filter, or too many rows of other generations near the query: the scan goes on until
    // enough rows pass (pgvector's iterative scan, which may return a few rows out of order).
    const res = await this.db.transaction('searching the index by vector', async (c) => {
      await c.query(ITERATIVE_SCAN);
      return c.query<{ id: number; score: number }>(sql, params);
    });
    return hits(res.rows);
  }

  async passages(ids: readonly PassageId[]): Promise<PassageLocation[]> {
    // Resolved here, from the caches or the query, rather than read back from the caches after
    // it: storing a batch's articles may push some of the batch's own out of the (smaller)
    // article cache, and a passage whose article the cache forgot is read again with it.
    const found = new Map<PassageId, PassageLocation>();
    const missing: PassageId[] = [];
    for (const id of new Set(ids)) {
      const at = this.located.get(id);
      const article = at && this.articlesByKey.get(at.key);
      if (at && article) found.set(id, { article, paragraphNumber: at.paragraphNumber, start: at.start, end: at.end });
      else missing.push(id);
    }
    if (missing.length > 0) {
      const s = this.db.schema;
      const g = this.served;
      const keys = this.keys;
      const res = await this.db.query<ArticleRow & { pid: number; paragraph: number; start_at: number; end_at: number; live: boolean }>(
        'reading passages',
        `SELECT p.id AS pid, p.paragraph, p.start_at, p.end_at, ${ARTICLE_COLUMNS}, ${liveIn('a', '$2')} AS live
         FROM ${s}.passages p JOIN ${s}.articles a ON a.key = p.article WHERE p.id = ANY($1::int4[])`,
        [missing, g.generation],
        { prepared: true },
      );
      for (const r of res.rows) {
        const article = toArticle(r);
        const at: Located = { key: r.key, paragraphNumber: r.paragraph, start: r.start_at, end: r.end_at };
        this.articlesByKey.set(r.key, article);
        this.located.set(r.pid, at);
        found.set(r.pid, { article, paragraphNumber: at.paragraphNumber, start: at.start, end: at.end });
        // The articles of the passages found are the ones whose paragraphs are read next.
        if (r.live && this.served === g) keys.set(r.id, r.key);
      }
    }
    return ids.map((id) => {
      const location = found.get(id);
      if (!location) throw new InternalError(`no passage ${id} in ${this.db.where}`);
      return location;
    });
  }

  /** Keys of live articles by id in the generation served (null: no such article), from the cache or one query. */
  private async keysOf(g: Generation, ids: readonly string[]): Promise<Map<string, string | null>> {
    const keys = this.keys;
    const out = new Map<string, string | null>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const k = keys.get(id);
      if (k === undefined) missing.push(id);
      else out.set(id, k);
    }
    if (missing.length > 0) {
      const s = this.db.schema;
      const res = await this.db.query<ArticleRow>(
        'reading articles',
        `SELECT ${ARTICLE_COLUMNS} FROM ${s}.articles a WHERE a.id = ANY($1::text[]) AND ${liveIn('a', '$2')}`,
        [missing, g.generation],
      );
      for (const r of res.rows) this.articlesByKey.set(r.key, toArticle(r));
      const found = new Map(res.rows.map((r) => [r.id, r.key]));
      for (const id of missing) {
        const k = found.get(id) ?? null;
        out.set(id, k);
        if (this.served === g) keys.set(id, k);
      }
    }
    return out;
  }

  async article(id: string): Promise<StoredArticle | null> {
    const all = this.allArticles;
    if (all?.generation === this.served.generation) return all.byId.get(id) ?? null;
    const key = (await this.keysOf(this.served, [id])).get(id);
    if (!key) return null;
    let a = this.articlesByKey.get(key);
    if (!a) {
      const res = await this.db.query<ArticleRow>('reading an article', `SELECT ${ARTICLE_COLUMNS} FROM ${this.db.schema}.articles a WHERE a.key = $1`, [key]);
      const r = res.rows[0];
      if (!r) return null;
      a = toArticle(r);
      this.articlesByKey.set(key, a);
    }
    return a;
  }

  async paragraphs(refs: readonly ParagraphRef[]): Promise<(string | null)[]> {
    const g = this.served;
    const keys = await this.keysOf(
      g,
      refs.map((r) => r.articleId),
    );
    const want = (r: ParagraphRef) => {
      const key = keys.get(r.articleId);
      return key && Number.isInteger(r.n) && r.n >= 1 ? `${key}:${r.n}` : null;
    };
    const missing = [...new Set(refs.map(want).filter((w): w is string => w !== null && this.paragraphTexts.get(w) === undefined))];
    if (missing.length > 0) {
      const res = await this.db.query<{ article: string; n: number; text: string }>(
        'reading paragraphs',
        `SELECT pp.article, pp.n, pp.text FROM unnest($1::bigint[], $2::int4[]) AS r(article, n)
         JOIN ${this.db.schema}.paragraphs pp ON pp.article = r.article AND pp.n = r.n`,
        [missing.map((m) => m.split(':')[0]), missing.map((m) => Number(m.split(':')[1]))],
        { prepared: true },
      );
      for (const r of res.rows) this.paragraphTexts.set(`${r.article}:${r.n}`, r.text);
    }
    return refs.map((r) => {
      const w = want(r);
      return w === null ? null : (this.paragraphTexts.get(w) ?? null);
    });
  }

  /** Every live article of the generation served, read once per generation. */
  async articles(): Promise<StoredArticle[]> {
    const g = this.served;
    if (this.allArticles?.generation === g.generation) return this.allArticles.list;
    const res = await this.db.query<ArticleRow>(
      'reading every article',
      `SELECT ${ARTICLE_COLUMNS} FROM ${this.db.schema}.articles a WHERE ${liveIn('a', '$1')}`,
      [g.generation],
    );
    const list = res.rows.map(toArticle);
    // Questions about the collection read some of these one by one next (`article`).
    if (this.served === g) this.allArticles = { generation: g.generation, list, byId: new Map(list.map((a) => [a.id, a])) };
    return list;
  }

  async findArticles(match: ArticleMatch, limit: number): Promise<StoredArticle[]> {
    const s = this.db.schema;
    const escaped = match.id.replace(/[\\%_]/g, (c) => `\\${c}`);
    const res = await this.db.query<ArticleRow>(
      'looking up articles',
      `SELECT ${ARTICLE_COLUMNS} FROM ${s}.articles a
       WHERE ${liveIn('a', '$1')} AND (${match.idExact ? 'a.id = $2' : `a.id LIKE $2 || '%'`} OR ($3 <> '' AND strpos(a.title_folded, $3) > 0))
       ORDER BY a.id LIMIT $4`,
      [this.served.generation, match.idExact ? match.id : escaped, match.titleContains, limit],
    );
    return res.rows.map((r) => {
      const a = toArticle(r);
      this.articlesByKey.set(r.key, a);
      return a;
    });
  }

  stats(): StoreStats {
    const g = this.served;
    return {
      articles: g.articles,
      paragraphs: g.paragraphs,
      passages: g.passages,
      dateFrom: g.dateFrom,
      dateTo: g.dateTo,
      builtAt: g.createdAt,
      generation: g.generation,
      corpusVersion: g.corpusVersion,
      vectorSearch: this.graph?.serves(g) ? 'replica' : 'database',
    };
  }

  embedderModel(): Uint8Array | null {
    return this.model;
  }
}
