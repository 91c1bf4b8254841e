import type { BackendOptions, IndexBackend } from '../backend.js';
import { type Database, openDatabase } from './database.js';
import { servingGeneration } from './generation.js';
import { migrate } from './migrations.js';
import { createPostgresCoordination } from './postgres-coordination.js';
import { PostgresStore } from './postgres-store.js';
import { updateDatabaseIndex } from './write-index.js';

/** The index in the shared database; the database connection is opened at once and kept. */
export interface PostgresBackend extends IndexBackend {
  readonly kind: 'postgres';
  readonly db: Database;
}

/**
 * Opens the database named by KIEMCHUNG_DATABASE_URL and applies its migrations. The store
 * follows new generations when `follow` is set (a serving process), and is refreshed after
 * this process's own updates either way.
 */
export async function openPostgresBackend(o: BackendOptions): Promise<PostgresBackend> {
  const database = o.config.database;
  if (!database) throw new Error('openPostgresBackend needs config.database');
  const db = openDatabase(database, o.logger);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  let store: PostgresStore | null = null;
  const coordination = createPostgresCoordination(db, o.logger);
  return {
    kind: 'postgres',
    db,
    location: db.where,
    exists: async () => (await servingGeneration(db)) !== null,
    update: (r) =>
      updateDatabaseIndex({
        db,
        corpus: r.corpus,
        embedder: o.embedder,
        ...(r.rebuild ? { rebuild: true } : {}),
        ...(r.onProgress ? { onProgress: r.onProgress } : {}),
        ...(r.loaded ? { loaded: r.loaded } : {}),
        ...(r.upsert ? { upsert: r.upsert } : {}),
        logger: o.logger,
      }),
    async open() {
      if (store) {
        await store.refresh();
        return store;
      }
      store = await PostgresStore.open(db, o.embedder, o.logger, {
        listen: o.follow ?? false,
        graph: (o.follow ?? false) && database.vectorSearch === 'replica',
      });
      return store;
    },
    coordination,
    async close() {
      await coordination.close();
      await store?.close();
      await db.close();
    },
  };
}
