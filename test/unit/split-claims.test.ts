import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asksAboutDraft, splitClaims, statementOf, withoutSourceAttribution } from '../../src/check/split-claims.js';

describe('splitClaims', () => {
  it('keeps declarative sentences and says why the others are not checked', () => {
    const r = splitClaims(
      'Chào cả nhà! Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Các bạn thấy sao? Tôi nghĩ đây là tin vui. Việt Nam đã trở thành thành viên chính thức của IEC vào tháng 6/2024.\n#tin_nong\nHãy chia sẻ bài này.',
    );
    expect(r.claims).toEqual(['Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.', 'Việt Nam đã trở thành thành viên chính thức của IEC vào tháng 6/2024.']);
    expect(r.skipped.map((s) => s.reason)).toEqual(['greeting', 'question', 'opinion', 'no-fact', 'no-fact']);
    expect(r.skipped[1]?.text).toBe('Các bạn thấy sao?');
  });

  it('skips a call to action however it opens, and checks a statement that opens with the same words', () => {
    for (const cta of [
      'Chia sẻ ngay nhé mọi người.',
      'Hãy chia sẻ bài viết này.',
      'Mời bạn đọc xem thêm chi tiết trong bài.',
      'Xem thêm tại đây nhé.',
      'Đọc thêm ở phần bình luận.',
    ]) {
      expect(splitClaims(cta), cta).toEqual({ claims: [], skipped: [{ text: cta, reason: 'no-fact' }] });
    }
    for (const claim of [
      'Bộ KH&CN chia sẻ kinh nghiệm với IEC.',
      'Chia sẻ tại hội nghị, Thứ trưởng Lê Xuân Định cho biết Việt Nam mong muốn trở thành thành viên chính thức của IEC.',
      'Mời chuyên gia IEC sang Việt Nam đào tạo là một phần của thỏa thuận.',
      'Chia sẻ dữ liệu đo lường giữa 6 nước là mục tiêu của giai đoạn hai.',
      'Chia sẻ thông tin về quy trình và phương pháp đo là một hình thức hợp tác đo lường.',
    ]) {
      expect(splitClaims(claim), claim).toEqual({ claims: [claim], skipped: [] });
    }
  });

  it('reads English too, and questions without a question mark', () => {
    const r = splitClaims('Hello! Is the IEC in Geneva\nThe 4th LMC symposium was held in Beijing. I think it went well.');
    expect(r.claims).toEqual(['The 4th LMC symposium was held in Beijing.']);
    expect(r.skipped.map((s) => s.reason)).toEqual(['greeting', 'question', 'opinion']);
  });

  it('checks at most the given number of claims and skips the rest as too many', () => {
    const text = Array.from({ length: 5 }, (_, i) => `Viện Đo lường Việt Nam ký kết văn bản số ${i + 1} với đối tác.`).join(' ');
    const r = splitClaims(text, 3);
    expect(r.claims).toHaveLength(3);
    expect(r.skipped.map((s) => s.reason)).toEqual(['too-many', 'too-many']);
  });

  it("reads a post's pictographs as ends of sentences and drops a headline label", () => {
    expect(
      splitClaims('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tại Hà Nội ngày 5/6/2024 ✅ Việt Nam đã trở thành thành viên chính thức của IEC ✅')
        .claims,
    ).toEqual(['Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tại Hà Nội ngày 5/6/2024', 'Việt Nam đã trở thành thành viên chính thức của IEC']);
    expect(splitClaims('🔥 TIN NÓNG: Việt Nam cam kết tăng cường hợp tác đo lường!').claims).toEqual(['Việt Nam cam kết tăng cường hợp tác đo lường!']);
    const r = splitClaims('📢 Chia sẻ ngay!!! 👉 Hội nghị LMC lần thứ 4 diễn ra tại Bắc Kinh.');
    expect(r.claims).toEqual(['Hội nghị LMC lần thứ 4 diễn ra tại Bắc Kinh.']);
    expect(r.skipped.map((x) => x.text)).toEqual(['Chia sẻ ngay!!!']);
  });

  it('drops list markers, keeps the words of every sentence, and never loses a sentence', () => {
    const r = splitClaims('- Hội nghị diễn ra tại Bắc Kinh.\n• IEC hỗ trợ Việt Nam đào tạo chuyên gia trẻ.');
    expect(r.claims).toEqual(['Hội nghị diễn ra tại Bắc Kinh.', 'IEC hỗ trợ Việt Nam đào tạo chuyên gia trẻ.']);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Hội nghị diễn ra tại Bắc Kinh.', 'Bạn khỏe không?', 'Xin chào.', 'Theo tôi thì hay.', 'IEC có trụ sở ở Geneva.', '???'), {
          maxLength: 8,
        }),
        (parts) => {
          const r2 = splitClaims(parts.join(' '), 100);
          const words = parts.filter((p) => /\p{L}/u.test(p)).length;
          expect(r2.claims.length + r2.skipped.length).toBe(words);
        },
      ),
    );
  });
});

