import { type FoundDate, findDates } from './find-dates.js';
import { fold, hasMarks, nfc, stripMarks } from './normalize.js';
import { type MarkedPattern, markedPattern } from './words.js';

/**
 * Periods a question asks about, read relative to a given day: the absolute dates `findDates`
 * reads ("tháng 8/2023", "năm 2024"), the same with no year (the latest such day up to today),
 * relative ones ("hôm qua", "tuần trước", "năm nay", "3 tháng qua", "last month"), fuzzy ones
 * ("đầu năm nay", "cuối tháng 8/2023", "giữa năm 2024", "early 2024"), open ones ("trước
 * tháng 6/2024", "từ năm 2023", "since 2023", "đến nay"), requests for order ("mới nhất",
 * "gần đây", "cũ nhất", "latest") and periods bounded by an event ("trước khi …", "sau khi …",
 * whose date has to be looked up). Vietnamese weeks start on Monday.
 */

export type PeriodOrder = 'latest' | 'earliest' | 'recent';

export interface Period {
  /** Offsets of the words in the NFC text, and the words as written. */
  start: number;
  end: number;
  text: string;
  /** Inclusive ISO dates (YYYY-MM-DD); a missing side is open. */
  from?: string;
  to?: string;
  /** Newest first, oldest first, or newer preferred, instead of (or as well as) a span. */
  order?: PeriodOrder;
  /** Read against today ("tuần trước", "tháng 6" with no year): worth telling the reader which days were meant. */
  relative: boolean;
  /** "trước khi <event>" / "sau khi <event>": a bound at the date of an event the corpus has to tell. */
  event?: { relation: 'before' | 'after'; text: string };
}

/** A question's periods combined: the intersection of the spans, the order asked for, the event bound. */
export interface QuestionTime {
  from?: string;
  to?: string;
  order?: PeriodOrder;
  relative: boolean;
  event?: { relation: 'before' | 'after'; text: string };
  /** The periods it was read from, in reading order. */
  periods: Period[];
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on ISO dates (UTC, no time of day).

const DAY_MS = 86_400_000;

function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return toIso(new Date(toDate(iso).getTime() + n * DAY_MS));
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function parts(isoDate: string): { y: number; m: number; d: number } {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** Adds whole months, keeping the day where the month has it ("31/3" minus a month is "29/2"). */
function addMonths(isoDate: string, n: number): string {
  const { y, m, d } = parts(isoDate);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysIn(ny, nm)));
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** The calendar unit that contains `day`, `offset` units away (0: this one, -1: the previous). */
function unitRange(day: string, unit: Unit, offset: number): [string, string] {
  const { y, m } = parts(day);
  switch (unit) {
    case 'day': {
      const d = addDays(day, offset);
      return [d, d];
    }
    case 'week': {
      const weekday = (toDate(day).getUTCDay() + 6) % 7; // Monday 0
      const monday = addDays(day, -weekday + 7 * offset);
      return [monday, addDays(monday, 6)];
    }
    case 'month': {
      const first = addMonths(iso(y, m, 1), offset);
      const p = parts(first);
      return [first, iso(p.y, p.m, daysIn(p.y, p.m))];
    }
    case 'quarter': {
      const q0 = Math.floor((m - 1) / 3);
      const first = addMonths(iso(y, q0 * 3 + 1, 1), 3 * offset);
      const p = parts(first);
      return [first, iso(p.y, p.m + 2, daysIn(p.y, p.m + 2))];
    }
    case 'year':
      return [iso(y + offset, 1, 1), iso(y + offset, 12, 31)];
  }
}

/** The `n` units up to and including today ("3 tháng qua": the three months before today). */
function lastUnits(today: string, unit: Unit, n: number): [string, string] {
  switch (unit) {
    case 'day':
      return [addDays(today, -(n - 1)), today];
    case 'week':
      return [addDays(today, -(7 * n - 1)), today];
    case 'month':
      return [addDays(addMonths(today, -n), 1), today];
    case 'quarter':
      return [addDays(addMonths(today, -3 * n), 1), today];
    case 'year':
      return [addDays(addMonths(today, -12 * n), 1), today];
  }
}

/**
 * A part of a span: "đầu" the first quarter of a year (the first ten days of a month, the first
 * month of a quarter, Monday to Wednesday of a week), "giữa" its middle, "cuối" its end,
 * "nửa đầu" / "nửa cuối" its halves. Longer spans (several years) are cut by share.
 */
type Part = 'early' | 'mid' | 'late' | 'firstHalf' | 'secondHalf';

function partOf([from, to]: [string, string], part: Part): [string, string] {
  const f = parts(from);
  const t = parts(to);
  const wholeYear = f.m === 1 && f.d === 1 && t.m === 12 && t.d === 31 && f.y === t.y;
  const wholeMonth = f.y === t.y && f.m === t.m && f.d === 1 && t.d === daysIn(t.y, t.m);
  if (wholeYear) {
    const y = f.y;
    const months: Record<Part, [number, number]> = { early: [1, 3], mid: [5, 8], late: [10, 12], firstHalf: [1, 6], secondHalf: [7, 12] };
    const [a, b] = months[part];
    return [iso(y, a, 1), iso(y, b, daysIn(y, b))];
  }
  if (wholeMonth) {
    const end = daysIn(f.y, f.m);
    const days: Record<Part, [number, number]> = { early: [1, 10], mid: [11, 20], late: [21, end], firstHalf: [1, 15], secondHalf: [16, end] };
    const [a, b] = days[part];
    return [iso(f.y, f.m, a), iso(f.y, f.m, b)];
  }
  const span = Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS) + 1;
  const share: Record<Part, [number, number]> = { early: [0, 1 / 3], mid: [1 / 3, 2 / 3], late: [2 / 3, 1], firstHalf: [0, 1 / 2], secondHalf: [1 / 2, 1] };
  const [a, b] = share[part];
  return [addDays(from, Math.floor(span * a)), addDays(from, Math.max(Math.floor(span * a), Math.ceil(span * b) - 1))];
}

