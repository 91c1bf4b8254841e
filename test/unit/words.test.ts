import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  WORD_END,
  WORD_START,
  escapeRegExp,
  hasWord,
  isSpaceAt,
  isSyllableShaped,
  isVowelless,
  isWordChar,
  isWordCharAt,
  nextWholeWords,
  typedInCapitals,
  wordCharBefore,
  wordCharFrom,
  wordRegExp,
} from '../../src/text/words.js';

describe('Unicode-aware word boundaries', () => {
  it('matches Vietnamese words that \\b cannot see', () => {
    // What the ASCII-only \b does with the same words: the reason this helper exists.
    expect(/\bở\b/u.test('Họ làm việc ở Hà Nội')).toBe(false);
    expect(/\bbà\b/u.test('bà Nguyễn Thị A')).toBe(false);
    expect(hasWord('Hội nghị tại Bắc Kinh', 'tại')).toBe(true);
    expect(hasWord('Ông Philippe Metzger cho biết', 'ông')).toBe(true);
    expect(hasWord('Họ làm việc ở Hà Nội', 'ở')).toBe(true);
  });

  it('tells a word character from the rest, one code point at a time', () => {
    for (const c of ['ở', 'Đ', 'a', '7', '\u0302', '𝐀']) expect(isWordChar(c), c).toBe(true);
    for (const c of [' ', '-', '’', "'", '&', '(', undefined]) expect(isWordChar(c), String(c)).toBe(false);
    expect(isWordChar('ab')).toBe(false);
  });

  it('reads characters in place as the patterns read them, for every code unit', () => {
    const word = /^[\p{L}\p{M}\p{N}]$/u;
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const text = `a${String.fromCharCode(c)}b`;
      if (isWordCharAt(text, 1) !== word.test(text[1] as string)) wrong.push(`word ${c.toString(16)}`);
      if (isSpaceAt(text, 1) !== /\s/.test(text[1] as string)) wrong.push(`space ${c.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    // Past either end there is no character; a surrogate pair's halves are read one at a time.
    for (const i of [-1, 3]) expect([isWordCharAt('abc', i), isSpaceAt('a b', i)]).toEqual([false, false]);
    expect([isWordCharAt('𝐀', 0), isWordChar('𝐀')]).toEqual([false, true]);
  });

  it('finds whole words in place as the boundary patterns find them, beside astral letters and lone surrogates', () => {
    const letters = ['ở', 'ông', 'a', 'b', ' ', '-', '.', '\u0302', '𝐀', '7', 'Tại'];
    const piece = fc.constantFrom(...letters, '\ud835', '\udc00');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 3 }), (textParts, wordParts) => {
        const text = textParts.join('');
        const words = wordParts.join('');
        const pattern = new RegExp(`${WORD_START}${escapeRegExp(words)}${WORD_END}`, 'gu');
        const expected = [...text.matchAll(pattern)].map((m) => m.index);
        const found: number[] = [];
        for (let i = nextWholeWords(text, words); i >= 0; i = nextWholeWords(text, words, i + words.length)) found.push(i);
        expect(found).toEqual(expected);
        // Bounded: the first that ends by `to`.
        for (let to = 0; to <= text.length; to++) {
          expect(nextWholeWords(text, words, 0, to)).toBe(expected.find((i) => i + words.length <= to) ?? -1);
        }
        for (let i = 0; i <= text.length; i++) {
          expect(wordCharBefore(text, i)).toBe(/[\p{L}\p{M}\p{N}]$/u.test(text.slice(0, i)));
          expect(wordCharFrom(text, i)).toBe(/^[\p{L}\p{M}\p{N}]/u.test(text.slice(i)));
        }
      }),
    );
    expect(nextWholeWords('bà con, bàn', 'bà')).toBe(0);
    expect(nextWholeWords('bàn ghế, bà con', 'bà')).toBe(9);
    expect(nextWholeWords('abc', '')).toBe(-1);
  });

  it('does not match inside a longer word', () => {
    expect(/\bông\b/u.test('không')).toBe(true); // \b sees "kh" as a word and "ông" as separate
    expect(hasWord('Tôi không biết', 'ông')).toBe(false);
    expect(hasWord('bà con', 'bà')).toBe(true);
    expect(hasWord('bàn ghế', 'bà')).toBe(false);
    expect(hasWord('Bộ KH&CN', 'KH')).toBe(true);
    expect(hasWord('IEC2024', 'IEC')).toBe(false);
  });

  it('finds a whole word ignoring case as the pattern of the word would, without compiling one', () => {
    expect(hasWord('TẠI Bắc Kinh', 'tại')).toBe(true);
    expect(hasWord('Ủy ban IEC', 'ủy BAN')).toBe(true);
    expect(hasWord('Ủy ban IEC', 'ủy BAN', false)).toBe(false);
    const letters = fc.constantFrom('a', 'à', 'Ă', 'ơ', 'Ở', 'n', 'N', 'g', 'đ', 'Đ', ' ', ',', '-', '1');
    const text = fc.array(letters, { maxLength: 24 }).map((a) => a.join(''));
    const word = fc.array(letters, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, word, fc.boolean(), (t, w, ignoreCase) => {
        const pattern = new RegExp(`${WORD_START}${escapeRegExp(w)}${WORD_END}`, ignoreCase ? 'iu' : 'u');
        expect(hasWord(t, w, ignoreCase)).toBe(pattern.test(t));
      }),
    );
  });

  it('treats combining marks as part of a word (text not yet in NFC)', () => {
    const decomposed = 'to\u0302i o\u031b\u0309 đây'; // "tôi ở đây" in NFD
    expect(wordRegExp('o').test(decomposed)).toBe(false);
  });

  it('takes pattern alternatives and keeps the caller’s flags', () => {
    const re = wordRegExp(['ở đâu', 'tại (?:đâu|nơi nào)'], 'gi');
    expect(re.flags).toContain('u');
    expect('Tổ chức TẠI ĐÂU? Ở đâu?'.match(re)).toEqual(['TẠI ĐÂU', 'Ở đâu']);
  });

  it('escapes any plain text so that it matches itself', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(new RegExp(`^${escapeRegExp(s)}$`, 'u').test(s)).toBe(true);
      }),
    );
  });
});

describe('acronyms typed in lower case', () => {
  it('are words without a vowel, which no Vietnamese syllable is', () => {
    for (const w of ['lmc', 'khcn', 'kh&cn', 'tp', 'tcvn', 'qcvn']) expect(isVowelless(w), w).toBe(true);
    // A vowel (y too), one letter, no letter at all, a digit: not one.
    for (const w of ['iec', 'hà', 'nội', 'y', 'đ', '&&', 'lmc1']) expect(isVowelless(w), w).toBe(false);
  });
});

describe('isSyllableShaped', () => {
  it('tells one Vietnamese syllable from a foreign word', () => {
    for (const w of ['Lan', 'Đường', 'nghiêng', 'Khuyến', 'người', 'thuở', 'Quốc', 'gì', 'ở', 'duong', 'nguoi']) expect(isSyllableShaped(w), w).toBe(true);
    for (const w of ['Plastome', 'Metzger', 'Huawei', 'Google', 'Obama', 'Sony', 'Internet', 'Stuttgart']) expect(isSyllableShaped(w), w).toBe(false);
  });
});

describe('typedInCapitals', () => {
  it('is true when most letters are capitals, whatever the marks', () => {
    expect(typedInCapitals('TỔNG THƯ KÝ IEC LÀ AI?')).toBe(true);
    expect(typedInCapitals('Tổng Thư ký IEC là ai?')).toBe(false);
    expect(typedInCapitals('Metzger có nhắc tới AI không?')).toBe(false);
    expect(typedInCapitals('')).toBe(false);
  });

  it('counts letters and capitals by code point, as the patterns \\p{L} and \\p{Lu} do', () => {
    const counted = (text: string) => (text.match(/\p{Lu}/gu)?.length ?? 0) * 2 > (text.match(/\p{L}/gu)?.length ?? 0);
    // Letters outside the BMP count once, lone surrogates not at all; title case (ǅ) and letter numbers (Ⅻ) are no capitals.
    const pieces = ['A', 'a', 'Đ', 'đ', 'Ổ', 'ổ', '1', ' ', '?', '\u0301', '𝐀', '𝐚', '𝟏', '\ud835', '\udc00', 'ǅ', 'Ⅻ', 'ⅻ', 'Σ', 'ß'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(typedInCapitals(text), JSON.stringify(text)).toBe(counted(text));
      }),
      { numRuns: 3000 },
    );
    for (const text of ['𝐀𝐁c', '𝐚𝐛C', '\ud835A', 'A\udc00b', 'ǅǅa']) expect(typedInCapitals(text), JSON.stringify(text)).toBe(counted(text));
  });
});
