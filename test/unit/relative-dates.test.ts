import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, readPeriods, readQuestionTime, withoutPeriods } from '../../src/text/relative-dates.js';
import { fold } from '../../src/text/normalize.js';

// A Thursday.
const TODAY = '2024-06-20';

const span = (text: string, today = TODAY) => {
  const t = readQuestionTime(text, today);
  return [t.from, t.to];
};

describe('relative periods, read against a fixed day', () => {
  it('reads days, weeks, months, quarters and years around today (weeks start on Monday)', () => {
    expect(span('hôm nay')).toEqual(['2024-06-20', '2024-06-20']);
    expect(span('hôm qua')).toEqual(['2024-06-19', '2024-06-19']);
    expect(span('tuần này')).toEqual(['2024-06-17', '2024-06-23']);
    expect(span('tuần trước')).toEqual(['2024-06-10', '2024-06-16']);
    expect(span('tuần trước nữa')).toEqual(['2024-06-03', '2024-06-09']);
    expect(span('tháng này')).toEqual(['2024-06-01', '2024-06-30']);
    expect(span('tháng trước')).toEqual(['2024-05-01', '2024-05-31']);
    expect(span('quý trước')).toEqual(['2024-01-01', '2024-03-31']);
    expect(span('năm nay')).toEqual(['2024-01-01', '2024-12-31']);
    expect(span('năm ngoái')).toEqual(['2023-01-01', '2023-12-31']);
    expect(span('hai năm trước')).toEqual(['2022-01-01', '2022-12-31']);
  });

  it('reads spans that end today', () => {
    expect(span('3 tháng qua')).toEqual(['2024-03-21', '2024-06-20']);
    expect(span('tuần qua')).toEqual(['2024-06-14', '2024-06-20']);
    expect(span('trong 10 ngày gần đây')).toEqual(['2024-06-11', '2024-06-20']);
    expect(span('in the past 3 months')).toEqual(['2024-03-21', '2024-06-20']);
    expect(span('từ 2023 đến nay')).toEqual(['2023-01-01', '2024-06-20']);
  });

  it('cuts a period with đầu, giữa, cuối and halves', () => {
    expect(span('đầu năm nay')).toEqual(['2024-01-01', '2024-03-31']);
    expect(span('cuối năm ngoái')).toEqual(['2023-10-01', '2023-12-31']);
    expect(span('giữa năm 2023')).toEqual(['2023-05-01', '2023-08-31']);
    expect(span('nửa đầu năm 2024')).toEqual(['2024-01-01', '2024-06-30']);
    expect(span('6 tháng cuối năm 2023')).toEqual(['2023-07-01', '2023-12-31']);
    expect(span('cuối tháng 8/2023')).toEqual(['2023-08-21', '2023-08-31']);
    expect(span('đầu tháng này')).toEqual(['2024-06-01', '2024-06-10']);
    expect(span('early 2024')).toEqual(['2024-01-01', '2024-03-31']);
    expect(span('late last year')).toEqual(['2023-10-01', '2023-12-31']);
  });

  it('reads open bounds and joins "from … to …"', () => {
    expect(span('trước tháng 6/2024')).toEqual([undefined, '2024-05-31']);
    expect(span('sau năm 2023')).toEqual(['2024-01-01', undefined]);
    expect(span('kể từ tháng 8/2023')).toEqual(['2023-08-01', undefined]);
    expect(span('since 2023')).toEqual(['2023-01-01', undefined]);
    expect(span('từ tháng 1 đến tháng 6/2024')).toEqual(['2024-01-01', '2024-06-30']);
    expect(span('from January to June 2024')).toEqual(['2024-01-01', '2024-06-30']);
    expect(span('từ tháng 8/2023 tới nay')).toEqual(['2023-08-01', '2024-06-20']);
  });

  it('gives a date written without its year the latest year that is not in the future', () => {
    expect(span('tháng 6')).toEqual(['2024-06-01', '2024-06-30']);
    expect(span('tháng 8')).toEqual(['2023-08-01', '2023-08-31']);
    expect(span('ngày 5/6')).toEqual(['2024-06-05', '2024-06-05']);
    expect(span('ngày 29/8')).toEqual(['2023-08-29', '2023-08-29']);
    expect(readQuestionTime('tháng 8', TODAY).relative).toBe(true);
    expect(readQuestionTime('tháng 8/2023', TODAY).relative).toBe(false);
  });

  it('reads the same words typed without tone marks', () => {
    for (const t of ['tuần trước', 'đầu năm nay', '3 tháng qua', 'năm ngoái', 'từ tháng 1 đến tháng 6/2024', 'trước tháng 6/2024']) {
      expect(span(fold(t)), t).toEqual(span(t));
    }
  });

  it('does not take "Việt Nam" for the year word or a bare number for a year', () => {
    expect(readPeriods('Việt Nam nay hợp tác với ai?', TODAY)).toEqual([]);
    expect(readPeriods('viet nam nay hop tac voi ai', TODAY)).toEqual([]);
    expect(readPeriods('Sáu nước tham gia hội nghị', TODAY)).toEqual([]);
    expect(readPeriods('Kế hoạch 2030 có mấy mục tiêu?', TODAY)).toEqual([]);
  });

  it('reads requests for order', () => {
    expect(readQuestionTime('Bài mới nhất nói về gì?', TODAY).order).toBe('latest');
    expect(readQuestionTime('bai moi nhat ve IEC', TODAY).order).toBe('latest');
    expect(readQuestionTime('Bài cũ nhất?', TODAY).order).toBe('earliest');
    expect(readQuestionTime('Gần đây Bộ hợp tác với ai?', TODAY).order).toBe('recent');
    expect(readQuestionTime('What is the latest article about?', TODAY).order).toBe('latest');
    expect(readQuestionTime('Hội nghị lần đầu tiên tổ chức ở đâu?', TODAY).order).toBeUndefined();
  });

  it('reads a bound at an event the corpus has to date', () => {
    const before = readQuestionTime('Trước khi làm việc với IEC, Việt Nam tham dự hội nghị nào?', TODAY);
    expect(before.event).toEqual({ relation: 'before', text: 'làm việc với IEC' });
    const after = readQuestionTime('Bộ làm việc với ai sau hội nghị LMC lần thứ 4?', TODAY);
    expect(after.event).toEqual({ relation: 'after', text: 'hội nghị LMC lần thứ 4' });
    expect(readQuestionTime('before the IEC meeting, what did Vietnam sign?', TODAY).event).toEqual({ relation: 'before', text: 'the IEC meeting' });
    // With no comma, the event ends where the question's own clause starts: a name after a name in capitals.
    expect(readQuestionTime('Trước khi làm việc với IEC Việt Nam dự hội nghị gì?', TODAY).event).toEqual({ relation: 'before', text: 'làm việc với IEC' });
    expect(readQuestionTime('Sau hội nghị LMC Bộ KH&CN làm việc với ai?', TODAY).event).toEqual({ relation: 'after', text: 'hội nghị LMC' });
    expect(readQuestionTime('Sau hội nghị LMC lần 4 Viện Đo lường ký gì?', TODAY).event).toEqual({ relation: 'after', text: 'hội nghị LMC lần 4' });
    // A question word in the event's own words leaves the whole clause as it was.
    expect(readQuestionTime('Trước khi làm việc với IEC Việt Nam?', TODAY).event?.text).toBe('làm việc với IEC Việt Nam');
    // "trước" with no event noun after it is not an event bound ("trước đó", "trước hết").
    expect(readQuestionTime('Trước hết, Việt Nam cam kết gì?', TODAY).event).toBeUndefined();
  });

  it('takes the period words out of the question', () => {
    const q = 'Tháng 6/2024 Bộ làm việc với tổ chức nào?';
    expect(withoutPeriods(q, readPeriods(q, TODAY))).toBe('Bộ làm việc với tổ chức nào?');
    const e = 'Trước khi làm việc với IEC, Việt Nam tham dự hội nghị nào?';
    expect(withoutPeriods(e, readPeriods(e, TODAY))).toBe('Việt Nam tham dự hội nghị nào?');
    const bare = 'Sau hội nghị LMC Bộ KH&CN làm việc với ai?';
    expect(withoutPeriods(bare, readPeriods(bare, TODAY))).toBe('Bộ KH&CN làm việc với ai?');
  });

  it('never returns a span that ends before it starts, for any day', () => {
    const phrases = [
      'hôm qua',
      'tuần trước',
      'tháng trước',
      'quý trước',
      'năm ngoái',
      '3 tháng qua',
      'đầu năm nay',
      'cuối tháng này',
      'tháng 2',
      'ngày 29/2',
      'nửa cuối năm nay',
    ];
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), fc.constantFrom(...phrases), (d, phrase) => {
        const today = d.toISOString().slice(0, 10);
        const t = readQuestionTime(phrase, today);
        expect(t.from, phrase).toBeDefined();
        expect((t.from as string) <= (t.to as string), `${phrase} on ${today}`).toBe(true);
        // Parts of this year or month may still be ahead; the rest look back.
        if (!/này|nay/.test(phrase)) expect((t.from as string) <= today, `${phrase} on ${today}`).toBe(true);
      }),
    );
  });
});

