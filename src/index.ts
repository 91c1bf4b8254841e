/**
 * The public surface of kiemchung's engine. Adapters (Telegram, Discord), the CLI, the
 * benchmarks and the tests import only from here. Grouped by audience: the engine and the
 * data it returns; the errors it throws; its configuration; helpers the chat adapters share.
 */

// ── The engine and what it returns ──────────────────────────────────────────────────────────

/** Creates the engine: configuration, embedder and index (built or updated first), ready to answer. */
export { createEngine } from './engine.js';
/** Options of `createEngine`: settings that override the environment, a logger, an embedder… */
export type { EngineOptions } from './engine.js';
/** The engine: `ask`, `check`, `search`, `source`, `suggest`, `stats`, `reindex`, `add`, `feeds`, `watchFeeds`, `close`, and its `limits`. */
export type { Engine } from './types.js';
/** What the engine accepts (the longest question, the longest text to check), so that every platform accepts the same input. */
export type { EngineLimits } from './types.js';
/** An answer: text with [n] markers, its citations, or a refusal with the closest articles. */
export type { Answer } from './types.js';
/** Why an answer was refused (`no-match`, `low-confidence`, `empty-question`, `too-long`, `not-in-filter`). */
export type { RefusalReason } from './types.js';
/** One quoted source paragraph: the article, the paragraph id, the verbatim quote and the whole paragraph. */
export type { Citation } from './types.js';
/** What is shown of an article: id, title, date, source, link. */
export type { ArticleRef } from './types.js';
/** Whether an article's date is its publication date or the event's. */
export type { DateKind } from './types.js';
/** The language of a question and of an answer's framing: `vi` or `en`. */
export type { Lang } from './types.js';
/** Options of `Engine.ask`: passages considered, filter, language, streaming draft, abort signal. */
export type { AskOptions } from './types.js';
/** Options of `Engine.search`. */
export type { SearchOptions } from './types.js';
/** Limits an answer or a search to some articles, sources or dates. */
export type { SearchFilter } from './types.js';
/** The result of `Engine.check`: a verdict per claim of the text, the sentences skipped, the verdict overall. */
export type { CheckResult } from './types.js';
/** The verdict on one claim: `verdict`, `confidence`, `evidence` cited like an answer's, `mismatches`, `closest`. */
export type { ClaimCheck } from './types.js';
/** `supported`, `contradicted` or `not-found` (the stored articles do not settle the claim). */
export type { Verdict } from './types.js';
/** One fact stated differently: `kind`, the claim's words (`claimed`), the source's (`stated`), the citation marker. */
export type { Mismatch } from './types.js';
/** `number`, `date`, `place`, `person`, `organisation`, `negation`, `modality`, `quantity` or `other`. */
export type { MismatchKind } from './types.js';
/** A sentence of a checked text that was not checked, and why. */
export type { SkippedSentence } from './types.js';
/** Why a sentence was not checked: `question`, `greeting`, `opinion`, `no-fact`, `too-many`. */
export type { SkipReason } from './types.js';
/** Why nothing was checked: `empty`, `too-long`, `no-claim`. */
export type { CheckRefusal } from './types.js';
/** Options of `Engine.check`: passages per claim, filter, language, one statement (yes/no questions), a question-only text checked as its statement, most claims. */
export type { CheckOptions } from './types.js';
/** One paragraph that matched a search, with the passage that matched. */
export type { SearchHit } from './types.js';
/** One whole paragraph by its id, with its article. */
export type { SourceParagraph } from './types.js';
/** A paragraph id suggested for autocomplete. */
export type { Suggestion } from './types.js';
/** Counts, date range, embedder and build time of the served index. */
export type { EngineStats } from './types.js';
/** What the processes serving the bots share: claims on chat updates, rate limits, roles only one may hold. */
export type { Coordination, ClaimOutcome, RateDecision } from './coordination/coordination.js';
/** Coordination of one process with itself, in memory (tests and single-process adapters). */
export { createMemoryCoordination } from './coordination/coordination.js';
/** What an index update did: articles added, changed, removed; bad article files; a notice. */
export type { IndexReport } from './types.js';
/** An article file that could not be indexed, and why. */
export type { IndexIssue } from './types.js';
/** What `Engine.add` did with its URLs, and the index update that made them answerable. */
export type { AddReport } from './types.js';
/** What became of one URL: added, updated, unchanged, refused or failed, with the article or the reason. */
export type { AddResult } from './types.js';
/** `added`, `updated`, `unchanged`, `refused` or `failed`. */
export type { AddStatus } from './types.js';
/** An article as `add` stored it: id, title, date and time, source, author, paragraph count, first paragraph, file. */
export type { AddedArticle } from './types.js';
/** Options of `Engine.add`: an abort signal, a callback per URL. */
export type { AddOptions } from './types.js';
/** The followed feeds and sitemaps (`Engine.feeds`): add, list, remove, poll. */
export type { Feeds } from './types.js';
/** A followed feed with its poll state. */
export type { FeedInfo } from './types.js';
/** What following a feed did (or why it was not followed). */
export type { FeedAddResult } from './types.js';
/** What one poll did: per feed, its status and the result of each new item; the articles added. */
export type { FeedPollReport, FeedPollResult } from './types.js';
/** The running schedule of `Engine.watchFeeds`. */
export type { FeedWatch } from './types.js';
/** How a cited paragraph is named to a reader ("đoạn 3", "chú thích ảnh 1"). */
export { paragraphLabel } from './answer/article-ref.js';
/** An earlier exchange of a conversation, passed as `AskOptions.history` (an `Answer` is one). */
export type { Turn } from './types.js';
/** A compact `Turn` of an answer, for history kept in memory. */
export { toTurn } from './dialogue/turn.js';
/** The period a question named, as a filter on article dates or an order of them. */
export type { AnswerPeriod } from './types.js';
/** What a question about the collection itself was answered with (count, list, latest, earliest). */
export type { CollectionAnswer } from './types.js';

