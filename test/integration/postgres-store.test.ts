import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusEmbedder } from '../../src/embed/corpus-embedder.js';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { loadClaims } from '../../src/cli/eval.js';
import { createEngine } from '../../src/index.js';
import { silentLogger } from '../../src/log.js';
import { queryTerms } from '../../src/retrieve/query-terms.js';
import type { Store } from '../../src/store/port.js';
import { type Database, openDatabase } from '../../src/store/postgres/database.js';
import { servingGeneration } from '../../src/store/postgres/generation.js';
import { importEmbeddedIndex } from '../../src/store/postgres/import-index.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/store/postgres/migrations.js';
import { POSTING_DEPTH } from '../../src/store/postgres/posting-depth.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { purge, updateDatabaseIndex } from '../../src/store/postgres/write-index.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { updateIndex } from '../../src/store/update-index.js';
import { CORPUS, article, copyCorpus, syntheticCorpus, tempDir } from '../support/corpus.js';
import { CorpusModelV1 } from '../support/older-embedder.js';
import { indexCorpus, ranked, removeIndexedCorpus } from '../support/database-index.js';
import { DATABASE_MISSING, databaseEnv, dropSchema, hasDatabase, testDatabaseConfig, testSchema } from '../support/postgres.js';

const embedder = new HashEmbedder();
const QUESTIONS = [
  'hội nghị LMC lần thứ 4 tổ chức ở đâu',
  'IEC thành viên chính thức',
  'hoi nghi do luong',
  'Philippe Metzger',
  'năng lượng hạt nhân hợp tác quốc tế 12',
  'bán dẫn',
];

/** An answer or a check result without its timings, which differ from run to run. */
const withoutTimings = (r: object): unknown => JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === 'timing' ? undefined : v)));

