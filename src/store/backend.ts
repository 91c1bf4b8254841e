import type { Config } from '../config.js';
import { type Coordination, createMemoryCoordination } from '../coordination/coordination.js';
import type { Article } from '../corpus/article.js';
import type { Embedder } from '../embed/embedder.js';
import type { Logger } from '../log.js';
import type { IndexIssue, IndexReport } from '../types.js';
import type { Store } from './port.js';
import { peekManifest } from './manifest.js';
import { SegmentStore } from './segment-store.js';
import { type IndexProgress, updateIndex } from './update-index.js';
import { VectorThread, wantsVectorThread } from './vector-thread.js';

/** What an index update is given: the corpus (or its articles, already read) and how to report progress. */
export interface UpdateRequest {
  corpus: string;
  rebuild?: boolean;
  onProgress?: (p: IndexProgress) => void;
  loaded?: { articles: Article[]; issues: IndexIssue[] };
  /** Index only these (new or changed) articles, without reading the corpus or removing anything. */
  upsert?: Article[];
}

/**
 * Where the index lives, seen from the engine: the embedded folder (the default) or the shared
 * database (`KIEMCHUNG_DATABASE_URL`). Both are updated incrementally from a corpus and serve
 * their newest generation through the same store port.
 */
export interface IndexBackend {
  readonly kind: 'embedded' | 'postgres';
  /** Where the index is: its folder, or the database without credentials. */
  readonly location: string;
  /** Whether an index was ever written there. */
  exists(): Promise<boolean>;
  /** Brings the index up to date with the corpus. */
  update(request: UpdateRequest): Promise<IndexReport>;
  /** The store serving the newest generation (opened on first use; again after an update that wrote). */
  open(): Promise<Store>;
  /** What the processes serving the bots share: this process's memory, or the database. */
  readonly coordination: Coordination;
  close(): Promise<void>;
}

export interface BackendOptions {
  config: Config;
  embedder: Embedder;
  logger: Logger;
  /** For processes that keep serving: follow new generations as they are published (database only). */
  follow?: boolean;
  /** An embedded index's vector thread: from how many live passages (`VECTOR_THREAD_MIN_PASSAGES`), started how long after the first open (`VECTOR_THREAD_START_MS`); tests lower both, and let searches wait for the thread to take them (`VectorThread`'s `takeWithinMs`). */
  vectorThread?: { fromPassages?: number; startAfterMs?: number; spareCore?: () => { readonly available: boolean }; takeWithinMs?: number };
}

/** The backend the configuration names: the database when KIEMCHUNG_DATABASE_URL is set, else the index folder. */
export async function openBackend(o: BackendOptions): Promise<IndexBackend> {
  if (o.config.database) return (await import('./postgres/postgres-backend.js')).openPostgresBackend(o);
  return embeddedBackend(o);
}

function embeddedBackend({ config, embedder, logger, vectorThread }: BackendOptions): IndexBackend {
  const indexDir = config.indexDir;
  let last: SegmentStore | undefined;
  let thread: VectorThread | null = null;
  let closed = false;
  return {
    kind: 'embedded',
    location: indexDir,
    exists: async () => peekManifest(indexDir) !== null,
    update: (r) =>
      updateIndex({
        indexDir,
        corpus: r.corpus,
        embedder,
        ...(r.rebuild ? { rebuild: true } : {}),
        ...(r.onProgress ? { onProgress: r.onProgress } : {}),
        ...(r.loaded ? { loaded: r.loaded } : {}),
        ...(r.upsert ? { upsert: r.upsert } : {}),
      }),
    // A new generation reuses the segments the previous one already loaded.
    open: async () => {
      last = await SegmentStore.load(indexDir, embedder, last);
      // A backend closed while this opened starts no thread that nothing would close.
      if (!closed && (thread || wantsVectorThread(last.stats().passages, vectorThread?.fromPassages))) {
        thread ??= new VectorThread(logger, vectorThread?.startAfterMs, vectorThread?.spareCore, vectorThread?.takeWithinMs);
        last.searchVectorsIn(thread);
      }
      return last;
    },
    coordination: createMemoryCoordination(),
    close: async () => {
      closed = true;
      await thread?.close();
      thread = null;
    },
  };
}
