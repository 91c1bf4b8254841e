import { type Config, loadConfig } from './config.js';
import { paragraphId, parseParagraphId } from './corpus/ids.js';
import { createEmbedder } from './embed/create-embedder.js';
import type { Embedder } from './embed/embedder.js';
import { IndexError, InputError } from './errors.js';
import { type IndexProgress, updateIndex } from './store/update-index.js';
import type { Store } from './store/port.js';
import { SegmentStore } from './store/segment-store.js';
import { type Logger, createLogger, secretValues } from './log.js';
import { articleRef } from './answer/article-ref.js';
import { answerWithLlm } from './answer/answer-with-llm.js';
import { closestArticles, extractiveAnswer, messages } from './answer/extractive.js';
import { type FusionSettings, fusionFor, hitParagraph, retrieve } from './retrieve/retrieve.js';
import { expandQuery, translateTerms } from './text/glossary.js';
import { detectLang } from './text/lang.js';
import { fold, normalizeSpace } from './text/normalize.js';
import type { Answer, AskOptions, Engine, EngineStats, IndexReport, SearchHit, SearchOptions, SourceParagraph, Suggestion } from './types.js';

export interface EngineOptions {
  /** Settings that override the environment (e.g. `{ corpus, indexDir }`). */
  config?: Partial<Config>;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /**
   * Keep the index up to date with the corpus (default true): builds it before serving when
   * it is missing or cannot be read as it is; otherwise serves it at once and checks the corpus
   * in the background (`Engine.checked`), re-embedding only changed articles.
   */
  autoIndex?: boolean;
  /** An embedder instance to use instead of the configured one. */
  embedder?: Embedder;
  fusion?: Partial<FusionSettings>;
  onIndexProgress?: (p: IndexProgress) => void;
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
  // Serve the persisted index first when it can be; build before serving when it cannot.
  let store: Store | null = null;
  let builtFirst = false;
  if (options.autoIndex !== false) {
    try {
      store = openStore(config.indexDir, embedder);
    } catch (err) {
      if (!(err instanceof IndexError)) throw err;
      await update();
      builtFirst = true;
    }
  }
  // LangChain and the provider packages load only when an LLM is configured.
  const llm = config.llm === 'none' ? null : await (await import('./answer/llm.js')).createLlmAnswerer(config.llm, { config, logger });
  store ??= openStore(config.indexDir, embedder);
  let reindexing: Promise<IndexReport> | null = null;

  let served: Store = store;
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
    const s = served;
    const expanded = expandQuery(q, lang);
    const { hits } = await retrieve(s, embedder, expanded, { k: opts.topK ?? config.topK, fusion, ...(opts.filter ? { filter: opts.filter } : {}) });
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

  const search = async (query: string, opts: SearchOptions = {}): Promise<SearchHit[]> => {
    const q = normalizeSpace(typeof query === 'string' ? query : '');
    if (!/[\p{L}\p{N}]/u.test(q)) return [];
    if (q.length > config.maxQuestionChars) throw new InputError(`query longer than ${config.maxQuestionChars} characters`);
    const s = served;
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
    const article = served.article(id.articleId);
    const text = served.paragraph(id.articleId, id.n);
    if (!article || text === null) return null;
    return { ...articleRef(article), paragraphId: paragraphId(article.id, id.n), paragraphNumber: id.n, text, paragraphCount: article.paragraphCount };
  };

  const suggest = (prefix: string, limit = 25): Suggestion[] => {
    const p = fold(normalizeSpace(typeof prefix === 'string' ? prefix : '')).slice(0, 100);
    const out: Suggestion[] = [];
    const idPart = p.split('#')[0] ?? '';
    for (const meta of served.articles()) {
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
    const { builtAt, ...counts } = served.stats();
    return { ...counts, embedder: { id: embedder.id, dimension: embedder.dimension }, llm: config.llm, indexDir: config.indexDir, builtAt };
  };

  const reindex = (): Promise<IndexReport> => {
    reindexing ??= update()
      .then((report) => {
        if (report.wrote) served = openStore(config.indexDir, embedder, served);
        return report;
      })
      .finally(() => {
        reindexing = null;
      });
    return reindexing;
  };

  // The corpus check of an engine that started on its persisted index.
  const checked: Promise<IndexReport | null> =
    options.autoIndex !== false && !builtFirst
      ? reindex().catch((err: unknown) => {
          logger.error('checking the corpus for changes failed; serving the index as it is', err);
          return null;
        })
      : Promise.resolve(null);

  return {
    checked,
    limits: Object.freeze({ maxQuestionChars: config.maxQuestionChars }),
    ask,
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

/** Opens the index for queries, with the embedder's learned model (if it learns one) from the store; segments `reuse` has open are shared. */
function openStore(indexDir: string, embedder: Embedder, reuse?: Store): Store {
  const store = SegmentStore.open(indexDir, embedder, reuse instanceof SegmentStore ? reuse : undefined);
  if (embedder.learnsFromCorpus) {
    const model = store.embedderModel();
    if (!model) throw new IndexError('index-corrupt', `index at ${indexDir} has no model for embedder ${embedder.id}; run "kiemchung index --rebuild" to rebuild it`);
    embedder.loadModel(model);
  }
  return store;
}