describe('withoutSourceAttribution', () => {
  it('checks what a claim attributed to the articles themselves says, and keeps any other attribution', () => {
    const cases: Array<[string, string]> = [
      ['Theo bài viết, hợp tác đo lường giúp tăng năng suất.', 'hợp tác đo lường giúp tăng năng suất.'],
      ['theo bai viet, hop tac do luong giup tang nang suat', 'hop tac do luong giup tang nang suat'],
      ['Bài báo cho biết rằng IEC sẽ hỗ trợ Việt Nam.', 'IEC sẽ hỗ trợ Việt Nam.'],
      ['According to the article, IEC will support Vietnam.', 'IEC will support Vietnam.'],
      // Who said it is part of the claim; too little left is no claim of its own.
      ['Theo Bộ KH&CN, IEC sẽ hỗ trợ Việt Nam.', 'Theo Bộ KH&CN, IEC sẽ hỗ trợ Việt Nam.'],
      ['Theo bài viết, đúng.', 'Theo bài viết, đúng.'],
    ];
    for (const [claim, checked] of cases) expect(withoutSourceAttribution(claim), claim).toBe(checked);
  });
});

describe('statementOf', () => {
  it('reads the statement a yes/no question asks about', () => {
    expect(statementOf('Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?')).toBe('Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội');
    expect(statementOf('Việt Nam đã là thành viên chính thức của IEC chưa?')).toBe('Việt Nam đã là thành viên chính thức của IEC');
    expect(statementOf('Hội nghị diễn ra ngày 29/8/2023, đúng không?')).toBe('Hội nghị diễn ra ngày 29/8/2023');
    expect(statementOf('Is it true that the symposium was held in Hanoi?')).toBe('The symposium was held in Hanoi');
    expect(statementOf('Viện Đo lường Việt Nam không ký kết Biên bản.')).toBe('Viện Đo lường Việt Nam không ký kết Biên bản');
  });

  it('keeps "là" for "có phải" before what the subject is, not before a verb', () => {
    expect(statementOf('Việt Nam có phải thành viên chính thức của IEC không?')).toBe('Việt Nam là thành viên chính thức của IEC');
    expect(statementOf('viet nam co phai thanh vien chinh thuc cua IEC khong?')).toBe('Viet nam la thanh vien chinh thuc cua IEC');
    expect(statementOf('Ông Metzger có phải Tổng Thư ký IEC không?')).toBe('Ông Metzger là Tổng Thư ký IEC');
    expect(statementOf('Việt Nam có phải là đối tác quan trọng trong LMC không?')).toBe('Việt Nam là đối tác quan trọng trong LMC');
    expect(statementOf('Hội nghị có phải được tổ chức ở Hà Nội không?')).toBe('Hội nghị được tổ chức ở Hà Nội');
    expect(statementOf('Viện Đo lường có phải đã ký biên bản không?')).toBe('Viện Đo lường đã ký biên bản');
    // Typed all in capitals, a capital after "có phải" names nothing: the verb stays a verb.
    expect(statementOf('VIỆT NAM CÓ PHẢI ĐÃ KÝ BIÊN BẢN KHÔNG?')).toBe('VIỆT NAM ĐÃ KÝ BIÊN BẢN');
    expect(statementOf('VIỆT NAM CÓ PHẢI THÀNH VIÊN CHÍNH THỨC CỦA IEC KHÔNG?')).toBe('VIỆT NAM là THÀNH VIÊN CHÍNH THỨC CỦA IEC');
  });

  it('checks the words of a draft, not the draft: its framing and the question tags that follow one another are left out', () => {
    expect(statementOf('Bản thảo liệt kê Malaysia trong số các nước tham gia hội nghị LMC, bài gốc có nói vậy không?')).toBe(
      'Malaysia trong số các nước tham gia hội nghị LMC',
    );
    expect(statementOf('Bản thảo viết ông Metzger hứa hỗ trợ Việt Nam trong năm 2025 — có đúng không?')).toBe('Ông Metzger hứa hỗ trợ Việt Nam trong năm 2025');
    expect(statementOf('Cho mình kiểm tra lại chút: bài có nhắc Lào với Myanmar có mặt ở hội nghị, đúng không nhỉ?')).toBe('Lào với Myanmar có mặt ở hội nghị');
    expect(statementOf('Ban thao ghi hoi nghi to chuc o Ha Noi, dung khong?')).toBe('Hoi nghi to chuc o Ha Noi');
    // A word the verb begins is the subject's; a tag after "đúng không" goes too.
    expect(statementOf('Bài nói chuyện của Tổng Bí thư kéo dài 2 giờ đúng không?')).toBe('Bài nói chuyện của Tổng Bí thư kéo dài 2 giờ');
    expect(statementOf('Bài viết ghi nhận Viện Đo lường ký biên bản, đúng không?')).toBe('Bài viết ghi nhận Viện Đo lường ký biên bản');
    expect(statementOf('Hội nghị tổ chức tại Bắc Kinh đúng không vậy?')).toBe('Hội nghị tổ chức tại Bắc Kinh');
    // "Tin tặc" is no "tin" that reports.
    expect(statementOf('Tin tặc tấn công Bộ phải không?')).toBe('Tin tặc tấn công Bộ');
    expect(asksAboutDraft('Bản thảo liệt kê Malaysia trong số các nước tham gia hội nghị LMC, bài gốc có nói vậy không?')).toBe(true);
    expect(asksAboutDraft('Hội nghị diễn ra ở Bắc Kinh, bài gốc có nói vậy không?')).toBe(true);
    expect(asksAboutDraft('Tin tặc tấn công Bộ phải không?')).toBe(false);
    expect(asksAboutDraft('Malaysia có tham gia hội nghị LMC không?')).toBe(false);
  });

  it('turns an English yes/no question into its statement when the subject can be told apart', () => {
    expect(statementOf('Is Vietnam an important partner in LMC?')).toBe('Vietnam is an important partner in LMC');
    expect(statementOf('Was the 4th LMC symposium held in Beijing?')).toBe('The 4th LMC symposium was held in Beijing');
    expect(statementOf('Did the IEC Secretary General meet Le Xuan Dinh in Hanoi?')).toBe('The IEC Secretary General did meet Le Xuan Dinh in Hanoi');
    expect(statementOf('Has the Ministry of Science and Technology amended the law?')).toBe('The Ministry of Science and Technology has amended the law');
    expect(statementOf('Is Vietnam already a full member of the IEC?')).toBe('Vietnam is already a full member of the IEC');
    // No word to tell where the subject ends: the words stay as asked.
    expect(statementOf('Is Vietnam important?')).toBe('Is Vietnam important');
    expect(statementOf('Did they sign?')).toBe('Did they sign');
    expect(statementOf('Do Việt Nam đề xuất nên hội nghị được tổ chức phải không?')).toBe('Do Việt Nam đề xuất nên hội nghị được tổ chức');
  });
});

