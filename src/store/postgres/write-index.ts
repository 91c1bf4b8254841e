import type pg from 'pg';
import type { Article } from '../../corpus/article.js';
import { loadCorpus } from '../../corpus/load-corpus.js';
import { type ChunkOptions, DEFAULT_CHUNKING, type PassageSpan, splitPassages } from '../../corpus/passages.js';
import type { Embedder } from '../../embed/embedder.js';
import { rebuildNotice } from '../manifest.js';
import { CorpusError, IndexError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { fold } from '../../text/normalize.js';
import type { IndexIssue, IndexReport } from '../../types.js';
import { IMPACT_BM25, bm25TermFrequency } from '../lexical-index.js';
import { TermSink, scanTerms } from '../../text/term-scan.js';
import { articleHash } from '../segment.js';
import { corpusVersion } from '../corpus-version.js';
import { planChanges } from '../plan-changes.js';
import { type IndexProgress, LEARN_SAMPLE, MAX_DELETED, embedArticles, emptyCorpusError, samplePassages, segmentsToMerge } from '../update-index.js';
import { type Database, DATABASE_HNSW } from './database.js';
import { DB_INDEX_FORMAT, PURGE_AFTER_S, checkGeneration, liveIn, readModel, rebuildHintDb, servingGeneration } from './generation.js';
import { migrate } from './migrations.js';
import { GENERATION_CHANNEL, vectorLiteral } from './postgres-store.js';

export interface DatabaseUpdateOptions {
  /** Opened for writing (`openDatabase(…, { role: 'write' })`: no statement timeout). */
  db: Database;
  corpus: string;
  embedder: Embedder;
  chunking?: ChunkOptions;
  /** Ignore the stored index and write everything again (also after an embedder change). */
  rebuild?: boolean;
  onProgress?: (p: IndexProgress) => void;
  /** Articles already loaded (skips reading the corpus). */
  loaded?: { articles: Article[]; issues: IndexIssue[] };
  /**
   * Index only these (new or changed) articles, without reading the corpus: nothing is retired
   * and no block is merged (the next full update does both). Without an index yet, a full update.
   */
  upsert?: Article[];
  /**
   * Vectors already computed for an article (its passages' vectors, in order), used instead of
   * embedding it again: an embedded index being copied into the database.
   */
  known?: (article: Article, hash: string) => Float32Array | null;
  /**
   * The model a learned embedder took from the corpus that the `known` vectors were embedded
   * with (a copied embedded index): stored instead of learning one; an index in the database
   * built on another model is replaced.
   */
  model?: Uint8Array;
  /** Where the steps of a write and their times are logged (debug level). */
  logger?: Logger;
}

interface LiveArticle {
  key: string;
  hash: string;
  passages: number;
}

interface LiveBlock {
  block: number;
  passages: number;
  length: number;
  articles: number;
  dead: number;
}

/** A passage about to be written: where it is, and its terms. */
interface NewPassage {
  id: number;
  article: number;
  span: PassageSpan;
  counts: TermCounts;
  length: number;
}

const lockKey = (db: Database) => `kiemchung:${db.config.schema}:write`;

/**
 * Brings the index in the database up to date with the corpus, as `updateIndex` does for the
 * embedded one: only added and changed articles are embedded and written, removed and replaced
 * ones are retired, and small or mostly-retired blocks are merged from their stored term counts
 * (never re-embedded). Everything is written in one transaction that ends by publishing the new
 * generation and notifying every replica; until it commits, readers see only the old one.
 */
export async function updateDatabaseIndex(o: DatabaseUpdateOptions): Promise<IndexReport> {
  const t0 = performance.now();
  const { db } = o;
  const chunking = o.chunking ?? DEFAULT_CHUNKING;
  // Without an index, or with many blocks to merge, the articles given are not enough: a full update.
  if (o.upsert && (await liveBlocks(db)) >= UPSERT_MAX_BLOCKS) {
    const { upsert: _, ...full } = o;
    return updateDatabaseIndex(full);
  }
  const corpus = o.upsert ? { articles: o.upsert, issues: [] } : (o.loaded ?? (await loadCorpus(o.corpus)));
  const { articles, issues } = corpus;
  if (articles.length === 0 && issues.length > 0) {
    throw new CorpusError(
      `no valid article in ${o.corpus} (${issues.length} could not be read); the index in ${db.where} was left untouched:\n` +
        issues
          .slice(0, 20)
          .map((i) => `  ${i.path}: ${i.reason}`)
          .join('\n'),
    );
  }
  await migrate(db);
  const lock = await db.connectAlone('taking the index write lock');
  try {
    const got = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [lockKey(db)]);
    if (!got.rows[0]?.ok) throw new IndexError('index-locked', `the index in ${db.where} is being written by another process; wait for it to finish`);
    return await writeUnderLock(o, { articles, issues }, chunking, t0);
  } finally {
    await lock.end().catch(() => undefined);
  }
}

