import { describe, expect, it } from 'vitest';
import { type QuestionTerms, presenceIn, presenceInRanges, searchText } from '../../src/retrieve/coverage.js';
import { expandQuery } from '../../src/text/glossary.js';
import { hasMarks } from '../../src/text/normalize.js';
import { questionAlternatives, shortFormsWrittenOut } from '../../src/text/synonyms.js';

const alternatives = (q: string, marked = true) => Object.fromEntries(questionAlternatives(q, marked));

describe('shortFormsWrittenOut', () => {
  it('writes out the short forms of the table as whole words, in any case', () => {
    expect(shortFormsWrittenOut('Viện Đo lường VN có trụ sở ở đâu?')).toBe('Viện Đo lường việt nam có trụ sở ở đâu?');
    expect(shortFormsWrittenOut('ttk iec gap ai o tphcm')).toBe('tổng thư ký iec gap ai o thành phố hồ chí minh');
    expect(shortFormsWrittenOut('Giá bao nhiêu VND? Bộ KH&CN, TP.HCM')).toBe('Giá bao nhiêu VND? Bộ KH&CN, TP.HCM');
    expect(shortFormsWrittenOut('VN-Index tăng, thư gửi abc@vn')).toBe('VN-Index tăng, thư gửi abc@vn');
  });
});

describe('questionAlternatives', () => {
  it("gives a phrase's alternatives to each of its words and pairs", () => {
    const got = alternatives('Hội nghị LMC lần thứ 4 diễn ra ở đâu?');
    expect(got['diễn']).toContain('tổ chức');
    expect(got['ra']).toContain('tổ chức');
    expect(got['diễn ra']).toEqual(['tổ chức', 'khai mạc']);
    expect(got['hội']).toBeUndefined();
    const head = alternatives('Ai là người đứng đầu IEC?');
    expect(head['đứng đầu']).toContain('tổng thư ký');
    expect(head['người đứng']).toContain('chủ tịch');
  });

  it('reads a signed document of any kind, and short forms typed in chats', () => {
    expect(alternatives('Cơ quan nào ký văn kiện hợp tác tại Hội nghị LMC?')['văn kiện']).toContain('biên bản');
    expect(alternatives('TTK IEC có cam kết giúp VN không?')['vn']).toEqual(['việt nam']);
    expect(alternatives('TTK IEC có cam kết giúp VN không?')['ttk']).toEqual(['tổng thư ký']);
    expect(alternatives('ttk iec la ai', false)['ttk']).toEqual(['tổng thư ký']);
    // Only as a word of its own: "vnd" is no "VN".
    expect(alternatives('Giá bao nhiêu VND?')['vn']).toBeUndefined();
    // Help asked about ("giúp gì"), not "helps to" before a verb.
    expect(alternatives('IEC sẽ giúp gì cho VN?')['giúp']).toContain('hỗ trợ');
    expect(alternatives('Đo lường giúp bảo đảm điều gì?')['giúp']).toBeUndefined();
    expect(alternatives('Dự án giúp Việt Nam hội nhập thế nào?')['giúp']).toBeUndefined();
    expect(alternatives('Ngoài chính phủ, ai được hưởng lợi từ sự hợp tác?')['hưởng lợi']).toEqual(['lợi ích']);
    expect(alternatives('Những nước nào góp mặt ở hội nghị?')['góp mặt']).toEqual(['tham gia', 'có mặt', 'tham dự']);
    // Aiming at, as a wish or goal is written; "nhắm mắt" is no aim.
    expect(alternatives('VN đang nhắm tới tư cách thành viên gì ở IEC?')['nhắm tới']).toContain('mong muốn');
    expect(alternatives('Ông nhắm mắt lại?')['nhắm tới']).toBeUndefined();
    expect(alternatives('HN LMC đánh dấu 73 năm quan hệ VN-TQ?')['tq']).toEqual(['trung quốc']);
    expect(alternatives('Cuộc gặp với IEC diễn ra ở đâu?')['cuộc gặp']).toContain('làm việc với');
    expect(alternatives('LMC họp lần thứ mấy?')['họp']).toContain('hội nghị');
    // Folded, "hop" is also "hợp" (hợp tác) and "hộp".
    expect(alternatives('hop tac do luong', false)['hop']).toBeUndefined();
    expect(alternatives('Theo chú thích ảnh, hai phía đã làm gì?')['hai phía']).toEqual(['hai bên', '2 bên']);
    expect(alternatives('Cho mình vài ví dụ QCVN dựa trên tiêu chuẩn IEC?')['ví dụ']).toContain('tiêu biểu');
    // What something is based on, as the news writes it: "trên cơ sở tham khảo tiêu chuẩn của IEC".
    expect(alternatives('Quy chuẩn về thiết bị điện phòng nổ dựa trên tiêu chuẩn nào?')['dựa trên']).toContain('trên cơ sở');
    expect(alternatives('quy chuan dua tren tieu chuan nao', false)['dua tren']).toContain('tham khảo');
    expect(alternatives('QCVN xây dựng dựa vào đâu?')['dựa']).toContain('căn cứ');
  });

  it('matches a phrase typed without marks, folded, also among marked words', () => {
    expect(alternatives('hoi nghi lmc dien ra o dau', false)['dien ra']).toEqual(['tổ chức', 'khai mạc']);
    // A question restored in part: "dien" kept without marks.
    expect(alternatives('Hội nghị LMC lần thứ 4 dien ra ở đâu?')['dien ra']).toEqual(['tổ chức', 'khai mạc']);
  });

  it('reads meeting only when someone is met, and heading only of a person', () => {
    expect(alternatives('Philippe Metzger gặp ai?')['gặp']).toContain('làm việc với');
    // Where and when someone met, as a follow-up reads it ("Ông Philippe Metzger gặp ở đâu?").
    expect(alternatives('Ông Philippe Metzger gặp ở đâu?')['gặp']).toContain('làm việc với');
    expect(alternatives('ong metzger gap khi nao', false)['gap']).toContain('làm việc với');
    expect(alternatives('bệnh nhân gặp tai nạn ở đâu', true)).toEqual({});
    // A promise, as the news reports one: "khẳng định sẽ hỗ trợ".
    expect(alternatives('Ai cam kết hỗ trợ Việt Nam?')['cam kết']).toEqual(['khẳng định sẽ', 'hứa']);
    expect(alternatives('ai cam ket ho tro viet nam', false)['cam ket']).toEqual(['khẳng định sẽ', 'hứa']);
    expect(alternatives('Bộ trưởng gặp Tổng Thư ký IEC khi nào?')['gặp']).toContain('hội đàm');
    for (const q of ['Sarah gặp tai nạn khi nào?', 'Người mẹ gặp những nguy hiểm gì?', 'Nước nào đứng đầu thế giới về số ca mắc?'])
      expect(alternatives(q), q).toEqual({});
    // One word without its marks spells several ("gap": gặp, gấp, gập): only the word after it
    // settles which ("gap ai", "gap ong").
    expect(alternatives('philippe metzger gap ai', false)['gap']).toContain('làm việc với');
    expect(alternatives('thu truong le xuan dinh gap ong metzger o dau', false)['gap']).toContain('làm việc với');
    for (const q of ['doanh thu tang gap ba lan', 'gap doi so voi nam truoc', 'benh nhan gap bien chung gi']) expect(alternatives(q, false), q).toEqual({});
  });
});