// ---------------------------------------------------------------------------------------------
// Patterns are written in marked Vietnamese (and English) and compiled twice: as written, for
// text typed with tone marks (so that "Nam" in "Việt Nam" is not the year word "năm", nor "sau"
// the number "sáu"), and with the marks removed, for text typed without them.

const B = '(?<![\\p{L}\\p{M}\\p{N}])';
const E = '(?![\\p{L}\\p{M}\\p{N}])';

type Pattern = MarkedPattern;
const pattern = markedPattern;

const UNITS: Record<string, Unit> = {
  ngày: 'day',
  tuần: 'week',
  tháng: 'month',
  quý: 'quarter',
  năm: 'year',
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  quarter: 'quarter',
  quarters: 'quarter',
  year: 'year',
  years: 'year',
};
const unitOf = (word: string): Unit => UNITS[word] ?? (UNITS[word.replace(/s$/, '')] as Unit) ?? unitFolded(word);
function unitFolded(word: string): Unit {
  for (const [k, v] of Object.entries(UNITS)) if (stripMarks(k) === word) return v;
  return 'day';
}
const VI_UNIT = '(ngày|tuần|tháng|quý|năm)';
const EN_UNIT = '(days?|weeks?|months?|quarters?|years?)';

const COUNT_WORDS: Record<string, number> = {
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
  vài: 3,
  mấy: 3,
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
  twelve: 12,
  few: 3,
  several: 3,
};
const COUNT = '(\\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|vài|mấy|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several)';

function countOf(word: string): number | null {
  if (/^\d+$/.test(word)) {
    const n = Number(word);
    return n >= 1 && n <= 500 ? n : null;
  }
  if (COUNT_WORDS[word] !== undefined) return COUNT_WORDS[word];
  for (const [k, v] of Object.entries(COUNT_WORDS)) if (stripMarks(k) === word) return v;
  return null;
}

type Reading = Omit<Period, 'start' | 'end' | 'text'>;

interface RelativeRule {
  re: Pattern;
  read: (m: RegExpExecArray, today: string) => Reading | null;
}

const span = (r: [string, string]): Reading => ({ from: r[0], to: r[1], relative: true });

function countSpan(word: string, unit: Unit, today: string): Reading | null {
  const n = countOf(word);
  return n === null ? null : span(lastUnits(today, unit, n));
}

