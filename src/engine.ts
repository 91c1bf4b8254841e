import { type Config, loadConfig } from './config.js';
import { paragraphId, parseParagraphId } from './corpus/ids.js';
import { createEmbedder } from './embed/create-embedder.js';
import type { Embedder } from './embed/embedder.js';
import fs from 'node:fs';
import path from 'node:path';
import { IndexError, InputError, KiemchungError, errorMessage } from './errors.js';
import type { FetchFn } from './fetch/fetch-url.js';
import { createWebClient } from './fetch/web-client.js';
import { type IngestOutcome, ingestPage } from './ingest/add-pages.js';
import { CorpusUrls } from './ingest/corpus-urls.js';
import { FeedStore } from './feeds/feed-store.js';
import { createFeeds } from './feeds/feeds.js';
import { type IndexProgress, corpusUnchanged } from './store/update-index.js';
import type { Store, StoredArticle } from './store/port.js';
import { type IndexBackend, openBackend } from './store/backend.js';
import { type Logger, createLogger, secretValues } from './log.js';
import { articleRef } from './answer/article-ref.js';
import { answerWithLlm } from './answer/answer-with-llm.js';
import { DEFAULT_EXTRACTIVE, closestArticles, extractiveAnswer, messages } from './answer/extractive.js';
import { mentionAnswer, mentionedPhrase } from './answer/mention.js';
import { ANSWER_WINDOWS, type FusionSettings, type Retrieved, fusionFor, onePerParagraph, retrieve } from './retrieve/retrieve.js';
import { analyzeQuestion, retrievalQuery, withoutEnglishOfficeWords } from './answer/question-type.js';
import { queryTerms } from './retrieve/query-terms.js';
import { RERANK_POOL } from './retrieve/rerank.js';
import { expandQuery, extraTerms } from './text/glossary.js';
import { detectLang } from './text/lang.js';
import { fold, hasMarks, normalizeSpace } from './text/normalize.js';
import { restoreMarks } from './retrieve/restore-marks.js';
import type { Article } from './corpus/article.js';
import { type CoreAskOptions, askInContext } from './dialogue/converse.js';
import type { ArticleInfo, CollectionView } from './dialogue/collection.js';
import type { ArticleLookup } from './dialogue/follow-up.js';
import { type PeriodOrder, dayIn } from './text/relative-dates.js';
import type {
  AddOptions,
  AddReport,
  AddResult,
  Answer,
  AskOptions,
  CheckOptions,
  CheckResult,
  ClaimCheck,
  Engine,
  Lang,
  EngineStats,
  FeedPollReport,
  FeedWatch,
  Feeds,
  IndexReport,
  SearchHit,
  SearchOptions,
  SourceParagraph,
  Suggestion,
} from './types.js';
import { type CheckDeps, MAX_CHECK_CHARS, checkClaimOffline, checkText } from './check/check.js';
import { readingLine, verdictAnswer } from './answer/verdict-answer.js';
import { createCheckDeps } from './check/deps.js';
import { recased } from './check/facts.js';
import { asksAboutDraft, statementOf } from './check/split-claims.js';
import { expandChatWords } from './text/chat-words.js';
import { type CheckPrompts, checkWithLlm, loadCheckPrompts } from './check/llm-check.js';

/** Questions of every kind, answered once at start (extractive answers only: a model is not asked). */
const WARM_UP: Record<'extractive' | 'none', string[]> = {
  extractive: [
    'Ai là người đứng đầu?',
    'Hội nghị tổ chức ở đâu và khi nào?',
    'Có bao nhiêu nước tham gia?',
    'WHO là gì?',
    'Vì sao hợp tác như thế nào?',
    'nhung quoc gia nao tham gia',
    'Who signed what?',
  ],
  none: [],
};

/** Statements of different kinds, checked once at start (offline only: a model is not asked). */
const CHECK_WARM_UP = [
  'Hội nghị lần thứ 4 được tổ chức tại Hà Nội vào ngày 29/8/2023 với hơn 70 đại biểu.',
  'Bộ trưởng không tham dự và sẽ ký kết thỏa thuận trong năm 2024.',
  'viet nam da tro thanh thanh vien chinh thuc',
  'The ministry signed 3 agreements in June 2024.',
];

/**
 * A question word (folded): the question asks for something ("Bạn thấy sao?", "… ở đâu?") and
 * states nothing to check; one without ("IEC sẽ hỗ trợ Việt Nam …?") asks whether it is so.
 */
const ASKS_WHAT = /(?<![\p{L}\p{N}])(?:sao|gi|ai|dau|nao|bao nhieu|bao gio|what|who|whom|when|where|why|how|which)(?![\p{L}\p{N}])/u;

