import { type Config, loadConfig } from './config.js';
import { parseParagraphId } from './corpus/ids.js';
import { createEmbedder } from './embed/create-embedder.js';
import type { Embedder } from './embed/embedder.js';
import { InputError } from './errors.js';
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
import type { Answer, AskOptions, CheckOptions, CheckResult, Citation, Engine, Lang, EngineStats, IndexReport, SearchHit, SearchOptions, SourceParagraph, Suggestion } from './types.js';
import { MAX_CHECK_CHARS, checkClaimOffline, checkText } from './check/check.js';
import { createCheckDeps } from './check/deps.js';

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

  const check = async (text: string, opts: CheckOptions = {}): Promise<CheckResult> => {
    const deps = createCheckDeps(reader, embedder, fusion);
    return checkText(text, opts, async (claim, o) => (await checkClaimOffline(deps, claim, o)).result);
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
    reindexing ??= update()
      .then((report) => {
        if (report.wrote) reader = IndexReader.open(config.indexDir, embedder);
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
