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

  it('says a quote that fits was taken from inside a sentence (a passage window may begin or end there)', () => {
    const inside = span('nhiều đại biểu đến từ các tỉnh phía Nam');
    expect(clipQuote(text, inside, undefined, inside, 500)).toMatchObject({ cutBefore: true, cutAfter: true });
    // Up to the end of its sentence, it is cut before only.
    const tail = { start: inside.start, end: span(before).end };
    expect(clipQuote(text, tail, undefined, tail, 500)).toMatchObject({ cutBefore: true, cutAfter: false });
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

  it('keeps the clauses holding most of the question words when there is no fact', () => {
    const words = (...ws: string[]) => ws.map((w) => span(w));
    // "vùng sâu" and "vùng xa" close the long sentence; "nông thôn" and "miền núi" are just before them.
    const q = clipQuote(text, span(before), undefined, span(before), 120, words('nông thôn', 'miền núi', 'vùng sâu'));
    const quoted = text.slice(q.start, q.end);
    for (const w of ['nông thôn', 'miền núi', 'vùng sâu']) expect(quoted).toContain(w);
    expect(q.cutBefore).toBe(true);
    expect(q.end - q.start).toBeLessThanOrEqual(120);
  });

  it('counts a word the sentence repeats once when choosing the clauses', () => {
    // "các" opens many early clauses; "trao đổi kinh nghiệm" and "mùa mưa" are two distinct words later.
    const early = [...text.slice(0, before.length).matchAll(/các/gu)].map((m) => ({ start: m.index, end: m.index + 3 }));
    const q = clipQuote(text, span(before), undefined, span(before), 150, [...early, span('trao đổi'), span('mùa mưa')]);
    expect(text.slice(q.start, q.end)).toContain('mùa mưa');
  });

  it('starts from the sentence when no question word is in it', () => {
    const q = clipQuote(text, span(before), undefined, span(before), 120, []);
    expect(q.start).toBe(0);
  });
});
