import type { QueryTerm } from '../store/port.js';
import { fold, hasMarks } from '../text/normalize.js';
import { foldedHash, markedHash } from '../text/term-hashes.js';
import { pairs, syllables } from '../text/tokenize.js';

/** Weights of a query's terms by kind: marked, folded, folded duplicates of a marked question's unmarked syllables, and syllable pairs. */
export interface QueryWeights {
  marked: number;
  folded: number;
  foldedWhenMarked: number;
  pair: number;
}

/** Measured on ViNewsQA (see README): pairs at half weight beat 1 (77.4 vs 76.0 R@1) and 1.5 (74.6). */
export const DEFAULT_QUERY_WEIGHTS: QueryWeights = { marked: 1, folded: 1, foldedWhenMarked: 0.35, pair: 0.5 };

/**
 * The weighted hashed terms of a query (duplicates merged). A question typed without any
 * marks is matched on folded terms. In a marked question, a marked syllable is matched
 * exactly; an unmarked one may be a word that has no marks ("IEC", "hoa") or one typed
 * without them, so it is matched exactly and, at a lower weight, folded.
 */
export function queryTerms(query: string, w: QueryWeights = DEFAULT_QUERY_WEIGHTS): QueryTerm[] {
  const t = syllables(query);
  const anyMarks = hasMarks(query);
  const out = new Map<number, QueryTerm>();
  const add = (hash: number, weight: number, pair: boolean) => {
    if (weight <= 0) return;
    const prev = out.get(hash);
    if (prev) prev.weight += weight;
    else out.set(hash, { hash, weight, pair });
  };
  const all: Array<[string, boolean]> = [...t.syllables.map((s): [string, boolean] => [s, false]), ...pairs(t).map((p): [string, boolean] => [p, true])];
  for (const [term, isPair] of all) {
    const pw = isPair ? w.pair : 1;
    if (!anyMarks) add(foldedHash(fold(term)), w.folded * pw, isPair);
    else if (hasMarks(term)) add(markedHash(term), w.marked * pw, isPair);
    else {
      add(markedHash(term), w.marked * pw, isPair);
      add(foldedHash(term), w.foldedWhenMarked * pw, isPair);
    }
  }
  return [...out.values()];
}
