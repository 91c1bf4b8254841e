/**
 * LangChain's `PGVectorStore` against kiemchung's own table on `pg`, on the same vectors: the
 * passages of an embedded index (stored vectors, never re-embedded) are written into a
 * `PGVectorStore` table with its HNSW index (m 16, ef_construction 100, inner product, as the
 * database store builds its own) and into a database store by `importEmbeddedIndex`; then the
 * same query vectors are searched in both, unfiltered and filtered by source, against exact
 * search computed here. Figures: write time, query latency, recall@10.
 *
 *   tsx bench/experiments/pgvector-langchain.ts --index DIR --database URL [--questions 500]
 *
 * DIR is an embedded index (kiemchung eval leaves one per corpus in .kiemchung/eval/).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Document } from '@langchain/core/documents';
import { PGVectorStore } from '@langchain/community/vectorstores/pgvector';
import pg from 'pg';
import { REPO_ROOT } from '../args.js';
import { latency } from '../metrics.js';
import { HashEmbedder } from '../../src/embed/hash-embedder.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/postgres/database.js';
import { importEmbeddedIndex } from '../../src/store/postgres/import-index.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { SegmentStore } from '../../src/store/segment-store.js';

const { values } = parseArgs({ options: { index: { type: 'string' }, database: { type: 'string' }, questions: { type: 'string' }, data: { type: 'string' } } });
if (!values.index || !values.database) throw new Error('--index DIR and --database URL are required');
const url = values.database;
const data = path.resolve(values.data ?? path.join(REPO_ROOT, '..', 'shared', 'data'));
const embedder = new HashEmbedder();
const seg = SegmentStore.open(path.resolve(values.index), embedder);
const d = embedder.dimension;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');

// Every live passage: its vector, text and metadata.
const vectors: number[][] = [];
const docs: Document[] = [];
seg.segments.forEach((s, si) => {
  const dead = new Set(seg.manifest.segments[si]?.deleted ?? []);
  const all = s.vectors();
  for (let i = 0; i < s.passageCount; i++) {
    if (dead.has(s.articleOfPassage(i))) continue;
    const a = s.articles[s.articleOfPassage(i)]!;
    vectors.push(Array.from(all.subarray(i * d, (i + 1) * d)));
    docs.push(new Document({ pageContent: s.passageText(i), metadata: { articleId: a.id, source: a.source, date: a.date } }));
  }
});
const questions = fs
  .readFileSync(path.join(data, 'vinewsqa-dev', 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, Number(values.questions ?? 500))
  .map((l) => (JSON.parse(l) as { question: string }).question);
const queries = await Promise.all(questions.map((q) => embedder.embedQueryVector(q)));
const sources = [...new Set(docs.map((x) => String(x.metadata['source'])))].sort();
const someSource = sources[Math.floor(sources.length / 2)] ?? '';

function exact(q: Float32Array, k: number, keep?: (i: number) => boolean): Set<string> {
  const scored: { i: number; s: number }[] = [];
  vectors.forEach((v, i) => {
    if (keep && !keep(i)) return;
    let s = 0;
    for (let j = 0; j < d; j++) s += (v[j] as number) * (q[j] as number);
    scored.push({ i, s });
  });
  return new Set(
    scored
      .sort((x, y) => y.s - x.s)
      .slice(0, k)
      .map((x) => docs[x.i]!.pageContent),
  );
}

const recall = (got: string[], want: Set<string>) => got.filter((t) => want.has(t)).length / Math.max(1, want.size);

/** Times `search` alone; `texts` (untimed) turns what it returned into passage texts for recall. */
async function measure<T>(name: string, search: (q: Float32Array, filtered: boolean) => Promise<T>, texts: (found: T) => Promise<string[]>) {
  for (const filtered of [false, true]) {
    const ms: number[] = [];
    let r = 0;
    for (const q of queries) {
      const t = performance.now();
      const found = await search(q, filtered);
      ms.push(performance.now() - t);
      const got = await texts(found);
      r += recall(got.slice(0, 10), exact(q, 10, filtered ? (i) => docs[i]!.metadata['source'] === someSource : undefined));
    }
    const l = latency(ms);
    console.log(
      `${name}${filtered ? ' (filtered by source)' : ''}: p50 ${l.p50.toFixed(2)} ms, p95 ${l.p95.toFixed(2)} ms, recall@10 ${(r / queries.length).toFixed(3)}; load ${load()}`,
    );
  }
}

console.log(`${vectors.length} passages of ${d} dimensions, ${queries.length} queries; load ${load()}`);

// LangChain's store.
const pool = new pg.Pool({ connectionString: url, max: 4 });
await pool.query('DROP SCHEMA IF EXISTS lc_bench CASCADE; CREATE SCHEMA lc_bench');
const lc = await PGVectorStore.initialize(embedder, {
  pool,
  schemaName: 'lc_bench',
  tableName: 'passages',
  distanceStrategy: 'innerProduct',
  dimensions: d,
} as never);
let t0 = performance.now();
await lc.addVectors(vectors, docs);
const lcInsert = performance.now() - t0;
t0 = performance.now();
await lc.createHnswIndex({ dimensions: d, m: 16, efConstruction: 100 });
const lcIndex = performance.now() - t0;
console.log(`PGVectorStore: addVectors ${(lcInsert / 1000).toFixed(1)} s, createHnswIndex ${(lcIndex / 1000).toFixed(1)} s; load ${load()}`);
await pool.query('SET hnsw.ef_search = 96');
await measure(
  'PGVectorStore.similaritySearchVectorWithScore(q, 50)',
  (q, filtered) => lc.similaritySearchVectorWithScore(Array.from(q), 50, filtered ? { source: someSource } : undefined),
  async (found) => found.map(([doc]) => doc.pageContent),
);

// kiemchung's table, written and searched by the database store on pg.
const db = openDatabase({ url, schema: 'kc_bench', poolMax: 4, connectTimeoutMs: 5000, statementTimeoutMs: 60_000 }, silentLogger);
await db.query('reset', 'DROP SCHEMA IF EXISTS kc_bench CASCADE');
t0 = performance.now();
await importEmbeddedIndex({ indexDir: path.resolve(values.index), db, embedder });
console.log(
  `database store: import (articles, paragraphs, passages with vectors, HNSW, postings) ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${load()}`,
);
const store = await PostgresStore.open(db, embedder, silentLogger, { listen: false });
const textOf = async (hits: { passage: number }[]) => {
  const at = await store.passages(hits.map((h) => h.passage));
  const texts = await store.paragraphs(at.map((x) => ({ articleId: x.article.id, n: x.paragraphNumber })));
  return at.map((x, i) => (texts[i] ?? '').slice(x.start, x.end));
};
await measure('PostgresStore.vectorSearch(q, 50)', (q, filtered) => store.vectorSearch(q, 50, filtered ? { sources: [someSource] } : undefined), textOf);
await store.close();
await db.close();
await lc.end();