export interface EngineOptions {
  /** Settings that override the environment (e.g. `{ corpus, indexDir }`). */
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /**
   * Keep the index up to date with the corpus: builds it before serving when it is missing or
   * cannot be read as it is; otherwise serves it at once and checks the corpus in the
   * background (`Engine.checked`), re-embedding only changed articles. `'if-missing'` builds it
   * only when there is none and never checks the corpus. Default: true for the embedded index;
   * `'if-missing'` for the database, which several replicas share and `kiemchung index` updates.
   */
  autoIndex?: boolean | 'if-missing';
  /** An embedder instance to use instead of the configured one. */
  embedder?: Embedder;
  fusion?: Partial<FusionSettings>;
  onIndexProgress?: (p: IndexProgress) => void;
  /** The fetcher `add` uses instead of the configured one (tests resolve names to a loopback site). */
  fetch?: FetchFn;
  /**
   * The time, for questions about "hôm nay", "tuần trước", "năm nay" (read in
   * KIEMCHUNG_TIME_ZONE); default the system clock. Tests and evaluations pass a fixed one.
   */
  clock?: () => Date;
}

/** URLs one `add` call takes at most. */
export const MAX_ADD_URLS = 200;
/** Pages fetched at once by one `add` (the per-host pace still spaces requests to one site). */
const ADD_CONCURRENCY = 4;
/** How often the feed schedule looks for feeds that are due. */
const FEED_TICK_MS = 60_000;

/** Whether a question was limited to some articles, sources or dates. */
function isFiltered(opts: CoreAskOptions): boolean {
  return opts.filter !== undefined && Object.values(opts.filter).some((v) => v !== undefined);
}

