import type { Coordination } from './coordination/coordination.js';

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
  /**
   * Paragraph number of the article's first photo caption, when it has captions: paragraphs
   * from it on are captions (`articleId#pN` numbers them after the body), labelled as such.
   */
  captionsFrom?: number;
}

/** One source paragraph an answer quotes, with everything a journalist needs to trace it. */
export interface Citation extends ArticleRef {
  /** The [n] marker used in `Answer.text`, from 1. */
  marker: number;
  /** `articleId#pN`. */
  paragraphId: string;
  /** N in `articleId#pN`, from 1: the body paragraphs in reading order, then the photo captions. */
  paragraphNumber: number;
  /** The quoted text: always a verbatim substring of `paragraph` (checked in code). */
  quote: string;
  /** The whole paragraph. */
  paragraph: string;
  /**
   * Present when the quote is part of a sentence, cut to fit: `before` when words of its
   * sentence come before it, `after` when words follow. `Answer.text` then shows "…" on that
   * side; the chat adapters show it in the citation too, so that a fragment is never copied as a
   * whole sentence. Absent when the quote is whole sentences.
   */
  cut?: { before: boolean; after: boolean };
}

/**
 * Why an answer was refused. `not-found`: a yes/no question whose statement the stored articles
 * do not settle (the claim check's verdict, in `Answer.verdict`), or a phrase asked about ("Có
 * nhắc tới ISO không?") that no stored article writes.
 */
export type RefusalReason = 'no-match' | 'low-confidence' | 'empty-question' | 'too-long' | 'not-in-filter' | 'not-found';

/** An answer: text with inline [n] markers and its citations, or a refusal that says so plainly. */
export interface Answer {
  question: string;
  lang: Lang;
  /** The answer with inline [n] markers; in the offline mode, verbatim quotes framed in `lang`. */
  text: string;
  citations: Citation[];
  /**
   * The direct answer when the question asks for a fact (a person, a place, a date, a number,
   * a list, what an abbreviation stands for…) and the first quote holds it: a span of the
   * quote of citation `marker`, verbatim (checked in code). Not part of `text`: the terminal
   * and the chat adapters show it first, emphasised, then `text`.
   */
  shortAnswer?: { text: string; marker: number };
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
  /**
   * Confidence in [0, 1] that the corpus answers the question (the refusal threshold applies to
   * it). For a verdict, the check's confidence in it (for `not-found`, one minus that); the
   * refusal threshold does not apply to verdicts.
   */
  confidence: number;
  timing: { retrieveMs: number; totalMs: number };
  /**
   * The question as the engine read it, when that differs from `question`: a follow-up with its
   * references resolved against the conversation ("Ông ấy nói gì?" → "Ông Philippe Metzger nói
   * gì?"), or rewritten by the language model. `text` then starts with a line saying so ("Hiểu là: …").
   */
  understood?: string;
  /** Who read the question as `understood`: the engine's rules or the configured language model. */
  understoodBy?: 'rules' | 'llm';
  /** The period the question named, read as dates of the articles (relative words read against the engine's clock). */
  period?: AnswerPeriod;
  /** Set when the question was about the collection itself ("Bài mới nhất nói về gì?"), answered from the articles' metadata. */
  collection?: CollectionAnswer;
  /**
   * Set when the question was a yes/no question ("Có phải … không?", "… đúng không?", "Is it
   * true that …?"): the claim check's verdict on the statement it asks about is the answer.
   * `text` then leads with how the question was read ("Kiểm chứng nhận định: “…”", after the
   * "Hiểu là: …" line of a follow-up), then the verdict in words (`checkWording(lang)`: its sign
   * and verdict), then each mismatch as
   * "bài viết ghi / nhận định ghi", then the evidence quotes with their [n] markers;
   * `citations` are the evidence. A `not-found` verdict is a refusal (`refused`, reason
   * `not-found`, with the closest articles); its `evidence` may still hold the nearest passage.
   */
  verdict?: ClaimCheck;
}

/** A period named in a question, as a filter on the articles' dates or an order of them. */
export interface AnswerPeriod {
  /** Inclusive ISO dates; a missing side is open. */
  from?: string;
  to?: string;
  /** Newest articles first, oldest first, or newer ones preferred. */
  order?: 'latest' | 'earliest' | 'recent';
  /** The words of the question it was read from ("tuần trước", "trước khi làm việc với IEC"). */
  text: string;
  /** True when read against today ("tuần trước", "năm nay"): the answer then says which days it took. */
  relative: boolean;
}