describe('alternatives in coverage', () => {
  const terms: QuestionTerms = {
    marked: true,
    words: [{ term: 'diễn', idf: 1, unknown: false }],
    pairs: [],
    wordWeight: 1,
    search: [{ form: 'diễn', folded: false, alternatives: ['tổ chức'] }],
  };

  it('counts a word present where the text has one of its alternatives, as a whole word', () => {
    const text = searchText('Hội nghị được tổ chức tại Bắc Kinh. Nhóm tổ chứcx khác.');
    expect(Array.from(presenceIn(terms, text))).toEqual([1]);
    expect(Array.from(presenceIn(terms, searchText('Hội nghị ở Bắc Kinh.')))).toEqual([0]);
    const [first, second] = presenceInRanges(terms, text, [
      [0, 35],
      [36, text.lower.length],
    ]);
    expect(Array.from(first!)).toEqual([1]);
    expect(Array.from(second!)).toEqual([0]);
  });
});

describe('expandQuery', () => {
  it('asks retrieval for the alternatives of the question as typed', () => {
    // The retrieval query has lost "ai"; the question still says who is met.
    expect(expandQuery('Philippe Metzger gặp , ', 'vi', 'Philippe Metzger gặp ai?')).toContain('buổi tiếp');
    expect(expandQuery('Philippe Metzger gặp , ', 'vi')).toBe('Philippe Metzger gặp , ');
  });

  it('gives an English question the Vietnamese words of taking part', () => {
    for (const q of ['Which countries took part in the LMC symposium?', 'Who participated in the symposium?'])
      expect(expandQuery(q, 'en'), q).toContain('tham gia');
    expect(expandQuery('Who attended the symposium?', 'en')).toContain('tham dự');
  });

  it('keeps a question typed without marks without marks', () => {
    const q = 'hoi nghi lmc dien ra o dau';
    const expanded = expandQuery(q, 'vi');
    expect(expanded).toContain('to chuc');
    expect(hasMarks(expanded)).toBe(false);
  });
});