const RELATIVE: RelativeRule[] = [
  { re: pattern(`${B}(?:(?:ngày )?hôm nay|today)${E}`), read: (_m, t) => span([t, t]) },
  { re: pattern(`${B}(?:(?:ngày )?hôm qua|yesterday)${E}`), read: (_m, t) => span(unitRange(t, 'day', -1)) },
  { re: pattern(`${B}hôm kia${E}`), read: (_m, t) => span(unitRange(t, 'day', -2)) },
  // "tuần này", "tháng nay", "năm nay", "quý này", "this week"
  { re: pattern(`${B}${VI_UNIT}\\s+(?:này|nay|hiện tại)${E}`), read: (m, t) => span(unitRange(t, unitOf(m[1] as string), 0)) },
  { re: pattern(`${B}(?:this|the current)\\s+${EN_UNIT}${E}`), read: (m, t) => span(unitRange(t, unitOf(m[1] as string), 0)) },
  // "tuần trước", "tháng trước", "năm ngoái", "năm trước", "quý trước", "tháng rồi"; "tuần trước nữa"
  { re: pattern(`${B}${VI_UNIT}\\s+(?:trước|ngoái|rồi)(\\s+nữa)?${E}`), read: (m, t) => span(unitRange(t, unitOf(m[1] as string), m[2] ? -2 : -1)) },
  { re: pattern(`${B}năm\\s+kia${E}`), read: (_m, t) => span(unitRange(t, 'year', -2)) },
  { re: pattern(`${B}(?:last|previous|the previous)\\s+(week|month|quarter|year)${E}`), read: (m, t) => span(unitRange(t, unitOf(m[1] as string), -1)) },
  // "3 tháng qua", "hai tuần gần đây", "6 tháng trở lại đây", "10 ngày vừa qua"
  {
    re: pattern(`${B}${COUNT}\\s+${VI_UNIT}\\s+(?:qua|gần đây|gần nhất|trở lại đây|vừa qua|vừa rồi|nay)${E}`),
    read: (m, t) => countSpan(m[1] as string, unitOf(m[2] as string), t),
  },
  // "the past 3 months", "the last two weeks", "the past year"
  {
    re: pattern(`${B}(?:the\\s+)?(?:past|last)\\s+(?:${COUNT}\\s+)?${EN_UNIT}${E}`),
    read: (m, t) => (m[1] === undefined && !/^the/.test(m[0]) && !/s$/.test(m[2] as string) ? null : countSpan(m[1] ?? 'one', unitOf(m[2] as string), t)),
  },
  // "tuần qua", "tháng qua", "năm qua", "tuần vừa qua": the past week, month or year up to today
  { re: pattern(`${B}${VI_UNIT}\\s+(?:vừa\\s+)?qua${E}`), read: (m, t) => span(lastUnits(t, unitOf(m[1] as string), 1)) },
  // "3 tháng trước", "2 years ago": the unit that was that far back
  {
    re: pattern(`${B}${COUNT}\\s+${VI_UNIT}\\s+(?:trước|về trước)${E}`),
    read: (m, t) => {
      const n = countOf(m[1] as string);
      return n === null ? null : span(unitRange(t, unitOf(m[2] as string), -n));
    },
  },
  {
    re: pattern(`${B}${COUNT}\\s+${EN_UNIT}\\s+ago${E}`),
    read: (m, t) => {
      const n = countOf(m[1] as string);
      return n === null ? null : span(unitRange(t, unitOf(m[2] as string), -n));
    },
  },
  // "đến nay", "cho đến nay", "tới nay", "so far", "to date": up to today
  {
    re: pattern(`${B}(?:(?:cho\\s+)?(?:đến|tới)\\s+(?:nay|bây giờ|hiện nay|hiện tại)|so far|to date|until now)${E}`),
    read: (_m, t) => ({ to: t, relative: true }),
  },
  // Order: newest, oldest, recent.
  {
    re: pattern(`${B}(?:mới nhất|gần nhất|gần đây nhất|mới đây nhất|sau cùng|latest|newest|most recent)${E}`),
    read: () => ({ order: 'latest', relative: false }),
  },
  { re: pattern(`${B}(?:cũ nhất|sớm nhất|xa nhất|oldest|earliest)${E}`), read: () => ({ order: 'earliest', relative: false }) },
  // "bài đầu tiên", "first article": the first of the collection, not "lần đầu tiên" (a first time)
  {
    re: pattern(`${B}(?:bài|bài viết|bài báo|tin|bản tin)\\s+đầu tiên${E}|${B}(?:the\\s+)?first\\s+(?:article|story|report|news)${E}`),
    read: () => ({ order: 'earliest', relative: false }),
  },
  {
    re: pattern(
      `${B}(?:(?:trong\\s+)?(?:thời gian|dạo|mấy ngày|mấy hôm|mấy tháng)\\s+gần đây|gần đây|mới đây|dạo này|vừa rồi|vừa qua|recently|lately|recent|these days)${E}`,
    ),
    read: () => ({ order: 'recent', relative: false }),
  },
];

