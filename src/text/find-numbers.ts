import { type FoundDate, findDates } from './find-dates.js';
import { fold, hasMarks, nfc } from './normalize.js';
import { type Span, overlaps } from './span.js';

/**
 * Numbers written in running text, Vietnamese first: "1.500.000", "1,5 triệu", "20.000tỷ",
 * "hơn 70", "gần 13.000", "khoảng 2 triệu USD", "15-20%", "12,7 phần trăm", "âm 7", "lần thứ
 * 4", "hai mươi lăm", "ba giai đoạn", "9h30", and English "1,500,000", "1.5 million", "more
 * than 70", "4th". Each is read as a value with the interval of values its wording allows
 * ("hơn 70" is anything above 70), so that two mentions can be compared as a journalist
 * would: "1,5 triệu" is "1.500.000", "hơn 70" allows 73 but not 69, and "hơn 170" is not
 * "hơn 165". Digits that belong to a date ("29/8/2023", "năm 2024") are left to `findDates`;
 * digits glued to letters ("U20", "COVID-19", "5G") are names, not quantities.
 */

export type NumberKind = 'cardinal' | 'percent' | 'ordinal' | 'time';

/** How the wording bounds the value: "khoảng" about, "gần" nearly, "hơn" over, "dưới" under… */
export type NumberQualifier = 'exact' | 'about' | 'nearly' | 'over' | 'under' | 'atLeast' | 'atMost' | 'range';

export interface FoundNumber {
  /** Offsets into the NFC form of the text, qualifier and scale word included, unit excluded. */
  start: number;
  end: number;
  /** The words as written ("hơn 1,5 triệu"). */
  text: string;
  kind: NumberKind;
  /** The value written (for a range, its lower end); minutes after midnight for a time. */
  value: number;
  /** Upper end of a written range ("3-7", "15-20%", "từ 3 đến 5"). */
  to?: number;
  qualifier: NumberQualifier;
  /** Smallest and largest value the wording allows (±Infinity for "hơn", "dưới"). */
  min: number;
  max: number;
  /** Step of the last digit written: 100000 for "1,5 triệu", 1 for "1.500.000". */
  precision: number;
  /**
   * The counted thing, folded: up to two words after the number ("kenh", "ty dong" → "dong",
   * "usd"); for an ordinal, the word before "thứ" ("lan" in "lần thứ 4").
   */
  unit?: string;
  /** Written in words ("hai mươi", "ba", "thứ tư") rather than digits. */
  spelled?: boolean;
}

// Patterns run on the folded text (one character per NFC character, as in find-dates), so
// marks and their absence read alike; spelled-out numbers are read on the marked text only,
// because folded "ba", "hai" and "nam" are also "bà", "hải" and "Nam".
const L = '\\p{L}\\p{M}';
const SCALES: Array<[string, number]> = [
  ['nghin ty', 1e12],
  ['ngan ty', 1e12],
  ['trieu ty', 1e15],
  ['nghin', 1e3],
  ['ngan', 1e3],
  ['trieu', 1e6],
  ['ty', 1e9],
  ['ti', 1e9],
  ['van', 1e4],
  ['chuc', 10],
  ['tram', 100],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
  ['tr', 1e6],
  ['k', 1e3],
  ['bn', 1e9],
  ['mn', 1e6],
];
const SCALE_RE = SCALES.map(([w]) => w.replace(' ', '\\s+')).join('|');
const SCALE_OF = new Map(SCALES);
/** Units that may be glued to the digits ("1.500m", "20.000tỷ", "9h"). */
const GLUED = `(?:${SCALE_RE}|km2|km|kg|ha|mw|kw|gw|kwh|m2|m3|cm|mm|m|usd|vnd|d|%)`;

/** A numeral: digits with separators, not glued to letters in front, nor part of a code ("131/2018"). */
const NUMERAL = new RegExp(`(?<![${L}\\p{N}]|[${L}][-–]|[\\p{N}][.,/]|/)(\\d+(?:[.,]\\d+)*)(?![\\p{N}]|[.,]\\d|/\\d)`, 'gu');
/** Letters right after the digits must be a unit or scale ("1.500m", "20.000tỷ"), else the token is a name ("5G"). */
const GLUED_RE = new RegExp(`^(?:${GLUED})(?![${L}\\p{N}])`, 'u');

