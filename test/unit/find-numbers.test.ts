import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FoundNumber, englishOrdinals, findNumbers, ordinalsInDigits, parseNumeral, relateNumbers } from '../../src/text/find-numbers.js';
import { fold } from '../../src/text/normalize.js';

const one = (text: string): FoundNumber => {
  const found = findNumbers(text);
  expect(found, text).toHaveLength(1);
  return found[0] as FoundNumber;
};
const brief = (text: string) => findNumbers(text).map((n) => [n.text, n.kind, n.value, n.qualifier]);

/** Vietnamese thousands separators: 1234567 → "1.234.567". */
const viDigits = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const enDigits = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
/** 1-999 written out in Vietnamese words, the way newspapers spell them. */
function spellVi(n: number): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h) out.push(DIGITS[h] as string, 'trăm');
  if (t === 0 && u > 0) {
    if (h) out.push('linh');
    out.push(DIGITS[u] as string);
  } else if (t === 1) {
    out.push('mười');
    if (u) out.push(u === 5 ? 'lăm' : (DIGITS[u] as string));
  } else if (t > 1) {
    out.push(DIGITS[t] as string, 'mươi');
    if (u) out.push(u === 1 ? 'mốt' : u === 4 ? 'tư' : u === 5 ? 'lăm' : (DIGITS[u] as string));
  }
  return out.join(' ');
}

describe('parseNumeral', () => {
  it('reads Vietnamese and English separators', () => {
    expect(parseNumeral('1.500.000')?.value).toBe(1_500_000);
    expect(parseNumeral('1,5')?.value).toBe(1.5);
    expect(parseNumeral('12,7')?.value).toBe(12.7);
    expect(parseNumeral('3.893.595')?.value).toBe(3_893_595);
    expect(parseNumeral('1.234,5')?.value).toBe(1234.5);
    expect(parseNumeral('1,234.5')?.value).toBe(1234.5);
    expect(parseNumeral('1,500,000')?.value).toBe(1_500_000);
    expect(parseNumeral('5.5')?.value).toBe(5.5);
    // A single group after a comma: a decimal comma in Vietnamese, thousands in English.
    expect(parseNumeral('1,500', true)?.value).toBe(1.5);
    expect(parseNumeral('1,500', false)?.value).toBe(1500);
    expect(parseNumeral('1.2.3')).toBeNull();
  });

  it('reads back any whole number written with either convention', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (n) => {
        expect(parseNumeral(viDigits(n))?.value).toBe(n);
        if (n >= 1_000_000 || n < 1000) expect(parseNumeral(enDigits(n), false)?.value).toBe(n);
      }),
    );
  });
});

