import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/dialogue/entities.js';
import { resolveFollowUp } from '../../src/dialogue/follow-up.js';
import type { Lang, Turn } from '../../src/types.js';

const LMC_P1 =
  'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại thành phố Bắc Kinh - Trung Quốc.';
const LMC_P2 =
  'Tại Hội nghị, Viện Đo lường Việt Nam đã chính thức ký kết Biên bản với các đối tác quốc tế trong LMC nhằm tạo ra một nền tảng vững chắc cho sự hợp tác đo lường giữa các quốc gia trong khu vực này.';
const IEC_P2 =
  'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';

/** An earlier turn that asked `question` and quoted `quote` from `paragraphId`. */
function turn(
  question: string,
  quote: string,
  paragraphId: string,
  lang: Lang = 'vi',
  date = paragraphId.startsWith('iec') ? '2024-06-05' : '2023-08-29',
): Turn {
  return { question, lang, refused: false, citations: [{ articleId: paragraphId.split('#')[0] as string, paragraphId, title: 't', date, quote }] };
}

const read = (q: string, history: Turn[], lang: Lang = 'vi') => resolveFollowUp(q, history, lang);

describe('entities', () => {
  it('finds people by name, title or honorific, and by role', () => {
    const e = findEntities(IEC_P2);
    expect(e.filter((x) => x.kind === 'person' && !x.role).map((x) => x.text)).toEqual(['Lê Xuân Định', 'Philippe Metzger']);
    expect(e.filter((x) => x.role).map((x) => x.text)).toEqual(['Tổng Thư ký IEC']);
    expect(e.find((x) => x.text === 'Lê Xuân Định')?.title).toBe('Thứ trưởng');
    expect(e.find((x) => x.text === 'Philippe Metzger')?.gender).toBe('male');
    expect(findEntities('Tổng Thư ký IEC làm việc ở đâu?')[0]).toMatchObject({ kind: 'person', text: 'Tổng Thư ký IEC', role: true });
    expect(findEntities('tong thu ky IEC den Ha Noi ngay nao').map((x) => [x.kind, x.text])).toEqual([
      ['person', 'tong thu ky IEC'],
      ['org', 'IEC'],
      ['place', 'Ha Noi'],
    ]);
  });

  it('finds named events, organisations, places and dates; a place is not a person though Hà is a family name', () => {
    const e = findEntities(LMC_P1).map((x) => [x.kind, x.text]);
    expect(e).toContainEqual(['event', 'Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4']);
    expect(e).toContainEqual(['place', 'thành phố Bắc Kinh - Trung Quốc']);
    expect(e).toContainEqual(['date', 'ngày 29 tháng 8 năm 2023']);
    expect(findEntities(IEC_P2).find((x) => x.text === 'Hà Nội')?.kind).toBe('place');
    const law = findEntities('Bộ Khoa học và Công nghệ (KH&CN) đang nỗ lực sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật tạo hành lang pháp lý');
    expect(law.map((x) => [x.kind, x.text])).toContainEqual(['org', 'Bộ Khoa học và Công nghệ (KH&CN)']);
    expect(law.find((x) => x.head === 'luat')?.kind).toBe('thing');
    expect(findEntities('Viện Đo lường Việt Nam tham dự hội nghị nào?')[0]?.text).toBe('Viện Đo lường Việt Nam');
  });
});