describe.skipIf(!hasDatabase)(`the PostgreSQL store${hasDatabase ? '' : ` (skipped: ${DATABASE_MISSING})`}`, () => {
  const schema = testSchema('store');
  let db: Database;
  let corpus: string;
  let indexDir: string;

  beforeAll(async () => {
    ({ db, corpus, indexDir } = await indexCorpus(schema, embedder));
  });

  afterAll(() => removeIndexedCorpus(schema, { db, corpus, indexDir }));

  it('applies its migrations once, in order, and refuses a database of a newer version', async () => {
    const applied = await db.query<{ version: number }>('test', `SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    expect(applied.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    const other = testSchema('newer');
    const newer = openDatabase(testDatabaseConfig(other), silentLogger);
    try {
      await migrate(newer);
      await newer.query('test', `INSERT INTO "${other}".schema_migrations (version, name) VALUES ($1, 'from the future')`, [SCHEMA_VERSION + 1]);
      await expect(migrate(newer)).rejects.toThrow(/schema version \d+, newer than this kiemchung reads/);
    } finally {
      await newer.close();
      await dropSchema(other);
    }
  });

  it('ranks passages exactly as the embedded store does, lexically and by vector, with and without filters', async () => {
    const pg = await PostgresStore.open(db, embedder, silentLogger, { listen: false });
    const seg = SegmentStore.open(indexDir, embedder);
    expect(pg.stats()).toMatchObject({ ...seg.stats(), builtAt: expect.any(String), generation: 1 });
    const filters = [undefined, { articleIds: ['iec-thanh-vien-2024'] }, { sources: ['TEST SOURCE'] }, { dateFrom: '2024-01-01' }, { dateTo: '2023-12-31' }];
    for (const q of QUESTIONS) {
      const terms = queryTerms(q);
      for (const filter of filters) {
        expect(await ranked(pg, await pg.lexicalSearch(terms, 20, filter))).toEqual(await ranked(seg, await seg.lexicalSearch(terms, 20, filter)));
        const v = await embedder.embedQueryVector(q);
        expect(await ranked(pg, await pg.vectorSearch(v, 10, filter))).toEqual(await ranked(seg, await seg.vectorSearch(v, 10, filter)));
      }
      const hashes = terms.map((t) => t.hash);
      expect(await pg.termStatistics(hashes)).toEqual(await seg.termStatistics(hashes));
    }
    await pg.close();
  });

  it('answers questions exactly as the embedded store does', async () => {
    const onDatabase = await createEngine({ env: { ...databaseEnv(schema), KIEMCHUNG_CORPUS: corpus }, embedder, logger: silentLogger, autoIndex: false });
    const onDisk = await createEngine({ env: {}, config: { corpus, indexDir }, embedder, logger: silentLogger, autoIndex: false });
    try {
      expect(onDatabase.stats().storage).toBe('postgres');
      expect(onDisk.stats().storage).toBe('embedded');
      for (const q of [
        ...QUESTIONS,
        'Ai là Tổng Thư ký IEC?',
        'Khi nào Việt Nam trở thành thành viên chính thức của IEC?',
        'Who is the IEC General Secretary?',
        'thời tiết Hà Nội hôm nay',
      ]) {
        expect(withoutTimings(await onDatabase.ask(q)), q).toEqual(withoutTimings(await onDisk.ask(q)));
      }
    } finally {
      await onDatabase.close();
      await onDisk.close();
    }
  });

  it('checks statements exactly as the embedded store does', async () => {
    // On the two seed articles, where both nearest-neighbour searches are exact (on larger
    // collections each store's HNSW graph may miss a different near neighbour).
    const seedSchema = testSchema('seed');
    const seedCorpus = copyCorpus();
    const seedIndex = tempDir();
    const seedDb = openDatabase(testDatabaseConfig(seedSchema), silentLogger);
    try {
      await updateIndex({ indexDir: seedIndex, corpus: seedCorpus, embedder });
      await updateDatabaseIndex({ db: seedDb, corpus: seedCorpus, embedder });
      const onDatabase = await createEngine({
        env: { ...databaseEnv(seedSchema), KIEMCHUNG_CORPUS: seedCorpus },
        embedder,
        logger: silentLogger,
        autoIndex: false,
      });
      const onDisk = await createEngine({ env: {}, config: { corpus: seedCorpus, indexDir: seedIndex }, embedder, logger: silentLogger, autoIndex: false });
      try {
        const verdicts = new Set<string>();
        for (const c of loadClaims(path.join(process.cwd(), 'test', 'eval', 'seed-claims.jsonl'))) {
          const checked = await onDatabase.check(c.claim);
          expect(withoutTimings(checked), c.id).toEqual(withoutTimings(await onDisk.check(c.claim)));
          if (checked.verdict) verdicts.add(checked.verdict);
        }
        // Every verdict was compared, not only "not found".
        expect([...verdicts].sort()).toEqual(['contradicted', 'not-found', 'supported']);
      } finally {
        await onDatabase.close();
        await onDisk.close();
      }
    } finally {
      await seedDb.close();
      await dropSchema(seedSchema);
      for (const d of [seedCorpus, seedIndex]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('reads articles, paragraphs and suggestions by id', async () => {
    const pg = await PostgresStore.open(db, embedder, silentLogger, { listen: false });
    const seg = SegmentStore.open(indexDir, embedder);
    const {
      hash: _h,
      record: _r,
      firstParagraph: _f,
      passageCount: _p,
      ...meta
    } = (await seg.article('iec-thanh-vien-2024')) as never as Record<string, unknown>;
    expect(await pg.article('iec-thanh-vien-2024')).toEqual(meta);
    expect(await pg.article('no-such-article')).toBeNull();
    const refs = [
      { articleId: 'iec-thanh-vien-2024', n: 2 },
      { articleId: 'do-luong-lmc-2023', n: 6 },
      { articleId: 'iec-thanh-vien-2024', n: 0 },
      { articleId: 'iec-thanh-vien-2024', n: 7 },
      { articleId: 'iec-thanh-vien-2024', n: 1.5 },
      { articleId: 'no-such-article', n: 1 },
    ];
    expect(await pg.paragraphs(refs)).toEqual(await seg.paragraphs(refs));
    const ids = async (s: Store, m: Parameters<Store['findArticles']>[0]) => (await s.findArticles(m, 100)).map((a) => a.id).sort();
    for (const m of [
      { id: 'synthetic-1', idExact: false, titleContains: '' },
      { id: 'synthetic-1', idExact: true, titleContains: '' },
      { id: 'x', idExact: false, titleContains: 'hop tac do luong' },
      { id: 'synthetic_', idExact: false, titleContains: '' },
    ]) {
      expect(await ids(pg, m)).toEqual(await ids(seg, m));
    }
    expect((await ids(pg, { id: 'synthetic-1', idExact: false, titleContains: '' })).length).toBe(11);
    await pg.close();
  });

  it('locates a passage again whose article its article cache (smaller than its passage cache) has forgotten', async () => {
    const pg = await PostgresStore.open(db, embedder, silentLogger, { listen: false });
    const hits = await pg.lexicalSearch(queryTerms('Philippe Metzger'), 5);
    const first = await pg.passages(hits.map((h) => h.passage));
    // What reading 20,000 other articles since does at 35k articles.
    const located = Reflect.get(pg, 'located') as { get(id: number): { key: string } | undefined };
    (Reflect.get(pg, 'articlesByKey') as { delete(key: string): void }).delete(located.get(hits[0]!.passage)!.key);
    expect(await pg.passages(hits.map((h) => h.passage))).toEqual(first);
    await pg.close();
  });

  it('updates incrementally: changed, added and removed articles, one new generation, the old one still readable', async () => {
    const beforeAsked: string[] = [];
    const before = await PostgresStore.open(watching(db, beforeAsked), embedder, silentLogger, { listen: false });
    const g = before.generation.generation;
    const oldText = (await before.paragraphs([{ articleId: 'synthetic-3', n: 1 }]))[0]!;
    // The lists these searches read are kept: after the update, those of blocks still live are
    // used again, and the new block's read.
    const asked = ['vệ tinh quan sát Trái Đất', 'kính thiên văn', ...QUESTIONS.slice(0, 3)];
    for (const q of asked) await before.lexicalSearch(queryTerms(q), 10);
    // Another reader that stays on this generation while the rows the next one retires are deleted.
    const staleAsked: string[] = [];
    const stale = await PostgresStore.open(watching(db, staleAsked), embedder, silentLogger, { listen: false });
    await stale.lexicalSearch(queryTerms('Bài tổng hợp số 5'), 10);
    fs.writeFileSync(path.join(corpus, 'a3.md'), article('synthetic-3', 'Bài tổng hợp số 3', ['Một đoạn hoàn toàn mới về vệ tinh quan sát Trái Đất.']));
    fs.writeFileSync(path.join(corpus, 'new.md'), article('bai-moi', 'Bài mới', ['Hợp tác về kính thiên văn vô tuyến.']));
    fs.rmSync(path.join(corpus, 'a5.md'));
    const r = await updateDatabaseIndex({ db, corpus, embedder });
    expect(r).toMatchObject({ wrote: true, added: 1, changed: 1, removed: 1, unchanged: 40 });
    expect((await updateDatabaseIndex({ db, corpus, embedder })).wrote).toBe(false);
    // A corpus folder without a single article file would retire them all: refused, nothing written.
    await expect(updateDatabaseIndex({ db, corpus: tempDir(), embedder })).rejects.toMatchObject({
      code: 'corpus',
      message: expect.stringMatching(/would remove all 42 articles of the index in .*; the index was left untouched/),
    });
    expect((await servingGeneration(db))?.generation).toBe(g + 1);

    // A reader still on the old generation sees it whole.
    expect(before.generation.generation).toBe(g);
    expect((await before.paragraphs([{ articleId: 'synthetic-3', n: 1 }]))[0]).toBe(oldText);
    expect(await before.article('bai-moi')).toBeNull();
    await before.refresh();
    expect(before.generation.generation).toBe(g + 1);
    expect((await before.paragraphs([{ articleId: 'synthetic-3', n: 1 }]))[0]).toContain('vệ tinh');
    expect(await before.article('bai-moi')).not.toBeNull();
    expect(await before.article('synthetic-5')).toBeNull();

    // Still ranked as the embedded store ranks the same corpus, updated the same way.
    await updateIndex({ indexDir, corpus, embedder });
    const seg = SegmentStore.open(indexDir, embedder);
    expect(before.stats()).toMatchObject({ articles: seg.stats().articles, paragraphs: seg.stats().paragraphs, passages: seg.stats().passages });
    for (const q of asked) {
      const terms = queryTerms(q);
      expect(await ranked(before, await before.lexicalSearch(terms, 10))).toEqual(await ranked(seg, await seg.lexicalSearch(terms, 10)));
    }

    // synthetic-5's passages were retired but their block is still live: for its title they
    // have the best bounds, and are left out without asking the database (the lists settle every
    // count, and each reader knows which passages are live: a reader that read them before the
    // update by the retirements of the new generation, a new one with every passage); the
    // candidates they kept out are scored in turn.
    const searches = [1, 3, 10];
    const same = async (store: PostgresStore) => {
      for (const k of searches) {
        const terms = queryTerms('Bài tổng hợp số 5');
        expect(await ranked(store, await store.lexicalSearch(terms, k))).toEqual(await ranked(seg, await seg.lexicalSearch(terms, k)));
      }
    };
    await same(before);
    expect(beforeAsked).toContain('reading retired passages');
    expect(beforeAsked).not.toContain('scoring the candidates');
    expect(beforeAsked.filter((w) => w === 'reading the lengths of every passage')).toHaveLength(1);
    await before.close();
    const freshAsked: string[] = [];
    const fresh = await PostgresStore.open(watching(db, freshAsked), embedder, silentLogger, { listen: false });
    await same(fresh);
    expect(freshAsked).not.toContain('scoring the candidates');
    expect(freshAsked).not.toContain('reading retired passages');
    await fresh.close();

    // The rows the new generation retired deleted (it is made older than the wait before
    // that) while a reader still served the generation before: that reader cannot learn what was
    // retired from them, reads every passage afresh, and leaves out the deleted ones.
    await db.query('test', `UPDATE ${db.schema}.generations SET created_at = created_at - interval '1 hour' WHERE generation = $1`, [g + 1]);
    await purge(db);
    const gone = await db.query<{ n: string }>(
      'test',
      `SELECT count(*) AS n FROM ${db.schema}.passages p JOIN ${db.schema}.articles a ON a.key = p.article WHERE a.id = 'synthetic-5'`,
    );
    expect(Number(gone.rows[0]?.n)).toBe(0);
    const readsBefore = staleAsked.filter((w) => w === 'reading the lengths of every passage').length;
    await stale.refresh();
    expect(stale.generation.generation).toBe(g + 1);
    await same(stale);
    expect(staleAsked.filter((w) => w === 'reading the lengths of every passage').length).toBe(readsBefore + 1);
    expect(staleAsked).not.toContain('reading retired passages');
    expect(staleAsked).not.toContain('scoring the candidates');
    await stale.close();
  });

  it('keeps every list of postings best first, so that a search reading the head of a list reads its best postings', async () => {
    const rows = await db.query<{ term: number; df: number; imps: number[] }>('test', `SELECT term, df, imps FROM "${schema}".postings`);
    expect(rows.rows.length).toBeGreaterThan(100);
    const long = rows.rows.filter((r) => r.imps.length > 5);
    expect(long.length).toBeGreaterThan(10);
    for (const r of rows.rows) {
      expect(r.imps.length, `term ${r.term}`).toBe(r.df);
      for (let i = 1; i < r.imps.length; i++) expect(r.imps[i]!, `term ${r.term}, posting ${i}`).toBeLessThanOrEqual(r.imps[i - 1]!);
    }
    // Not sorted by passage: the order is the impacts'.
    expect(long.some((r) => r.imps.some((x, i) => i > 0 && x < r.imps[i - 1]!))).toBe(true);
  });

  it('sends a statement again on another connection when the server ended the pooled one while it was idle', async () => {
    const pooled = openDatabase(testDatabaseConfig(schema, { poolMax: 3 }), silentLogger);
    try {
      // Three sessions in the pool, then each ended by the server as a restart would.
      const pids = await Promise.all(
        [1, 2, 3].map(async () => (await pooled.query<{ pid: number }>('test', 'SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')).rows[0]!.pid),
      );
      expect(new Set(pids).size).toBe(3);
      await db.query('test', 'SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
      // The pool has not read the servers' goodbyes yet when the next statements go out.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      const [read, inTransaction] = await Promise.all([
        pooled.query<{ n: number }>('test', 'SELECT count(*)::int AS n FROM ' + db.schema + '.articles'),
        pooled.transaction('test', async (c) => (await c.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one),
      ]);
      expect(read.rows[0]!.n).toBeGreaterThan(0);
      expect(inTransaction).toBe(1);
    } finally {
      await pooled.close();
    }
  });

  it('rebuilds an index embedded by an older version of the corpus model, with a notice', async () => {
    const schema = testSchema('relearn');
    const db = openDatabase(testDatabaseConfig(schema), silentLogger);
    try {
      await updateDatabaseIndex({ db, corpus: CORPUS, embedder: new CorpusModelV1() });
      expect((await servingGeneration(db))?.embedder).toMatchObject({ version: '1', dimension: 128 });
      const r = await updateDatabaseIndex({ db, corpus: CORPUS, embedder: new CorpusEmbedder() });
      expect(r).toMatchObject({ wrote: true, added: 2 });
      expect(r.notice).toMatch(/^the index in .* was embedded by version 1 of the corpus embedder's model and was rebuilt with version 2$/);
      expect((await servingGeneration(db))?.embedder).toMatchObject({ version: '2', dimension: 64 });
      const store = await PostgresStore.open(db, new CorpusEmbedder(), silentLogger, { listen: false });
      try {
        expect(store.embedderModel()).not.toBeNull();
      } finally {
        await store.close();
      }
    } finally {
      await db.close();
      await dropSchema(schema);
    }
  });

  it("keeps the corpus embedder's learned model with the index: learned by the first build, reused by updates, copied with an embedded index", async () => {
    const learned = testSchema('model');
    const copied = testSchema('copy');
    const dir = copyCorpus();
    syntheticCorpus(dir, 10);
    const folder = tempDir();
    const dbA = openDatabase(testDatabaseConfig(learned), silentLogger);
    const dbB = openDatabase(testDatabaseConfig(copied), silentLogger);
    try {
      await updateDatabaseIndex({ db: dbA, corpus: dir, embedder: new CorpusEmbedder() });
      const first = await servingGeneration(dbA);
      expect(first?.model).toEqual(expect.any(Number));
      // An update by another process (a fresh embedder) embeds with the stored model, not a new one.
      fs.writeFileSync(
        path.join(dir, 'moi.md'),
        article('moi', 'Hợp tác vệ tinh quan sát Trái Đất', ['Hai bên thống nhất phóng vệ tinh quan sát Trái Đất vào năm 2026.']),
      );
      expect(await updateDatabaseIndex({ db: dbA, corpus: dir, embedder: new CorpusEmbedder() })).toMatchObject({ added: 1, wrote: true });
      expect((await servingGeneration(dbA))?.model).toBe(first?.model);
      // A serving engine loads the model from the database; its vectors find the new article.
      const engine = await createEngine({ env: { ...databaseEnv(learned), KIEMCHUNG_CORPUS: dir }, logger: silentLogger });
      try {
        expect(engine.stats()).toMatchObject({ storage: 'postgres', embedder: { id: 'corpus' }, generation: 2 });
        const answer = await engine.ask('Khi nào phóng vệ tinh quan sát Trái Đất?');
        expect(answer.citations[0]?.paragraphId).toBe('moi#p1');
      } finally {
        await engine.close();
      }
      // An embedded index copied into the database brings its model: the vectors rank as there.
      const embedder = new CorpusEmbedder();
      await updateIndex({ indexDir: folder, corpus: dir, embedder });
      await importEmbeddedIndex({ indexDir: folder, db: dbB, embedder: new CorpusEmbedder() });
      const seg = SegmentStore.open(folder, embedder);
      const pg = await PostgresStore.open(dbB, embedder, silentLogger, { listen: false });
      try {
        expect(Buffer.from(pg.embedderModel()!).equals(Buffer.from(seg.embedderModel()!))).toBe(true);
        for (const q of QUESTIONS) {
          const v = await embedder.embedQueryVector(q);
          expect(await ranked(pg, await pg.vectorSearch(v, 10))).toEqual(await ranked(seg, await seg.vectorSearch(v, 10)));
        }
      } finally {
        await pg.close();
      }
    } finally {
      await dbA.close();
      await dbB.close();
      await dropSchema(learned);
      await dropSchema(copied);
      for (const d of [dir, folder]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('finds the nearest live passages by vector when most rows near the query belong to another generation', async () => {
    const own = testSchema('vectors');
    // The graph, not a scan of so small a table, as in a collection of any size; and the same
    // searches with pgvector's iterative scan in every statement, as a reference.
    // Session settings through the URL's options, which every connection of the pool gets.
    const withOptions = (options: string) => {
      const config = testDatabaseConfig(own);
      const url = new URL(config.url);
      url.searchParams.set('options', options);
      return { ...config, url: url.toString() };
    };
    const odb = openDatabase(withOptions('-c enable_seqscan=off'), silentLogger);
    const iterative = openDatabase(withOptions('-c enable_seqscan=off -c hnsw.iterative_scan=relaxed_order'), silentLogger);
    const dir = tempDir();
    const idx = tempDir();
    try {
      syntheticCorpus(dir, 10);
      await updateIndex({ indexDir: idx, corpus: dir, embedder });
      await updateDatabaseIndex({ db: odb, corpus: dir, embedder });
      expect((await odb.query<{ v: string }>('test', 'SELECT current_setting($1) AS v', ['enable_seqscan'])).rows[0]?.v).toBe('off');
      const scan = await iterative.query<{ v: string }>('test', 'SELECT current_setting($1) AS v', ['hnsw.iterative_scan']);
      expect(scan.rows[0]?.v).toBe('relaxed_order');
      // kiemchung's own session settings are kept beside the URL's.
      const ef = await odb.query<{ v: string }>('test', 'SELECT current_setting($1) AS v', ['hnsw.ef_search']);
      expect(Number(ef.rows[0]?.v)).toBeGreaterThan(40);
      const old = await PostgresStore.open(odb, embedder, silentLogger, { listen: false });
      const reference = await PostgresStore.open(iterative, embedder, silentLogger, { listen: false });
      const seg = SegmentStore.open(idx, embedder);
      const live = old.stats().passages;
      // A newer generation: these ten articles replaced and 150 more, all in the same graph,
      // so that one walk of it (ef_search 128 rows) meets few passages of the old generation.
      syntheticCorpus(dir, 160, 7);
      await updateDatabaseIndex({ db: odb, corpus: dir, embedder });
      const rows = await odb.query<{ n: string }>('test', `SELECT count(*) AS n FROM "${own}".passages`);
      expect(Number(rows.rows[0]!.n)).toBeGreaterThan(4 * 128);
      expect(live).toBeLessThan(128);
      expect([old.generation.generation, reference.generation.generation]).toEqual([1, 1]);
      for (const q of QUESTIONS) {
        const v = await embedder.embedQueryVector(q);
        for (const k of [5, live - 1, live]) {
          const hits = await ranked(old, await old.vectorSearch(v, k));
          expect(hits).toHaveLength(k);
          expect(hits).toEqual(await ranked(reference, await reference.vectorSearch(v, k)));
        }
        // All of them: every live passage, as the embedded store orders them.
        expect(await ranked(old, await old.vectorSearch(v, live))).toEqual(await ranked(seg, await seg.vectorSearch(v, live)));
      }
      await old.close();
      await reference.close();
    } finally {
      await odb.close();
      await iterative.close();
      await dropSchema(own);
      for (const d of [dir, idx]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('refuses an index built with another embedder, naming both and the rebuild command', async () => {
    const other = { id: 'hash', version: embedder.version, dimension: 128 };
    await expect(PostgresStore.open(db, other, silentLogger, { listen: false })).rejects.toThrow(/dimension 256 \(now 128\).*kiemchung index --rebuild/);
  });

  it('says clearly when there is no index yet', async () => {
    const empty = testSchema('empty');
    const e = openDatabase(testDatabaseConfig(empty), silentLogger);
    try {
      await migrate(e);
      await expect(PostgresStore.open(e, embedder, silentLogger, { listen: false })).rejects.toMatchObject({
        code: 'index-missing',
        message: expect.stringMatching(/no index in .*kiemchung index/),
      });
    } finally {
      await e.close();
      await dropSchema(empty);
    }
  });
});

/**
 * A corpus of `articles` × 10 one-sentence paragraphs (one passage each): "hợp tác khoa học" in
 * every one (too common to weigh beside rarer terms past 20,000 passages), then 3 to 12 words
 * drawn from 225 two-syllable ones and a number (deterministic).
 */
const SYLLABLES = ['an', 'bình', 'cao', 'dương', 'giang', 'hà', 'khánh', 'lâm', 'minh', 'nam', 'phong', 'quang', 'sơn', 'thành', 'vinh'];
const POOL = SYLLABLES.flatMap((x) => SYLLABLES.map((y) => `${x} ${y}`));
function commonWordsCorpus(dir: string, articles: number): void {
  let x = 11;
  const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2147483648), Math.floor((x / 2147483648) * n));
  for (let a = 0; a < articles; a++) {
    const paras = Array.from({ length: 10 }, () => {
      const words = Array.from({ length: 3 + rnd(10) }, () => POOL[rnd(POOL.length)]);
      return `Hợp tác khoa học ${words.join(' ')} số ${rnd(5000)}.`;
    });
    fs.writeFileSync(path.join(dir, `a${a}.md`), article(`common-${a}`, `Bản tin ${a}`, paras));
  }
}

describe.skipIf(!hasDatabase)(`the PostgreSQL store's long lists${hasDatabase ? '' : ` (skipped: ${DATABASE_MISSING})`}`, () => {
  const schema = testSchema('long');
  let db: Database;
  let corpus: string;
  let indexDir: string;

  beforeAll(async () => {
    db = openDatabase(testDatabaseConfig(schema), silentLogger);
    corpus = tempDir();
    commonWordsCorpus(corpus, 2400);
    indexDir = tempDir();
    await updateIndex({ indexDir, corpus, embedder });
    await updateDatabaseIndex({ db, corpus, embedder });
  }, 180_000);

  afterAll(async () => {
    await db?.close();
    await dropSchema(schema);
    for (const d of [corpus, indexDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('stores lists longer than the depth a search sums whole, skips reading the lists of terms too common to weigh, and ranks as the embedded store does, before and after articles are retired', async () => {
    const lists = await db.query<{ df: number; n: number }>('test', `SELECT df, cardinality(docs) AS n FROM "${schema}".postings WHERE df > $1`, [
      POSTING_DEPTH,
    ]);
    expect(lists.rows.length).toBeGreaterThan(3);
    for (const r of lists.rows) expect(r.n).toBe(r.df);
    // Rarer terms beside the common ones; then only common ones, which then all weigh.
    const questions = ['hợp tác khoa học an bình số 12', 'hợp tác cao dương minh nam', 'giang hà lâm vinh số 500', 'hợp tác khoa học'];
    // The lists the server sends (null: not sent), seen through the store's real connection.
    const sent: { df: number; docs: string | null }[] = [];
    const watched: Database = {
      ...db,
      query: async <R extends pg.QueryResultRow>(what: string, sql: string, params?: unknown[], options?: { prepared?: boolean }) => {
        const r = await db.query<R>(what, sql, params, options);
        if (what === 'reading posting lists') sent.push(...(r.rows as unknown as { df: number; docs: string | null }[]));
        return r;
      },
    };
    const same = async () => {
      const pg = await PostgresStore.open(watched, embedder, silentLogger, { listen: false });
      const seg = SegmentStore.open(indexDir, embedder);
      expect(pg.stats().passages).toBeGreaterThanOrEqual(20_000);
      for (const q of questions) {
        const terms = queryTerms(q);
        const got = await ranked(pg, await pg.lexicalSearch(terms, 20));
        expect(got, q).toHaveLength(20);
        expect(got, q).toEqual(await ranked(seg, await seg.lexicalSearch(terms, 20)));
      }
      // The same searches again, from the lists the store kept.
      for (const q of questions) {
        const terms = queryTerms(q);
        expect(await ranked(pg, await pg.lexicalSearch(terms, 20)), q).toEqual(await ranked(seg, await seg.lexicalSearch(terms, 20)));
      }
      await pg.close();
    };
    await same();
    // The common terms' lists were left unsent beside rarer terms, and sent whole for the search of common terms alone.
    expect(sent.some((r) => r.docs === null)).toBe(true);
    expect(sent.some((r) => r.docs !== null && r.df > POSTING_DEPTH)).toBe(true);
    // Retired articles stay in their block's lists: a search must leave their passages out.
    for (let i = 0; i < 2400; i += 10) fs.rmSync(path.join(corpus, `a${i}.md`));
    await updateIndex({ indexDir, corpus, embedder });
    await updateDatabaseIndex({ db, corpus, embedder });
    await same();
  }, 180_000);
});

/** \`db\`, recording what each query it sends is for (its \`what\`) in \`seen\`. */
function watching(db: Database, seen: string[]): Database {
  return {
    ...db,
    query: <R extends pg.QueryResultRow>(what: string, sql: string, params?: unknown[], options?: { prepared?: boolean }) => {
      seen.push(what);
      return db.query<R>(what, sql, params, options);
    },
  };
}
