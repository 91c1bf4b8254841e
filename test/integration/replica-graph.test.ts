import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { createEngine } from '../../src/index.js';
import { silentLogger } from '../../src/log.js';
import type { Database } from '../../src/store/postgres/database.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { updateDatabaseIndex } from '../../src/store/postgres/write-index.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { updateIndex } from '../../src/store/update-index.js';
import { article } from '../support/corpus.js';
import { indexCorpus, ranked, removeIndexedCorpus } from '../support/database-index.js';
import { DATABASE_MISSING, databaseEnv, hasDatabase, testSchema } from '../support/postgres.js';

const embedder = new HashEmbedder();
const QUESTIONS = [
  'hội nghị LMC lần thứ 4 tổ chức ở đâu',
  'IEC thành viên chính thức',
  'Philippe Metzger',
  'vệ tinh quan sát Trái Đất',
  'kính thiên văn',
  'bán dẫn',
];

/** The database, counting the vector searches sent to pgvector. */
function counting(db: Database): { db: Database; pgvector: () => number } {
  let n = 0;
  return {
    db: {
      ...db,
      query: <R extends pg.QueryResultRow>(what: string, sql: string, params?: unknown[], options?: { prepared?: boolean }) => {
        if (/by vector/.test(what)) n++;
        return db.query<R>(what, sql, params, options);
      },
      transaction: <T>(what: string, work: (c: pg.PoolClient) => Promise<T>) => {
        if (/by vector/.test(what)) n++;
        return db.transaction(what, work);
      },
    },
    pgvector: () => n,
  };
}

describe.skipIf(!hasDatabase)(`a replica's own vector graph${hasDatabase ? '' : ` (skipped: ${DATABASE_MISSING})`}`, () => {
  const schema = testSchema('graph');
  let db: Database;
  let corpus: string;
  let indexDir: string;

  beforeAll(async () => {
    ({ db, corpus, indexDir } = await indexCorpus(schema, embedder));
  });

  afterAll(() => removeIndexedCorpus(schema, { db, corpus, indexDir }));

  it('answers unfiltered vector searches itself once built, as pgvector and the embedded store rank them, and follows new generations', async () => {
    const c = counting(db);
    const store = await PostgresStore.open(c.db, embedder, silentLogger, { listen: false, graph: true });
    const plain = await PostgresStore.open(db, embedder, silentLogger, { listen: false });
    try {
      await store.vectorGraphReady();
      expect(store.stats().vectorSearch).toBe('replica');
      expect(plain.stats().vectorSearch).toBe('database');
      const compare = async (seg: SegmentStore) => {
        for (const q of QUESTIONS) {
          const v = await embedder.embedQueryVector(q);
          const before = c.pgvector();
          const own = await ranked(store, await store.vectorSearch(v, 10));
          expect(c.pgvector()).toBe(before);
          expect(own).toEqual(await ranked(plain, await plain.vectorSearch(v, 10)));
          expect(own).toEqual(await ranked(seg, await seg.vectorSearch(v, 10)));
          // More than there are passages: every live one, once.
          const all = await store.vectorSearch(v, 100_000);
          expect(all).toHaveLength(store.stats().passages);
          expect(new Set(all.map((h) => h.passage)).size).toBe(all.length);
          // A filtered search is pgvector's.
          const filtered = await store.vectorSearch(v, 5, { articleIds: ['iec-thanh-vien-2024'] });
          expect(c.pgvector()).toBe(before + 1);
          expect(await ranked(store, filtered)).toEqual(await ranked(seg, await seg.vectorSearch(v, 5, { articleIds: ['iec-thanh-vien-2024'] })));
        }
      };
      await compare(SegmentStore.open(indexDir, embedder));

      // A new generation: one article changed, one added, one removed.
      fs.writeFileSync(path.join(corpus, 'a3.md'), article('synthetic-3', 'Bài tổng hợp số 3', ['Một đoạn hoàn toàn mới về vệ tinh quan sát Trái Đất.']));
      fs.writeFileSync(path.join(corpus, 'new.md'), article('bai-moi', 'Bài mới', ['Hợp tác về kính thiên văn vô tuyến.']));
      fs.rmSync(path.join(corpus, 'a5.md'));
      expect(await updateDatabaseIndex({ db, corpus, embedder })).toMatchObject({ added: 1, changed: 1, removed: 1 });
      await updateIndex({ indexDir, corpus, embedder });
      const g = store.generation.generation;
      await store.refresh();
      await plain.refresh();
      expect(store.generation.generation).toBe(g + 1);
      // Until the graph holds the new generation, pgvector answers: never a retired passage.
      const v = await embedder.embedQueryVector('Bài tổng hợp số 5');
      const early = await ranked(store, await store.vectorSearch(v, 20));
      expect(early.some((h) => h.startsWith('synthetic-5#'))).toBe(false);
      await store.vectorGraphReady();
      expect(store.stats().vectorSearch).toBe('replica');
      await compare(SegmentStore.open(indexDir, embedder));
      const found = await ranked(store, await store.vectorSearch(await embedder.embedQueryVector('kính thiên văn vô tuyến'), 3));
      expect(found[0]).toMatch(/^bai-moi#p1@/);

      // A rebuild: every passage new, so a new graph is built beside the one serving.
      await updateDatabaseIndex({ db, corpus, embedder, rebuild: true });
      await store.refresh();
      await plain.refresh();
      await store.vectorGraphReady();
      await compare(SegmentStore.open(indexDir, embedder));

      // The graph's thread dies: that search and the ones until a new graph is built are pgvector's.
      const graph = Reflect.get(store, 'graph') as { built: { thread: { stop(): Promise<void> } } | null };
      await graph.built!.thread.stop();
      const q = await embedder.embedQueryVector(QUESTIONS[0]!);
      const before = c.pgvector();
      expect(await ranked(store, await store.vectorSearch(q, 10))).toEqual(await ranked(plain, await plain.vectorSearch(q, 10)));
      expect(c.pgvector()).toBe(before + 1);
      await store.vectorGraphReady();
      expect(store.stats().vectorSearch).toBe('replica');
      await compare(SegmentStore.open(indexDir, embedder));
    } finally {
      await store.close();
      await plain.close();
    }
  });

  it('is what a serving engine uses with KIEMCHUNG_DATABASE_VECTOR_SEARCH=replica (the default), and not with database', async () => {
    for (const [setting, expected] of [
      [undefined, 'replica'],
      ['database', 'database'],
    ] as const) {
      const env = { ...databaseEnv(schema), KIEMCHUNG_CORPUS: corpus, ...(setting ? { KIEMCHUNG_DATABASE_VECTOR_SEARCH: setting } : {}) };
      const engine = await createEngine({ env, embedder, logger: silentLogger, autoIndex: false });
      try {
        await engine.searchReady;
        expect(engine.stats().vectorSearch).toBe(expected);
        const answer = await engine.ask('Tổng Thư ký IEC là ai?');
        expect(answer.citations.length).toBeGreaterThan(0);
      } finally {
        await engine.close();
      }
    }
    await expect(createEngine({ env: { ...databaseEnv(schema), KIEMCHUNG_DATABASE_VECTOR_SEARCH: 'gpu' }, embedder, logger: silentLogger })).rejects.toThrow(
      /KIEMCHUNG_DATABASE_VECTOR_SEARCH: expected replica or database/,
    );
  });
});
