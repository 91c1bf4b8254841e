import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FoundDate, findDates, relateDates } from '../../src/text/find-dates.js';
import { fold } from '../../src/text/normalize.js';

const one = (text: string): FoundDate => {
  const found = findDates(text);
  expect(found, text).toHaveLength(1);
  return found[0] as FoundDate;
};
const range = (text: string) => {
  const d = one(text);
  return [d.precision, d.from, d.to];
};

describe('findDates', () => {
  it('reads Vietnamese day dates in every common form', () => {
    for (const t of [
      '29/8/2023',
      '29/08/2023',
      '29-8-2023',
      '29.8.2023',
      'ngày 29/8/2023',
      'ngày 29 tháng 8 năm 2023',
      '29 tháng 8, 2023',
      'ngày 29 tháng Tám năm 2023',
      '2023-08-29',
    ]) {
      expect(range(`Hội nghị diễn ra ${t} tại Bắc Kinh.`), t).toEqual(['day', '2023-08-29', '2023-08-29']);
    }
  });

  it('reads the same dates typed without tone marks', () => {
    expect(range('hoi nghi ngay 29 thang 8 nam 2023')).toEqual(['day', '2023-08-29', '2023-08-29']);
    expect(range('vao thang 6/2024')).toEqual(['month', '2024-06-01', '2024-06-30']);
  });

  it('reads months, quarters, years and spans of years as ranges', () => {
    expect(range('vào tháng 8/2023')).toEqual(['month', '2023-08-01', '2023-08-31']);
    expect(range('tháng 2 năm 2024')).toEqual(['month', '2024-02-01', '2024-02-29']);
    // With a dot, as some papers write it; a dot that ends the sentence is no separator.
    expect(range('vào tháng 4.1936')).toEqual(['month', '1936-04-01', '1936-04-30']);
    expect(range('ngày 12 tháng 4.1936')).toEqual(['day', '1936-04-12', '1936-04-12']);
    expect(findDates('vào tháng 4. Năm 2023 khác').map((d) => d.text)).toEqual(['tháng 4', 'Năm 2023']);
    expect(range('Trong quý II/2024')).toEqual(['quarter', '2024-04-01', '2024-06-30']);
    expect(range('trong năm 2024')).toEqual(['year', '2024-01-01', '2024-12-31']);
    expect(range('giai đoạn hai (từ 2023 đến 2028)')).toEqual(['years', '2023-01-01', '2028-12-31']);
    expect(range('kế hoạch 2021-2025')).toEqual(['years', '2021-01-01', '2025-12-31']);
  });

  it('reads a year written after a month with only a space, and two years joined, as the span they make', () => {
    expect(range('Tháng Sáu 2024 Bộ làm việc với ai?')).toEqual(['month', '2024-06-01', '2024-06-30']);
    expect(range('tháng 6 2024 bộ làm việc với ai')).toEqual(['month', '2024-06-01', '2024-06-30']);
    expect(range('thang 6 2024')).toEqual(['month', '2024-06-01', '2024-06-30']);
    expect(range('ngày 5 tháng 6 2024')).toEqual(['day', '2024-06-05', '2024-06-05']);
    // A count after the month is no year.
    expect(findDates('Trong tháng 6 2000 người đã dự.').map((d) => d.text)).toEqual(['tháng 6']);
    expect(findDates('tháng 6 1500 lượt').map((d) => d.text)).toEqual(['tháng 6']);
    expect(range('những tổ chức nào năm 2023 và 2024?')).toEqual(['years', '2023-01-01', '2024-12-31']);
    expect(range('nam 2023 hoac 2024')).toEqual(['years', '2023-01-01', '2024-12-31']);
    expect(range('in 2023 and 2024')).toEqual(['years', '2023-01-01', '2024-12-31']);
    expect(range('năm 2022, 2024')).toEqual(['years', '2022-01-01', '2024-12-31']);
    // "Việt Nam" is no year word; a later year first is not a span.
    expect(findDates('Việt Nam 2023 và 2024').map((d) => d.text)).toEqual([]);
    expect(findDates('năm 2024 và 2023').map((d) => d.text)).toEqual(['năm 2024']);
  });

  it('reads English dates', () => {
    expect(range('on 29 August 2023 in Beijing')).toEqual(['day', '2023-08-29', '2023-08-29']);
    expect(range('on August 29th, 2023')).toEqual(['day', '2023-08-29', '2023-08-29']);
    expect(range('since June 2024')).toEqual(['month', '2024-06-01', '2024-06-30']);
    expect(findDates('You may 5 times')).toEqual([]);
  });

  it('keeps dates without a year, with the fields that were written', () => {
    const d = one('Sáng ngày 5/6, Thứ trưởng đã tiếp đoàn.');
    expect([d.day, d.month, d.year, d.from]).toEqual([5, 6, undefined, undefined]);
    expect(one('vào tháng 8').month).toBe(8);
  });

  it('reads a time written beside a day, on a 24-hour clock', () => {
    expect(one('Thứ Hai, 29/08/2023 14:30').time).toBe('14:30');
    const d = one('Cập nhật thứ sáu, ngày 30/11/12 04:00 chiều');
    expect([d.from, d.time]).toEqual(['2012-11-30', '16:00']);
  });

  it('gives offsets of the words as written', () => {
    const text = 'Hôm nay, ngày 5 tháng 6 năm 2024, hai bên đã gặp nhau.';
    const d = one(text);
    expect(text.slice(d.start, d.end)).toBe(d.text);
    expect(d.text).toBe('ngày 5 tháng 6 năm 2024');
  });

  it('leaves numbers, fractions and impossible dates alone', () => {
    expect(findDates('1.500.000 đồng, 1/2 số người, tỷ lệ 3/4')).toEqual([]);
    expect(findDates('31/2/2024 và 13/13/2023')).toEqual([]);
    expect(findDates('Việt Nam 2045')).toEqual([]);
    expect(findDates('mã số 12/2023/NĐ-CP')).toEqual([]);
  });

  it('reads back any real date written in the numeric and the spelled-out forms, with or without marks', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (date) => {
        const y = date.getUTCFullYear();
        const m = date.getUTCMonth() + 1;
        const d = date.getUTCDate();
        const want = date.toISOString().slice(0, 10);
        for (const t of [`${d}/${m}/${y}`, `${d}-${m}-${y}`, `ngày ${d} tháng ${m} năm ${y}`, fold(`ngày ${d} tháng ${m} năm ${y}`)]) {
          const found = findDates(`Sự kiện ${t}.`);
          expect(
            found.map((f) => f.from),
            t,
          ).toEqual([want]);
        }
      }),
    );
  });
});

