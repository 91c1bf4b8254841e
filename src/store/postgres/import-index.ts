import type { Article } from '../../corpus/article.js';
import type { Embedder } from '../../embed/embedder.js';
import type { Logger } from '../../log.js';
import type { IndexReport } from '../../types.js';
import { SegmentStore } from '../segment-store.js';
import type { IndexProgress } from '../update-index.js';
import type { Database } from './database.js';
import { updateDatabaseIndex } from './write-index.js';

export interface ImportOptions {
  /** The embedded index folder to copy. */
  indexDir: string;
  db: Database;
  /** The configured embedder: the embedded index must have been built with it. */
  embedder: Embedder;
  onProgress?: (p: IndexProgress) => void;
  logger?: Logger;
}

/**
 * Copies an embedded index into the database: its live articles with their paragraphs, and
 * their stored vectors, never embedded again. It is an index update like any other: articles
 * already in the database unchanged are left alone, the rest is written in one generation, and
 * what the embedded index no longer has is retired.
 */
export async function importEmbeddedIndex(o: ImportOptions): Promise<IndexReport> {
  const store = SegmentStore.open(o.indexDir, o.embedder);
  const d = store.manifest.embedder.dimension;
  const articles: Article[] = [];
  const stored = new Map<string, { hash: string; vectors: Float32Array }>();
  store.segments.forEach((seg, si) => {
    const dead = new Set(store.manifest.segments[si]?.deleted ?? []);
    if (dead.size === seg.articles.length) return;
    const vectors = seg.vectors();
    const starts = seg.articlePassageStarts();
    seg.articles.forEach((meta, local) => {
      if (dead.has(local)) return;
      articles.push({
        id: meta.id,
        title: meta.title,
        date: meta.date,
        dateKind: meta.dateKind,
        source: meta.source,
        ...(meta.url ? { url: meta.url } : {}),
        lang: meta.lang,
        tags: meta.tags,
        captions: meta.captions,
        paragraphs: seg.paragraphTexts(meta.firstParagraph, meta.paragraphCount),
        origin: `${o.indexDir} (${seg.name})`,
      });
      stored.set(meta.id, { hash: meta.hash, vectors: vectors.subarray((starts[local] as number) * d, (starts[local + 1] as number) * d) });
    });
  });
  const model = store.embedderModel();
  return updateDatabaseIndex({
    db: o.db,
    ...(model ? { model } : {}),
    corpus: o.indexDir,
    embedder: o.embedder,
    chunking: store.manifest.chunking,
    loaded: { articles, issues: [] },
    known: (a, hash) => {
      const s = stored.get(a.id);
      return s && s.hash === hash ? s.vectors : null;
    },
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
  });
}