async function writeUnderLock(
  o: DatabaseUpdateOptions,
  corpus: { articles: Article[]; issues: IndexIssue[] },
  chunking: ChunkOptions,
  t0: number,
): Promise<IndexReport> {
  const { db, embedder } = o;
  const s = db.schema;
  const { articles, issues } = corpus;
  const upsert = o.upsert !== undefined;
  const current = await servingGeneration(db);
  // A corpus without a single article would retire every article served (see updateIndex).
  if (!upsert && articles.length === 0 && issues.length === 0 && (current?.articles ?? 0) > 0) {
    throw emptyCorpusError(o.corpus, `the index in ${db.where}`, current?.articles ?? 0);
  }
  // An older format, or vectors of an older version of the learned model: rebuilt, and the report says so.
  const rebuildWhy = o.rebuild ? null : rebuildNotice(`the index in ${db.where}`, current, DB_INDEX_FORMAT, embedder);
  let previous = o.rebuild || rebuildWhy ? null : current;
  // A copied index brings its own learned model: one built on another model is replaced.
  if (previous && o.model && (previous.model === null || !Buffer.from(await readModel(db, previous.model)).equals(Buffer.from(o.model)))) previous = null;
  if (previous) {
    checkGeneration(previous, embedder, db.where);
    if (previous.chunking.maxChars !== chunking.maxChars || previous.chunking.windowChars !== chunking.windowChars) {
      throw new IndexError(
        'index-mismatch',
        `the index in ${db.where} was built with other passage chunking settings; run "kiemchung index --rebuild" to rebuild it`,
      );
    }
  }

  const live = new Map<string, LiveArticle>();
  if (previous) {
    const res = await db.query<{ key: string; id: string; hash: string; passage_count: number }>(
      'reading the stored articles',
      `SELECT a.key, a.id, a.hash, a.passage_count FROM ${s}.articles a WHERE ${liveIn('a', '$1')}`,
      [previous.generation],
    );
    for (const r of res.rows) live.set(r.id, { key: r.key, hash: r.hash, passages: r.passage_count });
  }

  const wanted = new Map(articles.map((a) => [a.id, a]));
  const hashes = new Map(articles.map((a) => [a.id, articleHash(a, chunking)]));
  const plan = planChanges(articles, live, (a) => hashes.get(a.id), new Set(wanted.keys()));
  const { toWrite, added, changed, unchanged } = plan;
  const removed = upsert ? 0 : plan.unnamed.length;
  const retire: LiveArticle[] = upsert ? plan.replaced : [...plan.replaced, ...plan.unnamed];
  const spans = new Map(toWrite.map((a) => [a.id, splitPassages(a.paragraphs, chunking)]));
  const totalPassages =
    articles.reduce((n, a) => {
      const cur = live.get(a.id);
      return n + (cur && cur.hash === hashes.get(a.id) ? cur.passages : (spans.get(a.id)?.length ?? splitPassages(a.paragraphs, chunking).length));
    }, 0) + (upsert ? [...live].reduce((n, [id, cur]) => n + (wanted.has(id) ? 0 : cur.passages), 0) : 0);
  // The live articles of the new generation, for its corpus version.
  const versionOf = new Map(upsert ? [...live].map(([id, cur]) => [id, cur.hash] as const) : []);
  for (const a of articles) versionOf.set(a.id, hashes.get(a.id) as string);
  const report = (wrote: boolean): IndexReport => ({
    articles: upsert ? versionOf.size : articles.length,
    passages: totalPassages,
    added,
    changed,
    removed,
    unchanged,
    issues,
    ms: Math.round(performance.now() - t0),
    wrote,
    ...(rebuildWhy ? { notice: rebuildWhy } : {}),
  });
  if (previous && toWrite.length === 0 && removed === 0) return report(false);

  // A learned embedder: the model stored with the index for an update, a new one (or the
  // copied index's) for a full build; written with the generation.
  let modelId: number | null = null;
  let newModel: Uint8Array | null = null;
  if (embedder.learnsFromCorpus) {
    if (previous) {
      if (previous.model === null)
        throw new IndexError('index-corrupt', `the index in ${db.where} has no model for embedder ${embedder.id}; ${rebuildHintDb()}`);
      modelId = previous.model;
      const key = `${db.where}#${modelId}`;
      if (loadedModel.get(embedder) !== key) embedder.loadModel(await readModel(db, modelId));
      loadedModel.set(embedder, key);
    } else if (o.model) {
      embedder.loadModel(o.model);
      newModel = o.model;
    } else {
      newModel = embedder.learnModel(samplePassages(articles, chunking, LEARN_SAMPLE));
    }
  }

  // Vectors: reused when known (a copied embedded index), embedded otherwise.
  const vectors = new Map<string, Float32Array>();
  const toEmbed: Article[] = [];
  for (const a of toWrite) {
    const v = o.known?.(a, hashes.get(a.id) as string);
    if (v && v.length === (spans.get(a.id)?.length ?? 0) * embedder.dimension) vectors.set(a.id, v);
    else toEmbed.push(a);
  }
  if (toEmbed.length > 0) {
    const all = await embedArticles(toEmbed, embedder, chunking, o.onProgress);
    let at = 0;
    for (const a of toEmbed) {
      const n = (spans.get(a.id)?.length ?? 0) * embedder.dimension;
      vectors.set(a.id, all.subarray(at, at + n));
      at += n;
    }
  }

  // Blocks: which ones this update merges into its new block (the embedded store's rule for segments).
  const retiredKeys = new Set(retire.map((r) => r.key));
  const blocks: LiveBlock[] = [];
  if (previous) {
    const res = await db.query<{ block: number; passages: number; length: string; articles: number; dead: string }>(
      'reading the stored blocks',
      `SELECT b.block, b.passages, b.length, b.articles,
              (SELECT count(*) FROM ${s}.articles a WHERE a.block = b.block AND (NOT ${liveIn('a', '$1')} OR a.key = ANY($2::bigint[]))) AS dead
       FROM ${s}.blocks b WHERE ${liveIn('b', '$1')}`,
      [previous.generation, [...retiredKeys]],
    );
    for (const r of res.rows) blocks.push({ block: r.block, passages: r.passages, length: Number(r.length), articles: r.articles, dead: Number(r.dead) });
  }
  // Small blocks of a full size level and mostly-deleted ones are merged, as the embedded
  // store merges its segments; an upsert merges nothing (the next full update does).
  const bySize = segmentsToMerge(blocks.map((b) => b.passages));
  const merged = upsert ? [] : blocks.filter((b, i) => b.dead === b.articles || (b.articles > 0 && b.dead / b.articles > MAX_DELETED) || bySize.has(i));

  // Every new passage's terms, counted before the transaction opens (it holds locks while it lasts).
  const termsOf = new Map(
    toWrite.map((a) => [
      a.id,
      (spans.get(a.id) ?? []).map((span) => {
        const { counts, length } = passageTerms((a.paragraphs[span.paragraph] as string).slice(span.start, span.end), a.title);
        return { span, counts: compact(counts), length };
      }),
    ]),
  );
  const generation = Math.max(current?.generation ?? 0, await newestGeneration(db)) + 1;
  const newPassageCount = toWrite.reduce((n, a) => n + (spans.get(a.id)?.length ?? 0), 0);
  const progress = (done: number) => o.onProgress?.({ phase: 'build', done, total: newPassageCount });

  let mark = performance.now();
  const step = (what: string) => {
    const now = performance.now();
    o.logger?.debug(`index write: ${what} in ${Math.round(now - mark)} ms`);
    mark = now;
  };
  step(`planned generation ${generation}: ${toWrite.length} articles to write, ${retire.length} to retire, ${merged.length} blocks to merge`);
  await db.transaction('writing the index', async (c) => {
    // A full build is one long transaction: no statement timeout inside it.
    await c.query(`SET LOCAL statement_timeout = 0`);
    await c.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    const g = generation;
    // Retire what this generation no longer has.
    if (!previous && current) {
      await c.query(`UPDATE ${s}.articles SET removed = $1 WHERE removed IS NULL`, [g]);
      await c.query(`UPDATE ${s}.passages SET removed = $1 WHERE removed IS NULL`, [g]);
      await c.query(`UPDATE ${s}.passage_terms SET removed = $1 WHERE removed IS NULL`, [g]);
      await c.query(`UPDATE ${s}.blocks SET removed = $1 WHERE removed IS NULL`, [g]);
    } else if (retiredKeys.size > 0) {
      await c.query(`UPDATE ${s}.articles SET removed = $1 WHERE key = ANY($2::bigint[])`, [g, [...retiredKeys]]);
      await c.query(`UPDATE ${s}.passages SET removed = $1 WHERE article = ANY($2::bigint[])`, [g, [...retiredKeys]]);
      await c.query(`UPDATE ${s}.passage_terms t SET removed = $1 FROM ${s}.passages p WHERE p.id = t.passage AND p.article = ANY($2::bigint[])`, [
        g,
        [...retiredKeys],
      ]);
    }
    const block = Number((await c.query<{ id: string }>(`SELECT nextval('${s}.block_ids') AS id`)).rows[0]?.id);
    const keys = await insertArticles(c, s, toWrite, hashes, spans, g, block);
    await insertParagraphs(c, s, toWrite, keys);
    step(`wrote ${toWrite.length} articles and their paragraphs`);

    // The new passages, with ids reserved at once (ids are never reused).
    let firstId = 0;
    if (newPassageCount > 0) {
      const r = await c.query<{ last: string }>(`SELECT setval('${s}.passage_ids', nextval('${s}.passage_ids') + $1 - 1) AS last`, [newPassageCount]);
      firstId = Number(r.rows[0]?.last) - newPassageCount + 1;
    }
    const fresh: NewPassage[] = [];
    for (const a of toWrite) {
      for (const t of termsOf.get(a.id) ?? []) fresh.push({ ...t, id: firstId + fresh.length, article: Number(keys.get(a.id)) });
    }
    const indexed = await hasVectorIndex(c, db, embedder.dimension);
    await insertPassages(c, s, toWrite, fresh, vectors, block, g, embedder.dimension, progress);
    step(`wrote ${fresh.length} passages with their vectors and terms${indexed ? ' (into the HNSW index)' : ''}`);
    if (!indexed) {
      await createVectorIndex(c, db, embedder.dimension);
      step('built the HNSW index');
    }

    // Carried passages: the live ones of the merged blocks move to the new block.
    const carried: NewPassage[] = [];
    if (merged.length > 0) {
      const mergedIds = merged.map((b) => b.block);
      await c.query(`UPDATE ${s}.blocks SET removed = $1 WHERE block = ANY($2::int4[])`, [g, mergedIds]);
      await c.query(`UPDATE ${s}.passages SET block = $1 WHERE block = ANY($2::int4[]) AND removed IS NULL`, [block, mergedIds]);
      await c.query(`UPDATE ${s}.articles SET block = $1 WHERE block = ANY($2::int4[]) AND removed IS NULL`, [block, mergedIds]);
      const res = await c.query<{ passage: number; article: string; length: number; terms: number[]; tfs: number[] }>(
        `SELECT t.passage, p.article, t.length, t.terms, t.tfs FROM ${s}.passage_terms t JOIN ${s}.passages p ON p.id = t.passage
         WHERE p.block = $1 AND p.removed IS NULL AND p.added < $2 ORDER BY t.passage`,
        [block, g],
      );
      for (const r of res.rows) {
        carried.push({
          id: r.passage,
          article: Number(r.article),
          span: { paragraph: 0, start: 0, end: 0 },
          counts: { terms: Int32Array.from(r.terms), tfs: Uint16Array.from(r.tfs) },
          length: r.length,
        });
      }
    }

    // The new block's statistics and postings; impacts against the new generation's average length.
    const members = [...carried, ...fresh];
    const blockLength = members.reduce((n, p) => n + p.length, 0);
    const keptBlocks = blocks.filter((b) => !merged.includes(b));
    const totalN = keptBlocks.reduce((n, b) => n + b.passages, 0) + members.length;
    const totalLength = keptBlocks.reduce((n, b) => n + b.length, 0) + blockLength;
    const avgdl = totalLength / Math.max(1, totalN);
    if (members.length > 0) {
      const memberArticles = toWrite.length + new Set(carried.map((p) => p.article)).size;
      await c.query(`INSERT INTO ${s}.blocks (block, added, articles, passages, length) VALUES ($1, $2, $3, $4, $5)`, [
        block,
        g,
        memberArticles,
        members.length,
        blockLength,
      ]);
      await insertPostings(c, s, block, members, avgdl);
      step(`wrote the postings of block ${block} (${members.length} passages, ${carried.length} carried from merged blocks)`);
    }

    if (newModel) {
      const r = await c.query<{ id: number }>(`INSERT INTO ${s}.embedder_models (embedder, bytes) VALUES ($1, $2) RETURNING id`, [
        embedder.id,
        Buffer.from(newModel.buffer, newModel.byteOffset, newModel.byteLength),
      ]);
      modelId = r.rows[0]?.id ?? null;
      if (modelId !== null) loadedModel.set(embedder, `${db.where}#${modelId}`);
    }
    await c.query(
      `INSERT INTO ${s}.generations (generation, created_at, format, embedder, chunking, corpus_version, model, articles, paragraphs, passages, date_from, date_to, lexical_passages, lexical_length)
       SELECT $1, clock_timestamp(), $2, $3, $4, $5, $6, count(*), coalesce(sum(a.paragraph_count), 0), coalesce(sum(a.passage_count), 0), min(nullif(a.date, '')), max(nullif(a.date, '')),
         (SELECT coalesce(sum(b.passages), 0) FROM ${s}.blocks b WHERE ${liveIn('b', '$1')}),
         (SELECT coalesce(sum(b.length), 0) FROM ${s}.blocks b WHERE ${liveIn('b', '$1')})
       FROM ${s}.articles a WHERE ${liveIn('a', '$1')}`,
      [
        g,
        DB_INDEX_FORMAT,
        JSON.stringify({ id: embedder.id, version: embedder.version, dimension: embedder.dimension }),
        JSON.stringify(chunking),
        corpusVersion([...versionOf].map(([id, hash]) => ({ id, hash }))),
        modelId,
      ],
    );
    await c.query(`INSERT INTO ${s}.serving (generation) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET generation = excluded.generation`, [g]);
    // Delivered to every listening replica when this transaction commits, not before.
    await c.query(`SELECT pg_notify($1, $2)`, [GENERATION_CHANNEL, `${db.config.schema}:${g}`]);
  });
  step(`published generation ${generation}`);
  await purge(db).catch((err: unknown) => o.logger?.warn(`index write: deleting retired rows failed (the next write tries again): ${errorMessage(err)}`));
  // The planner's statistics of tables that just grew a lot (a first build, a copied index):
  // without them the first questions are planned as if the tables were empty. Small updates
  // leave it to autovacuum.
  if (!previous || newPassageCount >= ANALYZE_AFTER) {
    await db
      .query('updating the planner statistics', `ANALYZE ${s}.articles, ${s}.paragraphs, ${s}.passages, ${s}.passage_terms, ${s}.postings, ${s}.blocks`)
      .catch((err: unknown) => o.logger?.warn(`index write: updating the planner statistics failed (autovacuum will): ${errorMessage(err)}`));
    step('updated the planner statistics');
  }
  return report(true);
}