/** What a question about the collection was answered with. */
export interface CollectionAnswer {
  kind: 'count' | 'list' | 'latest' | 'earliest';
  /** The topic asked about ("IEC"), if any. */
  topic?: string;
  /** Articles that match, in the order given. */
  total: number;
  articles: ArticleRef[];
}

/**
 * One earlier exchange of a conversation, as the engine needs it to read a follow-up. An
 * `Answer` is a `Turn`; `toTurn` keeps only these fields (for history kept in memory), and makes
 * a turn of a `CheckResult` too, so that a checked statement can be followed up like an answer.
 */
export interface Turn {
  question: string;
  understood?: string;
  lang: Lang;
  refused: boolean;
  citations: ReadonlyArray<Pick<Citation, 'articleId' | 'paragraphId' | 'title' | 'date' | 'quote'>>;
  period?: AnswerPeriod;
  /** For answers about the collection: the articles listed. */
  collection?: Pick<CollectionAnswer, 'kind' | 'topic'> & { articles: ReadonlyArray<Pick<ArticleRef, 'articleId' | 'title' | 'date'>> };
  /**
   * For a verdict (a yes/no answer, or a check the conversation keeps): the statement checked and
   * what differed. A follow-up is read against the statement as the articles state it ("… tại Hà
   * Nội" checked and contradicted by "Bắc Kinh": "Còn ngày nào?" asks when it was held in Bắc Kinh).
   */
  verdict?: Pick<ClaimCheck, 'claim' | 'verdict'> & { mismatches: ReadonlyArray<Pick<Mismatch, 'kind' | 'claimed' | 'stated'>> };
}

/** What the stored articles say about a claim. */
export type Verdict = 'supported' | 'contradicted' | 'not-found';

/** The kind of fact a claim states differently from its source. */
export type MismatchKind = 'number' | 'date' | 'place' | 'person' | 'organisation' | 'negation' | 'modality' | 'quantity' | 'other';

/** One fact a claim states differently from its source, in the words of each. */
export interface Mismatch {
  kind: MismatchKind;
  /** The claim's words (a verbatim slice of the claim). */
  claimed: string;
  /** The source's words (a verbatim slice of the cited quote, so of its paragraph). */
  stated: string;
  /** The `marker` of the evidence citation that says it. */
  citation: number;
}

/** Why a sentence of the checked text was not checked. */
export type SkipReason = 'question' | 'greeting' | 'opinion' | 'no-fact' | 'too-many';

export interface SkippedSentence {
  text: string;
  reason: SkipReason;
}

/** The verdict on one claim, with the source's own words. */
export interface ClaimCheck {
  /** The claim as checked (a sentence of the text, verbatim after NFC and white-space normalisation). */
  claim: string;
  verdict: Verdict;
  /** Probability-like confidence in [0, 1] that the verdict is right. */
  confidence: number;
  /**
   * The paragraphs the verdict rests on, cited as answers cite them ([n] markers from 1, quotes
   * verbatim in their paragraphs). For `not-found`, the nearest passages, if any, to show what
   * the articles do say.
   */
  evidence: Citation[];
  /** For `contradicted`: every fact stated differently, as claimed and as stated. Empty otherwise. */
  mismatches: Mismatch[];
  /** Closest articles, best first (shown with `not-found`). */
  closest: (ArticleRef & { score: number })[];
  /** How the verdict was reached: offline rules, or a language model checked by them. */
  mode: 'offline' | 'llm';
  /** True when the model said `supported` but the offline check found a contradicted fact: the verdict was overruled. */
  overruled?: boolean;
  /** Notes on how the verdict was reached (what an LLM proposal lost in verification, and why). */
  notes?: string[];
}

export type CheckRefusal = 'empty' | 'too-long' | 'no-claim';

export interface CheckResult {
  /** The checked text, after NFC and white-space normalisation. */
  text: string;
  /** Language the result should be shown in (detected from the text unless forced). */
  lang: Lang;
  /** One entry per checked claim, in the order of the text. */
  claims: ClaimCheck[];
  /** Sentences not checked, with the reason (questions, greetings, opinions…). */
  skipped: SkippedSentence[];
  /**
   * The verdict on the whole text: `contradicted` when any claim is, else `not-found` when
   * any claim is, else `supported`; null when nothing was checked.
   */
  verdict: Verdict | null;
  /** Set when nothing could be checked: an empty or over-long text, or no checkable claim in it. */
  refused?: CheckRefusal;
  timing: { totalMs: number };
}