describe('the day in a time zone', () => {
  it('is already tomorrow in Hà Nội in the UTC evening', () => {
    expect(dayIn(new Date('2024-06-04T20:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2024-06-05');
    expect(dayIn(new Date('2024-06-04T20:00:00Z'), 'UTC')).toBe('2024-06-04');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('turns at midnight there, asked again and again around it (the last day is kept for its second)', () => {
    const at = (iso: string) => dayIn(new Date(iso), 'Asia/Ho_Chi_Minh');
    expect(at('2024-06-04T16:59:00Z')).toBe('2024-06-04');
    expect(at('2024-06-04T16:59:59.999Z')).toBe('2024-06-04');
    expect(at('2024-06-04T17:00:00Z')).toBe('2024-06-05');
    expect(at('2024-06-04T17:00:59Z')).toBe('2024-06-05');
    // The same minute in another zone is that zone's day.
    expect(dayIn(new Date('2024-06-04T17:00:30Z'), 'UTC')).toBe('2024-06-04');
    expect(at('2024-06-04T17:00:30Z')).toBe('2024-06-05');
    // Hà Nội's local mean time (+7:06:40) turned the day 40 seconds into a minute.
    expect(at('1900-01-01T16:53:00Z')).toBe('1900-01-01');
    expect(at('1900-01-01T16:53:45Z')).toBe('1900-01-02');
  });
});
