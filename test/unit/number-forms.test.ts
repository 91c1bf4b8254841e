import { describe, expect, it } from 'vitest';
import { numberWritten } from '../../src/answer/number-forms.js';
import { fold } from '../../src/text/normalize.js';

/** Whether the number at `digits` in `question` is written in `article`. */
const written = (question: string, digits: string, article: string) => {
  const at = question.indexOf(digits);
  const lower = article.toLowerCase();
  return numberWritten(digits, question.slice(0, at), question.slice(at + digits.length), lower, fold(lower));
};

describe('numberWritten', () => {
  it('finds a number spelled, in Roman numerals, or as a year of the decade or century asked', () => {
    expect(written('2 khác biệt giữa X.25 và ARPANET?', '2', 'Hai khác biệt cơ bản liên quan đến việc phân chia chức năng.')).toBe(true);
    expect(written('Ai là bạn đồng hành cho sê-ri thứ 10?', '10', 'Sê-ri thứ mười sẽ giới thiệu Pearl Mackie.')).toBe(true);
    expect(written('DECnet giai đoạn 2 đã trở thành cái gì?', '2', 'Tuy nhiên, DECnet Giai đoạn II là các tiêu chuẩn mở.')).toBe(true);
    expect(written('Ai đóng vai này vào những năm 70?', '70', 'Đầu những năm 1970, Trevor Martin đã đóng vai này.')).toBe(true);
    expect(written('Phim nào ra mắt vào thập niên 80?', '80', 'Dynasty được công chiếu vào năm 1981.')).toBe(true);
    expect(written('Ai ủng hộ cải cách vào thế kỷ 15?', '15', 'Jacques Lefevre (khoảng 1455–1536).')).toBe(true);
    expect(written('Two differences in 2 networks?', '2', 'There are two networks.')).toBe(true);
  });

  it('does not take a spelled number alone, which most articles have in another sense', () => {
    // "năm" is five and year; the LMC article is about the 4th meeting.
    expect(written('Hội nghị LMC lần thứ 5 sẽ tổ chức ở đâu?', '5', 'Vào ngày 29 tháng 8 năm 2023, Hội nghị LMC lần thứ 4 được tổ chức.')).toBe(false);
    expect(written('Trong suốt 4 năm, nhóm nghiên cứu đã làm gì?', '4', 'Họ đã theo dõi suốt 13 năm, đầu tư tư vấn.')).toBe(false);
    expect(written('Phim nào ra mắt vào thập niên 80?', '80', 'Phim ra mắt năm 1975.')).toBe(false);
    expect(written('Có 6 loại vi khuẩn nào?', '6', 'Các loại vi khuẩn này rất nguy hiểm.')).toBe(false);
  });
});
