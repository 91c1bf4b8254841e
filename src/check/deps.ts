import type { Embedder } from '../embed/embedder.js';
import { foldedHash, markedHash } from '../index/lexical.js';
import { type IndexReader, articleRef } from '../index/open-index.js';
import type { Segment } from '../index/segment.js';
import { type FusionSettings, retrieve } from '../retrieve/hybrid.js';
import type { CheckDeps } from './check.js';

/** What the claim check reads from one index generation (the same one for a whole check). */
export function createCheckDeps(reader: IndexReader, embedder: Embedder, fusion: FusionSettings): CheckDeps {
  const n = Math.max(1, reader.lexicalSize);
  const idfCache = new Map<string, number>();
  return {
    retrieve: async (query, k, filter) => (await retrieve(reader, embedder, query, { k, fusion, ...(filter ? { filter } : {}) })).hits,
    paragraphText: (h) => (reader.segments[h.segment] as Segment).paragraphText(h.paragraph),
    idf: (term, marked) => {
      const key = `${marked ? 'm' : 'f'}${term}`;
      let v = idfCache.get(key);
      if (v === undefined) {
        const df = reader.df(marked ? markedHash(term) : foldedHash(term));
        idfCache.set(key, (v = Math.log(1 + (n - df + 0.5) / (df + 0.5))));
      }
      return v;
    },
    articleRef: (h) => articleRef(h.article),
  };
}