/**
 * Creates the engine: loads configuration, the embedder and the index (building or updating
 * it first unless `autoIndex` is false). Throws `ConfigError`, `CorpusError`, `IndexError` or
 * `ProviderError` with a clear message when it cannot start.
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const env = options.env ?? process.env;
  const config = loadConfig(env, options.config);
  const logger = options.logger ?? createLogger(config.logLevel, undefined, secretValues(env));
  const embedder = options.embedder ?? (await createEmbedder(config.embeddings, { config, logger }));
  const fusion: FusionSettings = { ...fusionFor(embedder.kind), ...options.fusion };
  /**
   * A Vietnamese question typed without tone marks, read with them restored from the collection
   * (`restoreMarks`), once: retrieval looks for its marked terms too (`QueryWeights.restored`)
   * and the re-ranking reads it. Any other question as it is.
   */
  const withMarksRestored = (s: Store, q: string, lang: Lang): Promise<string> => (lang === 'vi' && !hasMarks(q) ? restoreMarks(s, q) : Promise.resolve(q));

  const backend: IndexBackend = await openBackend({ config, embedder, logger, follow: true });
  const logReport = (report: IndexReport): IndexReport => {
    if (report.notice) logger.info(report.notice);
    for (const i of report.issues) logger.warn(`article skipped: ${i.path}: ${i.reason}`);
    if (report.wrote) {
      logger.info(`index updated: ${report.added} added, ${report.changed} changed, ${report.removed} removed, ${report.passages} passages in ${report.ms} ms`);
    }
    return report;
  };
  const update = async (): Promise<IndexReport> =>
    logReport(await backend.update({ corpus: config.corpus, ...(options.onIndexProgress ? { onProgress: options.onIndexProgress } : {}) }));
  /** The model the embedder has loaded (a store of the same build hands the same bytes on). */
  let loadedModel: Uint8Array | null = null;
  /** The store serving the newest generation, with the embedder's learned model (if it learns one) from it. */
  const openStore = async (): Promise<Store> => {
    const opened = await backend.open();
    // A store opened after the start (an update) is checked at once; the first one once the first answers are given.
    if (started) verify(opened);
    if (embedder.learnsFromCorpus) {
      const model = opened.embedderModel();
      if (!model)
        throw new IndexError(
          'index-corrupt',
          `the index in ${backend.location} has no model for embedder ${embedder.id}; run "kiemchung index --rebuild" to rebuild it`,
        );
      if (model !== loadedModel) embedder.loadModel(model);
      loadedModel = model;
    }
    return opened;
  };
  /** Whether the engine has given its first answers (the warm-up): it then checks each store it opens at once. */
  let started = false;
  // The index's files are checksummed while it serves: a mismatch stops it answering (every read then fails with the rebuild hint).
  const verify = (s: Store) => void s.verified?.().catch((err: unknown) => logger.error('the index is damaged; it no longer answers until it is rebuilt', err));
  const auto = options.autoIndex ?? (backend.kind === 'postgres' ? 'if-missing' : true);
  let store: Store;
  // Whether the index was built before serving (then the corpus needs no check in the background).
  let builtFirst = false;
  let llm: Awaited<ReturnType<typeof import('./answer/llm.js').createLlmAnswerer>> | null;
  let checkPrompts: CheckPrompts | null;
  try {
    // Serve the stored index first when it can be; build before serving when it cannot.
    let served: Store | null = null;
    if (auto !== false) {
      try {
        served = await openStore();
      } catch (err) {
        if (!(err instanceof IndexError) || (auto === 'if-missing' && err.code !== 'index-missing')) throw err;
        await update();
        builtFirst = true;
      }
    }
    store = served ?? (await openStore());
    // LangChain and the provider packages load only when an LLM is configured.
    llm = config.llm === 'none' ? null : await (await import('./answer/llm.js')).createLlmAnswerer(config.llm, { config, logger });
    checkPrompts = llm ? loadCheckPrompts(config.promptsDir) : null;
  } catch (err) {
    await backend.close();
    throw err;
  }
  let reindexing: Promise<IndexReport> | null = null;
  // Requests being answered, and who waits for none to be: the work done in the background
  // (the warm-up, the corpus check) starts each step only when no request is being answered,
  // so that a question asked right after a start does not share the process with it.
  let answering = 0;
  let idleWaiters: Array<() => void> = [];
  const serving = async <T>(work: () => Promise<T>): Promise<T> => {
    answering++;
    try {
      return await work();
    } finally {
      if (--answering === 0) {
        const waiting = idleWaiters;
        idleWaiters = [];
        for (const w of waiting) setImmediate(w);
      }
    }
  };
  /** Resolves after a turn of the event loop at which no request is being answered. */
  const idle = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (answering > 0) await new Promise<void>((resolve) => idleWaiters.push(resolve));
  };
  // Writers (add, reindex) take turns; readers keep answering from the published index.
  let writing: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = writing.then(work, work);
    writing = run.catch(() => undefined);
    return run;
  };
  const fetcher: FetchFn = options.fetch ?? createWebClient(config.fetch);
  let corpusUrls: CorpusUrls | null = null;

  /**
   * One claim, checked offline; with a model configured, the model proposes and the offline
   * check verifies (see check/llm-check.ts). Also what was retrieved for it.
   */
  const checkClaim = async (deps: CheckDeps, claim: string, o: CheckOptions): Promise<{ result: ClaimCheck; hits: Retrieved[] }> => {
    const offline = await checkClaimOffline(deps, claim, o);
    if (!llm || !checkPrompts || !offline.pieces.length) return { result: offline.result, hits: offline.hits };
    const result = await checkWithLlm({
      model: llm,
      prompts: checkPrompts,
      deps,
      offline,
      lang: o.lang ?? offline.lang,
      logger,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    return { result, hits: offline.hits };
  };

  const check = (text: string, opts: CheckOptions = {}): Promise<CheckResult> =>
    serving(async () => {
      const deps = createCheckDeps(store, embedder, fusion, () => dayIn(clock(), config.timeZone));
      const { questionAsStatement, ...rest } = opts;
      const checkOne = async (claim: string, o: CheckOptions) => (await checkClaim(deps, claim, o)).result;
      const r = await checkText(text, rest, checkOne);
      // Only questions, and the user asked to check them: "Có phải … không?" is the statement it
      // asks about; "Bạn thấy sao?" asks about none.
      if (
        questionAsStatement &&
        !rest.single &&
        r.refused === 'no-claim' &&
        r.skipped.some((s) => s.reason === 'question') &&
        r.skipped.every((s) => s.reason !== 'question' || analyzeQuestion(s.text).yesNo || !ASKS_WHAT.test(fold(s.text).toLowerCase()))
      )
        return checkText(text, { ...rest, single: true }, checkOne);
      return r;
    });

  /**
   * A yes/no question answered by the claim check: the statement it asks about, checked with the
   * question's filters and language. Null when it holds no statement to check (it is then answered
   * as other questions are).
   */
  const answerYesNo = async (q: string, lang: Lang, opts: CoreAskOptions): Promise<Omit<Answer, 'timing'> | null> => {
    const deps = createCheckDeps(store, embedder, fusion, () => dayIn(clock(), config.timeZone));
    let hits: Retrieved[] = [];
    // Read as a question even when typed without its question mark ("… đúng không").
    const asked = /[?？]\s*$/u.test(q) ? q : `${q}?`;
    const r = await checkText(
      asked,
      { single: true, lang, ...(opts.filter ? { filter: opts.filter } : {}), ...(opts.signal ? { signal: opts.signal } : {}) },
      async (claim, o) => {
        const checked = await checkClaim(deps, claim, o);
        hits = checked.hits;
        return checked.result;
      },
    );
    const c = r.claims[0];
    if (!c) return null;
    const filtered = isFiltered(opts);
    return verdictAnswer({ question: q, lang, check: c, hits, filtered });
  };

  /** A question whether the articles mention `phrase`: the phrase alone is the query (`mentionAnswer`). */
  const answerMention = async (q: string, phrase: string, lang: Lang, opts: CoreAskOptions): Promise<Omit<Answer, 'timing'>> => {
    const forms = extraTerms(phrase, lang);
    const found = await retrieve(store, embedder, expandQuery(phrase, lang, phrase), {
      k: RERANK_POOL,
      fusion,
      perParagraph: ANSWER_WINDOWS,
      ...(opts.filter ? { filter: opts.filter } : {}),
    });
    const hits = opts.order ? orderByDate(found.hits, opts.order) : found.hits;
    return mentionAnswer({
      question: q,
      lang,
      phrase,
      forms,
      hits,
      maxQuoteChars: DEFAULT_EXTRACTIVE.maxQuoteChars,
      filtered: isFiltered(opts),
      closest: closestArticles(hits),
    });
  };

  /** One standalone question: retrieval (in the order of dates asked for) and the cited answer. */
  const answerOne = async (question: string, opts: CoreAskOptions = {}): Promise<Answer> => {
    const t0 = performance.now();
    const typed = normalizeSpace(typeof question === 'string' ? question : '');
    // Typed all in lower case, its acronyms are read in capitals ("lmc la viet tat cua gi" asks
    // about "LMC"): seed questions in lower case `ans` 93.5 -> 99.1. Not its places, as claims'
    // are: one name in capitals among others in lower case weighs alone in the names the refusal
    // reads (XQuAD-vi in lower case 88.3 -> 88.2 with them).
    const q = recased(expandChatWords(typed), false);
    const lang = opts.lang ?? detectLang(q);
    const m = messages(lang);
    const base = { question: typed, lang, mode: 'extractive' as const, citations: [], closest: [], retrieved: [], confidence: 0 };
    const done = (a: Omit<Answer, 'timing'>, retrieveMs: number): Answer => ({
      ...a,
      timing: { retrieveMs: Math.round(retrieveMs * 100) / 100, totalMs: Math.round((performance.now() - t0) * 100) / 100 },
    });
    if (!/[\p{L}\p{N}]/u.test(q)) return done({ ...base, text: m.empty, refused: true, reason: 'empty-question' }, 0);
    if (q.length > config.maxQuestionChars) return done({ ...base, text: m.tooLong(config.maxQuestionChars, q.length), refused: true, reason: 'too-long' }, 0);
    const s = store;
    const analysis = analyzeQuestion(q);
    // Whether the articles mention something: where they write it, or that they do not.
    const phrase = mentionedPhrase(q);
    if (phrase) return done(await answerMention(q, phrase, lang, opts), performance.now() - t0);
    // A yes/no question is a claim to check: the verdict is the answer. When the check settles
    // nothing, the question is answered as any other, by the passage closest to it, said to be
    // no verdict; refused as the check refused it when that passage is not close enough.
    let unsettled: Omit<Answer, 'timing'> | null = null;
    if (analysis.yesNo) {
      const verdict = await answerYesNo(q, lang, opts);
      if (verdict && !verdict.refused) return done(verdict, performance.now() - t0);
      unsettled = verdict;
    }
    // A draft's words asked about ("Bản thảo liệt kê … , bài gốc có nói vậy không?") are looked
    // for without the framing, as the check read them.
    const asked = unsettled && asksAboutDraft(q) ? `${statementOf(q)}?` : q;
    const askedAnalysis = asked === q ? analysis : analyzeQuestion(asked);
    const topK = opts.topK ?? config.topK;
    // Retrieval looks for the question's content, not its question words; the first
    // RERANK_POOL passages are then re-ranked by their sentences (unless the question asks
    // for an order by date: then that order stands).
    const expanded = expandQuery(retrievalQuery(asked, askedAnalysis), lang, asked);
    const restored = await withMarksRestored(s, asked, lang);
    const found = await retrieve(s, embedder, expanded, {
      ...(restored !== asked ? { restored: retrievalQuery(restored) } : {}),
      k: Math.max(topK, RERANK_POOL),
      fusion,
      perParagraph: ANSWER_WINDOWS,
      ...(opts.filter ? { filter: opts.filter } : {}),
    });
    const ordered = opts.order ? orderByDate(found.hits, opts.order) : found.hits;
    const retrieveMs = performance.now() - t0;
    if (ordered.length === 0) {
      if (unsettled) return done(unsettled, retrieveMs);
      const filtered = isFiltered(opts);
      return done({ ...base, text: filtered ? m.filtered : m.refusal, refused: true, reason: filtered ? 'not-in-filter' : 'no-match' }, retrieveMs);
    }
    const ex = await extractiveAnswer({
      store: s,
      question: asked,
      // Not an English office's words: "position" is "vị thế" (standing) to the glossary.
      translated: extraTerms(askedAnalysis.office ? withoutEnglishOfficeWords(asked) : asked, lang),
      lang,
      hits: ordered,
      analysis: askedAnalysis,
      keepOrder: opts.order !== undefined,
      restored,
      ...(restored !== asked ? { lexicalScale: 1 + fusion.query.restored } : {}),
      ...(asked !== q ? { statement: true } : {}),
    });
    // One passage per paragraph is shown and given to a model, the best-ranked window.
    const hits = onePerParagraph(ex.ranked).slice(0, topK);
    const closest = closestArticles(hits);
    const retrieved = hits.map((h) => ({
      paragraphId: paragraphId(h.article.id, h.paragraphNumber),
      articleId: h.article.id,
      score: Math.round(h.score * 10000) / 10000,
    }));
    const confidence = Math.round(ex.confidence * 10000) / 10000;
    if (ex.citations.length === 0 || ex.confidence < config.minConfidence) {
      if (unsettled) return done(unsettled, retrieveMs);
      return done({ ...base, text: m.refusal, refused: true, reason: 'low-confidence', closest, retrieved, confidence }, retrieveMs);
    }
    // A yes/no question the check did not settle keeps its framing: no model rewrites it as an answer.
    if (llm && !unsettled) {
      const composed = await answerWithLlm({
        llm,
        hits,
        question: q,
        lang,
        ...(opts.onPartial ? { onPartial: opts.onPartial } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      }).catch((err: unknown) => {
        if (opts.signal?.aborted) throw err;
        logger.error('LLM answer failed; using the extractive answer', err);
        return null;
      });
      if (composed) return done({ ...base, ...composed, refused: false, closest, retrieved, confidence }, retrieveMs);
    }
    return done(
      {
        ...base,
        // The statement checked, that it is not settled, then the passage as any answer quotes it.
        text: unsettled?.verdict ? `${readingLine(unsettled.verdict.claim, lang)}\n${m.unsettled}${ex.text.slice(m.intro.length)}` : ex.text,
        citations: ex.citations,
        ...(ex.shortAnswer && !unsettled ? { shortAnswer: ex.shortAnswer } : {}),
        refused: false,
        closest,
        retrieved,
        confidence,
      },
      retrieveMs,
    );
  };

  const clock = options.clock ?? (() => new Date());
  /** Body paragraphs of articles, in order, read in one request (an unknown article is left out). */
  const paragraphsOf = async (articleIds: readonly string[]): Promise<Map<string, string[]>> => {
    const s = store;
    const wanted = [...new Set(articleIds)];
    // A few articles are looked up one by one; many through the list of all of them.
    let all: Map<string, StoredArticle> | null = null;
    if (wanted.length > 16) {
      // Only the wanted ones are kept (the last of one id wins, as in a map of them all).
      const want = new Set(wanted);
      all = new Map();
      for (const a of await s.articles()) if (want.has(a.id)) all.set(a.id, a);
    }
    const articles = (all ? wanted.map((id) => all.get(id) ?? null) : await Promise.all(wanted.map((id) => s.article(id)))).filter((a) => a !== null);
    const refs = articles.flatMap((a) => Array.from({ length: a.paragraphCount }, (_, i) => ({ articleId: a.id, n: i + 1 })));
    const texts = await s.paragraphs(refs);
    const out = new Map<string, string[]>();
    let at = 0;
    for (const a of articles)
      out.set(
        a.id,
        Array.from({ length: a.paragraphCount }, () => texts[at++] ?? ''),
      );
    return out;
  };
  // An article's metadata for the collection's questions, made once per stored article (the
  // embedded store keeps the same objects for a generation; a database store reads new ones).
  const infos = new WeakMap<StoredArticle, ArticleInfo>();
  const articleInfo = (a: StoredArticle): ArticleInfo => {
    let info = infos.get(a);
    if (!info) infos.set(a, (info = { ...articleRef(a), tags: a.tags }));
    return info;
  };
  const view: CollectionView = {
    articles: async () => (await store.articles()).map(articleInfo),
    paragraphs: paragraphsOf,
    // The lexical side alone, `limit` passages deep: a topic counts only where its words are
    // written, and fused retrieval keeps its usual hundred-odd passages whatever k it is asked.
    candidates: async (words, limit) => {
      const hits = await store.lexicalSearch(queryTerms(words, fusion.query), limit);
      const at = await store.passages(hits.map((h) => h.passage));
      return { ids: [...new Set(at.map((p) => p.article.id))], complete: hits.length < limit };
    },
  };
  /**
   * The articles a conversation's earlier answers cited, read before the question is resolved
   * (the follow-up rules look them up as they go, without waiting).
   */
  const lookupFor = async (history: AskOptions['history']): Promise<ArticleLookup> => {
    const ids = (history ?? []).flatMap((t) => t.citations.slice(0, 2).map((c) => c.articleId));
    if (ids.length === 0) return () => null;
    const [texts, metas] = await Promise.all([paragraphsOf(ids), Promise.all([...new Set(ids)].map((id) => store.article(id)))]);
    const titles = new Map(metas.filter((a) => a !== null).map((a) => [a.id, a.title]));
    return (articleId) => {
      const title = titles.get(articleId);
      const paragraphs = texts.get(articleId);
      return title !== undefined && paragraphs ? { title, paragraphs } : null;
    };
  };
  /** A question in its conversation (`opts.history`) and time (the clock): see dialogue/converse.ts. */
  const ask = (question: string, opts: AskOptions = {}): Promise<Answer> =>
    serving(async () =>
      askInContext(question, opts, {
        answer: answerOne,
        today: () => dayIn(clock(), config.timeZone),
        view,
        lookup: await lookupFor(opts.history),
        maxQuestionChars: config.maxQuestionChars,
        ...(llm?.rewrite ? { rewrite: llm.rewrite } : {}),
      }),
    );

  const search = (query: string, opts: SearchOptions = {}): Promise<SearchHit[]> => serving(() => searchNow(query, opts));
  const searchNow = async (query: string, opts: SearchOptions): Promise<SearchHit[]> => {
    const q = normalizeSpace(typeof query === 'string' ? query : '');
    if (!/[\p{L}\p{N}]/u.test(q)) return [];
    if (q.length > config.maxQuestionChars) throw new InputError(`query longer than ${config.maxQuestionChars} characters`);
    const s = store;
    const lang = detectLang(q);
    const restored = await withMarksRestored(s, q, lang);
    const { hits } = await retrieve(s, embedder, expandQuery(retrievalQuery(q), lang, q), {
      ...(restored !== q ? { restored: retrievalQuery(restored) } : {}),
      k: opts.topK ?? 10,
      fusion,
      ...(opts.filter ? { filter: opts.filter } : {}),
    });
    return hits.map((h) => ({
      ...articleRef(h.article),
      paragraphId: paragraphId(h.article.id, h.paragraphNumber),
      paragraphNumber: h.paragraphNumber,
      snippet: h.paragraph.slice(h.start, h.end),
      score: Math.round(h.score * 10000) / 10000,
    }));
  };

  const source = async (wanted: string): Promise<SourceParagraph | null> => {
    const id = parseParagraphId(typeof wanted === 'string' ? wanted.trim() : '');
    if (!id) return null;
    const s = store;
    const [article, [text]] = await Promise.all([s.article(id.articleId), s.paragraphs([{ articleId: id.articleId, n: id.n }])]);
    if (!article || typeof text !== 'string') return null;
    return {
      ...articleRef(article),
      paragraphId: paragraphId(article.id, id.n),
      paragraphNumber: id.n,
      text,
      paragraphCount: article.paragraphCount - article.captions.length,
    };
  };

  const suggest = async (prefix: string, limit = 25): Promise<Suggestion[]> => {
    const p = fold(normalizeSpace(typeof prefix === 'string' ? prefix : '')).slice(0, 100);
    const out: Suggestion[] = [];
    const idPart = p.split('#')[0] ?? '';
    // With a '#', only the article named before it can have paragraph ids that start with it.
    for (const meta of await store.findArticles({ id: idPart, idExact: p.includes('#'), titleContains: p }, limit)) {
      if (out.length >= limit) break;
      const titleHit = p.length > 0 && fold(meta.title).includes(p);
      for (let n = 1; n <= meta.paragraphCount && out.length < limit; n++) {
        const pid = paragraphId(meta.id, n);
        if (!titleHit && !pid.startsWith(p)) continue;
        out.push({ paragraphId: pid, label: `${pid} · ${meta.title}`.slice(0, 100) });
      }
    }
    return out;
  };

  const stats = (): EngineStats => {
    const { builtAt, ...counts } = store.stats();
    return {
      ...counts,
      embedder: { id: embedder.id, dimension: embedder.dimension },
      llm: config.llm,
      indexDir: backend.location,
      storage: backend.kind,
      builtAt,
    };
  };

  const reindex = (): Promise<IndexReport> => {
    reindexing ??= exclusive(() =>
      update().then(async (report) => {
        if (report.wrote) store = await openStore();
        // Files may have been added, moved or edited by hand: read the addresses again when needed.
        corpusUrls = null;
        return report;
      }),
    ).finally(() => {
      reindexing = null;
    });
    return reindexing;
  };

  // The first answers after a start compile the question rules, the fact patterns and the
  // answer path; a few questions of different kinds answered in the background once the engine
  // is returned (their answers dropped, one at a time, each when no request is being answered)
  // keep that out of the first users' waiting time without making a first question share the
  // process with them.
  let closing = false;
  const warmedUp: Promise<void> =
    store.stats().passages > 0
      ? (async () => {
          for (const w of WARM_UP[config.llm === 'none' ? 'extractive' : 'none']) {
            await idle();
            if (closing) return;
            await answerOne(w).catch(() => undefined);
          }
          // The same for the check: its readers of numbers, dates and names and its comparison.
          const deps = createCheckDeps(store, embedder, fusion, () => dayIn(clock(), config.timeZone));
          for (const w of CHECK_WARM_UP) {
            await idle();
            if (closing) return;
            await checkText(w, {}, async (claim, o) => (await checkClaimOffline(deps, claim, o)).result).catch(() => undefined);
          }
        })()
      : Promise.resolve();
  // The index's checksums are taken once the warm-up is done and no request is being answered.
  void warmedUp.then(idle).then(() => {
    started = true;
    if (!closing) verify(store);
  });

  const corpusFolder = (): string => {
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(config.corpus);
    } catch {
      st = null;
    }
    if (!st?.isDirectory()) {
      throw new KiemchungError(
        'config',
        `adding articles needs a corpus folder to write Markdown files into; ${config.corpus} is ${st ? 'a file' : 'missing'} (set --corpus or KIEMCHUNG_CORPUS to a folder)`,
      );
    }
    return config.corpus;
  };

  const add = (urls: readonly string[], opts: AddOptions = {}): Promise<AddReport> => {
    const list = [...new Set((Array.isArray(urls) ? urls : []).map((u) => (typeof u === 'string' ? u.trim() : '')).filter(Boolean))];
    if (list.length === 0) return Promise.reject(new InputError('no URL to add'));
    if (list.length > MAX_ADD_URLS) return Promise.reject(new InputError(`at most ${MAX_ADD_URLS} URLs at a time (got ${list.length})`));
    return exclusive(async () => {
      const t0 = performance.now();
      const dir = corpusFolder();
      // The stored articles' ids and addresses, read once for this batch.
      const stored = await store.articles();
      const storedIds = new Set(stored.map((a) => a.id));
      corpusUrls ??= new CorpusUrls(dir, () => stored);
      const urlsNow = corpusUrls;
      const results: AddResult[] = new Array(list.length);
      const written: (Article | undefined)[] = new Array(list.length);
      // A few pages in flight at once: while one waits for its site, another is extracted. What
      // follows a fetch (identity, id, the file) runs without a pause, so two pages of one batch
      // cannot take the same id.
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < list.length; i = next++) {
          const url = list[i] as string;
          if (opts.signal?.aborted) {
            results[i] = { url, status: 'failed', reason: `${url}: cancelled before it was fetched`, failure: 'aborted' };
            continue;
          }
          // One page's unexpected fault is reported as that page's; the others are still added and reported.
          const outcome = await ingestPage(url, {
            fetch: fetcher,
            corpusDir: dir,
            urls: urlsNow,
            idTaken: (id) => storedIds.has(id),
            timeZone: config.timeZone,
            ...(opts.signal ? { signal: opts.signal } : {}),
          }).catch((err: unknown): IngestOutcome => ({ result: { url, status: 'failed', reason: `${url}: ${errorMessage(err)}`, failure: 'internal' } }));
          results[i] = outcome.result;
          written[i] = outcome.written;
          logger.info(
            `add: ${outcome.result.status} ${url}${outcome.result.article ? ` → ${outcome.result.article.articleId}` : ''}${outcome.result.reason && outcome.result.status !== 'unchanged' ? ` (${outcome.result.reason})` : ''}`,
          );
          opts.onResult?.(outcome.result);
        }
      };
      await Promise.all(Array.from({ length: Math.min(ADD_CONCURRENCY, list.length) }, worker));
      let index: IndexReport | undefined;
      const fresh = written.filter((a): a is Article => a !== undefined);
      if (fresh.length > 0) {
        // Only the pages just written are indexed (the update decides when to read the corpus and merge instead).
        index = logReport(await backend.update({ corpus: config.corpus, upsert: fresh }));
        if (index.wrote) store = await openStore();
      }
      return { results, ...(index ? { index } : {}), ms: Math.round(performance.now() - t0) };
    });
  };

  let feedStore: FeedStore | null = null;
  let feedsApi: Feeds | null = null;
  const feeds = (): Feeds => {
    if (!feedsApi) {
      const file = config.feeds.db ?? path.join(path.dirname(path.resolve(config.indexDir)), 'feeds.sqlite');
      feedStore = FeedStore.open(file);
      feedsApi = createFeeds({
        store: feedStore,
        fetch: fetcher,
        add: (urls, signal) => add(urls, signal ? { signal } : {}),
        settings: { intervalMs: Math.max(1, config.feeds.pollMinutes) * 60_000, maxNewPerPoll: config.feeds.maxNew },
        logger,
      });
    }
    return feedsApi;
  };
  const watches = new Set<FeedWatch>();

  const watchFeeds = (onReport: (report: FeedPollReport) => void | Promise<void>): FeedWatch | null => {
    if (config.feeds.pollMinutes === 0) return null;
    const api = feeds();
    const controller = new AbortController();
    let running: Promise<void> | null = null;
    const tick = () => {
      if (running || controller.signal.aborted) return;
      running = api
        .poll({ dueOnly: true, signal: controller.signal })
        .then(async (report) => {
          if (report.added.length > 0 || report.feeds.some((f) => f.status === 'error')) await onReport(report);
        })
        .catch((err: unknown) => logger.error('feeds: scheduled poll failed', err))
        .finally(() => {
          running = null;
        });
    };
    const timer = setInterval(tick, FEED_TICK_MS);
    timer.unref();
    setImmediate(tick);
    const watch: FeedWatch = {
      stop: async () => {
        clearInterval(timer);
        controller.abort();
        await running;
        watches.delete(watch);
      },
    };
    watches.add(watch);
    logger.info(`feeds: polling every ${config.feeds.pollMinutes} min`);
    return watch;
  };

  // The corpus check of an engine that started on its persisted index, begun at the first turn
  // of the event loop at which no request is being answered (questions asked as soon as the
  // engine is returned go first); skipped when no corpus file changed since the index was last
  // brought up to date with them (their sizes, times and inodes are compared, not read).
  const checked: Promise<IndexReport | null> =
    auto === true && !builtFirst && !(backend.kind === 'embedded' && corpusUnchanged(config.indexDir, config.corpus))
      ? idle()
          .then(() => (closing ? null : reindex()))
          .catch((err: unknown) => {
            logger.error('checking the corpus for changes failed; serving the index as it is', err);
            return null;
          })
      : Promise.resolve(null);

  // Made when first asked for: waiting for a thread or graph keeps the process alive, which a one-shot command must not do.
  let searchReady: Promise<void> | null = null;
  return {
    checked,
    get searchReady() {
      searchReady ??= store.vectorGraphReady?.() ?? Promise.resolve();
      return searchReady;
    },
    limits: Object.freeze({ maxQuestionChars: config.maxQuestionChars, maxCheckChars: MAX_CHECK_CHARS }),
    coordination: backend.coordination,
    ask,
    check,
    search,
    source,
    suggest,
    stats,
    reindex,
    add,
    get feeds() {
      return feeds();
    },
    watchFeeds,
    close: async () => {
      closing = true;
      await warmedUp;
      await checked;
      await Promise.all([...watches].map((w) => w.stop()));
      await reindexing?.catch(() => undefined);
      await writing.catch(() => undefined);
      feedStore?.close();
      await backend.close();
      await embedder.close();
    },
  };
}