/** Passages written at once beyond which the planner's statistics are updated right away. */
const ANALYZE_AFTER = 5000;

/** Which stored model (database and id) each embedder instance has loaded, so an update does not read it again. */
const loadedModel = new WeakMap<Embedder, string>();

/** An upsert writes its articles alone while the index has fewer blocks than this (as the embedded store's segments). */
const UPSERT_MAX_BLOCKS = 12;

/** Blocks of the generation served; Infinity when nothing was ever published. */
async function liveBlocks(db: Database): Promise<number> {
  const g = await servingGeneration(db).catch(() => null);
  if (!g) return Infinity;
  const r = await db.query<{ n: string }>('counting blocks', `SELECT count(*) AS n FROM ${db.schema}.blocks b WHERE ${liveIn('b', '$1')}`, [g.generation]);
  return Number(r.rows[0]?.n ?? 0);
}

const sink = new TermSink();

/**
 * A passage's term hashes (its title's and its text's syllables and pairs, marked and folded)
 * with their counts, and its length for BM25 (its terms counted once): as the embedded
 * store's `LexicalBuilder` counts them, term frequencies held to one byte.
 */
function passageTerms(text: string, title: string): { counts: Map<number, number>; length: number } {
  sink.reset();
  scanTerms(title, sink);
  scanTerms(text, sink);
  const counts = new Map<number, number>();
  const add = (h: number) => counts.set(h, Math.min(255, (counts.get(h) ?? 0) + 1));
  for (let i = 0; i < sink.length; i++) {
    add(sink.marked[i] as number);
    add(sink.folded[i] as number);
  }
  return { counts, length: sink.length };
}

