import { describe, expect, it } from 'vitest';
import { compareClaim } from '../../src/check/compare.js';

/** Every informative word weighs the same: the rules, not the statistics, are under test. */
const weightOf = () => 2;
const compare = (claim: string, ...evidence: string[]) =>
  compareClaim(
    claim,
    evidence.map((text) => ({ text })),
    { weightOf },
  );
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

  it('takes a negation and a change of tense as mismatches only where they line up', () => {
    expect(named('Bộ không tổ chức các hoạt động văn hóa tại Bình Thuận.', 'Bộ đề nghị tổ chức các hoạt động văn hóa tại Bình Thuận.').map(([k]) => k)).toEqual(
      ['negation'],
    );
    expect(
      named('Việt Nam đã trở thành thành viên chính thức của IEC.', 'Ông Metzger khẳng định sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC.'),
    ).toEqual([['modality', 'đã trở thành thành viên chính thức của IEC', 'sẽ hỗ trợ Việt Nam để trở thành thành viên chính thức của IEC']]);
    // "không chỉ … mà còn", "không ít", "hàng không" are not negations.
    expect(compare('Hợp tác không chỉ mang lại lợi ích cho chính phủ.', 'Hợp tác mang lại lợi ích cho chính phủ.').mismatches).toEqual([]);
  });
});
