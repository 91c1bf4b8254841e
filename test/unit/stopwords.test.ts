import { describe, expect, it } from 'vitest';
import { analyzeQuestion, focusWords } from '../../src/answer/question-type.js';
import { questionTerms } from '../../src/retrieve/coverage.js';
import type { Store } from '../../src/store/port.js';
import { fold, stripMarks } from '../../src/text/normalize.js';
import { MARKED_STOPWORDS, STOPWORDS, isStopword } from '../../src/text/stopwords.js';
import { hasWord } from '../../src/text/words.js';
import { tokenize } from '../../src/check/tokens.js';

/** A store that knows every term (its statistics do not matter to which words are kept). */
const store = { termStatistics: async (hashes: readonly number[]) => ({ passages: 100, df: hashes.map(() => 3) }) } as unknown as Store;

describe('function words', () => {
  it('are judged as written in a question with tone marks, folded in one without', () => {
    // Real words that share the letters of a function word once folded.
    for (const w of ['thi', 'đấu', 'cơ', 'thể', 'đau', 'da', 'não', 'bảo', 'ma', 'lâm']) {
      expect(isStopword(w, true), w).toBe(false);
      expect(isStopword(w, false), w).toBe(true);
    }
    for (const w of ['là', 'của', 'thì', 'để', 'đâu', 'nào', 'gì', 'Được', 'the', 'IS']) {
      expect(isStopword(w, true), w).toBe(true);
      expect(isStopword(stripMarks(w), false), w).toBe(true);
    }
    // Decomposed marks are the same word.
    expect(isStopword('la\u0300', true)).toBe(true);
    expect(isStopword('thi\u0300', true)).toBe(true);
  });

  it('are judged as written in a claim or source with tone marks, folded in one without', () => {
    const stops = (text: string) => tokenize(text).map((t) => t.stop);
    // "Hội" and "tổ" are words; folded, they are "hỏi" and the English "to".
    expect(stops('Hội nghị được tổ chức tại Hà Nội')).toEqual([false, false, true, false, false, true, false, false]);
    expect(stops('Hoi nghi duoc to chuc tai Ha Noi')).toEqual([true, false, true, true, false, true, false, false]);
    expect(tokenize('Hội nghị', false).map((t) => t.stop)).toEqual([true, false]);
  });

  it('folded, are the marked list folded', () => {
    expect(STOPWORDS).toEqual(new Set([...MARKED_STOPWORDS].map(fold)));
    for (const w of MARKED_STOPWORDS) expect(w).toBe(w.normalize('NFC').toLowerCase());
  });

  it('leave the real words of a question with tone marks in its coverage', async () => {
    const question = 'Vận động viên thi đấu ở đâu khi cơ thể bị đau?';
    const terms = await questionTerms(store, question, 'vi');
    const words = terms.words.map((w) => w.term);
    expect(words).toEqual(['vận', 'động', 'viên', 'thi', 'đấu', 'cơ', 'thể', 'đau']);
    for (const w of words) expect(hasWord(question, w)).toBe(true);
    // Pairs of two function words are left out, pairs with one real word kept.
    const pairs = terms.pairs.map((p) => p.term);
    expect(pairs).toContain('thi đấu');
    expect(pairs).toContain('đấu ở');
    expect(pairs).not.toContain('ở đâu');

    // Typed without marks, "thi", "dau", "co", "the" and even "van" ("vẫn") may be function words: left out.
    const plain = await questionTerms(store, stripMarks(question), 'vi');
    expect(plain.marked).toBe(false);
    expect(plain.words.map((w) => w.term)).toEqual(['dong', 'vien']);
  });

  it('are skipped, as written, when finding the words next to the question words', () => {
    const q = 'Vận động viên thi đấu ở đâu?';
    expect(focusWords(q, analyzeQuestion(q))).toEqual(['thi', 'đấu']);
    const plain = stripMarks(q);
    // The short list of this step has no "dau"; "thi" is "thì" to it.
    expect(focusWords(plain, analyzeQuestion(plain))).toEqual(['vien', 'dau']);
  });
});
