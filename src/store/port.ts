import type { Article } from '../corpus/article.js';
import type { SearchFilter } from '../types.js';

/**
 * The store port: everything the engine, retrieval and answers read from the stored articles,
 * and nothing of how they are laid out. `SegmentStore` (segment-store.ts) implements it over
 * the embedded index folder; a database-backed store (PostgreSQL with pgvector, say) could
 * implement it too.
 *
 * The two searches are asynchronous. The other methods are synchronous because the embedded
 * store answers them from memory, inside loops over a question's terms and sentences; a remote
 * store would need them asynchronous and batched: term statistics for all of a question's
 * terms in one request, and paragraph texts and passage locations returned with the hits.
 */
export interface Store {
  /** The `k` best passages for weighted query terms by BM25, best first; `filter` limits them. */
  lexicalSearch(terms: readonly QueryTerm[], k: number, filter?: SearchFilter): Promise<PassageHit[]>;
  /** The `k` passages nearest to a query vector (inner product), best first; `filter` limits them. */
  vectorSearch(vector: Float32Array, k: number, filter?: SearchFilter): Promise<PassageHit[]>;
  /** The article, paragraph and character range of a passage returned by a search. */
  passage(id: PassageId): PassageLocation;
  /** The text of paragraph `n` (from 1) of an article, or null when there is no such paragraph. */
  paragraph(articleId: string, n: number): string | null;
  /** A live article's metadata, or null. */
  article(id: string): StoredArticle | null;
  /** Every live article, in no particular order. */
  articles(): Iterable<StoredArticle>;
  /** Passages a hashed term occurs in (its document frequency), for weighting query terms. */
  documentFrequency(hash: number): number;
  /** Passages the lexical statistics count (N in BM25's inverse document frequency). */
  lexicalSize(): number;
  /** Counts, date range and build information of the stored articles. */
  stats(): StoreStats;
  /**
   * The model the embedder learned from the corpus when the index was first built (the bytes
   * of `Embedder.learnModel`), or null when the embedder learns none. Queries must be embedded
   * with the model the passages were embedded with, so a store keeps it with the passages.
   */
  embedderModel(): Uint8Array | null;
}

/**
 * A passage as a search returns it. The id means something only to the store instance that
 * returned it (the embedded store packs its segment and position into it).
 */
export type PassageId = number;

export interface PassageHit {
  passage: PassageId;
  /** Higher is better; comparable only within one search. */
  score: number;
}

/** A hashed query term (see `text/term-hashes.ts`) with its weight. */
export interface QueryTerm {
  hash: number;
  weight: number;
  /** Syllable pairs get their own weight; kept for debugging and tuning. */
  pair: boolean;
}

/** An article's metadata as stored: the article without its text, plus its paragraph count. */
export interface StoredArticle extends Omit<Article, 'paragraphs' | 'origin'> {
  /** Body paragraphs: `#p1` … `#pN`. */
  paragraphCount: number;
}

export interface PassageLocation {
  article: StoredArticle;
  /** N in `articleId#pN`. */
  paragraphNumber: number;
  /** [start, end) of the passage in the paragraph's text. */
  start: number;
  end: number;
}

export interface StoreStats {
  articles: number;
  paragraphs: number;
  /** Passages of live articles. */
  passages: number;
  /** Earliest and latest article dates (ISO), or null when no article has a date. */
  dateFrom: string | null;
  dateTo: string | null;
  /** When the stored generation was written (ISO timestamp). */
  builtAt: string;
  /** A digest of the live articles' ids and contents: the same corpus gives the same version. */
  corpusVersion?: string;
}
