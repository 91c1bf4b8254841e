import { describe, expect, it } from 'vitest';
import { searchText } from '../../src/retrieve/coverage.js';
import type { QuestionTerms } from '../../src/retrieve/coverage.js';
import { type ParagraphWord, rerank } from '../../src/retrieve/rerank.js';
import type { Retrieved } from '../../src/retrieve/retrieve.js';
import type { Store, StoredArticle } from '../../src/store/port.js';
import { fold } from '../../src/text/normalize.js';
import { MARKED_STOPWORDS, STOPWORDS } from '../../src/text/stopwords.js';
import { random } from '../support/random.js';

/**
 * The words of a range of a paragraph (what the sentence model compares with the question's)
 * are found from the range's start on; they must be the words that splitting the whole
 * paragraph finds inside the range, whatever the range cuts (a word, a surrogate pair).
 */

const PIECES = [
  'Hà',
  'Nội',
  'và',
  'của',
  'bệnh',
  'viện',
  'IEC',
  '2024',
  'đo',
  'lường',
  'xã',
  'hội',
  '𝐀𝐁',
  'e\u0301',
  'İstanbul',
  '“',
  '”',
  ',',
  '.',
  '-',
  "'",
  '’',
  ' ',
  ' ',
  ' ',
  '\n',
  '\ud800',
];

/** Splitting the whole paragraph, as the words were found before they were found by range. */
function reference(text: string, from: number, to: number): ParagraphWord[] {
  const search = searchText(text);
  const same = search.lower.length === text.length;
  const out: ParagraphWord[] = [];
  for (const m of (same ? search.lower : text.toLowerCase()).matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const folded = same ? search.folded.slice(m.index, m.index + m[0].length) : fold(m[0]);
    out.push({ start: m.index, end: m.index + m[0].length, lower: m[0], folded, stop: STOPWORDS.has(folded), stopMarked: MARKED_STOPWORDS.has(m[0]) });
  }
  return out.filter((w) => w.start >= from && w.end <= to);
}

describe('words of a range of a paragraph', () => {
  it('are the whole paragraph’s words inside the range', () => {
    const rnd = random(9);
    const store = {} as Store;
    const terms: QuestionTerms = { marked: true, words: [], pairs: [], wordWeight: 0, search: [] };
    for (let round = 0; round < 400; round++) {
      let text = '';
      const n = 1 + Math.floor(rnd() * 80);
      for (let i = 0; i < n; i++) text += PIECES[Math.floor(rnd() * PIECES.length)];
      const hit = { article: { id: `a${round}` } as StoredArticle, paragraphNumber: 1, start: 0, end: text.length, score: 1, paragraph: text } as Retrieved;
      const [evidence] = rerank(store, [hit], terms);
      for (let k = 0; k < 20; k++) {
        const a = Math.floor(rnd() * (text.length + 1));
        const b = a + Math.floor(rnd() * (text.length + 1 - a));
        expect(evidence?.words(a, b)).toEqual(reference(text, a, b));
      }
    }
  });
});
