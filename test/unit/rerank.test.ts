import { describe, expect, it } from 'vitest';
import type { QuestionTerms } from '../../src/retrieve/coverage.js';
import { DEFAULT_RERANK, FOLDED_RERANK, rerank, rerankWeights } from '../../src/retrieve/rerank.js';
import type { Retrieved } from '../../src/retrieve/retrieve.js';
import type { Store } from '../../src/store/port.js';

// The re-ranking reads nothing from the store: it only keys its cache of prepared paragraphs on it.
const store = {} as Store;

function hit(articleId: string, paragraph: string, score: number): Retrieved {
  return {
    article: {
      id: articleId,
      title: articleId,
      date: '2024-01-01',
      dateKind: 'published',
      source: 'test',
      lang: 'vi',
      tags: [],
      captions: [],
      paragraphCount: 1,
    },
    paragraphNumber: 1,
    start: 0,
    end: paragraph.length,
    passage: articleId.length,
    paragraph,
    score,
    lexicalRank: 0,
    vectorRank: null,
    lexicalScore: score,
  };
}

/** "bao" and "lu" with their pair, looked up folded (as for a question typed without marks). */
function terms(marked: boolean): QuestionTerms {
  const words = [
    { term: 'bao', idf: 2, unknown: false },
    { term: 'lu', idf: 2, unknown: false },
  ];
  return {
    marked,
    words,
    pairs: [{ term: 'bao lu', idf: 3, unknown: false }],
    wordWeight: 4,
    search: ['bao', 'lu', 'bao lu'].map((form) => ({ form, folded: true })),
  };
}

describe('rerank weights', () => {
  it('uses the folded weights for a question matched on folded forms, the default ones otherwise', () => {
    expect(rerankWeights(terms(false))).toBe(FOLDED_RERANK);
    expect(rerankWeights(terms(true))).toBe(DEFAULT_RERANK);
  });

  it('orders passages by the weights of the question it is given', () => {
    // The first passage is retrieved first but holds none of the words; the second holds both,
    // in two adjacent sentences (best sentence 0.5, best window 1, no pair).
    const hits = [hit('a', 'Một câu khác hẳn. Câu nữa.', 10), hit('b', 'Trời bao la. Sông lu mờ.', 5)];
    // Marked: 9.875 against 9.875·0.5 + 1.399·0.5 + 2.649 = 8.29.
    const marked = rerank(store, hits, terms(true));
    expect(marked.map((p) => p.hit.article.id)).toEqual(['a', 'b']);
    expect(marked[1]).toMatchObject({ sentence: 0.5, window: 1, pairs: 0 });
    // Folded: 6.023 against 6.023·0.5 + 1.458·0.5 + 5.168 = 8.91.
    const folded = rerank(store, hits, terms(false));
    expect(folded.map((p) => p.hit.article.id)).toEqual(['b', 'a']);
    expect(folded[0]?.score).toBeCloseTo(FOLDED_RERANK.fused * 0.5 + FOLDED_RERANK.sentence * 0.5 + FOLDED_RERANK.window, 9);
    // Weights given explicitly win over the question's.
    expect(rerank(store, hits, terms(false), undefined, false, DEFAULT_RERANK).map((p) => p.hit.article.id)).toEqual(['a', 'b']);
  });
});
