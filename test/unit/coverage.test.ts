import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type QuestionTerms,
  nameCoverage,
  presenceIn,
  presenceInRanges,
  questionNames,
  questionTerms,
  searchText,
  union,
  wordCoverage,
  withAliases,
} from '../../src/retrieve/coverage.js';
import type { Store } from '../../src/store/port.js';
import { fold } from '../../src/text/normalize.js';
import { random } from '../support/random.js';
import { sentenceRanges } from '../../src/text/sentences.js';
import { SHARED_DATA } from '../support/corpus.js';

/** Question terms looked up as given (their idf does not matter to presence). */
function termsOf(forms: Array<[string, boolean]>): QuestionTerms {
  const words = forms.map(([term]) => ({ term, idf: 1, unknown: false }));
  return { marked: true, words, pairs: [], wordWeight: words.length, search: forms.map(([form, folded]) => ({ form, folded })) };
}

describe('presenceInRanges', () => {
  it('finds in each range exactly the terms presenceIn finds there', () => {
    const paragraphs = [
      'Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh. Hội nghị lần này bàn về hợp tác đo lường.',
      'Việt Nam sớm trở thành thành viên chính thức của IEC; IEC-Việt Nam ký biên bản. Bộ trưởng nói: "hội nghị thành công".',
      "Ông O'Neil đến Hà Nội ngày 5/6/2024, gặp 1.000 đại biểu. Hà Nội-Huế nối chuyến bay mới.",
    ];
    const lines = fs.existsSync(`${SHARED_DATA}/vinewsqa-dev/corpus.jsonl`)
      ? fs.readFileSync(`${SHARED_DATA}/vinewsqa-dev/corpus.jsonl`, 'utf8').split('\n').filter(Boolean).slice(0, 40)
      : [];
    for (const line of lines) paragraphs.push(...(JSON.parse(line) as { body: string }).body.split('\n\n'));
    const forms: Array<[string, boolean]> = [
      ['hội nghị', false],
      ['hoi nghi', true],
      ['iec', true],
      ['hà nội', false],
      ['việt nam', false],
      ['nam', false],
      ['o', true],
      ['đo lường', false],
      ['1.000', true],
      ['thành', false],
      ['bệnh viện', false],
      ['bac si', true],
    ];
    const terms = termsOf(forms);
    let compared = 0;
    for (const p of paragraphs) {
      const t = searchText(p);
      const ranges = sentenceRanges(p);
      const windows: Array<[number, number]> = [...ranges, [0, p.length], [Math.floor(p.length / 3), Math.floor((2 * p.length) / 3)], [5, 6]];
      const got = presenceInRanges(terms, t, windows);
      windows.forEach(([a, b], i) => {
        expect(Array.from(got[i]!)).toEqual(Array.from(presenceIn(terms, t, a, b)));
        compared += presenceIn(terms, t, a, b).reduce((x, y) => x + y, 0);
      });
    }
    expect(presenceInRanges(terms, searchText(paragraphs[0]!), [])).toEqual([]);
    // Terms found: the comparison is not between empty presences.
    expect(compared).toBeGreaterThan(20);
  });
});

describe('wordCoverage of two presences', () => {
  it('is the coverage of the union of two presences, to the last bit', () => {
    const rnd = random(7);
    for (let round = 0; round < 500; round++) {
      const n = Math.floor(rnd() * 9);
      const words = Array.from({ length: n }, (_, i) => ({ term: `w${i}`, idf: rnd() * 7, unknown: false }));
      const terms: QuestionTerms = { marked: true, words, pairs: [], wordWeight: words.reduce((s, w) => s + w.idf, 0), search: [] };
      const a = Uint8Array.from({ length: n }, () => (rnd() < 0.4 ? 1 : 0));
      const b = Uint8Array.from({ length: n }, () => (rnd() < 0.4 ? 1 : 0));
      expect(wordCoverage(terms, a, b)).toBe(wordCoverage(terms, union(a, b)));
    }
  });
});

describe('searchText', () => {
  it('folds the lower-cased text as fold does the text', () => {
    // The folded form is taken from the lower-cased one without lower-casing it again: lower-casing
    // leaves every lower-cased code point as it is.
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const lower = String.fromCodePoint(c).toLowerCase();
      if (lower.toLowerCase() !== lower) expect.fail(`U+${c.toString(16)} lower-cases again`);
    }
    for (const text of ['Hòa Bình ĐANG THỬ', 'İSTANBUL và ΣΟΦΟΣ', 'Khỏe mạnh, THUỶ lợi', 'Tiếng Việt\u0301 có dấu', 'plain ascii', '']) {
      const { lower, folded } = searchText(text);
      const whole = fold(lower);
      expect(folded, text).toBe(whole.length === lower.length ? whole : lower);
    }
  });
});

