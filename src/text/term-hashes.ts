import { hash32 } from './hash.js';

/**
 * The vocabulary shared by the lexical index and the queries asked of it: every term is
 * hashed into 32 bits twice, as a marked lower-case term ("hội nghị") and as a folded one
 * ("hoi nghi"), each with its own seed, so the two forms never collide with each other. A
 * query with tone marks is scored mostly on marked terms (exact Vietnamese words, which
 * folding would confuse: "bảo"/"báo"/"bão"), with folded terms as a fallback; a query typed
 * without marks is scored on folded terms only.
 */
export const SEED_MARKED = 0x9e3779b1;
export const SEED_FOLDED = 0x85ebca77;

/** Hash of a marked, lower-cased term. */
export function markedHash(term: string): number {
  return hash32(term, SEED_MARKED);
}

/** Hash of a folded term (tone marks removed, đ → d). */
export function foldedHash(term: string): number {
  return hash32(term, SEED_FOLDED);
}
