import { restoreMarks } from '../retrieve/restore-marks.js';
import type { Embedder } from '../embed/embedder.js';
import { articleRef } from '../answer/article-ref.js';
import { InternalError } from '../errors.js';
import { type FusionSettings, retrieve } from '../retrieve/retrieve.js';
import type { Store } from '../store/port.js';
import { foldedHash, markedHash } from '../text/term-hashes.js';
import type { CheckDeps } from './check.js';
import { SentenceCache } from './sentence-cache.js';
import { spellings, tokenize } from './tokens.js';

/** Most word weights kept per store before the table starts afresh. */
const MAX_WEIGHTS = 200_000;

/** One sentence cache and one table of word weights per store generation: a reindexed store starts afresh. */
const caches = new WeakMap<Store, { sentences: SentenceCache; idf: Map<string, number> }>();

const weightKey = (term: string, marked: boolean) => `${marked ? 'm' : 'f'}${term}`;

/** What the claim check reads from one store (the same one for a whole check). */
export function createCheckDeps(store: Store, embedder: Embedder, fusion: FusionSettings, today?: () => string): CheckDeps {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = { sentences: new SentenceCache(), idf: new Map() }));
  const { sentences, idf: shared } = cache;
  // The weights this check has loaded: kept apart from the shared table, which may start afresh meanwhile.
  const loaded = new Map<string, number>();
  return {
    sentences,
    restoreMarks: (text, options) => restoreMarks(store, text, options),
    retrieve: async (query, k, filter) => (await retrieve(store, embedder, query, { k, fusion, ...(filter ? { filter } : {}) })).hits,
    paragraphText: (h) => h.paragraph,
    loadWeights: async (texts) => {
      // Both forms of every word: the check weighs a word marked or folded as the claim is written.
      const wanted = new Map<string, number>();
      for (const text of texts) {
        for (const t of tokenize(text)) {
          // Both spellings of a word written with "i" or "y" alike ("kì" / "kỳ"): it weighs as the commoner one.
          for (const [key, hash] of [
            ...spellings(t.lower).map((w) => [weightKey(w, true), markedHash(w)] as const),
            ...spellings(t.folded).map((w) => [weightKey(w, false), foldedHash(w)] as const),
          ]) {
            if (loaded.has(key)) continue;
            const known = shared.get(key);
            if (known !== undefined) loaded.set(key, known);
            else wanted.set(key, hash);
          }
        }
      }
      if (!wanted.size) return;
      const keys = [...wanted.keys()];
      const stats = await store.termStatistics([...wanted.values()]);
      const n = Math.max(1, stats.passages);
      if (shared.size + keys.length > MAX_WEIGHTS) shared.clear();
      keys.forEach((key, i) => {
        const df = stats.df[i] ?? 0;
        const v = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        loaded.set(key, v);
        shared.set(key, v);
      });
    },
    idf: (term, marked) => {
      const weights = spellings(term).map((w) => loaded.get(weightKey(w, marked)));
      if (weights.some((v) => v === undefined)) throw new InternalError(`the weight of "${term}" was not looked up before the check used it`);
      return Math.min(...(weights as number[]));
    },
    articleRef: (h) => articleRef(h.article),
    ...(today ? { today } : {}),
  };
}
