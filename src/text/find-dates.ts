import { fold, hasMarks, nfc } from './normalize.js';

/**
 * Dates written in running text, Vietnamese first: "29/8/2023", "29-8-2023", "ngày 29 tháng 8
 * năm 2023", "tháng 8/2023", "tháng Tám năm 2023", "năm 2024", "quý II/2024", "từ 2023 đến
 * 2028", the same typed without tone marks, and English "29 August 2023", "August 29, 2023",
 * "Aug 2023". Each is read as a calendar range (a day, a month, a quarter, a year or a span of
 * years) so that two mentions can be compared as a journalist would: "tháng 8/2023" contains
 * "29/8/2023", and "30/8/2023" contradicts it.
 */

export type DatePrecision = 'day' | 'days' | 'month' | 'quarter' | 'year' | 'years';

export interface FoundDate {
  /** Offsets into the NFC form of the text (`text.normalize('NFC')`, which corpus text already is). */
  start: number;
  end: number;
  /** The words as written. */
  text: string;
  precision: DatePrecision;
  /** Calendar fields as written; the year is missing in "ngày 29/8" or "tháng 8". */
  year?: number;
  month?: number;
  day?: number;
  /** Last year of a span of years ("2023-2028"), last day of a span of days ("7-8/6/2024"). */
  toYear?: number;
  toDay?: number;
  quarter?: number;
  /** Inclusive ISO range (YYYY-MM-DD), when the year is known. */
  from?: string;
  to?: string;
  /** Time of day written beside a day ("14:30", "4:00 chiều"), as HH:MM on a 24-hour clock. */
  time?: string;
}

const MONTH_WORDS_VI: Record<string, number> = {
  gieng: 1,
  mot: 1,
  hai: 2,
  ba: 3,
  tu: 4,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
  'muoi mot': 11,
  'muoi hai': 12,
  chap: 12,
};
const MONTH_WORDS_EN: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

// Patterns run on the folded, lower-cased text (same length as the NFC text: every
// precomposed letter folds to one letter), so marks and their absence read alike.
const B = '(?<![\\p{L}\\p{M}\\p{N}])';
const E = '(?![\\p{L}\\p{M}\\p{N}])';
/** Not part of a longer number or date ("1/2/2023/4", "12.500"). */
const NB = '(?<![\\p{L}\\p{N}][/.-]?|[/.-]\\d)';
const NE = '(?![/.-]?[\\p{L}\\p{N}]|[/.-]\\d)';
const VI_MONTH = '(muoi mot|muoi hai|gieng|chap|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)';
const EN_MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const ORD = '(?:st|nd|rd|th)?';
/**
 * A year written after a month with only a space ("Tháng Sáu 2024 Bộ …", "tháng 6 2024"): a
 * year of this era, not a count ("tháng 6 2000 người").
 */
const YEAR_AFTER_SPACE = `(?:19|20)\\d{2}(?![\\p{L}\\p{N}])(?!\\s*(?:(?:nguoi|luot|ty|trieu|nghin|ngan|dong|usd|km|tan|kg|chiec|doanh nghiep|hoc sinh|sinh vien)${E}|%))`;
const DAY_WORDS = '(?:ngay|mung|mong|hom|sang|trua|chieu|toi|dem|vao|on)';

type Fields = Omit<FoundDate, 'start' | 'end' | 'text' | 'from' | 'to'>;