// Words that cut a period: "đầu năm nay", "cuối tháng 8/2023", "nửa đầu năm 2024", "early 2024".
const PART_BEFORE: Array<[Pattern, Part]> = [
  [pattern('(?:nửa đầu|(?:6|sáu) tháng đầu|first half of|the first half of)\\s*$', 'u'), 'firstHalf'],
  [pattern('(?:nửa cuối|nửa sau|(?:6|sáu) tháng cuối|second half of|the second half of)\\s*$', 'u'), 'secondHalf'],
  [pattern('(?:đầu|thượng tuần|early|the beginning of|beginning of|the start of|start of|earlier)\\s*$', 'u'), 'early'],
  [pattern('(?:giữa|trung tuần|mid-?|the middle of|middle of)\\s*$', 'u'), 'mid'],
  [pattern('(?:cuối|hạ tuần|late|the end of|end of|later)\\s*$', 'u'), 'late'],
];

// Words that open or close a period: "trước tháng 6/2024", "từ năm 2023", "since 2023", "sau năm 2023".
const BOUND_BEFORE: Array<[Pattern, 'before' | 'after' | 'since' | 'until']> = [
  [pattern('(?:trước|before|prior to)\\s*$', 'u'), 'before'],
  [pattern('(?:sau|after)\\s*$', 'u'), 'after'],
  [pattern('(?:từ|kể từ|bắt đầu từ|since)\\s*$', 'u'), 'since'],
  [pattern('(?:đến|tới|cho đến|cho tới|to|until|till|up to|through)\\s*$', 'u'), 'until'],
];

// Bare years where findDates leaves them (it reads "năm 2024", "in 2024"): "from 2023", "of 2024".
const BARE_YEAR = pattern(
  `${B}(?:from|of|during|for|early|mid-?|late|before|after|until|since|trong|trước|sau|đến|các bài|bài|articles?)(?:\\s+|-)((?:19|20)\\d{2})(?![\\p{L}\\p{M}\\p{N}]|[/.-]\\d)`,
);

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const EN_MONTH_ALONE = /(?<![\p{L}\p{N}])(January|February|March|April|June|July|August|September|October|November|December)(?![\p{L}\p{N}])/gu;

// "trước khi …", "sau khi …", "before the …", "after the …" (a clause, not a date).
const EVENT = pattern(`${B}(trước khi|sau khi|trước|sau|before|after)\\s+`);
const EVENT_NOUNS = pattern(
  '^(?:hội nghị|hội thảo|buổi|cuộc|chuyến|diễn đàn|lễ|sự kiện|kỳ họp|phiên|the|a|an|his|her|their|its|meeting|visit|conference|signing|event|talks|symposium)(?![\\p{L}\\p{N}])',
  'u',
);

/** The latest day up to `today` with these month and day (the year left out: "ngày 5/6", "tháng 8"). */
function withLatestYear(d: FoundDate, today: string): [string, string] | null {
  const t = parts(today);
  if (d.month === undefined) return null;
  const fits = (y: number) => {
    if (d.precision === 'month') return iso(y, d.month as number, 1) <= today;
    if (d.day !== undefined && d.day > daysIn(y, d.month as number)) return false;
    return iso(y, d.month as number, d.day ?? 1) <= today;
  };
  // "29/2" goes back to the latest leap year.
  let y = t.y;
  while (!fits(y) && y > t.y - 8) y--;
  if (!fits(y)) return null;
  if (d.precision === 'month') return [iso(y, d.month, 1), iso(y, d.month, daysIn(y, d.month))];
  if (d.day === undefined || d.day > daysIn(y, d.month)) return null;
  const day = iso(y, d.month, d.day);
  if (d.precision === 'days' && d.toDay !== undefined) return [day, iso(y, d.month, Math.min(d.toDay, daysIn(y, d.month)))];
  return [day, day];
}

