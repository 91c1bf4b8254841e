import { describe, expect, it } from 'vitest';
import { compareClaim } from '../../src/check/compare.js';
import { compare, weightOf } from '../support/compare-claim.js';
import { recased } from '../../src/check/facts.js';

const named = (claim: string, ...evidence: string[]) => {
  const r = compare(claim, ...evidence);
  return r.mismatches.map((m) => [m.kind, claim.slice(m.claimed.start, m.claimed.end), (evidence[m.piece] as string).slice(m.stated.start, m.stated.end)]);
};

describe('compareClaim', () => {
  it('finds a different value in the same slot of the same fact', () => {
    expect(named('TikTok Shop MCV đạt 400 kênh trong vòng 1 tháng.', 'Chỉ trong vòng 1 tháng, TikTok Shop MCV đạt 300 kênh.')).toEqual([
      ['number', '400 kênh', '300 kênh'],
    ]);
    expect(
      named('Hai nhà lãnh đạo đã gặp nhau tại Bắc Kinh vào tuần trước.', 'Hai nhà lãnh đạo này đã gặp nhau tại thủ đô Moscow - Nga hồi tuần trước.'),
    ).toEqual([['place', 'Bắc Kinh', 'Moscow - Nga']]);
    expect(named('Lãi suất ngân hàng đã giảm 0,5 điểm phần trăm.', 'Lãi suất ngân hàng đã tăng 0,5 điểm phần trăm.')).toEqual([['other', 'giảm', 'tăng']]);
  });

  it('reads "đầu / giữa / cuối tháng" and "early / mid / late" as that part of the month', () => {
    const lmc = 'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4 được tổ chức tại Bắc Kinh.';
    expect(named('Hội nghị LMC lần thứ 4 diễn ra đầu tháng 8/2023.', lmc)).toEqual([['date', 'đầu tháng 8/2023', 'ngày 29 tháng 8 năm 2023']]);
    expect(named('hoi nghi LMC lan thu 4 dien ra giua thang 8/2023', lmc)).toEqual([['date', 'giua thang 8/2023', 'ngày 29 tháng 8 năm 2023']]);
    expect(named('Hội nghị LMC lần thứ 4 diễn ra cuối tháng 8/2023.', lmc)).toEqual([]);
    const met = 'Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger ngày 5/6/2024 tại Hà Nội.';
    expect(named('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger vào cuối tháng 6/2024.', met)).toEqual([['date', 'cuối tháng 6/2024', 'ngày 5/6/2024']]);
    expect(named('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger vào đầu tháng 6/2024.', met)).toEqual([]);
  });

  it('reads a year something ends or begins in against the end or first year of the span', () => {
    const lmc = 'Vào ngày 29 tháng 8 năm 2023, Hội nghị LMC lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại Bắc Kinh.';
    expect(named('Giai đoạn hai của LMC kết thúc năm 2024.', lmc)).toEqual([['date', 'năm 2024', 'từ 2023 đến 2028']]);
    expect(named('Giai đoạn hai của LMC kết thúc vào năm 2028.', lmc)).toEqual([]);
    expect(named('Giai đoạn hai của LMC bắt đầu từ năm 2023.', lmc)).toEqual([]);
    expect(named('Giai doan hai cua LMC bat dau nam 2025', lmc)).toEqual([['date', 'nam 2025', 'từ 2023 đến 2028']]);
  });

  it('reads "chưa hoàn thành" as not done, which an effort still going on says', () => {
    const law = 'Bộ Khoa học và Công nghệ (KH&CN) đang nỗ lực sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật.';
    expect(named('Bộ KH&CN chưa hoàn thành việc sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật.', law)).toEqual([]);
    expect(named('Bộ KH&CN đã hoàn thành việc sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật.', law).map((m) => m[0])).toEqual(['modality']);
  });

  it('reads "ít nhất" / "nhiều nhất" before a figure as its bound, not as few or many', () => {
    const src = 'Nhiều chuyên gia trẻ của Việt Nam đã tham gia và đóng góp hiệu quả vào hoạt động của IEC.';
    expect(named('Ít nhất 5 chuyên gia trẻ của Việt Nam đã tham gia và đóng góp hiệu quả vào hoạt động của IEC.', src)).toEqual([]);
    expect(named('Ít chuyên gia trẻ của Việt Nam đã tham gia và đóng góp hiệu quả vào hoạt động của IEC.', src)).toEqual([['other', 'Ít', 'Nhiều']]);
  });

  it('reads a place with the noun written before it ("thủ đô", "thành phố", "TP") as the place', () => {
    const met =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    // The noun is no other word in the slot of "ngày 5/6/2024".
    const same = compare('Buổi làm việc với ông Philippe Metzger diễn ra tại thủ đô Hà Nội.', met);
    expect(same.mismatches).toEqual([]);
    expect(same.substitutions).toEqual([]);
    // A place the source does not give there, with its noun, is another place.
    expect(named('Thứ trưởng Lê Xuân Định làm việc với ông Philippe Metzger tại thành phố Cần Thơ.', met)).toEqual([['place', 'Cần Thơ', 'Hà Nội']]);
    expect(named('Thứ trưởng Lê Xuân Định làm việc với ông Philippe Metzger tại Cần Thơ.', met)).toEqual([['place', 'Cần Thơ', 'Hà Nội']]);
    // "TP." is the word for city, with or without its dot, and its dot ends no clause: "TP" had
    // been an organisation set against "IEC".
    for (const city of ['TP. Hồ Chí Minh', 'TP Hồ Chí Minh'])
      expect(named(`Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tại ${city}.`, met), city).toEqual([['place', 'Hồ Chí Minh', 'Hà Nội']]);
    expect(compare('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tại Tp. Hà Nội.', met).mismatches).toEqual([]);
  });

  it('lines up a verb the source writes another way, and reads a place written with a dot as one name', () => {
    const held = 'Vào ngày 29 tháng 8 năm 2023, Hội nghị LMC lần thứ 4 được tổ chức tại thành phố Bắc Kinh - Trung Quốc.';
    expect(named('Hội nghị LMC lần thứ 4 diễn ra tại Thượng Hải.', held)).toEqual([['place', 'Thượng Hải', 'Bắc Kinh - Trung Quốc']]);
    const same = compare('Hội nghị LMC lần thứ 4 diễn ra tại Bắc Kinh.', held);
    expect(same.mismatches).toEqual([]);
    expect(same.features.coverage).toBe(1);
    // "gặp" is "buổi tiếp và làm việc với" there: covered, though the words differ in number.
    const met = 'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC.';
    expect(compare('Thứ trưởng Lê Xuân Định gặp ông Philippe Metzger.', met).features.coverage).toBe(1);
    expect(compare('Thứ trưởng Lê Xuân Định phê bình ông Philippe Metzger.', met).features.coverage).toBeLessThan(1);
    expect(named('Thứ trưởng làm việc với Tổng Thư ký IEC tại TP.HCM.', 'Thứ trưởng làm việc với Tổng Thư ký IEC tại Hà Nội.')).toEqual([
      ['place', 'TP.HCM', 'Hà Nội'],
    ]);
  });

  it('compares the place a claim gives with "tại" with the place the source gives with it, words apart', () => {
    const met =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    expect(named('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tại Đà Nẵng.', met)).toEqual([['place', 'Đà Nẵng', 'Hà Nội']]);
    expect(named('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger tại Hà Nội.', met)).toEqual([]);
    // A verb the source writes another way ("gặp" / "làm việc với") is still the same event.
    expect(named('Thứ trưởng Lê Xuân Định gặp ông Metzger tại Bắc Kinh.', met)).toEqual([['place', 'Bắc Kinh', 'Hà Nội']]);
    // A place the claim does not say anything happens at is not compared that way.
    expect(named('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger, người Đà Nẵng.', met)).toEqual([]);
  });

  it('compares an English figure with the figure of the same thing, by the words the glossary gives the claim', () => {
    const marked =
      'Hội nghị chuyên đề LMC lần thứ 4 cũng đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc, và kỷ niệm 10 năm Sáng kiến Vành đai và Con đường (BRI).';
    const english = (claim: string, translated: string[]) =>
      compareClaim(claim, [{ text: marked }], { weightOf, crossLanguage: true, translated }).mismatches.map((m) => [
        m.kind,
        claim.slice(m.claimed.start, m.claimed.end),
        marked.slice(m.stated.start, m.stated.end),
      ]);
    expect(english('The conference marked 75 years of diplomatic relations.', ['Hội nghị', 'đánh dấu', 'quan hệ ngoại giao'])).toEqual([
      ['number', '75 years', '73 năm'],
    ]);
    expect(english('The conference marked 73 years of diplomatic relations.', ['Hội nghị', 'đánh dấu', 'quan hệ ngoại giao'])).toEqual([]);
    expect(english('The Belt and Road Initiative is 73 years old.', ['Sáng kiến Vành đai và Con đường'])).toEqual([['number', '73 years', '10 năm']]);
  });

  it('compares a figure with the figure of the same thing when the source gives several', () => {
    const marks =
      'Hội nghị chuyên đề LMC lần thứ 4 cũng đánh dấu mốc 73 năm quan hệ ngoại giao giữa Việt Nam và Trung Quốc, và kỷ niệm 10 năm Sáng kiến Vành đai và Con đường (BRI).';
    expect(named('Quan hệ ngoại giao Việt Nam Trung Quốc tròn 75 năm.', marks)).toEqual([['number', 'tròn 75 năm', '73 năm']]);
    expect(named('Sáng kiến BRI được 12 năm.', marks)).toEqual([['number', '12 năm', '10 năm']]);
    // The right figure for another thing is still wrong.
    expect(named('Sáng kiến BRI được 73 năm.', marks)).toEqual([['number', '73 năm', '10 năm']]);
    for (const claim of [
      'Quan hệ ngoại giao Việt Nam Trung Quốc tròn 73 năm.',
      'Sáng kiến BRI tròn 10 năm.',
      'Hội nghị đánh dấu 73 năm quan hệ ngoại giao và 10 năm Sáng kiến BRI.',
    ]) {
      const r = compare(claim, marks);
      expect(r.mismatches, claim).toEqual([]);
      expect(r.features.matchedFacts, claim).toBeGreaterThan(0);
    }
    // Two figures in one clause of the claim are compared in order, by their slots.
    const moved = 'Cùng đó, ACV cũng điều chỉnh thời gian thực hiện gói thầu từ 33 tháng lên 39 tháng.';
    expect(named('ACV điều chỉnh thời gian thực hiện gói thầu từ 33 tháng lên 39 tháng.', moved)).toEqual([]);
    // Words between two figures count for the nearer one.
    expect(named('Lợi nhuận đạt 500 tỷ đồng.', 'Doanh thu đạt 900 tỷ đồng và lợi nhuận 50 tỷ đồng.')).toEqual([['number', '500 tỷ đồng', '50 tỷ đồng']]);
  });

  it('compares a figure in a loose slot with the one figure there written after the same word', () => {
    const source = 'Thời gian bà Hằng bị tạm giam đến nay cũng đã tròn 1 năm, trong khi tội danh mà bà phải đối mặt với khung hình phạt từ 2 năm đến 7 năm tù.';
    expect(named('Thời gian bà Hằng bị tạm giam đã tròn 1 tháng trong khi 2 đến 7 năm là khung hình phạt bà có thể nhận.', source)).toEqual([
      ['number', 'tròn 1 tháng', 'tròn 1 năm'],
    ]);
    expect(compare('Thời gian bà Hằng bị tạm giam đã tròn 1 năm trong khi 2 đến 7 năm là khung hình phạt bà có thể nhận.', source).mismatches).toEqual([]);
  });

  it('does not call a value with no counterpart a mismatch', () => {
    const r = compare('Viện Đo lường Việt Nam nhận 2 triệu USD tại Hội nghị.', 'Tại Hội nghị, Viện Đo lường Việt Nam đã chính thức ký kết Biên bản.');
    expect(r.mismatches).toEqual([]);
    expect(r.features.unmatchedFacts).toBeGreaterThan(0);
  });

  it('reads the same fact written another way as the same', () => {
    for (const [claim, source] of [
      ['Dự án có tổng vốn 1,5 triệu USD.', 'Dự án có tổng vốn 1.500.000 USD.'],
      ['Hội nghị diễn ra ngày 29/8/2023.', 'Hội nghị diễn ra vào ngày 29 tháng 8 năm 2023.'],
      ['Tỷ lệ bao phủ chưa cao.', 'Tỷ lệ bao phủ thấp.'],
      ['Hơn 70 học sinh đoạt giải.', 'Có 73 học sinh đoạt giải.'],
    ] as const) {
      const r = compare(claim, source);
      expect(r.mismatches, claim).toEqual([]);
    }
  });

  it('reads the verb that says how long something lasts as stated by the span it confirms', () => {
    const source =
      'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại thành phố Bắc Kinh - Trung Quốc.';
    for (const claim of ['Giai đoạn hai của hợp tác LMC kéo dài từ 2023 đến 2028.', 'giai doan hai cua LMC keo dai tu 2023 den 2028']) {
      const r = compare(claim, source);
      expect(r.mismatches, claim).toEqual([]);
      expect(r.features.uncoveredWords, claim).toBe(compare(claim.replace(/kéo dài |keo dai /u, ''), source).features.uncoveredWords);
    }
    // Another span is still a different one, and the verb is not stated where no span confirms it.
    expect(named('Giai đoạn hai của hợp tác LMC kéo dài từ 2023 đến 2030.', source)).toEqual([['date', 'từ 2023 đến 2030', 'từ 2023 đến 2028']]);
    expect(compare('Hội nghị kéo dài ba ngày.', source).features.uncoveredWords).toBeGreaterThan(compare('Hội nghị ba ngày.', source).features.uncoveredWords);
  });

  it('compares a year given as an end ("kéo dài đến năm 2030") with the end of the evidence\'s span of years', () => {
    const source =
      'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại thành phố Bắc Kinh - Trung Quốc.';
    expect(named('Giai đoạn hai kéo dài đến năm 2030.', source)).toEqual([['date', 'năm 2030', 'từ 2023 đến 2028']]);
    expect(named('Giai doan hai keo dai den nam 2030', source)).toEqual([['date', 'nam 2030', 'từ 2023 đến 2028']]);
    // Only the end of what lasts: "Đến năm 2023, …" is "by then", "tầm nhìn đến năm 2045" another end.
    expect(named('Đến năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong giai đoạn hai đã được tổ chức 4 lần.', source)).toEqual([]);
    expect(
      named('Chiến lược chuyển đổi số quốc gia có tầm nhìn đến năm 2045.', 'Chiến lược chuyển đổi số quốc gia giai đoạn 2021-2030, tầm nhìn đến năm 2045.'),
    ).toEqual([]);
    for (const claim of ['Giai đoạn hai kéo dài đến năm 2028.', 'Giai đoạn hai của hợp tác LMC kéo dài tới 2028.']) {
      const r = compare(claim, source);
      expect(r.mismatches, claim).toEqual([]);
      expect(r.substitutions, claim).toEqual([]);
    }
  });

  it('contradicts a month or day by the one precise date of the evidence, though a span of years could hold it', () => {
    const source =
      'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4, giai đoạn hai (từ 2023 đến 2028) được tổ chức tại thành phố Bắc Kinh - Trung Quốc.';
    expect(named('Hội nghị LMC lần thứ 4 diễn ra tại Bắc Kinh vào tháng 9 năm 2023.', source)).toEqual([
      ['date', 'tháng 9 năm 2023', 'ngày 29 tháng 8 năm 2023'],
    ]);
    expect(named('Hội nghị LMC lần thứ 4 diễn ra ngày 29/9/2023.', source)).toEqual([['date', 'ngày 29/9/2023', 'ngày 29 tháng 8 năm 2023']]);
    // The same month, or the day itself, agrees.
    expect(compare('Hội nghị LMC lần thứ 4 diễn ra vào tháng 8/2023.', source).mismatches).toEqual([]);
    expect(compare('Hội nghị LMC lần thứ 4 diễn ra tại Bắc Kinh ngày 29/8/2023.', source).mismatches).toEqual([]);
    // A plan at another time is another event.
    expect(
      compare(
        'Tổng Thư ký IEC sẽ thăm Thành phố Hồ Chí Minh vào tháng 9/2024.',
        'Thứ trưởng tiếp Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.',
      ).mismatches.filter((m) => m.kind === 'date'),
    ).toEqual([]);
    // A date for what is to happen is not confirmed by another event's date where the words align:
    // the meeting's "IEC ngày 5/6/2024" against "IEC ngay trong năm 2024" for a membership to come.
    const pledge = 'Ông Metzger cam kết Việt Nam sẽ trở thành thành viên chính thức của IEC ngay trong năm 2024.';
    const met = [
      'Thứ trưởng làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.',
      'Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC trong thời gian sớm nhất.',
    ];
    const texts = (r: ReturnType<typeof compare>) => r.unmatched.map((u) => pledge.slice(u.start, u.end));
    expect(texts(compare(pledge, ...met))).toContain('năm 2024');
    // The source's own date for it confirms it.
    const planned = 'Ông Metzger khẳng định Việt Nam sẽ trở thành thành viên chính thức của IEC trong năm 2024.';
    expect(texts(compare(pledge, planned))).not.toContain('năm 2024');
    // A date of what was done, before "sẽ", is still the meeting's.
    const said = 'Ngày 5/6/2024, ông Metzger khẳng định sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC.';
    expect(compare(said, ...met).unmatched.map((u) => said.slice(u.start, u.end))).not.toContain('Ngày 5/6/2024');
    // A year: where no date of the evidence holds it, and the evidence has the claim's other words.
    expect(named('Hội nghị LMC lần thứ 4 diễn ra năm 2022.', source)).toEqual([['date', 'năm 2022', 'ngày 29 tháng 8 năm 2023']]);
    expect(compare('Hội nghị LMC lần thứ 4 diễn ra năm 2023.', source).mismatches).toEqual([]);
    // The years in brackets after "giai đoạn hai" are the phase's: a claim that does not name the
    // phase is compared with the conference's own date.
    expect(named('Hội nghị LMC lần thứ 4 diễn ra năm 2025.', source)).toEqual([['date', 'năm 2025', 'ngày 29 tháng 8 năm 2023']]);
    expect(named('Hội nghị LMC lần thứ 4 diễn ra năm 2024.', source)).toEqual([['date', 'năm 2024', 'ngày 29 tháng 8 năm 2023']]);
    expect(compare('Giai đoạn hai của hợp tác LMC kéo dài từ 2023 đến 2028.', source).mismatches).toEqual([]);
    // In English too, where the conference's date is then the one date of the evidence.
    expect(
      compareClaim('The 4th LMC symposium was held in 2024.', [{ text: source }], {
        weightOf,
        crossLanguage: true,
        translated: ['Hội nghị chuyên đề'],
      }).mismatches.map((m) => m.kind),
    ).toEqual(['date']);
    // A year an English claim says the period ends or begins in, against the span's end or first year.
    const period = (claim: string) =>
      compareClaim(claim, [{ text: source }], { weightOf, crossLanguage: true, translated: ['giai đoạn'] }).mismatches.map((m) => [
        m.kind,
        source.slice(m.stated.start, m.stated.end),
      ]);
    expect(period('Phase two ends in 2027.')).toEqual([['date', 'từ 2023 đến 2028']]);
    expect(period('Phase two begins in 2024.')).toEqual([['date', 'từ 2023 đến 2028']]);
    expect(period('Phase two ends in 2028.')).toEqual([]);
    expect(period('Phase two begins in 2023.')).toEqual([]);
    expect(compare('Viện Đo lường Việt Nam và Thái Lan ký thỏa thuận công nhận chứng chỉ vào năm 2021.', source).mismatches).toEqual([]);
    // Two precise dates in the evidence: which one the claim means is for the words around it to say.
    expect(
      compare('Dự án khởi công vào tháng 9 năm 2023.', 'Ngày 29/8/2023 dự án được phê duyệt, giai đoạn hai (từ 2023 đến 2028) bắt đầu ngày 1/10/2023.')
        .mismatches,
    ).toEqual([]);
  });

  it('finds the same person under another office', () => {
    const iec =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    expect(named('Bộ trưởng Lê Xuân Định tiếp Tổng Thư ký IEC tại Hà Nội.', iec)).toEqual([
      ['person', 'Bộ trưởng Lê Xuân Định', 'Thứ trưởng Bộ KH&CN Lê Xuân Định'],
    ]);
    expect(named('Ông Philippe Metzger là Tổng Giám đốc IEC.', iec)).toEqual([
      ['person', 'Philippe Metzger là Tổng Giám đốc', 'Philippe Metzger, Tổng Thư ký'],
    ]);
    expect(named('Phó Thủ tướng Lê Xuân Định tiếp ông Metzger.', iec).map(([k, c]) => [k, c])).toEqual([['person', 'Phó Thủ tướng Lê Xuân Định']]);
    // A name the claim opens with, and no "ông" to say it is a person's: its office says so.
    expect(named('Philippe Metzger là Chủ tịch IEC.', iec)).toEqual([['person', 'Philippe Metzger là Chủ tịch', 'Philippe Metzger, Tổng Thư ký']]);
    // Another office of the body, whose holder the claim does not name; not when the evidence has the claim's office of it too.
    expect(named('Bộ trưởng Bộ KH&CN tiếp Tổng Thư ký IEC.', iec)).toEqual([['person', 'Bộ trưởng Bộ KH&CN', 'Thứ trưởng Bộ KH&CN']]);
    expect(compare('Thứ trưởng Bộ KH&CN tiếp Tổng Thư ký IEC.', iec).mismatches).toEqual([]);
    expect(compare('Bộ trưởng Bộ KH&CN tiếp Tổng Thư ký IEC.', iec, 'Bộ trưởng Bộ KH&CN Huỳnh Thành Đạt dự lễ ký.').mismatches).toEqual([]);
    // The same office, or its short name for the general one, agrees.
    expect(compare('Thứ trưởng Lê Xuân Định tiếp Tổng Thư ký IEC tại Hà Nội.', iec).mismatches).toEqual([]);
    expect(compare('Ông Philippe Metzger, Thư ký IEC, đến Hà Nội.', iec).mismatches.filter((m) => m.kind === 'person')).toEqual([]);
  });

  it('reads an English office through its Vietnamese forms, and a Vietnamese name typed without marks as the source spells it', () => {
    const iec =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    const english = (claim: string, ...evidence: string[]) =>
      compareClaim(
        claim,
        evidence.map((text) => ({ text })),
        { weightOf, crossLanguage: true },
      ).mismatches.map((m) => [m.kind, claim.slice(m.claimed.start, m.claimed.end), evidence.join('\n').slice(m.stated.start, m.stated.end)]);
    expect(english('Minister Le Xuan Dinh received IEC Secretary General Philippe Metzger in Hanoi.', iec)).toEqual([
      ['person', 'Minister Le Xuan Dinh', 'Thứ trưởng Bộ KH&CN Lê Xuân Định'],
    ]);
    expect(english('Le Xuan Dinh is the Secretary General of the IEC.', iec)).toEqual([
      ['person', 'Le Xuan Dinh is the Secretary General', 'Thứ trưởng Bộ KH&CN Lê Xuân Định'],
    ]);
    expect(english('Philippe Metzger is the President of the IEC.', iec)).toEqual([
      ['person', 'Philippe Metzger is the President', 'Philippe Metzger, Tổng Thư ký'],
    ]);
    expect(english('Deputy Minister Le Xuan Dinh received IEC Chairman Philippe Metzger.', iec)).toEqual([
      ['person', 'Chairman Philippe Metzger', 'Philippe Metzger, Tổng Thư ký'],
    ]);
    // The offices the source gives, in any of their English names, agree.
    for (const claim of [
      'Deputy Minister Le Xuan Dinh received IEC Secretary General Philippe Metzger in Hanoi.',
      'Vice Minister Le Xuan Dinh met the IEC Secretary-General Philippe Metzger.',
      'Philippe Metzger, General Secretary of the IEC, visited Hanoi.',
      'Le Xuan Dinh is a Deputy Minister.',
    ])
      expect(english(claim, iec), claim).toEqual([]);
    // "President" is a country's "Tổng thống" or "Chủ tịch nước" too; "Phó Bộ trưởng" is a deputy minister.
    expect(english('President Joko Widodo met Deputy Minister Tran Luu Quang.', 'Tổng thống Joko Widodo tiếp Phó Bộ trưởng Trần Lưu Quang.')).toEqual([]);
    expect(english('Minister Tran Luu Quang met President Joko Widodo.', 'Tổng thống Joko Widodo tiếp Phó Bộ trưởng Trần Lưu Quang.')).toEqual([
      ['person', 'Minister Tran Luu Quang', 'Phó Bộ trưởng Trần Lưu Quang'],
    ]);
    // A Vietnamese name the source does not write, given the office of the one it names.
    expect(english('Deputy Minister Nguyen Van An received IEC Secretary General Philippe Metzger in Hanoi.', iec)).toEqual([
      ['person', 'Deputy Minister Nguyen Van An', 'Thứ trưởng Bộ KH&CN Lê Xuân Định'],
    ]);
    // Without an office to place it, the name is one the evidence lacks: not contradicted, not supported.
    const absent = compareClaim('Nguyen Van An met Philippe Metzger in Hanoi.', [{ text: iec }], { weightOf, crossLanguage: true });
    expect([absent.mismatches, absent.features.unmatchedNames]).toEqual([[], 1]);
    // A foreign name may be spelt otherwise in Vietnamese ("Xi Jinping" / "Tập Cận Bình"): not read so.
    expect(english('President Xi Jinping received Deputy Minister Le Xuan Dinh.', 'Chủ tịch Tập Cận Bình tiếp Thứ trưởng Lê Xuân Định.')).toEqual([]);
  });

  it('reads an English claim of having become something against a later evidence piece hoping it will be', () => {
    const meeting = 'Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    const hope = 'Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức của IEC.';
    const translated = ['thành viên chính thức', 'Việt Nam'];
    const kinds = (claim: string, ...evidence: string[]) =>
      compareClaim(
        claim,
        evidence.map((text) => ({ text })),
        { weightOf, crossLanguage: true, translated },
      ).mismatches.map((m) => m.kind);
    expect(kinds('Vietnam became a full member of the IEC in 2024.', meeting, hope)).toEqual(['modality']);
    expect(kinds('Vietnam has joined the IEC as a full member.', meeting, hope)).toEqual(['modality']);
    // Not where the evidence also says it has become one, nor a claim of wanting to.
    expect(kinds('Vietnam became a full member of the IEC in 2024.', meeting, 'Năm 2024, Việt Nam đã trở thành thành viên chính thức của IEC.', hope)).toEqual(
      [],
    );
    expect(kinds('Vietnam wants to become a full member of the IEC.', meeting, hope)).toEqual([]);
  });

  it('finds words said by someone else than the claim says, though the claimed speaker is named in the evidence', () => {
    const meeting =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    const said = 'Ông Philippe Metzger, Tổng Thư ký IEC cho biết, Việt Nam là quốc gia đang phát triển rất nhanh.';
    expect(named('Thứ trưởng Lê Xuân Định nhận định Việt Nam đang phát triển rất nhanh.', meeting, said)).toEqual([
      ['person', 'Lê Xuân Định', 'Philippe Metzger'],
    ]);
    // Typed without marks: "Ha Noi" is no verb of saying.
    expect(named('Thu truong Le Xuan Dinh nhan dinh Viet Nam dang phat trien rat nhanh', meeting, said)).toEqual([
      ['person', 'Le Xuan Dinh', 'Philippe Metzger'],
    ]);
    // The right speaker, by part of their name, or by the name of a newspaper before its verb.
    expect(compare('Ông Metzger nhận định Việt Nam đang phát triển rất nhanh.', meeting, said).mismatches).toEqual([]);
    expect(
      compare(
        'Sau trận đấu của HLV Philippe Troussier, tờ Thairath cho rằng người hâm mộ Việt Nam nhớ HLV Park Hang Seo.',
        'Tờ Thairath cho rằng người hâm mộ Việt Nam nhớ HLV Park Hang Seo sau trận đấu của HLV Philippe Troussier.',
      ).mismatches,
    ).toEqual([]);
    // "Theo X, …" names the speaker too, on either side; "Theo kế hoạch, …" names no one.
    expect(named('Theo Thứ trưởng Lê Xuân Định, Việt Nam là quốc gia đang phát triển rất nhanh.', meeting, said)).toEqual([
      ['person', 'Lê Xuân Định', 'Philippe Metzger'],
    ]);
    expect(compare('Theo ông Philippe Metzger, Việt Nam là quốc gia đang phát triển rất nhanh.', meeting, said).mismatches).toEqual([]);
    expect(
      named(
        'Ông Lê Xuân Định cho biết Việt Nam là quốc gia đang phát triển rất nhanh.',
        'Theo ông Philippe Metzger, Việt Nam là quốc gia đang phát triển rất nhanh.',
      ),
    ).toEqual([['person', 'Lê Xuân Định', 'Philippe Metzger']]);
    expect(
      compare('Theo kế hoạch, Việt Nam sẽ trở thành thành viên chính thức.', 'Theo ông Philippe Metzger, Việt Nam sẽ trở thành thành viên chính thức.')
        .mismatches,
    ).toEqual([]);
    // A view reported second-hand is its holder's; typed without marks, "Ha Noi" is no "nói".
    expect(
      compare(
        'Bà Lê Thị Hương cho rằng thành phố sẽ phủ sóng 5G vào năm 2025.',
        'Ông Trần Văn Bình cho biết, theo bà Lê Thị Hương, thành phố sẽ phủ sóng 5G vào năm 2025.',
      ).mismatches,
    ).toEqual([]);
    expect(
      compare('Ong Philippe Metzger den Ha Noi de tham du hoi nghi', 'Bà Lê Thị Mai cho biết, ông Philippe Metzger đến Hà Nội để tham dự hội nghị.').mismatches,
    ).toEqual([]);
    // A claim that reports no one's words is not read for a speaker ("tại Hà Nội" is no "nói").
    expect(compare('Thứ trưởng Lê Xuân Định đã tiếp Tổng Thư ký IEC Philippe Metzger tại Hà Nội ngày 5/6/2024.', meeting).mismatches).toEqual([]);
  });

  it('carries a speaker named at the head of a paragraph to its later sentences', () => {
    const paragraph =
      'Ông Philippe Metzger, Tổng Thư ký IEC cho biết, Việt Nam là quốc gia đang phát triển rất nhanh. Hiện nay, các doanh nghiệp Việt Nam ngày càng tiếp cận nhiều hơn với các tiêu chuẩn của IEC. Nhiều chuyên gia trẻ của Việt Nam đã tham gia vào hoạt động của IEC.';
    const quoted = (sentence: string) => {
      const start = paragraph.indexOf(sentence);
      return { text: sentence, paragraph, start };
    };
    const check = (claim: string, sentence: string) => {
      const r = compareClaim(claim, [quoted(sentence)], { weightOf });
      const context = r.context.map((c) => paragraph.slice(c.start, c.end));
      return {
        mismatches: r.mismatches.map((m) => [
          m.kind,
          claim.slice(m.claimed.start, m.claimed.end),
          (m.piece === 0 ? sentence : (context[m.piece - 1] as string)).slice(m.stated.start, m.stated.end),
        ]),
        context,
        aboutAnother: r.features.aboutAnother,
      };
    };
    const business = 'Hiện nay, các doanh nghiệp Việt Nam ngày càng tiếp cận nhiều hơn với các tiêu chuẩn của IEC.';
    const experts = 'Nhiều chuyên gia trẻ của Việt Nam đã tham gia vào hoạt động của IEC.';
    // Another speaker: the paragraph's own is quoted, with the sentence that names him.
    expect(check('Thứ trưởng Lê Xuân Định cho biết các doanh nghiệp Việt Nam ngày càng tiếp cận nhiều hơn với các tiêu chuẩn của IEC.', business)).toEqual({
      mismatches: [['person', 'Lê Xuân Định', 'Philippe Metzger']],
      context: ['Ông Philippe Metzger, Tổng Thư ký IEC cho biết, Việt Nam là quốc gia đang phát triển rất nhanh.'],
      aboutAnother: 0,
    });
    expect(check('Thứ trưởng Lê Xuân Định nhấn mạnh nhiều chuyên gia trẻ của Việt Nam đã tham gia vào hoạt động của IEC.', experts).mismatches).toEqual([
      ['person', 'Lê Xuân Định', 'Philippe Metzger'],
    ]);
    // The paragraph's speaker, by part of the name: nothing differs.
    expect(check('Ông Metzger cho biết nhiều chuyên gia trẻ của Việt Nam đã tham gia vào hoạt động của IEC.', experts).mismatches).toEqual([]);
    // A claim that reports no one's words is not read for a speaker.
    expect(check('Nhiều chuyên gia trẻ của Việt Nam đã tham gia vào hoạt động của IEC.', experts).mismatches).toEqual([]);
    // A sentence that names its own speaker, after the words too, is not carried over.
    const own = 'Ông Philippe Metzger cho biết như vậy. Có thể sẽ phải mất 10 năm hỗ trợ như TS. Phạm Quang Tú nhận định.';
    const r = compareClaim(
      'TS. Phạm Quang Tú nhận định có thể sẽ phải mất 10 năm hỗ trợ.',
      [{ text: 'Có thể sẽ phải mất 10 năm hỗ trợ như TS. Phạm Quang Tú nhận định.', paragraph: own, start: 38 }],
      { weightOf },
    );
    expect([r.mismatches, r.features.aboutAnother]).toEqual([[], 0]);
    // Another person named between the speaker and the sentence: who said it is not plain, and the claim is not supported.
    const two =
      'Ông Philippe Metzger cho biết IEC sẽ hỗ trợ. Bà Lê Thị Hương cũng tham dự buổi làm việc. Nhiều chuyên gia trẻ đã tham gia vào hoạt động của IEC.';
    const far = 'Nhiều chuyên gia trẻ đã tham gia vào hoạt động của IEC.';
    const r2 = compareClaim(
      'Thứ trưởng Lê Xuân Định cho biết nhiều chuyên gia trẻ đã tham gia vào hoạt động của IEC.',
      [{ text: far, paragraph: two, start: two.indexOf(far) }],
      { weightOf },
    );
    expect([r2.mismatches, r2.features.aboutAnother]).toEqual([[], 1]);
    // "Ông cho biết" with no speaker before it in the paragraph: not found either.
    const pronoun = 'Ông cho biết nhiều chuyên gia trẻ đã tham gia vào hoạt động của IEC.';
    const r3 = compareClaim(
      'Thứ trưởng Lê Xuân Định cho biết nhiều chuyên gia trẻ đã tham gia vào hoạt động của IEC.',
      [{ text: pronoun, paragraph: pronoun, start: 0 }],
      { weightOf },
    );
    expect(r3.features.aboutAnother).toBe(1);
  });

  it('finds a count of things the evidence never counts, not an amount or a span of time', () => {
    const signed = 'Tại Hội nghị, Viện Đo lường Việt Nam đã chính thức ký kết Biên bản với các đối tác quốc tế trong LMC.';
    expect(compare('Viện Đo lường Việt Nam đã ký kết Biên bản với hơn 10 đối tác quốc tế trong LMC.', signed).features.aboutAnother).toBe(1);
    expect(compare('Viện Đo lường Việt Nam đã ký kết Biên bản với 10 đối tác quốc tế trong LMC.', signed.replace('các', '10')).features.aboutAnother).toBe(0);
    expect(compare('Viện Đo lường Việt Nam đã ký kết Biên bản trị giá 100 tỷ đồng trong LMC.', signed).features.aboutAnother).toBe(0);
    expect(compare('Viện Đo lường Việt Nam đã ký kết Biên bản 10 năm với các đối tác quốc tế trong LMC.', signed).features.aboutAnother).toBe(0);
  });

  it('contradicts the date of an event only where the evidence reports that event', () => {
    const met =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    expect(named('Ông Philippe Metzger sinh ngày 5/6/1970.', met)).toEqual([]);
    expect(compare('Ông Philippe Metzger nhậm chức Tổng Thư ký IEC năm 2021.', met).mismatches).toEqual([]);
    expect(compare('Ông Philippe Metzger sinh ngày 5/6/1970.', met).substitutions.map((m) => m.claimed)).toEqual([]);
    expect(named('Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger ngày 6/6/2024.', met)).toEqual([['date', 'ngày 6/6/2024', 'ngày 5/6/2024']]);
    const lmc = 'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4 được tổ chức tại Bắc Kinh.';
    expect(named('Hội nghị LMC lần thứ 4 diễn ra ngày 30/8/2023.', lmc)).toEqual([['date', 'ngày 30/8/2023', 'ngày 29 tháng 8 năm 2023']]);
    expect(named('Năm 2022, Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh.', lmc)).toEqual([['date', 'Năm 2022', 'ngày 29 tháng 8 năm 2023']]);
  });

  it('contradicts another edition only with the reported edition’s own facts', () => {
    const lmc = 'Vào ngày 29 tháng 8 năm 2023, Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4 được tổ chức tại thành phố Bắc Kinh - Trung Quốc.';
    expect(named('Hội nghị chuyên đề LMC lần thứ 5 được tổ chức tại Bắc Kinh vào ngày 29 tháng 8 năm 2023.', lmc)).toEqual([
      ['number', 'lần thứ 5', 'lần thứ 4'],
    ]);
    for (const claim of ['Hội nghị chuyên đề LMC lần thứ 5 sẽ được tổ chức tại Lào năm 2025.', 'Hội nghị LMC lần thứ 3 được tổ chức tại Vientiane năm 2021.']) {
      const r = compare(claim, lmc);
      expect([r.mismatches, r.features.aboutAnother], claim).toEqual([[], 1]);
    }
  });

  it('reads who wishes or proposes something as its speaker', () => {
    const wish = 'Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC hỗ trợ Việt Nam trong quá trình xây dựng quy chuẩn kỹ thuật quốc gia.';
    // Mr Metzger is named in the evidence too, at the meeting.
    const meeting = 'Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger, Tổng Thư ký IEC tại Hà Nội.';
    expect(named('Ông Philippe Metzger đề nghị IEC hỗ trợ Việt Nam xây dựng quy chuẩn kỹ thuật quốc gia.', meeting, wish)).toEqual([
      ['person', 'Philippe Metzger', 'Lê Xuân Định'],
    ]);
    expect(compare('Thứ trưởng Lê Xuân Định mong muốn IEC hỗ trợ Việt Nam xây dựng quy chuẩn kỹ thuật quốc gia.', wish).mismatches).toEqual([]);
  });

  it('finds a person called "bà" where the source says "ông", typed with marks or without', () => {
    const source = 'Trưa 27/3, ông Nguyễn Văn Đắng, Phó tổng giám đốc Sawaco, cho biết đoạn ống nước đã được hàn lại.';
    expect(named('Trưa 27/3, bà Nguyễn Văn Đắng cho biết đoạn ống nước đã được hàn lại.', source)).toEqual([
      ['person', 'bà Nguyễn Văn Đắng', 'ông Nguyễn Văn Đắng'],
    ]);
    expect(named('Trua 27/3, ba Nguyen Van Dang cho biet doan ong nuoc da duoc han lai.', source).map(([k, c]) => [k, c])).toEqual([
      ['person', 'ba Nguyen Van Dang'],
    ]);
    expect(compare('Trưa 27/3, ông Đắng cho biết đoạn ống nước đã được hàn lại.', source).mismatches).toEqual([]);
    // Not when the evidence also names someone so with the claim's title.
    expect(compare('Bà Hương tham gia hội nghị.', 'Ông Nguyễn Văn Hương và bà Lê Thị Hương tham gia hội nghị.').mismatches).toEqual([]);
  });

  it('does not read the rest of a list the evidence names as words changed from the claim', () => {
    const stated = (claim: string, evidence: string) => compare(claim, evidence).substitutions.map((m) => evidence.slice(m.stated.start, m.stated.end));
    expect(stated('Hội nghị có Lào cùng tham dự.', 'Hội nghị có Lào, Myanmar và Thái Lan tham dự.')).toEqual([]);
    expect(stated('Các nước tham gia gồm Lào và nhiều nước khác.', 'Các nước tham gia gồm Lào, Myanmar và Thái Lan.')).toEqual([]);
    // A common word for a common word in the same slot still is one.
    expect(named('Lãi suất ngân hàng đã giảm 0,5 điểm phần trăm.', 'Lãi suất ngân hàng đã tăng 0,5 điểm phần trăm.')).toEqual([['other', 'giảm', 'tăng']]);
  });

  it('takes a negation and a change of tense as mismatches only where they line up', () => {
    expect(named('Bộ không tổ chức các hoạt động văn hóa tại Bình Thuận.', 'Bộ đề nghị tổ chức các hoạt động văn hóa tại Bình Thuận.').map(([k]) => k)).toEqual(
      ['negation'],
    );
    expect(
      named('Việt Nam đã trở thành thành viên chính thức của IEC.', 'Ông Metzger khẳng định sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC.'),
    ).toEqual([['modality', 'đã trở thành thành viên chính thức của IEC', 'sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC']]);
    // Being is not hoping to become, however far the source's hope is from its "trở thành".
    const effort =
      'Bộ Khoa học và Công nghệ đang nỗ lực sửa đổi Luật Tiêu chuẩn và Quy chuẩn kỹ thuật tạo hành lang pháp lý thuận lợi cho hoạt động hội nhập quốc tế cũng như trở thành thành viên chính thức của IEC.';
    expect(named('IEC đã công nhận Việt Nam là thành viên chính thức.', effort).map(([k, claimed]) => [k, claimed])).toEqual([
      ['modality', 'là thành viên chính thức'],
    ]);
    expect(compare('Việt Nam chưa phải là thành viên chính thức của IEC.', effort).mismatches).toEqual([]);
    // Told done, what the source hopes for further back in the clause than the words after its cue.
    const wish =
      'Thứ trưởng bày tỏ mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức của IEC và tham gia vào hoạt động xây dựng tiêu chuẩn quốc tế.';
    expect(named('Việt Nam đã tham gia xây dựng tiêu chuẩn quốc tế của IEC.', wish).map(([k, claimed]) => [k, claimed])).toEqual([['modality', 'đã tham gia']]);
    // Done as the source says it is done.
    expect(
      compare(
        'Viện Đo lường Việt Nam đã ký kết Biên bản với các đối tác.',
        'Tại Hội nghị, Viện Đo lường Việt Nam đã chính thức ký kết Biên bản với các đối tác.',
      ).mismatches,
    ).toEqual([]);
    // The negating words are what contradicts, not words the source leaves out.
    const refused = compare('IEC từ chối hỗ trợ Việt Nam.', 'Bên cạnh đó, IEC tiếp tục hỗ trợ Việt Nam xây dựng các dự án.');
    expect(refused.mismatches.map((m) => m.kind)).toEqual(['negation']);
    expect(refused.features.coverage).toBe(1);
    // "không chỉ … mà còn", "không ít", "hàng không" are not negations.
    expect(compare('Hợp tác không chỉ mang lại lợi ích cho chính phủ.', 'Hợp tác mang lại lợi ích cho chính phủ.').mismatches).toEqual([]);
    // Nor "trên không" (in the air) before a conjunction or preposition.
    expect(
      compare(
        'Đường dây nóng là trụ cột của Cơ chế Liên lạc trên biển và trên không để phòng ngừa va chạm.',
        'Đường dây nóng là trụ cột của Cơ chế Liên lạc trên biển và trên không giữa hai nước để phòng ngừa va chạm.',
      ).mismatches,
    ).toEqual([]);
    // "trên không" before a verb is "the … above are not".
    expect(
      named('Các doanh nghiệp trên được hưởng ưu đãi thuế trong năm 2024.', 'Các doanh nghiệp trên không được hưởng ưu đãi thuế trong năm 2024.').map(
        ([k]) => k,
      ),
    ).toContain('negation');
  });

  it('reads a syllable written with "i" or "y" alike as one word ("kì" / "kỳ", "lí do" / "lý do")', () => {
    const r = compare('Sinh viên năm cuối thi học kì hai vì lí do sức khỏe.', 'Sinh viên năm cuối thi học kỳ hai vì lý do sức khỏe.');
    expect(r.features.coverage).toBe(1);
    expect(r.mismatches).toEqual([]);
    // Typed without marks too.
    expect(compare('Sinh vien nam cuoi thi hoc ki hai', 'Sinh viên năm cuối thi học kỳ hai.').features.coverage).toBe(1);
    // Not where the letters are other words: "tai" is not "tay", "thi" not "thy".
    expect(compare('Anh ấy bị thương ở tai.', 'Anh ấy bị thương ở tay.').features.coverage).toBeLessThan(1);
  });

  it('reads unchanged against up or down, and owning up against pleading innocence, as opposites', () => {
    expect(
      named(
        'Sau phiên ngày 5/4, giá vàng SJC được giữ nguyên so với hôm trước.',
        'Kết phiên ngày 5/4, giá vàng SJC giảm 200.000 đồng mỗi lượng so với hôm trước.',
      ),
    ).toEqual([['other', 'giữ nguyên', 'giảm']]);
    expect(named('Giá điện tăng 3% từ tháng 5.', 'Giá điện được giữ nguyên từ tháng 5.')).toEqual([['other', 'tăng', 'giữ nguyên']]);
    expect(named('Hai bị cáo thừa nhận hành vi tại phiên tòa.', 'Tại phiên tòa, hai bị cáo kêu oan về hành vi.')).toEqual([['other', 'thừa nhận', 'kêu oan']]);
    expect(named('Bị cáo đã nhận tội trước tòa.', 'Trước tòa, bị cáo đã kêu oan.')).toEqual([['other', 'nhận tội', 'kêu oan']]);
    expect(compare('Giá vàng được giữ nguyên trong phiên sáng.', 'Giá vàng được giữ nguyên trong phiên sáng nay.').mismatches).toEqual([]);
  });
  it('finds another body or person of a name that opens the same way, where the source has every other word of the claim', () => {
    const ev = 'Năm 2010, Công ty CP Ánh Dương được UBND tỉnh Bình Định cho phép xây dựng lại nhà máy trên nền cũ.';
    expect(named('Năm 2010, UBND tỉnh Bình Định cho phép Công ty CP Sao Mai xây dựng lại nhà máy trên nền cũ.', ev)).toEqual([
      ['organisation', 'Công ty CP Sao Mai', 'Công ty CP Ánh Dương'],
    ]);
    expect(named('Bộ trưởng Lê Văn Tám đã ký quyết định thành lập trường.', 'Quyết định thành lập trường đã được Bộ trưởng Lê Minh Khôi ký.')).toEqual([
      ['person', 'Lê Văn Tám', 'Lê Minh Khôi'],
    ]);
    // Not where the claim says more than the source, nor against several bodies the source names.
    expect(named('Năm 2010, UBND tỉnh Bình Định cho phép Công ty CP Sao Mai xây dựng lại nhà máy và mở rộng sản xuất.', ev)).toEqual([]);
    expect(
      named(
        'Năm 2010, UBND tỉnh Bình Định cho phép Công ty CP Sao Mai xây dựng lại nhà máy trên nền cũ.',
        'Năm 2010, Công ty CP Ánh Dương và Công ty CP Hải Hà được UBND tỉnh Bình Định cho phép xây dựng lại nhà máy trên nền cũ.',
      ),
    ).toEqual([]);
  });

  it('reads "không phải là … mà …" as negating the clause after "mà", where the source writes it with the subject after', () => {
    const ev = 'Người dân vùng cao lo lắng về nước sạch trong mùa khô.';
    expect(named('Nước sạch không phải là điều mà người dân vùng cao lo lắng.', ev)).toEqual([
      ['negation', 'không phải là điều mà người dân vùng cao lo lắng', 'dân vùng cao lo lắng'],
    ]);
    expect(named('Nuoc sach khong phai la dieu ma nguoi dan vung cao lo lang.', ev).map((m) => m[0])).toEqual(['negation']);
    // A source that denies it too agrees, with "không" or "chẳng".
    expect(named('Nước sạch không phải là điều mà người dân vùng cao lo lắng.', 'Người dân vùng cao không lo lắng về nước sạch.')).toEqual([]);
    expect(named('Nước sạch không phải là điều mà người dân vùng cao lo lắng.', 'Người dân vùng cao chẳng lo lắng về nước sạch.')).toEqual([]);
    // Not where the subject is not what the source's clause is about ("giá vàng" in another clause), nor "Đây … lần đầu tiên mà …".
    expect(named('Giá vàng không phải là thứ mà nhà đầu tư theo dõi.', 'Nhà đầu tư theo dõi giá dầu, còn giá vàng ít được chú ý.')).toEqual([]);
    expect(named('Đây không phải lần đầu tiên mà đội tuyển vô địch.', 'Đội tuyển vô địch lần thứ ba.')).toEqual([]);
    // The noun right after "không phải là", where the source writes it, is what is negated, as before.
    expect(named('Học phí không phải là gánh nặng mà sinh viên phải lo.', 'Học phí là gánh nặng lớn với nhiều sinh viên.')).toEqual([
      ['negation', 'không phải là gánh nặng', 'gánh nặng'],
    ]);
  });

  it('reads "chưa chắc chắn liệu …", "chưa rõ liệu …" as doubt, not as denying what follows', () => {
    const ev = 'Giới đầu tư đặt ra câu hỏi rằng liệu các ngân hàng trung ương có tiếp tục tăng lãi suất để hạ lạm phát hay không.';
    expect(named('Vẫn chưa chắc chắn liệu các ngân hàng trung ương sẽ tăng lãi suất để hạ lạm phát.', ev)).toEqual([]);
    expect(named('Chưa rõ liệu thành phố sẽ mở rộng tuyến đường sắt.', 'Thành phố sẽ mở rộng tuyến đường sắt vào năm sau.')).toEqual([]);
    // A plain "chưa" still denies.
    expect(named('Thành phố chưa mở rộng tuyến đường sắt.', 'Thành phố đã mở rộng tuyến đường sắt vào năm ngoái.').map((m) => m[0])).toEqual(['negation']);
  });

  it('reads a negated word followed by a preposition as negating that word, not the phrase after it', () => {
    const ev = 'Ở trận chung kết cúp quốc gia, đội khách đã thắng 2-1 trước Hà Nội.';
    expect(named('Đội khách chơi không tốt trong trận chung kết cúp quốc gia với Hà Nội.', ev)).toEqual([]);
    expect(named('Đội khách chơi không hay trong trận chung kết cúp quốc gia với Hà Nội.', ev)).toEqual([]);
    // The negated words themselves, in the source, still contradict; so do words after an auxiliary ("chưa tiến hành mở rộng").
    expect(
      named('Đội khách không thi đấu trong trận chung kết cúp quốc gia.', 'Đội khách thi đấu trong trận chung kết cúp quốc gia.').map((m) => m[0]),
    ).toEqual(['negation']);
    expect(
      named('Bộ chưa tiến hành mở rộng các hoạt động văn hóa tại Bình Thuận.', 'Bộ đã mở rộng các hoạt động văn hóa tại Bình Thuận.').map((m) => m[0]),
    ).toEqual(['negation']);
  });

  it('counts a cause the claim gives that the evidence piece stating the effect does not write', () => {
    const cause = (claim: string, ...evidence: string[]) => compare(claim, ...evidence).features.unstatedCause;
    expect(cause('Trận đấu bị hoãn do sân ngập nước.', 'Trận đấu bị hoãn vì mưa lớn kéo dài.')).toBe(1);
    expect(
      cause(
        'Dù có 2 ha cà phê nhưng đang mất mùa và do cà phê mất giá nên cuộc sống khó khăn.',
        'Dù có 2 ha cà phê nhưng đang mất mùa nên cuộc sống khó khăn.',
      ),
    ).toBe(1);
    // Written in another passage, about something else, it is still not that effect's cause.
    expect(cause('Buổi hòa nhạc bị hủy do ca sĩ bị ốm.', 'Ban tổ chức thông báo hủy buổi hòa nhạc.', 'Ca sĩ bị ốm năm ngoái đã hồi phục.')).toBe(1);
    expect(cause('Trận đấu bị hoãn do mưa lớn.', 'Trận đấu bị hoãn vì mưa lớn kéo dài.')).toBe(0);
    expect(cause('Giá xăng tăng do giá dầu thế giới tăng.', 'Giá xăng tăng mạnh. Nguyên nhân là giá dầu thế giới tăng.')).toBe(0);
    // "tự do", "lý do", "thay vì", "vì vậy", "do đó" give no cause; an agent ("do Trấn Thành đạo diễn") written is stated.
    expect(cause('Hai nước ký hiệp định thương mại tự do mới.', 'Hai nước ký hiệp định thương mại tự do.')).toBe(0);
    expect(cause('Công ty thua lỗ, vì vậy phải cắt giảm nhân sự.', 'Công ty thua lỗ nên phải cắt giảm nhân sự.')).toBe(0);
    expect(cause('Đội tuyển dùng cầu thủ U22 thay vì đội hình mạnh nhất.', 'Đội tuyển dùng cầu thủ U22.')).toBe(0);
    expect(cause('Bộ phim do Trấn Thành đạo diễn đạt doanh thu cao.', 'Bộ phim do Trấn Thành đạo diễn đạt doanh thu cao.')).toBe(0);
    // Typed without marks, "do" is also "đó", "độ": not read.
    expect(cause('Tran dau bi hoan do san ngap nuoc.', 'Trận đấu bị hoãn vì mưa lớn kéo dài.')).toBe(0);
  });
});

