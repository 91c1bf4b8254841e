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
    { term: 'lu', idf: 3, unknown: false },
  ];
  return {
    marked,
    words,
    pairs: [{ term: 'bao lu', idf: 3, unknown: false }],
    wordWeight: 5,
    search: ['bao', 'lu', 'bao lu'].map((form) => ({ form, folded: true })),
  };
}

describe('rerank weights', () => {
  it('uses the folded weights for a question matched on folded forms, the default ones otherwise', () => {
    expect(rerankWeights(terms(false))).toBe(FOLDED_RERANK);
    expect(rerankWeights(terms(true))).toBe(DEFAULT_RERANK);
  });

  it('orders passages by the weights of the question it is given', () => {
    // The first passage is retrieved first but holds none of the words; the second, retrieved
    // at half its score, holds "bao" (2 of the words' weight of 5): best sentence and best
    // window 0.4, no pair. The folded weights count the retrieval score for more and the
    // window for less than the marked ones, so the two orders differ.
    const hits = [hit('a', 'Một câu khác hẳn. Câu nữa.', 10), hit('b', 'Trời bao la. Câu nữa.', 5)];
    const second = (w: typeof DEFAULT_RERANK) => w.fused * 0.5 + (w.sentence + w.window) * 0.4;
    // The weights as fitted put the two passages this way round (checked, not assumed).
    expect(second(DEFAULT_RERANK)).toBeGreaterThan(DEFAULT_RERANK.fused);
    expect(second(FOLDED_RERANK)).toBeLessThan(FOLDED_RERANK.fused);
    const marked = rerank(store, hits, terms(true));
    expect(marked.map((p) => p.hit.article.id)).toEqual(['b', 'a']);
    expect(marked[0]).toMatchObject({ sentence: 0.4, window: 0.4, pairs: 0 });
    expect(marked[0]?.score).toBeCloseTo(second(DEFAULT_RERANK), 9);
    const folded = rerank(store, hits, terms(false));
    expect(folded.map((p) => p.hit.article.id)).toEqual(['a', 'b']);
    expect(folded[1]?.score).toBeCloseTo(second(FOLDED_RERANK), 9);
    // Weights given explicitly win over the question's.
    expect(rerank(store, hits, terms(false), undefined, false, DEFAULT_RERANK).map((p) => p.hit.article.id)).toEqual(['b', 'a']);
  });
});