function overlapsAny(start: number, end: number, taken: readonly Period[]): boolean {
  return taken.some((p) => start < p.end && p.start < end);
}

/** Whatever matched ends right where `before` ends, at a word boundary. */
function endsWith(before: string, p: Pattern, marked: boolean): number {
  const m = (marked ? p.marked : p.plain).exec(before);
  if (!m) return 0;
  return /(^|[^\p{L}\p{M}\p{N}])$/u.test(before.slice(0, before.length - m[0].length)) ? m[0].length : 0;
}

/**
 * A month of a known year that `text` writes as `d`, narrowed to the part the words right before
 * it give, as periods are ("đầu tháng 8/2023": the 1st to the 10th, "giữa" the 11th-20th, "cuối"
 * the 21st to the end, "nửa đầu" the first half; "early / mid / late August 2023"), with those
 * words joined to it; `d` as it is otherwise. Claims are compared with it: "diễn ra đầu tháng
 * 8/2023" is not "ngày 29 tháng 8 năm 2023".
 */
export function partOfMonth(text: string, d: FoundDate): FoundDate {
  if (d.precision !== 'month' || d.from === undefined || d.to === undefined) return d;
  const original = nfc(text);
  const marked = hasMarks(original) && original.toLowerCase().length === original.length;
  const folded = fold(original);
  const hay = marked ? original.toLowerCase() : folded.length === original.length ? folded : original.toLowerCase();
  for (const [pat, part] of PART_BEFORE) {
    const n = endsWith(hay.slice(Math.max(0, d.start - 24), d.start), pat, marked);
    if (!n) continue;
    const [from, to] = partOf([d.from, d.to], part);
    return { ...d, start: d.start - n, text: original.slice(d.start - n, d.end), from, to };
  }
  return d;
}

/**
 * Every period named in `text`, in reading order, read against `today` (ISO, the day in the
 * reader's time zone). Where readings overlap the longer wins; an "đầu"/"cuối"/"trước"/"từ"
 * before a period is part of it.
 */
