import { describe, expect, it } from 'vitest';
import { type QuestionTerms, pairCoverage, presenceInRanges, searchText, union, wordCoverage } from '../../src/retrieve/coverage.js';
import { rerank } from '../../src/retrieve/rerank.js';
import type { Retrieved } from '../../src/retrieve/retrieve.js';
import type { Store, StoredArticle } from '../../src/store/port.js';
import { fold } from '../../src/text/normalize.js';
import { sentenceRanges } from '../../src/text/sentences.js';
import { random } from '../support/random.js';

/**
 * A passage of a long paragraph is prepared from the piece of the paragraph around it, not the
 * whole paragraph: its sentences, term presences, coverages and words must be those that
 * preparing the whole paragraph gives, wherever the passage starts and ends (inside a word, in
 * white space, next to a sentence end, an abbreviation or an initial).
 */

const WORDS = ['Hà', 'Nội', 'và', 'của', 'bệnh', 'viện', 'IEC', '2024', 'đo', 'lường', 'xã', 'hội', 'TP', 'ông', 'A', 'Bộ', 'khoa', 'học', 'bão', 'bao'];
const GLUE = [' ', ' ', ' ', ' ', '  ', '\n', '. ', '.  ', '? ', '! ', '… ', '.” ', '.) ', ', ', ' “', '” ', ' - ', "'", '.', ' 3.', ' e.g. '];
// Characters that lower-casing, folding or normalisation would change the length of, or compose (the whole paragraph is
// prepared when one comes before the piece's end, or when one changes the folded form's length anywhere).
const RARE = ['e\u0301', 'İstanbul', '\u00a0', '\u200b', '𝐀𝐁', '\u1100\u1161'];

function paragraph(rnd: () => number): string {
  let text = rnd() < 0.3 ? ' ' : '';
  const n = 1 + Math.floor(rnd() * 120);
  for (let i = 0; i < n; i++) {
    text += WORDS[Math.floor(rnd() * WORDS.length)];
    text += rnd() < 0.02 ? RARE[Math.floor(rnd() * RARE.length)] : GLUE[Math.floor(rnd() * GLUE.length)];
  }
  return text;
}

function questionTerms(rnd: () => number): QuestionTerms {
  const marked = rnd() < 0.5;
  const picked = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => (WORDS[Math.floor(rnd() * WORDS.length)] as string).toLowerCase()))];
  const words = picked.map((term, i) => ({ term, idf: 1 + i, unknown: false }));
  const pairs = picked.slice(1).map((w, i) => ({ term: `${picked[i]} ${w}`, idf: 2 + i, unknown: false }));
  const search = [...words, ...pairs].map((w) => (marked && fold(w.term) !== w.term ? { form: w.term, folded: false } : { form: fold(w.term), folded: true }));
  return { marked, words, pairs, wordWeight: words.reduce((s, w) => s + w.idf, 0), search };
}

/** The passage's sentence evidence from the whole paragraph prepared, as it was computed before pieces. */
function reference(text: string, start: number, end: number, terms: QuestionTerms) {
  const clipped = sentenceRanges(text)
    .filter(([a, b]) => b > start && a < end)
    .map(([a, b]): [number, number] => [Math.max(a, start), Math.min(b, end)]);
  const presences = presenceInRanges(terms, searchText(text), clipped);
  const sentences = clipped.map(([a, b], i) => {
    const present = presences[i] as Uint8Array;
    return { start: a, end: b, present, words: wordCoverage(terms, present), pairs: pairCoverage(terms, present) };
  });
  let window = 0;
  sentences.forEach((s, i) => {
    const next = sentences[i + 1];
    window = Math.max(window, next ? wordCoverage(terms, union(s.present, next.present)) : s.words);
  });
  return { sentences, window };
}

/** The words of [from, to), from the whole paragraph. */
function wholeWords(text: string, from: number, to: number) {
  const hit = { article: { id: 'whole' } as StoredArticle, paragraphNumber: 1, start: 0, end: text.length, score: 1, paragraph: text } as Retrieved;
  const terms: QuestionTerms = { marked: true, words: [], pairs: [], wordWeight: 0, search: [] };
  return rerank({} as Store, [hit], terms)[0]?.words(from, to);
}

describe('a passage prepared from the piece of its paragraph around it', () => {
  it('has the sentences, presences, coverages and words of the whole paragraph prepared', () => {
    const rnd = random(16);
    let pieces = 0;
    for (let round = 0; round < 1500; round++) {
      const text = paragraph(rnd);
      const start = Math.floor(rnd() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(rnd() * 300));
      const terms = questionTerms(rnd);
      // A fresh store each time: nothing is taken from the cache of another case.
      const hit = { article: { id: `a${round}` } as StoredArticle, paragraphNumber: 1, start, end, score: 1, paragraph: text } as Retrieved;
      const [evidence] = rerank({} as Store, [hit], terms);
      const want = reference(text, start, end, terms);
      expect(evidence?.sentences).toEqual(want.sentences);
      expect(evidence?.window).toBe(want.window);
      for (const s of want.sentences) expect(evidence?.words(s.start, s.end)).toEqual(wholeWords(text, s.start, s.end));
      if ((start > 0 || end < text.length) && !RARE.some((r) => text.includes(r))) pieces++;
    }
    expect(pieces).toBeGreaterThan(400);
  });
});

describe('a paragraph whose text changes under the same id', () => {
  it('is judged again, not taken as settled or not from what its old text was', () => {
    // One store for every case: what the store keeps of a paragraph (its pieces, whether its text
    // is settled) must follow its text, as when a database store moves to a newer generation.
    const store = {} as Store;
    const rnd = random(29);
    const settled = 'Bộ Khoa học và Công nghệ đã ký kết. Ông A cho biết TP. Hà Nội sẽ làm. '.repeat(12);
    // The same length, with a decomposed letter (not settled) before every passage.
    const unsettled = `He\u0301${settled.slice(3)}`;
    let compared = 0;
    for (let round = 0; round < 200; round++) {
      const text = round % 2 === 0 ? settled : unsettled;
      const start = 40 + Math.floor(rnd() * 500);
      const end = start + 20 + Math.floor(rnd() * 200);
      const terms = questionTerms(rnd);
      const hit = { article: { id: 'same' } as StoredArticle, paragraphNumber: 1, start, end, score: 1, paragraph: text } as Retrieved;
      const [evidence] = rerank(store, [hit], terms);
      const want = reference(text, start, end, terms);
      expect(evidence?.sentences).toEqual(want.sentences);
      expect(evidence?.window).toBe(want.window);
      for (const s of want.sentences) expect(evidence?.words(s.start, s.end)).toEqual(wholeWords(text, s.start, s.end));
      compared++;
    }
    expect(compared).toBe(200);
  });
});
