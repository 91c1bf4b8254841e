/** Language of a question and of the framing around an answer's quotes. */
export type Lang = 'vi' | 'en';

/** Whether an article's date is its publication date or, when that is unknown, the event's. */
export type DateKind = 'published' | 'event';

/** What a citation, a search hit or a refusal's suggestion says about its article. */
export interface ArticleRef {
  articleId: string;
  title: string;
  /** ISO date, YYYY-MM-DD; empty only for imported data sets that have no dates. */
  date: string;
  dateKind: DateKind;
  source: string;
  url?: string;
}

/** One source paragraph an answer quotes, with everything a journalist needs to trace it. */
export interface Citation extends ArticleRef {
  /** The [n] marker used in `Answer.text`, from 1. */
  marker: number;
  /** `articleId#pN`. */
  paragraphId: string;
  /** N in `articleId#pN`, from 1, in reading order of the article's body paragraphs. */
  paragraphNumber: number;
  /** The quoted text: always a verbatim substring of `paragraph` (checked in code). */
  quote: string;
  /** The whole paragraph. */
  paragraph: string;
}

/** Why an answer was refused. */
export type RefusalReason = 'no-match' | 'low-confidence' | 'empty-question' | 'too-long' | 'not-in-filter';

/** An answer: text with inline [n] markers and its citations, or a refusal that says so plainly. */
export interface Answer {
  question: string;
  lang: Lang;
  /** The answer with inline [n] markers; in the offline mode, verbatim quotes framed in `lang`. */
  text: string;
  citations: Citation[];
  /** True when the corpus does not answer the question; `text` then says so plainly. */
  refused: boolean;
  reason?: RefusalReason;
  /** Closest articles, best first: shown with refusals, and useful for "see also". */
  closest: (ArticleRef & { score: number })[];
  /** The passages retrieval ranked, one per paragraph, best first (what the answer was chosen from). */
  retrieved: { paragraphId: string; articleId: string; score: number }[];
  /** How the answer was made. */
  mode: 'extractive' | 'llm';
  /** Set when an LLM answer had sentences removed by the citation checker. */
  flagged?: boolean;
  /** Human-readable notes from the citation checker (what it removed and why). */
  checks?: string[];
  /** Confidence in [0, 1] that the corpus answers the question (the refusal threshold applies to it). */
  confidence: number;
  timing: { retrieveMs: number; totalMs: number };
}

/** Limits an answer or a search to some articles, sources or dates (all given conditions hold). */
export interface SearchFilter {
  articleIds?: string[];
  sources?: string[];
  /** Inclusive ISO dates. */
  dateFrom?: string;
  dateTo?: string;
}

/** Options of `Engine.ask`. */
export interface AskOptions {
  /** Passages considered for the answer (default from config). */
  topK?: number;
  filter?: SearchFilter;
  /** Force the answer language; default: detected from the question. */
  lang?: Lang;
  /**
   * Called with the unchecked draft while an LLM answer streams (never for extractive answers):
   * plain text, growing, without the model's [n] markers, never empty or repeated. The resolved
   * `Answer` is the checked version that replaces it.
   */
  onPartial?: (text: string) => void;
  signal?: AbortSignal;
}

/** Options of `Engine.search`. */
export interface SearchOptions {
  topK?: number;
  filter?: SearchFilter;
}

/** One paragraph that matched a search. */
export interface SearchHit extends ArticleRef {
  paragraphId: string;
  paragraphNumber: number;
  /** The passage text that matched (a paragraph, or a window of its sentences). */
  snippet: string;
  score: number;
}

/** One whole paragraph, by its id. */
export interface SourceParagraph extends ArticleRef {
  paragraphId: string;
  paragraphNumber: number;
  text: string;
  /** Number of body paragraphs in the article. */
  paragraphCount: number;
}

/** What the engine serves: counts, date range, embedder, LLM, index folder and build time. */
export interface EngineStats {
  articles: number;
  paragraphs: number;
  passages: number;
  /** Earliest and latest article dates (ISO), or null for an empty corpus. */
  dateFrom: string | null;
  dateTo: string | null;
  embedder: { id: string; dimension: number };
  llm: string;
  indexDir: string;
  builtAt: string;
}

/** Paragraph id and article title suggestions for autocomplete. */
export interface Suggestion {
  paragraphId: string;
  label: string;
}

/** An article file that could not be indexed, and why. */
export interface IndexIssue {
  path: string;
  reason: string;
}

/** What an index update did. */
export interface IndexReport {
  articles: number;
  passages: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  issues: IndexIssue[];
  ms: number;
  /** False when nothing had to be written. */
  wrote: boolean;
  /** A line to tell the user about this update, such as that an index of an older format was rebuilt. */
  notice?: string;
}

/** What the engine accepts: adapters read these so that every platform accepts the same input. */
export interface EngineLimits {
  /**
   * Longest question `ask` answers and longest query `search` takes, in UTF-16 code units
   * after white space is collapsed (KIEMCHUNG_MAX_QUESTION_CHARS). Longer questions are
   * refused (`reason: 'too-long'`), longer queries rejected with an `InputError`.
   */
  readonly maxQuestionChars: number;
}

/** The whole engine: adapters and the CLI use only this. */
export interface Engine {
  readonly limits: EngineLimits;
  ask(question: string, options?: AskOptions): Promise<Answer>;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** The paragraph with this id, or null when the id is malformed or unknown. */
  source(paragraphId: string): Promise<SourceParagraph | null>;
  /** Paragraph ids and article titles that start with or contain `prefix` (for autocomplete). */
  suggest(prefix: string, limit?: number): Suggestion[];
  stats(): EngineStats;
  /** Re-reads the corpus and updates the index incrementally, then serves the new index. */
  reindex(): Promise<IndexReport>;
  /**
   * The corpus check of start-up: an engine that found a usable index serves it at once and
   * brings it up to date with the corpus in the background (what `reindex` does), then serves
   * the updated index. Resolves with that update's report, or null when none ran (the index
   * was built before serving, or `autoIndex` was off); a failed check is logged, not thrown.
   */
  readonly checked: Promise<IndexReport | null>;
  close(): Promise<void>;
}