export function readPeriods(text: string, today: string): Period[] {
  const original = nfc(text);
  // Text typed with marks is read with the marked patterns ("Nam" is not "năm"); text typed
  // without them with the plain ones. Both keep one character per character of the NFC text.
  const marked = hasMarks(original) && original.toLowerCase().length === original.length;
  const folded = fold(original);
  const hay = marked ? original.toLowerCase() : folded.length === original.length ? folded : original.toLowerCase();
  const re = (p: Pattern) => (marked ? p.marked : p.plain);
  const found: Period[] = [];
  const yearless = new Set<Period>();

  // Absolute dates (with or without a year).
  for (const d of findDates(original)) {
    let range: [string, string] | null = d.from && d.to ? [d.from, d.to] : null;
    let relative = false;
    if (!range) {
      range = withLatestYear(d, today);
      relative = true;
    }
    if (!range) continue;
    const p: Period = { start: d.start, end: d.end, text: d.text, from: range[0], to: range[1], relative };
    if (relative) yearless.add(p);
    // "từ 2023", "since 2023" (read as the year by findDates): from that year on.
    if (/^(?:từ|tu|kể từ|ke tu|since)\s/u.test(hay.slice(p.start, p.end)) && d.precision !== 'years') delete p.to;
    found.push(p);
  }
  // An English month named alone ("from January to June 2024", "in March"): capitalised, as months are.
  EN_MONTH_ALONE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = EN_MONTH_ALONE.exec(original));) {
    if (overlapsAny(m.index, m.index + m[0].length, found)) continue;
    const month = EN_MONTHS.indexOf((m[1] as string).toLowerCase()) + 1;
    const range = withLatestYear({ precision: 'month', month, start: 0, end: 0, text: '' }, today);
    if (!range) continue;
    const p: Period = { start: m.index, end: m.index + m[0].length, text: m[0], from: range[0], to: range[1], relative: true };
    yearless.add(p);
    found.push(p);
  }
  const bare = re(BARE_YEAR);
  bare.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = bare.exec(hay));) {
    const y = Number(m[1]);
    const start = m.index + m[0].length - (m[1] as string).length;
    if (overlapsAny(start, start + 4, found)) continue;
    found.push({ start, end: start + 4, text: original.slice(start, start + 4), from: iso(y, 1, 1), to: iso(y, 12, 31), relative: false });
  }

  const relatives: Period[] = [];
  for (const rule of RELATIVE) {
    const r = re(rule.re);
    r.lastIndex = 0;
    for (let m: RegExpExecArray | null; (m = r.exec(hay));) {
      // Typed without marks, "viet nam nay" is "Việt Nam nay", not "năm nay".
      if (!marked && /^nam/.test(m[0]) && /(?:viet|mien|ha|quang)\s+$/.test(hay.slice(Math.max(0, m.index - 6), m.index))) continue;
      const reading = rule.read(m, today);
      if (!reading) continue;
      relatives.push({ ...reading, start: m.index, end: m.index + m[0].length, text: original.slice(m.index, m.index + m[0].length) });
    }
  }
  relatives.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const r of relatives) if (!overlapsAny(r.start, r.end, found)) found.push(r);
  found.sort((a, b) => a.start - b.start);

  // Parts and bounds written before a span.
  for (const p of found) {
    if (p.from === undefined || p.to === undefined) continue;
    for (const [pat, part] of PART_BEFORE) {
      const n = endsWith(hay.slice(Math.max(0, p.start - 24), p.start), pat, marked);
      if (!n) continue;
      const cut = partOf([p.from, p.to], part);
      p.from = cut[0];
      p.to = /earlier\s*$/.test(hay.slice(p.start - n, p.start)) && cut[1] > today ? today : cut[1];
      p.start -= n;
      break;
    }
    for (const [pat, bound] of BOUND_BEFORE) {
      const n = endsWith(hay.slice(Math.max(0, p.start - 16), p.start), pat, marked);
      if (!n) continue;
      const { from, to } = p;
      delete p.from;
      delete p.to;
      if (bound === 'before') p.to = addDays(from as string, -1);
      else if (bound === 'after') p.from = addDays(to as string, 1);
      else if (bound === 'since') p.from = from as string;
      else p.to = to as string;
      p.start -= n;
      break;
    }
    p.text = original.slice(p.start, p.end);
  }

  // "từ tháng 1 đến tháng 6/2024", "từ 2023 đến nay", "from January to June 2024": one span.
  const joined: Period[] = [];
  for (const p of found) {
    const prev = joined[joined.length - 1];
    if (prev && prev.from !== undefined && p.from === undefined && p.to !== undefined && /^\s*$/.test(hay.slice(prev.end, p.start))) {
      prev.to = p.to;
      // A month written with no year takes the end's year ("từ tháng 1 đến tháng 6/2024").
      if (yearless.has(prev) && !yearless.has(p)) {
        const y = Number(prev.to.slice(0, 4));
        const sameYear = `${y}${prev.from.slice(4)}`;
        prev.from = sameYear <= prev.to ? sameYear : `${y - 1}${prev.from.slice(4)}`;
        prev.relative = p.relative;
      } else if (p.relative) prev.relative = true;
      prev.end = p.end;
      prev.text = original.slice(prev.start, prev.end);
      continue;
    }
    joined.push(p);
  }

  // Event bounds: "trước khi làm việc với IEC", "sau hội nghị LMC".
  const ev = re(EVENT);
  ev.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = ev.exec(hay));) {
    const at = m.index;
    const word = stripMarks(m[1] as string);
    const restStart = at + m[0].length;
    if (overlapsAny(at, restStart + 1, joined)) continue;
    // Without "khi", only an event noun may follow ("trước hội nghị", "after the meeting").
    if (!/khi$/.test(word) && !re(EVENT_NOUNS).test(hay.slice(restStart))) continue;
    const clauseEnd = eventClauseEnd(hay, restStart, at, original);
    const eventText = original.slice(restStart, clauseEnd).trim();
    if (!/[\p{L}\p{N}]/u.test(eventText)) continue;
    joined.push({
      start: at,
      end: clauseEnd,
      text: original.slice(at, clauseEnd),
      relative: false,
      event: { relation: /^(truoc|before)/.test(word) ? 'before' : 'after', text: eventText },
    });
    ev.lastIndex = Math.max(ev.lastIndex, clauseEnd);
  }
  return joined.sort((a, b) => a.start - b.start);
}