describe('findNumbers', () => {
  it('reads scale words, glued units and separators as one value', () => {
    expect(one('Tổng vốn 1,5 triệu USD').value).toBe(1_500_000);
    expect(one('Tổng vốn 1.500.000 USD').value).toBe(1_500_000);
    expect(one('Dự kiến có 20.000tỷ đồng').value).toBe(20_000 * 1e9);
    expect(one('chiếm đoạt hơn 4,4 tỉ đồng').value).toBe(4.4e9);
    expect(one('doanh thu 3.000 nghìn tỷ').value).toBe(3000 * 1e12);
    expect(one('the project drew 1.5 million USD').value).toBe(1_500_000);
    expect(one('độ cao khoảng 1.500m').unit).toBe('m');
  });

  it('reads qualifiers as bounds', () => {
    const over = one('hơn 70 học sinh');
    expect([over.qualifier, over.min, over.max, over.unit]).toEqual(['over', 70, Infinity, 'hoc sinh']);
    expect(one('gần 13.000 cái').qualifier).toBe('nearly');
    expect(one('khoảng 2 triệu USD').qualifier).toBe('about');
    expect(one('với hơn 500+ KOLs').qualifier).toBe('over');
    expect(one('tối đa 30 người').qualifier).toBe('atMost');
    expect(one('ít nhất 5 lần').qualifier).toBe('atLeast');
    expect(one('more than 70 delegates').qualifier).toBe('over');
    expect(one('hon 70 hoc sinh').qualifier).toBe('over');
    // "tròn" is exactly: part of how the figure is written.
    const full = one('Sáng kiến BRI tròn 10 năm');
    expect([full.text, full.qualifier, full.min, full.max]).toEqual(['tròn 10', 'exact', 10, 10]);
    expect(one('Sang kien BRI tron 10 nam').text).toBe('tron 10');
    // Not "trộn" (mix) nor "trốn" (flee), which fold the same way.
    expect(one('trộn 2 thìa đường').text).toBe('2');
    expect(one('trốn 3 ngày').text).toBe('3');
  });

  it('reads ranges, percentages, negatives, ordinals and times', () => {
    expect(brief('giảm 15-20% so với tuần trước')).toEqual([['15-20%', 'percent', 15, 'range']]);
    expect(one('giảm 15-20%').to).toBe(20);
    expect(one('về mốc 75.000-85.000 đồng').to).toBe(85_000);
    expect(one('trong thời hạn từ 3 đến 7 ngày').to).toBe(7);
    expect(one('thu nhập 1-2 triệu').value).toBe(1_000_000);
    expect(one('xuống tới âm 6 - âm 7 độ C')).toMatchObject({ value: -7, to: -6 });
    expect(one('tăng 12,7 phần trăm')).toMatchObject({ kind: 'percent', value: 12.7 });
    expect(one('Hội nghị LMC lần thứ 4')).toMatchObject({ kind: 'ordinal', value: 4, unit: 'lan', text: 'lần thứ 4' });
    expect(one('phiên họp thứ 21')).toMatchObject({ kind: 'ordinal', value: 21, unit: 'hop' });
    expect(one('the 4th meeting')).toMatchObject({ kind: 'ordinal', value: 4 });
    expect(one('lần thứ tư')).toMatchObject({ kind: 'ordinal', value: 4, spelled: true });
    expect(one('lần đầu tiên được tổ chức')).toMatchObject({ kind: 'ordinal', value: 1 });
    // A phase by its number, in digits, words or Roman numerals; a year after "giai đoạn" is a period.
    expect(one('thuộc giai đoạn hai của hợp tác')).toMatchObject({ kind: 'ordinal', value: 2, unit: 'giai doan', text: 'giai đoạn hai' });
    expect(one('Giai đoạn II bắt đầu')).toMatchObject({ kind: 'ordinal', value: 2, unit: 'giai doan' });
    expect(one('dự án giai đoạn 3 hoàn thành')).toMatchObject({ kind: 'ordinal', value: 3, unit: 'giai doan', text: 'giai đoạn 3' });
    expect(findNumbers('trong giai đoạn 2021-2025').some((n) => n.kind === 'ordinal')).toBe(false);
    expect(findNumbers('ba giai đoạn').map((n) => n.kind)).toEqual(['cardinal']);
    expect(one('đến trường lúc 8h30')).toMatchObject({ kind: 'time', value: 8 * 60 + 30 });
    expect(one('lúc 9 giờ sáng')).toMatchObject({ kind: 'time', value: 9 * 60 });
  });

  it('reads numbers written in words, only where marks tell them from other words', () => {
    expect(one('hai mươi lăm người').value).toBe(25);
    expect(one('ba giai đoạn').unit).toBe('giai doan');
    expect(one('năm trăm người').value).toBe(500);
    expect(one('hai mươi năm qua').value).toBe(20);
    expect(one('hai triệu rưỡi').value).toBe(2_500_000);
    expect(one('hàng trăm người')).toMatchObject({ qualifier: 'about', min: 200 });
    expect(one('twenty five delegates').value).toBe(25);
    expect(findNumbers('một số người, năm nay, một cách, thứ Hai, vào thứ hai')).toEqual([]);
    expect(findNumbers('ba và bà (viết không dấu: ba)').map((n) => n.value)).toEqual([3, 3]);
    expect(findNumbers('ba nguoi di')).toEqual([]);
  });

  it('reads back any number from 1 to 999 written in Vietnamese words', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), (n) => {
        const found = findNumbers(`Có ${spellVi(n)} người tham dự.`);
        expect(
          found.map((f) => f.value),
          spellVi(n),
        ).toEqual([n]);
      }),
    );
  });

  it('leaves dates, codes, scores and names with digits to others', () => {
    expect(findNumbers('ngày 29/8/2023, năm 2024, tháng 6/2024')).toEqual([]);
    expect(findNumbers('Nghị định số 131/2018/NĐ-CP')).toEqual([]);
    expect(findNumbers('U20, COVID-19, mạng 5G, H5N1')).toEqual([]);
    expect(brief('thắng 2-1')).toEqual([
      ['2', 'cardinal', 2, 'exact'],
      ['1', 'cardinal', 1, 'exact'],
    ]);
  });

  it('gives offsets of the words as written, with or without marks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999 }),
        fc.constantFrom('hơn', 'khoảng', 'gần', ''),
        fc.constantFrom('triệu', 'nghìn', 'tỷ', ''),
        (n, q, scale) => {
          const phrase = `${q} ${viDigits(n)} ${scale}`.trim();
          for (const text of [`Con số ${phrase} người.`, fold(`Con số ${phrase} người.`)]) {
            const f = one(text);
            expect(text.slice(f.start, f.end)).toBe(f.text);
            expect(f.value).toBeCloseTo(n * (({ triệu: 1e6, nghìn: 1e3, tỷ: 1e9 } as Record<string, number>)[scale] ?? 1), 3);
          }
        },
      ),
    );
  });
});