describe('questions typed without a question mark', () => {
  it('are questions when they end with a question word or start with "why", "how many"', () => {
    for (const q of [
      'hoi nghi LMC lan thu 4 to chuc o dau',
      'Tổng Thư ký IEC là ai',
      'Tại sao Việt Nam muốn vào IEC',
      'Việt Nam đã là thành viên IEC chưa',
      'where was the LMC symposium held',
    ]) {
      expect(
        splitClaims(q).skipped.map((s) => s.reason),
        q,
      ).toEqual(['question']);
    }
    expect(splitClaims('Việt Nam đẩy mạnh ứng dụng AI.').claims).toHaveLength(1);
    expect(splitClaims('Hội nghị không nêu tên quốc gia nào.').claims).toHaveLength(1);
  });
  it('are questions when a particle closes them ("vậy", "thế", "ạ", "không ạ"), or when they ask to be told', () => {
    for (const q of [
      'Tổng Thư ký IEC là ai vậy',
      'Hội nghị LMC lần thứ 4 tổ chức ở đâu thế',
      'Hội nghị LMC lần thứ 4 tổ chức ở đâu vậy ạ',
      'Việt Nam ký kết gì tại Hội nghị LMC ạ',
      'Hội nghị LMC lần thứ 4 có những nước nào tham gia ạ',
      'Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không ạ',
      'Cho tôi biết Việt Nam ký kết gì tại Hội nghị LMC',
      'Xin hỏi Tổng Thư ký IEC là ai',
      'tong thu ky IEC la ai vay',
      'hoi nghi LMC lan thu 4 to chuc o dau the a',
      'viet nam ky ket gi tai hoi nghi LMC a',
      'cho toi biet Viet Nam ky ket gi tai hoi nghi LMC',
    ]) {
      expect(
        splitClaims(q).skipped.map((s) => s.reason),
        q,
      ).toEqual(['question']);
    }
    // Statements that end in a particle, or say "nothing", "everyone", stay claims.
    for (const c of [
      'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội ạ',
      'Hội nghị không bàn gì thêm ạ',
      'Việt Nam đẩy mạnh ứng dụng AI ạ',
      'Viet Nam khong the tham gia IEC',
      'Hội nghị có ý nghĩa như vậy.',
    ]) {
      expect(splitClaims(c).claims, c).toHaveLength(1);
    }
  });
});
