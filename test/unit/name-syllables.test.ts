import { describe, expect, it } from 'vitest';
import { compare } from '../support/compare-claim.js';
import { mayMatch, nameSyllables, readNames, writtenAsNames } from '../../src/check/name-syllables.js';
import { tokenize } from '../../src/check/tokens.js';

/** The syllables of names in a text, as written. */
const nameWords = (text: string) => {
  const tokens = tokenize(text);
  const runs = nameSyllables(tokens, text);
  return tokens.filter((_, k) => (runs[k] as number) >= 0).map((t) => t.text);
};

describe('nameSyllables', () => {
  it('reads runs of two or more capitalised syllables as names', () => {
    expect(nameWords('Chủ tịch nước Trần Văn Thưởng dự buổi lễ tại tỉnh Thái Bình.')).toEqual(['Trần', 'Văn', 'Thưởng', 'Thái', 'Bình']);
  });

  it('does not read a capital that only opens a sentence as a name', () => {
    expect(nameWords('Khen thưởng được trao cho ba đơn vị. Hòa bình là mong muốn chung.')).toEqual([]);
    expect(nameWords('Theo Phạm Văn Định, dự án đã xong. Ông Ngô Định cho biết thêm.')).toEqual(['Phạm', 'Văn', 'Định', 'Ngô', 'Định']);
  });

  it('reads a name that opens a sentence as one', () => {
    expect(nameWords('Bình Dương thu hút nhiều vốn đầu tư.')).toEqual(['Bình', 'Dương']);
  });

  it('reads no acronym as a syllable', () => {
    expect(nameWords('Đại diện IEC Anna Smith phát biểu.')).toEqual(['Anna', 'Smith']);
  });
});

describe('writtenAsNames', () => {
  const named = (text: string) => {
    const tokens = tokenize(text);
    const out = writtenAsNames(tokens, text);
    return tokens.filter((_, k) => out[k] === 1).map((t) => t.text);
  };

  it('reads a capital inside a sentence as a name, one that only opens it as none', () => {
    expect(named('Thứ trưởng Định đã ký quyết định.')).toEqual(['Định']);
    expect(named('Định hướng phát triển đã được thông qua.')).toEqual([]);
  });

  it('reads a word opening a sentence as a name when no Vietnamese syllable is spelt so', () => {
    expect(named('Metzger hứa hỗ trợ Việt Nam.')).toEqual(['Metzger', 'Việt', 'Nam']);
    expect(named('Huawei tham dự hội nghị.')).toEqual(['Huawei']);
    expect(named('Hòa bình là mong muốn chung.')).toEqual([]);
  });

  it('reads nothing of a claim typed in capitals or in lower case', () => {
    expect(named('THỨ TRƯỞNG ĐỊNH ĐÃ KÝ')).toEqual([]);
    expect(named('thu truong dinh da ky')).toEqual([]);
  });
});

describe('mayMatch', () => {
  const reading = (claim: string, evidence: string) => {
    const c = tokenize(claim);
    const e = tokenize(evidence);
    return {
      r: readNames(
        c,
        claim,
        c.map((t) => t.lower),
        e,
        evidence,
        e.map((t) => t.lower),
      ),
      c,
      e,
    };
  };
  const at = (tokens: readonly { text: string }[], word: string, nth = 0) =>
    tokens.map((t, i) => (t.text === word ? i : -1)).filter((i) => i >= 0)[nth] as number;

  it("reads a place's syllable as no common word, nor a common word as a place's syllable", () => {
    const { r, c, e } = reading('Người dân Bình Dương mong muốn phát triển.', 'Người dân mong muốn hòa bình.');
    expect(mayMatch(r, at(c, 'Bình'), at(e, 'bình'))).toBe(false);
    const back = reading('Người dân mong muốn hòa bình.', 'Người dân tỉnh Bình Dương mong muốn phát triển.');
    expect(mayMatch(back.r, at(back.c, 'bình'), at(back.e, 'Bình'))).toBe(false);
    const same = reading('Người dân bình dương mong muốn phát triển.', 'Người dân tỉnh Bình Dương mong muốn phát triển.');
    expect(mayMatch(same.r, at(same.c, 'bình'), at(same.e, 'Bình'))).toBe(true);
  });
});

describe('compareClaim: a common word is not written by a syllable of a name', () => {
  const president = 'Chủ tịch nước Trần Văn Thưởng đã gặp mặt các cựu cán bộ Đoàn tại Hà Nội.';
  const viceMinister = 'Thứ trưởng Phạm Văn Định cho biết thông tư mới sẽ có hiệu lực từ tháng 7.';
  /** How many informative words of the claim the evidence does not write. */
  const missing = (claim: string, evidence: string) => compare(claim, evidence).features.uncoveredWords;

  it('does not cover a claim\'s "khen thưởng" with a person named "Thưởng"', () => {
    // "khen" and "thưởng".
    expect(missing('Các cựu cán bộ Đoàn được khen thưởng tại Hà Nội.', president)).toBe(2);
    expect(missing('Ban tổ chức trao thưởng tại lễ khai mạc hội nghị.', 'Ông Trần Văn Thưởng phát biểu tại lễ khai mạc hội nghị.')).toBe(5);
    // What the claim says of the body is not in the sentence that names the President beside it.
    expect(compare('Chủ tịch nước khen thưởng Ban Liên Lạc.', 'Chủ tịch nước Trần Văn Thưởng gặp Ban Liên lạc.').features.predicateCoverage).toBe(0);
  });

  it('does not cover "quy định" or "ổn định" with a person named "Định"', () => {
    expect(missing('Thông tư mới có quy định hiệu lực từ tháng 7.', viceMinister)).toBe(2);
    expect(missing('Giá điện sẽ ổn định từ tháng 7.', viceMinister)).toBe(4);
  });

  it('does not cover "hòa bình" with the place "Thái Bình"', () => {
    expect(missing('Người dân mong muốn hòa bình.', 'Người dân tỉnh Thái Bình mong muốn phát triển.')).toBe(2);
  });

  it('covers a claim that really names the person, however it writes the name', () => {
    expect(missing('Thứ trưởng Định cho biết thông tư mới sẽ có hiệu lực từ tháng 7.', viceMinister)).toBe(0);
    expect(missing('Thứ trưởng Phạm Văn Định cho biết thông tư mới có hiệu lực từ tháng 7.', viceMinister)).toBe(0);
    expect(missing('thu truong pham van dinh cho biet thong tu moi co hieu luc tu thang 7', viceMinister)).toBe(0);
    expect(missing('thứ trưởng phạm văn định cho biết thông tư mới có hiệu lực từ tháng 7', viceMinister)).toBe(0);
    expect(missing('Chủ tịch nước Trần Văn Thưởng đã gặp mặt các cựu cán bộ Đoàn.', president)).toBe(0);
  });

  it('covers a common word that opens the evidence sentence with a capital', () => {
    expect(missing('Việc khen thưởng được trao cho ba đơn vị.', 'Khen thưởng được trao cho ba đơn vị xuất sắc.')).toBe(0);
    expect(missing('Mọi người mong muốn hòa bình.', 'Hòa bình là mong muốn của mọi người.')).toBe(0);
  });
});