describe('relateNumbers', () => {
  const rel = (a: string, b: string) => relateNumbers(one(a), one(b));
  it('compares as a journalist would', () => {
    expect(rel('1,5 triệu người', '1.500.000 người')).toBe('same');
    expect(rel('1,5 triệu người', '1.480.000 người')).toBe('compatible');
    expect(rel('hơn 70 người', '73 người')).toBe('compatible');
    expect(rel('hơn 70 người', '69 người')).toBe('different');
    expect(rel('hơn 70 người', '70 người')).toBe('different');
    expect(rel('18.000 lượt xem', 'hơn 8.000 lượt xem')).toBe('different');
    expect(rel('hơn 170 triệu', 'hơn 165 triệu')).toBe('different');
    expect(rel('khoảng 2 triệu', '1.950.000')).toBe('compatible');
    expect(rel('gần 13.000 cái', '12.800 cái')).toBe('compatible');
    expect(rel('300 kênh', '400 kênh')).toBe('different');
    expect(rel('3-8 ngày', '3-7 ngày')).toBe('different');
    expect(rel('lần thứ 4', 'the 4th')).toBe('same');
    expect(rel('lần thứ 5', 'lần thứ 4')).toBe('different');
    expect(rel('12,7%', '12,7 phần trăm')).toBe('same');
    expect(rel('12,7%', '12,7 người')).toBe('different');
  });

  it('finds every number the same as itself and never the same as a different exact figure', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), (a, b) => {
        const x = one(`có ${viDigits(a)} người`);
        const y = one(`có ${viDigits(b)} người`);
        expect(relateNumbers(x, x)).toBe('same');
        expect(relateNumbers(x, y)).toBe(a === b ? 'same' : 'different');
      }),
    );
  });
});

describe('ordinalsInDigits', () => {
  it('writes spelled and Roman ordinals in digits, with their head word', () => {
    expect(ordinalsInDigits('Hội nghị LMC lần thứ tư diễn ra ở đâu?')).toEqual(['thứ 4']);
    expect(ordinalsInDigits('DECnet Giai đoạn II và khóa IV')).toEqual(['Giai đoạn 2', 'khóa 4']);
    expect(ordinalsInDigits('Thứ Hai tuần trước')).toEqual(['Thứ 2']);
  });

  it('leaves fractions, lower-case Roman look-alikes and digits alone', () => {
    expect(ordinalsInDigits('Một phần tư dân số')).toEqual([]);
    expect(ordinalsInDigits('vòng vi khuẩn, lần thứ 4')).toEqual([]);
  });

  it('reads "một" after a phase or round but not after "thứ", and no year as a phase', () => {
    expect(ordinalsInDigits('Giai đoạn một của hợp tác LMC diễn ra ở đâu?')).toEqual(['Giai đoạn 1']);
    expect(ordinalsInDigits('đợt một, vòng một')).toEqual(['đợt 1', 'vòng 1']);
    expect(ordinalsInDigits('người thứ một trăm')).toEqual([]);
    expect(ordinalsInDigits('kế hoạch giai đoạn năm 2021 - 2025')).toEqual([]);
  });

  it('reads phases typed without tone marks, only where the word is a number', () => {
    expect(ordinalsInDigits('lmc giai doan ba bat dau nam nao')).toEqual(['giai doan 3']);
    expect(ordinalsInDigits('dot hai tiem vaccine')).toEqual(['dot 2']);
    // "giai đoạn sau" (the later phase), "đợt bay" (a flight): not numbers.
    expect(ordinalsInDigits('giai doan sau cua du an')).toEqual([]);
    expect(ordinalsInDigits('dot bay dau tien')).toEqual([]);
    // With marks, only the marked reading counts.
    expect(ordinalsInDigits('Giai đoạn sau và giai doan ba')).toEqual([]);
  });
});

describe('englishOrdinals', () => {
  it('reads English editions and phases as digits with the Vietnamese noun written before them', () => {
    expect(englishOrdinals('Where was the 5th LMC symposium held?')).toEqual([{ digits: '5', noun: 'thứ' }]);
    expect(englishOrdinals('the third LMC symposium, the 21st edition')).toEqual([
      { digits: '3', noun: 'thứ' },
      { digits: '21', noun: 'thứ' },
    ]);
    expect(englishOrdinals('Where was phase three of LMC launched?')).toEqual([{ digits: '3', noun: 'giai đoạn' }]);
    expect(englishOrdinals('the third phase, Phase 2, round four')).toEqual([
      { digits: '3', noun: 'giai đoạn' },
      { digits: '2', noun: 'giai đoạn' },
      { digits: '4', noun: 'vòng' },
    ]);
  });

  it('leaves "first" and "second", which often say no edition, and plain numbers alone', () => {
    expect(englishOrdinals('When did Vietnam first join the IEC, and for a second time?')).toEqual([]);
    expect(englishOrdinals('How many years did the 4 countries mark in 2023?')).toEqual([]);
  });
});