describe('follow-ups read by the kind of reference', () => {
  it('a personal pronoun is the person the earlier answer named when that turn asked who', () => {
    const h = [turn('Ai là Tổng Thư ký IEC?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    const f = read('Ông ấy nói gì về Việt Nam?', h);
    expect(f).toMatchObject({ followUp: true, how: 'reference', question: 'Ông Philippe Metzger nói gì về Việt Nam?' });
    expect(
      read('What did he say about Vietnam?', [turn('Who is the General Secretary of the IEC?', IEC_P2, 'iec-thanh-vien-2024#p2', 'en')], 'en').question,
    ).toBe('What did Philippe Metzger say about Vietnam?');
  });

  it('…and the person the question named otherwise, not a man for "bà ấy"', () => {
    const h = [turn('Thứ trưởng Lê Xuân Định mong muốn IEC làm gì?', 'Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC tạo điều kiện.', 'iec-thanh-vien-2024#p4')];
    expect(read('Ông ấy còn nói gì?', h).question).toBe('Ông Lê Xuân Định còn nói gì?');
    expect(read('Người này giữ chức vụ gì?', h).question).toBe('Thứ trưởng Lê Xuân Định giữ chức vụ gì?');
    const metzger = [turn('Ông Philippe Metzger nói gì?', 'Ông Philippe Metzger cho biết Việt Nam phát triển nhanh.', 'iec-thanh-vien-2024#p6')];
    expect(read('Bà ấy nói gì?', metzger).question).toBe('Bà ấy nói gì?');
  });

  it('a demonstrative is the named thing with that head noun, or the organisation the question asked for', () => {
    const h = [turn('Những quốc gia nào tham gia Hội nghị LMC lần thứ 4?', LMC_P1, 'do-luong-lmc-2023#p1')];
    expect(read('Hội nghị đó diễn ra ở đâu?', h).question).toBe('Hội nghị LMC lần thứ 4 diễn ra ở đâu?');
    const org = [turn('Tháng 6/2024 Bộ làm việc với tổ chức nào?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    expect(read('Tổ chức đó mong muốn gì?', org).question).toBe('IEC mong muốn gì?');
    expect(read('to chuc do mong muon gi?', org).question).toBe('IEC mong muon gi?');
    // The organisation asked for is the one with the question's words around it, not the one nearest a single word.
    const wish =
      'Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức của IEC và tham gia vào hoạt động xây dựng tiêu chuẩn quốc tế; hỗ trợ Việt Nam trong quá trình xây dựng quy chuẩn kỹ thuật quốc gia (QCVN), Tiêu chuẩn Việt Nam (TCVN) phù hợp với thực tiễn của Việt Nam.';
    const member = [turn('Which organisation does Vietnam want to become a full member of?', wish, 'iec-thanh-vien-2024#p4', 'en')];
    expect(read('Who is its General Secretary?', member, 'en').question).toBe("Who is IEC's General Secretary?");
  });

  it('"ở đó" after a question about an event is at that event; "khi đó" is the date the answer gave', () => {
    const h = [turn('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', LMC_P1, 'do-luong-lmc-2023#p1')];
    expect(read('Ở đó Việt Nam ký kết gì?', h).question).toBe('Tại Hội nghị LMC lần thứ 4 Việt Nam ký kết gì?');
    const when = [turn('Thứ trưởng Lê Xuân Định tiếp ai?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    expect(read('Khi đó IEC hứa gì?', when).question).toBe('Vào ngày 5/6/2024 IEC hứa gì?');
  });

  it('a bare question word takes the place of the earlier one, in either language', () => {
    const h = [turn('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', LMC_P1, 'do-luong-lmc-2023#p1')];
    expect(read('Còn ngày nào?', h)).toMatchObject({ how: 'ellipsis', question: 'Hội nghị LMC lần thứ 4 tổ chức ngày nào?' });
    expect(read('con ngay nao', h).question).toBe('Hoi nghi LMC lan thu 4 to chuc ngay nao?');
    expect(read('when?', h, 'en').question).toBe('Hội nghị LMC lần thứ 4 tổ chức khi nào?');
    const en = [turn('Where was the 4th LMC symposium held?', LMC_P1, 'do-luong-lmc-2023#p1', 'en')];
    expect(read('When?', en, 'en').question).toBe('When was the 4th LMC symposium held?');
    expect(read('Khi nào?', en).question).toBe('When was the 4th LMC symposium held?');
  });

  it('"tổ chức này" after a question for a person is the body written with the person the answer gave', () => {
    const h = [turn('Vào ngày 5/6/2024 ông Lê Xuân Định gặp ai?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    expect(read('Tổ chức này hỗ trợ gì?', h).question).toBe('IEC hỗ trợ gì?');
    // The body between a title and the name goes with that person.
    const met = [turn('Ông Philippe Metzger gặp ai?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    expect(read('Tổ chức này hỗ trợ gì?', met).question).toMatch(/^(?:Bộ )?KH&CN hỗ trợ gì\?$/u);
  });

  it('"hai bên" is the two people the earlier turn was about, an office beside its holder\'s name being that one person', () => {
    const h = [turn('Bộ KH&CN làm việc với ai ngày 5/6/2024?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    const q = read('Hai bên trao đổi gì?', h).question;
    expect(q).not.toContain('Tổng Thư ký IEC');
    expect(q).toMatch(/^(?:Ông Philippe Metzger và Thứ trưởng Lê Xuân Định|Thứ trưởng Lê Xuân Định và ông Philippe Metzger) trao đổi gì\?$/u);
    // An office named by no one beside it stays a person of its own.
    const apart = 'Tổng Thư ký IEC đã gặp Thứ trưởng Lê Xuân Định tại Hà Nội.';
    expect(read('Hai bên trao đổi gì?', [turn('Tổng Thư ký IEC gặp ai?', apart, 'iec-thanh-vien-2024#p2')]).question).toBe(
      'Tổng Thư ký IEC và Thứ trưởng Lê Xuân Định trao đổi gì?',
    );
  });

  it('after "gì", the answer goes where the question word was ("ký kết gì" → "ký kết Biên bản … với ai")', () => {
    const h = [turn('Viện Đo lường Việt Nam đã ký kết gì tại Hội nghị LMC?', LMC_P2, 'do-luong-lmc-2023#p2')];
    expect(read('Với ai?', h).question).toBe('Viện Đo lường Việt Nam đã ký kết Biên bản tại Hội nghị LMC với ai?');
    expect(read('Nhằm mục đích gì?', h).question).toBe('Viện Đo lường Việt Nam đã ký kết Biên bản tại Hội nghị LMC nhằm mục đích gì?');
  });

  it('"Còn X thì sao?" asks the same about X: an acronym for an acronym, a period for a period', () => {
    const h = [turn('Ai là Tổng Thư ký IEC?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    expect(read('Còn LMC thì sao?', h)).toMatchObject({ how: 'substitution', question: 'Ai là Tổng Thư ký LMC?', sameArticles: false });
    // A person typed with an honorific takes the place of the other's title too.
    const wish = [turn('Thứ trưởng Lê Xuân Định mong muốn gì?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    expect(read('Còn ông Metzger?', wish).question).toBe('Ông Metzger mong muốn gì?');
    expect(read('Con ong Metzger thi sao?', [turn('Ông Lê Xuân Định mong muốn gì?', IEC_P2, 'iec-thanh-vien-2024#p2')]).question).toBe(
      'Ong Metzger mong muon gi?',
    );
    // A country takes no acronym's place: "Vậy còn Lào?" after a question about the LMC conference is no "Hội nghị Lào".
    const where = [turn('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', LMC_P1, 'do-luong-lmc-2023#p1')];
    // Nor is it "… tổ chức ở đâu về Lào?": the question asked for a place, and Lào is one; what
    // is asked is where the articles write it, and the next country takes its place.
    expect(read('Vậy còn Lào?', where).question).toBe('Lào có được nhắc đến không?');
    const mentioned = [turn('Lào có được nhắc đến không?', LMC_P1, 'do-luong-lmc-2023#p1')];
    expect(read('Còn Thái Lan thì sao?', mentioned).question).toBe('Thái Lan có được nhắc đến không?');
    expect(read('What about Laos?', [turn('Where was the 4th LMC symposium held?', LMC_P1, 'do-luong-lmc-2023#p1', 'en')], 'en').question).toBe(
      'Do the articles mention Laos?',
    );
    // Nor, after a question for a date, "… tổ chức khi nào về Lào?", which asks for the same date
    // again; nor "… ký kết gì về Lào?", which quotes what was signed as if it were about Lào.
    expect(read('Vậy còn Lào?', [turn('Hội nghị LMC lần 4 tổ chức khi nào?', LMC_P1, 'do-luong-lmc-2023#p1')]).question).toBe('Lào có được nhắc đến không?');
    expect(read('Vậy còn Lào?', [turn('Viện Đo lường Việt Nam đã ký kết gì?', LMC_P2, 'do-luong-lmc-2023#p2')]).question).toBe('Lào có được nhắc đến không?');
    expect(read('What about Laos?', [turn('When was the 4th LMC symposium held?', LMC_P1, 'do-luong-lmc-2023#p1', 'en')], 'en').question).toBe(
      'Do the articles mention Laos?',
    );
    // What cannot be told apart (a common noun) after a question naming nothing stays a question about it.
    expect(read('Còn xe điện thì sao?', [turn('Đo lường có vai trò gì?', LMC_P2, 'do-luong-lmc-2023#p2')]).question).toBe('Đo lường có vai trò gì về xe điện?');
    const dated: Turn = {
      ...turn('Tháng 6/2024 Bộ làm việc với tổ chức nào?', IEC_P2, 'iec-thanh-vien-2024#p2'),
      period: { from: '2024-06-01', to: '2024-06-30', text: 'Tháng 6/2024', relative: false },
    };
    const f = read('Còn tháng 8/2023 thì sao?', [dated]);
    expect(f.question).toBe('tháng 8/2023 Bộ làm việc với tổ chức nào?');
    expect(f.period).toBeUndefined();
    expect(read('What about the LMC?', [turn('Who is the General Secretary of the IEC?', IEC_P2, 'iec-thanh-vien-2024#p2', 'en')], 'en').question).toBe(
      'Who is the General Secretary of the LMC?',
    );
  });

  it('a follow-up keeps the earlier period; a reference that cannot be resolved keeps its words and the earlier articles', () => {
    const dated: Turn = {
      ...turn('Tháng 6/2024 Bộ làm việc với tổ chức nào?', IEC_P2, 'iec-thanh-vien-2024#p2'),
      period: { from: '2024-06-01', to: '2024-06-30', text: 'Tháng 6/2024', relative: false },
    };
    expect(read('Tổ chức đó mong muốn gì?', [dated]).period).toMatchObject({ from: '2024-06-01', to: '2024-06-30' });
    const f = read('Bài này nói gì về xe điện?', [dated]);
    expect(f).toMatchObject({ followUp: true, articleIds: ['iec-thanh-vien-2024'], sameArticles: true });
  });

  it('a subjectless question that asks who or which first ("Có những nước nào tham gia?") is about the earlier topic', () => {
    const where = turn('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', LMC_P1, 'do-luong-lmc-2023#p1');
    expect(read('Có những nước nào tham gia?', [where]).question).toBe('Hội nghị LMC lần thứ 4: có những nước nào tham gia?');
    expect(read('Ai tham dự?', [where]).question).toBe('Hội nghị LMC lần thứ 4: ai tham dự?');
    expect(read('Có bao nhiêu quốc gia tham gia?', [where]).question).toBe('Hội nghị LMC lần thứ 4: có bao nhiêu quốc gia tham gia?');
    const en = turn('Where was the 4th LMC symposium held?', LMC_P1, 'do-luong-lmc-2023#p1', 'en');
    expect(read('Which countries took part?', [en], 'en').question).toBe('the 4th LMC symposium: which countries took part?');
    // A question that names its own subject stands alone.
    expect(read('Những nước nào tham gia Hội nghị LMC lần thứ 4?', [where]).followUp).toBe(false);
  });

  it('after a yes/no question, a question word goes after its statement, without its closing "không"', () => {
    const carbon = turn('Tín chỉ carbon có được nhắc đến không?', 'tín chỉ carbon', 'iec-thanh-vien-2024#p5');
    expect(read('Trong bài nào?', [carbon]).question).toBe('Tín chỉ carbon có được nhắc đến trong bài nào?');
    const plain = turn('tin chi carbon co duoc nhac den khong', 'tín chỉ carbon', 'iec-thanh-vien-2024#p5');
    expect(read('trong bai nao', [plain]).question).toBe('tin chi carbon co duoc nhac den trong bai nao?');
  });

  it('leaves questions that stand alone, and questions asked with no history, as they are', () => {
    const h = [turn('Ai là Tổng Thư ký IEC?', IEC_P2, 'iec-thanh-vien-2024#p2')];
    expect(read('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', h)).toMatchObject({ followUp: false, question: 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?' });
    expect(read('Ông ấy nói gì?', [])).toMatchObject({ followUp: false, question: 'Ông ấy nói gì?' });
    expect(read('Who is the minister of IT?', h, 'en').followUp).toBe(false);
  });
});
