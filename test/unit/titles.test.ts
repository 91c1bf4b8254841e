import { describe, expect, it } from 'vitest';
import {
  askedOffices,
  headOffices,
  headless,
  missingTitles,
  officeBeside,
  officeOfBody,
  officesAt,
  officesNamed,
  officesOfOtherBodies,
} from '../../src/answer/titles.js';
import { tokenize } from '../../src/check/tokens.js';
import { acronymSlots } from '../../src/answer/confidence.js';
import { extraTerms } from '../../src/text/glossary.js';

const IEC = 'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';

describe('missingTitles', () => {
  it('names an office the article does not, though it has every word of it', () => {
    expect(missingTitles('Bộ trưởng Bộ KH&CN là ai?', IEC)).toEqual(['bộ trưởng']);
    expect(missingTitles('Ai là Phó Tổng Thư ký IEC?', IEC)).toEqual(['phó tổng thư ký']);
    expect(missingTitles('Phó Chủ tịch Hội đồng là ai?', 'Ông Nguyễn Văn A, Chủ tịch Hội đồng, phát biểu.')).toEqual(['phó chủ tịch']);
    expect(missingTitles('Chủ tịch Hội đồng là ai?', 'Ông Nguyễn Văn A, Phó Chủ tịch Hội đồng, phát biểu.')).toEqual(['chủ tịch']);
  });

  it('finds the office the article names, in any case and without tone marks', () => {
    expect(missingTitles('Thứ trưởng Bộ KH&CN là ai?', IEC)).toEqual([]);
    expect(missingTitles('Ai là tổng thư ký IEC?', IEC)).toEqual([]);
    // The general office answers for its short name.
    expect(missingTitles('Ai là Thư ký IEC?', IEC)).toEqual([]);
    expect(missingTitles('Giam doc cong ty la ai', 'Ông A, Tổng Giám đốc công ty, cho biết.')).toEqual([]);
    expect(missingTitles('thu truong bo khcn ten gi', IEC)).toEqual([]);
    expect(missingTitles('bo truong bo khcn la ai', IEC)).toEqual(['bo truong']);
    expect(missingTitles('Ông Philippe Metzger nói gì?', IEC)).toEqual([]);
  });

  it('finds an office the question gives to a body in capitals that the article gives only to another', () => {
    expect(officesOfOtherBodies('Ai là Tổng Thư ký LMC?', IEC)).toEqual(['tong thu ky']);
    expect(officesOfOtherBodies('Tổng Thư ký ASEAN là ai?', IEC)).toEqual(['tong thu ky']);
    expect(officesOfOtherBodies('Who is the LMC Secretary General?', IEC)).toEqual(['tong thu ky']);
    expect(officesOfOtherBodies('Who is the Secretary General of the LMC?', IEC)).toEqual(['tong thu ky']);
    for (const q of [
      'Ai là Tổng Thư ký IEC?',
      'Who is the IEC Secretary General?',
      'Thứ trưởng Bộ KH&CN là ai?',
      'Ai là Tổng Thư ký?',
      'Ông Philippe Metzger là Tổng Thư ký IEC.',
    ])
      expect(officesOfOtherBodies(q, IEC), q).toEqual([]);
    // "MOST" is an English word too: only when the article writes it; of two offices, the one beside the acronym is its.
    expect(officesOfOtherBodies('Who is the Vice Minister of MOST?', IEC)).toEqual([]);
    expect(officesOfOtherBodies('Where did the Vice Minister meet the IEC Secretary General?', IEC)).toEqual([]);
    expect(officesOfOtherBodies('When did Deputy Minister Le Xuan Dinh meet the ISO Secretary General?', IEC)).toEqual(['tong thu ky']);
    expect(officesOfOtherBodies('When did the Secretary General of ISO meet the Deputy Minister?', IEC)).toEqual(['tong thu ky']);
    // "chủ tịch của ABC" is ABC's; an office the article does not write is missingTitles' to report.
    expect(officesOfOtherBodies('Ai là chủ tịch ABC?', 'Năm 1950, Noble bổ nhiệm Robert Kintner làm chủ tịch của ABC.')).toEqual([]);
    expect(officesOfOtherBodies('Ai là Chủ tịch LMC?', IEC)).toEqual([]);
  });

  it('reads an English acronym the Vietnamese article spells out, or names beside the office, as that body', () => {
    const lower = (t: string) => [t.toLowerCase(), () => acronymSlots(t)] as const;
    const tumas =
      'Họ đã tổ chức thành Lực lượng Đặc nhiệm Giám lý Thống nhất về Phá thai và Tình dục (TUMAS) để củng cố vị thế. Ngài Paul T. Stallsworth, chủ tịch Lực lượng Đặc nhiệm Giám lý Thống nhất về Phá thai và Tình dục nói rằng ông tin.';
    expect(officesOfOtherBodies('Who is the president of TUMAS?', ...lower(tumas))).toEqual([]);
    const va = 'V&A có nguồn gốc từ Triển lãm Lớn năm 1851, trong đó Henry Cole, giám đốc đầu tiên của bảo tàng, đã tham gia vào việc lập kế hoạch.';
    expect(officesOfOtherBodies("Who was the V&A's first director?", ...lower(va))).toEqual([]);
    // An office the article joins to another acronym is still another body's.
    expect(officesOfOtherBodies('Who is the ISO Secretary General?', ...lower(IEC))).toEqual(['tong thu ky']);
    expect(officesOfOtherBodies('Who is the president of ABC?', ...lower(`${va} Ông Lê Văn B, giám đốc XYZ, cho biết.`))).toEqual([]);
    expect(officesOfOtherBodies('Who is the director of ABC?', ...lower(`Ông Lê Văn B, giám đốc XYZ, cho biết. ABC có trụ sở tại Hà Nội.`))).toEqual([
      'giam doc',
    ]);
  });

  it('reads an English "president" as a country\'s "Tổng thống" too', () => {
    const figueres = 'Tổng thống Costa Rica Jose María Figueres từng học tại Harvard.';
    expect(missingTitles('Who is the Costa Rican President that went to Harvard?', figueres.toLowerCase())).toEqual([]);
    expect(missingTitles('Who is the vice president of Costa Rica?', figueres.toLowerCase())).toEqual(['phó chủ tịch']);
    // A Vietnamese question's "Chủ tịch" is no "Tổng thống".
    expect(missingTitles('Chủ tịch Costa Rica là ai?', figueres.toLowerCase())).toEqual(['chủ tịch']);
    expect(extraTerms('Who is the president of Costa Rica?', 'en')).toEqual(expect.arrayContaining(['Chủ tịch', 'Tổng thống']));
  });

  it('finds an office given to a body written out that the article writes, but never with that office', () => {
    const both = `${IEC} Các quy chuẩn được Bộ KH&CN, Bộ Công Thương xây dựng.`;
    expect(officesOfOtherBodies('Ông Metzger làm việc với Thứ trưởng Bộ Công Thương ngày nào?', both)).toEqual(['thu truong']);
    expect(officesOfOtherBodies('Ai là Thứ trưởng Bộ Công Thương?', both)).toEqual(['thu truong']);
    // Its own body spelled out, a body the article does not write (whose spelling may differ), and one given the office in a sentence of its own.
    expect(officesOfOtherBodies('Ai là Thứ trưởng Bộ Khoa học và Công nghệ?', both)).toEqual([]);
    expect(officesOfOtherBodies('Ai là Thứ trưởng Bộ Tài chính?', both)).toEqual([]);
    expect(officesOfOtherBodies('Ai là Thứ trưởng Bộ Công Thương?', `${both} Ông Nguyễn Văn A, Thứ trưởng, đại diện Bộ Công Thương.`)).toEqual([]);
    // The body's acronym, as the article defines it, holds the office.
    const defined = `Ủy ban Kỹ thuật Điện Quốc tế (IEC) hỗ trợ Việt Nam. ${IEC}`;
    expect(officesOfOtherBodies('Tổng Thư ký Ủy ban Kỹ thuật Điện Quốc tế sang làm việc với Bộ KH&CN tên là gì?', defined)).toEqual([]);
  });

  it("reads an English question's offices through the glossary", () => {
    // A president, chairman or vice president: "Chủ tịch", which "Chủ tịch nước" is too.
    expect(missingTitles('Who is the IEC president?', IEC)).toEqual(['chủ tịch']);
    expect(missingTitles('Who is the vice president of the IEC?', IEC)).toEqual(['phó chủ tịch']);
    expect(missingTitles('Who is the president of Vietnam?', 'Chủ tịch nước Võ Văn Thưởng tiếp ông A.')).toEqual([]);
    expect(missingTitles("Who is Vietnam's Minister of Science and Technology?", IEC)).toEqual(['bộ trưởng']);
    expect(missingTitles('Who is the Vice Minister of Science and Technology?', IEC)).toEqual([]);
    expect(missingTitles('Who is the IEC Secretary General?', IEC)).toEqual([]);
  });

  it('leaves out, without tone marks, the offices that spell other words', () => {
    // "bi thu" is "bị thu (hồi)" as often as "bí thư".
    expect(missingTitles('xe bi thu hoi o dau', 'Chiếc xe đã bị thu hồi tại Hà Nội.')).toEqual([]);
    expect(missingTitles('xe bi thu hoi o dau', IEC)).toEqual([]);
    expect(missingTitles('Bí thư Tỉnh ủy là ai?', IEC)).toEqual(['bí thư']);
  });
});

