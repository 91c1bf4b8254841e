import fs from 'node:fs';
import type { Embedder } from '../../src/embed/embedder.js';
import { silentLogger } from '../../src/log.js';
import type { PassageHit, Store } from '../../src/store/port.js';
import { type Database, openDatabase } from '../../src/store/postgres/database.js';
import { updateDatabaseIndex } from '../../src/store/postgres/write-index.js';
import { updateIndex } from '../../src/store/update-index.js';
import { copyCorpus, syntheticCorpus, tempDir } from './corpus.js';
import { dropSchema, testDatabaseConfig } from './postgres.js';

/** The test corpus and 40 synthetic articles, indexed into `schema` and into an embedded index folder. */
export interface IndexedCorpus {
  db: Database;
  corpus: string;
  indexDir: string;
}

export async function indexCorpus(schema: string, embedder: Embedder): Promise<IndexedCorpus> {
  const db = openDatabase(testDatabaseConfig(schema), silentLogger);
  const corpus = copyCorpus();
  syntheticCorpus(corpus, 40);
  const indexDir = tempDir();
  await updateIndex({ indexDir, corpus, embedder });
  await updateDatabaseIndex({ db, corpus, embedder });
  return { db, corpus, indexDir };
}

/** Closes the database, drops the schema and removes the folders `indexCorpus` made. */
export async function removeIndexedCorpus(schema: string, ix: Partial<IndexedCorpus>): Promise<void> {
  await ix.db?.close();
  await dropSchema(schema);
  for (const d of [ix.corpus, ix.indexDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
}

/** "articleId#pN@start:score" of each hit, scores to 4 decimals: what two stores must agree on. */
export async function ranked(store: Store, hits: PassageHit[]): Promise<string[]> {
  const at = await store.passages(hits.map((h) => h.passage));
  return hits.map((h, i) => `${at[i]!.article.id}#p${at[i]!.paragraphNumber}@${at[i]!.start}:${h.score.toFixed(4)}`);
}