interface Rule {
  re: RegExp;
  read: (m: RegExpExecArray, original: string) => Fields | null;
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

function year(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (s.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return n;
}

const RULES: Rule[] = [
  // 2023-08-29, 2023/8/29
  {
    re: new RegExp(`${NB}(\\d{4})([/-])(\\d{1,2})\\2(\\d{1,2})${NE}`, 'gu'),
    read: (m) => ({ precision: 'day', year: num(m[1]), month: num(m[3]), day: num(m[4]) }),
  },
  // 29/8/2023, 29-08-2023, 29.8.2023, 30/11/12; optionally after "ngày"
  {
    re: new RegExp(`${NB}(?:${DAY_WORDS}\\s+)?(\\d{1,2})\\s?([/.-])\\s?(\\d{1,2})\\s?\\2\\s?(\\d{4}|\\d{2})${NE}`, 'gu'),
    read: (m) => ({ precision: 'day', day: num(m[1]), month: num(m[3]), year: year(m[4]) }),
  },
  // "7-8/6/2024", "từ ngày 5 đến ngày 7/6/2024": a span of days in one month
  {
    re: new RegExp(
      `${NB}(?:(?:tu|from)\\s+)?(?:${DAY_WORDS}\\s+)?(\\d{1,2})\\s?(?:-|–|den|toi|to)\\s?(?:${DAY_WORDS}\\s+)?(\\d{1,2})\\s?([/.-])\\s?(\\d{1,2})\\s?\\3\\s?(\\d{4})${NE}`,
      'gu',
    ),
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return b > a ? { precision: 'days', day: a, toDay: b, month: num(m[4]), year: num(m[5]) } : null;
    },
  },
  // "ngày 29 tháng 8 năm 2023", "29 tháng Tám, 2023", "mùng 5 tháng 6"
  {
    re: new RegExp(
      `${B}(?:${DAY_WORDS}\\s+)?(\\d{1,2})\\s+thang\\s+(\\d{1,2}|${VI_MONTH})${E}(?:(?:\\s*(?:,|nam|/)\\s*|\\.(?=\\d{4})|\\s+(?=${YEAR_AFTER_SPACE}))(\\d{4})${E})?`,
      'gu',
    ),
    read: (m) => {
      const month = monthOf(m[2]);
      return month ? { precision: 'day', day: num(m[1]), month, year: num(m[4]) } : null;
    },
  },
  // "ngày 3 - 11/6", "từ ngày 5 đến 7/6": a span of days with no year, after a word that names a day
  {
    re: new RegExp(
      `${B}(?:(?:tu|from)\\s+)?${DAY_WORDS}\\s+(\\d{1,2})\\s?(?:-|–|den|toi|to)\\s?(?:${DAY_WORDS}\\s+)?(\\d{1,2})\\s?[/.-]\\s?(\\d{1,2})${NE}`,
      'gu',
    ),
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return b > a ? { precision: 'days', day: a, toDay: b, month: num(m[3]) } : null;
    },
  },
  // "ngày 29/8", "sáng 5-6", "tối 28.3" (a day and month with no year, only after a word that names a day)
  {
    re: new RegExp(`${B}${DAY_WORDS}\\s+(\\d{1,2})\\s?[/.-]\\s?(\\d{1,2})${NE}`, 'gu'),
    read: (m) => ({ precision: 'day', day: num(m[1]), month: num(m[2]) }),
  },
  // "tháng 8/2023", "tháng 8.2023" (as some papers write it), "tháng 8 năm 2023", "tháng Tám năm 2023", "tháng 8", "8/2023"
  {
    re: new RegExp(`${B}thang\\s+(\\d{1,2}|${VI_MONTH})${E}(?:(?:\\s*(?:/|-|nam|,)\\s*|\\.(?=\\d{4})|\\s+(?=${YEAR_AFTER_SPACE}))(\\d{4})${E})?`, 'gu'),
    read: (m, original) => {
      const month = monthOf(m[1]);
      if (!month) return null;
      // A month written as a word with no year is read only when capitalised ("tháng Tám"):
      // "tháng năm" is also "months and years".
      if (m[3] === undefined && /\D/.test(m[1] as string) && !/\p{Lu}/u.test(original.slice(m.index + m[0].length - (m[1] as string).length))) return null;
      return { precision: 'month', month, year: num(m[3]) };
    },
  },
  {
    re: new RegExp(`${NB}(\\d{1,2})\\s?[/-]\\s?(\\d{4})${NE}`, 'gu'),
    read: (m) => ({ precision: 'month', month: num(m[1]), year: num(m[2]) }),
  },
  // "quý II/2024", "quý 3 năm 2023"
  {
    re: new RegExp(`${B}(?:quy|quarter|q)\\s*(iv|iii|ii|i|[1-4])${E}(?:\\s*(?:/|-|nam|,|of)?\\s*(\\d{4})${E})?`, 'gu'),
    read: (m) => ({ precision: 'quarter', quarter: ROMAN[m[1] as string] ?? Number(m[1]), year: num(m[2]) }),
  },
  // "từ 2023 đến 2028", "giai đoạn 2023 - 2028", "2021-2025"
  {
    re: new RegExp(`${NB}(?:(?:tu|from)\\s+(?:nam\\s+)?)?((?:19|20)\\d{2})\\s*(?:-|–|—|den|toi|to|until)\\s*(?:nam\\s+)?((?:19|20)\\d{2})${NE}`, 'gu'),
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return b > a && b - a <= 50 ? { precision: 'years', year: a, toYear: b } : null;
    },
  },
  // "năm 2023 và 2024", "in 2023 or 2024": both years, read as the span they make
  {
    re: new RegExp(`${B}(?:nam|in|years?)\\s+((?:19|20)\\d{2})\\s*(?:,|&|(?:va|hoac|hay|and|or)${E})\\s*(?:(?:nam|in)\\s+)?((?:19|20)\\d{2})${NE}`, 'gu'),
    read: (m, original) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      return b > a && b - a <= 50 && !/^Nam\b/.test(original.slice(m.index, m.index + 4)) ? { precision: 'years', year: a, toYear: b } : null;
    },
  },
  // "năm 2024", "in 2024": a bare four-digit number is left to the number reader
  {
    re: new RegExp(`${B}(?:nam|in|year|since|tu)\\s+((?:19|20)\\d{2})${NE}`, 'gu'),
    // "Việt Nam 2045" names a plan, not the year word "năm".
    read: (m, original) => (/^Nam\b/.test(original.slice(m.index, m.index + 4)) ? null : { precision: 'year', year: num(m[1]) }),
  },
  // Chinese and Japanese: "2016年10月14日"
  {
    re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu,
    read: (m) => ({ precision: 'day', year: num(m[1]), month: num(m[2]), day: num(m[3]) }),
  },
  // English: "29 August 2023", "29th Aug. 2023"
  {
    re: new RegExp(`${B}(\\d{1,2})${ORD}\\s+(?:of\\s+)?${EN_MONTH}(?:,?\\s+(\\d{4}))?${E}`, 'gu'),
    read: (m) => ({ precision: 'day', day: num(m[1]), month: MONTH_WORDS_EN[m[2] as string], year: num(m[3]) }),
  },
  // English: "August 29, 2023", "Aug 29th"
  {
    re: new RegExp(`${B}${EN_MONTH}\\s+(\\d{1,2})${ORD}(?:,?\\s+(\\d{4}))?${E}`, 'gu'),
    read: (m, original) => (englishMonthOk(m, original) ? { precision: 'day', month: MONTH_WORDS_EN[m[1] as string], day: num(m[2]), year: num(m[3]) } : null),
  },
  // English: "August 2023"
  {
    re: new RegExp(`${B}${EN_MONTH},?\\s+(\\d{4})${E}`, 'gu'),
    read: (m, original) => (englishMonthOk(m, original) ? { precision: 'month', month: MONTH_WORDS_EN[m[1] as string], year: num(m[2]) } : null),
  },
];