const QUALIFIERS: Array<[NumberQualifier, string[]]> = [
  // "tròn 10 năm": exactly, part of how the figure is written.
  ['exact', ['tron', 'exactly']],
  ['about', ['khoang', 'chung', 'xap xi', 'uoc tinh', 'uoc', 'uoc dat', 'about', 'around', 'approximately', 'approx.', 'roughly', 'some', 'an estimated']],
  ['nearly', ['gan', 'gan nhu', 'suyt soat', 'nearly', 'almost', 'close to']],
  ['over', ['hon', 'tren', 'vuot', 'ngoai', 'more than', 'over', 'above', 'upwards of']],
  ['under', ['duoi', 'chua den', 'chua toi', 'chua day', 'khong den', 'khong toi', 'it hon', 'less than', 'fewer than', 'under', 'below']],
  ['atLeast', ['it nhat', 'toi thieu', 'at least', 'no fewer than', 'no less than']],
  ['atMost', ['toi da', 'khong qua', 'khong vuot qua', 'at most', 'up to', 'no more than']],
];
const QUALIFIER_RE = new RegExp(
  `(?<![${L}\\p{N}])(${QUALIFIERS.flatMap(([, ws]) => ws)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/\./g, '\\.').replace(/ /g, '\\s+'))
    .join('|')})\\s+$`,
  'u',
);
const QUALIFIER_OF = new Map(QUALIFIERS.flatMap(([q, ws]) => ws.map((w) => [w, q] as const)));

/** Words that name a count's position, before "thứ": "lần thứ 4", "phiên họp thứ 21". */
const TIME_WORDS = new Set(['ngay', 'hom', 'sang', 'chieu', 'toi', 'trua', 'dem', 'vao', 'tu', 'den', 'moi', 'cac', 'nhung', 'tuan', 'on', 'every']);

const DIGIT_WORDS: Record<string, number> = {
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  bẩy: 7,
  tám: 8,
  chín: 9,
};
const AFTER_TENS: Record<string, number> = { mốt: 1, tư: 4, lăm: 5, nhăm: 5 };
const SPELLED_SCALE: Record<string, number> = { trăm: 100, nghìn: 1e3, ngàn: 1e3, vạn: 1e4, triệu: 1e6, tỷ: 1e9, tỉ: 1e9 };
const EN_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const EN_SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const EN_ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  twentieth: 20,
};
const ROMAN: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  v: 5,
  vi: 6,
  vii: 7,
  viii: 8,
  ix: 9,
  x: 10,
  xi: 11,
  xii: 12,
  xiii: 13,
  xiv: 14,
  xv: 15,
  xx: 20,
};
/** Words that follow a count: "năm" is five only before one of these ("năm người", not "năm nay"). */
const COUNTED = new Set(
  'người con cái chiếc nước quốc tỉnh thành lần bên đội trận bàn giải học sinh trường dự điểm vị nhóm ngành lĩnh chương nội mục loại địa khu doanh công tổ cơ đơn tập hội ông bà anh chị em bạn cháu cầu vận chuyên nhà giờ phút tuần ngày tháng km mét tấn kg ha phần giai tầng môn bài câu bước vòng lượt suất tiết khóa kỳ đợt ca hạng cấp'.split(
    ' ',
  ),
);
/** Words a number written in words can start with: the rest are skipped at once. */
const STARTERS = new Set([...Object.keys(DIGIT_WORDS), 'mười', 'hàng', 'vài', 'mấy', 'thứ', 'đầu', ...Object.keys(EN_WORDS), ...Object.keys(EN_ORDINALS)]);
/** "một" is also the article "a" in these phrases. */
const NOT_ONE = new Set([
  'số',
  'cách',
  'chút',
  'lúc',
  'khi',
  'trong',
  'nửa',
  'phần',
  'vài',
  'thời',
  'mình',
  'mực',
  'loạt',
  'khác',
  'điều',
  'hồi',
  'tí',
  'ít',
  'khoảng',
  'sự',
]);

/**
 * Reads a numeral's digits: "1.500.000" and "1,500,000" are 1500000; "1,5" and "1.5" are 1.5.
 * A single group after a comma ("1,500") is a thousands separator in English text and a
 * decimal comma in Vietnamese text (`vietnamese`, the default).
 */