describe('relateDates', () => {
  const d = (t: string) => one(t);
  it('compares as a journalist would', () => {
    expect(relateDates(d('29/8/2023'), d('ngày 29 tháng 8 năm 2023'))).toBe('same');
    expect(relateDates(d('29/8/2023'), d('tháng 8/2023'))).toBe('inside');
    expect(relateDates(d('tháng 8/2023'), d('29/8/2023'))).toBe('contains');
    expect(relateDates(d('30/8/2023'), d('29/8/2023'))).toBe('disjoint');
    expect(relateDates(d('tháng 6/2024'), d('năm 2023'))).toBe('disjoint');
    expect(relateDates(d('ngày 29/8'), d('29/8/2023'))).toBe('same');
    expect(relateDates(d('ngày 28/8'), d('29/8/2023'))).toBe('disjoint');
    expect(relateDates(d('năm 2025'), d('từ 2023 đến 2028'))).toBe('inside');
  });
});

describe('spans of days', () => {
  it('reads "7-8/6/2024" and "từ ngày 5 đến ngày 7/6/2024"', () => {
    expect(findDates('diễn ra vào 7-8/6/2024').map((d) => [d.precision, d.from, d.to])).toEqual([['days', '2024-06-07', '2024-06-08']]);
    expect(findDates('từ ngày 5 đến ngày 7/6/2024').map((d) => [d.text, d.from, d.to])).toEqual([['từ ngày 5 đến ngày 7/6/2024', '2024-06-05', '2024-06-07']]);
  });
});

describe('words that fold like date words', () => {
  it('does not read "thắng 2-1" (won 2-1) as "tháng 2", nor "tôi 5" as an evening', () => {
    expect(findDates('U20 Việt Nam thắng 2-1 trước Qatar')).toEqual([]);
    expect(findDates('tôi 5 lần gặp ông')).toEqual([]);
    expect(findDates('thang 2/2024').map((d) => d.from)).toEqual(['2024-02-01']);
  });

  it('reads "tối 28.3" and a span of days with no year ("từ ngày 3 - 11/6")', () => {
    expect(findDates('họp mặt vào tối 28.3').map((d) => [d.day, d.month])).toEqual([[28, 3]]);
    expect(findDates('thi vào 7-8/4').map((d) => [d.day, d.toDay, d.month])).toEqual([[7, 8, 4]]);
    const d = one('dự kiến diễn ra từ ngày 3 - 11/6');
    expect([d.precision, d.day, d.toDay, d.month, d.year]).toEqual(['days', 3, 11, 6, undefined]);
  });
});

describe('relateDates without a year', () => {
  it('compares spans of days of the same month', () => {
    const d = (t: string) => findDates(t)[0] as FoundDate;
    expect(relateDates(d('ngày 5/6'), d('từ ngày 3 - 11/6'))).toBe('inside');
    expect(relateDates(d('ngày 16/6'), d('từ ngày 3 - 11/6'))).toBe('disjoint');
    expect(relateDates(d('ngày 3/6'), d('ngày 3/7'))).toBe('disjoint');
  });
});

describe('date lines of news pages', () => {
  it('reads the printed date and time of a page header, whatever its shape', () => {
    const read = (t: string) => findDates(t).map((d) => [d.from, d.time]);
    expect(read('Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)')).toEqual([['2012-12-24', '03:04']]);
    expect(read('Cập nhật thứ sáu, ngày 30/11/12 04:00 chiều')).toEqual([['2012-11-30', '16:00']]);
    expect(read('Thứ Ba, 25/12/2012 - 10:03')).toEqual([['2012-12-25', '10:03']]);
    expect(read('23/03/2015 08:06 GMT+7')).toEqual([['2015-03-23', '08:06']]);
    expect(read('2016年10月14日07:17')).toEqual([['2016-10-14', '07:17']]);
    expect(read('Le Monde | 04.05.2015 à 13h36')).toEqual([['2015-05-04', '13:36']]);
  });
});
