import { createRequire } from 'node:module';

const requireFrom = createRequire(import.meta.url);

/**
 * A package loaded the first time it is used, not when the module that needs it is imported.
 * Reading web pages (linkedom, Readability), feeds (fast-xml-parser), SQLite stores and YAML
 * front matter is work for some commands only; importing them all at start costs a cold start
 * hundreds of milliseconds before the first answer, which needs none of them. Loaded through
 * `require` (each of these packages ships a CommonJS build), so that the code that uses them
 * stays synchronous.
 */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFrom(name) as T);
}