/** "may" and "mar" are words too: as months they are capitalised. */
function englishMonthOk(m: RegExpExecArray, original: string): boolean {
  const word = m[1] as string;
  if (word !== 'may' && word !== 'mar') return true;
  return /^\p{Lu}/u.test(original.slice(m.index, m.index + 1));
}

function monthOf(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  return MONTH_WORDS_VI[s];
}

const TIME =
  /^\s*(?:,|-|–|lúc|luc|at|à)?\s*(\d{1,2})\s*(?::|h|g|giờ|gio)\s*(\d{2})?(?:\s*(?:phút|phut))?(?:\s*(sáng|sang|trưa|trua|chiều|chieu|tối|toi|đêm|dem|am|pm|a\.m\.|p\.m\.))?(?![\p{L}\p{N}])/iu;

function readTime(after: string): { time: string; length: number } | null {
  const m = TIME.exec(after);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const part = fold(m[3] ?? '').replace(/\./g, '');
  if (/^(chieu|toi|pm)$/.test(part) && h < 12) h += 12;
  if (/^(dem|am)$/.test(part) && h === 12) h = 0;
  if (part === 'trua' && h < 6) h += 12;
  if (h > 23 || min > 59) return null;
  return { time: `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`, length: m[0].length };
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Fills `from`/`to`; null when the fields are not a real date. */
function complete(d: Fields): (Fields & { from?: string; to?: string }) | null {
  const { year: y, month: m, day } = d;
  if (y !== undefined && (y < 1800 || y > 2200)) return null;
  if (m !== undefined && (m < 1 || m > 12)) return null;
  if (day !== undefined && (day < 1 || day > (m !== undefined ? daysIn(y ?? 2024, m) : 31))) return null;
  if (y === undefined) return { ...d };
  switch (d.precision) {
    case 'day':
      return { ...d, from: iso(y, m as number, day as number), to: iso(y, m as number, day as number) };
    case 'days':
      if ((d.toDay as number) > daysIn(y, m as number)) return null;
      return { ...d, from: iso(y, m as number, day as number), to: iso(y, m as number, d.toDay as number) };
    case 'month':
      return { ...d, from: iso(y, m as number, 1), to: iso(y, m as number, daysIn(y, m as number)) };
    case 'quarter': {
      const q = d.quarter as number;
      return { ...d, from: iso(y, q * 3 - 2, 1), to: iso(y, q * 3, daysIn(y, q * 3)) };
    }
    case 'year':
      return { ...d, from: iso(y, 1, 1), to: iso(y, 12, 31) };
    case 'years':
      return { ...d, from: iso(y, 1, 1), to: iso(d.toYear as number, 12, 31) };
  }
}

/**
 * The marked spellings of the words the rules read. Rules run on folded text, so a word typed
 * with other marks is a different word that folds alike: "thắng 2-1" (won 2-1) is not "tháng
 * 2", "tôi 5" is not "tối 5".
 */
const MARKED_WORDS = new Set(
  'tháng ngày năm quý từ đến tới và hoặc vào mùng mồng hôm sáng trưa chiều tối đêm giêng chạp một hai ba tư bốn sáu bảy tám chín mười giờ phút lúc'.split(' '),
);

function marksAsWritten(original: string): boolean {
  for (const w of original.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []) if (hasMarks(w) && !MARKED_WORDS.has(w)) return false;
  return true;
}

/** Every date written in `text`, in reading order; where two readings overlap the longer wins. */
export function findDates(text: string): FoundDate[] {
  const original = nfc(text);
  const folded = fold(original);
  // Folding keeps one character per character of NFC text; if some exotic character breaks
  // that, offsets could drift, so read the original instead (marks then have to be typed).
  const haystack = folded.length === original.length ? folded : original.toLowerCase();
  const found: FoundDate[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(haystack))) {
      const fields = rule.read(m, original);
      if (!fields || !marksAsWritten(original.slice(m.index, m.index + m[0].length))) continue;
      const d = complete(fields);
      if (!d) continue;
      let end = m.index + m[0].length;
      if (d.precision === 'day') {
        const t = readTime(original.slice(end, end + 24));
        if (t) {
          d.time = t.time;
          end += t.length;
        }
      }
      found.push({ ...d, start: m.index, end, text: original.slice(m.index, end) });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: FoundDate[] = [];
  for (const d of found) if (!kept.some((k) => d.start < k.end && k.start < d.end)) kept.push(d);
  return kept.sort((a, b) => a.start - b.start);
}

export type DateRelation = 'same' | 'inside' | 'contains' | 'overlaps' | 'disjoint';

/**
 * How date `a` relates to date `b`: `inside` when every day `a` names is in `b` ("29/8/2023"
 * inside "tháng 8/2023"), `contains` the reverse, `disjoint` when they cannot be the same time.
 * A missing year is compared on the fields both have ("ngày 29/8" is the same as 29/8/2023).
 */
export function relateDates(a: FoundDate, b: FoundDate): DateRelation {
  if (a.from && a.to && b.from && b.to) {
    if (a.from === b.from && a.to === b.to) return 'same';
    if (a.to < b.from || b.to < a.from) return 'disjoint';
    if (a.from >= b.from && a.to <= b.to) return 'inside';
    if (b.from >= a.from && b.to <= a.to) return 'contains';
    return 'overlaps';
  }
  // At least one year unknown: compare month and day where both have them.
  if (a.year !== undefined && b.year !== undefined && a.toYear === undefined && b.toYear === undefined && a.year !== b.year) return 'disjoint';
  if (a.month !== undefined && b.month !== undefined && a.month !== b.month) return 'disjoint';
  if (a.day !== undefined && b.day !== undefined) {
    // Days of the same month, a span of days ("3-11/6") read as its first and last day.
    const [a0, a1, b0, b1] = [a.day, a.toDay ?? a.day, b.day, b.toDay ?? b.day];
    if (a1 < b0 || b1 < a0) return 'disjoint';
    if (a0 === b0 && a1 === b1) return 'same';
    if (a0 >= b0 && a1 <= b1) return 'inside';
    if (b0 >= a0 && b1 <= a1) return 'contains';
    return 'overlaps';
  }
  const rank = (d: FoundDate) => (d.day !== undefined ? 2 : d.month !== undefined ? 1 : 0);
  if (rank(a) === rank(b)) return 'same';
  return rank(a) > rank(b) ? 'inside' : 'contains';
}