describe('question names', () => {
  it('are the capitalised words after the first, and the first when the next is capitalised', () => {
    expect([...questionNames('Vì sao Peter Zhu qua đời?')]).toEqual(['peter', 'zhu']);
    expect([...questionNames('Bệnh viện Bình Dân sẽ hỗ trợ bao nhiêu ca?')]).toEqual(['bình', 'dân']);
    expect([...questionNames('Tuấn Anh đã nhập viện với tình trạng như thế nào?')]).toEqual(['tuấn', 'anh']);
    // A function word so caught ("Ở") is no question word: coverage has left it out already.
    expect([...questionNames('Ở Đà Nẵng, ông Ánh làm gì?')]).toEqual(['ở', 'đà', 'nẵng', 'ánh']);
    // A question's first word is capitalised anyway; digits and lower-case words are no names.
    expect([...questionNames('Sierra có khả năng gì đặc biệt?')]).toEqual([]);
    expect([...questionNames('năm 2019 có bao nhiêu ca?')]).toEqual([]);
    // Decomposed marks give the same names; words joined by a hyphen are words of their own.
    expect([...questionNames('Vì sao O\u0302ng A\u0301nh đến Hà Nội-Huế?')]).toEqual(['ông', 'ánh', 'hà', 'nội', 'huế']);
  });

  it('are the question words whose idf weight nameCoverage shares out, and none when absent', async () => {
    const store = { termStatistics: async (hashes: readonly number[]) => ({ passages: 100, df: hashes.map((_, i) => 1 + i) }) } as unknown as Store;
    const terms = await questionTerms(store, 'Vì sao Peter Zhu qua đời ở Canada?', 'vi');
    const names = (terms.names ?? []).map((i) => terms.words[i]?.term);
    expect(names).toEqual(['peter', 'zhu', 'canada']);
    const idf = (t: string) => terms.words.find((w) => w.term === t)?.idf ?? NaN;
    const p = new Uint8Array(terms.search.length);
    expect(nameCoverage(terms, p)).toBe(0);
    p[terms.words.findIndex((w) => w.term === 'zhu')] = 1;
    p[terms.words.findIndex((w) => w.term === 'qua')] = 1;
    expect(nameCoverage(terms, p)).toBeCloseTo(idf('zhu') / (idf('peter') + idf('zhu') + idf('canada')), 12);
    const none = await questionTerms(store, 'bác sĩ đã chẩn đoán gì?', 'vi');
    expect(none.names).toEqual([]);
    expect(nameCoverage(none, new Uint8Array(none.search.length))).toBe(1);
  });
});

describe('acronyms read as their words', () => {
  const KHCN = { acronym: 'KH&CN', expansion: 'Khoa học và Công nghệ' };
  const sentence = searchText('Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên.');
  const spelled = searchText('Bộ Khoa học và Công nghệ đang nỗ lực sửa đổi luật.');
  /** Terms of a question as `questionTerms` makes them for a marked (or unmarked) question, every idf 1. */
  const termsFor = (words: string[], marked = true): QuestionTerms => {
    const ws = words.map((term) => ({ term, idf: 1, unknown: false }));
    return { marked, words: ws, pairs: [], wordWeight: ws.length, search: words.map((w) => (marked ? { form: w, folded: false } : { form: w, folded: true })) };
  };

  it('a question writing the words finds them where the text writes the acronym', () => {
    const terms = termsFor(['thứ', 'trưởng', 'bộ', 'khoa', 'học', 'công', 'nghệ']);
    expect(wordCoverage(terms, presenceIn(terms, sentence))).toBeCloseTo(3 / 7);
    const aliased = withAliases(terms, [KHCN], ['Ai là Thứ trưởng Bộ Khoa học và Công nghệ?']);
    expect(wordCoverage(aliased, presenceIn(aliased, sentence))).toBe(1);
    // Typed without marks, and in English through its translation.
    const folded = termsFor(['thu', 'truong', 'bo', 'khoa', 'hoc', 'cong', 'nghe'], false);
    const foldedAliased = withAliases(folded, [KHCN], ['thu truong bo khoa hoc va cong nghe la ai']);
    expect(wordCoverage(foldedAliased, presenceIn(foldedAliased, sentence))).toBe(1);
    const english = termsFor(['khoa', 'học', 'công', 'nghệ']);
    expect(withAliases(english, [KHCN], ['Who is the Vice Minister of Science and Technology?', 'Thứ trưởng ; khoa học và công nghệ'])).not.toBe(english);
  });

  it('a question writing the acronym finds it where the text spells it out', () => {
    const terms = termsFor(['bộ', 'kh', 'cn', 'sửa', 'đổi']);
    expect(wordCoverage(terms, presenceIn(terms, spelled))).toBeCloseTo(3 / 5);
    const aliased = withAliases(terms, [KHCN], ['Bộ KH&CN sửa đổi luật nào?']);
    expect(wordCoverage(aliased, presenceIn(aliased, spelled))).toBe(1);
  });

  it('changes nothing when the question writes neither form, or only part of the words', () => {
    const terms = termsFor(['khoa', 'học', 'sửa', 'đổi']);
    expect(withAliases(terms, [KHCN], ['Khoa học sửa đổi gì?'])).toBe(terms);
    expect(withAliases(terms, [], ['Bộ Khoa học và Công nghệ sửa đổi gì?'])).toBe(terms);
  });
});
