/**
 * The most postings of one term (per block, best first) a search sums to choose its candidates.
 * The writer stores every list whole, so the lists give each candidate's counts of the query's
 * terms and the server only confirms which candidates are live. Lists written by earlier
 * versions were cut at this depth; a search still bounds what such a list leaves out and asks
 * the server for those counts.
 */
export const POSTING_DEPTH = 4000;