/**
 * Where an event clause ends: at the first comma when it opens the question ("Trước khi làm
 * việc với IEC, Bộ đã …"), else at the end of the sentence ("Bộ đã … trước khi làm việc với IEC?").
 * Opening the question without a comma, it ends where a name written in capitals ("IEC", "LMC",
 * "lần 4") is followed by another name that starts the question's own clause, the one holding
 * its question word ("Trước khi làm việc với IEC Việt Nam dự hội nghị gì?", "Sau hội nghị LMC
 * Bộ KH&CN làm việc với ai?").
 */
function eventClauseEnd(hay: string, from: number, at: number, original: string): number {
  const opensQuestion = /^[\s\p{P}]*$/u.test(hay.slice(0, at)) || /(?:^|[\s,])(?:và|va|còn|con|and|but)\s*$/u.test(hay.slice(0, at));
  const stop = opensQuestion ? /[,;?!.]/u : /[;?!.]/u;
  const m = stop.exec(hay.slice(from));
  const end = m ? from + m.index : hay.length;
  if (!opensQuestion) return end;
  const clause = original.slice(from, end);
  const asks = (t: string) => QUESTION_WORD.test(fold(t.toLowerCase()));
  if (!asks(clause)) return end;
  NAME_THEN_NAME.lastIndex = 0;
  for (let n: RegExpExecArray | null; (n = NAME_THEN_NAME.exec(clause));) {
    const cut = n.index + n[0].length - (n[1] as string).length;
    if (!asks(clause.slice(0, cut)) && asks(clause.slice(cut))) return from + cut;
  }
  return end;
}
/** A name in capitals or a number, then a space and a capitalised word (group 1: the space). */
const NAME_THEN_NAME = /(?<![\p{L}\p{N}&])(?:\p{Lu}[\p{Lu}\d&]+|\d+)(\s+)(?=\p{Lu}[\p{Ll}\p{M}])/gu;
/** Question words, folded. */
const QUESTION_WORD = /(?<![\p{L}\p{N}])(?:gi|ai|nao|dau|bao nhieu|may|sao|what|who|whom|which|where|when|how)(?![\p{L}\p{N}])/u;

/**
 * The periods of a question combined into one filter: spans intersected, the last order asked
 * for, the first event bound. `keep` leaves out the periods it refuses (they stay words of the
 * question).
 */
export function readQuestionTime(text: string, today: string, keep?: (p: Period) => boolean): QuestionTime {
  const periods = keep ? readPeriods(text, today).filter(keep) : readPeriods(text, today);
  const out: QuestionTime = { relative: false, periods };
  for (const p of periods) {
    if (p.from !== undefined && (out.from === undefined || p.from > out.from)) out.from = p.from;
    if (p.to !== undefined && (out.to === undefined || p.to < out.to)) out.to = p.to;
    if (p.order) out.order = p.order;
    if (p.relative) out.relative = true;
    if (p.event && !out.event) out.event = p.event;
  }
  return out;
}

/**
 * The day it is in `timeZone` at `now` (ISO). Vietnam is seven hours ahead of UTC: at 20:00
 * UTC on 4 June it is already 5 June in Hà Nội.
 */
// Building an Intl.DateTimeFormat costs more than the rest of reading a question's dates.
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

// Formatting costs tens of microseconds, asked once per question: the last day given is kept
// for the rest of its second (offsets are whole seconds, even the local mean times of old dates).
let lastDay = { timeZone: '', second: NaN, day: '' };

export function dayIn(now: Date, timeZone: string): string {
  const second = Math.floor(now.getTime() / 1000);
  if (lastDay.second === second && lastDay.timeZone === timeZone) return lastDay.day;
  let f = DAY_FORMATS.get(timeZone);
  if (!f) DAY_FORMATS.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const p = Object.fromEntries(f.formatToParts(now).map((x) => [x.type, x.value]));
  const day = `${p.year}-${p.month}-${p.day}`;
  lastDay = { timeZone, second, day };
  return day;
}

/** `text` with the words of the periods taken out (what is left is what the question is about). */
export function withoutPeriods(text: string, periods: readonly Pick<Period, 'start' | 'end'>[]): string {
  const original = nfc(text);
  let out = '';
  let at = 0;
  for (const p of [...periods].sort((a, b) => a.start - b.start)) {
    if (p.start < at) continue;
    out += `${original.slice(at, p.start)} `;
    at = p.end;
  }
  out += original.slice(at);
  return out
    .replace(/\s+([,.?!;:])/g, '$1')
    .replace(/^[\s,;:]+/, '')
    .replace(/,\s*([?!.])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
