import { type Config, loadConfig } from './config.js';
import { parseParagraphId } from './corpus/ids.js';
import { createEmbedder } from './embed/create-embedder.js';
import type { Embedder } from './embed/embedder.js';
import fs from 'node:fs';
import { InputError, KiemchungError } from './errors.js';
import type { FetchFn } from './fetch/fetch-url.js';
import { createWebClient } from './fetch/web-client.js';
import { ingestPage } from './ingest/add-pages.js';
import { CorpusUrls } from './ingest/corpus-urls.js';
import path from 'node:path';
import { FeedStore } from './feeds/feed-store.js';
import { createFeeds } from './feeds/feeds.js';
import { type IndexProgress, updateIndex } from './index/build-index.js';
import { IndexReader, articleRef } from './index/open-index.js';
import type { Segment } from './index/segment.js';
import { type Logger, createLogger, secretValues } from './log.js';
import { assertVerbatim, closestArticles, extractiveAnswer, messages } from './answer/extractive.js';
import { renumberMarkers } from './answer/check-citations.js';
import { draftText } from './answer/draft.js';
import { type FusionSettings, HASH_FUSION, NEURAL_FUSION, type Retrieved, retrieve } from './retrieve/hybrid.js';
import { expandQuery, translateTerms } from './text/glossary.js';
import { detectLang } from './text/lang.js';
import { fold, normalizeSpace } from './text/normalize.js';
import type { AddOptions, AddReport, AddResult, FeedPollReport, FeedWatch, Feeds, Answer, AskOptions, Citation, Engine, Lang, EngineStats, IndexReport, SearchHit, SearchOptions, SourceParagraph, Suggestion } from './types.js';
import type { Article } from './corpus/article.js';

export interface EngineOptions {
  /** Settings that override the environment (e.g. `{ corpus, indexDir }`). */
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /**
   * Bring the index up to date with the corpus before serving (default true): builds it when
   * missing, re-embeds only changed articles, and is quick when nothing changed.
   */
  autoIndex?: boolean;
  /** An embedder instance to use instead of the configured one. */
  embedder?: Embedder;
  fusion?: Partial<FusionSettings>;
  onIndexProgress?: (p: IndexProgress) => void;
  /** The fetcher `add` uses instead of the configured one (tests resolve names to a loopback site). */
  fetch?: FetchFn;
}

/** URLs one `add` call takes at most. */
export const MAX_ADD_URLS = 200;
/** Pages fetched at once by one `add` (the per-host pace still spaces requests to one site). */
const ADD_CONCURRENCY = 4;
/**
 * Added pages are indexed on their own (no corpus read, no merge) while the index has fewer
 * segments than this; then a full update reads the corpus and merges the small segments.
 */
