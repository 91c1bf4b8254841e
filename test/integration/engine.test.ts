import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { CORPUS, tempDir } from '../support/corpus.js';
import { renderAnswer } from '../../src/cli/render.js';

let engine: Engine;
let indexDir: string;
beforeAll(async () => {
  indexDir = tempDir();
  engine = await createEngine({ config: { corpus: CORPUS, indexDir }, env: {}, logger: silentLogger });
});
afterAll(() => engine.close());

describe('answers over the real corpus', () => {
  it('quotes verbatim and cites real paragraphs with everything a journalist needs', async () => {
    const a = await engine.ask('Hội nghị chuyên đề LMC lần thứ 4 được tổ chức ở đâu?');
    expect(a.refused).toBe(false);
    expect(a.lang).toBe('vi');
    expect(a.citations.length).toBeGreaterThan(0);
    const c = a.citations[0]!;
    expect(c).toMatchObject({
      marker: 1,
      articleId: 'do-luong-lmc-2023',
      paragraphId: 'do-luong-lmc-2023#p1',
      paragraphNumber: 1,
      date: '2023-08-29',
      source: 'Bộ Khoa học và Công nghệ (MOST)',
    });
    expect(c.quote).toContain('Bắc Kinh');
    expect(a.text).toContain(`“${c.quote}” [1]`);
    for (const cit of a.citations) {
      expect(cit.paragraph).toContain(cit.quote);
      const src = await engine.source(cit.paragraphId);
      expect(src?.text).toBe(cit.paragraph);
      expect(a.text).toContain(`[${cit.marker}]`);
    }
  });

  it('puts a short direct answer on top when the question asks for a fact', async () => {
    const cases: Array<[string, string, string]> = [
      ['Ai đại diện Bộ KH&CN gặp IEC?', 'Lê Xuân Định', 'iec-thanh-vien-2024#p2'],
      ['Ai là Tổng Thư ký IEC?', 'ông Philippe Metzger', 'iec-thanh-vien-2024#p2'],
      ['IEC là gì?', 'Ủy ban Kỹ thuật Điện Quốc tế', 'iec-thanh-vien-2024#p1'],
      ['Những quốc gia nào cùng Việt Nam tham gia hội nghị?', 'Campuchia, Trung Quốc, Lào, Myanmar và Thái Lan', 'do-luong-lmc-2023#p1'],
      ['Hội nghị LMC lần thứ 4 tổ chức ở đâu?', 'thành phố Bắc Kinh - Trung Quốc', 'do-luong-lmc-2023#p1'],
      // Where the sentence places what the question asks about ("được tổ chức tại …"), not the other places it names.
      ['hội nghi do luong LMC tổ chức ở đâu', 'thành phố Bắc Kinh - Trung Quốc', 'do-luong-lmc-2023#p1'],
      ['Hội nghị LMC lần thứ 4 diễn ra khi nào?', 'ngày 29 tháng 8 năm 2023', 'do-luong-lmc-2023#p1'],
      ['Năm 2023 đánh dấu bao nhiêu năm quan hệ ngoại giao Việt Nam - Trung Quốc?', '73 năm', 'do-luong-lmc-2023#p5'],
      // The expansion in lower case; the words "viết tắt" that no article writes do not count against it.
      ['QCVN là viết tắt của gì?', 'quy chuẩn kỹ thuật quốc gia', 'iec-thanh-vien-2024#p4'],
      ['LMC là viết tắt của gì?', 'Hợp tác Lancang-Mekong', 'do-luong-lmc-2023#p1'],
      // An office, with the body it belongs to.
      // Paragraph 2 names him with his office as paragraph 6 does.
      ['Ông Philippe Metzger giữ chức vụ gì?', 'Tổng Thư ký IEC', 'iec-thanh-vien-2024#p2'],
      ['Chức vụ của ông Lê Xuân Định là gì?', 'Thứ trưởng Bộ KH&CN', 'iec-thanh-vien-2024#p2'],
      // The person the question names is not the answer to whom they met.
      ['Thứ trưởng Lê Xuân Định làm việc với ai?', 'Philippe Metzger', 'iec-thanh-vien-2024#p2'],
      ['Ngày 5/6/2024 Thứ trưởng Lê Xuân Định tiếp ai?', 'Philippe Metzger', 'iec-thanh-vien-2024#p2'],
      ['Ông Lê Xuân Định là ai?', 'Thứ trưởng', 'iec-thanh-vien-2024#p2'],
      // "năm" of "từ năm nào đến năm nào" is in every date; the span beside "giai đoạn hai" answers, and answers "bao lâu".
      ['Giai đoạn hai kéo dài từ năm nào đến năm nào?', 'từ 2023 đến 2028', 'do-luong-lmc-2023#p1'],
      ['Giai đoạn hai của hợp tác LMC kéo dài bao lâu?', 'từ 2023 đến 2028', 'do-luong-lmc-2023#p1'],
      // Both counts hold "năm"; the one beside the question's other words answers.
      ['Sáng kiến Vành đai và Con đường được bao nhiêu năm?', '10 năm', 'do-luong-lmc-2023#p5'],
      ['When did Le Xuan Dinh meet Philippe Metzger?', 'ngày 5/6/2024', 'iec-thanh-vien-2024#p2'],
      // In English, the count beside the words the glossary gives the question ("Sáng kiến Vành đai và Con đường").
      ['How many years of the Belt and Road Initiative did the conference mark?', '10 năm', 'do-luong-lmc-2023#p5'],
      // The ministry spelled out where the sentence writes its acronym, the holder without the office asked.
      ['Ai là Thứ trưởng Bộ Khoa học và Công nghệ?', 'Lê Xuân Định', 'iec-thanh-vien-2024#p2'],
      ['Who is the Vice Minister of Science and Technology?', 'Lê Xuân Định', 'iec-thanh-vien-2024#p2'],
      ['Who met the IEC Secretary General?', 'Lê Xuân Định', 'iec-thanh-vien-2024#p2'],
      // Typed in lower case: the acronym read in capitals.
      ['lmc la viet tat cua gi', 'Hợp tác Lancang-Mekong', 'do-luong-lmc-2023#p1'],
      // Said to be an abbreviation, a word with a vowel is an acronym typed in lower case too.
      ['bri viet tat cua gi', 'Sáng kiến Vành đai và Con đường', 'do-luong-lmc-2023#p5'],
      ['bri la viet tat cua tu gi', 'Sáng kiến Vành đai và Con đường', 'do-luong-lmc-2023#p5'],
    ];
    for (const [q, short, paragraphId] of cases) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.shortAnswer?.text, q).toContain(short);
      const cited = a.citations[(a.shortAnswer?.marker ?? 0) - 1];
      expect(cited?.paragraphId, q).toBe(paragraphId);
      // Verbatim: the short answer is in its quote, the quote in its paragraph.
      expect(cited?.quote, q).toContain(a.shortAnswer?.text);
      expect(cited?.paragraph).toContain(cited?.quote);
    }
    // A question that asks for no fact gets quotes only.
    expect((await engine.ask('Đo lường được coi là yếu tố quan trọng trong việc gì?')).shortAnswer).toBeUndefined();
  });

  it('reads ordinals spelled out or in Roman numerals as the numbers they are', async () => {
    // There is no 5th LMC symposium in the articles; the 4th is written "lần thứ 4".
    for (const q of ['Hội nghị LMC lần thứ năm diễn ra ở đâu?', 'Hội nghị LMC lần thứ V diễn ra ở đâu?']) expect((await engine.ask(q)).refused, q).toBe(true);
    const fourth = await engine.ask('Hội nghị LMC lần thứ IV tổ chức ở đâu?');
    expect(fourth.refused).toBe(false);
    expect(fourth.shortAnswer?.text).toContain('Bắc Kinh');
  });

  it("refuses another phase, another body in the place of the article's own, and a count the articles do not give", async () => {
    for (const q of [
      'Hội nghị LMC giai đoạn một diễn ra ở đâu?',
      'lmc giai doan ba bat dau nam nao',
      'Hội nghị chuyên đề ASEAN lần thứ 4 tổ chức ở đâu?',
      'Hội nghị LMC lần thứ 4 có bao nhiêu đại biểu tham dự?',
    ]) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    // The phase the article names, and a count it gives as a list, are answered.
    const phase = await engine.ask('Hội nghị LMC lần thứ 4 thuộc giai đoạn mấy?');
    expect(phase.shortAnswer?.text).toBe('giai đoạn hai');
    // Also when the verb follows the counted noun at once ("bộ xây dựng", "bộ ban hành"), which is no part of it.
    for (const q of [
      'Bao nhiêu bộ đã ban hành quy chuẩn dựa trên tiêu chuẩn IEC?',
      'Có bao nhiêu bộ xây dựng quy chuẩn dựa trên tiêu chuẩn IEC?',
      'Có mấy bộ ban hành quy chuẩn dựa trên tiêu chuẩn IEC?',
    ]) {
      const ministries = await engine.ask(q);
      expect(ministries.refused, q).toBe(false);
      expect(ministries.citations[0]?.quote, q).toContain('Bộ Công Thương');
    }
    // "bộ" of sets of standards or regulations is not counted by the ministries.
    for (const q of [
      'Hiện có bao nhiêu bộ TCVN đã được xây dựng trên cơ sở chấp nhận tiêu chuẩn IEC?',
      'Có bao nhiêu bộ quy chuẩn được xây dựng dựa trên tiêu chuẩn IEC?',
    ])
      expect((await engine.ask(q)).refused, q).toBe(true);
    // No length of 73 years for a meeting asked in days.
    expect((await engine.ask('Hội nghị chuyên đề LMC lần thứ 4 kéo dài bao nhiêu ngày?')).shortAnswer).toBeUndefined();
  });

  it('refuses in English an edition, phase, office or body the articles do not name', async () => {
    for (const q of [
      'Where was the 5th LMC symposium held?',
      'Where was the third LMC symposium held?',
      'When was the 5th LMC symposium?',
      'Where was phase three of LMC launched?',
      'When did Deputy Minister Le Xuan Dinh meet the ISO Secretary General?',
      'Who is the IEC president?',
      // A count the articles do not give, as "bao nhiêu đại biểu" is refused.
      'How many delegates attended the LMC symposium?',
    ]) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    for (const [q, short] of [
      ['Where was the 4th LMC symposium held?', 'Bắc Kinh'],
      ['Where was phase 2 of LMC held?', 'Bắc Kinh'],
      ['When did Deputy Minister Le Xuan Dinh meet the IEC Secretary General?', 'ngày 5/6/2024'],
    ] as const) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.shortAnswer?.text, q).toContain(short);
    }
  });

  it("refuses an office or a meeting of a body the article never joins to it, though it writes the body's name", async () => {
    for (const q of [
      'Ông Metzger làm việc với Thứ trưởng Bộ Công Thương ngày nào?',
      'Ai là Thứ trưởng Bộ Công Thương?',
      'Việt Nam cam kết gì tại hội nghị ASEAN?',
      'Hội nghị BRI lần 4 tổ chức ở đâu?',
    ]) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    expect((await engine.ask('Ông Metzger làm việc với Thứ trưởng Bộ KH&CN ngày nào?')).shortAnswer?.text).toBe('ngày 5/6/2024');
    expect((await engine.ask('Việt Nam cam kết gì tại hội nghị LMC?')).refused).toBe(false);
  });

  it("refuses a body named with a place the article gives it only with another: the other side's acts are not its", async () => {
    for (const q of ['Ai ký biên bản thay mặt Viện Đo lường Trung Quốc?', 'vien do luong trung quoc cam ket gi']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    expect((await engine.ask('Viện Đo lường Việt Nam cam kết gì?')).refused).toBe(false);
  });

  it('refuses someone asked of a side the article names no one of, not answering with the other side', async () => {
    for (const q of [
      'Ai ký biên bản thay mặt Trung Quốc?',
      'ai ky bien ban thay mat trung quoc',
      'Ai đại diện cho Trung Quốc ký biên bản?',
      'Who signed the memorandum on behalf of China?',
      'Who signed for the Chinese side?',
    ]) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    // Without a side asked, the signatory is the article's.
    expect((await engine.ask('Ai ký biên bản?')).shortAnswer?.text).toBe('Viện Đo lường Việt Nam');
  });

  it('answers "whom" with the other side, not the person or body the question names by a surname or as the doer', async () => {
    for (const q of ['Thứ trưởng Định tiếp ai?', 'Ngày 5 tháng 6 năm 2024 Thứ trưởng Định tiếp ai?', 'tháng sáu năm 2024 Bộ KH&CN làm việc với ai?']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.shortAnswer?.text, q).toBe('ông Philippe Metzger');
    }
  });

  it('answers who said a lead with the person the next paragraph says said it ("… cho biết như trên")', async () => {
    const a = await engine.ask('Ai cho biết Bộ KH&CN đang nỗ lực sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật?');
    expect(a.refused).toBe(false);
    expect(a.citations[0]?.paragraphId).toBe('iec-thanh-vien-2024#p1');
    expect(a.citations[1]?.paragraphId).toBe('iec-thanh-vien-2024#p2');
    expect(a.citations[1]?.quote).toContain('cho biết như trên');
    expect(a.shortAnswer).toEqual({ text: 'Thứ trưởng Bộ KH&CN Lê Xuân Định', marker: 2 });
  });

  it('answers what someone said "as above" with the lead paragraph, the attribution after it', async () => {
    for (const q of ['Ông Lê Xuân Định nói gì?', 'ong le xuan dinh noi gi', 'What did Le Xuan Dinh say?', 'Thứ trưởng Lê Xuân Định cho biết điều gì?']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.citations[0]?.paragraphId, q).toBe('iec-thanh-vien-2024#p1');
      expect(a.citations[0]?.quote, q).toMatch(/^Bộ Khoa học và Công nghệ \(KH&CN\) đang nỗ lực sửa đổi Luật/u);
      expect(a.citations[1]?.paragraphId, q).toBe('iec-thanh-vien-2024#p2');
      expect(a.citations[1]?.quote, q).toContain('cho biết như trên');
    }
    // Asked for his office, the attribution alone answers.
    const office = await engine.ask('Ông Lê Xuân Định giữ chức vụ gì tại Bộ Khoa học và Công nghệ?');
    expect(office.citations[0]?.paragraphId).toBe('iec-thanh-vien-2024#p2');
    // Someone the articles do not quote is still refused.
    expect((await engine.ask('Bộ trưởng Bộ KH&CN Huỳnh Thành Đạt đã nói gì với Tổng Thư ký IEC?')).refused).toBe(true);
  });

  it('refuses a question about an office the articles do not name, not answering with another office', async () => {
    // "Thứ trưởng Bộ KH&CN Lê Xuân Định" has every word of "Bộ trưởng Bộ KH&CN".
    for (const q of ['Bộ trưởng Bộ KH&CN là ai?', 'bo truong bo KH&CN la ai']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    const deputy = await engine.ask('Thứ trưởng Bộ KH&CN là ai?');
    expect(deputy.refused).toBe(false);
    expect(deputy.shortAnswer?.text).toContain('Lê Xuân Định');
  });

  it('refuses who did an act when the quoted paragraphs never state the act, and answers when they do', async () => {
    for (const q of [
      'Sáng kiến Vành đai và Con đường do ai khởi xướng?',
      'sang kien vanh dai va con duong do ai khoi xuong',
      'Who launched the Belt and Road Initiative?',
      'Ai là người sáng lập Viện Đo lường Việt Nam?',
    ]) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    // The host of the working session is the one who received the guest ("tại buổi tiếp và làm việc với …").
    const host = await engine.ask('Ai chủ trì buổi làm việc với IEC?');
    expect(host.refused).toBe(false);
    expect(host.shortAnswer?.text).toContain('Lê Xuân Định');
  });

  it("refuses a person's birth year and which visit it was when the quotes give only the date of a meeting", async () => {
    for (const q of ['Ông Metzger sinh năm nào?', 'ong metzger sinh nam nao', 'When was Philippe Metzger born?', 'Ông Metzger đến Việt Nam lần thứ mấy?']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    expect((await engine.ask('Hội nghị chuyên đề LMC được tổ chức lần thứ mấy?')).shortAnswer?.text).toBe('lần thứ 4');
  });

  it('refuses when an act was done when the quotes give no time and do not state the act', async () => {
    for (const q of ['Việt Nam gia nhập IEC khi nào?', 'viet nam gia nhap IEC khi nao', 'When did Vietnam join the IEC?']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
    expect((await engine.ask('Hội nghị LMC lần thứ 4 diễn ra khi nào?')).shortAnswer?.text).toBe('ngày 29 tháng 8 năm 2023');
  });

  it('refuses a count of partners the article never gives: "là một đối tác" is "a partner", no count', async () => {
    for (const q of ['Viện Đo lường Việt Nam ký biên bản với bao nhiêu đối tác?', 'How many partners did the Vietnam Metrology Institute sign with?']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
    }
  });

  it('answers who heads a body with its head, and refuses when the articles name only a deputy', async () => {
    for (const q of ['Ai là người đứng đầu IEC?', 'ai la nguoi dung dau IEC', 'Who leads the IEC?']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      // From the sentence that names him as the head office's holder, or the one he opens ("Ông Philippe Metzger, Tổng Thư ký IEC cho biết").
      expect(a.shortAnswer?.text, q).toMatch(/^[ôÔ]ng Philippe Metzger$/u);
    }
    for (const q of ['Người đứng đầu Bộ KH&CN là ai?', 'Ai là người đứng đầu Viện Đo lường Việt Nam?']) expect((await engine.ask(q)).refused, q).toBe(true);
  });

  it('answers "which conference" with the sentence that names it, not the caption that only says "Hội nghị"', async () => {
    const a = await engine.ask('Việt Nam tham dự hội nghị đo lường nào?');
    expect(a.refused).toBe(false);
    expect(a.shortAnswer?.text).toBe('Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4');
    expect(a.citations[0]?.quote).toContain('Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4');
    // The caption the question's words fit best is still quoted, after it.
    expect(a.citations.map((c) => c.quote)).toContain('Lãnh đạo và cán bộ Viện Đo lường Việt Nam tham dự Hội nghị');
    // An organisation asked for: the sentence naming one, before "… các tổ chức quốc tế".
    const org = await engine.ask('Bộ làm việc với tổ chức quốc tế nào?');
    expect(org.citations[0]?.quote).toContain('Ủy ban Kỹ thuật Điện Quốc tế (IEC)');
    // Not a sentence that names only the ministries, for "quốc tế" is asked.
    const joined = await engine.ask('Việt Nam tham gia tổ chức quốc tế nào?');
    expect(joined.citations[0]?.quote).not.toContain('Bộ Công Thương');
    // "Tổ chức" the verb: a conference is asked for.
    expect((await engine.ask('Việt Nam tổ chức hội nghị nào?')).shortAnswer?.text).toContain('Hội nghị chuyên đề Hợp tác Lancang-Mekong');
  });

  it('answers what a subject comprises with the bracket after it, not with the list it is an item of', async () => {
    for (const q of ['Lĩnh vực năng lượng tái tạo gồm những gì?', 'linh vuc nang luong tai tao gom nhung gi']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.shortAnswer?.text, q).toBe('năng lượng gió, mặt trời');
      expect(a.citations[0]?.quote, q).toContain('năng lượng tái tạo (năng lượng gió, mặt trời...)');
    }
  });

  it('answers an office asked by a surname or in few words, and gives the office of the person named', async () => {
    for (const q of ['Ông Metzger giữ chức gì?', 'ông Metzger giữ chức gì', 'Metzger chức vụ gì', 'ong metzger giu chuc gi']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.shortAnswer?.text, q).toBe('Tổng Thư ký IEC');
    }
    // The sentence names both men with their offices: each question gets its own man's.
    expect((await engine.ask('Ông Philippe Metzger, người sang làm việc với Bộ KH&CN, đảm nhiệm chức vụ gì?')).shortAnswer?.text).toBe('Tổng Thư ký IEC');
    expect((await engine.ask('Ông Lê Xuân Định giữ chức vụ gì?')).shortAnswer?.text).toBe('Thứ trưởng Bộ KH&CN');
  });

  it("answers an English office question as the Vietnamese one, never with the other man's office", async () => {
    for (const q of [
      "What is Metzger's position?",
      "What is Metzger's title?",
      "What is Metzger's role?",
      "What is Metzger's job?",
      'What position does Metzger hold?',
    ]) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.shortAnswer?.text, q).toBe('Tổng Thư ký IEC');
      // Not "nâng cao vị thế của Việt Nam", which "position" read as "vị thế" found.
      expect(a.citations[0]?.quote, q).toContain('Metzger');
    }
    expect((await engine.ask("What is Le Xuan Dinh's position?")).shortAnswer?.text).toMatch(/^Thứ trưởng/u);
  });

  it("refuses an office asked at a body the articles give the person no office of, not answering with another body's", async () => {
    for (const q of [
      'Ông Metzger giữ chức vụ gì ở ISO?',
      'ong metzger giu chuc vu gi o ISO',
      "What is Metzger's position at ISO?",
      'What position does Philippe Metzger hold at ISO?',
      // The IEC office in the articles is Mr Metzger's, not the Vice Minister's.
      'Ông Lê Xuân Định giữ chức vụ gì ở IEC?',
    ]) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.shortAnswer, q).toBeUndefined();
      // The closest articles still show where he is named.
      expect(a.closest[0]?.articleId, q).toBe('iec-thanh-vien-2024');
    }
    for (const [q, short] of [
      ['Ông Metzger giữ chức vụ gì ở IEC?', 'Tổng Thư ký IEC'],
      ["What is Metzger's position at the IEC?", 'Tổng Thư ký IEC'],
      // The body by the words the article spells its acronym out with, and back.
      ['Ông Metzger giữ chức vụ gì ở Ủy ban Kỹ thuật Điện Quốc tế?', 'Tổng Thư ký IEC'],
      ['Ông Lê Xuân Định giữ chức vụ gì tại Bộ Khoa học và Công nghệ?', 'Thứ trưởng Bộ KH&CN'],
    ] as const) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.shortAnswer?.text, q).toBe(short);
    }
  });

  it('reads "dựa trên" as the article\'s "trên cơ sở tham khảo", and "dựa vào đâu" as no place', async () => {
    const a = await engine.ask('Quy chuẩn về thiết bị điện phòng nổ dựa trên tiêu chuẩn nào?');
    expect(a.refused).toBe(false);
    expect(a.citations[0]?.quote).toContain('trên cơ sở tham khảo tiêu chuẩn của IEC');
    // "Tiêu chuẩn Việt Nam (TCVN)", named in a sentence on another subject, is no answer.
    expect(a.shortAnswer?.text ?? '').not.toContain('TCVN');
    expect((await engine.ask('quy chuan thiet bi dien phong no dua tren tieu chuan nao')).citations[0]?.quote).toContain('tiêu chuẩn của IEC');
    const basis = await engine.ask('Các quy chuẩn kỹ thuật quốc gia được xây dựng dựa vào đâu?');
    expect(basis.citations[0]?.quote).toContain('trên cơ sở tham khảo tiêu chuẩn của IEC');
    expect(basis.shortAnswer?.text ?? '').not.toBe('Việt Nam');
  });

  it('answers "why" with the purpose of what the question names, where no cause is given', async () => {
    const a = await engine.ask('Vì sao cần hỗ trợ chứng nhận sản phẩm?');
    expect(a.shortAnswer?.text).toBe('nâng cao năng lực cạnh tranh của doanh nghiệp Việt Nam trên thị trường thế giới');
    // "mục đích" asks for the purpose; the article says it with what follows the verb, not in that word.
    const law = await engine.ask('Việc sửa luật nhằm mục đích gì?');
    expect(law.refused).toBe(false);
    expect(law.citations[0]?.quote).toContain('tạo hành lang pháp lý thuận lợi');
  });

  it('finds what the question words say another way: "diễn ra" as "được tổ chức", "gặp ai" as "tiếp và làm việc với"', async () => {
    const where = await engine.ask('Hội nghị LMC lần thứ 4 diễn ra ở đâu?');
    expect(where.shortAnswer?.text).toContain('Bắc Kinh');
    const met = await engine.ask('Philippe Metzger gặp ai?');
    expect(met.refused).toBe(false);
    expect(met.shortAnswer?.text).toContain('Lê Xuân Định');
  });

  it('reads what a chat types: short forms, "bài X" for the article, a request to write out an acronym', async () => {
    const wrong = await engine.ask('HN LMC lần 4 đánh dấu 70 năm quan hệ ngoại giao VN-TQ đúng ko?');
    expect(wrong.verdict?.verdict).toBe('contradicted');
    expect(wrong.verdict?.mismatches[0]).toMatchObject({ kind: 'number', stated: '73 năm', claimed: '70 năm' });
    const photo = await engine.ask('Ảnh thứ hai bài IEC là cảnh gì?');
    expect(photo.citations[0]?.quote).toBe('Hai bên chụp ảnh lưu niệm.');
    expect((await engine.ask('Theo chú thích ảnh, hai phía đã cùng nhau làm gì?')).citations[0]?.quote).toBe('Hai bên chụp ảnh lưu niệm.');
    expect((await engine.ask('KH&CN trong bài là bộ gì, viết đầy đủ giúp mình?')).shortAnswer?.text).toBe('Bộ Khoa học và Công nghệ');
    expect((await engine.ask('LMC họp lần mấy?')).citations[0]?.quote).toContain('Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4');
  });

  it("checks a draft's words as a journalist asks about them: who said it, the end of a period, an acronym after a chat's opening", async () => {
    const who = await engine.ask('Bản thảo ghi Thứ trưởng Lê Xuân Định nhận định Việt Nam đang phát triển rất nhanh. Có đúng không?');
    expect(who.verdict?.verdict).toBe('contradicted');
    expect(who.verdict?.mismatches[0]).toMatchObject({ kind: 'person', claimed: 'Lê Xuân Định', stated: 'Philippe Metzger' });
    // No verdict: the draft's words are looked for without the draft, and the list of the countries quoted.
    const listed = await engine.ask('Bản thảo liệt kê Malaysia trong số các nước tham gia hội nghị LMC, bài gốc có nói vậy không?');
    expect(listed.refused).toBe(false);
    expect(listed.citations[0]?.quote).toContain('Campuchia, Trung Quốc, Lào, Myanmar và Thái Lan');
    const until = await engine.ask('Giai đoạn hai kéo dài đến năm 2030 đúng không?');
    expect(until.verdict?.mismatches[0]).toMatchObject({ kind: 'date', claimed: 'năm 2030', stated: 'từ 2023 đến 2028' });
    expect((await engine.ask('Cho mình hỏi TCVN nghĩa là gì?')).shortAnswer?.text).toBe('Tiêu chuẩn Việt Nam');
    expect((await engine.ask('Tên tiếng Việt đầy đủ của IEC được dùng trong bài là gì?')).shortAnswer?.text).toBe('Ủy ban Kỹ thuật Điện Quốc tế');
    const how = await engine.ask('Phía Việt Nam mong IEC hỗ trợ xây dựng QCVN và TCVN theo yêu cầu nào?');
    expect(how.citations[0]?.quote).toContain('phù hợp với thực tiễn của Việt Nam');
  });

  it('quotes first the sentence giving a fact of the kind asked when the likeliest gives none, and stays as sure as before', async () => {
    const where = await engine.ask('LMC lần 4 ở đâu?');
    expect(where.shortAnswer?.text).toBe('thành phố Bắc Kinh - Trung Quốc');
    expect(where.citations[1]?.quote).toContain('đánh dấu mốc 73 năm');
    // The body asked about is not where it is; an office the articles do not name, asked in English, is refused.
    expect((await engine.ask('Viện Đo lường VN có trụ sở ở đâu vậy?')).refused).toBe(true);
    expect((await engine.ask('Who is the director of the Vietnam Metrology Institute?')).refused).toBe(true);
    // A seat the article states nowhere, however sure the rest of the question is.
    expect((await engine.ask('Trụ sở của IEC đặt ở thành phố nào?')).refused).toBe(true);
    // Founding is "thành lập", which the articles never say of the IEC: not the date of the meeting.
    expect((await engine.ask('When was the IEC founded?')).refused).toBe(true);
    expect((await engine.ask('Who is the General Secretary of the IEC?')).shortAnswer?.text).toContain('Philippe Metzger');
    // A date of the article is no birth date: still refused.
    expect((await engine.ask('Thứ trưởng Lê Xuân Định sinh năm nào?')).refused).toBe(true);
  });

  it('quotes first the sentence with what was promised or signed, when the likeliest only says who', async () => {
    expect((await engine.ask('Metzger hứa gì với VN?')).citations[0]?.quote).toContain('khẳng định sẽ hỗ trợ Việt Nam');
    expect((await engine.ask('Viện Đo lường VN cam kết gì tại hội nghị?')).citations[0]?.quote).toContain('cam kết tăng cường hợp tác đo lường');
    // A short form the article never writes ("ĐLVN"), for words it spells out.
    const short = await engine.ask('Viện ĐLVN cam kết gì ở LMC?');
    expect(short.refused).toBe(false);
    expect(short.citations[0]?.quote).toContain('Viện Đo lường Việt Nam cam kết tăng cường hợp tác đo lường');
    // Said partly in English.
    const mixed = await engine.ask('IEC support VN về training gì?');
    expect(mixed.refused).toBe(false);
    expect(mixed.citations[0]?.quote).toContain('đào tạo nguồn nhân lực về lĩnh vực tiêu chuẩn hóa');
  });

  it('reads English, chat and briefing wordings of the same questions', async () => {
    // English verbs asked about, and "deputy science minister" as the deputy minister the article names.
    expect((await engine.ask('What did the IEC Secretary-General promise Vietnam?')).citations[0]?.quote).toContain('khẳng định sẽ hỗ trợ Việt Nam');
    const who = await engine.ask("Who is the IEC Secretary-General that met Vietnam's deputy science minister?");
    expect(who.refused).toBe(false);
    expect(who.citations[0]?.quote).toContain('Philippe Metzger');
    // Sums and counts the articles never give, asked in English or with "bn".
    for (const q of [
      'How much funding did China pledge for Lancang-Mekong metrology cooperation',
      'How many member countries does the IEC currently have',
      'phi thanh vien chinh thuc IEC VN phai dong bn',
    ])
      expect((await engine.ask(q)).refused, q).toBe(true);
    // A country said of no one: not the country someone spoke about.
    expect((await engine.ask('Ông Metzger mang quốc tịch nước nào?')).refused).toBe(true);
    // A briefing's words for an acronym's expansion, and a photo's caption asked for.
    expect((await engine.ask('Tên đầy đủ của chữ viết tắt QCVN được nêu trong báo cáo là gì?')).shortAnswer?.text).toBe('quy chuẩn kỹ thuật quốc gia');
    expect((await engine.ask('anh dau tien trong bai IEC chu thich ghi gi')).citations[0]?.quote).toBe('Toàn cảnh buổi làm việc.');
    // Said aloud: the presenter's opening and closing are no words the article must have.
    expect((await engine.ask('Mình muốn biết IEC là viết tắt của tổ chức nào vậy bạn?')).shortAnswer?.text).toBe('Ủy ban Kỹ thuật Điện Quốc tế');
    expect((await engine.ask('Nói nôm na là cái chữ LMC ấy viết đầy đủ ra là gì vậy bạn?')).shortAnswer?.text).toContain('Lancang-Mekong');
    const papers = await engine.ask('À, thế Viện Đo lường ký giấy tờ gì và ký với ai thế nhỉ?');
    expect(papers.refused).toBe(false);
    expect(papers.citations[0]?.quote).toContain('ký kết Biên bản');
    // A briefing's "mà X đề cập", "được báo cáo nêu", "Bài viết kết thúc với", and a list's kind ("loại văn bản").
    for (const [q, quoted] of [
      ['Kể tên các hình thức mà đại diện phía Việt Nam đề cập để thực hiện hợp tác đo lường.', 'thông qua các dự án nghiên cứu chung'],
      ['Ý nghĩa của công tác đo lường trong xã hội hiện đại được báo cáo nêu thể hiện qua những phương diện nào?', 'sự công bằng trong thương mại'],
      ['Bài viết kết thúc với kỳ vọng sự hợp tác sẽ mang lại những gì cho khu vực?', 'mang lại lợi ích chung'],
      ['VN nhờ IEC hỗ trợ xây dựng những loại văn bản nào', 'quy chuẩn kỹ thuật quốc gia (QCVN)'],
      ['VN đang nhắm tới tư cách thành viên gì ở IEC?', 'mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức'],
    ] as const) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.citations[0]?.quote, q).toContain(quoted);
    }
    // Where, not whose ("… quyết tâm của Việt Nam"); countries, not ministries; a place, not an institute.
    expect((await engine.ask('Hội nghị LMC năm 2023 ở đâu?')).shortAnswer?.text).toBe('thành phố Bắc Kinh - Trung Quốc');
    expect((await engine.ask('Những nước nào tham gia?')).shortAnswer?.text ?? '').not.toContain('Bộ KH&CN');
    expect((await engine.ask('Việt Nam ký Biên bản đo lường ở thành phố nào?')).shortAnswer?.text ?? '').not.toContain('Viện');
    // A list's noun is looked for when it is all the question names.
    expect((await engine.ask('Những bộ nào được bài viết đề cập?')).shortAnswer?.text).toBe('Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông');
    // An acronym the best paragraph's article never writes: the article that does is read first.
    expect((await engine.ask('Hợp tác với IEC sẽ góp phần giúp VN những gì?')).closest[0]?.articleId).toBe('iec-thanh-vien-2024');
  });

  it('reads either style of tone placement as the same word', async () => {
    const old = await engine.ask('IEC hỗ trợ đào tạo nhân lực về tiêu chuẩn hoá cho ai?');
    const modern = await engine.ask('IEC hỗ trợ đào tạo nhân lực về tiêu chuẩn hóa cho ai?');
    // The words are matched alike; the rules reading facts beside the question's words still read them as typed.
    expect(old.refused).toBe(false);
    expect(old.confidence).toBeCloseTo(modern.confidence, 1);
    expect(old.citations.map((c) => c.quote)).toEqual(modern.citations.map((c) => c.quote));
  });

  it('keeps every short answer inside its quote, whatever is asked', async () => {
    const words = [
      'Ai',
      'ở đâu',
      'khi nào',
      'bao nhiêu',
      'là gì',
      'những nước nào',
      'IEC',
      'LMC',
      'Hội nghị',
      'Việt Nam',
      'Lê Xuân Định',
      'tổ chức',
      'ký kết',
      'năm 2023',
      'thành viên',
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }), async (parts) => {
        const a = await engine.ask(`${parts.join(' ')}?`);
        for (const c of a.citations) expect(c.paragraph).toContain(c.quote);
        if (a.shortAnswer) expect(a.citations[a.shortAnswer.marker - 1]?.quote).toContain(a.shortAnswer.text);
        if (a.refused) expect(a.shortAnswer).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('finds the same paragraph for a question typed without tone marks', async () => {
    const marked = await engine.ask('Ai là Tổng Thư ký IEC?');
    const plain = await engine.ask('ai la tong thu ky IEC');
    expect(plain.refused).toBe(false);
    expect(plain.citations[0]?.paragraphId).toBe(marked.citations[0]?.paragraphId);
    expect(plain.citations[0]?.quote).toContain('Philippe Metzger');
  });

  it('answers an English question with English framing around the Vietnamese quote', async () => {
    const a = await engine.ask('Who is the General Secretary of the IEC?');
    expect(a.lang).toBe('en');
    expect(a.refused).toBe(false);
    expect(a.text.startsWith('According to the stored articles')).toBe(true);
    expect(a.citations[0]?.quote).toContain('Philippe Metzger');
  });

  it('reads how regulations are made in English ("based on", "built", "issued") as the news writes it', async () => {
    for (const q of [
      'Which ministries build technical regulations based on IEC standards?',
      'Which Vietnamese ministries issue technical regulations based on IEC standards?',
    ]) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.shortAnswer?.text, q).toBe('Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông');
      expect(a.citations[0]?.quote, q).toContain('trên cơ sở tham khảo tiêu chuẩn của IEC');
    }
  });

  it('refuses off-topic questions and near-misses plainly, listing the closest articles', async () => {
    const questions = [
      'Giá vàng hôm nay bao nhiêu?',
      'Việt Nam tiêm bao nhiêu liều vắc xin COVID-19?',
      // Near misses: another edition, a fact the articles do not give.
      'Hội nghị chuyên đề LMC lần thứ 5 sẽ tổ chức ở đâu?',
      'Trụ sở của IEC đặt ở thành phố nào?',
      'Viện Đo lường Việt Nam được thành lập năm nào?',
    ];
    for (const q of questions) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(true);
      expect(a.text).toBe('Không tìm thấy thông tin này trong các bài viết đã lưu.');
      expect(a.citations).toEqual([]);
      expect(a.closest.length).toBeGreaterThan(0);
    }
    const en = await engine.ask('What is the population of Ho Chi Minh City?');
    expect(en).toMatchObject({ refused: true, text: 'This information was not found in the stored articles.' });
  });

  it('handles empty, huge and odd input as answers, not exceptions', async () => {
    expect(await engine.ask('   \u200B ')).toMatchObject({ refused: true, reason: 'empty-question' });
    expect(await engine.ask('?!')).toMatchObject({ refused: true, reason: 'empty-question' });
    expect(await engine.ask('hội nghị '.repeat(2000))).toMatchObject({ refused: true, reason: 'too-long' });
    const odd = await engine.ask('<b>IEC</b> \u202Eai là Tổng Thư ký\u0000?');
    expect(odd.citations[0]?.quote ?? '').toContain('Philippe Metzger');
  });

  it('states the longest question it takes (KIEMCHUNG_MAX_QUESTION_CHARS) and holds to it', async () => {
    expect(engine.limits).toEqual({ maxQuestionChars: 2000, maxCheckChars: 10_000 });
    const small = await createEngine({ config: { corpus: CORPUS, indexDir }, env: { KIEMCHUNG_MAX_QUESTION_CHARS: '100' }, logger: silentLogger });
    try {
      expect(small.limits.maxQuestionChars).toBe(100);
      const long = 'IEC '.repeat(26);
      expect(await small.ask(long)).toMatchObject({ refused: true, reason: 'too-long' });
      // The refusal says the limit and how long the question was, as Telegram and Discord do.
      expect((await small.ask('hội nghị '.repeat(12))).text).toBe('Câu hỏi quá dài (107 ký tự). Xin rút gọn dưới 100 ký tự.');
      expect((await small.ask('Who met whom at the conference in Hanoi? '.repeat(3))).text).toBe(
        'That question is too long (122 characters). Please keep it under 100.',
      );
      await expect(small.search(long)).rejects.toMatchObject({ code: 'input' });
      expect((await small.ask(long.slice(0, 100))).reason).not.toBe('too-long');
    } finally {
      await small.close();
    }
  });

  it('filters by article, source and date range', async () => {
    const q = 'hợp tác quốc tế của Việt Nam';
    const onlyIec = await engine.search(q, { filter: { articleIds: ['iec-thanh-vien-2024'] } });
    expect(onlyIec.length).toBeGreaterThan(0);
    expect(new Set(onlyIec.map((h) => h.articleId))).toEqual(new Set(['iec-thanh-vien-2024']));
    const in2023 = await engine.search(q, { filter: { dateFrom: '2023-01-01', dateTo: '2023-12-31' } });
    expect(new Set(in2023.map((h) => h.articleId))).toEqual(new Set(['do-luong-lmc-2023']));
    const none = await engine.ask(q, { filter: { sources: ['Nobody'] } });
    expect(none).toMatchObject({ refused: true, reason: 'not-in-filter' });
  });

  it('quotes a photo caption for what only it says, cited as a caption after the body paragraphs', async () => {
    const a = await engine.ask('Lễ ký kết tại Hội nghị là ký chương trình gì?');
    expect(a.refused).toBe(false);
    const c = a.citations[0];
    expect(c).toMatchObject({ paragraphId: 'do-luong-lmc-2023#p7', paragraphNumber: 7, captionsFrom: 7 });
    expect(c?.quote).toContain('Chương trình hành động tăng cường tiến bộ về đo lường');
    expect(renderAnswer(a)).toContain('— chú thích ảnh 1, do-luong-lmc-2023#p7');
    // A topic found only in a caption is cited the same way in the list of articles about it.
    const topic = await engine.ask('Chụp ảnh lưu niệm được nhắc đến trong bài nào?');
    expect(topic.citations[0]).toMatchObject({ paragraphId: 'iec-thanh-vien-2024#p8', captionsFrom: 7 });
    expect(renderAnswer(topic)).toContain('— chú thích ảnh 2, iec-thanh-vien-2024#p8');
    // The source of a caption says which caption it is; the article's paragraphs are counted without them.
    const p = await engine.source('iec-thanh-vien-2024#p8');
    expect(p).toMatchObject({ text: 'Hai bên chụp ảnh lưu niệm.', paragraphCount: 6, captionsFrom: 7 });
  });

  it('answers a question about a photo with its caption, and refuses a photo the article does not have', async () => {
    const first = await engine.ask('Bức ảnh thứ nhất trong bài về IEC ghi lại cảnh gì?');
    expect(first.refused).toBe(false);
    expect(first.citations.map((c) => c.paragraphId)).toEqual(['iec-thanh-vien-2024#p7']);
    expect(first.citations[0]?.quote).toBe('Toàn cảnh buổi làm việc.');
    const last = await engine.ask('anh cuoi cung trong bai ve hoi nghi LMC chup gi');
    expect(last.citations.map((c) => c.paragraphId)).toEqual(['do-luong-lmc-2023#p9']);
    // A bare "ảnh" in the article named: that article's captions, not a sentence of another that says "chụp ảnh".
    for (const q of ['Ảnh trong bài về đo lường chụp gì?', 'Ảnh trong bài LMC chụp gì?']) {
      const a = await engine.ask(q);
      expect(a.refused, q).toBe(false);
      expect(a.citations.length, q).toBeGreaterThan(0);
      for (const c of a.citations) expect(c.paragraphId, q).toMatch(/^do-luong-lmc-2023#p(?:7|8|9)$/);
    }
    // Without a place, the caption holding the question's other words.
    const who = await engine.ask('Theo chú thích ảnh, lãnh đạo Viện Đo lường Việt Nam có tham dự hội nghị LMC không?');
    expect(who.citations[0]?.paragraphId).toBe('do-luong-lmc-2023#p9');
    // What the photo shows or illustrates, and how it is captioned, are not words of its article.
    for (const q of [
      'Bức ảnh đầu tiên trong bài về IEC ghi lại khung cảnh gì?',
      'Bức ảnh đầu tiên minh họa cho bài viết về buổi làm việc với IEC được chú thích như thế nào?',
    ]) {
      expect(
        (await engine.ask(q)).citations.map((c) => c.quote),
        q,
      ).toEqual(['Toàn cảnh buổi làm việc.']);
    }
    // Nothing of the question left but a chat's framing and function words: the whole question is asked.
    expect((await engine.ask('À, thế còn tấm ảnh thứ hai thì người ta ghi chú thích thế nào nhỉ?')).citations.map((c) => c.quote)).toEqual([
      'Hai bên chụp ảnh lưu niệm.',
    ]);
    // The IEC article has two photos.
    expect(await engine.ask('Ảnh thứ tư trong bài về IEC chụp gì?')).toMatchObject({ refused: true });
    // In English, and the rest of the question decides as elsewhere: there is no 9th LMC symposium.
    expect((await engine.ask('What does the first photo in the IEC article show?')).citations[0]?.quote).toBe('Toàn cảnh buổi làm việc.');
    expect(await engine.ask('Bức ảnh đầu tiên trong bài về Hội nghị chuyên đề LMC lần thứ 9 chụp cảnh gì?')).toMatchObject({ refused: true });
    // Nothing but photo words: answered as any question, never read as a photo question again.
    for (const q of ['Ảnh chụp', 'photo', 'Chú thích ảnh']) expect(typeof (await engine.ask(q)).refused).toBe('boolean');
    // "ảnh hưởng" is no photo.
    expect((await engine.ask('Hợp tác với IEC ảnh hưởng thế nào đến vị thế của Việt Nam?')).citations[0]?.paragraphId).toBe('iec-thanh-vien-2024#p3');
  });

  it('serves sources, suggestions and stats', async () => {
    expect(await engine.source('../../etc/passwd')).toBeNull();
    expect(await engine.source('iec-thanh-vien-2024#p99')).toBeNull();
    expect(await engine.source('x'.repeat(5000))).toBeNull();
    const p = await engine.source('iec-thanh-vien-2024#p2');
    expect(p).toMatchObject({ paragraphNumber: 2, paragraphCount: 6, title: 'Hỗ trợ để Việt Nam sớm trở thành thành viên chính thức của IEC' });
    // Six body paragraphs and two photo captions.
    expect((await engine.suggest('iec-thanh-vien-2024#p')).length).toBe(8);
    expect((await engine.suggest('do luong'))[0]?.paragraphId).toBe('do-luong-lmc-2023#p1');
    expect(engine.stats()).toMatchObject({
      articles: 2,
      paragraphs: 17,
      dateFrom: '2023-08-29',
      dateTo: '2024-06-05',
      embedder: { id: 'corpus', dimension: 64 },
      llm: 'none',
    });
  });
});