describe('recased', () => {
  it('gives a claim typed in lower case the capitals of its places and acronyms, at the same offsets', () => {
    for (const [typed, cased] of [
      ['hoi nghi lmc to chuc o ha noi', 'hoi nghi LMC to chuc o Ha Noi'],
      ['hội nghị lmc tổ chức ở hà nội', 'hội nghị LMC tổ chức ở Hà Nội'],
      ['viet nam ky bien ban voi campuchia va thai lan', 'Viet Nam ky bien ban voi Campuchia va Thai Lan'],
      ['bo kh&cn hop tac voi nhat ban', 'bo KH&CN hop tac voi Nhat Ban'],
      // Its first letter may be a capital; places that are words too ("anh", "lào", "áo") stay as
      // typed, and so does a text with a name written with a capital after its first letter.
      ['Hội nghị ở hà nội', 'Hội nghị ở Hà Nội'],
      ['anh ấy mặc áo ở lào cai', 'anh ấy mặc áo ở lào cai'],
      // With marks, a place is its spelling, not its letters: "viết năm" is no "Việt Nam".
      ['những tái tạo nào hỗ trợ bài viết năm 1999 ở campuchia?', 'những tái tạo nào hỗ trợ bài viết năm 1999 ở Campuchia?'],
      ['Hội nghị tại Bắc Kinh, không ở hà nội', 'Hội nghị tại Bắc Kinh, không ở hà nội'],
      // Acronyms typed in capitals do not say the names were ("co phai hoi nghi lmc … o ha noi
      // khong" is asked as "Hoi nghi LMC … o ha noi").
      ['Hội nghị LMC ở hà nội', 'Hội nghị LMC ở Hà Nội'],
      ['Hoi nghi LMC lan 4 to chuc o ha noi', 'Hoi nghi LMC lan 4 to chuc o Ha Noi'],
      // A word said to be an abbreviation is an acronym, vowels and all; not a word with tone marks.
      ['bri viet tat cua gi', 'BRI viet tat cua gi'],
      ['bri la viet tat cua tu gi', 'BRI la viet tat cua tu gi'],
      ['iec là viết tắt của gì', 'IEC là viết tắt của gì'],
      ['chữ viết tắt của bri là gì', 'chữ viết tắt của bri là gì'],
      ['chu viet tat cua bri la gi', 'chu viet tat cua bri la gi'],
      // A person's name after a title or "ông" / "bà": a family name and one or two syllables, or
      // words no Vietnamese syllable spells; not the verb after it, nor a word after "anh".
      ['thu truong le xuan dinh la tong thu ky iec', 'thu truong Le Xuan Dinh la tong thu ky iec'],
      ['ông lê xuân định là tổng thư ký IEC.', 'ông Lê Xuân Định là tổng thư ký IEC.'],
      ['ong philippe metzger la thu truong', 'ong Philippe Metzger la thu truong'],
      ['ba le hanh tiep ong philippe martin', 'ba Le Hanh tiep ong Philippe Martin'],
      ['anh ấy là ông của tôi', 'anh ấy là ông của tôi'],
      ['ong cho biet viet nam phat trien nhanh', 'ong cho biet Viet Nam phat trien nhanh'],
    ]) {
      expect(recased(typed as string)).toBe(cased);
    }
    expect(named(recased('hoi nghi lmc to chuc tai ha noi'), 'Hội nghị LMC lần thứ 4 được tổ chức tại thành phố Bắc Kinh - Trung Quốc.')).toEqual([
      ['place', 'Ha Noi', 'Bắc Kinh - Trung Quốc'],
    ]);
    // A name so read is compared as the capitalised one is.
    const met = 'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC.';
    expect(named(recased('thu truong le xuan dinh la tong thu ky IEC'), met)).toEqual([
      ['person', 'Le Xuan Dinh la tong thu ky', 'Thứ trưởng Bộ KH&CN Lê Xuân Định'],
    ]);
    expect(named(recased('ong philippe metzger la thu truong'), met)).toEqual([['person', 'Philippe Metzger la thu truong', 'Philippe Metzger, Tổng Thư ký']]);
    expect(named(recased('ong philippe metzger la tong thu ky IEC'), met)).toEqual([]);
  });

  it('reads who received whom: the claim that has the roles the other way round is contradicted', () => {
    const iec =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    const english = (claim: string) =>
      compareClaim(claim, [{ text: iec }], { weightOf, crossLanguage: true }).mismatches.map((m) => [m.kind, claim.slice(m.claimed.start, m.claimed.end)]);
    const kinds = (claim: string) => named(claim, iec).map((m) => [m[0], m[1]]);
    const swapped = 'Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger';
    expect(named('Tổng Thư ký IEC đã tiếp Thứ trưởng Lê Xuân Định', iec)).toEqual([['person', 'Tổng Thư ký IEC đã tiếp Thứ trưởng Lê Xuân Định', swapped]]);
    expect(kinds('Ông Metzger đón Thứ trưởng Định tại Hà Nội')).toEqual([['person', 'Metzger đón Thứ trưởng Định']]);
    expect(kinds('Thứ trưởng Lê Xuân Định được ông Metzger tiếp')).toEqual([['person', 'Lê Xuân Định được ông Metzger']]);
    expect(kinds('Tong Thu ky IEC da tiep Thu truong Le Xuan Dinh')).toEqual([['person', 'Tong Thu ky IEC da tiep Thu truong Le Xuan Dinh']]);
    expect(english('The IEC Secretary General received Vice Minister Le Xuan Dinh')).toEqual([
      ['person', 'IEC Secretary General received Vice Minister Le Xuan Dinh'],
    ]);
    expect(english('Le Xuan Dinh was received by Philippe Metzger')).toEqual([['person', 'Le Xuan Dinh was received by Philippe Metzger']]);
    // The roles as the source gives them, in the active or the passive, and acts with no direction.
    for (const claim of [
      'Thứ trưởng Lê Xuân Định tiếp ông Philippe Metzger',
      'Thứ trưởng Lê Xuân Định đã tiếp Tổng Thư ký IEC',
      'Ông Metzger được Thứ trưởng Lê Xuân Định tiếp',
      'Ông Metzger gặp Thứ trưởng Định',
      'Ông Metzger làm việc với Thứ trưởng Định',
      'Ông Philippe Metzger tiếp tục hỗ trợ Thứ trưởng Lê Xuân Định',
    ])
      expect(kinds(claim)).toEqual([]);
    expect(english('Philippe Metzger was received by Le Xuan Dinh')).toEqual([]);
    expect(english('Philippe Metzger met Le Xuan Dinh')).toEqual([]);
  });

  it('does not date an act the evidence does not report, and dates the meeting it does', () => {
    const iec =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    expect(named('Ông Philippe Metzger đến Hà Nội ngày 4/6/2024', iec)).toEqual([]);
    expect(compare('Ông Philippe Metzger đến Hà Nội ngày 4/6/2024', iec).features.unmatchedFacts).toBe(1);
    expect(named('Ông Metzger về nước ngày 6/6/2024', iec)).toEqual([]);
    expect(named('Buổi làm việc giữa Thứ trưởng Định và ông Metzger diễn ra ngày 4/6/2024', iec)).toEqual([['date', 'ngày 4/6/2024', 'ngày 5/6/2024']]);
    expect(named('Ông Metzger làm việc với Thứ trưởng Định ngày 4/6/2024', iec)).toEqual([['date', 'ngày 4/6/2024', 'ngày 5/6/2024']]);
    // Another event opening the clause is not the meeting.
    expect(named('Lễ ký kết giữa Thứ trưởng Định và ông Metzger diễn ra ngày 4/6/2024', iec)).toEqual([]);
    // Coming to a place the evidence writes the same way is dated by it.
    const came = 'Ông Philippe Metzger đến Hà Nội ngày 5/6/2024 để làm việc với Bộ KH&CN.';
    expect(named('Ông Philippe Metzger đến Hà Nội ngày 4/6/2024', came)).toEqual([['date', 'ngày 4/6/2024', 'ngày 5/6/2024']]);
  });

  it('reads the same office at another body in English as an organisation mismatch', () => {
    const iec =
      'Thứ trưởng Bộ KH&CN Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger, Tổng Thư ký IEC ngày 5/6/2024, tại Hà Nội.';
    const english = (claim: string) =>
      compareClaim(claim, [{ text: iec }], { weightOf, crossLanguage: true }).mismatches.map((m) => [
        m.kind,
        claim.slice(m.claimed.start, m.claimed.end),
        iec.slice(m.stated.start, m.stated.end),
      ]);
    expect(english('Philippe Metzger is the ISO Secretary General')).toEqual([['organisation', 'ISO', 'IEC']]);
    expect(english('Philippe Metzger is the Secretary General of the ITU')).toEqual([['organisation', 'ITU', 'IEC']]);
    expect(english('Philippe Metzger is the IEC Secretary General')).toEqual([]);
    expect(english('Philippe Metzger is the Secretary General of the IEC')).toEqual([]);
    // A body written with a noun first may have another acronym ("Bộ KH&CN" is MOST).
    expect(english('Le Xuan Dinh is the Deputy Minister of MOST')).toEqual([]);
  });

  it('reads a request where the source reports a statement as something the articles do not say', () => {
    const promise = 'Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC trong thời gian sớm nhất.';
    const wish = 'Thứ trưởng Lê Xuân Định bày tỏ mong muốn IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức của IEC.';
    const another = (claim: string, evidence: string) => compare(claim, evidence).features.aboutAnother;
    expect(another('Ông Metzger đề nghị Việt Nam sớm trở thành thành viên chính thức của IEC', promise)).toBe(1);
    expect(another('Ông Metzger yêu cầu Việt Nam sớm trở thành thành viên chính thức của IEC', promise)).toBe(1);
    expect(another('Ong Metzger de nghi Viet Nam som tro thanh thanh vien chinh thuc cua IEC', promise)).toBe(1);
    // The same kind of saying: a statement of intent, or a request for what the source wishes.
    expect(another('Ông Metzger cam kết hỗ trợ Việt Nam sớm trở thành thành viên chính thức của IEC', promise)).toBe(0);
    expect(another('Thứ trưởng Lê Xuân Định đề nghị IEC tạo điều kiện để Việt Nam trở thành thành viên chính thức của IEC', wish)).toBe(0);
    // What must be done, emphasised, is asked for.
    expect(another('Thủ tướng Phạm Minh Chính yêu cầu các bộ hoàn thành báo cáo', 'Thủ tướng Phạm Minh Chính nhấn mạnh, các bộ cần hoàn thành báo cáo.')).toBe(
      0,
    );
    // "đề nghị" not said by someone: a noun.
    expect(another('Theo đề nghị của IEC, Việt Nam sẽ trở thành thành viên chính thức của IEC', promise)).toBe(0);
  });

  it('does not support an act of receiving, visiting or inviting that the evidence does not write', () => {
    const signed = 'Tại Hội nghị, Viện Đo lường Việt Nam đã chính thức ký kết Biên bản với các đối tác quốc tế trong LMC.';
    const met = 'Thứ trưởng Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger.';
    const another = (claim: string, evidence: string) => compare(claim, evidence).features.aboutAnother;
    expect(another('Các đối tác quốc tế trong LMC đã tiếp Viện Đo lường Việt Nam tại Bắc Kinh.', signed)).toBe(1);
    expect(another('Ông Philippe Metzger mời Thứ trưởng Lê Xuân Định sang Geneva.', met)).toBe(1);
    expect(another('Thứ trưởng Lê Xuân Định đón ông Philippe Metzger.', met)).toBe(0);
    expect(another('Viện Đo lường Việt Nam tiếp tục hợp tác với các đối tác quốc tế trong LMC.', signed)).toBe(0);
  });

  it('reads no act in words that only begin like one, nor in ambiguous words typed without marks', () => {
    const met = 'Thứ trưởng Lê Xuân Định cho biết như trên tại buổi tiếp và làm việc với ông Philippe Metzger.';
    const another = (claim: string) => compare(claim, met).features.aboutAnother;
    // "trao đổi" is to exchange views, "cử tri" voters, "thăm dò" to sound out, "mời gọi" to attract.
    expect(another('Thứ trưởng Lê Xuân Định trao đổi với ông Philippe Metzger.')).toBe(0);
    expect(another('Ông Philippe Metzger thăm dò ý kiến Thứ trưởng Lê Xuân Định.')).toBe(0);
    expect(another('Thứ trưởng Lê Xuân Định mời gọi ông Philippe Metzger hợp tác.')).toBe(0);
    // Without marks "moi" is as likely "mới" (just), "don" "đơn".
    expect(another('Ong Philippe Metzger moi den Ha Noi.')).toBe(0);
    expect(another('Ông Philippe Metzger mời Thứ trưởng Lê Xuân Định.')).toBe(1);
  });

  it('reads "đến", "về" before a place as an act only when someone comes or goes', () => {
    const meeting = 'Hội thảo về Hà Nội ngày 5/6/2024 có sự tham gia của ông Philippe Metzger.';
    expect(named('Hội thảo về Hà Nội ngày 4/6/2024 có sự tham gia của ông Philippe Metzger.', meeting)).toEqual([['date', 'ngày 4/6/2024', 'ngày 5/6/2024']]);
    expect(named('Ông Philippe Metzger đã về Hà Nội ngày 4/6/2024.', meeting)).toEqual([]);
  });
});
