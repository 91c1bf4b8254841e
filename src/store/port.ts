import type { Article } from '../corpus/article.js';
import type { SearchFilter } from '../types.js';

/**
 * The store port: everything the engine, retrieval and answers read from the stored articles,
 * and nothing of how they are laid out. Two stores implement it: `SegmentStore`
 * (segment-store.ts) over the embedded index folder, and `PostgresStore`
 * (postgres/postgres-store.ts) over PostgreSQL with pgvector, shared by several replicas.
 *
 * Every read is asynchronous and batched, because a database answers each call with a round
 * trip: a question costs a few calls (the two searches, the locations of the fused hits, their
 * paragraphs, the statistics of its words), never one per term or per paragraph.
 */
export interface Store {
  /** The `k` best passages for weighted query terms by BM25, best first; `filter` limits them. */
  lexicalSearch(terms: readonly QueryTerm[], k: number, filter?: SearchFilter): Promise<PassageHit[]>;
  /** The `k` passages nearest to a query vector (inner product), best first; `filter` limits them. */
  vectorSearch(vector: Float32Array, k: number, filter?: SearchFilter): Promise<PassageHit[]>;
  /** Where each passage returned by a search is (article, paragraph, character range), in the order asked. */
  passages(ids: readonly PassageId[]): Promise<PassageLocation[]>;
  /** The texts of paragraphs by article and number (from 1), in the order asked; null where there is no such paragraph. */
  paragraphs(refs: readonly ParagraphRef[]): Promise<(string | null)[]>;
  /** A live article's metadata, or null. */
  article(id: string): Promise<StoredArticle | null>;
  /**
   * Every live article's metadata, in no particular order: for questions about the collection
   * ("how many articles about IEC in 2024?") and for telling a new page from a stored one.
   */
  articles(): Promise<StoredArticle[]>;
  /**
   * Live articles whose id starts with `id` (or equals it, with `idExact`) or whose title,
   * folded (`text/normalize.ts` `fold`), contains `titleContains` (when not empty); at most
   * `limit`, in no particular order.
   */
  findArticles(match: ArticleMatch, limit: number): Promise<StoredArticle[]>;
  /** Document frequencies of hashed terms (passages each occurs in) and the N they are counted over, for weighting query terms. */
  termStatistics(hashes: readonly number[]): Promise<TermStatistics>;
  /** Counts, date range and build information of the generation being served (held in memory: no round trip). */
  stats(): StoreStats;
  /**
   * The model the embedder learned from the corpus when the index was first built (the bytes
   * of `Embedder.learnModel`), or null when the embedder learns none. Queries must be embedded
   * with the model the passages were embedded with, so a store keeps it with the passages.
   */
  embedderModel(): Uint8Array | null;
  /**
   * Checks the files the store opened against their checksums, when it checks them after
   * opening (the embedded store does, so that it serves sooner), and settles when done; rejects
   * with an `index-corrupt` error when one does not match, and every read then throws that
   * error. The engine calls it once its first answers are given.
   */
  verified?(): Promise<void>;
  /**
   * Settles when vector searches run where they will from now on: for the database store, when
   * this process's own graph of the vectors holds the generation served; for a large embedded
   * index, when its vector thread has loaded the graphs; at once otherwise.
   */
  vectorGraphReady?(): Promise<void>;
}

/**
 * A passage as a search returns it. The id means something only to the store instance that
 * returned it (the embedded store packs its segment and position into it; the database store
 * uses its row id).
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
  /** Paragraphs, `#p1` … `#pN`: the body's, then the photo captions' (`captions.length` of them). */
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

/** Paragraph `n` (from 1) of an article. */
export interface ParagraphRef {
  articleId: string;
  n: number;
}

export interface ArticleMatch {
  id: string;
  idExact: boolean;
  titleContains: string;
}

export interface TermStatistics {
  /** Passages the lexical statistics count (N in BM25's inverse document frequency). */
  passages: number;
  /** Document frequency of each hash asked, in the order asked. */
  df: number[];
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
  /** The generation served: a number that grows with every update. */
  generation: number;
  /** A digest of the live articles' ids and contents: the same corpus gives the same version, in either store. */
  corpusVersion: string;
  /**
   * The database store: where its unfiltered vector searches run now, \`replica\` (this process's
   * own graph of the generation served) or \`database\` (pgvector). Absent for the embedded store.
   */
  vectorSearch?: 'replica' | 'database';
}
