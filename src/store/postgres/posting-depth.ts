/**
 * At most this many passages per block and term are kept as that term's candidates for a
 * search (the ones where it weighs most); every passage's own term counts are kept in full.
 * Lists no longer than this are complete, and a search that can read all of its terms' lists
 * whole ranks exactly as a full scan does. docs/benchmarks.md measures the rest.
 */
export const POSTING_DEPTH = 4000;