export function parseNumeral(s: string, vietnamese = true): { value: number; decimals: number } | null {
  if (!/^\d+(?:[.,]\d+)*$/.test(s)) return null;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  const toNumber = (intPart: string, frac: string) => ({ value: Number(`${intPart}.${frac || '0'}`), decimals: frac.length });
  if (dots === 0 && commas === 0) return { value: Number(s), decimals: 0 };
  const groupsOk = (intPart: string, sep: string) => new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`).test(intPart);
  // Both separators: the last one is the decimal mark.
  if (dots > 0 && commas > 0) {
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    const [thousands, decimal] = lastComma > lastDot ? ['.', ','] : [',', '.'];
    const at = s.lastIndexOf(decimal);
    const intPart = s.slice(0, at);
    if (intPart.includes(decimal) || !groupsOk(intPart, thousands)) return null;
    return toNumber(intPart.split(thousands).join(''), s.slice(at + 1));
  }
  const sep = dots > 0 ? '.' : ',';
  const parts = s.split(sep);
  if (parts.length > 2) return groupsOk(s, sep) ? { value: Number(parts.join('')), decimals: 0 } : null;
  const [a, b] = parts as [string, string];
  const thousandsLike = b.length === 3 && a.length <= 3 && a !== '0';
  // "1.500" is fifteen hundred in Vietnamese and rarely anything else; "1,500" depends on the language.
  if (thousandsLike && (sep === '.' || !vietnamese)) return { value: Number(a + b), decimals: 0 };
  return toNumber(a, b);
}

function scaleAt(folded: string, at: number): { scale: number; length: number } | null {
  const m = new RegExp(`^\\s?(${SCALE_RE})(?![${L}\\p{N}])`, 'u').exec(folded.slice(at, at + 16));
  if (!m) return null;
  const word = (m[1] as string).replace(/\s+/g, ' ');
  return { scale: SCALE_OF.get(word) as number, length: m[0].length };
}

function percentAt(folded: string, at: number): number {
  const m = /^\s?(?:%|phan tram|percent|per cent)(?![\p{L}\p{N}])/u.exec(folded.slice(at, at + 12));
  return m ? m[0].length : 0;
}

/** Up to two words after `at` (folded), stopping at punctuation: the counted thing. */
function unitAfter(folded: string, at: number): string | undefined {
  const m = new RegExp(`^\\s*([${L}]+(?:\\s+[${L}]+)?)`, 'u').exec(folded.slice(at, at + 40));
  if (!m) return undefined;
  const words = (m[1] as string).split(/\s+/);
  // A scale word already read, a conjunction or the next number is not a unit.
  const stop = new Set([
    'mot',
    'moi',
    'va',
    'hoac',
    'den',
    'toi',
    'tu',
    'and',
    'or',
    'to',
    'trong',
    'so',
    'voi',
    'cua',
    'la',
    'thi',
    'o',
    'tai',
    'vao',
    'khi',
    'in',
    'of',
    'the',
    'at',
    'on',
    'by',
  ]);
  const out: string[] = [];
  for (const w of words) {
    if (stop.has(w)) break;
    out.push(w);
  }
  return out.length ? out.join(' ') : undefined;
}

function interval(value: number, q: NumberQualifier, to?: number): { min: number; max: number } {
  switch (q) {
    case 'range':
      return { min: value, max: to ?? value };
    case 'about':
      return { min: Math.min(value * 0.9, value * 1.1), max: Math.max(value * 0.9, value * 1.1) };
    case 'nearly':
      return { min: Math.min(value * 0.9, value), max: Math.max(value * 0.9, value) };
    case 'over':
      return { min: value, max: Infinity };
    case 'atLeast':
      return { min: value, max: Infinity };
    case 'under':
      return { min: -Infinity, max: value };
    case 'atMost':
      return { min: -Infinity, max: value };
    case 'exact':
      return { min: value, max: value };
  }
}

/** Reads a run of Vietnamese or English number words; null when it is not a number. */
function readSpelled(words: string[]): { value: number; used: number } | null {
  let total = 0;
  let hundreds = 0;
  let rest = 0;
  let used = 0;
  let lastScale = Infinity;
  let any = false;
  let afterTens = false;
  for (const w of words) {
    if (w in DIGIT_WORDS && !(afterTens && w in AFTER_TENS)) {
      // "năm" is five only before "mươi", "trăm", a scale or a counted noun ("năm trăm", "năm
      // người", not "năm nay"); after tens five is "lăm", so "hai mươi năm" is twenty years.
      if (w === 'năm' && afterTens) break;
      if (w === 'năm' && used === 0) {
        const next = words[1];
        if (!next || !(next === 'mươi' || next in SPELLED_SCALE || COUNTED.has(next))) return null;
      }
      if (any && rest % 10 !== 0) break;
      rest += DIGIT_WORDS[w] as number;
    } else if (afterTens && w in AFTER_TENS) {
      rest += AFTER_TENS[w] as number;
    } else if (w === 'mười' && rest === 0) {
      rest = 10;
      afterTens = true;
      any = true;
      used++;
      continue;
    } else if (w === 'mươi' && rest > 0 && rest < 10) {
      rest *= 10;
      afterTens = true;
      any = true;
      used++;
      continue;
    } else if (w === 'trăm' && hundreds === 0) {
      hundreds = (rest || 1) * 100;
      rest = 0;
    } else if ((w === 'linh' || w === 'lẻ') && hundreds > 0 && rest === 0) {
      // "một trăm linh năm"
    } else if (w in SPELLED_SCALE && w !== 'trăm') {
      const scale = SPELLED_SCALE[w] as number;
      const chunk = hundreds + rest;
      if (chunk === 0 && total > 0 && scale > lastScale) total *= scale;
      else total += (chunk || 1) * scale;
      lastScale = scale;
      hundreds = 0;
      rest = 0;
    } else if (w === 'rưỡi' && any) {
      total += lastScale === Infinity ? (hundreds > 0 ? 50 : 0.5) : lastScale / 2;
      used++;
      break;
    } else break;
    afterTens = false;
    any = true;
    used++;
  }
  if (!any) return null;
  return { value: total + hundreds + rest, used };
}

function readSpelledEnglish(words: string[]): { value: number; used: number } | null {
  let total = 0;
  let chunk = 0;
  let used = 0;
  for (const w of words) {
    if (w in EN_WORDS) {
      const v = EN_WORDS[w] as number;
      if (chunk % 100 !== 0 && v >= 10) break;
      chunk += v;
    } else if (w === 'hundred' && chunk > 0) chunk *= 100;
    else if (w in EN_SCALE && w !== 'hundred' && (chunk > 0 || total > 0)) {
      total += (chunk || 1) * (EN_SCALE[w] as number);
      chunk = 0;
    } else if (w === 'and' && used > 0 && chunk >= 100) {
      // "one hundred and five"
    } else break;
    used++;
  }
  return used ? { value: total + chunk, used } : null;
}

/**
 * Every number written in `text`, in reading order (dates excluded). `dates` are the text's
 * dates when the caller has already read them (`findDates(text)`), to save reading them twice.
 */
export function findNumbers(text: string, dates?: readonly FoundDate[]): FoundNumber[] {
  const original = nfc(text);
  const folded = fold(original);
  const haystack = folded.length === original.length ? folded : original.toLowerCase();
  const lower = original.toLowerCase();
  const vietnamese = hasMarks(original) || !/[a-z]{3,}/i.test(original) || /\b(nam|thang|ngay|trieu|nghin|ty|nguoi)\b/.test(haystack);
  const taken: Span[] = (dates ?? findDates(original)).map((d) => ({ start: d.start, end: d.end }));
  const out: FoundNumber[] = [];
  const free = (s: Span) => !taken.some((t) => overlaps(t, s));
  const push = (n: FoundNumber) => {
    if (!free(n)) return;
    taken.push({ start: n.start, end: n.end });
    out.push(n);
  };

  const qualifierBefore = (at: number): { q: NumberQualifier; start: number } | null => {
    const m = QUALIFIER_RE.exec(haystack.slice(Math.max(0, at - 24), at));
    if (!m) return null;
    const word = (m[1] as string).replace(/\s+/g, ' ');
    const start = at - m[0].length;
    // "tròn" as written, or typed without marks: not "trộn" (mix) nor "trốn" (flee).
    if (word === 'tron' && !/^tr[oò]n$/u.test(original.slice(start, start + 4).toLowerCase())) return null;
    return { q: QUALIFIER_OF.get(word) ?? 'about', start };
  };

  // Times of day: "9h", "8h30", "14:30", "lúc 9 giờ".
  for (const m of haystack.matchAll(/(?<![\p{L}\p{N}:.,])(?:(luc|at)\s+)?(\d{1,2})\s?(h|g|:|gio)\s?(\d{2})?(?:\s?(?:phut|p))?(?![\p{L}\p{N}])/gu)) {
    const hasMinutes = m[4] !== undefined;
    if (m[3] === 'gio' && !m[1] && !hasMinutes) continue; // "3 giờ" is a duration unless "lúc 3 giờ"
    if ((m[3] === ':' || m[3] === 'g') && !hasMinutes) continue; // "5G" is a name; "9g30" is a time
    const h = Number(m[2]);
    const min = hasMinutes ? Number(m[4]) : 0;
    if (h > 24 || min > 59) continue;
    const start = (m.index as number) + (m[1] ? m[1].length + 1 : 0);
    const end = (m.index as number) + m[0].length;
    const value = h * 60 + min;
    push({ start, end, text: original.slice(start, end), kind: 'time', value, qualifier: 'exact', min: value, max: value, precision: hasMinutes ? 1 : 60 });
  }

  // Digits.
  NUMERAL.lastIndex = 0;
  for (const m of haystack.matchAll(NUMERAL)) {
    let start = m.index as number;
    const parsed = parseNumeral(m[1] as string, vietnamese);
    if (!parsed) continue;
    let end = start + (m[1] as string).length;
    let { value } = parsed;
    let precision = 10 ** -parsed.decimals;
    const glued = haystack.slice(end, end + 8);
    if (/^[\p{L}]/u.test(glued) && !GLUED_RE.test(glued) && !/^(?:st|nd|rd|th)(?![\p{L}\p{N}])/u.test(glued)) continue;
    // A minus sign or "âm" in front.
    const before4 = haystack.slice(Math.max(0, start - 4), start);
    const neg = /(?<![\p{L}\p{N}])am\s+$/u.exec(before4) ?? /(?:^|[\s(])([-−])$/u.exec(before4);
    if (neg) {
      value = -value;
      start -= neg[0].length - (neg[1] !== undefined && neg[0].length > 1 ? 1 : 0);
    }
    const sc = scaleAt(haystack, end);
    if (sc) {
      value *= sc.scale;
      precision *= sc.scale;
      end += sc.length;
    }
    let kind: NumberKind = 'cardinal';
    let qualifier: NumberQualifier = 'exact';
    let to: number | undefined;
    // A range: "3-7", "75.000-85.000 đồng", "15 - 20%", "từ 3 đến 5", "âm 6 - âm 7". A
    // descending pair of positive numbers is a score ("thắng 2-1"), not a range.
    const range = /^\s?(?:[-–—]|\s(?:den|toi|to)\s)\s?(am\s+|-)?(\d+(?:[.,]\d+)*)(?![\p{N}]|[.,]\d|\/\d)/u.exec(haystack.slice(end, end + 30));
    if (range) {
      const second = parseNumeral(range[2] as string, vietnamese);
      let rangeEnd = end + range[0].length;
      const glued = haystack.slice(rangeEnd, rangeEnd + 8);
      const sc2 = scaleAt(haystack, rangeEnd);
      if (second && (!/^[\p{L}]/u.test(glued) || GLUED_RE.test(glued))) {
        // "1-2 triệu": the scale after the second number applies to both.
        const scale2 = sc2?.scale ?? sc?.scale ?? 1;
        if (sc2 && !sc) {
          value *= sc2.scale;
          precision *= sc2.scale;
        }
        const hi = (range[1] ? -1 : 1) * second.value * scale2;
        if (hi > value || (hi < value && (range[1] || value < 0))) {
          to = Math.max(hi, value);
          value = Math.min(hi, value);
          qualifier = 'range';
          rangeEnd += sc2?.length ?? 0;
          end = rangeEnd;
        }
      }
    }
    const pc = percentAt(haystack, end);
    if (pc) {
      kind = 'percent';
      end += pc;
    }
    // "500+"
    if (haystack[end] === '+' && !/[\p{N}]/u.test(haystack[end + 1] ?? '')) {
      end += 1;
      if (qualifier === 'exact') qualifier = 'over';
    }
    const before = qualifierBefore(start);
    if (before && qualifier !== 'range') {
      qualifier = before.q;
      start = before.start;
    }
    // Ordinals: "lần thứ 4", "thứ 15", "4th".
    let unit: string | undefined;
    const ord = /(?:^|[^\p{L}\p{N}])(?:([\p{L}]+)\s+)?thu\s+$/u.exec(haystack.slice(Math.max(0, start - 16), start));
    const enOrd = /^(st|nd|rd|th)(?![\p{L}])/u.exec(haystack.slice(end, end + 3));
    // "giai đoạn 2": a phase by its number (a year or a span of years after it is a period).
    const phase = /(?:^|[^\p{L}\p{N}])giai\s+doan\s+$/u.exec(haystack.slice(Math.max(0, start - 12), start));
    if (ord && kind === 'cardinal' && qualifier === 'exact') {
      kind = 'ordinal';
      start = Math.max(0, start - 16) + (ord.index as number) + (/^[^\p{L}\p{N}]/u.test(ord[0]) ? 1 : 0);
      unit = ord[1];
    } else if (phase && kind === 'cardinal' && qualifier === 'exact' && to === undefined && value >= 1 && value <= 20 && Number.isInteger(value)) {
      kind = 'ordinal';
      start = Math.max(0, start - 12) + (phase.index as number) + (/^[^\p{L}\p{N}]/u.test(phase[0]) ? 1 : 0);
      unit = 'giai doan';
    } else if (enOrd && kind === 'cardinal') {
      kind = 'ordinal';
      end += enOrd[0].length;
    }
    if (kind !== 'ordinal') unit = kind === 'percent' ? undefined : unitAfter(haystack, end);
    const iv = interval(value, qualifier, to);
    push({
      start,
      end,
      text: original.slice(start, end),
      kind,
      value,
      ...(to !== undefined ? { to } : {}),
      qualifier,
      ...iv,
      precision,
      ...(unit ? { unit } : {}),
    });
  }

  // Numbers written in words, with marks: "hai mươi lăm", "ba giai đoạn", "lần thứ tư", "hàng trăm".
  const WORD = /[\p{L}\p{M}]+/gu;
  const words = [...lower.matchAll(WORD)].map((w) => ({ w: w[0], start: w.index as number, end: (w.index as number) + w[0].length }));
  for (let i = 0; i < words.length; i++) {
    const cur = words[i] as { w: string; start: number; end: number };
    // A phase by its number: "giai đoạn hai", "giai đoạn II" (not "giai đoạn năm 2021", a year).
    if (cur.w === 'giai' && words[i + 1]?.w === 'đoạn' && words[i + 2]) {
      const num = words[i + 2] as { w: string; start: number; end: number };
      const n = num.w in DIGIT_WORDS ? DIGIT_WORDS[num.w] : num.w === 'mười' ? 10 : num.w === 'tư' ? 4 : ROMAN[num.w];
      const spaced =
        /^\s+$/u.test(original.slice(cur.end, (words[i + 1] as { start: number }).start)) &&
        /^\s+$/u.test(original.slice((words[i + 1] as { end: number }).end, num.start));
      if (n !== undefined && spaced && !/^\s*\d/u.test(original.slice(num.end))) {
        push({
          start: cur.start,
          end: num.end,
          text: original.slice(cur.start, num.end),
          kind: 'ordinal',
          value: n,
          qualifier: 'exact',
          min: n,
          max: n,
          precision: 1,
          spelled: true,
          unit: 'giai doan',
        });
        i += 2;
        continue;
      }
    }
    if (!STARTERS.has(cur.w)) continue;
    const prev = words[i - 1];
    const adjacent = (a: { end: number }, b: { start: number }) => /^\s+$/.test(original.slice(a.end, b.start));
    const run: string[] = [];
    for (let j = i; j < words.length && j < i + 8; j++) {
      if (j > i && !adjacent(words[j - 1] as { end: number }, words[j] as { start: number })) break;
      run.push((words[j] as { w: string }).w);
    }
    // "hàng trăm", "hàng nghìn": hundreds, thousands.
    if ((cur.w === 'hàng' || cur.w === 'vài' || cur.w === 'mấy') && run[1] && run[1] in SPELLED_SCALE) {
      const scale = SPELLED_SCALE[run[1]] as number;
      const next = words[i + 1] as { end: number };
      const lo = cur.w === 'hàng' ? 2 * scale : 2 * scale;
      const hi = cur.w === 'hàng' ? 999 * scale : 9 * scale;
      push({
        start: cur.start,
        end: next.end,
        text: original.slice(cur.start, next.end),
        kind: 'cardinal',
        value: scale,
        qualifier: 'about',
        min: lo,
        max: hi,
        precision: scale,
        spelled: true,
        ...unitOpt(haystack, next.end),
      });
      i++;
      continue;
    }
    // Ordinals in words: "thứ tư", "thứ hai" (not the weekday "thứ Hai"), "đầu tiên", "thứ nhất".
    if (cur.w === 'thứ' && run[1]) {
      const prevWord = prev ? fold(prev.w) : '';
      const next = words[i + 1] as { w: string; start: number; end: number };
      const capital = /^\p{Lu}/u.test(original.slice(next.start, next.start + 1));
      const n = next.w === 'nhất' ? 1 : next.w === 'tư' ? 4 : next.w in DIGIT_WORDS ? DIGIT_WORDS[next.w] : next.w === 'mười' ? 10 : ROMAN[next.w];
      const roman = next.w in ROMAN && !(next.w in DIGIT_WORDS);
      if ((n !== undefined && !capital && !TIME_WORDS.has(prevWord)) || (roman && n !== undefined)) {
        const start = prev && adjacent(prev, cur) && !TIME_WORDS.has(prevWord) ? prev.start : cur.start;
        const unit = start === cur.start ? undefined : prevWord;
        push({
          start,
          end: next.end,
          text: original.slice(start, next.end),
          kind: 'ordinal',
          value: n as number,
          qualifier: 'exact',
          min: n as number,
          max: n as number,
          precision: 1,
          spelled: true,
          ...(unit ? { unit } : {}),
        });
        i++;
        continue;
      }
    }
    if (cur.w === 'đầu' && run[1] === 'tiên') {
      const next = words[i + 1] as { end: number };
      const unit = prev && adjacent(prev, cur) ? fold(prev.w) : undefined;
      push({
        start: cur.start,
        end: next.end,
        text: original.slice(cur.start, next.end),
        kind: 'ordinal',
        value: 1,
        qualifier: 'exact',
        min: 1,
        max: 1,
        precision: 1,
        spelled: true,
        ...(unit ? { unit } : {}),
      });
      i++;
      continue;
    }
    if (cur.w in EN_ORDINALS) {
      const v = EN_ORDINALS[cur.w] as number;
      // "second" is also a unit of time ("a second"); as an ordinal it precedes a noun.
      if (cur.w !== 'second' || (run[1] && !/^(of|and|or|later|ago|half)$/.test(run[1]))) {
        push({
          start: cur.start,
          end: cur.end,
          text: original.slice(cur.start, cur.end),
          kind: 'ordinal',
          value: v,
          qualifier: 'exact',
          min: v,
          max: v,
          precision: 1,
          spelled: true,
        });
      }
      continue;
    }
    if (!(cur.w in DIGIT_WORDS || cur.w === 'mười' || cur.w in EN_WORDS)) continue;
    // "thứ Hai" and "vào thứ hai" are weekdays.
    if (prev && prev.w === 'thứ') continue;
    if (!hasMarks(cur.w) && !(cur.w in EN_WORDS) && !['hai', 'ba'].includes(cur.w)) continue;
    // Folded text cannot tell "ba" from "bà": without marks elsewhere in the text, leave it.
    if ((cur.w === 'hai' || cur.w === 'ba') && !hasMarks(original)) continue;
    if (cur.w === 'một' && (run.length < 2 || NOT_ONE.has(run[1] as string))) continue;
    if (cur.w === 'one' && (run.length < 2 || /^(of|another|day|by|way|hand|time)$/.test(run[1] as string))) continue;
    const read = cur.w in EN_WORDS ? readSpelledEnglish(run) : readSpelled(run);
    if (!read || read.value <= 0) continue;
    const last = words[i + read.used - 1] as { end: number };
    let start = cur.start;
    let qualifier: NumberQualifier = 'exact';
    const before = qualifierBefore(start);
    if (before) {
      qualifier = before.q;
      start = before.start;
    }
    const precision = read.value >= 1000 ? 10 ** Math.floor(Math.log10(read.value)) : 1;
    let end = last.end;
    let kind: NumberKind = 'cardinal';
    const pc = percentAt(haystack, end);
    if (pc) {
      kind = 'percent';
      end += pc;
    }
    push({
      start,
      end,
      text: original.slice(start, end),
      kind,
      value: read.value,
      qualifier,
      ...interval(read.value, qualifier),
      precision,
      spelled: true,
      ...(kind === 'cardinal' ? unitOpt(haystack, end) : {}),
    });
    i += read.used - 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

function unitOpt(folded: string, at: number): { unit?: string } {
  const u = unitAfter(folded, at);
  return u ? { unit: u } : {};
}

export type NumberRelation = 'same' | 'compatible' | 'different';

/**
 * How number `a` (what a claim says) relates to number `b` (what a source says), when both
 * are about the same thing: `same` when they are the same figure in any wording ("1,5 triệu"
 * and "1.500.000"), `compatible` when `a` is vaguer or rounder but fits `b` ("hơn 70" for 73,
 * "khoảng 2 triệu" for 1.950.000), `different` otherwise. Two figures with the same vague
 * wording must be the same figure: "hơn 170" is not "hơn 165".
 */
export function relateNumbers(a: FoundNumber, b: FoundNumber): NumberRelation {
  if (a.kind !== b.kind) return 'different';
  const eq = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  if (a.qualifier === b.qualifier && eq(a.value, b.value) && eq(a.to ?? a.value, b.to ?? b.value)) return 'same';
  if (a.kind === 'ordinal' || a.kind === 'time') return 'different';
  if (a.qualifier === b.qualifier && a.qualifier !== 'exact') return 'different';
  if (a.qualifier === 'exact' && b.qualifier === 'exact') {
    // A rounded figure fits an exact one within half its last digit ("1,5 triệu" for 1.480.000).
    const tolerance = Math.max(a.precision, b.precision) / 2;
    if (Math.abs(a.value - b.value) <= tolerance + 1e-9 * Math.abs(b.value)) return a.precision === b.precision ? 'same' : 'compatible';
    return 'different';
  }
  // "hơn 70" for exactly 70 ("70 người") is wrong; for "khoảng 70" it may be right.
  if (a.max < b.min || b.max < a.min) return 'different';
  // "hơn 8.000" is not how anyone writes 18.000: a bound is close to the figure it bounds.
  const near = (bound: FoundNumber, exact: FoundNumber) =>
    !((bound.qualifier === 'over' || bound.qualifier === 'atLeast') && Math.abs(exact.value) > Math.abs(bound.value) * 1.5) &&
    !((bound.qualifier === 'under' || bound.qualifier === 'atMost') && Math.abs(exact.value) < Math.abs(bound.value) / 1.5);
  if (a.qualifier === 'exact' && !near(b, a)) return 'different';
  if (b.qualifier === 'exact' && !near(a, b)) return 'different';
  if (
    (a.qualifier === 'over' && b.qualifier === 'exact' && eq(a.value, b.value)) ||
    (a.qualifier === 'under' && b.qualifier === 'exact' && eq(a.value, b.value))
  )
    return 'different';
  return 'compatible';
}

/** Vietnamese number words from one to ten, as counts are spelled ("ba tháng", "mười người"). */
export const SPELLED_COUNTS: Readonly<Record<string, number>> = { ...DIGIT_WORDS, mười: 10 };

/**
 * Every word that spells `n` (zero to ten), in Vietnamese and English: "hai", "two"; "nhất"
 * and "tư" as ordinals say them ("thứ nhất", "thứ tư"); "bẩy" beside "bảy".
 */
export function spelledForms(n: number): string[] {
  const table: Record<string, number> = { không: 0, ...SPELLED_COUNTS, nhất: 1, tư: 4, zero: 0, ...EN_WORDS };
  return Object.keys(table).filter((w) => table[w] === n);
}

// The spelled and Roman numbers read above, up to ten; ordinals say "nhất" (first), not "một", and "tư" (fourth).
const ORDINAL_WORDS: Record<string, number> = {
  ...Object.fromEntries(Object.entries(DIGIT_WORDS).filter(([w]) => w !== 'bẩy')),
  nhất: 1,
  tư: 4,
  mười: 10,
};
const ROMAN_ORDINALS: Record<string, number> = Object.fromEntries(
  Object.entries(ROMAN)
    .filter(([, n]) => n <= 10)
    .map(([r, n]) => [r.toUpperCase(), n]),
);
// Not before a number: "giai đoạn năm 2021 - 2025" is the period of the years 2021-2025.
const ORDINAL = new RegExp(
  `(?<![\\p{L}\\p{M}])(thứ|khóa|khoá|giai đoạn|đợt|vòng)\\s+(${[...Object.keys(ORDINAL_WORDS), ...Object.keys(ROMAN_ORDINALS)].join('|')})(?![\\p{L}\\p{M}])(?!\\s*\\d)`,
  'giu',
);
/**
 * The same typed without tone marks, where only the nouns that read as nothing else folded
 * count ("thu hai" is also "thu hái", "thư hai"), and the words that spell no other word there
 * ("giai doan sau" is the later phase, "dot bay" a flight, "nam" south or year, "tam" temporary).
 */
const FOLDED_ORDINAL_WORDS: Record<string, number> = { mot: 1, nhat: 1, hai: 2, ba: 3, bon: 4, chin: 9 };
const FOLDED_ORDINAL = new RegExp(`(?<![\\p{L}\\p{M}])(giai doan|dot)\\s+(${Object.keys(FOLDED_ORDINAL_WORDS).join('|')})(?![\\p{L}\\p{M}])(?!\\s*\\d)`, 'giu');

/**
 * Ordinals a text spells out or writes in Roman numerals, written with digits as news mostly
 * writes them: "lần thứ tư" → "thứ 4", "Giai đoạn II" → "Giai đoạn 2", "giai đoạn một" →
 * "giai đoạn 1" ("thứ một" is no ordinal: "thứ nhất" is), and in a text typed without tone marks
 * "giai doan ba" → "giai doan 3". Roman numerals count only in capitals ("vi" is a word).
 */
export function ordinalsInDigits(text: string): string[] {
  const out: string[] = [];
  const t = text.normalize('NFC');
  for (const m of t.matchAll(ORDINAL)) {
    const noun = m[1] as string;
    const word = m[2] as string;
    if (word.toLowerCase() === 'một' && noun.toLowerCase() === 'thứ') continue;
    const n = ORDINAL_WORDS[word.toLowerCase()] ?? (word === word.toUpperCase() ? ROMAN_ORDINALS[word] : undefined);
    if (n !== undefined) out.push(`${noun} ${n}`);
  }
  if (!hasMarks(t))
    for (const m of t.matchAll(FOLDED_ORDINAL)) {
      const n = FOLDED_ORDINAL_WORDS[(m[2] as string).toLowerCase()];
      if (n !== undefined) out.push(`${m[1] as string} ${n}`);
    }
  return out;
}

/** English nouns of a stage that Vietnamese news numbers with a noun of its own ("phase two": "giai đoạn hai"). */
const EN_STAGES: Record<string, string> = { phase: 'giai đoạn', phases: 'giai đoạn', stage: 'giai đoạn', round: 'vòng' };
const EN_STAGE = `(${Object.keys(EN_STAGES).join('|')})`;
// "first" and "second" are left out: "When did Vietnam first …", "a second time" say no edition.
const EN_ORDINAL_WORD = `(${Object.keys(EN_ORDINALS)
  .filter((w) => (EN_ORDINALS[w] as number) > 2)
  .join('|')}|\\d+(?:st|nd|rd|th))`;
const EN_ORDINAL = new RegExp(`(?<![\\p{L}\\p{N}])${EN_ORDINAL_WORD}(?![\\p{L}\\p{N}])(?:\\s+${EN_STAGE}(?![\\p{L}]))?`, 'giu');
const EN_STAGE_NUMBER = new RegExp(`(?<![\\p{L}])${EN_STAGE}\\s+(${Object.keys(EN_WORDS).join('|')}|\\d+)(?![\\p{L}\\p{N}])`, 'giu');

/** An English ordinal or stage number a question names, as digits, with the Vietnamese noun it is written after ("thứ", "giai đoạn"). */
export interface EnglishOrdinal {
  digits: string;
  noun: string;
}

/**
 * The editions, phases and rounds an English text names ("the fifth symposium", "the 5th
 * symposium", "the third phase", "phase three", "phase 3"), as digits with the noun Vietnamese
 * writes before them ("thứ 5", "giai đoạn 3"), so that an article writing "lần thứ 4" or "giai
 * đoạn hai" can be compared. Not "first" nor "second" ("When did Vietnam first join …").
 */
export function englishOrdinals(text: string): EnglishOrdinal[] {
  const t = nfc(text);
  const out: EnglishOrdinal[] = [];
  for (const m of t.matchAll(EN_ORDINAL)) {
    const word = (m[1] as string).toLowerCase();
    const n = EN_ORDINALS[word] ?? Number.parseInt(word, 10);
    const stage = m[2]?.toLowerCase();
    if (Number.isFinite(n)) out.push({ digits: String(n), noun: stage ? (EN_STAGES[stage] as string) : 'thứ' });
  }
  for (const m of t.matchAll(EN_STAGE_NUMBER)) {
    const word = (m[2] as string).toLowerCase();
    const n = EN_WORDS[word] ?? Number(word);
    out.push({ digits: String(n), noun: EN_STAGES[(m[1] as string).toLowerCase()] as string });
  }
  return out;
}