// ── Feedback ─────────────────────────────────────────────────────────────────────────────────

/** 👍/👎 on answers: signed button data, one vote per user, a "why", the editors' report. */
export { createFeedback } from './feedback/feedback.js';
/** Feedback as configured (KIEMCHUNG_FEEDBACK_*), or null when it is off. */
export { feedbackFromConfig } from './feedback/feedback.js';
/** The longest "why" kept. */
export { MAX_COMMENT_CHARS } from './feedback/feedback.js';
/** The feedback service and its inputs and results. */
export type {
  Feedback,
  FeedbackButtons,
  FeedbackOptions,
  FeedbackSettings,
  PressResult,
  CommentResult,
  ReplyResult,
  RatedAnswer,
  Where,
  Who,
} from './feedback/feedback.js';
/** The SQLite feedback store (the default behind the port). */
export { openSqliteFeedbackStore } from './feedback/sqlite-store.js';
/** The feedback store port and its records, for a store on a server database. */
export type {
  FeedbackStore,
  ShownAnswer,
  Vote,
  VoteOutcome,
  Rating,
  RatedCitation,
  AwaitedComment,
  ReportOptions,
  RatedQuestion,
  FeedbackReport,
} from './feedback/store.js';

// ── Errors ───────────────────────────────────────────────────────────────────────────────────

/** Every error the engine throws: a `code` to choose the user's message by, and a `cause`. */
export { KiemchungError } from './errors.js';
/** The codes of `KiemchungError`. */
export type { ErrorCode } from './errors.js';
/** Invalid configuration; lists every bad setting at once. */
export { ConfigError } from './errors.js';
/** The corpus cannot be read at all. */
export { CorpusError } from './errors.js';
/** One article cannot be read (reported and skipped by the loader). */
export { ArticleError } from './errors.js';
/** The index is missing, built with other settings, damaged or being written by another process. */
export { IndexError } from './errors.js';
/** The shared database cannot be reached or refused a request. */
export { DatabaseError } from './errors.js';
/** An embedding or chat model provider failed. */
export { ProviderError } from './errors.js';
/** The network error code (ECONNREFUSED, ENOTFOUND, …) along an error's causes: a service out of reach. */
export { networkCode } from './provider-failure.js';
/** The caller passed something the engine cannot take. */
export { InputError } from './errors.js';
/** A bug: something the engine relies on does not hold. */
export { InternalError } from './errors.js';
/** A page, feed or robots.txt could not be fetched; the message names the URL and the reason. */
export { FetchError } from './errors.js';
/** Why a fetch failed (`timeout`, `robots`, `private-address`, `status`…). */
export type { FetchFailure } from './errors.js';
/** The feedback database could not be opened or written. */
export { FeedbackError } from './errors.js';
/** The message of anything thrown. */
export { errorMessage } from './errors.js';

// ── Configuration ────────────────────────────────────────────────────────────────────────────

/** Reads and validates the engine's settings from the environment. */
export { loadConfig } from './config.js';
/** The engine's validated settings. */
export type { Config } from './config.js';
/** Every problem of a zod result at once, as `KEY: message` (for adapters' own configuration). */
export { formatIssues } from './config.js';
/** The environment without empty values: a blank line in `.env` does not override a default. */
export { withoutBlanks } from './config.js';

// ── Helpers for adapters ─────────────────────────────────────────────────────────────────────

/** A logger writing one line per event, with secrets masked. */
export { createLogger } from './log.js';
/** A logger that writes nothing. */
export { silentLogger } from './log.js';
/** Masks secret values, and every match of an adapter's masks, in a text. */
export { redact } from './log.js';
/** A secret that cannot be listed in advance (a token inside a URL), as a pattern to mask. */
export type { Mask } from './log.js';
/** The secret values of an environment (tokens, keys), to mask in logs. */
export { secretValues } from './log.js';
/** The logging interface the engine and the adapters write to. */
export type { Logger } from './log.js';
/** `debug`, `info`, `warn`, `error` or `silent`. */
export type { LogLevel } from './log.js';
/** Whether a string is a well-formed paragraph id, `articleId#pN`. */
export { isParagraphId } from './corpus/ids.js';
/** `{ articleId, n }` of a well-formed paragraph id, else null. */
export { parseParagraphId } from './corpus/ids.js';
/** Whether a question is Vietnamese or English. */
export { detectLang } from './text/lang.js';
/** NFC, invisible characters removed, white space collapsed. */
export { normalizeSpace } from './text/normalize.js';
/** Lower case without tone marks (đ → d), for matching text typed without marks. */
export { fold } from './text/normalize.js';
/** An ISO date as readers write it: 29/08/2023 in Vietnamese, 29 Aug 2023 in English. */
export { formatDate } from './text/format-date.js';
/**
 * The sentences of a text worth checking as claims, and those skipped with the reason
 * (questions, greetings, opinions…): what `Engine.check` would check, without checking it. An
 * adapter routes a message with no claim in it to `ask` instead.
 */
export { splitClaims } from './check/split-claims.js';
/** How a check result is put into words (verdicts, mismatch kinds, "bài viết ghi / nhận định ghi"), in Vietnamese or English. */
export { checkWording } from './check/wording.js';
/** The wording tables `checkWording` returns. */
export type { CheckWording } from './check/wording.js';
/** The terminal conversation over an engine (the adapter `kiemchung chat` and `npm start` use). */
export { runChat } from './cli/chat.js';
/** Options of `runChat`: input, output, ask options. */
export type { ChatOptions } from './cli/chat.js';
