import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/question-type.js';
import { firstContentWord, questionTopic, scoreSentences } from '../../src/answer/select.js';
import type { QuestionTerms } from '../../src/retrieve/coverage.js';
import { rerank } from '../../src/retrieve/rerank.js';
import type { Retrieved } from '../../src/retrieve/retrieve.js';
import type { Store } from '../../src/store/port.js';

describe('the first content word of a text', () => {
  it('skips function words, as written in a marked question and folded otherwise', () => {
    expect(firstContentWord('Các bác sĩ đã lấy ra những gì?', true)).toBe('bác');
    expect(firstContentWord('Theo đông y, củ ấu tàu thường được dùng làm rượu thuốc.', true)).toBe('đông');
    expect(firstContentWord('Cac bac si da lay ra nhung gi?', false)).toBe('bac');
    // Judged as written, "Thi" (the exam) is not the function word "thì".
    expect(firstContentWord('Thi đấu ở đâu?', true)).toBe('thi');
    expect(firstContentWord('Và của những gì?', true)).toBeUndefined();
  });

  it('is compared letter for letter: a word that only contains it is another word', () => {
    expect(firstContentWord('Hồng sâm là sâm tươi.', true)).toBe('hồng');
    expect(firstContentWord('Hồngsâm là sâm tươi.', true)).toBe('hồngsâm');
  });
});

describe('the topic of a question', () => {
  it('is its first content word outside the question words', () => {
    const topic = (q: string, marked = true) => questionTopic(q, analyzeQuestion(q), marked);
    expect(topic('Hồng sâm được chế biến như thế nào?')).toBe('hồng');
    expect(topic('Ai là Chủ tịch IEC?')).toBe('chủ');
    expect(topic('Có bao nhiêu bệnh nhân được mổ?')).toBe('bệnh');
    expect(topic('Nguyên nhân gây bỏng nặng của ba nạn nhân là gì?')).toBe('nguyên');
    expect(topic('Hong sam duoc che bien nhu the nao?', false)).toBe('hong');
  });
});

// The re-ranking reads nothing from the store: it only keys its cache of prepared paragraphs on it.
const store = {} as Store;

function hit(paragraph: string): Retrieved {
  return {
    article: { id: 'a', title: 'Nhân sâm', date: '2024-01-01', dateKind: 'published', source: 'test', lang: 'vi', tags: [], captions: [], paragraphCount: 1 },
    paragraphNumber: 1,
    start: 0,
    end: paragraph.length,
    passage: 0,
    paragraph,
    score: 1,
    lexicalRank: 0,
    vectorRank: null,
    lexicalScore: 1,
  };
}

function terms(words: string[]): QuestionTerms {
  return {
    marked: true,
    words: words.map((term) => ({ term, idf: 2, unknown: false })),
    pairs: [],
    wordWeight: 2 * words.length,
    search: words.map((form) => ({ form, folded: false })),
  };
}

describe('a sentence that opens with the question’s topic', () => {
  const question = 'Hồng sâm được chế biến như thế nào?';
  const t = terms(['hồng', 'sâm', 'chế', 'biến']);
  const paragraph = 'Nhân sâm có nhiều loại, gồm hồng sâm và bạch sâm được chế biến kỹ. Hồng sâm là sâm tươi đem hấp chín khô.';
  const scored = scoreSentences(rerank(store, [hit(paragraph)], t, 5, false), t, analyzeQuestion(question), question);
  const opening = (c: (typeof scored)[number]) => paragraph.slice(c.start, c.end).split(' ')[0];

  it('is marked as such, and the sentence that only mentions the topic is not', () => {
    expect(scored.map((c) => [opening(c), c.features.opens]).sort()).toEqual([
      ['Hồng', 1],
      ['Nhân', 0],
    ]);
  });

  it('is found in the folded form for a question typed without tone marks, and only for its own topic', () => {
    const score = (q: string, words: string[]) => {
      const folded = { ...terms(words), marked: false };
      return scoreSentences(rerank(store, [hit(paragraph)], folded, 5, false), folded, analyzeQuestion(q), q);
    };
    expect(
      score('Hong sam duoc che bien nhu the nao?', ['hong', 'sam', 'che', 'bien'])
        .map((c) => [opening(c), c.features.opens])
        .sort(),
    ).toEqual([
      ['Hồng', 1],
      ['Nhân', 0],
    ]);
    expect(score('Bach sam duoc che bien nhu the nao?', ['bach', 'sam', 'che', 'bien']).every((c) => c.features.opens === 0)).toBe(true);
  });
});