describe('headOffices and headless', () => {
  it('finds the head office of a body, with the body as written or spelled out', () => {
    const heads = headOffices(IEC, 'IEC').map((o) => IEC.slice(o.start, o.end));
    expect(heads).toEqual(['Tổng Thư ký IEC']);
    const minister = 'Bộ trưởng Bộ Khoa học và Công nghệ Huỳnh Thành Đạt phát biểu.';
    expect(headOffices(minister, 'Bộ KH&CN').map((o) => minister.slice(o.start, o.end))).toEqual(['Bộ trưởng Bộ Khoa học và Công nghệ']);
    expect(headOffices(IEC.toLowerCase(), 'IEC')).toHaveLength(1);
  });

  it('does not take a deputy for the head', () => {
    expect(headOffices(IEC, 'Bộ KH&CN')).toEqual([]);
    expect(headOffices(IEC, 'Bộ KH&CN', true).map((o) => IEC.slice(o.start, o.end))).toEqual(['Thứ trưởng Bộ KH&CN']);
    expect(headOffices('Ông B, Phó Tổng Giám đốc EVN, cho biết.', 'EVN')).toEqual([]);
  });

  it('says an article does not tell who heads a body when it names only a deputy, or no one', () => {
    expect(headless(IEC, 'Bộ KH&CN', false)).toBe(true);
    expect(headless(IEC, 'IEC', true)).toBe(false);
    expect(headless(IEC, 'Viện Đo lường Việt Nam', false)).toBe(false);
    expect(headless(IEC, 'Viện Đo lường Việt Nam', true)).toBe(true);
  });
});

