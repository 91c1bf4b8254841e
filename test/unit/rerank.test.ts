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
    // The question names nothing: every passage has all its names (1), which moves no passage.
    const second = (w: typeof DEFAULT_RERANK) => w.fused * 0.5 + (w.sentence + w.window) * 0.4 + w.names;
    // The weights as fitted put the two passages this way round (checked, not assumed).
    expect(second(DEFAULT_RERANK)).toBeGreaterThan(DEFAULT_RERANK.fused + DEFAULT_RERANK.names);
    expect(second(FOLDED_RERANK)).toBeLessThan(FOLDED_RERANK.fused + FOLDED_RERANK.names);
    const marked = rerank(store, hits, terms(true));
    expect(marked.map((p) => p.hit.article.id)).toEqual(['b', 'a']);
    expect(marked[0]).toMatchObject({ sentence: 0.4, window: 0.4, pairs: 0, names: 1 });
    expect(marked[0]?.score).toBeCloseTo(second(DEFAULT_RERANK), 9);
    const folded = rerank(store, hits, terms(false));
    expect(folded.map((p) => p.hit.article.id)).toEqual(['a', 'b']);
    expect(folded[1]?.score).toBeCloseTo(second(FOLDED_RERANK), 9);
    // Weights given explicitly win over the question's.
    expect(rerank(store, hits, terms(false), undefined, false, DEFAULT_RERANK).map((p) => p.hit.article.id)).toEqual(['b', 'a']);
  });
});

describe('names in the re-ranking', () => {
  /** "sierra" (a name the question capitalises) and "khả", equally rare. */
  function named(names: number[] | undefined): QuestionTerms {
    const words = [
      { term: 'sierra', idf: 3, unknown: false },
      { term: 'khả', idf: 3, unknown: false },
    ];
    return {
      marked: true,
      words,
      pairs: [],
      wordWeight: 6,
      search: [
        { form: 'sierra', folded: true },
        { form: 'khả', folded: false },
      ],
      ...(names ? { names } : {}),
    };
  }
  // Retrieved alike, each holding one of the two words in one sentence.
  const hits = [hit('other', 'Khả năng mưa cao. Trời mát.', 10), hit('named', 'Con chó Sierra đánh hơi. Trời mát.', 10)];

  it("puts the passage holding the question's name first when the rest is equal", () => {
    const ranked = rerank(store, hits, named([0]), undefined, false, DEFAULT_RERANK);
    expect(ranked.map((p) => [p.hit.article.id, p.names, p.sentence])).toEqual([
      ['named', 1, 0.5],
      ['other', 0, 0.5],
    ]);
    expect((ranked[0]?.score ?? 0) - (ranked[1]?.score ?? 0)).toBeCloseTo(DEFAULT_RERANK.names, 9);
  });

  it('changes nothing for a question that names nothing, nor with the folded weights', () => {
    const plain = rerank(store, hits, named(undefined), undefined, false, DEFAULT_RERANK);
    expect(plain.map((p) => [p.hit.article.id, p.names])).toEqual([
      ['other', 1],
      ['named', 1],
    ]);
    expect(plain[0]?.score).toBeCloseTo(plain[1]?.score ?? NaN, 9);
    expect(FOLDED_RERANK.names).toBe(0);
    const folded = rerank(store, hits, named([0]), undefined, false, FOLDED_RERANK);
    expect(folded.map((p) => p.hit.article.id)).toEqual(['other', 'named']);
    expect(folded[0]?.score).toBeCloseTo(folded[1]?.score ?? NaN, 9);
  });
});

describe('the prepared passages kept across questions', () => {
  it('prepare again a passage id that a store now gives another text or another place', () => {
    const long = 'Câu đầu nói về bao. Câu giữa nói về lu. Câu cuối nói về bao lu.';
    const first = { ...hit('x', long, 1), passage: 7, start: 0, end: 19 };
    const sentences = (h: Retrieved) => (rerank(store, [h], terms(true))[0]?.sentences ?? []).map((s) => long.slice(s.start, s.end));
    expect(sentences(first)).toEqual(['Câu đầu nói về bao.']);
    // The same id, the same paragraph, another window of it (a generation switched in place).
    expect(sentences({ ...first, start: 20, end: 40 })).toEqual(['Câu giữa nói về lu.']);
    // The same id and place, another text.
    const other = 'Khác hẳn câu nào. Câu sau.';
    const h = { ...hit('x', other, 1), passage: 7, start: 0, end: 17 };
    expect((rerank(store, [h], terms(true))[0]?.sentences ?? []).map((s) => other.slice(s.start, s.end))).toEqual(['Khác hẳn câu nào.']);
    expect(sentences(first)).toEqual(['Câu đầu nói về bao.']);
  });
});
