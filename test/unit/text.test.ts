import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fold, hasMarks, nfc, normalizeSpace, stripMarks } from '../../src/text/normalize.js';
import { pairs, syllables, terms } from '../../src/text/tokenize.js';
import { hardSplit, sentenceRanges } from '../../src/text/sentences.js';
import { detectLang } from '../../src/text/lang.js';
import { extraTerms, translateTerms } from '../../src/text/glossary.js';

describe('normalisation', () => {
  it('composes decomposed Vietnamese to NFC', () => {
    const decomposed = 'Ho\u0302\u0323i nghi\u0323';
    expect(nfc(decomposed)).toBe('Hội nghị');
    expect(nfc(decomposed).length).toBe(8);
  });

  it('removes zero-width, bidi and control characters and collapses spaces', () => {
    expect(normalizeSpace('  Hội\u200B nghị\u202E \u0007 LMC\u00A0\n lần 4 ')).toBe('Hội nghị LMC lần 4');
  });

  it('folds tone marks, vowel marks and đ', () => {
    expect(fold('Đo lường Việt Nam ĐẶNG Thủy hoà Ưng')).toBe('do luong viet nam dang thuy hoa ung');
    expect(stripMarks('Bộ Khoa học và Công nghệ')).toBe('Bo Khoa hoc va Cong nghe');
    expect(stripMarks('Ho\u0302\u0323i')).toBe('Hoi');
  });

  it('tells marked text from unmarked', () => {
    expect(hasMarks('hội nghị')).toBe(true);
    expect(hasMarks('đo')).toBe(true);
    expect(hasMarks('hoi nghi LMC 2023')).toBe(false);
  });

  it('folding agrees with Unicode decomposition on every Vietnamese letter', () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
    for (const ch of [...letters, ...letters.toUpperCase()]) {
      const expected = ch
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace('đ', 'd')
        .replace('Đ', 'D');
      expect(stripMarks(ch)).toBe(expected);
    }
  });

  it('never throws and is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const f = fold(s);
        expect(fold(f)).toBe(f);
        expect(normalizeSpace(normalizeSpace(s))).toBe(normalizeSpace(s));
      }),
    );
  });
});

describe('syllables and pairs', () => {
  it('splits into lower-cased syllables and keeps numbers whole', () => {
    expect(syllables('Hội nghị LMC lần thứ 4, ngày 5/6/2024.').syllables).toEqual(['hội', 'nghị', 'lmc', 'lần', 'thứ', '4', 'ngày', '5', '6', '2024']);
    expect(syllables('Lancang-Mekong và 1.000 người').syllables).toEqual(['lancang', 'mekong', 'và', '1.000', 'người']);
  });

  it('makes pairs that do not cross punctuation', () => {
    const t = syllables('Hà Nội, Việt Nam');
    expect(pairs(t)).toEqual(['hà nội', 'việt nam']);
  });

  it('gives marked and folded terms of the same length', () => {
    const t = terms('Đo lường quốc tế');
    expect(t.marked).toEqual(['đo', 'lường', 'quốc', 'tế', 'đo lường', 'lường quốc', 'quốc tế']);
    expect(t.folded).toEqual(['do', 'luong', 'quoc', 'te', 'do luong', 'luong quoc', 'quoc te']);
  });
});