async function newestGeneration(db: Database): Promise<number> {
  const r = await db.query<{ g: number | null }>('reading the generations', `SELECT max(generation) AS g FROM ${db.schema}.generations`);
  return r.rows[0]?.g ?? 0;
}

/** Rows in batches of `size`: one statement per batch. */
async function inBatches<T>(items: readonly T[], size: number, write: (batch: readonly T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

async function insertArticles(
  c: pg.ClientBase,
  s: string,
  articles: readonly Article[],
  hashes: Map<string, string>,
  spans: Map<string, PassageSpan[]>,
  g: number,
  block: number,
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  await inBatches(articles, 2000, async (batch) => {
    const res = await c.query<{ key: string; id: string }>(
      `INSERT INTO ${s}.articles (id, hash, title, title_folded, date, date_kind, source, url, lang, tags, captions, paragraph_count, passage_count, added, block)
       SELECT x.id, x.hash, x.title, x.title_folded, x.date, x.date_kind, x.source, x.url, x.lang,
              ARRAY(SELECT jsonb_array_elements_text(x.tags::jsonb)), ARRAY(SELECT jsonb_array_elements_text(x.captions::jsonb)),
              x.paragraph_count, x.passage_count, $14, $15
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int4[], $13::int4[])
         AS x(id, hash, title, title_folded, date, date_kind, source, url, lang, tags, captions, paragraph_count, passage_count)
       RETURNING key, id`,
      [
        batch.map((a) => a.id),
        batch.map((a) => hashes.get(a.id)),
        batch.map((a) => a.title),
        batch.map((a) => fold(a.title)),
        batch.map((a) => a.date),
        batch.map((a) => a.dateKind),
        batch.map((a) => a.source),
        batch.map((a) => a.url ?? null),
        batch.map((a) => a.lang),
        batch.map((a) => JSON.stringify(a.tags)),
        batch.map((a) => JSON.stringify(a.captions)),
        batch.map((a) => a.paragraphs.length),
        batch.map((a) => spans.get(a.id)?.length ?? 0),
        g,
        block,
      ],
    );
    for (const r of res.rows) keys.set(r.id, r.key);
  });
  return keys;
}

async function insertParagraphs(c: pg.ClientBase, s: string, articles: readonly Article[], keys: Map<string, string>): Promise<void> {
  const rows = articles.flatMap((a) => a.paragraphs.map((text, i) => ({ key: keys.get(a.id), n: i + 1, text })));
  await inBatches(rows, 5000, async (batch) => {
    await c.query(`INSERT INTO ${s}.paragraphs (article, n, text) SELECT * FROM unnest($1::bigint[], $2::int4[], $3::text[])`, [
      batch.map((r) => r.key),
      batch.map((r) => r.n),
      batch.map((r) => r.text),
    ]);
  });
}

async function insertPassages(
  c: pg.ClientBase,
  s: string,
  articles: readonly Article[],
  passages: readonly NewPassage[],
  vectors: Map<string, Float32Array>,
  block: number,
  g: number,
  dimension: number,
  progress: (done: number) => void,
): Promise<void> {
  // Each passage with its article and its vector, in writing order.
  const rows: { p: NewPassage; a: Article; v: Float32Array }[] = [];
  let at = 0;
  for (const a of articles) {
    const v = vectors.get(a.id) as Float32Array;
    const n = v.length / dimension;
    for (let i = 0; i < n; i++) rows.push({ p: passages[at++] as NewPassage, a, v: v.subarray(i * dimension, (i + 1) * dimension) });
  }
  let done = 0;
  await inBatches(rows, 500, async (batch) => {
    await c.query(
      `INSERT INTO ${s}.passages (id, article, block, paragraph, start_at, end_at, added, article_id, source_key, date, dims, embedding)
       SELECT x.id, x.article, $10, x.paragraph, x.start_at, x.end_at, $11, x.article_id, x.source_key, x.date, $12, x.embedding::vector
       FROM unnest($1::int4[], $2::bigint[], $3::int4[], $4::int4[], $5::int4[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS x(id, article, paragraph, start_at, end_at, article_id, source_key, date, embedding)`,
      [
        batch.map((r) => r.p.id),
        batch.map((r) => r.p.article),
        batch.map((r) => r.p.span.paragraph + 1),
        batch.map((r) => r.p.span.start),
        batch.map((r) => r.p.span.end),
        batch.map((r) => r.a.id),
        batch.map((r) => r.a.source.toLowerCase()),
        batch.map((r) => r.a.date),
        batch.map((r) => vectorLiteral(r.v)),
        block,
        g,
        dimension,
      ],
    );
    await c.query(
      `INSERT INTO ${s}.passage_terms (passage, added, length, terms, tfs) SELECT x.passage, $5, x.length, x.terms::int4[], x.tfs::int2[]
       FROM unnest($1::int4[], $2::int4[], $3::text[], $4::text[]) AS x(passage, length, terms, tfs)`,
      [batch.map((r) => r.p.id), batch.map((r) => r.p.length), ...sortedTerms(batch.map((r) => r.p.counts)), g],
    );
    done += batch.length;
    progress(done);
  });
}

/**
 * A passage's terms as signed 32-bit integers in ascending order (the order SQL binary-searches
 * them in), with their counts: a few bytes a term, where a Map would take tens (a full build
 * holds every passage's terms at once).
 */
interface TermCounts {
  terms: Int32Array;
  tfs: Uint16Array;
}

function compact(counts: Map<number, number>): TermCounts {
  const pairs = [...counts].map(([h, tf]) => [h | 0, Math.min(tf, 32767)] as const).sort((x, y) => x[0] - y[0]);
  return { terms: Int32Array.from(pairs, (p) => p[0]), tfs: Uint16Array.from(pairs, (p) => p[1]) };
}

/** Each passage's terms and counts as SQL array literals. */
function sortedTerms(all: readonly TermCounts[]): [string[], string[]] {
  return [all.map((c) => `{${c.terms.join(',')}}`), all.map((c) => `{${c.tfs.join(',')}}`)];
}

/** The block's postings: per term, its document frequency and the passages where it weighs most. */
async function insertPostings(c: pg.ClientBase, s: string, block: number, members: readonly NewPassage[], avgdl: number): Promise<void> {
  // Per term: the members it occurs in and how often, laid out by a counting sort (typed
  // arrays, not a list per term: a full build's block holds every passage).
  const idOf = new Map<number, number>();
  let df = new Uint32Array(1 << 16);
  for (const m of members) {
    for (const t of m.counts.terms) {
      const h = t >>> 0;
      let id = idOf.get(h);
      if (id === undefined) {
        id = idOf.size;
        idOf.set(h, id);
        if (id >= df.length) {
          const grown = new Uint32Array(df.length * 2);
          grown.set(df);
          df = grown;
        }
      }
      df[id] = (df[id] as number) + 1;
    }
  }
  const offsets = new Uint32Array(idOf.size + 1);
  for (let id = 0; id < idOf.size; id++) offsets[id + 1] = (offsets[id] as number) + (df[id] as number);
  const cursor = offsets.slice(0, idOf.size);
  const docs = new Uint32Array(offsets[idOf.size] as number);
  const tfs = new Uint8Array(docs.length);
  members.forEach((m, d) => {
    m.counts.terms.forEach((t, i) => {
      const id = idOf.get(t >>> 0) as number;
      const p = cursor[id] as number;
      cursor[id] = p + 1;
      docs[p] = d;
      tfs[p] = m.counts.tfs[i] as number;
    });
  });
  const hashes = Uint32Array.from(idOf.keys()).sort();
  const ids = members.map((m) => m.id);
  const lengths = members.map((m) => m.length);
  const rows: { term: number; df: number; docs: string; imps: string }[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    await c.query(
      `INSERT INTO ${s}.postings (term, block, df, docs, imps) SELECT x.term, $5, x.df, x.docs::int4[], x.imps::real[]
       FROM unnest($1::int4[], $2::int4[], $3::text[], $4::text[]) AS x(term, df, docs, imps)`,
      [rows.map((r) => r.term), rows.map((r) => r.df), rows.map((r) => r.docs), rows.map((r) => r.imps), block],
    );
    rows.length = 0;
  };
  // Rows in the order of their key (terms as signed integers: the hashes from 2^31 up come
  // first), so that the index on (term, block) grows at its end instead of all over.
  let firstNegative = hashes.findIndex((h) => h >= 2 ** 31);
  if (firstNegative < 0) firstNegative = hashes.length;
  for (let j = 0; j < hashes.length; j++) {
    const i = (firstNegative + j) % hashes.length;
    const id = idOf.get(hashes[i] as number) as number;
    const from = offsets[id] as number;
    const to = offsets[id + 1] as number;
    const list: { d: number; imp: number }[] = [];
    for (let p = from; p < to; p++) {
      const d = docs[p] as number;
      list.push({ d, imp: Math.fround(bm25TermFrequency(tfs[p] as number, lengths[d] as number, avgdl, IMPACT_BM25) / (IMPACT_BM25.k1 + 1)) });
    }
    // Best first, so that a search reading the head of a list knows the most the rest can add.
    // Whole: the rest gives the candidates' counts (see POSTING_DEPTH).
    list.sort((x, y) => y.imp - x.imp || x.d - y.d);
    rows.push({
      term: (hashes[i] as number) | 0,
      df: to - from,
      docs: `{${list.map((x) => ids[x.d]).join(',')}}`,
      imps: `{${list.map((x) => x.imp).join(',')}}`,
    });
    if (rows.length >= 10_000) await flush();
  }
  await flush();
}

async function hasVectorIndex(c: pg.ClientBase, db: Database, dimension: number): Promise<boolean> {
  const r = await c.query(`SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2`, [db.config.schema, `passages_embedding_${dimension}`]);
  return r.rowCount !== null && r.rowCount > 0;
}

/** The HNSW index over the vectors of one dimension (an embedder change adds another; the old one empties). */
async function createVectorIndex(c: pg.ClientBase, db: Database, dimension: number): Promise<void> {
  await c.query(
    `CREATE INDEX IF NOT EXISTS passages_embedding_${dimension} ON ${db.schema}.passages
     USING hnsw ((embedding::vector(${dimension})) vector_ip_ops) WITH (m = ${DATABASE_HNSW.m}, ef_construction = ${DATABASE_HNSW.efConstruction}) WHERE dims = ${dimension}`,
  );
}

/**
 * Deletes rows retired by generations published over a minute ago: no replica still serves a
 * generation that had them. Generations themselves are kept (they are one row each).
 */
export async function purge(db: Database): Promise<void> {
  const s = db.schema;
  await db.transaction('deleting retired rows', async (c) => {
    const r = await c.query<{ g: number | null }>(`SELECT max(generation) AS g FROM ${s}.generations WHERE created_at < now() - make_interval(secs => $1)`, [
      PURGE_AFTER_S,
    ]);
    const upTo = r.rows[0]?.g;
    if (!upTo) return;
    await c.query(`DELETE FROM ${s}.blocks WHERE removed <= $1`, [upTo]);
    await c.query(`DELETE FROM ${s}.articles WHERE removed <= $1`, [upTo]);
  });
}
