import { type Config, loadConfig } from './config.js';
import { paragraphId, parseParagraphId } from './corpus/ids.js';
import { createEmbedder } from './embed/create-embedder.js';
import type { Embedder } from './embed/embedder.js';
import { InputError } from './errors.js';
import { type IndexProgress, updateIndex } from './store/update-index.js';
import type { Store } from './store/port.js';
import { SegmentStore } from './store/segment-store.js';
import { type Logger, createLogger, secretValues } from './log.js';
import { articleRef } from './answer/article-ref.js';
import { answerWithLlm } from './answer/answer-with-llm.js';
import { closestArticles, extractiveAnswer, messages } from './answer/extractive.js';
import { type FusionSettings, HASH_FUSION, NEURAL_FUSION, type Retrieved, hitParagraph, retrieve } from './retrieve/retrieve.js';
import { expandQuery, translateTerms } from './text/glossary.js';
import { detectLang } from './text/lang.js';
import { fold, normalizeSpace } from './text/normalize.js';
import { type CoreAskOptions, askInContext } from './dialogue/converse.js';
import type { CollectionView } from './dialogue/collection.js';
import type { ArticleLookup } from './dialogue/follow-up.js';
import { type PeriodOrder, dayIn } from './text/relative-dates.js';
import type { Answer, AskOptions, CheckOptions, CheckResult, Engine, EngineStats, IndexReport, SearchHit, SearchOptions, SourceParagraph, Suggestion } from './types.js';
import { MAX_CHECK_CHARS, checkClaimOffline, checkText } from './check/check.js';
import { createCheckDeps } from './check/deps.js';
import { checkWithLlm, loadCheckPrompts } from './check/llm-check.js';

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
  /**
   * The time, for questions about "hôm nay", "tuần trước", "năm nay" (read in
   * KIEMCHUNG_TIME_ZONE); default the system clock. Tests and evaluations pass a fixed one.
   */
  clock?: () => Date;
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
  const fusion: FusionSettings = { ...(embedder.kind === 'lexical-hash' ? HASH_FUSION : NEURAL_FUSION), ...options.fusion };

  const update = async (): Promise<IndexReport> => {
    const report = await updateIndex({
      indexDir: config.indexDir,
      corpus: config.corpus,
      embedder,
      ...(options.onIndexProgress ? { onProgress: options.onIndexProgress } : {}),
    });
    if (report.notice) logger.info(report.notice);
    for (const i of report.issues) logger.warn(`article skipped: ${i.path}: ${i.reason}`);
    if (report.wrote) {
      logger.info(`index updated: ${report.added} added, ${report.changed} changed, ${report.removed} removed, ${report.passages} passages in ${report.ms} ms`);
    }
    return report;
  };
  if (options.autoIndex !== false) await update();
  // LangChain and the provider packages load only when an LLM is configured.
  const llm = config.llm === 'none' ? null : await (await import('./answer/llm.js')).createLlmAnswerer(config.llm, { config, logger });
  const checkPrompts = llm ? loadCheckPrompts(config.promptsDir) : null;
  let store: Store = SegmentStore.open(config.indexDir, embedder);
  let reindexing: Promise<IndexReport> | null = null;

  /** One standalone question: retrieval (in the order of dates asked for) and the cited answer. */
  const answerOne = async (question: string, opts: CoreAskOptions = {}): Promise<Answer> => {
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
    const s = store;
    const expanded = expandQuery(q, lang);
    const found = await retrieve(s, embedder, expanded, { k: opts.topK ?? config.topK, fusion, ...(opts.filter ? { filter: opts.filter } : {}) });
    const hits = opts.order ? orderByDate(found.hits, opts.order) : found.hits;
    const retrieveMs = performance.now() - t0;
    const closest = closestArticles(hits);
    const retrieved = hits.map((h) => ({ paragraphId: paragraphId(h.article.id, h.paragraphNumber), articleId: h.article.id, score: Math.round(h.score * 10000) / 10000 }));
    if (hits.length === 0) {
      const filtered = opts.filter && Object.values(opts.filter).some((v) => v !== undefined);
      return done({ ...base, text: filtered ? m.filtered : m.refusal, refused: true, reason: filtered ? 'not-in-filter' : 'no-match' }, retrieveMs);
    }
    const ex = extractiveAnswer({ store: s, question: q, translated: lang === 'en' ? translateTerms(q) : [], lang, hits });
    if (ex.citations.length === 0 || ex.confidence < config.minConfidence) {
      return done({ ...base, text: m.refusal, refused: true, reason: 'low-confidence', closest, retrieved, confidence: ex.confidence }, retrieveMs);
    }
    if (llm) {
      const composed = await answerWithLlm({
        llm,
        store: s,
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
      if (composed) return done({ ...base, ...composed, refused: false, closest, retrieved, confidence: ex.confidence }, retrieveMs);
    }
    return done({ ...base, text: ex.text, citations: ex.citations, refused: false, closest, retrieved, confidence: ex.confidence }, retrieveMs);
  };

  /**
   * Each claim is checked offline; with a model configured, the model proposes and the
   * offline check verifies (see check/llm-check.ts).
   */
  const check = async (text: string, opts: CheckOptions = {}): Promise<CheckResult> => {
    const deps = createCheckDeps(store, embedder, fusion);
    return checkText(text, opts, async (claim, o) => {
      const offline = await checkClaimOffline(deps, claim, o);
      if (!llm || !checkPrompts || !offline.pieces.length) return offline.result;
      return checkWithLlm({ model: llm, prompts: checkPrompts, deps, offline, lang: o.lang ?? offline.lang, logger, ...(o.signal ? { signal: o.signal } : {}) });
    });
  };

  const clock = options.clock ?? (() => new Date());
  const paragraphsOf = (articleId: string): string[] | null => {
    const a = store.article(articleId);
    if (!a) return null;
    const out: string[] = [];
    for (let n = 1; n <= a.paragraphCount; n++) out.push(store.paragraph(articleId, n) ?? '');
    return out;
  };
  const view: CollectionView = {
    *articles() {
      for (const a of store.articles()) yield { ...articleRef(a), tags: a.tags };
    },
    paragraphs: paragraphsOf,
    candidates: async (words, limit) => {
      const { hits } = await retrieve(store, embedder, words, { k: limit, fusion });
      return [...new Set(hits.map((h) => h.article.id))];
    },
  };
  const lookup: ArticleLookup = (articleId) => {
    const a = store.article(articleId);
    const paragraphs = paragraphsOf(articleId);
    return a && paragraphs ? { title: a.title, paragraphs } : null;
  };
  /** A question in its conversation (`opts.history`) and time (the clock): see dialogue/converse.ts. */
  const ask = (question: string, opts: AskOptions = {}): Promise<Answer> =>
    askInContext(question, opts, {
      answer: answerOne,
      today: () => dayIn(clock(), config.timeZone),
      view,
      lookup,
      maxQuestionChars: config.maxQuestionChars,
      ...(llm?.rewrite ? { rewrite: llm.rewrite } : {}),
    });

  const search = async (query: string, opts: SearchOptions = {}): Promise<SearchHit[]> => {
    const q = normalizeSpace(typeof query === 'string' ? query : '');
    if (!/[\p{L}\p{N}]/u.test(q)) return [];
    if (q.length > config.maxQuestionChars) throw new InputError(`query longer than ${config.maxQuestionChars} characters`);
    const s = store;
    const { hits } = await retrieve(s, embedder, expandQuery(q, detectLang(q)), { k: opts.topK ?? 10, fusion, ...(opts.filter ? { filter: opts.filter } : {}) });
    return hits.map((h) => ({
      ...articleRef(h.article),
      paragraphId: paragraphId(h.article.id, h.paragraphNumber),
      paragraphNumber: h.paragraphNumber,
      snippet: hitParagraph(s, h).slice(h.start, h.end),
      score: Math.round(h.score * 10000) / 10000,
    }));
  };

  const source = async (wanted: string): Promise<SourceParagraph | null> => {
    const id = parseParagraphId(typeof wanted === 'string' ? wanted.trim() : '');
    if (!id) return null;
    const article = store.article(id.articleId);
    const text = store.paragraph(id.articleId, id.n);
    if (!article || text === null) return null;
    return { ...articleRef(article), paragraphId: paragraphId(article.id, id.n), paragraphNumber: id.n, text, paragraphCount: article.paragraphCount };
  };

  const suggest = (prefix: string, limit = 25): Suggestion[] => {
    const p = fold(normalizeSpace(typeof prefix === 'string' ? prefix : '')).slice(0, 100);
    const out: Suggestion[] = [];
    const idPart = p.split('#')[0] ?? '';
    for (const meta of store.articles()) {
      if (out.length >= limit) break;
      const titleHit = p.length > 0 && fold(meta.title).includes(p);
      if (!(meta.id.startsWith(idPart) || titleHit)) continue;
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
    return { ...counts, embedder: { id: embedder.id, dimension: embedder.dimension }, llm: config.llm, indexDir: config.indexDir, builtAt };
  };

  const reindex = (): Promise<IndexReport> => {
    reindexing ??= update()
      .then((report) => {
        if (report.wrote) store = SegmentStore.open(config.indexDir, embedder);
        return report;
      })
      .finally(() => {
        reindexing = null;
      });
    return reindexing;
  };

  return {
    limits: Object.freeze({ maxQuestionChars: config.maxQuestionChars, maxCheckChars: MAX_CHECK_CHARS }),
    ask,
    check,
    search,
    source,
    suggest,
    stats,
    reindex,
    close: async () => {
      await reindexing?.catch(() => undefined);
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
    const dates = hits.map((h) => h.article.date).filter(Boolean).sort();
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