describe('officesAt', () => {
  it('reads each place as its longest office, in any case, with offsets in the text', () => {
    const text = 'Ông B, Phó Tổng Giám đốc EVN, gặp Tổng Thư ký IEC.';
    expect(officesAt(text).map((o) => [text.slice(o.start, o.end), o.title])).toEqual([
      ['Phó Tổng Giám đốc', 'phó tổng giám đốc'],
      ['Tổng Thư ký', 'tổng thư ký'],
    ]);
    expect(officesAt('Ông Bộ trưởngX phát biểu.')).toEqual([]);
  });

  it('reads a text without tone marks folded, leaving out offices that spell other words', () => {
    expect(officesAt('bo truong bo khcn la ai', true).map((o) => o.title)).toEqual(['bo truong']);
    // "bi thu" is "bị thu (hồi)" as often as "bí thư".
    expect(officesAt('xe bi thu hoi o dau', true)).toEqual([]);
    expect(officesAt('Bí thư Tỉnh ủy', false).map((o) => o.title)).toEqual(['bí thư']);
  });
});

describe('askedOffices and officesNamed', () => {
  it('reads the office a question names, its body, and whether its holder is asked for', () => {
    expect(askedOffices('Tổng Thư ký IEC là ai?')).toEqual([{ title: 'tong thu ky', body: 'IEC là', holder: true }]);
    expect(askedOffices('Ai là Thứ trưởng Bộ Khoa học và Công nghệ?')).toEqual([{ title: 'thu truong', body: 'Bộ Khoa học và Công nghệ', holder: true }]);
    expect(askedOffices('Tong thu ky IEC ten la gi')).toEqual([{ title: 'tong thu ky', body: 'IEC ten', holder: true }]);
    expect(askedOffices('Tổng Thư ký IEC gặp ai?')).toEqual([{ title: 'tong thu ky', body: 'IEC gặp', holder: false }]);
    expect(askedOffices('Ai đã tiếp Tổng Thư ký IEC?')).toEqual([{ title: 'tong thu ky', body: 'IEC', holder: false }]);
    expect(askedOffices('thu truong la ai')).toEqual([{ title: 'thu truong', holder: true }]);
    // In lower case: a question opening with the office and ending "là ai" asks for its holder,
    // whatever body is typed between; a word without vowels after the office is an acronym.
    expect(askedOffices('thu truong bo khoa hoc va cong nghe la ai')).toEqual([{ title: 'thu truong', holder: true }]);
    expect(askedOffices('tong thu ky lmc la ai')).toEqual([{ title: 'tong thu ky', body: 'LMC', holder: true }]);
    expect(askedOffices('tong thu ky iec gap ai')).toEqual([{ title: 'tong thu ky', holder: false }]);
    expect(askedOffices('ong metzger gap thu truong bo khcn la ai')).toEqual([{ title: 'thu truong', holder: false }]);
    // English, through the glossary: the acronym beside the office, and who is asked for.
    expect(askedOffices('Who is the IEC Secretary General?')).toEqual([{ title: 'tong thu ky', body: 'IEC', holder: true }]);
    expect(askedOffices('Who met the Secretary General of IEC?')).toEqual([{ title: 'tong thu ky', body: 'IEC', holder: false }]);
    expect(askedOffices('What is the name of the Vice Minister?')).toEqual([{ title: 'thu truong', holder: true }]);
    expect(askedOffices('Who is the WHO Secretary General?')).toEqual([{ title: 'tong thu ky', holder: true }]);
    expect(askedOffices('Hội nghị diễn ra ở đâu?')).toEqual([]);
  });

  it('finds the office asked in a text, of the body asked, written as an acronym or spelled out', () => {
    const named = (text: string, q: string) =>
      officesNamed(text, askedOffices(q)[0] as ReturnType<typeof askedOffices>[number]).map((o) => text.slice(o.start, o.end));
    expect(named(IEC, 'Tổng Thư ký IEC gặp ai?')).toEqual(['Tổng Thư ký IEC']);
    expect(named(IEC, 'Ai là Thứ trưởng Bộ Khoa học và Công nghệ?')).toEqual(['Thứ trưởng Bộ KH&CN']);
    expect(named(IEC.toLowerCase(), 'Ai là Thứ trưởng Bộ Khoa học và Công nghệ?')).toEqual(['thứ trưởng bộ kh&cn']);
    expect(named(IEC, 'Ai là Thứ trưởng Bộ Công Thương?')).toEqual([]);
    // The general office for its short name, never a deputy.
    expect(named(IEC, 'Ai là Thư ký IEC?')).toEqual(['Tổng Thư ký IEC']);
    expect(named('Ông B, Phó Tổng Thư ký IEC, phát biểu.', 'Tổng Thư ký IEC là ai?')).toEqual([]);
  });
});

