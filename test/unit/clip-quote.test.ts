import { describe, expect, it } from 'vitest';
import { clipQuote } from '../../src/answer/extractive.js';

const before =
  'Ngày 3/7, tại hội nghị tổng kết công tác y tế dự phòng, nhiều đại biểu đến từ các tỉnh phía Nam, các bệnh viện tuyến trung ương, các viện nghiên cứu và các tổ chức quốc tế đã tham dự, trao đổi kinh nghiệm phòng chống dịch bệnh trong mùa mưa, bàn về việc phối hợp giữa các địa phương, chia sẻ số liệu giám sát và kế hoạch truyền thông cho người dân ở khu vực nông thôn, miền núi, vùng sâu, vùng xa.';
const best = 'Bác sĩ Nguyễn Văn An, Giám đốc Trung tâm, cho biết thành phố ghi nhận hơn 24.000 ca sốt xuất huyết, tăng 176% so với cùng kỳ năm ngoái.';
const text = `${before} ${best}`;
const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });

describe('clipQuote', () => {
  it('leaves a quote that fits as it is', () => {
    expect(clipQuote(text, span(best), undefined, span(best), 500)).toEqual({ ...span(best), cutBefore: false, cutAfter: false });
  });

  it('keeps the likeliest sentence whole when the sentence before it is quoted too', () => {
    const q = clipQuote(text, { start: 0, end: text.length }, undefined, span(best), 300);
    expect(text.slice(q.start, q.end)).toContain(best);
    expect(q.cutBefore).toBe(true);
    expect(q.cutAfter).toBe(false);
    expect(q.end - q.start).toBeLessThanOrEqual(300);
  });

  it('keeps the fact asked for when there is one', () => {
    const fact = span('Ngày 3/7');
    const q = clipQuote(text, { start: 0, end: text.length }, fact, span(best), 200);
    expect(q.start).toBe(0);
    expect(q.cutAfter).toBe(true);
    expect(q.end - q.start).toBeLessThanOrEqual(200);
  });

  it('cuts a sentence longer than the limit from its start, at a clause', () => {
    const q = clipQuote(text, { start: 0, end: text.length }, undefined, span(before), 120);
    expect(q.start).toBe(0);
    expect(text.slice(q.start, q.end)).toMatch(/^Ngày 3\/7, tại hội nghị/u);
    expect(q.end - q.start).toBeLessThanOrEqual(120);
    expect(q.cutAfter).toBe(true);
  });
});
