import type { Embedder } from '../embed/embedder.js';
import { articleRef } from '../answer/article-ref.js';
import { type FusionSettings, hitParagraph, retrieve } from '../retrieve/retrieve.js';
import type { Store } from '../store/port.js';
import { foldedHash, markedHash } from '../text/term-hashes.js';
import type { CheckDeps } from './check.js';
import { SentenceCache } from './sentence-cache.js';

/** One sentence cache and one table of word weights per store generation: a reindexed store starts afresh. */
const caches = new WeakMap<Store, { sentences: SentenceCache; idf: Map<string, number> }>();

/** What the claim check reads from one store (the same one for a whole check). */
export function createCheckDeps(store: Store, embedder: Embedder, fusion: FusionSettings): CheckDeps {
  const n = Math.max(1, store.lexicalSize());
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = { sentences: new SentenceCache(), idf: new Map() }));
  const { sentences, idf: idfCache } = cache;
  return {
    sentences,
    retrieve: async (query, k, filter) => (await retrieve(store, embedder, query, { k, fusion, ...(filter ? { filter } : {}) })).hits,
    paragraphText: (h) => hitParagraph(store, h),
    idf: (term, marked) => {
      const key = `${marked ? 'm' : 'f'}${term}`;
      let v = idfCache.get(key);
      if (v === undefined) {
        const df = store.documentFrequency(marked ? markedHash(term) : foldedHash(term));
        if (idfCache.size > 200_000) idfCache.clear();
        idfCache.set(key, (v = Math.log(1 + (n - df + 0.5) / (df + 0.5))));
      }
      return v;
    },
    articleRef: (h) => articleRef(h.article),
  };
}