describe('officeBeside', () => {
  const words = (s: string) => tokenize(s);
  const officeOf = (s: string, name: string) => {
    const w = words(s);
    const from = w.findIndex((t) => t.text === name.split(' ')[0]);
    return officeBeside(w, from, from + name.split(' ').length)?.office;
  };

  it('finds the office before a name, after it, and before "là (ông)" and the name', () => {
    expect(officeOf('Thứ trưởng Bộ KH&CN Lê Xuân Định phát biểu.', 'Lê Xuân Định')).toBe('thu truong');
    expect(officeOf('Ông Philippe Metzger, Tổng Thư ký IEC, cho biết.', 'Philippe Metzger')).toBe('tong thu ky');
    expect(officeOf('Tổng Thư ký IEC là ông Philippe Metzger.', 'Philippe Metzger')).toBe('tong thu ky');
    expect(officeOf('Tổng Thư ký IEC là Philippe Metzger.', 'Philippe Metzger')).toBe('tong thu ky');
    expect(officeOf('Thứ trưởng Bộ KH&CN ông Lê Xuân Định phát biểu.', 'Lê Xuân Định')).toBe('thu truong');
  });

  it('finds none where "là" joins something else to the name', () => {
    expect(officeOf('Người phát biểu là ông Philippe Metzger.', 'Philippe Metzger')).toBeUndefined();
    expect(officeOf('Tổng Thư ký IEC cho biết đó là ông Philippe Metzger.', 'Philippe Metzger')).toBeUndefined();
    // The office after "là" is the next person's when one is named right after it.
    expect(officeOf('Người tiếp ông Philippe Metzger là Bộ trưởng Lê Xuân Định.', 'Philippe Metzger')).toBeUndefined();
    expect(officeOf('Người tiếp ông Philippe Metzger là Bộ trưởng Lê Xuân Định.', 'Lê Xuân Định')).toBe('bo truong');
  });
});

describe('the body an office is of', () => {
  const of = (text: string, office: string, bodies: string[]) => {
    const start = text.indexOf(office);
    return officeOfBody(text, { start, end: start + office.length }, bodies);
  };

  it('is the one written right after it, after "của", or after a comma in the names that follow', () => {
    const text = 'Ông Philippe Metzger, Tổng Thư ký IEC cho biết.';
    expect(of(text, 'Tổng Thư ký', ['IEC'])).toBe(true);
    expect(of(text, 'Tổng Thư ký', ['ISO'])).toBe(false);
    expect(of('Ông A, Tổng Thư ký của IEC, cho biết.', 'Tổng Thư ký', ['IEC'])).toBe(true);
    expect(of('Bác sĩ B, Trưởng khoa Nội, Bệnh viện Bạch Mai cho biết.', 'Trưởng khoa', ['Bệnh viện Bạch Mai'])).toBe(true);
    // An acronym for its words, and back.
    expect(of('Thứ trưởng Bộ KH&CN Lê Xuân Định phát biểu.', 'Thứ trưởng', ['Bộ Khoa học và Công nghệ'])).toBe(true);
  });

  it('is not a body the sentence names later, after other words', () => {
    expect(of('Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC tạo điều kiện.', 'Thứ trưởng', ['IEC'])).toBe(false);
  });
});