describe('sentences', () => {
  it('splits sentences and keeps abbreviations and initials', () => {
    const text = 'TS. Nguyễn Văn A phát biểu tại TP. Hồ Chí Minh. Hội nghị kết thúc! Sau đó là tiệc.';
    const parts = sentenceRanges(text).map(([a, b]) => text.slice(a, b));
    expect(parts).toEqual(['TS. Nguyễn Văn A phát biểu tại TP. Hồ Chí Minh.', 'Hội nghị kết thúc!', 'Sau đó là tiệc.']);
  });

  it('ends a sentence at a closing quote or bracket after an initial, before a capital', () => {
    const text = 'Bà Phạm Thị Tr. (SN 1997, mẹ đẻ cháu Việt A.) Bước đầu, bà cho biết: “Tôi gặp ông B.” Sau đó bà về.';
    const parts = sentenceRanges(text).map(([a, b]) => text.slice(a, b));
    expect(parts).toEqual(['Bà Phạm Thị Tr. (SN 1997, mẹ đẻ cháu Việt A.)', 'Bước đầu, bà cho biết: “Tôi gặp ông B.”', 'Sau đó bà về.']);
  });

  it('cuts an over-long run at spaces, never beyond the limit', () => {
    const text = 'từ '.repeat(2000).trim();
    const pieces = hardSplit(text, [0, text.length], 300);
    expect(pieces.length).toBeGreaterThan(5);
    for (const [a, b] of pieces) expect(b - a).toBeLessThanOrEqual(300);
    expect(pieces.at(-1)?.[1]).toBe(text.length);
  });

  it('ranges are always inside the text and ordered', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        let last = 0;
        for (const [a, b] of sentenceRanges(s)) {
          expect(a).toBeGreaterThanOrEqual(last);
          expect(b).toBeGreaterThan(a);
          expect(b).toBeLessThanOrEqual(s.length);
          last = b;
        }
      }),
    );
  });
});

describe('language', () => {
  it('detects English and Vietnamese with or without marks', () => {
    expect(detectLang('Who is the General Secretary of the IEC?')).toBe('en');
    expect(detectLang('Ai là Tổng Thư ký IEC?')).toBe('vi');
    expect(detectLang('hoi nghi LMC to chuc o dau')).toBe('vi');
    // "do" and "the" are also folded Vietnamese syllables (đó, thế): the rest of the question decides.
    for (const q of [
      'Do the articles mention Beijing?',
      'Do the articles mention carbon credit?',
      'Does the article mention Laos?',
      'Are there any news about Thailand?',
    ])
      expect(detectLang(q), q).toBe('en');
    expect(detectLang('do the thao viet nam')).toBe('vi');
  });

  it('translates English phrases longest first', () => {
    expect(translateTerms('Who is the General Secretary of the IEC?')).toEqual(['Tổng Thư ký']);
    expect(translateTerms('metrology cooperation in the region')).toEqual(['đo lường', 'hợp tác', 'khu vực']);
  });

  it('gives English words in a Vietnamese question their terms, and "AI" in capitals after the first word', () => {
    expect(extraTerms('BRI tạo opportunity gì cho VN?', 'vi')).toEqual(['cơ hội']);
    expect(extraTerms('Metzger có nhắc tới AI không?', 'vi')).toEqual(['trí tuệ nhân tạo']);
    // Opening the question, "AI" is "Ai" (who) typed in capitals.
    expect(extraTerms('AI dễ bị mỡ máu?', 'vi')).toEqual([]);
    // Typed without marks, Vietnamese words are not read as English.
    expect(extraTerms('ai la nguoi ky', 'vi')).toEqual([]);
    // A word in capitals, a loanword, and a question typed in capitals.
    expect(extraTerms('Đèn LED tiết kiệm bao nhiêu điện?', 'vi')).toEqual([]);
    expect(extraTerms('Hồ sơ cần photo công chứng mấy bản?', 'vi')).toEqual([]);
    expect(extraTerms('TỔNG THƯ KÝ IEC LÀ AI?', 'vi')).toEqual([]);
  });

  it('reads "deputy … minister" with words between as a deputy minister, not a minister', () => {
    expect(translateTerms("Who met Vietnam's deputy science minister?")).toEqual(['làm việc', 'Việt Nam', 'Thứ trưởng', 'khoa học']);
    expect(translateTerms('the vice foreign minister')).toEqual(['Thứ trưởng']);
    expect(translateTerms('the deputy minister')).toEqual(['Thứ trưởng']);
    expect(translateTerms('the minister of science')).toEqual(['Bộ trưởng', 'khoa học']);
    // Too far apart to be one office.
    expect(translateTerms('the deputy head met the minister')).toEqual(['làm việc', 'Bộ trưởng']);
    expect(translateTerms('Which deputy prime minister chaired the meeting?')).toEqual(['Phó Thủ tướng', 'chủ trì', 'buổi làm việc']);
    expect(translateTerms('the Vice President and Minister of Health')).toEqual(['Phó Chủ tịch', 'Bộ trưởng', 'sức khỏe']);
  });
});