const UPSERT_MAX_SEGMENTS = 12;
/** How often the feed schedule looks for feeds that are due. */
const FEED_TICK_MS = 60_000;

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
  const fusion: FusionSettings = { ...(embedder.id === 'hash' ? HASH_FUSION : NEURAL_FUSION), ...options.fusion };

  const update = async (): Promise<IndexReport> => {
    const report = await updateIndex({
      indexDir: config.indexDir,
      corpus: config.corpus,
      embedder,
      ...(options.onIndexProgress ? { onProgress: options.onIndexProgress } : {}),
    });
    for (const i of report.issues) logger.warn(`article skipped: ${i.path}: ${i.reason}`);
    if (report.wrote) {
      logger.info(`index updated: ${report.added} added, ${report.changed} changed, ${report.removed} removed, ${report.passages} passages in ${report.ms} ms`);
    }
    return report;
  };
  if (options.autoIndex !== false) await update();
  // LangChain and the provider packages load only when an LLM is configured.
  const llm = config.llm === 'none' ? null : await (await import('./answer/llm.js')).createLlmAnswerer(config.llm, { config, logger });
  let reader = IndexReader.open(config.indexDir, embedder);
  let reindexing: Promise<IndexReport> | null = null;
  // Writers (add, reindex) take turns; readers keep answering from the published index.
  let writing: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = writing.then(work, work);
    writing = run.catch(() => undefined);
    return run;
  };
  const fetcher: FetchFn = options.fetch ?? createWebClient(config.fetch);
  let corpusUrls: CorpusUrls | null = null;

  const ask = async (question: string, opts: AskOptions = {}): Promise<Answer> => {
    const t0 = performance.now();
    const q = normalizeSpace(typeof question === 'string' ? question : '');
    const lang = opts.lang ?? detectLang(q);
    const m = messages(lang);
    const base = { question: q, lang, mode: 'extractive' as const, citations: [], closest: [], retrieved: [], confidence: 0 };
    const done = (a: Omit<Answer, 'timing'>, retrieveMs: number): Answer => ({
      ...a,
      timing: { retrieveMs: Math.round(retrieveMs * 100) / 100, totalMs: Math.round((performance.now() - t0) * 100) / 100 },
    });
    if (!/[\p{L}\p{N}]/u.test(q)) return done({ ...base, text: m.empty, refused: true, reason: 'empty-question' }, 0);
    if (q.length > config.maxQuestionChars) return done({ ...base, text: m.tooLong, refused: true, reason: 'too-long' }, 0);
    const r = reader;
    const expanded = expandQuery(q, lang);
    const { hits } = await retrieve(r, embedder, expanded, { k: opts.topK ?? config.topK, fusion, ...(opts.filter ? { filter: opts.filter } : {}) });
    const retrieveMs = performance.now() - t0;
    const closest = closestArticles(hits);
    const retrieved = hits.map((h) => ({ paragraphId: `${h.article.id}#p${h.paragraphNumber}`, articleId: h.article.id, score: Math.round(h.score * 10000) / 10000 }));
    if (hits.length === 0) {
      const filtered = opts.filter && Object.values(opts.filter).some((v) => v !== undefined);
      return done({ ...base, text: filtered ? m.filtered : m.refusal, refused: true, reason: filtered ? 'not-in-filter' : 'no-match' }, retrieveMs);
    }
    const ex = extractiveAnswer({ reader: r, question: q, translated: lang === 'en' ? translateTerms(q) : [], lang, hits });
    if (ex.citations.length === 0 || ex.confidence < config.minConfidence) {
      return done({ ...base, text: m.refusal, refused: true, reason: 'low-confidence', closest, retrieved, confidence: ex.confidence }, retrieveMs);
    }
    if (llm) {
      const composed = await llmAnswer(r, hits, q, lang, opts).catch((err: unknown) => {
        if (opts.signal?.aborted) throw err;
        logger.error('LLM answer failed; using the extractive answer', err);
        return null;
      });
      if (composed) return done({ ...base, ...composed, refused: false, closest, retrieved, confidence: ex.confidence }, retrieveMs);
    }
    return done({ ...base, text: ex.text, citations: ex.citations, refused: false, closest, retrieved, confidence: ex.confidence }, retrieveMs);
  };

  /**
   * The configured chat model answers from the retrieved paragraphs; every sentence it writes
   * is checked against the paragraph it cites, and its markers are renumbered from 1. Null
   * when too little survives the check: the extractive answer is used instead.
   */
  const llmAnswer = async (r: IndexReader, hits: Retrieved[], q: string, lang: Lang, opts: AskOptions) => {
    if (!llm) return null;
    const sources = hits.map((h, i) => ({
      marker: i + 1,
      paragraphId: `${h.article.id}#p${h.paragraphNumber}`,
      title: h.article.title,
      date: h.article.date,
      text: (r.segments[h.segment] as Segment).paragraphText(h.paragraph),
    }));
    const onPartial = opts.onPartial;
    let shown = '';
    const draft = onPartial
      ? (raw: string) => {
          const text = draftText(raw);
          if (text && text !== shown) onPartial((shown = text));
        }
      : undefined;
    const result = await llm.answer({ question: q, lang, sources, ...(draft ? { onPartial: draft } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
    if (!result) return null;
    const { text, original } = renumberMarkers(result.text);
    const citations: Citation[] = [];
    for (const [marker, old] of original) {
      const hit = hits[old - 1];
      const src = sources[old - 1];
      if (!hit || !src) return null;
      const quote = result.quotes.get(old) ?? src.text;
      citations.push({ marker, ...articleRef(hit.article), paragraphId: src.paragraphId, paragraphNumber: hit.paragraphNumber, quote, paragraph: src.text });
    }
    assertVerbatim(citations);
    return { text, citations, mode: 'llm' as const, flagged: result.flagged, checks: result.checks };
  };

  const search = async (query: string, opts: SearchOptions = {}): Promise<SearchHit[]> => {
    const q = normalizeSpace(typeof query === 'string' ? query : '');
    if (!/[\p{L}\p{N}]/u.test(q)) return [];
    if (q.length > config.maxQuestionChars) throw new InputError(`query longer than ${config.maxQuestionChars} characters`);
    const r = reader;
    const { hits } = await retrieve(r, embedder, expandQuery(q, detectLang(q)), { k: opts.topK ?? 10, fusion, ...(opts.filter ? { filter: opts.filter } : {}) });
    return hits.map((h) => ({
      ...articleRef(h.article),
      paragraphId: `${h.article.id}#p${h.paragraphNumber}`,
      paragraphNumber: h.paragraphNumber,
      snippet: (r.segments[h.segment] as Segment).paragraphText(h.paragraph).slice(h.start, h.end),
      score: Math.round(h.score * 10000) / 10000,
    }));
  };

  const source = async (paragraphId: string): Promise<SourceParagraph | null> => {
    const id = parseParagraphId(typeof paragraphId === 'string' ? paragraphId.trim() : '');
    if (!id) return null;
    const loc = reader.articles.get(id.articleId);
    if (!loc || id.n > loc.meta.pc) return null;
    const seg = reader.segments[loc.segment] as Segment;
    return {
      ...articleRef(loc.meta),
      paragraphId: `${loc.meta.id}#p${id.n}`,
      paragraphNumber: id.n,
      text: seg.paragraphText(loc.meta.p0 + id.n - 1),
      paragraphCount: loc.meta.pc,
    };
  };

  const suggest = (prefix: string, limit = 25): Suggestion[] => {
    const p = fold(normalizeSpace(typeof prefix === 'string' ? prefix : '')).slice(0, 100);
    const out: Suggestion[] = [];
    const idPart = p.split('#')[0] ?? '';
    for (const { meta } of reader.articles.values()) {
      if (out.length >= limit) break;
      const titleHit = p.length > 0 && fold(meta.title).includes(p);
      if (!(meta.id.startsWith(idPart) || titleHit)) continue;
      for (let n = 1; n <= meta.pc && out.length < limit; n++) {
        const pid = `${meta.id}#p${n}`;
        if (!titleHit && !pid.startsWith(p)) continue;
        out.push({ paragraphId: pid, label: `${pid} · ${meta.title}`.slice(0, 100) });
      }
    }
    return out;
  };

  const stats = (): EngineStats => ({
    articles: reader.articles.size,
    paragraphs: reader.paragraphCount,
    passages: reader.passageCount,
    dateFrom: reader.dateFrom,
    dateTo: reader.dateTo,
    embedder: { id: embedder.id, dimension: embedder.dimension },
    llm: config.llm,
    indexDir: config.indexDir,
    builtAt: reader.manifest.createdAt,
  });

  const reindex = (): Promise<IndexReport> => {
    reindexing ??= exclusive(() =>
      update().then((report) => {
        if (report.wrote) reader = IndexReader.open(config.indexDir, embedder);
        // Files may have been added, moved or edited by hand: read the addresses again when needed.
        corpusUrls = null;
        return report;
      }),
    ).finally(() => {
      reindexing = null;
    });
    return reindexing;
  };

  const corpusFolder = (): string => {
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(config.corpus);
    } catch {
      st = null;
    }
    if (!st?.isDirectory()) {
      throw new KiemchungError('config', `adding articles needs a corpus folder to write Markdown files into; ${config.corpus} is ${st ? 'a file' : 'missing'} (set --corpus or KIEMCHUNG_CORPUS to a folder)`);
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
      corpusUrls ??= CorpusUrls.scan(dir);
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
          const outcome = await ingestPage(url, {
            fetch: fetcher,
            corpusDir: dir,
            urls: urlsNow,
            idTaken: (id) => reader.articles.has(id),
            ...(opts.signal ? { signal: opts.signal } : {}),
          });
          results[i] = outcome.result;
          written[i] = outcome.written;
          logger.info(`add: ${outcome.result.status} ${url}${outcome.result.article ? ` → ${outcome.result.article.articleId}` : ''}${outcome.result.reason && outcome.result.status !== 'unchanged' ? ` (${outcome.result.reason})` : ''}`);
          opts.onResult?.(outcome.result);
        }
      };
      await Promise.all(Array.from({ length: Math.min(ADD_CONCURRENCY, list.length) }, worker));
      let index: IndexReport | undefined;
      const fresh = written.filter((a): a is Article => a !== undefined);
      if (fresh.length > 0) {
        index =
          reader.manifest.segments.length < UPSERT_MAX_SEGMENTS
            ? await updateIndex({ indexDir: config.indexDir, corpus: config.corpus, embedder, upsert: fresh })
            : await update();
        if (index.wrote) reader = IndexReader.open(config.indexDir, embedder);
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

  return {
    limits: Object.freeze({ maxQuestionChars: config.maxQuestionChars }),
    ask,
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
      await Promise.all([...watches].map((w) => w.stop()));
      await reindexing?.catch(() => undefined);
      await writing.catch(() => undefined);
      feedStore?.close();
      await embedder.close();
    },
  };
}