export interface CheckOptions {
  /** Passages retrieved per claim (default 10). */
  topK?: number;
  filter?: SearchFilter;
  /** Force the result language; default: detected from the text. */
  lang?: Lang;
  /**
   * Check the whole text as one claim, even a yes/no question ("Có phải … không?", "Is it true
   * that …?"), which is read as the statement it asks about. For routing yes/no questions here.
   */
  single?: boolean;
  /**
   * When the text holds no claim but a question, check the statement the question asks about
   * (as `single` does): what someone who asked to check the text means. Default false: a
   * question in a post is skipped.
   */
  questionAsStatement?: boolean;
  /** Most claims checked in one text (default 10); further sentences are skipped as `too-many`. */
  maxClaims?: number;
  signal?: AbortSignal;
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
  /** Passages considered for the answer (default from config; a yes/no question's check uses its own). */
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
  /**
   * The conversation so far, oldest first (earlier answers, or `toTurn` of answers and check
   * results). A question
   * that leans on it ("Ông ấy nói gì?", "Còn ngày nào?", "what about IEC?") is read against the
   * latest turns: their people, organisations, places, dates, articles and paragraphs.
   */
  history?: readonly Turn[];
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
  /** Where the index is: its folder, or the database (without credentials) and schema. */
  indexDir: string;
  /** `embedded` (a folder on this machine) or `postgres` (the database replicas share). */
  storage: 'embedded' | 'postgres';
  builtAt: string;
  /** The index generation served: it grows with every update. */
  generation: number;
  /** A digest of the live articles (ids and contents): feedback records which corpus an answer came from. */
  corpusVersion?: string;
  /** With the index in a database: where vector searches run now, \`replica\` (this process's own graph) or \`database\` (pgvector). */
  vectorSearch?: 'replica' | 'database';
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

/** What became of one URL given to `Engine.add`. */
export type AddStatus = 'added' | 'updated' | 'unchanged' | 'refused' | 'failed';

/** An article as `Engine.add` stored it. */
export interface AddedArticle extends ArticleRef {
  /** HH:MM as printed on the page, when it was. */
  time?: string;
  author?: string;
  paragraphCount: number;
  firstParagraph: string;
  /** The corpus file it was written to. */
  file: string;
}

export interface AddResult {
  /** The URL as given. */
  url: string;
  status: AddStatus;
  /** Set for added, updated and unchanged. */
  article?: AddedArticle;
  /** Why it was refused or failed (names the URL and the reason), or why an unchanged article was left alone. */
  reason?: string;
  /** For failures: what kind (time-out, robots.txt, HTTP status…), for retry decisions. */
  failure?: string;
  /** HTTP status of a failed fetch, and the wait the site asked for. */
  httpStatus?: number;
  retryAfterMs?: number;
}

export interface AddReport {
  results: AddResult[];
  /** The index update that made the new articles answerable (absent when nothing was written). */
  index?: IndexReport;
  ms: number;
}

export interface AddOptions {
  signal?: AbortSignal;
  /** Called as each URL is done, before the index is updated. */
  onResult?: (r: AddResult) => void;
}

/** What the engine accepts: adapters read these so that every platform accepts the same input. */
export interface EngineLimits {
  /**
   * Longest question `ask` answers and longest query `search` takes, in UTF-16 code units
   * after white space is collapsed (KIEMCHUNG_MAX_QUESTION_CHARS). Longer questions are
   * refused (`reason: 'too-long'`), longer queries rejected with an `InputError`.
   */
  readonly maxQuestionChars: number;
  /** Longest text `check` takes (after white space is collapsed); longer texts are refused (`refused: 'too-long'`). */
  readonly maxCheckChars: number;
}

/** A followed feed or sitemap, with its poll state. */
export interface FeedInfo {
  url: string;
  title?: string;
  /** rss, rdf, atom, sitemap or sitemap-index. */
  kind?: string;
  addedAt: string;
  lastPolledAt?: string;
  lastOkAt?: string;
  /** ok, not-modified or error. */
  lastStatus?: string;
  lastError?: string;
  /** Failed polls in a row. */
  failures: number;
  /** The schedule does not poll it before this time (ISO). */
  nextPollAt?: string;
  /** Items recorded as seen, added or failed. */
  items: number;
}

export type FeedAddResult =
  | {
      ok: true;
      feed: FeedInfo;
      /** Items the feed lists now. */
      items: number;
      /** Of those, the newest ones the next poll adds (the rest count as seen). */
      backfill: number;
      /** Set when a web page was given and the feed it names was followed instead. */
      discovered?: string;
    }
  | { ok: false; reason: string };

export interface FeedPollResult {
  feed: string;
  status: 'ok' | 'not-modified' | 'error';
  error?: string;
  /** New items found in this poll (at most KIEMCHUNG_FEED_MAX_NEW). */
  newItems: number;
  /** What became of each new or retried item. */
  results: AddResult[];
  index?: IndexReport;
}

export interface FeedPollReport {
  feeds: FeedPollResult[];
  /** Articles added by this poll, oldest first: what to announce. */
  added: AddedArticle[];
  ms: number;
}

/** The feeds and sitemaps the engine follows. */
export interface Feeds {
  /** Follows a feed or sitemap (or the feed a web page names); the next polls add what it lists from now on, plus `backfill` of its newest items. */
  add(url: string, options?: { backfill?: number }): Promise<FeedAddResult>;
  list(): FeedInfo[];
  /** Stops following a feed; false when it was not followed. */
  remove(url: string): boolean;
  /** Polls every feed (or only those due by the schedule) and adds new items. */
  poll(options?: { dueOnly?: boolean; signal?: AbortSignal }): Promise<FeedPollReport>;
}

/** The running schedule of feed polls started by `Engine.watchFeeds`. */
export interface FeedWatch {
  /** Stops polling; resolves when a poll in progress has ended. */
  stop(): Promise<void>;
}

/** The whole engine: adapters and the CLI use only this. */
export interface Engine {
  readonly limits: EngineLimits;
  /**
   * What the processes serving the bots share (which one answers a chat update, rate limits,
   * which one holds Discord's gateway): this process's memory, or the database when the index
   * lives there (KIEMCHUNG_DATABASE_URL), shared by every replica.
   */
  readonly coordination: Coordination;
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /**
   * Checks a statement, or every checkable sentence of a longer text, against the stored
   * articles: a verdict per claim with the evidence quoted and each mismatched fact named.
   */
  check(text: string, options?: CheckOptions): Promise<CheckResult>;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** The paragraph with this id, or null when the id is malformed or unknown. */
  source(paragraphId: string): Promise<SourceParagraph | null>;
  /** Paragraph ids and article titles that start with or contain `prefix` (for autocomplete). */
  suggest(prefix: string, limit?: number): Promise<Suggestion[]>;
  stats(): EngineStats;
  /** Re-reads the corpus and updates the index incrementally, then serves the new index. */
  reindex(): Promise<IndexReport>;
  /**
   * The corpus check of start-up: an engine that found a usable index serves it at once and
   * brings it up to date with the corpus in the background (what `reindex` does), then serves
   * the updated index. Resolves with that update's report, or null when none ran (the index
   * was built before serving, `autoIndex` was off, or no corpus file was written, added,
   * removed or replaced since the index was last brought up to date with the whole corpus:
   * sizes, times and inodes are compared, no file is read); a failed check is logged, not thrown.
   */
  readonly checked: Promise<IndexReport | null>;
  /**
   * Settles once vector searches run where they will from now on: for an embedded index of
   * 50,000 passages or more, once its vector thread has loaded the graphs (the main thread walks
   * them until then); at once for a smaller one and for pgvector; with the index in a database
   * and KIEMCHUNG_DATABASE_VECTOR_SEARCH \`replica\`, once this process's own graph of the
   * vectors is built (pgvector answers until then). It does not reject; a graph that cannot be
   * built is logged (and, in a replica, tried again).
   */
  readonly searchReady: Promise<void>;
  /**
   * Fetches news pages, extracts their articles, writes them into the corpus folder as Markdown
   * files and indexes them, so that they are answerable when it resolves. The same page (after
   * redirects and its canonical link) is never stored twice: a changed page updates its article
   * under the same id. Every URL gets a result; failures and refusals are results, not throws.
   */
  add(urls: readonly string[], options?: AddOptions): Promise<AddReport>;
  /** Followed feeds and sitemaps (their state lives in KIEMCHUNG_FEEDS_DB). */
  readonly feeds: Feeds;
  /**
   * Polls the feeds that are due every minute (each feed every KIEMCHUNG_FEED_POLL_MINUTES,
   * longer after failures) and reports each poll that added articles, for announcements.
   * Returns null when polling is turned off (KIEMCHUNG_FEED_POLL_MINUTES=0).
   */
  watchFeeds(onReport: (report: FeedPollReport) => void | Promise<void>): FeedWatch | null;
  close(): Promise<void>;
}
