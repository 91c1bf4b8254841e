import type { Embedder } from '../embed/embedder.js';
import { articleRef } from '../answer/article-ref.js';
import { type FusionSettings, hitParagraph, retrieve } from '../retrieve/retrieve.js';
import type { Store } from '../store/port.js';
import { foldedHash, markedHash } from '../text/term-hashes.js';
import type { CheckDeps } from './check.js';

/** What the claim check reads from one store (the same one for a whole check). */
export function createCheckDeps(store: Store, embedder: Embedder, fusion: FusionSettings): CheckDeps {
  const n = Math.max(1, store.lexicalSize());
  const idfCache = new Map<string, number>();
  return {
    retrieve: async (query, k, filter) => (await retrieve(store, embedder, query, { k, fusion, ...(filter ? { filter } : {}) })).hits,
    paragraphText: (h) => hitParagraph(store, h),
    idf: (term, marked) => {
      const key = `${marked ? 'm' : 'f'}${term}`;
      let v = idfCache.get(key);
      if (v === undefined) {
        const df = store.documentFrequency(marked ? markedHash(term) : foldedHash(term));
        idfCache.set(key, (v = Math.log(1 + (n - df + 0.5) / (df + 0.5))));
      }
      return v;
    },
    articleRef: (h) => articleRef(h.article),
  };
}
