/**
 * A pure function of a text, remembered for the last `size` texts it was called with: one
 * answer reads the same question's glossary terms and alternative phrasings from several
 * places (retrieval, the question's terms, the confidence). Results are shared between
 * callers, so they are read-only.
 */
export function rememberRecent<R>(size: number, f: (text: string) => R): (text: string) => R {
  const kept = new Map<string, R>();
  return (text) => {
    const hit = kept.get(text);
    if (hit !== undefined || kept.has(text)) return hit as R;
    const result = f(text);
    if (kept.size >= size) kept.delete(kept.keys().next().value as string);
    kept.set(text, result);
    return result;
  };
}
