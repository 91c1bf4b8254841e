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
  /**
   * Marked terms (syllables and pairs) of a question typed without marks, read with its marks
   * restored (`restoreMarks`), beside its folded terms. ViNewsQA dev + 5,000 distractors without
   * marks, R@1 / `ans` at 0, 0.25, 0.5, 1, 2: 73.7 / 67.3, 74.3 / 67.7, 74.1 / 67.9, 74.0 /
   * 67.8, 73.6 / 67.9; on the half of even-numbered articles 0.25 was best (72.6 → 73.2), and
   * gave the other half 75.0 → 75.4. A quarter weight lets a right guess ("bão", not "bảo")
   * break the folded terms' ties without letting a wrong one outweigh them.
   */
  restored: number;
}

/** Measured on ViNewsQA (see README): pairs at half weight beat 1 (77.4 vs 76.0 R@1) and 1.5 (74.6). */
export const DEFAULT_QUERY_WEIGHTS: QueryWeights = { marked: 1, folded: 1, foldedWhenMarked: 0.35, pair: 0.5, restored: 0.25 };

/**
 * The weighted hashed terms of a query (duplicates merged). A question typed without any
 * marks is matched on folded terms. `restored`, given for a question typed without marks (with
 * its marks restored), adds its marked terms at `w.restored`, also when the query's added lines
 * are marked (a glossary term, an ordinal in digits): the caller has read the question so and
 * scales the refusal's BM25 feature by it. In a marked question, a marked syllable is matched
 * exactly; an unmarked one may be a word that has no marks ("IEC", "hoa") or one typed
 * without them, so it is matched exactly and, at a lower weight, folded.
 */
export function queryTerms(query: string, w: QueryWeights = DEFAULT_QUERY_WEIGHTS, restored?: string): QueryTerm[] {
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
  if (restored !== undefined) {
    const r = syllables(restored);
    for (const s of r.syllables) add(markedHash(s), w.restored, false);
    for (const p of pairs(r)) add(markedHash(p), w.restored * w.pair, true);
  }
  return [...out.values()];
}
