import { Lru } from '../store/lru.js';

/**
 * A pure function of a text, remembered for the last `size` texts it was called with (the
 * project's `Lru`): one answer reads the same question's glossary terms and alternative
 * phrasings from several places (retrieval, the question's terms, the confidence). Results are
 * shared between callers, so they are read-only.
 */
export function rememberRecent<R extends object>(size: number, f: (text: string) => R): (text: string) => R {
  const kept = new Lru<string, R>(size);
  return (text) => {
    let result = kept.get(text);
    if (result === undefined) kept.set(text, (result = f(text)));
    return result;
  };
}
