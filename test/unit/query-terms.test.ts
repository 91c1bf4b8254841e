import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_WEIGHTS, queryTerms } from '../../src/retrieve/query-terms.js';
import type { QueryTerm } from '../../src/store/port.js';
import { foldedHash, markedHash } from '../../src/text/term-hashes.js';

const byHash = (terms: QueryTerm[]) => new Map(terms.map((t) => [t.hash, t]));

describe('queryTerms', () => {
  it('matches a question typed without marks on its folded syllables and pairs, pairs at half weight', () => {
    const t = byHash(queryTerms('con bao so 3'));
    expect(t.get(foldedHash('bao'))).toEqual({ hash: foldedHash('bao'), weight: 1, pair: false });
    expect(t.get(foldedHash('con bao'))).toEqual({ hash: foldedHash('con bao'), weight: 0.5, pair: true });
    expect(t.has(markedHash('bão'))).toBe(false);
  });

  it('adds the marked terms of the question as restored, at the restored weight, beside the folded ones', () => {
    const plain = queryTerms('con bao so 3');
    const t = byHash(queryTerms('con bao so 3', DEFAULT_QUERY_WEIGHTS, 'cơn bão số 3'));
    const w = DEFAULT_QUERY_WEIGHTS.restored;
    expect(w).toBeGreaterThan(0);
    for (const p of plain) expect(t.get(p.hash)).toEqual(p);
    expect(t.get(markedHash('bão'))).toEqual({ hash: markedHash('bão'), weight: w, pair: false });
    expect(t.get(markedHash('cơn bão'))).toEqual({ hash: markedHash('cơn bão'), weight: w * DEFAULT_QUERY_WEIGHTS.pair, pair: true });
    expect(t.get(markedHash('3'))?.weight).toBe(w);
    expect(t.size).toBe(plain.length + 4 + 3);
  });

  it('adds the restored terms also when a line added to the query is marked, and nothing at weight 0', () => {
    // "AI" in a question typed without marks brings the glossary's "trí tuệ nhân tạo" with it.
    const t = byHash(queryTerms('ung dung AI\ntrí tuệ nhân tạo', DEFAULT_QUERY_WEIGHTS, 'ứng dụng AI'));
    expect(t.get(markedHash('ứng dụng'))?.weight).toBe(DEFAULT_QUERY_WEIGHTS.restored * DEFAULT_QUERY_WEIGHTS.pair);
    expect(queryTerms('con bao so 3', { ...DEFAULT_QUERY_WEIGHTS, restored: 0 }, 'cơn bão số 3')).toEqual(queryTerms('con bao so 3'));
  });
});
