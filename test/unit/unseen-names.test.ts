import { describe, expect, it } from 'vitest';
import { namesWrittenIn, refusedByRule, unseenNames } from '../../src/answer/confidence.js';
import { searchText } from '../../src/retrieve/coverage.js';

const IEC =
  'Hỗ trợ để Việt Nam sớm trở thành thành viên chính thức của IEC\nThứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội. Tỉnh Quảng Ninh và Super Bowl, Gandhi.';
const unseen = (question: string, text = IEC) => {
  const a = searchText(text);
  return unseenNames(question, a, namesWrittenIn(a, question));
};

describe('names a question gives that the article writes nowhere', () => {
  it('finds a person, drug or place the article never names', () => {
    expect(unseen('Ông Nguyễn Văn Khải làm việc với IEC khi nào?')).toEqual(['nguyễn', 'khải']);
    expect(unseen('Thuốc Ribociclib dùng để điều trị bệnh gì?')).toEqual(['ribociclib']);
    expect(unseen('Ông Metzger gặp ai tại Đà Nẵng?')).toEqual(['nẵng']);
  });

  it('accepts the article’s names however the question spells them', () => {
    // As written, folded, and what a chat's short form stands for.
    expect(unseen('Ông Philippe Metzger gặp ai?')).toEqual([]);
    expect(unseen('ong Philippe Metzger gap Le Xuan Dinh o Ha Noi khi nao?')).toEqual([]);
    expect(unseen('IEC hỗ trợ VN thế nào?')).toEqual([]);
    // Mistyped: one letter apart, two letters swapped, two words joined.
    expect(unseen('Ông Philipe Metzger gặp ai?')).toEqual([]);
    // A name is seen when any word of it is, and a word cut short is the same word.
    expect(unseen('Ông Philip Metzger gặp ai ở Hà Nội?')).toEqual([]);
    expect(unseen('Bà Angela Smithers là ai?')).toEqual(['angela', 'smithers']);
    expect(unseen('Ông Metzegr gặp ai?')).toEqual([]);
    expect(unseen('Trận Superbowl diễn ra ở đâu?')).toEqual([]);
  });

  it('leaves out the first word, short names, quoted titles and English questions', () => {
    // "Ngoài" opens the question capitalised before a name: no name itself.
    expect(unseen('Ngoài Thứ trưởng Lê Xuân Định, còn ai dự buổi làm việc?')).toEqual([]);
    // Three letters: an acronym, read by its own rule.
    expect(unseen('Tổ chức AAA có tham dự không?')).toEqual([]);
    expect(unseen('Ông Định có nhắc đến "The Quiet Revolution" không?')).toEqual([]);
    expect(unseen('Who did Philippe Metzger meet in Warsaw?')).toEqual([]);
    expect(unseen('THỨ TRƯỞNG GẶP AI Ở ĐÀ NẴNG?')).toEqual([]);
    // Acronyms of any length (their own rule reads them), English the glossary translates, titles
    // in any quotation marks, and where the question read it.
    expect(unseen('Viện ĐLVN ký kết Biên bản với ai?')).toEqual([]);
    expect(unseen('Sáng kiến Belt and Road kỷ niệm bao nhiêu năm?')).toEqual([]);
    expect(unseen('Thứ trưởng gặp Tổng thư ký của International Electrotechnical Commission ở đâu?')).toEqual([]);
    expect(unseen('Ông Định có nhắc đến ‘The Quiet Revolution’ hay «Grand Design» không?')).toEqual([]);
    expect(unseen('Theo VnExpress, Tổng Thư ký IEC là ai?')).toEqual([]);
  });

  it('reads the first word when it cannot be a Vietnamese syllable', () => {
    // A foreign name opening the question is a name, not the capital every question starts with.
    expect(unseen('Plastome được phát hiện khi nào?')).toEqual(['plastome']);
    expect(unseen('Metzger gặp ai ở Hà Nội?')).toEqual([]);
    // A first word that could be Vietnamese stays unread.
    expect(unseen('Lan gặp ai ở Hà Nội?')).toEqual([]);
    expect(unseen('Đường sắt nào được nhắc đến?')).toEqual([]);
    // A statement taken out of a question about a draft: the check reads its subject.
    const a = searchText(IEC);
    const q = 'Malaysia trong số các nước tham gia hội nghị?';
    expect(unseenNames(q, a, namesWrittenIn(a, q), false)).toEqual([]);
    expect(unseenNames(q, a, namesWrittenIn(a, q))).toEqual(['malaysia']);
  });

  it('reads the article word by word, whatever else in it folds unevenly', () => {
    // A stray combining mark makes the article's folded text its lower-cased one: names typed
    // without marks are still found.
    const text = 'Ông Đặng Hữu Phương làm việc với IEC. x\u0301';
    expect(unseen('Ong Dang Huu Phuong la ai?', text)).toEqual([]);
    expect(unseen('Ong Dang Huu Phuong la ai?', text.slice(0, -3))).toEqual([]);
  });

  it('refuses by rule when one is unseen', () => {
    const none = {
      missingNumbers: 0,
      missingTitles: 0,
      missingAcronyms: 0,
      missingCount: 0,
      missingMeasure: 0,
      missingDate: 0,
      unseenNames: 0,
      missingAttributes: 0,
    };
    expect(refusedByRule(none)).toBe(false);
    expect(refusedByRule({ ...none, unseenNames: 1 })).toBe(true);
    expect(refusedByRule({ ...none, missingAttributes: 1 })).toBe(true);
  });
});