/**
 * Retrieval hits in the order a question's "mới nhất" / "cũ nhất" / "gần đây" asks for. Among
 * the relevant hits (at least half the best score), "latest" puts the newest articles first and
 * "earliest" the oldest; "recent" lifts newer ones by up to a quarter of their score, relative
 * to the dates retrieved. Hits without a date keep their place after the dated ones.
 */
function orderByDate(hits: Retrieved[], order: PeriodOrder): Retrieved[] {
  if (hits.length < 2) return hits;
  const best = hits[0]?.score ?? 0;
  if (order === 'recent') {
    const dates = hits
      .map((h) => h.article.date)
      .filter(Boolean)
      .sort();
    const lo = Date.parse(dates[0] ?? '');
    const hi = Date.parse(dates[dates.length - 1] ?? '');
    if (!(hi > lo)) return hits;
    const fresh = (h: Retrieved) => (h.article.date ? (Date.parse(h.article.date) - lo) / (hi - lo) : 0);
    return [...hits].sort((a, b) => b.score * (0.75 + 0.25 * fresh(b)) - a.score * (0.75 + 0.25 * fresh(a)));
  }
  const relevant = hits.filter((h) => h.score >= best * 0.5 && h.article.date);
  const rest = hits.filter((h) => !relevant.includes(h));
  const sign = order === 'latest' ? -1 : 1;
  relevant.sort((a, b) => sign * a.article.date.localeCompare(b.article.date) || b.score - a.score);
  return [...relevant, ...rest];
}
