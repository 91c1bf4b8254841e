import { task } from '../child.js';
import type { BenchQuestion } from '../data.js';
import { type Latency, latency } from '../metrics.js';
import type { DatabaseConfig } from '../../src/config.js';
import { benchEmbedder } from '../embedder.js';
import { silentLogger } from '../../src/log.js';
import { queryTerms } from '../../src/retrieve/query-terms.js';
import type { PassageHit, Store } from '../../src/store/port.js';
import { openDatabase } from '../../src/store/postgres/database.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SegmentStore } from '../../src/store/segment-store.js';
import { expandQuery } from '../../src/text/glossary.js';
import { detectLang } from '../../src/text/lang.js';

export interface FidelityInput {
  indexDir: string;
  database: DatabaseConfig;
  questions: BenchQuestion[];
}

export interface FidelityResult {
  questions: number;
  /** Share of questions whose best lexical passage is the same in both stores. */
  same1: number;
  /** Share whose ten best are the same, in the same order. */
  same10: number;
  /** Mean share of the embedded store's 10 / 30 / 100 best that the database store also returns in its 10 / 30 / 100. */
  overlap10: number;
  overlap30: number;
  overlap100: number;
  /** Lexical search alone, one question at a time. */
  database: Latency;
  embedded: Latency;
}

/** The database store's lexical search against the embedded store's, on the same index and questions. */
task<FidelityInput, FidelityResult>(async (input) => {
  const embedder = benchEmbedder();
  const seg = SegmentStore.open(input.indexDir, embedder);
  const db = openDatabase(input.database, silentLogger);
  const pg = await PostgresStore.open(db, embedder, silentLogger, { listen: false });
  const keys = async (s: Store, hits: PassageHit[]) =>
    (await s.passages(hits.map((h) => h.passage))).map((p) => `${p.article.id}#p${p.paragraphNumber}@${p.start}`);
  let same1 = 0;
  let same10 = 0;
  const overlap = { 10: 0, 30: 0, 100: 0 };
  const dbMs: number[] = [];
  const embMs: number[] = [];
  for (const q of input.questions) {
    const terms = queryTerms(expandQuery(q.question, detectLang(q.question)));
    let t = performance.now();
    const a = await pg.lexicalSearch(terms, 100);
    dbMs.push(performance.now() - t);
    t = performance.now();
    const b = await seg.lexicalSearch(terms, 100);
    embMs.push(performance.now() - t);
    const ka = await keys(pg, a);
    const kb = await keys(seg, b);
    if (ka[0] === kb[0]) same1++;
    if (ka.slice(0, 10).join() === kb.slice(0, 10).join()) same10++;
    for (const n of [10, 30, 100] as const) {
      const want = new Set(kb.slice(0, n));
      overlap[n] += want.size === 0 ? 1 : ka.slice(0, n).filter((x) => want.has(x)).length / want.size;
    }
  }
  await pg.close();
  await db.close();
  const n = Math.max(1, input.questions.length);
  return {
    questions: input.questions.length,
    same1: same1 / n,
    same10: same10 / n,
    overlap10: overlap[10] / n,
    overlap30: overlap[30] / n,
    overlap100: overlap[100] / n,
    database: latency(dbMs),
    embedded: latency(embMs),
  };
});
