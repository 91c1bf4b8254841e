import { Lru } from '../store/lru.js';
import { SPELLED_COUNTS } from '../text/find-numbers.js';
import { canonicalTones, fold, hasMarks, nfc, stripMarks } from '../text/normalize.js';
import {
  type MarkedPattern,
  WORD_END,
  WORD_RUN,
  WORD_START,
  escapeRegExp,
  isSpaceAt,
  isWordCharAt,
  markedPattern,
  nextWholeWords,
  wordCharBefore,
} from '../text/words.js';
import { isStopword } from '../text/stopwords.js';
import { type AcronymAlias, type SearchText, hasWordIn } from '../retrieve/coverage.js';
import { overlaps } from '../text/span.js';
import { TIME_UNITS, timeUnit } from '../text/units.js';
import { translateTerms } from '../text/glossary.js';
import { shortFormsWrittenOut } from '../text/synonyms.js';
import { detectLang } from '../text/lang.js';
import type { FactKind, QuestionAnalysis } from './question-type.js';
import { whenActAsked } from './act-asked.js';
import { askedOffices, headOffices, isOffice, officeOfBody, officesAt, officesNamed } from './titles.js';
import { isKnownPlace, nameRuns, placeAliases } from '../check/facts.js';
import { type Token, tokenize } from '../check/tokens.js';

/**
 * Facts of a given kind in a sentence, as [start, end) offsets into it: dates, quantities,
 * people (with their title), places, enumerations, the expansion of an abbreviation, the
 * definition of a term, a named thing that starts with the question's noun ("Luật …"). They
 * serve twice: a sentence holding a fact of the kind the question asks for is likelier to
 * answer it, and the fact nearest to the question's words is the short answer.
 *
 * Written for Vietnamese news text (with English forms where they are common). Names are
 * found from one scan for runs of capitalised words, then judged by the words just before
 * them ("ông", "Thứ trưởng", "tại", "thành phố"); every pattern uses Unicode-aware
 * boundaries and letter classes, never `\b` or `\w`.
 */
export interface FactSpan {
  start: number;
  end: number;
}

const re = (source: string, flags = 'gu') => new RegExp(source, flags);
const L = '[\\p{L}\\p{M}]';
const NUM = '\\d+(?:[.,]\\d+)*';

// --- dates ------------------------------------------------------------------------------------

const DAY_WORD = '(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|Ngày|Sáng|Chiều|Tối|Đêm)';
const MONTHS_EN = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** Words before a year written alone: "vào 1773", "từ 1500", "in 1685". */
const EARLY_YEAR_AFTER = `(?<=${WORD_START}(?:vào|từ|đến|tới|trước|sau|Vào|Từ|Đến|Trước|Sau|in|since|until|from|by|circa|around|In|Since|Until|From|By)\\s+)`;
/** Function words that may follow a year written alone; any other lower-case word is what a number counts. */
const YEAR_FOLLOWERS =
  'và|hay|hoặc|đến|tới|là|đã|được|của|có|không|này|đó|trong|với|cho|từ|tại|ở|thì|mà|khi|để|theo|sau|trước|nhưng|bị|sẽ|đang|vẫn|rồi|nên|vì|do|các|những|như|and|or|to|the|of|in|was|were|is|are|when|with|by|at|on|after|before';
const EARLY_YEAR_RANGE = '(?:\\s*(?:đến|tới|-|–)\\s*(?:năm\\s+)?1\\d{3})?';
const DATE_PATTERNS: RegExp[] = [
  // 29 tháng 8 năm 2023, ngày 29 tháng 8, tháng 8 năm 2023, tháng 3/2017
  re(`${WORD_START}(?:${DAY_WORD}\\s+)?(?:\\d{1,2}\\s+)?[tT]háng\\s+\\d{1,2}(?:\\s*(?:năm\\s+|/)\\d{4})?${WORD_END}`),
  // 5/6/2024, 29-8-2023, ngày 24/6, sáng 2/2
  re(`${WORD_START}(?:${DAY_WORD}\\s+)?\\d{1,2}[/.-]\\d{1,2}(?:[/.-]\\d{2,4})?${WORD_END}`),
  // từ 2023 đến 2028, 2023-2028, năm 2018
  re(`${WORD_START}(?:từ\\s+)?(?:năm\\s+)?(?:19|20)\\d{2}\\s*(?:đến|tới|-|–)\\s*(?:năm\\s+)?(?:19|20)\\d{2}${WORD_END}`),
  re(`${WORD_START}(?:năm\\s+)?(?:19|20)\\d{2}${WORD_END}`),
  // Earlier years, which history writes as often ("vào năm 1773", "Năm 1891", "từ 1500 đến 1850",
  // "in 1685"): after "năm", or after a word placing it in time and not before a word counted by it
  // ("từ 1500 người" is a number).
  re(`${WORD_START}[Nn]ăm\\s+1[0-8]\\d{2}${EARLY_YEAR_RANGE}${WORD_END}`),
  re(`${EARLY_YEAR_AFTER}1[0-8]\\d{2}${EARLY_YEAR_RANGE}${WORD_END}(?!\\s+(?!(?:${YEAR_FOLLOWERS})${WORD_END})\\p{Ll})`),
  // English: August 29, 2023 / 29 August 2023 / June 2024
  re(`${WORD_START}(?:\\d{1,2}\\s+)?(?:${MONTHS_EN})(?:\\s+\\d{1,2})?(?:,?\\s+\\d{4})?${WORD_END}`),
];
const MAY_HAVE_DATE = new RegExp(`\\d|${MONTHS_EN}`, 'u');

/** "5-30" (a range) and "12.5" are not dates: day and month must be in range. */
function plausibleDate(t: string): boolean {
  const m = /(\d{1,2})[/.-](\d{1,2})(?!\d)(?:[/.-](\d{2,4}))?/u.exec(t);
  if (!m) return true;
  const day = Number(m[1]);
  const month = Number(m[2]);
  return day >= 1 && day <= 31 && month >= 1 && month <= 12 && (m[3] !== undefined || t.includes('/') || /\p{L}/u.test(t));
}

export function dateSpans(text: string): FactSpan[] {
  if (!MAY_HAVE_DATE.test(text)) return [];
  return dedupe(DATE_PATTERNS.flatMap((p) => allMatches(p, text)).filter((s) => plausibleDate(text.slice(s.start, s.end))));
}

// --- quantities -------------------------------------------------------------------------------

// Digits (with separators, ranges and percent), optionally introduced ("hơn", "khoảng") and
// followed by a unit word ("73 năm", "110.000 người", "3 giờ").
const QUANTITY = re(
  `${WORD_START}(?:(?:hơn|khoảng|gần|trên|dưới|hàng|tới|đến|chỉ|gấp|tổng\\s+cộng|over|about|nearly|more\\s+than)\\s+)?${NUM}(?:\\s*[-–]\\s*${NUM})?(?:\\s*%|(?:\\s+${L}+)?)`,
);
const NUMBER_WORDS =
  'hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion';
const COUNTED =
  'người|lần|năm|ngày|tháng|tuần|giờ|phút|nước|quốc\\s+gia|bên|thành\\s+viên|bệnh\\s+nhân|ca|trẻ|em|con|tỉnh|thành\\s+phố|đơn\\s+vị|dự\\s+án|loại|lĩnh\\s+vực|countries|members|people|years|times';
const NUMBER_WORD = re(`${WORD_START}(?:${NUMBER_WORDS})(?:\\s+(?:mươi|trăm|nghìn|ngàn|triệu|tỷ))?\\s+(?:${COUNTED})${WORD_END}`, 'giu');
const MAY_HAVE_NUMBER_WORD = new RegExp(`(?:${NUMBER_WORDS})\\s`, 'iu');
// Words after a number that are not its unit ("lần thứ 4 cũng …").
const NOT_UNIT = new Set(
  'cũng và là đã được của có không này đó trong với cho từ đến tại ở thì mà khi để theo trên dưới sau trước nhưng hoặc hay bị sẽ đang vẫn còn rồi nên vì do các những một như and or the of in to for with was were is are'.split(
    ' ',
  ),
);

/** Units of measure, by what they measure; a count of anything else ("người", "quốc gia") is a count. */
const MEASURES: ReadonlyArray<readonly [Measure, readonly string[]]> = [
  ['age', ['tuổi']],
  ['mass', ['g', 'gam', 'gram', 'kg', 'kí', 'ký', 'mg', 'tấn', 'lạng', 'kilogram', 'grams', 'tons']],
  ['length', ['m', 'cm', 'mm', 'km', 'mét', 'metres', 'meters', 'miles']],
  ['volume', ['lít', 'ml', 'cc', 'litres', 'liters']],
  ['percent', ['%', 'phần']],
];
type Measure = 'time' | 'age' | 'mass' | 'length' | 'volume' | 'percent' | 'count';
/** Units of time besides `TIME_UNITS` that count a length of time ("3 tiếng", "hai đêm"), folded. */
const MORE_TIME_UNITS = new Set(['tieng', 'dem', 'decade', 'decades']);
/**
 * Whether a unit as written, in text with marks, counts time: a Vietnamese word with its marks
 * ("năm", not "nam" of "12 nam, 8 nữ"), or an English one.
 */
function isTimeUnit(unit: string): boolean {
  const f = fold(unit.toLowerCase());
  if (!TIME_UNITS.has(f) && !MORE_TIME_UNITS.has(f)) return false;
  return f !== unit.toLowerCase() || /^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)$/u.test(f);
}

const MEASURE_OF = new Map<string, Measure>(MEASURES.flatMap(([m, units]) => units.map((u) => [u, m] as const)));
/** The same units without marks, for questions typed without them ("bao nhieu tuoi"). */
const MEASURE_FOLDED = new Map<string, Measure>(MEASURES.flatMap(([m, units]) => units.map((u) => [fold(u), m] as const)));

/** What a quantity as written measures: by its unit ("84 tuổi": age, "20 năm": time, "50%"), or null for a bare number or a count. */
function measureOf(quantity: string): Measure | null {
  if (/%\s*$/u.test(quantity)) return 'percent';
  const unit = /\s([\p{L}\p{M}]+)$/u.exec(quantity)?.[1]?.toLowerCase();
  if (!unit) return null;
  return MEASURE_OF.get(unit) ?? (isTimeUnit(unit) ? 'time' : null);
}

/**
 * Units of time in order of length, folded (Vietnamese forms: `timeUnit`), a step apart when
 * one is counted in the other in news ("18 tháng" for "mấy năm", "2 tuần" for "bao nhiêu ngày"),
 * further apart when not: "73 năm" is no answer to "kéo dài bao nhiêu ngày?".
 */
const TIME_RANK = new Map<string, number>([
  ['giay', 0],
  ['phut', 1],
  ['gio', 2],
  ['tieng', 2],
  ['ngay', 3],
  ['dem', 3],
  ['tuan', 4],
  ['thang', 5],
  ['quy', 5],
  ['nam', 6],
  ['decade', 7],
  ['decades', 7],
]);

/** A unit's place in `TIME_RANK`, as typed or as a quantity ends ("3 tháng"); undefined for anything else. */
function timeRank(unit: string | undefined): number | undefined {
  return unit === undefined ? undefined : TIME_RANK.get(timeUnit(fold(unit.toLowerCase())));
}

/** Words after "bao nhiêu" that are not the unit asked for, folded. */
const NOT_UNIT_ASKED = new Set([
  ...['so', 'mot', 'luong', 'vao', 'la', 'thi', 'ma', 'nua', 'roi', 'khi', 'de', 'muc'],
  // Particles that end a question ("… giai đoạn mấy vậy?", "… bao nhiêu hả?").
  ...['vay', 'the', 'nhi', 'a', 'ha', 'khong', 'chu'],
]);

/** The word after "bao nhiêu" / "mấy" / "how many" (the unit asked for), with or without marks. */
const UNIT_ASKED = /(?<![\p{L}\p{M}])(?:bao nhiêu|bao nhieu|mấy|how many|how much)\s+([\p{L}\p{M}%]+)/iu;
/** The same, with the word after the unit ("phẫu" of "bao nhiêu ca phẫu thuật"). */
const UNIT_AND_NEXT = new RegExp(`${UNIT_ASKED.source}\\s+([\\p{L}\\p{M}]+)`, 'iu');

const MAGNITUDE = new Set(['tram', 'nghin', 'ngan', 'trieu', 'ty', 'ti', 'hundred', 'thousand', 'million', 'billion']);

/** What a quantity counts, folded: its last word, or the word after it when that one is a magnitude ("người" of "300 triệu người"). */
function countedUnit(text: string, s: FactSpan): string {
  const last = fold(/([\p{L}\p{M}]+)$/u.exec(text.slice(s.start, s.end))?.[1]?.toLowerCase() ?? '');
  if (last !== '' && !MAGNITUDE.has(last)) return last;
  return fold(/^\s+([\p{L}\p{M}]+)/u.exec(text.slice(s.end, s.end + 30))?.[1]?.toLowerCase() ?? '');
}

/** The unit a "how many" question names, lower-cased as typed ("bé" of "bao nhiêu bé", "quốc" of "bao nhiêu quốc gia"); none for "bao nhiêu so với …", "bao nhiêu một lần". */
function unitAsked(question: string): string | undefined {
  const lower = nfc(question).toLowerCase();
  const unit = UNIT_ASKED.exec(lower)?.[1] ?? foldedMayUnit(lower);
  return !unit || NOT_UNIT.has(unit) || NOT_UNIT_ASKED.has(fold(unit)) ? undefined : unit;
}

/**
 * "mấy" typed without marks is "may", also "máy" (a machine: "may bay", "may tinh"): read as
 * "mấy" only in a question without marks and before a unit of time or measure ("may ngay", "may km").
 */
function foldedMayUnit(lower: string): string | undefined {
  if (hasMarks(lower)) return undefined;
  for (const m of lower.matchAll(/(?<![\p{L}\p{N}])may\s+(\p{L}+)/gu)) {
    const unit = m[1] as string;
    if (TIME_UNITS.has(unit) || MORE_TIME_UNITS.has(unit) || MEASURE_FOLDED.has(unit)) return unit;
  }
  return undefined;
}

/**
 * What a "how many" question measures: time for "bao lâu" or "bao nhiêu năm", age for "bao nhiêu
 * tuổi", a share for "bao nhiêu phần trăm" or "tỷ lệ", a count for "bao nhiêu người"; null when
 * it does not say ("… là bao nhiêu?").
 */
export function measureAsked(question: string): Measure | null {
  const q = nfc(question).toLowerCase();
  if (DURATION.test(q) || /(?<![\p{L}\p{M}])(?:thời gian|thoi gian)(?![\p{L}\p{M}])/u.test(q)) return 'time';
  if (/(?<![\p{L}\p{M}])(?:how old|độ tuổi|do tuoi)(?![\p{L}\p{M}])/u.test(q)) return 'age';
  if (/(?<![\p{L}\p{M}])(?:tỷ lệ|tỉ lệ|ty le|ti le|percentage|percent)(?![\p{L}\p{M}])/u.test(q)) return 'percent';
  const unit = unitAsked(q);
  if (!unit) return null;
  // Typed with marks, the unit is read as typed ("nam" of "nam giới" is no year).
  if (hasMarks(q)) return MEASURE_OF.get(unit) ?? (isTimeUnit(unit) ? 'time' : 'count');
  const f = fold(unit);
  return MEASURE_FOLDED.get(f) ?? (TIME_UNITS.has(f) || MORE_TIME_UNITS.has(f) ? 'time' : 'count');
}

/**
 * Words that count what comes after them in a count ("3 chuyên gia", "hai vòng", "hàng trăm ca"),
 * folded; not "nhiều", "vài", "mấy", which say there are some, not how many ("Nhiều chuyên gia trẻ
 * …" does not answer "bao nhiêu chuyên gia trẻ?").
 */
const SPELLED_COUNT_WORDS = [...Object.keys(SPELLED_COUNTS), 'tư', 'mươi', 'trăm', 'nghìn', 'ngàn', 'triệu', 'tỷ', 'tỉ', 'hàng'];
const COUNT_WORDS = ['\\d[\\d.,]*', ...SPELLED_COUNT_WORDS].map(fold).join('|');
/** The spelled count words as written with marks: "năm" (five) is a count, "Nam" of "Việt Nam" is not. */
const MARKED_COUNT_WORDS = new Set(SPELLED_COUNT_WORDS);
const COUNT_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(?:${COUNT_WORDS})(?![\\p{L}\\p{N}])`, 'gu');

/** "giai đoạn mấy", "đợt bao nhiêu", "số mấy": which one of a sequence, not how many ("kỳ" is left out: "định kỳ bao nhiêu một lần?" asks how often). */
const WHICH_OF_A_SEQUENCE =
  /(?<![\p{L}\p{M}\p{N}])(giai đoạn|đợt|khóa|khoá|vòng|phiên|số|lần|tập|chương|phần|điều|khoản|mục|thế hệ)\s+(?:mấy|bao\s+nhiêu)(?![\p{L}\p{M}\p{N}])/u;
/** The same typed without marks, with only the nouns that read as nothing else ("ky" is also "ký", to sign; "so" "so với"). */
const WHICH_OF_A_SEQUENCE_FOLDED = /(?<![\p{L}\p{N}])(giai doan|dot|vong|phien|chuong|the he)\s+(?:may|bao\s+nhieu)(?![\p{L}\p{N}])/u;

/** The noun of a "which one of a sequence" question ("giai đoạn mấy"), folded; undefined for any other. */
function sequenceAsked(question: string): string | undefined {
  const q = nfc(question).toLowerCase();
  const noun = hasMarks(q) ? WHICH_OF_A_SEQUENCE.exec(q)?.[1] : WHICH_OF_A_SEQUENCE_FOLDED.exec(q)?.[1];
  return noun === undefined ? undefined : fold(noun);
}
/** Numbers spelled after such a noun, folded ("giai đoạn hai"). */
const SEQUENCE_NUMBERS = [...new Set([...Object.keys(SPELLED_COUNTS), 'tư', 'nhất'].map(fold))].join('|');

/**
 * Counted in other words than the question's (people as "6 y bác sĩ", money in a currency):
 * a question counting them is not asked of a count of the same word.
 */
const COUNTED_OTHERWISE = new Set(['nguoi', 'tien', 'dong', 'usd', 'do', 'euro', 'yen', 'von', 'cai', 'con', 'chiec', 'lan']);

/**
 * What a "how many" question counts, as the words that may follow a count of it ("ca" and
 * "phẫu" of "bao nhiêu ca phẫu thuật", which the news writes "3 ca phẫu thuật" or "3 lần phẫu
 * thuật"), folded; none when it asks for a length, age, share, measure or sum of money, for an
 * ordinal ("lần thứ mấy", "giai đoạn mấy"), or counts what the news counts in other words
 * (`COUNTED_OTHERWISE`); in English, the Vietnamese term of what it counts (`englishCounted`).
 */
export function countedThing(question: string): string[] {
  const q = nfc(question).toLowerCase();
  if (measureAsked(q) !== 'count' || ORDINAL_ASKED.test(fold(q)) || sequenceAsked(q) !== undefined) return [];
  if (detectLang(question) === 'en') return englishCounted(q);
  const unit = unitAsked(q);
  if (!unit || COUNTED_OTHERWISE.has(fold(unit))) return [];
  const next = UNIT_AND_NEXT.exec(q)?.[2];
  return [fold(unit), ...(next && !isStopword(next, true) ? [fold(next)] : [])];
}

/**
 * Where the noun phrase after "how many" ends: a verb (these, and any word in "-ed"), a
 * preposition, a relative word or a determiner, which opens another phrase ("How many nations
 * control this region?", "How many passengers a year …": the nations and the passengers are counted).
 */
const ENGLISH_PHRASE_END = new Set(
  'do does did is are was were has have had will would can could should may might be been of in at on for from to by with per that which who whom whose took take led met made held won gave got went came sent paid set put ran saw said told became began brought built bought kept left lost meant sold spent stood taught thought there the a an this these those its their his her our your'.split(
    ' ',
  ),
);

/**
 * What an English "how many" question counts, in the articles' words: the Vietnamese term of its
 * head noun ("quốc gia" of "How many member countries …", "chuyên gia trẻ" of "How many young
 * Vietnamese experts …"), as the two words that may follow a count of it, folded; none when the
 * glossary has no term for it or the news counts it in other words (`COUNTED_OTHERWISE`).
 */
function englishCounted(q: string): string[] {
  // "how much" before a noun counts it as "bao nhiêu" does ("How much funding …" is a sum: `measureMissing`).
  const after = /(?<![\p{L}\p{M}])how\s+(?:many|much)\s+([^?.!,;]*)/u.exec(q)?.[1];
  if (after === undefined) return [];
  const words: string[] = [];
  for (const w of after.split(/\s+/u)) {
    // A verb ends it: a word of ENGLISH_PHRASE_END, or one in "-ed" ("hosted", "exchanged"; an adjective in "-ed" ends it too, safely).
    if (!w || ENGLISH_PHRASE_END.has(w) || /\p{L}{2,}ed$/u.test(w)) break;
    words.push(w);
    if (words.length === 4) break;
  }
  const phrase = words.join(' ');
  // A sum of money is a measure, not a count (`measureMissing`).
  if (MONEY_ASKED.test(phrase)) return [];
  const head = translateTerms(phrase).at(-1);
  if (head === undefined) return [];
  const [first, second] = fold(head.toLowerCase()).split(/\s+/u);
  if (first === undefined || COUNTED_OTHERWISE.has(first)) return [];
  return [first, ...(second !== undefined ? [second] : [])];
}

/** English words for a sum of money, as a question asks one. */
const ENGLISH_MONEY = 'money|cost|costs|budget|budgets|price|prices|funding|fee|fees|salary|salaries';
/** A question for a sum of money ("bao nhiêu tiền", "kinh phí … là bao nhiêu", "how much … cost"), lower-cased with marks. */
const MONEY_ASKED = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(?:bao nhiêu tiền|số tiền|tiền lương|tiền phạt|tiền thưởng|tiền hỗ trợ|kinh phí|chi phí|ngân sách|trị giá|giá bán|giá vé|mức lương|mức phạt|lệ phí|học phí|hội phí|phí thành viên|niên liễm|${ENGLISH_MONEY})(?![\\p{L}\\p{M}\\p{N}])`,
  'u',
);
/** The same typed without marks: only words that read as nothing else ("tien" is also "tiến"). */
const MONEY_ASKED_FOLDED = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:bao nhieu tien|so tien|kinh phi|chi phi|ngan sach|tri gia|muc luong|tien luong|muc phat|le phi|hoc phi|hoi phi|phi thanh vien|nien liem|${ENGLISH_MONEY})(?![\\p{L}\\p{N}])`,
  'u',
);
/**
 * "What annual fee would Vietnam pay?", "What is the budget of …?": an English question for a sum
 * of money that does not say "how much", folded, the money word ending what is asked or followed
 * by "of", "for" or a verb ("What is the budget of …?"); not "What did the budget pay for?", "What
 * is the budget used for?", "What is the funding source …?", "Which fees were abolished?".
 */
const WHAT_SUM = new RegExp(
  `^what\\s+(?:(?:is|was|are|were|would be|will be)\\s+)?(?:the\\s+)?(?:(?!(?:do|does|did|has|have|had|will|would|can|could|should|may|might)\\s)[\\p{L}-]+\\s+){0,2}?(?:${ENGLISH_MONEY})(?=\\s*[?.!]*\\s*$|\\s+(?:of|for|would|will|does|did|do|is|was|that|vietnam|the)(?![\\p{L}\\p{N}]))`,
  'u',
);

/** Whether an English question asks for a sum of money without "how much" (`WHAT_SUM`). */
export function asksSum(question: string): boolean {
  return WHAT_SUM.test(fold(nfc(question).toLowerCase().trim()));
}

/** Words asking how much of a measure ("bao nhiêu", "mấy", "bao lâu", "how long"), folded. */
const HOW_MUCH = /(?<![\p{L}\p{N}])(?:bao nhieu|may|bao lau|phan tram|how much|how many|how long|how old|what percent|what percentage)(?![\p{L}\p{N}])/u;
/** Units a sum of money is asked in ("bao nhiêu đồng", "how much funding"), folded. */
const MONEY_UNITS = new Set(['tien', 'dong', 'usd', 'do', 'euro', 'yen', 'trieu', 'ty', 'ti', 'nghin', 'ngan', 'tram', ...ENGLISH_MONEY.split('|')]);
/** "Từ năm nào?", "từ khi nào", "từ bao giờ", "since when": asks when something began (marked; folded when typed without marks, where "tự" is "tu" too). */
const SINCE_ASKED = {
  marked:
    /(?<![\p{L}\p{N}])(?:từ\s+(?:năm|khi|lúc|thời\s+điểm|ngày|tháng|hồi|thời\s+gian)\s+nào|từ\s+bao\s+giờ|since\s+when|since\s+what|from\s+what\s+(?:year|date|time))(?![\p{L}\p{N}])/u,
  // Not "thu tu ngay nao" (thứ tư ngày nào: which date is Wednesday).
  folded:
    /(?<![\p{L}\p{N}])(?<!thu\s+)(?:tu\s+(?:nam|khi|luc|thoi\s+diem|ngay|thang|hoi|thoi\s+gian)\s+nao|tu\s+bao\s+gio|since\s+when|since\s+what|from\s+what\s+(?:year|date|time))(?![\p{L}\p{N}])/u,
};
/** A beginning in a text, lower-cased: "từ năm 2012", "kể từ tháng 3/2017", "(từ 2023 đến 2028)", "bắt đầu", "since 2019". */
const START_GIVEN =
  /(?<![\p{L}\p{N}])(?:(?:kể\s+)?từ|since|from)\s+(?:[\p{L}\p{M}\p{N}/.,-]+\s+){0,2}?(?:\d|năm|tháng|ngày|khi|lúc|hồi|thế\s+kỷ|đầu|cuối|những\s+năm)|(?<![\p{L}\p{N}])(?:bắt\s+đầu|khởi\s+đầu|began|begun|started|since)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:thành\s+lập|ra\s+đời|nhậm\s+chức|bổ\s+nhiệm|khởi\s+công|khai\s+trương|xuất\s+hiện|founded|established|appointed|took\s+office)(?:\s+[\p{L}\p{M}\p{N}/.,-]+){0,3}?\s+(?:vào\s+)?(?:\d|năm|tháng|ngày|in\s+\d)/u;

/**
 * A question asking since when something has been so ("Ông Metzger giữ chức Tổng Thư ký IEC từ
 * năm nào?") is not answered by a quote that gives no beginning: the date beside it ("ngày
 * 5/6/2024", the day of a meeting) is when something else happened. A beginning is "từ", "kể
 * từ", "since" or "from" before a date or a time, "bắt đầu" (began), or a date after a verb of
 * beginning ("được thành lập năm 1906", "nhậm chức tháng 1/2023").
 */
export function startMissing(question: string, quoted: SearchText): boolean {
  return askedNotGiven(question, SINCE_ASKED, START_GIVEN, quoted);
}

/**
 * Any time in a text, lower-cased, read broadly: a digit, a unit or part of time ("năm", "tháng",
 * "hôm", "sáng", "tuổi", "thế kỷ"), "khi", "lúc", "dịp", "sau", "trước", "hiện nay", "thời gian"
 * ("trong thời gian tới"), and their English words.
 */
const TIME_GIVEN =
  /\d|(?<![\p{L}\p{N}])(?:năm|tháng|ngày|tuần|hôm|giờ|phút|buổi|sáng|trưa|chiều|tối|đêm|khi|lúc|hồi|dịp|thời\s+(?:gian|điểm|kỳ|kì)|giai\s+đoạn|trước|sau|hiện\s+nay|hiện\s+tại|nay|sớm|gần\s+đây|vừa\s+qua|mới\s+đây|sắp|tuổi|thế\s+kỷ|tết|mùa|years?|months?|days?|weeks?|today|yesterday|tomorrow|when|after|before|since|during|until|ago|now|recently|soon|century|aged?|morning|afternoon|evening|night|season|spring|summer|autumn|winter|january|february|march|april|may|june|july|august|september|october|november|december)(?![\p{L}\p{N}])/u;

/**
 * A question asking when an act was done ("Việt Nam gia nhập IEC khi nào?", "When did Vietnam join
 * the IEC?", "… ký … khi nào", "… được thành lập khi nào") is not answered by quotes that give no
 * time at all and do not state the act: "nỗ lực … trở thành thành viên chính thức" hopes for what
 * the question takes as done. Either alone still answers: a time with no act written ("vào năm
 * 1972", of a list of who joined when), or the act with no time.
 */
export function whenActMissing(question: string, quoted: SearchText): boolean {
  const stated = whenActAsked(question);
  return stated !== undefined && !TIME_GIVEN.test(quoted.lower) && !stated.test(quoted.lower);
}

/** "Năm nào?", "năm bao nhiêu", "in what year": asks for a year (not "năm mấy tuổi", an age, nor "bao nhiêu năm", a length). */
const YEAR_ASKED = {
  marked: /(?<![\p{L}\p{N}])(?:năm\s+(?:nào|bao\s+nhiêu|mấy)(?!\s+tuổi)|(?:which|what)\s+year)(?![\p{L}\p{N}])/u,
  folded: /(?<![\p{L}\p{N}])(?:nam\s+(?:nao|bao\s+nhieu|may)(?!\s+tuoi)|(?:which|what)\s+year)(?![\p{L}\p{N}])/u,
};
/** A year in a text, lower-cased: four digits, or a year said relative to now ("năm ngoái", "năm 2023"). */
const YEAR_GIVEN =
  /(?<!\d)\d{4}(?!\d)|(?<![\p{L}\p{N}])năm\s+(?:nay|ngoái|trước|sau|tới|kia|ấy|đó|\d)|(?<![\p{L}\p{N}])(?:last|this|next)\s+year(?![\p{L}\p{N}])/u;

/**
 * A question asking which year is not answered by a quote that gives no year: ViNewsQA dev and
 * XQuAD-vi answer 43 of their 44 "năm nào" questions with a year in the evidence (the other is
 * "Năm mấy tuổi", an age). "Luật … hiện hành được ban hành năm nào?" had quoted a sentence about
 * amending the law, with no year.
 */
export function yearMissing(question: string, quoted: SearchText): boolean {
  return askedNotGiven(question, YEAR_ASKED, YEAR_GIVEN, quoted);
}

/**
 * "Sinh năm nào?", "năm sinh", "sinh ngày nào", "When was … born?": asks when someone was born
 * (marked; folded when typed without marks, where "nam sinh" is also a male student and is left
 * out); not "năm sinh viên" (five students).
 */
const BIRTH_ASKED = {
  marked:
    /(?<![\p{L}\p{N}])(?:sinh\s+(?:vào\s+)?(?:năm|ngày|tháng)\s+(?:nào|mấy|bao\s+nhiêu)|sinh\s+(?:khi|lúc|hồi)\s+nào|(?:năm|ngày)\s+sinh(?!\s+viên)|when\s+was\s+.+\s+born|born\s+(?:in|on)\s+what|(?:date|year)\s+of\s+birth|birth\s*(?:date|day|year))(?![\p{L}\p{N}])/u,
  folded:
    /(?<![\p{L}\p{N}])(?:sinh\s+(?:vao\s+)?(?:nam|ngay|thang)\s+(?:nao|may|bao\s+nhieu)|sinh\s+(?:khi|luc|hoi)\s+nao|ngay\s+sinh(?!\s+vien)|when\s+was\s+.+\s+born|born\s+(?:in|on)\s+what|(?:date|year)\s+of\s+birth|birth\s*(?:date|day|year))(?![\p{L}\p{N}])/u,
};
/** A birth in a text, lower-cased: "sinh năm 1990", "chào đời", "born", an age ("62 tuổi"). */
const BIRTH_GIVEN = /(?<![\p{L}\p{N}])(?:sinh|sanh|chào\s+đời|born|birth|tuổi|aged?)(?![\p{L}\p{N}])/u;

/**
 * A question asking when a person it names was born ("Ông Metzger sinh năm nào?") is not answered
 * by quotes that say nothing of a birth: the date beside the name ("ngày 5/6/2024", the day of a
 * meeting) is when something else happened. Only of someone named (the question's `names`, or a
 * word after "ông", "bà", "Mr" … in a question typed in lower case): "Đứa bé được sinh vào khi
 * nào?" may ask the week of a pregnancy.
 */
export function birthMissing(question: string, quoted: SearchText, names: readonly string[]): boolean {
  const named = names.length > 0 || CALLED_NAME.test(nfc(question));
  return named && askedNotGiven(question, BIRTH_ASKED, BIRTH_GIVEN, quoted);
}
/** A courtesy title and the name after it: "ông Metzger", "ong metzger", "Mr Metzger". */
const CALLED_NAME = /(?<![\p{L}\p{N}])(?:ông|bà|ong|ba|mr|mrs|ms|dr)\.?\s+(?!(?:sinh|là|la|ấy|ay|ta|nào|nao)(?![\p{L}\p{N}]))\p{L}/iu;

/** "Lần thứ mấy?", "lần thứ bao nhiêu": which time something happens (marked; folded when typed without marks). */
const TIME_ASKED = {
  marked: /(?<![\p{L}\p{N}])lần\s+thứ\s+(?:mấy|bao\s+nhiêu)(?![\p{L}\p{N}])/u,
  folded: /(?<![\p{L}\p{N}])lan\s+thu\s+(?:may|bao\s+nhieu)(?![\p{L}\p{N}])/u,
};
/** An ordinal in a text, lower-cased: "thứ 4", "thứ ba", "khóa IV", "lần đầu", "đầu tiên", "4th", "first". */
const ORDINAL_GIVEN =
  /(?<![\p{L}\p{N}])(?:thứ\s+(?:\d+|[ivxlc]+|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)|lần\s+(?:đầu|\d+|cuối)|đầu\s+tiên|\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)(?![\p{L}\p{N}])/u;

/**
 * A question asking which time something happened ("Ông Metzger đến Việt Nam lần thứ mấy?") is not
 * answered by quotes that number nothing: a count the articles do not give.
 */
export function ordinalMissing(question: string, quoted: SearchText): boolean {
  return askedNotGiven(question, TIME_ASKED, ORDINAL_GIVEN, quoted);
}

/** Whether the question asks what `asked` finds (marked, or folded when typed without marks) and the quotes (lower case) have nothing `given` finds. */
function askedNotGiven(question: string, asked: { marked: RegExp; folded: RegExp }, given: RegExp, quoted: SearchText): boolean {
  const q = nfc(question).toLowerCase();
  return (hasMarks(q) ? asked.marked.test(q) : asked.folded.test(fold(q))) && !given.test(quoted.lower);
}

/**
 * A sum of money in a text, folded: a number before a currency ("30 triệu đồng", "50.000đ"), a
 * number of millions or billions ("40 tỷ", "4 - 6 triệu"), or a currency sign or code anywhere.
 */
const MONEY_GIVEN =
  /\d\s*(?:d|vnd)(?![\p{L}\p{N}])|(?:\d|nghin|ngan|trieu|ty|ti|tram|muoi|chuc)\s*(?:dong|vnd|usd|do la|euro|eur|yen|nhan dan te|te|bang anh|won|baht|bat|ringgit|rupee|yuan|dollars?)(?![\p{L}\p{N}])|\d\s*(?:trieu|ty|ti)(?![\p{L}\p{N}])|[$€£¥]|(?<![\p{L}\p{N}])(?:usd|vnd|euro|dollars?)(?![\p{L}\p{N}])/u;
/** Units of time as written with marks. */
const VIETNAMESE_TIME = new Set(['giây', 'phút', 'giờ', 'tiếng', 'ngày', 'đêm', 'tuần', 'tháng', 'quý', 'năm']);
/** Words that may stand for a number before a unit ("vài tháng", "nửa năm", "một mét"), lower-cased with marks. */
const SOME = `\\d[\\d.,]*|${[...Object.keys(SPELLED_COUNTS), 'tư', 'mươi', 'trăm', 'nghìn', 'ngàn', 'vài', 'mấy', 'hàng', 'nhiều', 'nửa', 'chục', 'một', 'cả', 'suốt', 'a', 'an', 'several', 'few', 'many'].join('|')}`;

/**
 * Whether a text (lower-cased, with marks) gives a quantity in one of `units` (as written): a
 * number, in digits or words, up to one word before the unit ("80 triệu lít", "vài tháng",
 * "1,5m"), or the unit with an ordinal ("tuần thứ 36"); not inside a date ("tháng 8 năm 2023"
 * counts no years).
 */
function givesUnit(lower: string, dates: readonly FactSpan[], units: readonly string[]): boolean {
  for (const m of lower.matchAll(unitPattern(units))) if (!dates.some((d) => m.index < d.end && m.index + m[0].length > d.start)) return true;
  return false;
}

/** `givesUnit`'s pattern per list of units, compiled once: a pattern with Unicode classes takes a millisecond or more to compile. */
const unitPatterns = new Lru<string, RegExp>(64);

function unitPattern(units: readonly string[]): RegExp {
  const key = units.join('\n');
  let found = unitPatterns.get(key);
  if (!found) {
    const unit = `(?:${units.map(escapeRegExp).join('|')})`;
    found = new RegExp(
      `(?<![\\p{L}\\p{M}\\p{N}.,])(?:${SOME})(?:\\s+[\\p{L}\\p{M}\\p{N}]+\\s+|\\s*)${unit}[²³23]?(?![\\p{L}\\p{M}\\p{N}])|(?<![\\p{L}\\p{M}\\p{N}])${unit}\\s+thứ\\s+(?:\\d|${SOME})`,
      'gu',
    );
    unitPatterns.set(key, found);
  }
  return found;
}

/**
 * Attributes of a person or a body that an article states in few ways: a question asking one
 * ("Ông Metzger mang quốc tịch nước nào?", "Trụ sở của IEC đặt ở đâu?", "When was the IEC
 * founded?" through the glossary's "thành lập") of an article that writes none of its ways is
 * about what the article does not say. Each attribute as asked (read with its marks in a
 * question that has them: "loại trừ số một" is no "trụ sở"), and the words that state it, folded.
 * Not a founding ("ủy ban do Seaman thành lập" names it), a nationality ("người Anh", "Hàn Quốc")
 * nor a home town ("quê ở Đồng Nai"), which the news states in too many ways: XQuAD-vi and
 * ViNewsQA dev lost answers with them (a nationality is read near the person's name instead,
 * `nationalityMissing`).
 */
const ATTRIBUTES: ReadonlyArray<{ words: string[]; asked: MarkedPattern; stated: RegExp }> = [
  ['trụ sở', 'tru so|dat tai|dong tai|tong hanh dinh|headquarter(?:s|ed)?'],
  ['nhiệm kỳ', 'nhiem ky|nam nhiem|terms?'],
  ['tôn giáo', 'ton giao|theo dao|phat giao|cong giao|tin lanh|hoi giao'],
  // A venue finer than the city ("ở khách sạn nào", "Which venue …"), of an article that names only the city.
  [
    'khách sạn|tòa nhà|toà nhà|trung tâm hội nghị|hội trường|venue|hotel',
    'khach san|toa nha|trung tam hoi nghi|hoi truong|cung van hoa|nha hat|san van dong|tru so|dia diem|venue|hotel|building|centre|center|hall',
  ],
].map(([asked, stated]) => ({
  // Its words folded, looked for first: most questions ask none, and the pattern is slower.
  words: fold(asked as string).split('|'),
  // Asked, not where something happened ("tại trụ sở Bộ vào ngày nào?", "Trong nhiệm kỳ của
  // mình, …"), unless the question word follows it ("tại trụ sở cơ quan nào?").
  asked: markedPattern(
    `(?<!(?:tại|ở|trong|từ|đến|về|vào|sau|trước|suốt|cuối|đầu)\\s+)${WORD_START}(?:${asked})${WORD_END}|${WORD_START}(?:${asked})(?:\\s+(?!(?:vào|lúc|khi|ngày|năm|tháng|để|và)${WORD_END})[\\p{L}\\p{M}]+){0,3}?\\s+(?:nào|gì|đâu)${WORD_END}`,
    'iu',
  ),
  stated: new RegExp(`${WORD_START}(?:${stated})${WORD_END}`, 'u'),
}));

/**
 * State bodies a question may name that an article about them always names too, folded, with
 * their short forms: "Dự án Luật … dự kiến trình Quốc hội khi nào?" of an article that never
 * speaks of the National Assembly is about what the article does not say. On ViNewsQA dev,
 * dev-heldout and XQuAD-vi every question naming one of them has it in its article.
 */
const INSTITUTIONS: ReadonlyArray<{ named: RegExp; written: RegExp }> = [
  // Not the end of a country's name before "hội đàm", "hội nhập" ("Trung Quốc hội đàm").
  ['(?<!(?:trung|han|hop|chung|de|vuong|my|anh|phap|duc|bao|ai)\\s)quoc hoi', 'quoc hoi|national assembly|parliament'],
  ['chinh phu', 'chinh phu|government'],
  ['vien kiem sat', 'vien kiem sat|vks|vksnd'],
  ['mat tran to quoc', 'mat tran to quoc|mttq'],
  ['hoi dong nhan dan', 'hoi dong nhan dan|hdnd'],
  ['uy ban nhan dan', 'uy ban nhan dan|ubnd'],
].map(([named, written]) => ({
  named: new RegExp(`(?<![\\p{L}\\p{N}])${named}(?![\\p{L}\\p{N}])`, 'u'),
  written: new RegExp(`(?<![\\p{L}\\p{N}])(?:${written})(?![\\p{L}\\p{N}])`, 'u'),
}));

/** How many of the state bodies of `INSTITUTIONS` a question names (in `asked`: the question and its glossary terms) that the article never does. */
export function institutionsMissing(asked: string, article: SearchText): number {
  const folded = fold(nfc(asked).toLowerCase());
  return INSTITUTIONS.filter((i) => i.named.test(folded) && !i.written.test(article.folded)).length;
}

/** The attributes a question asks (`ATTRIBUTES`, read in `asked`: the question and its glossary terms) that the article states in none of their ways. */
export function attributesMissing(asked: string, article: SearchText): number {
  const q = nfc(asked).toLowerCase();
  const folded = fold(q);
  return ATTRIBUTES.filter(
    (a) => a.words.some((w) => folded.includes(w)) && a.asked.forText(q).test(hasMarks(q) ? q : folded) && !a.stated.test(article.folded),
  ).length;
}

/**
 * "… quốc tịch (nước) nào / gì?", "người nước nào", "nationality": a person's country asked, marked
 * or folded. Not "từ nước nào", which also asks where goods come from.
 */
const NATIONALITY_ASKED = {
  marked: /(?<![\p{L}\p{M}\p{N}])(?:quốc\s+tịch\s+(?:gì|nào|(?:của\s+)?(?:nước|quốc\s+gia)\s+nào)|người\s+nước\s+nào|nationality)(?![\p{L}\p{M}\p{N}])/iu,
  folded: /(?<![\p{L}\p{N}])(?:quoc\s+tich\s+(?:gi|nao|(?:cua\s+)?(?:nuoc|quoc\s+gia)\s+nao)|nguoi\s+nuoc\s+nao|nationality)(?![\p{L}\p{N}])/iu,
};
/** How many words from a person's name, within its clause, a country said of them is looked for ("tay vợt Malaysia Lee Chong Wei", "Hoesung Lee (Hàn Quốc)", "Tổng Thư ký IEC Philippe Metzger (Thụy Sĩ)"). */
const NATIONALITY_REACH = 5;

/**
 * Whether a question asks the country of someone the article names but gives none for: no
 * "quốc tịch" or "nationality", no "người" or "công dân" before a known place ("người Anh", "công
 * dân Thụy Sĩ"), and no known place within a few words of any mention of a name the question gives ("Ông Metzger mang quốc
 * tịch nước nào?" of an article where "Việt Nam" is what he speaks of, not where he is from).
 * False when the article names none of the question's names (other rules read those).
 */
export function nationalityMissing(question: string, names: Iterable<string>, article: SearchText): boolean {
  const q = nfc(question).toLowerCase();
  if (!(hasMarks(q) ? NATIONALITY_ASKED.marked.test(q) : NATIONALITY_ASKED.folded.test(fold(q)))) return false;
  const text = article.folded;
  if (/(?<![\p{L}\p{N}])(?:quoc tich|nationality|nationals?)(?![\p{L}\p{N}])/u.test(text)) return false;
  if ([...text.matchAll(/(?<![\p{L}\p{N}])(?:nguoi|cong dan|citizen)\s+([\p{L}]+(?:\s+[\p{L}]+)?)/gu)].some((m) => placeIn((m[1] as string).split(/\s+/u))))
    return false;
  let named = false;
  for (const name of names) {
    const f = fold(name);
    if (f.length < 3 || isStopword(name, true) || isKnownPlace(f) || HONORIFICS.has(f)) continue;
    for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(f)}(?![\\p{L}\\p{N}])`, 'gu'))) {
      named = true;
      // The clause around the name: not across a comma or a sentence's end ("Metzger, Tổng Thư ký IEC cho biết, Việt Nam …").
      const before =
        text
          .slice(Math.max(0, m.index - 80), m.index)
          .split(/[,.;:!?]/u)
          .pop() ?? '';
      const after = text.slice(m.index + f.length, m.index + f.length + 80).split(/[,.;:!?]/u)[0] ?? '';
      const words = [...(before.match(/\p{L}+/gu) ?? []).slice(-NATIONALITY_REACH), ...(after.match(/\p{L}+/gu) ?? []).slice(0, NATIONALITY_REACH)];
      if (placeIn(words)) return false;
    }
  }
  return named;
}

/** The head word of a body's name, folded ("Viện Đo lường …", "Sở Y tế …", "Bệnh viện Đa khoa …"). */
const BODY_HEAD = /^(?:bo|so|cuc|tong cuc|vien|uy ban|benh vien|hoc vien|dai hoc|truong|cong ty|tap doan|to chuc|hiep hoi|trung tam|ngan hang|dai su quan)$/u;
/** Words between a body's name and its place ("Sở Y tế tỉnh Quảng Nam", "Sở Y tế TP Hà Nội"), folded. */
const PLACE_LEAD = new Set(['tinh', 'thanh', 'pho', 'tp', 'thu', 'do', 'quan', 'huyen', 'nuoc', 'tai']);
/** How many words before a place a body's head noun is looked for ("Viện Đo lường Trung Quốc": three). */
const BODY_REACH = 6;

/** The known place (folded words) that begins at words[i], longest first, with the words it takes. */
function placeAt(words: readonly string[], i: number): { place: string; length: number } | undefined {
  for (let n = 3; n >= 1; n--) {
    if (i + n > words.length) continue;
    const place = words.slice(i, i + n).join(' ');
    if (isKnownPlace(place)) return { place, length: n };
  }
  return undefined;
}

/**
 * The bodies a Vietnamese question names with a place ("Viện Đo lường Trung Quốc", "Sở Y tế Hà
 * Nội") that the article writes with other places only ("Viện Đo lường Việt Nam"): the article
 * speaks of the other side's body, and a quote from it would give that one's acts as the asked
 * one's ("Ai ký biên bản thay mặt Viện Đo lường Trung Quốc?" answered "Viện Đo lường Việt Nam").
 * The body is the words from a capitalised head noun (`BODY_HEAD`, at least one word more) to
 * the place; the article's mentions of it count when a place follows, after "tỉnh", "TP" and the
 * like. Not when the article writes the body with that place, or without any place, anywhere.
 */
export function bodiesOfOtherPlaces(question: string, article: SearchText): string[] {
  const q = nfc(question);
  if (detectLang(q) === 'en') return [];
  const typed = [...q.matchAll(/[\p{L}\p{M}\p{N}&]+/gu)].map((m) => m[0]);
  const words = typed.map((w) => fold(w.toLowerCase()));
  const anyCapital = /\p{Lu}/u.test(q);
  // The article's words, spaced, made only when the question names a body with a place.
  let text: string | undefined;
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const asked = placeAt(words, i);
    if (!asked) continue;
    let end = i;
    while (end > 0 && PLACE_LEAD.has(words[end - 1] as string)) end--;
    let head = -1;
    for (let h = end - 2; h >= Math.max(0, end - BODY_REACH); h--) {
      const one = words[h] as string;
      const two = h + 1 < end ? `${one} ${words[h + 1]}` : '';
      if ((BODY_HEAD.test(two) || BODY_HEAD.test(one)) && (!anyCapital || /^\p{Lu}/u.test(typed[h] as string))) {
        head = h;
        break;
      }
    }
    if (head < 0) continue;
    const body = words.slice(head, end).join(' ');
    text ??= ` ${article.folded.replace(/[^\p{L}\p{N}&]+/gu, ' ')} `;
    const aliases = new Set(placeAliases(asked.place));
    let other = false;
    let elsewise = false;
    for (let at = text.indexOf(` ${body} `); at >= 0 && !elsewise; at = text.indexOf(` ${body} `, at + 1)) {
      const after = text.slice(at + body.length + 2, at + body.length + 80).split(' ');
      let k = 0;
      while (k < after.length && PLACE_LEAD.has(after[k] as string)) k++;
      const written = placeAt(after, k);
      if (written && !aliases.has(written.place)) other = true;
      else elsewise = true;
    }
    if (other && !elsewise) out.push(typed.slice(head, i + asked.length).join(' '));
  }
  return out;
}

/** A body asked by the place it is of, folded: "Cơ quan (đo lường) nào của Trung Quốc …"; the place's words follow. */
const BODY_OF_PLACE_AFTER =
  /(?<![\p{L}\p{N}])(?:co quan|to chuc|don vi|vien|cuc|tong cuc)(?:\s+\p{L}+){0,3}?\s+nao\s+(?:cua|thuoc|phia|ben)\s+(\p{L}+(?:\s+\p{L}+){0,2})/u;
/** "Thái Lan cử cơ quan (đo lường) nào …", folded: the place's words come before. */
const BODY_OF_PLACE_BEFORE = /(\p{L}+(?:\s+\p{L}+){0,2})\s+(?:da\s+)?cu\s+(?:co quan|to chuc|don vi|vien)(?:\s+\p{L}+){0,4}?\s+nao(?![\p{L}\p{N}])/u;
/** English: "Which Chinese agency …", "Which national metrology institute represented Thailand …", lower-case. */
const ENGLISH_BODY_ASKED =
  /(?<![\p{L}])(?:which|what)\s+((?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can)\s)[\p{L}'’]+\s+){0,3}?)(?:agency|agencies|institute|institutes|institution|body|bodies|organi[sz]ations?|ministry|authority|authorities)(?:\s+(?:of|from)\s+((?:[\p{L}]+\s*){1,2})|\s+(?:that\s+|which\s+)?(?:represented|representing)\s+((?:[\p{L}]+\s*){1,2}))?/u;

/** Words that put someone on a country's side, folded: "thay mặt", "đại diện (cho)", "phía", "bên", "đoàn". */
const SIDE_WORDS = 'thay mat|dai dien|phia|ben|doan';
/** Someone asked for, folded: "ai", "người nào", "cơ quan nào", "who", "which". */
const SOMEONE_ASKED = /(?<![\p{L}\p{N}])(?:ai|nguoi nao|co quan nao|to chuc nao|don vi nao|vien nao|who|whom|which)(?![\p{L}\p{N}])/u;
/** The side a question asks someone of, folded: "thay mặt (cho) X", "đại diện (cho) X", "(đại diện) phía X", "bên X". */
const SIDE_VI = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:${SIDE_WORDS})\\s+(?:cho\\s+)?)+(?:(?:nuoc|chinh phu|quoc gia)\\s+)?(\\p{L}+(?:\\s+\\p{L}+){0,2})`, 'gu');
/** English: "on behalf of X", "representing X", "for the X side", "X's side". */
const SIDE_EN =
  /(?<![\p{L}])(?:on\s+behalf\s+of|representing|represented)\s+(?:the\s+)?(\p{L}+(?:\s+\p{L}+)?)|(?<![\p{L}])(?:the\s+)?(\p{L}+)(?:['’]s)?\s+side(?![\p{L}])/gu;

/** The country (folded) whose side a question asks someone of ("Ai ký thay mặt Trung Quốc?", "Who signed for the Chinese side?"). */
function sideAsked(lower: string): string | undefined {
  const f = fold(lower);
  if (!SOMEONE_ASKED.test(f)) return undefined;
  for (const m of f.matchAll(SIDE_VI)) {
    const at = placeAt((m[1] as string).split(/\s+/u), 0);
    if (at) return at.place;
  }
  for (const m of f.matchAll(SIDE_EN)) {
    const place = placeOfWords(m[1] ?? m[2] ?? '');
    if (place) return place;
  }
  return undefined;
}

/** A body's head word as an article states one: not "tổ chức" (also the verb: "được tổ chức tại Bắc Kinh - Trung Quốc") nor "trưởng" (an office). */
const statedHead = (w: string) => BODY_HEAD.test(w) && w !== 'to chuc' && w !== 'truong';

/** The known place (folded) of some words, as themselves or through the glossary ("Chinese", "Thailand's"). */
function placeOfWords(words: string): string | undefined {
  const parts = fold(words.toLowerCase().replace(/['’]s\b/gu, ''))
    .split(/\s+/u)
    .filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const at = placeAt(parts, i);
    if (at) return at.place;
    for (const term of translateTerms(parts[i] as string)) {
      const place = fold(term.toLowerCase());
      if (isKnownPlace(place)) return place;
    }
  }
  return undefined;
}

/**
 * Whether a question asks which body of a place did something ("Cơ quan nào của Trung Quốc đăng
 * cai hội nghị?", "Thái Lan cử viện đo lường nào?", "Which Chinese agency hosted …?") of an article
 * that names no body of that place: none whose name ends with it ("Viện Đo lường Việt Nam"), and
 * none right after it. The article speaks of that place, and of another's body, so a quote would
 * answer with the wrong side's. Not for Việt Nam, whose bodies the news names without it.
 */
export function bodyOfPlaceMissing(question: string, article: SearchText, quoted?: SearchText): boolean {
  const q = nfc(question).toLowerCase();
  let place: string | undefined;
  const side = sideAsked(q);
  if (side !== undefined) {
    // A side asked by its country ("Ai ký biên bản thay mặt Trung Quốc?", "Who signed on behalf of
    // China?"): someone of that side answers. The article writing that side ("đại diện phía Trung
    // Quốc") is one; quotes that never name the country give someone of another side.
    if (side === 'viet nam') return false;
    const aliases = placeAliases(side);
    const spaced = ` ${article.folded.replace(/[^\p{L}\p{N}&]+/gu, ' ')} `;
    if (aliases.some((a) => new RegExp(` (?:${SIDE_WORDS}) (?:cho )?(?:nuoc |chinh phu |quoc gia )?${escapeRegExp(a)} `, 'u').test(spaced))) return false;
    if (quoted) {
      const said = ` ${quoted.folded.replace(/[^\p{L}\p{N}&]+/gu, ' ')} `;
      if (!aliases.some((a) => said.includes(` ${a} `))) return true;
    }
    place = side;
  } else if (detectLang(question) === 'en') {
    const m = ENGLISH_BODY_ASKED.exec(q);
    if (m) place = placeOfWords(`${m[1] ?? ''} ${m[2] ?? m[3] ?? ''}`);
  } else {
    const f = fold(q);
    const after = BODY_OF_PLACE_AFTER.exec(f)?.[1];
    const before = after === undefined ? BODY_OF_PLACE_BEFORE.exec(f)?.[1] : undefined;
    if (after !== undefined) place = placeAt(after.split(/\s+/u), 0)?.place;
    else if (before !== undefined) {
      // The place that ends the words before "cử".
      const words = before.split(/\s+/u);
      for (let i = 0; i < words.length && !place; i++) {
        const at = placeAt(words, i);
        if (at?.length === words.length - i) place = at.place;
      }
    }
  }
  // Vietnamese news writes Vietnam's own bodies without the country ("Bộ KH&CN"): not read for Việt Nam.
  if (place === undefined || place === 'viet nam') return false;
  const aliases = new Set(placeAliases(place));
  for (const clause of article.folded.split(/[,.;:!?()[\]"“”–—]+/u)) {
    const words = clause.split(/[\s-]+/u).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const at = placeAt(words, i);
      if (!at || !aliases.has(at.place)) continue;
      const near = [...words.slice(Math.max(0, i - 2 * BODY_REACH), i), ...words.slice(i + at.length, i + at.length + 3)];
      for (let k = 0; k < near.length; k++) if (statedHead(near[k] as string) || statedHead(`${near[k]} ${near[k + 1]}`)) return false;
    }
  }
  return true;
}

/** Words a question capitalises before a name that are no part of it, folded. */
const HONORIFICS = new Set(['ong', 'ba', 'anh', 'chi', 'co', 'chu', 'ngai', 'mr', 'mrs', 'ms', 'dr', 'thu', 'truong', 'tong', 'ky', 'giam', 'doc']);

/** Whether words (folded) hold a known place of one to three words. */
function placeIn(words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) for (let n = 1; n <= 3 && i + n <= words.length; n++) if (isKnownPlace(words.slice(i, i + n).join(' '))) return true;
  return false;
}

/**
 * Whether a question asks how much of a measure the article (lower-cased, with its marks) gives
 * nowhere: a sum of money and no amount in any currency; an age and no "tuổi", "sinh", "age" or
 * "old"; a share and no percentage, fraction or "nửa"; a mass, length or volume and no quantity in
 * its units; a length of time and no number of a unit near the one asked (within a step of
 * `TIME_RANK`; an age for years), no span of dates. Counts are `countsThing`'s.
 */
export function measureMissing(question: string, article: SearchText): boolean {
  const lower = nfc(question).toLowerCase();
  const q = fold(lower);
  if (!HOW_MUCH.test(q) && !WHAT_SUM.test(q.trim())) return false;
  const { lower: articleLower, folded: text } = article;
  // The article's dates, found once when needed: their numbers count no measure.
  let dates: FactSpan[] | undefined;
  const gives = (units: readonly string[]) => givesUnit(articleLower, (dates ??= dateSpans(articleLower)), units);
  const unit = unitAsked(question);
  const money = hasMarks(lower) ? MONEY_ASKED.test(lower) : MONEY_ASKED_FOLDED.test(q);
  const asked = measureAsked(question);
  // A share or a length of time asked of a sum ("What percentage of the budget …?", "How long will the funding last?") is that measure.
  if (money && (unit === undefined || MONEY_UNITS.has(fold(unit))) && asked !== 'percent' && asked !== 'time' && asked !== 'age')
    return !MONEY_GIVEN.test(text);
  switch (asked) {
    case 'age':
      return !/(?<![\p{L}\p{N}])(?:tuoi|sinh|age|aged|old)(?![\p{L}\p{N}])/u.test(text);
    case 'percent':
      // "bao nhiêu phần" may ask for a part in words ("khu vực rộng lớn"); a share is asked as one.
      if (!/(?<![\p{L}\p{N}])(?:phan tram|ty le|ti le|percent|percentage)(?![\p{L}\p{N}])|%/u.test(q)) return false;
      return !/%|\d\s*\/\s*\d|(?<![\p{L}\p{N}])(?:phan tram|percent|nua|half|quarter)(?![\p{L}\p{N}])/u.test(text) && !gives(['phần']);
    case 'mass':
    case 'length':
    case 'volume':
      return !gives([...MEASURE_OF.entries()].filter(([, m]) => m === asked).map(([u]) => u));
    case 'time': {
      // A unit misspelt ("đểm" for "điểm") reads as no unit of time.
      if (unit !== undefined && hasMarks(lower) && !VIETNAMESE_TIME.has(unit) && !TIME_UNITS.has(unit)) return false;
      const rank = timeRank(unit);
      const near = [...TIME_RANK.entries()].filter(([, r]) => rank === undefined || Math.abs(r - rank) <= 1).map(([u]) => u);
      const units = [
        ...[...VIETNAMESE_TIME, 'thập kỷ', 'thập niên'].filter((u) => near.includes(fold(u).replace(/^thap (?:ky|nien)$/u, 'decade'))),
        ...[...TIME_UNITS, 'decade', 'decades'].filter((u) => near.includes(timeUnit(u))),
        ...(unit !== undefined && fold(unit) === 'nam' ? ['tuổi'] : []),
      ];
      if (gives(units)) return false;
      // "Bao lâu" without a unit is also answered in words ("cho đến thế kỷ mười chín", "suốt đời").
      if (
        rank === undefined &&
        /(?<![\p{L}\p{M}])(?:thế kỷ|thế kỉ|suốt|cả đời|mãi|lâu năm|lâu dài|centur(?:y|ies)|forever|lifetime)(?![\p{L}\p{M}])/u.test(articleLower)
      )
        return false;
      // A span of dates answers how long when it is of the unit asked or longer ("từ 2023 đến 2028"
      // for months or years, "từ ngày 5/6 đến ngày 7/6/2024" for days): one date span, or two with
      // "đến" / "-" between them.
      const all = (dates ??= dateSpans(articleLower));
      const spans = all.flatMap((s, i) => {
        const next = all[i + 1];
        const joined = next && /^\s*(?:-|–|đến|tới|to|until)\s*(?:ngày|tháng|năm)?\s*$/u.test(articleLower.slice(s.end, next.start));
        const own = articleLower.slice(s.start, s.end);
        return [...(RANGE.test(own) ? [own] : []), ...(joined ? [articleLower.slice(s.start, next.end)] : [])];
      });
      return !spans.some((span) => rank === undefined || rank >= 5 || (rank >= 3 && /\/|ngày/u.test(span)));
    }
    default:
      return false;
  }
}

/** Words before "một" that make it the article "a" (folded): "là một", "như một", "trở thành một". */
const A_NOT_ONE = /(?<![\p{L}\p{N}])(?:la|nhu|thanh)\s+$/u;

/** Whether `text` (lower-cased) counts one of `things` (folded): a number, spelled or in digits, at most two words before it. */
export function countsThing(text: string, things: readonly string[]): boolean {
  if (!things.length) return true;
  const words = things.map(escapeRegExp).join('|');
  const folded = fold(text);
  // Folding keeps the length of NFC text: a spelled count found folded is read as written.
  const marked = folded.length === text.length && hasMarks(text);
  // Every count word is tried, so that one read and rejected ("Nam" of "Việt Nam có 5 chuyên gia")
  // does not hide the count after it.
  const thing = new RegExp(`^(?:\\s+[\\p{L}\\p{N}]+){0,2}?\\s+(?:${words})(?![\\p{L}\\p{N}])`, 'u');
  for (const m of folded.matchAll(COUNT_WORD)) {
    const count = m[0];
    if (marked && !/^\d/u.test(count) && !MARKED_COUNT_WORDS.has(text.slice(m.index, m.index + count.length).toLowerCase())) continue;
    // "là một đối tác quan trọng", "như một …": "một" is "a", no count.
    if (count === 'mot' && A_NOT_ONE.test(folded.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (thing.test(folded.slice(m.index + count.length, m.index + count.length + 80))) return true;
  }
  return false;
}

export function quantitySpans(text: string): FactSpan[] {
  const digits = /\d/u.test(text);
  if (!digits && !MAY_HAVE_NUMBER_WORD.test(text)) return [];
  const dates = digits ? dateSpans(text) : [];
  // "triệu người" of "300 triệu người" is the end of the number before it, not a count of its own.
  const words = allMatches(NUMBER_WORD, text).filter((w) => !/\d\s+$/u.test(text.slice(Math.max(0, w.start - 3), w.start)));
  const qty = [...(digits ? allMatches(QUANTITY, text) : []), ...words]
    .filter((q) => !dates.some((d) => q.start < d.end && q.end > d.start))
    // "lần thứ 4" is an ordinal, not a count.
    .filter((q) => !/(?:thứ|số)\s+$/u.test(text.slice(Math.max(0, q.start - 6), q.start)))
    .map((q) => {
      const m = /\s+([\p{L}\p{M}]+)$/u.exec(text.slice(q.start, q.end));
      return m && NOT_UNIT.has((m[1] as string).toLowerCase()) ? { start: q.start, end: q.end - m[0].length } : q;
    });
  return dedupe(qty.map((s) => trimSpan(text, s)));
}

/**
 * Count nouns of two or three syllables that news write after a number: a quantity's unit is one
 * word (`QUANTITY`), so "50 trường hợp" was shown as "50 trường" and "24 tình nguyện viên" as "24
 * tình". Only the short answer's text is lengthened (`wholeUnit`): which fact is the answer is
 * decided on the quantities as found, whose measure is read from their first unit word.
 */
const COMPOUND_UNITS = (
  'trường hợp|bệnh nhân|bệnh nhi|bệnh viện|người bệnh|người dân|người lớn|người trưởng thành|người cao tuổi|' +
  'tình nguyện viên|nhân viên|công nhân|cán bộ|đơn vị|câu hỏi|bài viết|bài báo|bài đăng|học sinh|' +
  'sinh viên|trẻ em|trẻ sơ sinh|thành viên|quốc gia|doanh nghiệp|dự án|lĩnh vực|tổ chức|' +
  'chuyên gia|nhà khoa học|bác sĩ|y tá|điều dưỡng|hộ gia đình|gia đình|hộ dân|lượt người|' +
  'lượt khách|du khách|khách hàng|cơ sở|sản phẩm|ca bệnh|ca mắc|ca nhiễm|ca tử vong|ca phẫu thuật|' +
  'độ C|độ F|đô la|tỉnh thành|địa phương|đại biểu|đối tác|hiệp định|văn bản|tiêu chuẩn|quy chuẩn|' +
  'giáo sư|tiến sĩ|thai phụ|sản phụ|phụ nữ|nam giới|nữ giới|hành khách'
)
  .split('|')
  .map((u) => u.split(' '));
const COMPOUND_FIRST = new Set(COMPOUND_UNITS.map((u) => u[0] as string));
/** Count nouns and units of one syllable that follow a scaled number ("53 triệu người"). */
const SCALED_UNITS = new Set(['người', 'đồng', 'lít', 'tấn', 'cây', 'liều', 'cái', 'con', 'ca', 'lượt', 'hộ', 'loài', 'ha', 'vé', 'xe', 'trẻ']);

/** A quantity's span with its unit whole: "50 trường hợp", "khoảng 53 triệu người", "63 tỷ USD". */
export function wholeUnit(text: string, s: FactSpan): FactSpan {
  const last = /([\p{L}\p{M}]+)$/u.exec(text.slice(s.start, s.end))?.[1];
  if (!last) return s;
  const lower = last.toLowerCase();
  // A scaled number (`MAGNITUDE`): "53 triệu", then what it counts.
  if (MAGNITUDE.has(fold(lower))) {
    const m = /^\s+([\p{L}\p{M}]+)/u.exec(text.slice(s.end, s.end + 40));
    const word = m?.[1] ?? '';
    const unit = word.toLowerCase();
    // What is counted after the scale: a currency or a name in capitals ("USD", "Bảng"), a unit or
    // a count noun of one syllable ("người", "đồng", "tấn"), or the first of a longer one.
    if (!m || !(/^\p{Lu}/u.test(word) || SCALED_UNITS.has(unit) || MEASURE_OF.has(unit) || isTimeUnit(unit) || COMPOUND_FIRST.has(unit))) return s;
    return wholeUnit(text, { start: s.start, end: s.end + m[0].length });
  }
  if (!COMPOUND_FIRST.has(lower)) return s;
  // The words right after the span, one after another; the longest compound they go on with.
  const following = [...text.slice(s.end, s.end + 40).matchAll(/\s+([\p{L}\p{M}]+)/guy)];
  let best = 0;
  for (const unit of COMPOUND_UNITS) {
    const rest = unit.slice(1);
    if (unit[0] !== lower || !rest.every((w, i) => following[i]?.[1] === w)) continue;
    const end = following[rest.length - 1] as RegExpMatchArray;
    best = Math.max(best, (end.index as number) + end[0].length);
  }
  return best ? { start: s.start, end: s.end + best } : s;
}

// --- names: runs of capitalised words ---------------------------------------------------------

const CAP_WORD = `\\p{Lu}[\\p{L}\\p{M}\\p{N}]*(?:[&'’-][\\p{L}\\p{M}\\p{N}]+)*`;
const CAP_RUNS = re(`${CAP_WORD}(?: ${CAP_WORD})*`);
const LETTER_BEFORE = /[\p{L}\p{M}\p{N}]$/u;

/** Runs of capitalised words ("Philippe Metzger", "Bộ KH&CN Lê Xuân Định"), whole words only. */
function capitalRuns(text: string): FactSpan[] {
  const out: FactSpan[] = [];
  CAP_RUNS.lastIndex = 0;
  for (const m of text.matchAll(CAP_RUNS)) {
    if (m.index > 0 && LETTER_BEFORE.test(text.slice(m.index - 1, m.index))) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Runs of capitalised words that do not start the sentence: names of any kind. */
/**
 * Names written without a title or a place word before them, that do not start the sentence,
 * less the capitalised words that are not names: an office whose last word is in lower case
 * ("Tổng Thư ký", "Phó Chủ tịch"), one Vietnamese syllable, which is a capitalised noun or a
 * pronoun ("Biên bản", "Hội nghị", "Đột quỵ", "Tôi": Vietnamese names have two syllables or more).
 */
function bareNames(text: string): FactSpan[] {
  return nameSpans(text).filter((s) => {
    const run = text.slice(s.start, s.end);
    // The thing's name read on past the run: "Quy" of "Quy chuẩn", "Luật Tiêu" of "Luật Tiêu chuẩn".
    return !officeFrom(text, s) && !(!/\s/u.test(run) && hasMarks(run)) && !THING_NAME.test(text.slice(s.start, s.start + 40));
  });
}

/** Names of laws, plans, events and documents, not of people: "Luật Tiêu chuẩn …", "Sáng kiến Vành đai …". */
const THING_NAME = re(
  `^(?:${[
    'luật',
    'bộ luật',
    'nghị định',
    'nghị quyết',
    'thông tư',
    'quyết định',
    'hiệp định',
    'chương trình',
    'dự án',
    'đề án',
    'sáng kiến',
    'hội nghị',
    'biên bản',
    'lễ',
    'giải',
    'tiêu chuẩn',
    'quy chuẩn',
    'chiến lược',
    'kế hoạch',
    'báo cáo',
  ].join('|')})${WORD_END}`,
  'iu',
);

/**
 * The names of places and organisations in `text`, with the claim check's name reader; function
 * words are judged folded here (the claim check judges them as written), as the answer's rules
 * were measured with.
 */
function placesAndOrganisations(text: string): FactSpan[] {
  const tokens = tokenize(text, false);
  return nameRuns(tokens, text)
    .filter((r) => r.kind === 'place' || r.kind === 'organisation')
    .map((r) => ({ start: (tokens[r.from] as Token).start, end: (tokens[r.to - 1] as Token).end }));
}

/** Whether a capitalised run and the lower-case word after it are an office: "Tổng Thư" + "ký". */
function officeFrom(text: string, run: FactSpan): boolean {
  const next = /^\s+(\p{Ll}[\p{L}\p{M}]*)/u.exec(text.slice(run.end));
  return isOffice(next ? `${text.slice(run.start, run.end)} ${next[1]}` : text.slice(run.start, run.end));
}

/**
 * A foreign name opening the sentence: two or more capitalised words of unmarked Latin letters
 * ("Peyton Manning trở thành …"), which no capital of a sentence's first word makes ("Hội nghị",
 * "Viện Đo lường", "Theo WHO").
 */
const FOREIGN_NAME = /^[A-Z][a-z]+(?:[-'’][A-Za-z]+)*(?: [A-Z][a-z]+(?:[-'’][A-Za-z]+)*)+$/u;

function nameSpans(text: string): FactSpan[] {
  return capitalRuns(text).flatMap((s) => {
    if (s.start > 0 && !/^[\s"“(]*$/u.test(text.slice(0, s.start))) return [s];
    // A word such as "Theo" or "Sau" opening the sentence is none of the name.
    const first = /^(\S+)\s+/u.exec(text.slice(s.start, s.end));
    const from = first && isStopword((first[1] as string).toLowerCase(), false) ? s.start + first[0].length : s.start;
    return FOREIGN_NAME.test(text.slice(from, s.end)) ? [{ start: from, end: s.end }] : [];
  });
}

const TITLES = [
  'ông',
  'bà',
  'anh',
  'chị',
  'cô',
  'chú',
  'bé',
  'cháu',
  'cụ',
  'em',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Prof',
  'GS',
  'PGS',
  'TS',
  'ThS',
  'BS',
  'BSCKII',
  'BSCKI',
  'KS',
  'NGƯT',
  'NGND',
  'PGS.TS',
  'GS.TS',
  'bác sĩ',
  'Bác sĩ',
  'Thứ trưởng',
  'Bộ trưởng',
  'Chủ tịch',
  'Phó Chủ tịch',
  'Giám đốc',
  'Phó Giám đốc',
  'Tổng Giám đốc',
  'Tổng Thư ký',
  'Tổng thư ký',
  'Thủ tướng',
  'Phó Thủ tướng',
  'Tổng thống',
  'Chủ nhiệm',
  'Viện trưởng',
  'Phó Viện trưởng',
  'Cục trưởng',
  'Vụ trưởng',
  'Trưởng khoa',
  'Phó khoa',
  'Trưởng ban',
  'Hiệu trưởng',
  'Đại sứ',
  'Giáo sư',
  'Tiến sĩ',
  'Thạc sĩ',
  'nhà khoa học',
  'chuyên gia',
  'Thống đốc',
  'Thị trưởng',
  'Thượng nghị sĩ',
  'Đại tướng',
  'Thượng tướng',
  'Trung tướng',
  'Thiếu tướng',
  'Đại tá',
  'Thượng tá',
  'Trung tá',
  'Thiếu tá',
  'Ngài',
  'ngài',
  'Sir',
  'Lord',
  'Mayor',
  'Governor',
  'Senator',
  'Secretary-General',
  'Minister',
  'Deputy Minister',
  'President',
  'Director',
];
const TITLE = `(?:${TITLES.map((t) => escapeRegExp(t).replace(/ /g, '\\s+')).join('|')})\\.?`;
// A title right before a name, possibly with the organisation between: "Thứ trưởng Bộ KH&CN".
const TITLE_BEFORE = re(`(?:^|[^\\p{L}\\p{M}])(${TITLE})\\s+$`, 'u');
const SURNAMES =
  'Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Đào|Trương|Mai|Lâm|Trịnh|Đoàn|Cao|Lưu|Tạ|Tô|Lương|Chu|Kiều|Quách|Phùng|Triệu|Thân|Tống|Hứa|Khúc|Mạc|Lại|Vương';
const SURNAME_START = re(`^(?:${SURNAMES}) \\p{Lu}`, 'u');
// The name must have a word written like a name ("Metzger", not an acronym such as "IEC").
const NAME_LIKE = /(?<![\p{L}\p{M}])\p{Lu}\p{Ll}/u;

/** A name opening a sentence with its honorific: "Ông Philippe Metzger, Tổng Thư ký IEC cho biết". */
const HONORIFIC_START = /^(?:Ông|Bà)\s+\p{Lu}\p{Ll}/u;

/** Words of offices and bodies written with their first syllable alone in capitals, folded. */
const BODY_WORDS = new Set(
  [
    'điều hành',
    'cộng hòa',
    'cộng hoà',
    'chính phủ',
    'nhân dân',
    'thường trực',
    'thường vụ',
    'công thương',
    'trung ương',
    'đại học',
    'liên minh',
    'liên hợp',
    'hội đồng',
    'ủy ban',
    'uỷ ban',
    'tổng cục',
    'quốc hội',
    'quốc gia',
    'quốc tế',
    'bệnh viện',
    'hội nghị',
  ].map(fold),
);

export function personSpans(text: string): FactSpan[] {
  const out: FactSpan[] = [];
  for (const found of capitalRuns(text)) {
    const run = wholeName(text, found);
    const runText = text.slice(run.start, run.end);
    if (!NAME_LIKE.test(runText) || notPersonAt(text, run)) continue;
    // One capitalised syllable that a word in lower case makes into a word of an office or a body
    // ("Phó Chủ tịch Điều hành", "Tổng thống Cộng hòa", "Bộ trưởng Chính phủ") is not a name; a given
    // name alone is ("Bác sĩ Hưng cho biết").
    if (
      !/\s/u.test(runText) &&
      BODY_WORDS.has(fold(`${runText} ${/^\s+(\p{Ll}[\p{L}\p{M}]*)/u.exec(text.slice(run.end, run.end + 12))?.[1] ?? ''}`.toLowerCase()))
    )
      continue;
    const before = TITLE_BEFORE.exec(text.slice(Math.max(0, run.start - 30), run.start));
    if (before?.[1]) {
      // "Thứ trưởng Bộ KH&CN Lê Xuân Định": a title, an organisation run, then the name run.
      const titleStart = run.start - (before[0].length - before[0].indexOf(before[1]));
      out.push({ start: titleStart, end: run.end });
    } else if ((SURNAME_START.test(runText) && run.start > 0) || HONORIFIC_START.test(runText)) out.push(run);
  }
  // A capitalised title word starts its own run ("Thứ trưởng Lê Xuân Định" → "Thứ", "Lê Xuân Định"):
  // spans that end where another starts are one person.
  return dedupe(out);
}

/**
 * Words that make a capitalised run the name of an event, a trophy, a contest or a team's league,
 * not of someone: "Super Bowl XXXIII", "Pro Bowl", "AFC Championship Game", "World Cup", "Giải
 * Bóng đá", "Đại hội Thể thao", "Liên hoan Phim". English ones anywhere in the run; Vietnamese
 * ones open it.
 */
const EVENT_WORD = re(
  `${WORD_START}(?:Bowls?|Cups?|Championships?|Games|Game|Olympics?|League|Tournament|Trophy|Awards?|Prize|Festival|Expo|Summit|Conference|Series|Grand\\s+Prix)${WORD_END}`,
  'u',
);
const EVENT_HEAD = re(
  `^(?:${['giải', 'cúp', 'đại hội', 'hội nghị', 'hội thảo', 'hội chợ', 'lễ', 'liên hoan', 'triển lãm', 'thế vận hội', 'chiến dịch', 'chiến tranh', 'trận', 'vòng'].join('|')})${WORD_END}`,
  'iu',
);
/** Words that open the name of a place, a building or a work, not of someone: "Fort Caroline", "Mount Everest", "The Tomorrow People". */
const THING_HEAD = re(`^(?:Fort|Mount|Mt|Lake|Cape|Port|Camp|The)${WORD_END}`, 'u');
/** A Roman numeral ending a run: a king's ("Louis XIV", "Philip II") up to XXIII, an event's or a series' beyond it ("Super Bowl XXXIII"). */
const ROMAN_END = /\s([IVXLC]+)$/u;
const ROMAN_VALUE: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };

function romanValue(numeral: string): number {
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const v = ROMAN_VALUE[numeral[i] as string] as number;
    const next = ROMAN_VALUE[numeral[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** Whether a capitalised run names an event, a trophy, a place or a work rather than a person, by its own words. */
function namesNoPerson(run: string): boolean {
  if (EVENT_WORD.test(run) || EVENT_HEAD.test(run) || THING_HEAD.test(run)) return true;
  const roman = ROMAN_END.exec(run)?.[1];
  return roman !== undefined && romanValue(roman) > 23;
}

/**
 * A short stretch in quotation marks that opens with a capital: the title of a work ("Ein neues Lied
 * wir heben an", “Cái mặt nạ của Tình trạng vô chính phủ”), not a person. Eight words at most:
 * a longer one is what someone said, which may name people.
 */
const QUOTED_TITLE = /(?:^|(?<=[\s(:,]))(?:"\s*\p{Lu}[^"\n]{0,80}"|“\s*\p{Lu}[^”\n]{0,80}”|«\s*\p{Lu}[^»\n]{0,80}»)/gu;
const TITLE_WORDS = 8;
/** A people, a nation, a team or a band, not someone: "người Norman", "dân tộc Thái", "đội Broncos". */
const PEOPLE_BEFORE = re(`${WORD_START}(?:người|dân\\s+tộc|tộc|nhóm|đội|câu\\s+lạc\\s+bộ|CLB|ban\\s+nhạc)\\s+$`, 'iu');

/** An event's head written with its second syllable in lower case, right before a run: "Liên hoan |Phim Châu Á", "Đại hội |Thể thao". */
const EVENT_HEAD_BEFORE = re(
  `${WORD_START}(?:${['Đại hội', 'Hội nghị', 'Hội thảo', 'Hội chợ', 'Liên hoan', 'Triển lãm', 'Thế vận hội', 'Chiến dịch', 'Chiến tranh'].join('|')})\\s+$`,
  'u',
);

/** Whether the run at `s` in `text` is, by its words, the quotation marks round it or the word before it, no person's name. */
function notPersonAt(text: string, s: FactSpan): boolean {
  if (namesNoPerson(text.slice(s.start, s.end))) return true;
  const before = text.slice(Math.max(0, s.start - 20), s.start);
  if (PEOPLE_BEFORE.test(before) || EVENT_HEAD_BEFORE.test(before)) return true;
  if (!/["“«]/u.test(text)) return false;
  for (const m of text.matchAll(QUOTED_TITLE)) {
    if (m.index > s.start) break;
    if (m.index + m[0].length >= s.end && m[0].split(/\s+/u).length <= TITLE_WORDS) return true;
  }
  return false;
}

/** Particles inside a foreign name, before its next capitalised word: "Louis-Joseph de Montcalm", "Muhammad ibn Zakarīya", "Ludwig van Beethoven". */
const NAME_PARTICLES = 'de|du|des|da|di|van|von|der|den|del|della|dos|das|bin|ibn|al|el|la|le|ter|ten';
const NAME_GOES_ON = re(`^(?:\\s+(?:${NAME_PARTICLES}))+\\s+${CAP_WORD}(?: ${CAP_WORD})*`, 'u');
/** An initial and the rest of the name after it: "Michael E|. Mann". */
const AFTER_INITIAL = re(`^\\.\\s+${CAP_WORD}(?: ${CAP_WORD})*`, 'u');
/** Initials before a name, with a given name before them: "M. |Theo Kearney", "Paul T. |Stallsworth". */
const INITIALS_BEFORE = /(?<![\p{L}\p{M}\p{N}])(?:\p{Lu}\p{Ll}+\s+)?(?:\p{Lu}\.\s?)+\s*$/u;

/** A run of capitalised words read on to the whole foreign name: across particles and initials. */
function wholeName(text: string, s: FactSpan): FactSpan {
  let { start, end } = s;
  for (let step = 0; step < 4; step++) {
    const rest = text.slice(end, end + 80);
    const m = NAME_GOES_ON.exec(rest) ?? (/(?<![\p{L}\p{M}])\p{Lu}$/u.test(text.slice(start, end)) ? AFTER_INITIAL.exec(rest) : null);
    if (!m) break;
    end += m[0].length;
  }
  const initials = INITIALS_BEFORE.exec(text.slice(Math.max(0, start - 30), start));
  if (initials) start -= initials[0].length;
  return start === s.start && end === s.end ? s : { start, end };
}

/** A word of the body an office belongs to: capitalised, an acronym, "&" or a joining "và". */
const BODY_WORD = /^(?:\p{Lu}[\p{L}\p{M}&.-]*|&|và|and|of)$/u;

/**
 * Offices with the body they belong to: "Tổng Thư ký IEC", "Thứ trưởng Bộ KH&CN" (not the name
 * after it: a Vietnamese surname starts the person), "Phó Chủ tịch".
 */
/** Whether what follows `at` is the end of a clause, a capitalised word, or "và" and one. */
function bodyGoesOn(text: string, at: number): boolean {
  return /^(?:\s*(?:[,.;:!?()]|$)|\s+(?:(?:và|and)\s+)?\p{Lu})/u.test(text.slice(at, at + 40));
}

export function officeSpans(text: string): FactSpan[] {
  const out: FactSpan[] = [];
  for (const o of officesAt(text)) {
    const end = o.end;
    // The body's words, one after another from the office on.
    const next = /\s+([^\s,.;:!?()]+)/y;
    next.lastIndex = end;
    let at = end;
    let previous = '';
    for (let w = next.exec(text); w && at - end < 120; w = next.exec(text)) {
      const word = w[1] as string;
      if (SURNAME_START.test(`${word} X`)) break;
      // A word's second syllable in lower case ("Sở Y tế", "Tỉnh ủy"), when the body goes on or
      // ends right after it ("Bộ Công Thương cho biết" ends at "Thương").
      const syllable = /^\p{Ll}/u.test(word) && !/^(?:và|and|of)$/u.test(word) && /^\p{Lu}(?:\p{Ll}|$)/u.test(previous) && bodyGoesOn(text, next.lastIndex);
      if (!BODY_WORD.test(word) && !syllable) break;
      at = next.lastIndex;
      previous = word;
    }
    // A joining word is not the end of a body ("Bộ Công Thương và").
    const body = text.slice(end, at).replace(/\s+(?:và|and|of)$/u, '');
    out.push({ start: o.start, end: end + body.length });
  }
  return out;
}

const PLACE_NOUNS = 'thành phố|TP\\.?|tỉnh|huyện|quận|xã|phường|thị xã|thủ đô|nước|quốc gia|vùng|khu vực|bang|đảo|bệnh viện|trường';
/**
 * "của" right before a name, after a common noun: its owner or its doer, not a place ("quyết tâm
 * của Việt Nam"). After a name it says where one is from ("Friedrich Ratzel của Đức"), and after
 * a word for a place it is the place ("thủ đô của Lào", "the city of Geneva").
 */
const OF_BEFORE = /(?:^|[^\p{L}\p{M}])(?!(?:phố|đô|city|capital|town|tỉnh|province|nước|country)\s)\p{Ll}[\p{L}\p{M}]*\s+(?:của|cua|of)\s+$/u;
const PLACE_BEFORE = re(`(?:^|[^\\p{L}\\p{M}])(?:tại|ở|đến|từ|về|sang|in|at)\\s+((?:${PLACE_NOUNS})\\s+)?$`, 'iu');
const PLACE_NOUN_BEFORE = re(`(?:^|[^\\p{L}\\p{M}])((?:thành phố|tỉnh|huyện|quận|thủ đô|thị xã)\\s+)$`, 'iu');

/** A place read as one capitalised syllable with tone marks and nothing else ("Hội" of "tại Hội nghị Quốc tế"): a noun, not a name. */
const ONE_MARKED_SYLLABLE = /^(?:(?:tại|ở|đến|từ|về|sang|in|at)\s+)?(?=[^\s]*[^\p{ASCII}])[\p{L}\p{M}]+$/u;

/** The place after "tại", "ở", "đến", "in" or after "thành phố", "tỉnh": "thành phố Bắc Kinh - Trung Quốc". */
export function placeSpans(text: string): FactSpan[] {
  const runs = capitalRuns(text);
  const out: FactSpan[] = [];
  runs.forEach((run, i) => {
    const window = text.slice(Math.max(0, run.start - 30), run.start);
    const m = PLACE_BEFORE.exec(window) ?? PLACE_NOUN_BEFORE.exec(window);
    if (!m) return;
    const start = run.start - (m[1]?.length ?? 0);
    let end = run.end;
    // "Bắc Kinh - Trung Quốc", "Hà Nội, Việt Nam": the next run belongs to the same place. After
    // a comma, not a body, an office or a person that opens the next clause ("ở Đà Nẵng, Trung
    // tâm Thử nghiệm Quốc gia đã ký …", "ở Hà Nội, Bộ trưởng …").
    const next = runs[i + 1];
    const gap = next ? text.slice(run.end, next.start) : '';
    if (next && (/^\s*[-–]\s*$/u.test(gap) || (/^\s*,\s*$/u.test(gap) && placeAfterComma(text, next)))) end = next.end;
    out.push({ start, end });
  });
  return dedupe(out);
}

/** What opens a clause rather than going on with a place: a body, an office, a person. */
const NOT_PLACE_HEAD = re(
  `^(?:Bộ|Sở|Ban|Cục|Viện|Trung\\s+tâm|Trường|Đại\\s+học|Học\\s+viện|Bệnh\\s+viện|Công\\s+ty|Tập\\s+đoàn|Hội|Ủy\\s+ban|Uỷ\\s+ban|Tổ\\s+chức|Ông|Bà|${TITLE})(?![\\p{L}\\p{M}])`,
  'u',
);

/** Whether a capitalised run after a place and a comma is more of that place ("Việt Nam", "Quảng Nam"). */
function placeAfterComma(text: string, run: { start: number; end: number }): boolean {
  const name = text.slice(run.start, run.end);
  if (isKnownPlace(fold(name).toLowerCase().replace(/\s+/gu, ' '))) return true;
  const ahead = text.slice(run.start, run.start + 40);
  return name.split(/\s+/u).length <= 3 && !NOT_PLACE_HEAD.test(ahead) && !SURNAME_START.test(ahead);
}

const CONNECTOR = /^(?:và|về|&|-|–|of|and|for|the)$/iu;
const isCap = (w: string) => /^\p{Lu}/u.test(w);
const CAPITAL = /\p{Lu}/uy;
/** Whether `text` has a capital letter at `i`. */
function isCapAt(text: string, i: number): boolean {
  CAPITAL.lastIndex = i;
  return CAPITAL.test(text);
}

/**
 * Where a name that ends at the end of `before` starts: capitalised words, a lower-case
 * word right after a capitalised one ("Ủy ban", "Khoa học"), connectors between them
 * ("Khoa học và Công nghệ"); -1 when the text does not end in a name.
 */
function nameStartBefore(before: string): number {
  // Fourteen words at most, and the two before the last one read.
  const words = lastWords(before, 16);
  let first = -1;
  for (let i = words.length - 1, n = 0; i >= 0 && n < 14; i--, n++) {
    const w = (words[i] as Word).word;
    if (/[,.;:!?)]$/u.test(w) && i !== words.length - 1) break;
    if (isCap(w)) {
      first = i;
      continue;
    }
    const left = words[i - 1]?.word ?? '';
    const ok = isCap(left) || (CONNECTOR.test(w) && first >= 0 && left !== '' && (isCap(left) || isCap(words[i - 2]?.word ?? '')));
    if (!ok) break;
  }
  return first < 0 ? -1 : (words[first] as Word).index;
}

interface Word {
  word: string;
  index: number;
}

/**
 * The last `n` words of `text` (runs of characters other than white space), in order, with their
 * offsets: read from the end, so that a name before a bracket is found without splitting the
 * whole paragraph before it into words at each bracket.
 */
function lastWords(text: string, n: number): Word[] {
  const out: Word[] = [];
  const space = (i: number) => /\s/u.test(text.charAt(i));
  let end = text.length;
  while (out.length < n) {
    while (end > 0 && space(end - 1)) end--;
    if (end === 0) break;
    let start = end;
    while (start > 0 && !space(start - 1)) start--;
    out.push({ word: text.slice(start, end), index: start });
    end = start;
  }
  return out.reverse();
}

/** Words an expansion in lower case takes at most beyond the acronym's letters. */
const EXPANSION_EXTRA_WORDS = 3;

/**
 * Where an expansion written in lower case starts, before "(ACR)": the farthest word, within the
 * acronym's length and three words more and inside the clause, whose initial and the next word's
 * are the acronym's first two letters ("… xây dựng quy chuẩn kỹ thuật quốc gia (QCVN)" →
 * "quy chuẩn kỹ thuật quốc gia"); -1 when none is.
 */
function initialsStartBefore(before: string, acronym: string): number {
  const letters = fold(acronym)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (letters.length < 2) return -1;
  const words = lastWords(before, letters.length + EXPANSION_EXTRA_WORDS);
  const initial = (i: number) => fold((words[i]?.word ?? '').charAt(0)).toLowerCase();
  let start = -1;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = (words[i] as Word).word;
    if (/[,.;:!?()]/u.test(w) || isCap(w)) break;
    if (i < words.length - 1 && initial(i) === letters[0] && initial(i + 1) === letters[1]) start = i;
  }
  return start < 0 ? -1 : (words[start] as Word).index;
}

/**
 * Vietnamese function words that follow a name and are no part of it ("Lê Xuân Định cho biết",
 * "Viện … đã ký"): not English ones, which are Vietnamese syllables too ("Bộ Công an").
 */
const AFTER_NAME = new Set(
  'cho là đã cũng có được sẽ đang vẫn vừa mới nói khi tại ở với trong về từ của thì mà đến tới theo này đó bị do vì nên nhưng hay hoặc các những một như'.split(
    ' ',
  ),
);

/** A word in capitals: an acronym ("KH&CN", "THPT"). */
const ACRONYM_WORD = /^\p{Lu}[\p{Lu}\p{N}&]+$/u;

/** Where a name that starts at `from` ends: capitalised words, one lower-case word after each, connectors. */
function nameEndAfter(text: string, from: number): number {
  const words = [...text.slice(from, from + 200).matchAll(/[^\s]+/gu)];
  let end = from;
  let prevCap = false;
  let afterAcronym = false;
  for (let i = 0; i < words.length && i < 14; i++) {
    const raw = (words[i] as RegExpMatchArray)[0];
    if (raw.startsWith('(')) {
      // An acronym in brackets closes the name with its bracket ("Hợp tác Lancang-Mekong (LMC)"); any other bracket is not part of it.
      const close = raw.indexOf(')');
      if (end > from && close > 1 && isCap(raw.slice(1))) end = from + ((words[i] as RegExpMatchArray).index as number) + close + 1;
      break;
    }
    const w = raw.replace(/[,.;:!?)]+$/u, '');
    const cap = isCap(w);
    const next = words[i + 1]?.[0] ?? '';
    // One word in lower case after a capitalised one belongs to a name ("Viện Đo lường"), not
    // a function word after it ("Lê Xuân Định cho biết").
    // After an acronym, only when a capital follows it ("Trường THPT chuyên Lê Hồng Phong", "Sở
    // GD&ĐT tỉnh Nghệ An"; not "Bộ KH&CN làm việc", "IEC tạo điều kiện").
    const joins = prevCap && !CONNECTOR.test(w) && !AFTER_NAME.has(w.toLowerCase()) && (!afterAcronym || isCap(next));
    if (!(cap || joins || (CONNECTOR.test(w) && isCap(next)))) break;
    end = from + ((words[i] as RegExpMatchArray).index as number) + w.length;
    prevCap = cap;
    afterAcronym = cap && ACRONYM_WORD.test(w);
    if (w !== raw) break;
  }
  return end;
}

// --- lists ------------------------------------------------------------------------------------

const LIST_SEPARATOR = /^(?:\s*,\s*|\s*,?\s+(?:và|hoặc|cùng|and|or)\s+)$/u;

/** Enumerations of names: "Campuchia, Trung Quốc, Lào, Myanmar và Thái Lan"; "Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông". */
export function capitalisedListSpans(text: string): FactSpan[] {
  if (!/,|\s(?:và|hoặc|and|or)\s/u.test(text)) return [];
  const runs = capitalRuns(text).map((r) => {
    // The sentence's first word is capitalised anyway: "Được Bộ KH&CN, …" lists "Bộ KH&CN".
    const space = text.indexOf(' ', r.start);
    return r.start === 0 && space > 0 && space < r.end ? { start: space + 1, end: r.end } : r;
  });
  const out: FactSpan[] = [];
  let i = 0;
  while (i < runs.length) {
    let j = i;
    let commas = 0;
    let joined = false;
    while (j + 1 < runs.length) {
      const gap = text.slice((runs[j] as FactSpan).end, (runs[j + 1] as FactSpan).start);
      if (!LIST_SEPARATOR.test(gap)) break;
      if (gap.includes(',')) commas++;
      if (/\s(?:và|hoặc|cùng|and|or)\s/u.test(gap)) joined = true;
      j++;
    }
    const first = runs[i] as FactSpan;
    const last = runs[j] as FactSpan;
    if (j > i && (commas > 0 || joined) && first.start > 0) {
      // The last item runs on to the end of its name when a connector joins another capitalised
      // word to it ("Bộ Thông tin và Truyền thông"), not over the verb after it ("Thái Lan tham gia").
      const longer = nameEndAfter(text, last.start);
      const end = longer > last.end && /\s(?:và|về|&|-)\s+\p{Lu}/u.test(text.slice(last.end, longer)) ? longer : last.end;
      out.push({ start: first.start, end });
    }
    i = j + 1;
  }
  return out;
}

const INTRO = new RegExp(`${WORD_START}(?:như|gồm|là|bao gồm|including|such as)${WORD_END}\\s+`, 'giu');

/**
 * Enumerations of any words: three or more comma-separated items of up to six words (words in
 * brackets not counted), two joined by "và"/"hoặc" after a comma ("xe điện, hiệu suất năng lượng,
 * hạ tầng điện"), or two after "như" / "gồm" left open by an ellipsis, after the noun `head` (the
 * question's: "lĩnh vực"). The first item is the last four words (outside brackets) of its
 * clause; a bracket opened in the first item and closed in the last is the list.
 */
export function listSpans(text: string, head?: string): FactSpan[] {
  if (!text.includes(',')) return [];
  const parts: FactSpan[] = [];
  let at = 0;
  for (const m of text.matchAll(/\s*[,;:]\s*|[.!?]+(?:\s|$)/gu)) {
    parts.push({ start: at, end: m.index });
    at = m.index + m[0].length;
  }
  parts.push({ start: at, end: text.length });
  const words = (s: FactSpan, from: number) => {
    // "năng lượng tái tạo (năng lượng gió" is an item of four words whose bracket goes on past the
    // comma, and "mặt trời...)" ends a bracket an earlier item of the list opened.
    const before = text.slice(from, s.start);
    const open = (before.match(/\(/gu)?.length ?? 0) > (before.match(/\)/gu)?.length ?? 0);
    return text
      .slice(s.start, s.end)
      .replace(open ? /^[^()]*\)|\([^()]*(?:\)|$)/gu : /\([^()]*(?:\)|$)/gu, ' ')
      .split(/\s+/u)
      .filter(Boolean).length;
  };
  // A part joining two items ("chương trình đào tạo và trao đổi thông tin") counts as long as the
  // longer of them (ViNewsQA dev: 37 more short answers, false refusals 2.3 → 2.1%; allowing the
  // item after "và" two words more found lists in the seed articles whose first item is cut
  // mid-word, short-answer F1 there 80.6 → 79.4, and refused fewer near misses).
  const itemWords = (s: FactSpan, from: number) => {
    const joint = /\s(?:và|hoặc|and|or)\s/u.exec(text.slice(s.start, s.end));
    if (!joint) return words(s, from);
    const cut = s.start + joint.index;
    return Math.max(words({ start: s.start, end: cut }, from), words({ start: cut + joint[0].length, end: s.end }, from));
  };
  const out: FactSpan[] = [];
  let i = 0;
  while (i < parts.length) {
    let j = i;
    while (
      j + 1 < parts.length &&
      itemWords(parts[j + 1] as FactSpan, (parts[i] as FactSpan).start) <= 6 &&
      text[(parts[j] as FactSpan).end] !== undefined &&
      /^\s*,/u.test(text.slice((parts[j] as FactSpan).end))
    )
      j++;
    const count = j - i + 1;
    const last = parts[j] as FactSpan;
    const joined = /\s(?:và|hoặc|and|or)\s/u.test(text.slice(last.start, last.end));
    // The first item is the end of its clause: its last four words at most, after "như", "gồm", "là".
    const first = parts[i] as FactSpan;
    const firstText = text.slice(first.start, first.end);
    const intro = [...firstText.matchAll(INTRO)].pop();
    // Two items after "như" or "gồm" and before an ellipsis are an open list of what the question
    // asks for when its noun comes before them ("các lĩnh vực công nghệ mới nổi như trí tuệ nhân
    // tạo, phương tiện giao thông điện..." for "những lĩnh vực nào").
    const open =
      count === 2 &&
      head !== undefined &&
      intro !== undefined &&
      !/^là\s/iu.test(intro[0]) &&
      /^(?:\.\.\.|…)/u.test(text.slice(last.end)) &&
      hasWordIn(fold(firstText.slice(0, intro.index)), fold(head));
    if (count >= 3 || (count === 2 && joined) || open) {
      let start = intro ? first.start + (intro.index as number) + intro[0].length : first.start;
      let end = last.end;
      const bracket = text.lastIndexOf('(', first.end - 1);
      const close = bracket >= start ? text.indexOf(')', bracket) : -1;
      if (bracket >= start && close > first.end && close >= last.start && close <= last.end) {
        // A bracket opened in the first item and closed in the last holds the list: "bốn loại
        // kem chống nắng khác nhau (dạng kem lỏng, dạng kem đặc và hai loại xịt)".
        start = bracket + 1;
        end = close;
      } else {
        // Its last four words outside brackets: "phthalates (hay dùng cho nước hoa)" is one word and its gloss.
        const ws = [
          ...text
            .slice(start, first.end)
            .replace(/\([^()]*(?:\)|$)/gu, (m) => '_'.repeat(m.length))
            .matchAll(/[^\s_]+/gu),
        ];
        if (ws.length > 4) start += (ws[ws.length - 4] as RegExpMatchArray).index as number;
      }
      out.push(trimSpan(text, { start, end }));
    }
    i = j + 1;
  }
  return out.filter((s) => s.end > s.start);
}

/** "X gồm những gì", "X bao gồm gì", "X gồm những lĩnh vực nào": the words before "gồm" (group 1), as typed. */
const COMPRISES_ASKED = {
  marked: new RegExp(`^(.*?)\\s+(?:bao\\s+)?gồm${WORD_END}`, 'u'),
  folded: new RegExp(`^(.*?)\\s+(?:bao\\s+)?gom${WORD_END}`, 'u'),
};
/** "những dạng năng lượng tái tạo nào": the kind asked for (group 1), whose items a bracket after it may list. */
const WHICH_ASKED = {
  marked: new RegExp(`${WORD_START}(?:những|các)\\s+([\\p{L}\\p{M}]+(?:\\s+[\\p{L}\\p{M}]+){1,5}?)\\s+nào${WORD_END}`, 'u'),
  folded: new RegExp(`${WORD_START}(?:nhung|cac)\\s+([\\p{L}\\p{M}]+(?:\\s+[\\p{L}\\p{M}]+){1,5}?)\\s+nao${WORD_END}`, 'u'),
};
/** "những ví dụ nào về năng lượng tái tạo": what the items asked for are of (group 1), to the question's end. */
const ABOUT_ASKED = {
  marked: new RegExp(`${WORD_START}nào\\s+về\\s+([^?.!,;]+?)\\s*[?.!]*\\s*$`, 'u'),
  folded: new RegExp(`${WORD_START}nao\\s+ve\\s+([^?.!,;]+?)\\s*[?.!]*\\s*$`, 'u'),
};
/** Words that end the subject before "gồm" without being part of it ("Năng lượng tái tạo thì gồm gì?"). */
const NOT_SUBJECT_END = new Set(['thì', 'có', 'sẽ', 'đã', 'được', 'này', 'đó', 'thi', 'co', 'se', 'da', 'duoc', 'nay', 'do']);
/** A bracket that lists: items joined by a comma, "và" or "hoặc", or left open by an ellipsis. */
const LISTING = /,|\.\.\.|…|\s(?:và|hoặc|and|or)\s/u;

/**
 * What the question's subject comprises, where the text writes it in brackets after it: for
 * "Lĩnh vực năng lượng tái tạo gồm những gì?" (or the kind a list question asks for: "những dạng
 * năng lượng tái tạo nào", "những ví dụ nào về năng lượng tái tạo"), "năng lượng gió, mặt trời" of "… hạ tầng điện,
 * năng lượng tái tạo (năng lượng gió, mặt trời...), tín chỉ carbon …", not the whole list the
 * subject is an item of. The last words of the subject (four at most, two at least, as many as are
 * written right before the bracket), matched as typed (folded for a question without marks); a bracket
 * that lists (a comma, "và", an ellipsis), not an acronym or a date ("giai đoạn hai (từ 2023
 * đến 2028)").
 */
export function comprisedSpans(text: string, question: string): FactSpan[] {
  if (!text.includes('(')) return [];
  const q = nfc(question).toLowerCase();
  const marked = hasMarks(q);
  const asked = marked ? q : fold(q);
  const mode = marked ? 'marked' : 'folded';
  const lower = marked ? text.toLowerCase() : fold(text);
  if (lower.length !== text.length) return [];
  for (const pattern of [COMPRISES_ASKED[mode], WHICH_ASKED[mode], ABOUT_ASKED[mode]]) {
    const m = pattern.exec(asked);
    if (!m?.[1]) continue;
    const words = (m[1].match(WORD_RUN) ?? []).slice();
    while (words.length && NOT_SUBJECT_END.has(words[words.length - 1] as string)) words.pop();
    const found = bracketAfter(text, lower, words);
    if (found.length) return found;
  }
  return [];
}

/** The listing brackets right after the last words of `words` (four at most, two at least) in `lower` (`text` lower-cased, or folded). */
function bracketAfter(text: string, lower: string, words: readonly string[]): FactSpan[] {
  // Two words at least: one syllable is seldom a word of its own ("tạo" of "tái tạo").
  for (let k = Math.min(4, words.length); k >= 2; k--) {
    const subject = words.slice(-k).join(' ');
    const out: FactSpan[] = [];
    for (let at = nextWholeWords(lower, subject); at >= 0; at = nextWholeWords(lower, subject, at + subject.length)) {
      const open = /^\s*\(/u.exec(lower.slice(at + subject.length));
      if (!open) continue;
      const start = at + subject.length + open[0].length;
      const close = text.indexOf(')', start);
      const inside = close < 0 ? '' : text.slice(start, close);
      if (close < 0 || close - start > 200 || inside.includes('(') || !LISTING.test(inside)) continue;
      const span = trimSpan(text, { start, end: close });
      if (span.end > span.start) out.push(span);
    }
    if (out.length) return out;
  }
  return [];
}

// --- abbreviations and definitions ----------------------------------------------------------

/** The words spelled out by an acronym: "Ủy ban Kỹ thuật Điện Quốc tế (IEC)" → "Ủy ban Kỹ thuật Điện Quốc tế". */
export function expansionSpans(text: string, acronym: string): FactSpan[] {
  if (!text.includes(acronym)) return [];
  const out: FactSpan[] = [];
  const a = escapeRegExp(acronym);
  // "Name (ACR)": the name that ends at the bracket, or words written in lower case whose initials
  // begin it ("quy chuẩn kỹ thuật quốc gia (QCVN)").
  for (const m of text.matchAll(re(`\\(\\s*${a}\\s*\\)`))) {
    const before = text.slice(0, m.index).trimEnd();
    const start = nameStartBefore(before);
    const from = start >= 0 ? start : initialsStartBefore(before, acronym);
    if (from >= 0) out.push(trimSpan(text, { start: from, end: before.length }));
  }
  // "ACR (Name)" and "ACR - Name".
  for (const m of text.matchAll(re(`${WORD_START}${a}\\s*(?:\\(([^)]{4,80})\\)|[-–]\\s+(\\p{Lu}${L}*(?:\\s+${L}+){1,8}))`))) {
    const g = m[1] ?? m[2];
    if (!g) continue;
    const start = m.index + m[0].indexOf(g);
    out.push(trimSpan(text, { start, end: start + g.length }));
  }
  return dedupe(out).filter((s) => s.end > s.start && fold(text.slice(s.start, s.end)) !== fold(acronym));
}

/** "(KH&CN)", "(IEC)", "(QCVN)": a bracketed acronym of two letters or more. */
const BRACKETED_ACRONYM = /\(\s*(\p{Lu}[\p{Lu}\d]*(?:&\p{Lu}+)?[\p{Lu}\d]*)\s*\)/gu;

/**
 * The acronyms a text defines by writing them in brackets after their words, with those words:
 * "Bộ Khoa học và Công nghệ (KH&CN)" → KH&CN = "Khoa học và Công nghệ" (of a capitalised name,
 * from the first word whose initials, hyphenated parts included, begin the acronym's letters,
 * when one does: "Bộ" is not part of "KH&CN"; "Hợp tác Lancang-Mekong (LMC)" → "Lancang-Mekong"),
 * "… xây dựng quy chuẩn kỹ thuật quốc gia (QCVN)" → "quy chuẩn kỹ thuật quốc gia". Articles write
 * the long form once and the acronym after it; a question may use either.
 */
export function definedAcronyms(text: string): AcronymAlias[] {
  if (!text.includes('(')) return [];
  const out: AcronymAlias[] = [];
  for (const m of text.matchAll(BRACKETED_ACRONYM)) {
    const acronym = m[1] as string;
    const letters = fold(acronym)
      .toLowerCase()
      .replace(/[^a-z]/g, '');
    if (letters.length < 2) continue;
    const before = text.slice(0, m.index).trimEnd();
    const name = nameStartBefore(before);
    const from = name >= 0 ? nameFrom(before, name, letters) : initialsStartBefore(before, acronym);
    if (from < 0) continue;
    const expansion = before.slice(from).replace(/^[\s*_"“]+|[\s*_"”,]+$/gu, '');
    if (expansion.length > acronym.length && /\s|-/u.test(expansion) && !out.some((d) => d.acronym === acronym && d.expansion === expansion)) {
      out.push({ acronym, expansion });
    }
  }
  return out;
}

/**
 * Short forms a question writes for words a text spells out without defining the short form:
 * "Viện ĐLVN" for "Viện Đo lường Việt Nam", "UBND" for "Ủy ban nhân dân", "KHCN" for "Khoa học
 * và Công nghệ" ("và" skipped). A question's word of three to six capitals (Đ is D) that the
 * text does not write is the initials of a run of the text's words starting with a capital, in
 * order; the first such run is taken.
 */
export function initialismsIn(question: string, text: string): AcronymAlias[] {
  const asked = shortFormsAsked(question).filter((a) => !hasWordIn(text, a));
  if (!asked.length) return [];
  const out: AcronymAlias[] = [];
  // Only the words from a capitalised one on are read (a paragraph is searched for every
  // passage of an answer, and most of its words start no run).
  const capital = CAPITAL_STEPS;
  for (const acronym of asked) {
    const letters = fold(acronym).toUpperCase();
    capital.lastIndex = 0;
    for (let m = capital.exec(text); m !== null; m = capital.exec(text)) {
      const start = m.index;
      if (initialAt(text, start) !== letters[0]) continue;
      // The run: words with only spaces between them, "và" skipped after the first, whose initials spell the letters.
      let k = 0;
      let end = start;
      let word: [number, number] | null = [start, wordEnd(text, start)];
      while (word && k < letters.length) {
        const [ws, we] = word;
        if (k === 0 || text.slice(ws, we) !== 'và') {
          if (initialAt(text, ws) !== letters[k]) break;
          k++;
          end = we;
        }
        word = joinedWordAfter(text, we);
      }
      if (k < letters.length) continue;
      // The whole name, not the start of a longer one ("Bộ Khoa học" of "Bộ Khoa học và Công nghệ").
      const next = joinedWordAfter(text, end);
      const nextWord = next ? text.slice(next[0], next[1]) : '';
      const later = nextWord === 'và' && next ? joinedWordAfter(text, next[1]) : null;
      const after = later ? text.slice(later[0], later[1]) : nextWord;
      if (/^\p{Lu}/u.test(after)) continue;
      out.push({ acronym, expansion: text.slice(start, end) });
      break;
    }
  }
  return out;
}
/** Where a word of letters and marks begins with a capital. */
const CAPITAL_WORD_START = /(?<![\p{L}\p{M}])\p{Lu}/gu;
const WORD_FROM = /[\p{L}\p{M}]+/uy;
/** The end of the word of letters and marks that starts at `at` (`at` when none does). */
function wordEnd(text: string, at: number): number {
  WORD_FROM.lastIndex = at;
  return WORD_FROM.test(text) ? WORD_FROM.lastIndex : at;
}
/** The word after the one ending at `end` when only spaces (one or more) come between them. */
function joinedWordAfter(text: string, end: number): [number, number] | null {
  let p = end;
  while (text.charCodeAt(p) === 32) p++;
  if (p === end) return null;
  const e = wordEnd(text, p);
  return e > p ? [p, e] : null;
}
/** A word's initial as acronyms spell it: unmarked, in capitals (Đ is D). */
function initialAt(text: string, at: number): string {
  return fold(text.charAt(at)).toUpperCase();
}
const SHORT_FORM_ASKED = /(?<![\p{L}\p{M}\p{N}&])[\p{Lu}]{3,6}(?![\p{L}\p{M}\p{N}&])/gu;
/** `CAPITAL_WORD_START` copied once, to step through a text with `exec` (its `lastIndex` is set on each use). */
const CAPITAL_STEPS = new RegExp(CAPITAL_WORD_START);

/** The question's distinct words of three to six capitals (`SHORT_FORM_ASKED`), of the question read last: one answer reads them for each of its passages. */
let lastShortForms: { question: string; forms: readonly string[] } | null = null;
function shortFormsAsked(question: string): readonly string[] {
  if (lastShortForms?.question !== question) lastShortForms = { question, forms: [...new Set(question.match(SHORT_FORM_ASKED) ?? [])] };
  return lastShortForms.forms;
}

/**
 * Where the words an acronym stands for start in the name that starts at `name`: at its first
 * word whose initials (of its hyphenated parts, then the next words') begin with the acronym's
 * first two letters; at the name's start when none does (an English acronym of a Vietnamese
 * name, "Tổ chức Y tế Thế giới (WHO)") and the name has three words or more; else -1 (a short
 * name whose initials are not the acronym's is the end of a longer one, "… sinh học Quốc gia (NCBI)").
 */
function nameFrom(before: string, name: number, letters: string): number {
  const words = [...before.slice(name).matchAll(/[^\s]+/gu)];
  const initials = words.map((w) =>
    w[0]
      .split(/[-–]/u)
      .map((p) => fold(p.charAt(0)).toLowerCase())
      .join(''),
  );
  for (let i = 0; i < words.length; i++) {
    if (initials.slice(i).join('').startsWith(letters.slice(0, 2))) return name + ((words[i] as RegExpMatchArray).index as number);
  }
  return words.length >= 3 ? name : -1;
}

/** Characters of the clause before a bracketed term ("… (S)") that a definition takes at most. */
const BRACKETED_CLAUSE_CHARS = 160;

/** A subject's definition patterns (`definitionSpans`). */
interface DefinitionPatterns {
  /** "S là …", "S (…)", "S, một …": the definition in group 1. */
  after: RegExp[];
  /** The bracketed subject, "(S)" (not global). */
  bracket: RegExp;
  /** The clause that ends at the bracketed subject, in group 1. */
  clause: RegExp;
}

/** Patterns per subject, made once: a question's subject is looked for in each of its likeliest sentences. */
const definitionPatterns = new Lru<string, DefinitionPatterns>(64);

function definitionPatternsFor(subject: string): DefinitionPatterns {
  let p = definitionPatterns.get(subject);
  if (!p) {
    const s = escapeRegExp(nfc(subject)).replace(/\s+/g, '\\s+');
    p = {
      after: [
        re(
          `${WORD_START}${s}${WORD_END}\\s*(?:,\\s*)?(?:là|được\\s+(?:hiểu|định\\s+nghĩa|gọi|biết\\s+đến)\\s+(?:là|như)|hay\\s+còn\\s+gọi\\s+là|is|are|means)\\s+([^.;:!?]{3,200})`,
          'giu',
        ),
        re(`${WORD_START}${s}${WORD_END}\\s*\\(([^)]{3,120})\\)`, 'giu'),
        re(`${WORD_START}${s}${WORD_END}\\s*,\\s*((?:một|là|a|an|the)\\s+[^,.;]{3,160})`, 'giu'),
      ],
      bracket: re(`\\(${s}\\)`, 'iu'),
      clause: re(`([^.;:!?,]{3,${BRACKETED_CLAUSE_CHARS}})\\s*\\(${s}\\)`, 'giu'),
    };
    definitionPatterns.set(subject, p);
  }
  return p;
}

/** What a term is said to be: "S là …", "S (…)", "S, một …", "S được gọi là …", "… (S)". */
export function definitionSpans(text: string, subject: string): FactSpan[] {
  if (!fold(text).includes(fold(subject))) return [];
  const patterns = definitionPatternsFor(subject);
  const out: FactSpan[] = [];
  for (const p of patterns.after) out.push(...allMatches(p, text, 1).map((x) => trimSpan(text, x)));
  out.push(...bracketedClauses(text, patterns).map((x) => trimSpan(text, x)));
  return dedupe(out);
}

/**
 * The clauses that end at the bracketed subject, "Ủy ban Kỹ thuật Điện Quốc tế (IEC)": what
 * `([^.;:!?,]{3,160})\s*\(S\)` matches, run from 160 characters (and the white space) before
 * the first bracketed subject, and not at all in a text without one. Run on every text, the
 * pattern tried up to 160 characters from each position of every sentence a definition question
 * looks at: a third of the time of answering such a question at 35,000 articles.
 */
function bracketedClauses(text: string, patterns: DefinitionPatterns): FactSpan[] {
  const first = patterns.bracket.exec(text);
  if (!first) return [];
  let blank = first.index;
  while (blank > 0 && /\s/u.test(text[blank - 1] as string)) blank--;
  // No match can start earlier: its clause would be longer than the pattern allows.
  const from = Math.max(0, blank - BRACKETED_CLAUSE_CHARS);
  // A clause longer than the pattern allows is matched from inside a word: it starts at the next word.
  return allMatches(patterns.clause, text.slice(from), 1).flatMap((s) => {
    let start = from + s.start;
    if (isWordCharAt(text, start - 1)) {
      while (start < from + s.end && isWordCharAt(text, start)) start++;
      while (start < from + s.end && /\s/u.test(text[start] as string)) start++;
    }
    return start < from + s.end ? [{ start, end: from + s.end }] : [];
  });
}

/** One word in lower case, as an acronym is often typed on a phone ("iec"). */
const LOWER_WORD = /^[\p{Ll}\p{N}&]{2,10}$/u;

/** A head's words (lower case), and whether it names a legal text, whose name runs on in lower case. */
interface Head {
  words: string[];
  legal: boolean;
}

/** Heads read once: a question's head is looked for in each of its likeliest sentences. */
const heads = new Lru<string, Head>(256);

function headOf(head: string): Head {
  let h = heads.get(head);
  if (!h) {
    const words = nfc(head).toLowerCase().split(/\s+/u).filter(Boolean);
    h = { words, legal: isLegal(words) };
    heads.set(head, h);
  }
  return h;
}

/** Where `word` is, as a whole word, followed by nothing but white space (at least one) up to `end`; or -1. */
function wordBeforeSpace(text: string, end: number, word: string): number {
  let j = end;
  while (j > 0 && isSpaceAt(text, j - 1)) j--;
  const at = j - word.length;
  return j < end && at >= 0 && text.startsWith(word, at) && !wordCharBefore(text, at) ? at : -1;
}

/**
 * For "X (được) viết tắt là gì?", which asks the acronym of a name: acronyms in brackets right
 * after the name's last two words ("Hợp tác Lancang-Mekong (LMC)").
 */
function acronymsOfAsked(text: string, question: string): FactSpan[] {
  if (!text.includes('(')) return [];
  const asked = new Set((fold(nfc(question).toLowerCase()).match(/[\p{L}\p{N}-]+/gu) ?? []).filter((w) => !isStopword(w, false)));
  const out: FactSpan[] = [];
  for (const m of text.matchAll(/\((\p{Lu}[\p{Lu}\d&.-]{1,15})\)/gu)) {
    const before = fold(text.slice(Math.max(0, m.index - 60), m.index).toLowerCase()).match(/[\p{L}\p{N}-]+/gu) ?? [];
    if (before.length >= 2 && before.slice(-2).every((w) => asked.has(w))) out.push({ start: m.index + 1, end: m.index + 1 + (m[1] as string).length });
  }
  return out;
}

/** A name that starts with the question's noun: head "luật" → "Luật Tiêu chuẩn và Quy chuẩn". */
export function namedSpans(text: string, head: string): FactSpan[] {
  const h = headOf(head);
  const words = h.words;
  const noun = words[words.length - 1];
  if (!noun) return [];
  // A head typed without marks ("sua luat gi") is looked for folded (same length: the texts are NFC).
  const lower = hasMarks(head) ? text.toLowerCase() : fold(text);
  if (lower.length !== text.length || !lower.includes(noun)) return [];
  const out: FactSpan[] = [];
  const space = /\s+/uy;
  for (let at = nextWholeWords(lower, noun); at >= 0; at = nextWholeWords(lower, noun, at + noun.length)) {
    const after = at + noun.length;
    space.lastIndex = after;
    const rest = space.exec(text);
    if (!rest) continue;
    // The name follows the noun, or, the noun written as a name's first word, one or two words
    // describing it come first ("Hội nghị chuyên đề Hợp tác Lancang-Mekong", "Bệnh viện đa khoa
    // Hùng Vương"); not a verb's words ("Hội nghị ghi nhận Việt Nam …"). Decided before the
    // earlier words of the head are looked for, which reads the text before each occurrence.
    const next = after + rest[0].length;
    const capitalNext = isCapAt(text, next);
    const described = capitalNext ? -1 : describedName(text, next);
    if (!capitalNext && described < 0) continue;
    let start = at;
    // Earlier words of the head: "bệnh viện" → "Bệnh viện Bạch Mai", but not "đổi" in "sửa đổi Luật …".
    for (let i = words.length - 2; i >= 0; i--) {
      const prev = wordBeforeSpace(lower, start, words[i] as string);
      if (prev < 0) break;
      if (!isCapAt(text, prev) && isCapAt(text, start)) break;
      start = prev;
    }
    const nameAt = capitalNext ? next : isCapAt(text, start) ? described : -1;
    if (nameAt < 0) continue;
    let end = editionEnd(text, nameEndAfter(text, nameAt));
    if (h.legal) end = legalNameEnd(text, end);
    out.push({ start, end });
  }
  return dedupe(out);
}

/**
 * A name's edition is part of it: "Hội nghị chuyên đề LMC lần thứ 4", not "… LMC" nor "… LMC lần"
 * (the lower-case word a name may end with, `nameEndAfter`).
 */
function editionEnd(text: string, end: number): number {
  const tail = /(?:^|\s)([lL]ần(?:\s+thứ)?)$/u.exec(text.slice(Math.max(0, end - 12), end));
  const base = tail ? text.slice(0, end - (tail[1] as string).length).trimEnd().length : end;
  const edition = /\s+[lL]ần\s+(?:thứ\s+[\p{L}\p{N}]+|\d+)/uy;
  edition.lastIndex = base;
  const m = edition.exec(text);
  return m ? base + m[0].length : base;
}

/**
 * Lower-case words that describe a named thing between its noun and its name, folded: "chuyên
 * đề" of "Hội nghị chuyên đề Hợp tác …", "đa khoa" and "tỉnh" of "Bệnh viện đa khoa tỉnh Phú Thọ".
 * A list, for after a noun most words are a verb's ("Hội nghị ghi nhận Việt Nam …").
 */
const DESCRIBERS = new Set([
  'chuyen de',
  'cap cao',
  'thuong dinh',
  'bo truong',
  'thuong nien',
  'toan quoc',
  'quoc te',
  'quoc gia',
  'khu vuc',
  'hop tac',
  'huu nghi',
  'da khoa',
  'chuyen khoa',
  'trung uong',
  'nhi',
  'tinh',
  'huyen',
  'quan',
  'thanh pho',
]);

/** Where a capitalised word begins after one or two describing words (`DESCRIBERS`) from `from` ("chuyên đề Hợp tác …"), or -1. */
function describedName(text: string, from: number): number {
  const m = /([\p{Ll}\p{M}]+)\s+(?:([\p{Ll}\p{M}]+)\s+)?(?=\p{Lu})/uy;
  m.lastIndex = from;
  const w = m.exec(text);
  if (!w) return -1;
  const said = fold([w[1], w[2]].filter(Boolean).join(' '));
  const described = DESCRIBERS.has(said) || said.split(' ').every((x) => DESCRIBERS.has(x));
  return described ? from + w[0].length : -1;
}

/** Nouns that ask for an organisation of any kind ("tổ chức quốc tế nào", "cơ quan nào"), folded. */
export const ORGANISATION_HEAD = /^(?:to chuc|co quan|don vi)$/u;

/**
 * An organisation's name as written: its first words ("Ủy ban", "Viện", "Bộ" …) before a capital,
 * not an office or a place that begins the same way ("Bộ Trưởng", "Trường Sa").
 */
const ORGANISATION_NAME = new RegExp(
  `${WORD_START}(?:(?:Ủy|Uỷ|ỦY|UỶ)\\s+(?:ban|Ban|BAN)|Viện|Bộ|Hiệp hội|Tổ chức|Liên minh|Quỹ|Cơ quan|Tổng cục|Cục|Trung tâm|Hội đồng|Ngân hàng|Công ty|Tập đoàn|Học viện|Đại học|Trường)\\s+(?!Trưởng${WORD_END}|Sa${WORD_END})(?=\\p{Lu})`,
  'gu',
);

/**
 * The organisations a text names ("Ủy ban Kỹ thuật Điện Quốc tế (IEC)", "Bộ Khoa học và Công
 * nghệ (KH&CN)"), as spans.
 */
export function organisationSpans(text: string): FactSpan[] {
  return dedupe([...text.matchAll(ORGANISATION_NAME)].map((m) => ({ start: m.index, end: nameEndAfter(text, m.index + m[0].length) })));
}

/** Laws, decrees and resolutions: their names run on in lower case ("Luật Chuyển giao công nghệ"). */
const LEGAL_HEADS = new Set(['luat', 'bo luat', 'nghi dinh', 'nghi quyet', 'thong tu', 'phap lenh']);

/** Whether a head names a legal text ("luật", "sửa đổi luật", "nghị định"), not a law of nature ("định luật"). */
function isLegal(words: readonly string[]): boolean {
  const last = fold(words.slice(-2).join(' '));
  return last !== 'dinh luat' && (LEGAL_HEADS.has(fold(words.at(-1) ?? '')) || LEGAL_HEADS.has(last));
}

/**
 * Words that end a law's name written on in lower case: what is said of it ("Luật Tiêu chuẩn và
 * Quy chuẩn kỹ thuật tạo hành lang pháp lý", "Luật Sở hữu trí tuệ sửa đổi", "Luật Đo lường năm
 * 2011"), besides function words.
 */
const AFTER_LEGAL_NAME = re(
  `^\\s+(?:${[
    'tạo',
    'giúp',
    'quy định',
    'ra đời',
    'hiệu lực',
    'sửa đổi',
    'bổ sung',
    'ban hành',
    'thông qua',
    'nhằm',
    'năm',
    'số',
    'hiện hành',
    'dự thảo',
    'cần',
    'phải',
    'gồm',
    'bao gồm',
    'hướng dẫn',
    'đưa',
    'mở',
  ].join('|')})${WORD_END}`,
  'u',
);

/** The end of a law's name from the end of its capitalised words: up to three more words in lower case. */
function legalNameEnd(text: string, from: number): number {
  let end = from;
  for (let i = 0; i < 3; i++) {
    const rest = text.slice(end);
    const m = /^\s+(\p{Ll}[\p{L}\p{M}]*)/u.exec(rest);
    if (!m || isStopword(m[1] as string, true) || AFTER_LEGAL_NAME.test(rest)) break;
    end += m[0].length;
  }
  return end;
}

// --- reasons ----------------------------------------------------------------------------------

const REASON = re(
  `${WORD_START}(?:do|vì|bởi|bởi vì|tại vì|là do|nguyên nhân(?:\\s+là|\\s+chính)?|lý do|lí do|vì vậy|vì thế|nhờ|because|due to|since|as a result)${WORD_END}`,
  'giu',
);

const PURPOSE_MARK = re(`${WORD_START}(?:(?:nhằm|với)\\s+mục\\s+đích|nhằm|để|in\\s+order\\s+to|so\\s+that)\\s+`, 'giu');

/**
 * What a purpose clause says, after "nhằm", "để", "với mục đích" to the end of its clause:
 * "nâng cao năng lực cạnh tranh của doanh nghiệp Việt Nam trên thị trường thế giới".
 */
export function purposeSpans(text: string): FactSpan[] {
  return allMatches(PURPOSE_MARK, text).flatMap((m) => {
    // A purpose put first ("Để thúc đẩy …, hai bên đã …") ends at its comma; one after what it is
    // the purpose of runs to the end of the clause, commas within it ("nhằm thúc đẩy, triển khai …").
    const before = text.slice(0, m.start).trimEnd();
    const fronted = before === '' || /[,;:]$/u.test(before);
    const end = (fronted ? /[,.;:!?](?:\s|$)/u : /[.;:!?](?:\s|$)/u).exec(text.slice(m.end));
    const span = trimSpan(text, { start: m.end, end: end ? m.end + end.index : text.length });
    return span.end > span.start ? [span] : [];
  });
}

/** A cause and what follows it to the end of the clause: "vì bệnh nhân bị vỡ ruột thừa". */
export function reasonSpans(text: string): FactSpan[] {
  return allMatches(REASON, text).map((m) => {
    const end = /[.;:!?](?:\s|$)/u.exec(text.slice(m.end));
    return { start: m.start, end: end ? m.end + end.index : text.length };
  });
}

// --- helpers ----------------------------------------------------------------------------------

function allMatches(pattern: RegExp, text: string, group = 0): FactSpan[] {
  const out: FactSpan[] = [];
  pattern.lastIndex = 0;
  for (const m of text.matchAll(pattern)) {
    const g = m[group];
    if (g === undefined) continue;
    const start = m.index + (group === 0 ? 0 : m[0].indexOf(g));
    out.push({ start, end: start + g.length });
  }
  return out;
}

function trimSpan(text: string, s: FactSpan): FactSpan {
  let { start, end } = s;
  while (start < end && /[\s,.;:()"“”'-]/u.test(text[start] as string)) start++;
  while (end > start && /[\s,.;:("“”'-]/u.test(text[end - 1] as string)) end--;
  // A closing bracket stays only when its opening one is inside the span.
  if (text[end - 1] === ')' && !text.slice(start, end).includes('(')) end--;
  return { start, end };
}

/** Spans separated only by a comma or "và"/"hoặc" become one: the items of one list. */
function joinAdjacent(text: string, spans: FactSpan[]): FactSpan[] {
  const out: FactSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start >= last.end && LIST_SEPARATOR.test(text.slice(last.end, s.start))) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/** Sorted by start; spans inside an earlier one dropped. */
function dedupe(spans: FactSpan[]): FactSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FactSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start >= last.start && s.end <= last.end) continue;
    out.push(s);
  }
  return out;
}

// --- by question ------------------------------------------------------------------------------

const CHECKABLE: readonly FactKind[] = ['person', 'place', 'date', 'number', 'abbreviation', 'definition', 'reason'];

/** A question for a day, a month or a year of a date, and what a date that gives it holds. */
const DATE_PART_ASKED: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [
    /(?<![\p{L}\p{M}])(?:ngày nào|ngay nao|hôm nào|hom nao|ngày bao nhiêu|ngay bao nhieu|ngày mấy|what day|which day|what date|on what date)(?![\p{L}\p{M}])/iu,
    /\d{1,2}\s*[/.-]\s*\d{1,2}|(?<![\p{L}\p{M}])(?:ngày|ngay)\s+\d{1,2}(?!\d)|\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?!\d)/iu,
  ],
  [/(?<![\p{L}\p{M}])(?:năm nào|nam nao|năm bao nhiêu|nam bao nhieu|năm mấy|what year|which year|in what year)(?![\p{L}\p{M}])/iu, /(?<!\d)\d{4}(?!\d)/u],
];

/** Whether the two words before a span (brackets aside) are the question's: "giai đoạn hai (từ 2023 đến 2028)". */
function spanOfAsked(text: string, s: FactSpan, question: string): boolean {
  const words = (text.slice(Math.max(0, s.start - 60), s.start).match(WORD_RUN) ?? []).slice(-2);
  const asked = fold(question);
  return words.length === 2 && words.every((w) => hasWordIn(asked, fold(w)));
}

/**
 * A length of time spelled out: "một tiếng", "hơn một năm", "nửa giờ", "hai thập kỷ", "half an hour";
 * not a time after something ("một năm sau đó", "a year later"), which says when, unless after
 * what the question names ("một tiếng sau khi ăn").
 */
const SPELLED_DURATION = re(
  `${WORD_START}(?:(?:hơn|khoảng|gần|chừng|over|about|nearly|almost)\\s+)?(?:một|nửa|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|one|half\\s+an?|two|three|four|five|six|seven|eight|nine|ten)\\s+(?:giây|phút|giờ|tiếng|ngày|đêm|tuần|tháng|năm|thập\\s+kỷ|thập\\s+niên|thế\\s+kỷ|seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|century|centuries)${WORD_END}(?!\\s+(?:sau${WORD_END}(?!\\s+khi${WORD_END})|(?:later|afterwards)${WORD_END}))`,
  'giu',
);
/** "Bao lâu", "how long": a question for a length of time. */
const DURATION = /(?<![\p{L}\p{M}])(?:bao lâu|bao lau|how long)(?![\p{L}\p{M}])/iu;
/** A question for a span of time: "từ năm nào đến năm nào", "giai đoạn nào", "from when to when". */
const SPAN_ASKED =
  /(?<![\p{L}\p{M}])(?:từ|tu|đến|den|tới|toi|kéo dài|keo dai|giai đoạn|giai doan|bao lâu|bao lau|from|until|between|period|how long)(?![\p{L}\p{M}])/iu;
/** A date that is a span ("từ 2023 đến 2028", "2023-2028", "from 2023 to 2028"). */
const RANGE = /(?<![\p{L}\p{M}])(?:đến|tới|den|toi|to|until)(?![\p{L}\p{M}])|\d\s*[-–]\s*\d/iu;

const SPELLED_NUMBER = new RegExp(`(?<![\\p{L}\\p{M}])(?:${Object.keys(SPELLED_COUNTS).join('|')})(?=\\s+\\p{L})`, 'gu');

/** A text lower-cased, with numbers spelled in Vietnamese before a word written in digits ("ba tháng" → "3 tháng"). */
function digitsFor(text: string): string {
  return nfc(text)
    .toLowerCase()
    .replace(SPELLED_NUMBER, (w) => String(SPELLED_COUNTS[w]));
}

/** Whether a detector exists for what the question asks (for the other questions a fact cannot be checked). */
export function checkable(a: QuestionAnalysis): boolean {
  return a.list || a.head !== undefined || a.office === true || CHECKABLE.includes(a.kind);
}

/**
 * Facts of the kind the question asks for in `text`, in reading order. Spans that only
 * repeat the question ("lần thứ 4" in a question about the 4th meeting) are left out.
 */
// A name after a word for a place or region is a place, not someone ("khu vực Lancang-Mekong", "tỉnh
// Gangwon", "thung lũng Seine", "phía bắc Syria").
const PLACE_NOUN_OR_AT = re(
  `(?:^|[^\\p{L}\\p{M}])(?:${PLACE_NOUNS}|lưu vực|tiểu vùng|sông|miền|châu|tại|ở|thung lũng|núi|hồ|biển|vịnh|bán đảo|cao nguyên|đồng bằng|sa mạc|phía (?:bắc|nam|đông|tây)|(?:đông|tây) (?:bắc|nam))\\s+$`,
  'iu',
);
/**
 * A name with a country before it, as Vietnamese writes one's nationality ("Nhà kinh tế học Hàn
 * Quốc Hoesung Lee", "người Pháp Jean Ribault"): the name after the country, when it has two words
 * or more; a single word after a country is left as it is.
 */
function withoutLeadingPlace(text: string, s: FactSpan): FactSpan {
  const words = [...text.slice(s.start, s.end).matchAll(/\S+/gu)];
  for (let n = Math.min(3, words.length - 2); n >= 1; n--) {
    const place = words
      .slice(0, n)
      .map((w) => w[0])
      .join(' ');
    if (isKnownPlace(fold(place.toLowerCase()))) return { start: s.start + ((words[n] as RegExpMatchArray).index as number), end: s.end };
  }
  return s;
}
const BETWEEN = new RegExp(`${WORD_START}(?:giữa|giua|between)${WORD_END}`, 'iu');
const AFTER_BETWEEN = new RegExp(`${WORD_START}(?:giữa|between)\\s+$`, 'iu');
/** Right after "giữa", or after "giữa X và": either side of a relation ("giữa Việt Nam và Trung Quốc"). */
const SIDE_OF_RELATION = new RegExp(`${WORD_START}(?:giữa|between)\\s+(?:(?:[^\\s,.;]+\\s+){1,5}(?:và|and)\\s+)?$`, 'iu');

export function factSpans(a: QuestionAnalysis, text: string, question: string): FactSpan[] {
  let spans: FactSpan[] = [];
  switch (a.office ? 'office' : a.kind) {
    case 'office': {
      spans = officeSpans(text);
      // Whose office: not one the sentence gives someone other than the person the question names
      // ("Ông Metzger giữ chức gì?" is "Tổng Thư ký IEC", not "Thứ trưởng Bộ KH&CN", the other
      // person's office in the same sentence). An office written apart from any name ("… được bổ
      // nhiệm làm tân hiệu trưởng …") stays.
      const asker = fold(shortFormsWrittenOut(question));
      const people = spans.length ? personSpans(text) : [];
      // A person is named by the last word of their name too ("Metzger's" of "Philippe Metzger"),
      // capitalised, or any word of a question typed in lower case ("ong metzger giu chuc gi").
      const lower = !/\p{Lu}/u.test(question);
      const typed = new Set((nfc(question).match(WORD_RUN) ?? []).filter((w) => lower || /^\p{Lu}/u.test(w)).map((w) => fold(w.toLowerCase())));
      const lastNamed = (p: FactSpan) => typed.has(fold(text.slice(p.start, p.end).toLowerCase()).split(/\s+/u).at(-1) as string);
      const others = people.filter((p) => askedAbout(text, p, asker, question) === null && !lastNamed(p));
      // Nor, when the question names someone, the office of a person it does not name ("What is
      // Metzger's position?" is not "Thứ trưởng" of "Thứ trưởng Lê Xuân Định khẳng định …").
      if (others.length < people.length || (others.length > 0 && namesPerson(question)))
        spans = spans.filter((o) => !others.some((p) => holdsOneOf(text, p, [o])));
      // At the body asked ("… giữ chức vụ gì ở ISO?"): another body's office is no answer.
      const bodies = a.officeAt;
      if (bodies?.length) spans = spans.filter((o) => officeOfBody(text, o, bodies));
      break;
    }
    case 'date': {
      spans = dateSpans(text);
      // When, not over what span: a day, month or year before a span of them ("When was the 4th
      // LMC symposium?" is "ngày 29 tháng 8 năm 2023", not the phase "từ 2023 đến 2028").
      const points = SPAN_ASKED.test(question) ? [] : spans.filter((s) => !RANGE.test(text.slice(s.start, s.end)));
      if (points.length) spans = points;
      // The part of a date asked for: a day for "ngày nào" ("ngày 11/6", not "2014"), a year for "năm nào".
      const part = DATE_PART_ASKED.find(([asked]) => asked.test(question));
      const holding = part ? spans.filter((s) => part[1].test(text.slice(s.start, s.end))) : [];
      if (holding.length) spans = holding;
      break;
    }
    case 'number': {
      // "Lần thứ mấy?": an ordinal ("lần thứ 4"), which is no quantity.
      if (ORDINAL_ASKED.test(fold(question.toLowerCase()))) {
        spans = [...text.matchAll(ORDINAL_SPAN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
        break;
      }
      // "Giai đoạn mấy?": the same noun with its number ("giai đoạn hai", "Giai đoạn II", "đợt 3").
      const sequence = sequenceAsked(question);
      if (sequence) {
        const folded = fold(text.toLowerCase());
        spans =
          folded.length === text.length
            ? [...folded.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${sequence}\\s+(?:\\d+|[ivxlc]+|${SEQUENCE_NUMBERS})(?![\\p{L}\\p{N}])`, 'gu'))].map((m) => ({
                start: m.index,
                end: m.index + m[0].length,
              }))
            : [];
        break;
      }
      // A quantity of another measure than the one asked is not the answer: "84 tuổi" for "… nằm
      // viện bao lâu?", "20 năm" for "Có bao nhiêu người …?", "50 g" for "… bao nhiêu phần trăm?".
      const asked = measureAsked(question);
      const unit = unitAsked(question);
      // Years lived are an age ("Chị Hằng sống bao nhiêu năm …?" is "32 tuổi").
      const yearsAsked = asked === 'time' && unit !== undefined && fold(unit) === 'nam';
      // A length of time in a unit far from the one asked is of something else.
      const rankAsked = asked === 'time' ? timeRank(unit) : undefined;
      const fits = (s: FactSpan) => {
        const quantity = text.slice(s.start, s.end);
        const given = measureOf(quantity);
        if (given === 'time' && rankAsked !== undefined) {
          const rank = timeRank(/\s([\p{L}\p{M}]+)$/u.exec(quantity)?.[1]);
          if (rank !== undefined && Math.abs(rank - rankAsked) > 1) return false;
        }
        return asked === null || given === null || given === asked || (yearsAsked && given === 'age');
      };
      spans = quantitySpans(text).filter(fits);
      // A length of time spelled out ("một tiếng", "hơn một năm", "nửa giờ", "một thập kỷ"), when
      // "bao lâu" or a unit of time is asked and no length of time is written in digits: "một" is
      // also "a", and "một năm" beside "515 triệu năm" is no answer to "bao nhiêu năm".
      if (
        asked === 'time' &&
        (DURATION.test(question) || rankAsked !== undefined) &&
        !spans.some((s) => {
          const whole = wholeUnit(text, s);
          return measureOf(text.slice(whole.start, whole.end)) === 'time';
        })
      )
        spans = dedupe([...spans, ...allMatches(SPELLED_DURATION, text).filter(fits)]);
      // Of quantities of the measure asked, when the sentence gives some: "19,3%" for "tỷ lệ phần
      // trăm … là bao nhiêu?", not the bare "11.698" nearer the question's words.
      if (asked !== null && asked !== 'count') {
        const measured = spans.filter((s) => {
          const whole = wholeUnit(text, s);
          const given = measureOf(text.slice(whole.start, whole.end));
          return given === asked || (yearsAsked && given === 'age');
        });
        if (measured.length) spans = measured;
      }
      // Of counts, the ones of what is asked when there are some ("20 bé" for "bao nhiêu bé", not "1").
      const counted = asked === 'count' && unit !== undefined ? fold(unit) : undefined;
      const same = counted ? spans.filter((s) => countedUnit(text, s) === counted) : [];
      if (same.length) spans = same;
      // How long: a span of time answers as well as a count of years ("giai đoạn hai (từ 2023 đến
      // 2028)"); for "mấy năm" / "bao nhiêu tháng" when no count of time is given, the span of what
      // the question names ("Giai đoạn hai … kéo dài mấy năm?", not "Hội nghị … kéo dài bao nhiêu năm?").
      if (DURATION.test(question))
        spans = [...spans, ...dateSpans(text).filter((s) => RANGE.test(text.slice(s.start, s.end)))].sort((x, y) => x.start - y.start);
      else if (asked === 'time' && !spans.length)
        spans = dateSpans(text).filter((s) => RANGE.test(text.slice(s.start, s.end)) && spanOfAsked(text, s, question));
      break;
    }
    case 'person':
      // A kind of people ("Nhóm người nào dễ mắc sỏi mật?") is not answered by a name: the doctor
      // saying it was, "Bác sĩ Julia Johnson" for "Những ai nên quan tâm đến … thuốc Vyleesi?".
      if (a.group) break;
      spans = personSpans(text);
      // Names without a title ("Kuechly", "Tesla"): any name that does not start the sentence,
      // is not an office whose last word is in lower case ("Tổng Thư ký", "Phó Chủ tịch"), is
      // not one Vietnamese syllable, which is a capitalised noun ("Biên bản", "Hội nghị"):
      // Vietnamese names have two syllables or more; and is not part of the name of a place or
      // an organisation ("Viện Đo lường Việt Nam").
      if (!spans.length) {
        const names = bareNames(text).filter((s) => /\p{Ll}/u.test(text.slice(s.start, s.end)));
        // The sentence's names are read as the claim check reads them only when there is a name to judge.
        const others = names.length ? placesAndOrganisations(text) : [];
        spans = dedupe(names.map((s) => withoutLeadingPlace(text, wholeName(text, s)))).filter(
          (s) =>
            !others.some((o) => o.start < s.end && s.start < o.end) &&
            !ACRONYM_AFTER.test(text.slice(s.end, s.end + 40)) &&
            !PLACE_NOUN_OR_AT.test(text.slice(Math.max(0, s.start - 16), s.start)) &&
            !notPersonAt(text, s),
        );
      }
      break;
    case 'place': {
      if (a.list) {
        spans = capitalisedListSpans(text);
        break;
      }
      // The names of places and organisations as the claim check reads them, which knows names
      // written with words in lower case ("Liên minh châu Âu", "Bệnh viện Trung ương Huế", "Viện
      // Dinh dưỡng"): a place after "tại" or "ở" runs on to the end of such a name, and without
      // one, a place is such a name (a place is often named without "tại" or "ở"), not any
      // capitalised word ("Lambert", "GIST", "Trung" of "Trung ương").
      const named = placesAndOrganisations(text);
      const runs = capitalRuns(text);
      spans = placeSpans(text).flatMap((p) => {
        const longer = named.find((n) => n.start <= p.end && n.end > p.end && n.start >= p.start);
        if (!longer) return ONE_MARKED_SYLLABLE.test(text.slice(p.start, p.end)) ? [] : [p];
        // "Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới": a name after a dash is the same place's.
        const after = runs.find((r) => r.start >= longer.end && /^\s*[-–]\s*$/u.test(text.slice(longer.end, r.start)));
        return [{ start: p.start, end: after?.end ?? longer.end }];
      });
      // Without "tại" or "ở", a body that is no place: a ministry, an institute, a department, a company, an organisation, an association
      // or a committee ("Bộ Thông tin và Truyền thông" for "IEC có trụ sở ở đâu?").
      // Nor the two sides of a relation ("quan hệ ngoại giao giữa Việt Nam và Trung Quốc" is no place
      // where a conference was held), unless the question asks "giữa" too.
      // A bracketed acronym is what the name before it is ("Sáng kiến Vành đai và Con đường (BRI)").
      if (!spans.length) {
        // Nor an acronym alone ("LMC", "IEC"): a body or a mechanism, where no "tại" or "ở" makes it
        // a place, unless it is one the lexicon knows ("UAE", "TPHCM").
        const notPlace = (name: string) => NOT_A_PLACE.test(name) || THING_NAME.test(name) || (ACRONYM_ALONE.test(name) && !isKnownPlace(fold(name)));
        spans = named.filter((n) => {
          if (notPlace(text.slice(n.start, n.end))) return false;
          // Whose, not where: "… quyết tâm của Việt Nam", "sự tham gia của Lào".
          if (OF_BEFORE.test(text.slice(Math.max(0, n.start - 30), n.start))) return false;
          if (!BETWEEN.test(question) && SIDE_OF_RELATION.test(text.slice(Math.max(0, n.start - 60), n.start))) return false;
          const bracket = /\s*\($/u.exec(text.slice(Math.max(0, n.start - 3), n.start));
          if (!bracket) return true;
          const before = text.slice(0, n.start - bracket[0].length);
          const from = nameStartBefore(before);
          return from < 0 || !notPlace(before.slice(from));
        });
      }
      break;
    }
    case 'abbreviation':
      spans = a.subject ? expansionSpans(text, a.subject) : acronymsOfAsked(text, question);
      break;
    case 'definition':
      spans = a.subject ? definitionSpans(text, a.subject) : [];
      // An acronym typed in lower case ("iec la gi"): its expansion, where the text gives one.
      if (a.subject && LOWER_WORD.test(a.subject) && text.includes(`(${a.subject.toUpperCase()})`)) {
        const expanded = expansionSpans(text, a.subject.toUpperCase());
        if (expanded.length) spans = expanded;
      }
      break;
    case 'reason':
      // A "why" the text answers with a purpose ("Vì sao cần IEC hỗ trợ …?" of "Hỗ trợ … nhằm nâng
      // cao năng lực cạnh tranh …"): the purpose, where the sentence gives no cause.
      spans = a.purpose ? purposeSpans(text) : reasonSpans(text);
      if (!spans.length && !a.purpose) spans = purposeSpans(text).filter((f) => /(?:nhằm|mục đích)\s*$/u.test(text.slice(0, f.start)));
      break;
    default:
      break;
  }
  // A name asked for ("Tên của lâu đài là gì?", "… có tên là gì?", "… được gọi là gì?", "… đổi
  // tên thành gì?"): the name the sentence gives after "tên", "gọi là", "mang tên" ….
  if (a.kind === 'other' && !a.list && (!a.head || fold(a.head.toLowerCase()) === 'ten') && NAME_QUESTION.test(fold(nfc(question).toLowerCase())))
    spans = calledSpans(text);
  // What the question's subject comprises, in brackets after it, before any list it is an item of
  // (a list question, or one for a kind of thing too long for the list words: "những dạng năng
  // lượng tái tạo nào").
  if (a.list || (a.kind === 'other' && a.head)) {
    const comprised = comprisedSpans(text, question);
    if (comprised.length) spans = comprised;
  }
  // A list of capitalised items answers only a question for things that have names (people,
  // places, countries, ministries, companies …): "Thomas, Edward và Clarence Scott" is not what
  // toilet paper has gained, nor "An Giang, Bà Rịa - Vũng Tàu và Bến Tre" which diseases; and for
  // people only when people are asked: "Nguyễn Thị Hồng Thắm, Khoa Phụ" is who said it, not the
  // harms asked about.
  // Nor is a name with its office after a comma ("ông Philippe Metzger, Tổng Thư ký IEC cho biết"):
  // the office cut at its lower-case word made it look like a list of two names.
  if (!spans.length && a.list && a.kind !== 'reason' && asksForNames(question, a)) {
    spans = capitalisedListSpans(text).filter((s) => a.kind === 'person' || !SURNAME_START.test(text.slice(s.start, s.end)));
    if (spans.length) {
      const offices = officeSpans(text);
      spans = spans.filter((s) => !offices.some((o) => overlaps(o, s)));
    }
  }
  // Who it was done with or for, or who did it, when no person is named.
  if (!spans.length && a.kind === 'person' && !a.group) {
    spans = sideSpans(text, question);
    if (!spans.length) spans = doerSpans(text, question);
  }
  // Things of the kind asked for, each named: all of them when the sentence lists several ("Bộ
  // nào …?" of "… được Bộ KH&CN, Bộ Công Thương, Bộ Thông tin và Truyền thông xây dựng").
  const named = !spans.length && a.head ? namedSpans(text, a.head) : undefined;
  if (named) spans = named;
  if (a.list || named) spans = joinAdjacent(text, spans);
  // A pair after "giữa" is the two sides of a relation ("quan hệ ngoại giao giữa Việt Nam và Trung
  // Quốc"), not the members a list question asks for ("Hội nghị có những nước nào?"), unless the
  // question asks "giữa" too.
  if (a.list && !BETWEEN.test(question)) spans = spans.filter((s) => !AFTER_BETWEEN.test(text.slice(Math.max(0, s.start - 12), s.start)));
  // A list that names someone with their office and workplace is who said it, not the answer:
  // for a kind of people, one whose first item holds a name ("Mai Bá Tiến Dũng, Trưởng Khoa Nam
  // học, Bệnh viện Bình Dân"); unless people are asked, one with an office in it or a person in its
  // first item ("sĩ Nguyễn Phước Lâm, Trưởng Khoa Nội soi, Bệnh viện Quốc tế City" for "… những
  // phương pháp gì?").
  if (!spans.length && (a.list || a.group) && a.kind !== 'reason') {
    spans = listSpans(text, a.head).filter((s) => !a.group || !/\p{Lu}/u.test(text.slice(s.start, firstItemEnd(text, s))));
    // Who, when no one is named: a list of people ("các chuyên gia, cán bộ và sinh viên"), not of
    // fields ("lĩnh vực xe điện, hiệu suất năng lượng, …" for "Những ai được IEC hỗ trợ đào tạo?").
    if (a.kind === 'person' && !a.group && WHO.test(question)) spans = spans.filter((s) => listsPeople(text.slice(s.start, s.end)));
    if (spans.length && a.kind !== 'person') {
      const offices = officeSpans(text);
      const people = personSpans(text);
      spans = spans.filter((s) => !offices.some((o) => overlaps(o, s)) && !people.some((p) => overlaps(p, { start: s.start, end: firstItemEnd(text, s) })));
    }
    spans = spans.map((s) => withoutAskedLead(text, s, question));
  }
  // Places, not bodies, for a list of places ("Những nước nào tham gia?" is not answered by "Bộ
  // KH&CN, Bộ Công Thương, …").
  if (a.kind === 'place' && a.list) spans = spans.filter((s) => !NOT_A_PLACE.test(text.slice(s.start, s.end)));
  // The question's short forms written out: "Viện Đo lường Việt Nam" is what "Viện Đo lường VN có trụ sở ở đâu?" names.
  const q = fold(shortFormsWrittenOut(question));
  // The same quantity with its number spelled on one side: "ba tháng" for "Trong vòng 3 tháng …".
  const qDigits = digitsFor(question);
  // A count or an ordinal is said by the question only as whole words ("lần thứ ba" is not in "lần
  // thứ bao nhiêu"); other spans are left out wherever the question's letters hold them, which
  // keeps out short pieces of names ("Âu" of "châu Âu" for "… ở đâu?").
  const says = (span: string) => (a.kind === 'number' ? hasWordIn(q, fold(span)) : q.includes(fold(span)));
  const fresh = spans.filter((s) => {
    const span = text.slice(s.start, s.end);
    return !says(span) && !(a.kind === 'number' && qDigits.includes(digitsFor(span)));
  });
  if (a.kind !== 'person') return fresh;
  // Whether the question names each person and asks who they are, or names them as someone else
  // in the story: read once per person.
  const about = new Map(spans.map((s) => [s, askedAbout(text, s, q, question)]));
  // The sentence's offices, read once and only when a rule below needs them.
  let sentenceOffices: FactSpan[] | undefined;
  const offices = () => (sentenceOffices ??= officeSpans(text));
  const askedWho = spans.filter((s) => about.get(s) === 'who');
  if (askedWho.length) {
    // Who a named person is: the office the sentence gives them ("Ông Philippe Metzger là ai?" →
    // "Tổng Thư ký IEC"), else what it says they are ("Ông Kim Nhật Thành (Kim Il-sung) là nhà lãnh
    // đạo đầu tiên …").
    const theirs = offices().filter((o) => askedWho.some((s) => holdsOneOf(text, s, [o])) && !q.includes(fold(text.slice(o.start, o.end))));
    if (theirs.length) return theirs;
    const described = askedWho.flatMap((s) => describedAs(text, s.end));
    if (described.length) return described;
  }
  // A person the question names is not the answer: not the one asked about, nor the one who met
  // someone ("Thứ trưởng Lê Xuân Định tiếp ai?"), even when no one else is named.
  let people = fresh.filter((s) => about.get(s) === null);
  // An office the question names: its holder is the answer to "Tổng Thư ký IEC là ai?", and is
  // not the answer to "Tổng Thư ký IEC gặp ai?" or "Ai đã tiếp Tổng Thư ký IEC?".
  for (const asked of askedOffices(question)) {
    const named = officesNamed(text, asked);
    if (asked.holder) {
      // Its holder, never someone else: not "Thứ trưởng Bộ KH&CN Lê Xuân Định" for "Ai là Thứ
      // trưởng Bộ Công Thương?", nor a name in a sentence that does not give the office.
      people = people.filter((s) => holdsOneOf(text, s, named)).map((s) => withoutOffice(text, s, named, offices()));
    } else {
      const others = people.filter((s) => !holdsOneOf(text, s, named));
      if (others.length) people = others;
    }
  }
  // A body the question names as the other side of a meeting ("Ai chủ trì buổi làm việc với
  // IEC?"): someone holding one of its offices ("ông Philippe Metzger, Tổng Thư ký IEC") is that
  // side, not the answer, when someone else is named; one it names as represented ("Ai đại diện
  // IEC?") is the side whose people answer, when the sentence gives one of them its office.
  for (const { body, own } of sidesNamed(question)) {
    const theirs = offices().filter((o) => hasWordIn(fold(text.slice(o.start, o.end)), body));
    const kept = people.filter((s) => holdsOneOf(text, s, theirs) === own);
    if (kept.length) people = kept;
  }
  if (!a.leaderOf) return people;
  // Who heads a body: its head where the sentence names one ("ông Philippe Metzger, Tổng Thư ký
  // IEC"); else someone whose office the sentence does not give, never the holder of another
  // office ("Thứ trưởng Bộ KH&CN Lê Xuân Định" for the head of Bộ KH&CN or of an institute).
  const head = headOffices(text, a.leaderOf);
  const heads = people.filter((s) => holdsOneOf(text, s, head));
  if (heads.length) return heads;
  return people.filter((s) => !holdsOneOf(text, s, offices()));
}

/**
 * A question for something's name, folded: "tên (của …) là gì", "có tên (là) gì", "tên gọi khác …
 * là gì", "tên nào", "được gọi là gì", "đổi tên thành gì", "đặt tên (cho …) là gì", "what is …
 * called", "what is the name of".
 */
const NAME_QUESTION =
  /(?:^|[^\p{L}\p{N}])(?:ten(?:\s+goi)?(?:\s+[\p{L}\p{N}'’-]+){0,14}?\s+(?:la\s+)?gi|ten\s+nao|(?:goi|doi\s+ten|dat\s+ten)(?:\s+[\p{L}\p{N}'’-]+){0,4}?\s+(?:la|thanh)\s+gi|what\s+(?:is|was|are|were)\s+(?:the\s+)?name|(?:is|was|are|were)\s+(?:\S+\s+){1,6}?called)(?![\p{L}\p{N}])/u;
/** What gives a name before it: "tên là", "tên gọi", "có tên", "mang tên", "gọi là", "đổi tên thành", "biệt danh", "named", "called". */
const CALLED = re(
  `${WORD_START}(?:(?:[Tt]ên\\s+gọi|[Tt]ên|[Bb]iệt\\s+danh)(?:\\s+(?:khác|chính\\s+thức|tiếng\\s+\\p{Ll}+))?(?:\\s+(?:là|thành))?|(?:đặt|đổi)\\s+tên(?:\\s+\\p{Ll}+){0,3}?\\s+(?:là|thành)|[Tt]ên(?:\\s+\\p{Ll}+){1,4}\\s*:|gọi\\s+là|mang\\s+tên|named|called|known\\s+as)\\s*:?\\s+(?=["“«'‘]|\\p{Lu})`,
  'gu',
);
const QUOTED_NAME = /["“«'‘]([^"”»'’\n]{1,80})["”»'’]/uy;

/** Names given after "tên là", "gọi là", "mang tên" … ("đặt tên bé là Bình An", "gọi là “công việc như thường lệ”"). */
function calledSpans(text: string): FactSpan[] {
  const out: FactSpan[] = [];
  for (const m of text.matchAll(CALLED)) {
    const at = m.index + m[0].length;
    QUOTED_NAME.lastIndex = at;
    const quoted = QUOTED_NAME.exec(text);
    if (quoted) {
      out.push({ start: at + 1, end: at + 1 + (quoted[1] as string).length });
      continue;
    }
    let end = nameEndAfter(text, at);
    // Not a function word the name reader let in after it ("Virgin Media vào năm 2007").
    const last = /\s(\p{Ll}+)$/u.exec(text.slice(at, end));
    if (last && isStopword(last[1] as string, true)) end -= last[0].length;
    if (end > at) out.push({ start: at, end });
  }
  return dedupe(out.map((s) => trimSpan(text, s)));
}

/** Bodies that are no place where something is: "Bộ …", "Tổ chức …", "Hiệp hội …", "Ủy ban …". */
const ACRONYM_ALONE = /^\p{Lu}[\p{Lu}\p{N}&]+$/u;
const NOT_A_PLACE = /^(?:Bộ|Tổ\s+chức|Hiệp\s+hội|Ủy\s+ban|Uỷ\s+ban|Sáng\s+kiến|Viện|Cục|Tổng\s+cục|Công\s+ty|Tập\s+đoàn|Hội\s+đồng)(?![\p{L}\p{N}])/u;

/** "thứ mấy", "thứ bao nhiêu" (folded): an ordinal is asked for. */
const ORDINAL_ASKED = /(?<![\p{L}\p{N}])thu\s+(?:may|bao\s+nhieu)(?![\p{L}\p{N}])/u;
/** An ordinal, with the noun it counts when one comes first: "lần thứ 4", "khóa thứ XII", "thứ hai". */
const ORDINAL_SPAN = re(
  `${WORD_START}(?:(?:lần|kỳ|khóa|khoá|đợt|phiên|vòng)\\s+)?thứ\\s+(?:\\d+|[IVXLC]+(?![\\p{L}])|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)${WORD_END}`,
  'giu',
);

/** Where the first item of a list span ends: at its first comma. */
/**
 * A list without the words its first item opens with that the question says: "lĩnh vực" of
 * "lĩnh vực xe điện, hiệu suất năng lượng, …" for "IEC hỗ trợ những lĩnh vực nào?", "quốc gia về"
 * of "quốc gia về dây, cáp điện, …" for "Quy chuẩn kỹ thuật quốc gia về những lĩnh vực nào …?":
 * the items are what follows them. Compared as typed (folded only in a question without marks);
 * a first item the question says whole, or whose first word opens another item too ("chất đạm,
 * chất béo, tinh bột" for "Những chất nào …?"), is left as it is.
 */
function withoutAskedLead(text: string, s: FactSpan, question: string): FactSpan {
  // As typed: folded, "đường" would be the question's "dưỡng", "lá" its "là".
  const marked = hasMarks(question);
  const form = (w: string) => (marked ? canonicalTones(w.toLowerCase()) : fold(w));
  const asked = new Set((nfc(question).match(WORD_RUN) ?? []).map(form));
  const words = [...text.slice(s.start, firstItemEnd(text, s)).matchAll(WORD_RUN)];
  let k = 0;
  while (k < words.length && asked.has(form((words[k] as RegExpMatchArray)[0]))) k++;
  // Not when the question says the whole first item ("sức khỏe tổng thể, gồm …" for "Sức khỏe tổng thể bao gồm những gì?").
  if (k === 0 || k === words.length) return s;
  // Nor from a word another item opens with too: it is the items' own ("chất" of "chất đạm, chất béo").
  const openers = new Set(
    text
      .slice(firstItemEnd(text, s), s.end)
      .split(/,|\s(?:và|hoặc|and|or)\s/u)
      .map((item) => form(item.match(WORD_RUN)?.[0] ?? '')),
  );
  const own = words.findIndex((w, i) => i < k && openers.has(form(w[0])));
  if (own >= 0) k = own;
  return k === 0 ? s : { start: s.start + ((words[k] as RegExpMatchArray).index as number), end: s.end };
}

function firstItemEnd(text: string, s: FactSpan): number {
  const comma = text.indexOf(',', s.start);
  return comma >= 0 && comma < s.end ? comma : s.end;
}

/** "… ký biên bản với ai?", "… làm quà cho ai?": the word before the preposition, and the preposition. */
const SIDE_ASKED = /([\p{L}\p{M}]+)\s+(với|voi|cho)\s+(?:những\s+|nhung\s+)?ai\s*\??\s*$/iu;
/** Where the other side's words end: a clause, or what it was done for, when or where. */
const SIDE_END = re(`[,;:.!?()]|\\s(?:nhằm|để|nhờ|trong việc|trong thời gian|khi|vì|do|tại|ở|vào|từ|về|mà|nhưng|và cùng|sau khi|trước khi)${WORD_END}`, 'u');

/**
 * A question's words and patterns for `sideSpans` and `doerSpans`, made once per question (each
 * of its likeliest sentences is read with them): matched as written when the question has
 * marks, folded when it has none ("bản với" is not "bàn với").
 */
interface SlotPatterns {
  marked: boolean;
  /** "<word> <preposition> " of "… ký biên bản với ai?". */
  side?: { word: string; pattern: RegExp };
  /** The verb of "Ai ký …?" ("Who signed …?": its Vietnamese, from the glossary), and whether it is matched with its marks. */
  doer?: { verb: string; pattern: RegExp; marked: boolean };
}

const slotPatterns = new Lru<string, SlotPatterns>(256);

function slotsOf(question: string): SlotPatterns {
  let p = slotPatterns.get(question);
  if (p) return p;
  const q = nfc(question);
  const marked = hasMarks(q);
  const as = (w: string) => (marked ? w.toLowerCase() : fold(w));
  p = { marked };
  const side = SIDE_ASKED.exec(q);
  if (side) {
    const word = as(side[1] as string);
    p.side = { word, pattern: new RegExp(`${WORD_START}${escapeRegExp(word)}\\s+${escapeRegExp(as(side[2] as string))}\\s+`, 'u') };
  }
  const doer = DOER_ASKED.exec(q);
  const doerOf = (verb: string, withMarks: boolean) => ({
    verb,
    pattern: new RegExp(`${WORD_START}${escapeRegExp(verb)}${WORD_END}`, 'gu'),
    marked: withMarks,
  });
  if (doer && !isStopword(doer[1] as string, marked)) p.doer = doerOf(as(doer[1] as string), marked);
  else {
    // "Who signed …?": the verb's first Vietnamese syllable ("ký" of "ký kết"), matched with its marks.
    const en = EN_DOER_ASKED.exec(q);
    const vi = en ? translateTerms((en[1] as string).toLowerCase())[0]?.split(' ')[0] : undefined;
    if (vi) p.doer = doerOf(vi.toLowerCase(), true);
  }
  slotPatterns.set(question, p);
  return p;
}

/** The text as a question's words are matched in it, or null when folding would move its offsets. */
function readAs(text: string, marked: boolean): string | null {
  const read = marked ? text.toLowerCase() : fold(text);
  return read.length === text.length ? read : null;
}

/**
 * Who something was done with or for, when no one is named: the words after the same
 * preposition after the same word in the sentence ("ký kết Biên bản với các đối tác quốc tế
 * trong LMC nhằm …" for "… ký biên bản với ai?"), up to eight words.
 */
function sideSpans(text: string, question: string): FactSpan[] {
  const { marked, side } = slotsOf(question);
  const read = side ? readAs(text, marked) : null;
  if (!side || !read?.includes(side.word)) return [];
  const at = side.pattern.exec(read);
  if (!at) return [];
  const from = at.index + at[0].length;
  const rest = text.slice(from, from + 120);
  const stop = SIDE_END.exec(rest);
  const words = [...rest.slice(0, stop ? stop.index : rest.length).matchAll(/[^\s]+/gu)].slice(0, 8);
  const last = words.at(-1);
  return last ? [{ start: from, end: from + (last.index as number) + last[0].length }] : [];
}

/** "Ai ký …?", "Ai đã chủ trì …?": the verb asked about, after "ai" and a tense word. */
const DOER_ASKED = /^\s*(?:những\s+ai|nhung\s+ai|ai)\s+(?:(?:đã|da|sẽ|se|đang|dang|vừa|vua)\s+)?([\p{L}\p{M}]+)/iu;
/** "Who signed …?", "Who has attended …?": the English verb asked about. */
const EN_DOER_ASKED = /^\s*who\s+(?:(?:has|have|had|will|did)\s+)?([a-z]+)/iu;

/** Words between a doer and its verb: tense and manner ("đã chính thức ký"), folded. */
const DOER_GAP = new Set(['da', 'se', 'dang', 'vua', 'cung', 'chinh', 'thuc', 'moi', 'deu', 'tiep', 'tuc', 'con', 'van']);

/**
 * Who did it, when no person is named: the body named right before the question's verb, with
 * at most tense or manner words between ("Viện Đo lường Việt Nam đã chính thức ký kết Biên
 * bản" for "Ai ký biên bản …?"); names read as `placesAndOrganisations` reads them.
 */
function doerSpans(text: string, question: string): FactSpan[] {
  const { doer } = slotsOf(question);
  const read = doer ? readAs(text, doer.marked) : null;
  if (!doer || !read?.includes(doer.verb)) return [];
  let named: FactSpan[] | undefined;
  for (const at of read.matchAll(doer.pattern)) {
    named ??= placesAndOrganisations(text);
    const found = named.find((n) => {
      if (n.end > at.index) return false;
      const gap = text.slice(n.end, at.index);
      return /^[\s\p{L}\p{M}]*$/u.test(gap) && (gap.match(/[\p{L}\p{M}]+/gu) ?? []).every((w) => DOER_GAP.has(fold(w)));
    });
    if (found) return [found];
  }
  return [];
}

/** "ai" (who), with or without marks; "những người nào" asks for kinds of people, described any way. */
const WHO = /(?<![\p{L}\p{M}])(?:ai|who)(?![\p{L}\p{M}])/iu;

/**
 * Whether a list names people: one of its items opens with a word for them (the first item may
 * be cut inside a word, "trợ các chuyên gia, cán bộ và sinh viên"; a word for people further into
 * an item is its object, "trị cho bệnh nhân, giảm các cuộc mổ").
 */
function listsPeople(list: string): boolean {
  return list.split(/\s*[,;]\s*|\s+(?:và|hoặc|and|or)\s+/u).some((item) => PEOPLE_ITEM.test(item));
}

/** Words that open an item naming people: "các chuyên gia trẻ", "cán bộ", "doanh nghiệp nhỏ". */
const PEOPLE_ITEM = new RegExp(
  `^(?:(?:các|những|nhiều|mọi|the)\\s+)?(?:${[
    'người',
    'chuyên gia',
    'cán bộ',
    'bác sĩ',
    'y bác sĩ',
    'điều dưỡng',
    'học sinh',
    'sinh viên',
    'học viên',
    'giáo viên',
    'giảng viên',
    'nhà khoa học',
    'nhà nghiên cứu',
    'nhà đầu tư',
    'nhà báo',
    'nhà giáo',
    'nhà quản lý',
    'nhà sản xuất',
    'nhà tài trợ',
    'kỹ sư',
    'kỹ thuật viên',
    'công nhân',
    'nông dân',
    'ngư dân',
    'doanh nghiệp',
    'doanh nhân',
    'lãnh đạo',
    'đại biểu',
    'đại diện',
    'đối tác',
    'thành viên',
    'nhân viên',
    'bệnh nhân',
    'trẻ em',
    'trẻ nhỏ',
    'phụ nữ',
    'thanh niên',
    'cộng đồng',
    'tình nguyện viên',
    'phóng viên',
    'chiến sĩ',
    'cơ quan',
    'tổ chức',
    'đơn vị',
    'gia đình',
    'hộ gia đình',
    'hộ dân',
    'people',
    'experts',
    'staff',
    'students',
    'workers',
    'companies',
    'businesses',
  ].join('|')})${WORD_END}`,
  'iu',
);

/** Nouns for things that have names, asked for as "những X nào" / "các X gì" / "which Xs". */
const NAMED_CLASSES = [
  'người',
  'ai',
  'ông',
  'bà',
  'nhà khoa học',
  'chuyên gia',
  'bác sĩ',
  'thành viên',
  'đối tác',
  'nước',
  'quốc gia',
  'bang',
  'tỉnh',
  'thành phố',
  'huyện',
  'địa phương',
  'khu vực',
  'vùng',
  'châu lục',
  'sông',
  'núi',
  'đảo',
  'bộ',
  'ngành',
  'bộ ngành',
  'tổ chức',
  'cơ quan',
  'đơn vị',
  'công ty',
  'doanh nghiệp',
  'hãng',
  'tập đoàn',
  'bệnh viện',
  'trường',
  'viện',
  'trung tâm',
  'đội',
  'câu lạc bộ',
  'ngân hàng',
  'thương hiệu',
  'nhãn hiệu',
  'thị trường',
  'hội nghị',
  'sự kiện',
  'khuôn khổ',
  'chương trình',
  'dự án',
  'sáng kiến',
  'hiệp định',
  'hiệp hội',
  'diễn đàn',
  'liên minh',
  'cơ chế',
];
/** Typed without marks, these are other words too ("tinh": tính, "song": sống, "dao": đạo, "doi": đổi, "hang": hàng). */
const AMBIGUOUS_FOLDED = new Set(['tinh', 'song', 'dao', 'doi', 'hang']);
const NAMED_CLASS_MARKED = new RegExp(
  `${WORD_START}(?:những|các|nhóm)\\s+(?:${NAMED_CLASSES.join('|')})(?:\\s+[\\p{L}\\p{M}]+){0,2}\\s+(?:nào|gì)${WORD_END}`,
  'iu',
);
const NAMED_CLASS_FOLDED = new RegExp(
  `${WORD_START}(?:nhung|cac|nhom)\\s+(?:${[...new Set(NAMED_CLASSES.map(fold))].filter((c) => !AMBIGUOUS_FOLDED.has(c)).join('|')})(?:\\s+[\\p{L}\\p{M}]+){0,2}\\s+(?:nao|gi)${WORD_END}`,
  'iu',
);
const NAMED_CLASS_EN =
  /\b(?:which|what)\s+(?:\w+\s+)?(?:people|persons|scientists|experts|members|partners|countries|nations|states|provinces|cities|regions|rivers|islands|ministries|organi[sz]ations|agencies|bodies|institutions|companies|firms|businesses|hospitals|universities|schools|institutes|centres|centers|teams|clubs|banks|brands|markets|conferences|events|frameworks|programmes|programs|projects|initiatives|agreements|associations|forums|alliances)\b/i;

/** Whether a list question asks for things that have names (people, places, bodies, companies …), whose lists are capitalised. */
export function asksForNames(question: string, a: QuestionAnalysis): boolean {
  if (a.group) return false;
  if (a.kind === 'person' || a.kind === 'place') return true;
  const q = nfc(question);
  return hasMarks(q) ? NAMED_CLASS_MARKED.test(q) : NAMED_CLASS_FOLDED.test(fold(q)) || NAMED_CLASS_EN.test(q);
}

/**
 * What a question names, capitalised, right after "với", "gặp", "tiếp" or "đón" (the other side of
 * a meeting: "… làm việc với IEC", "… gặp Bộ KH&CN") or after "đại diện" or "thay mặt" (the side
 * asked about, `own`: "Ai đại diện IEC?"), folded.
 */
const SIDE_NAMED = /(?<![\p{L}\p{M}\p{N}])(voi|gap|tiep|don|dai dien|thay mat)\s+(\p{Lu}[\p{L}\p{M}\p{N}&.-]*(?:\s+\p{Lu}[\p{L}\p{M}\p{N}&.-]*)*)/gu;

/** "… làm việc với ai?", "… tiếp ai?", "… gặp những ai?" (folded): the other side of a meeting is asked for. */
const OTHER_SIDE_ASKED = /(?<![\p{L}\p{N}])(?:voi|tiep|gap|don)\s+(?:nhung\s+)?ai\s*\??\s*$/u;
/** A capitalised run of a question read without marks, and the bodies among them: an acronym ("Bo KH&CN", "IEC") or a body's noun first ("Vien Do luong"). */
const CAPITAL_RUN = /(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}\p{N}&.-]*(?:\s+\p{Lu}[\p{L}\p{M}\p{N}&.-]*)*/gu;
const BODY_RUN = /^(?:(?:Bo|So|Cuc|Vien|Uy ban|Tong cuc|Trung tam|Cong ty|Tap doan|To chuc|Hiep hoi)\s|\p{Lu}[\p{Lu}\p{N}&]*\p{Lu}[\p{Lu}\p{N}&]*$)/u;

/**
 * Read without marks, so that a question typed without them ("ai chu tri buoi lam viec voi IEC")
 * reads the same. A body the question names as the side asking for the other ("Bộ KH&CN làm việc
 * với ai?", "IEC gặp ai?") is that side too: its own people are not the answer.
 */
function sidesNamed(question: string): Array<{ body: string; own: boolean }> {
  const q = stripMarks(nfc(question));
  const sides = [...q.matchAll(SIDE_NAMED)].map((m) => ({
    body: fold((m[2] as string).replace(/[.-]+$/u, '')),
    own: m[1] === 'dai dien' || m[1] === 'thay mat',
  }));
  if (!OTHER_SIDE_ASKED.test(q.toLowerCase())) return sides;
  for (const m of q.matchAll(CAPITAL_RUN)) {
    const body = m[0].replace(/[.-]+$/u, '');
    if (BODY_RUN.test(body) && !sides.some((x) => x.body === fold(body))) sides.push({ body: fold(body), own: false });
  }
  return sides;
}

/**
 * A name with its acronym in brackets names a body or a programme, not a person: "Lancang-Mekong
 * (LMC)", "Con đường (BRI)" (of "Sáng kiến Vành đai và Con đường (BRI)").
 */
const ACRONYM_AFTER = /^(?:\s+\p{Ll}[\p{L}\p{M}]*){0,2}\s*\(\p{Lu}[\p{Lu}\d&.-]+\)/u;

/** The clause after "là" right after a name ending at `at` (a bracket or a comma between allowed). */
const DESCRIBED = /\s*(?:\([^()]{0,60}\)\s*)?,?\s*(?:là|chính là|is|was)\s+([^,.;:!?()]{3,160})/uy;

function describedAs(text: string, at: number): FactSpan[] {
  DESCRIBED.lastIndex = at;
  const m = DESCRIBED.exec(text);
  if (!m?.[1]) return [];
  const start = at + m[0].length - m[1].length;
  return [{ start, end: start + m[1].trimEnd().length }];
}

/**
 * Whether person `s` holds one of `offices` as the text writes it: the office before the name,
 * or inside its span ("Tổng Thư ký IEC Philippe Metzger"), or right after it ("ông Philippe
 * Metzger, Tổng Thư ký IEC", "… là Tổng Thư ký IEC").
 */
/**
 * The person without the office the question names, when the span opens with it ("Lê Xuân Định"
 * of "Thứ trưởng Bộ KH&CN Lê Xuân Định" for "Ai là Thứ trưởng Bộ KH&CN?" or "Who is the Vice
 * Minister?"): the question has said it. `offices` are the sentence's, with their bodies.
 */
function withoutOffice(text: string, s: FactSpan, named: ReadonlyArray<{ start: number; end: number }>, offices: readonly FactSpan[]): FactSpan {
  if (!named.some((x) => x.start === s.start)) return s;
  const o = offices.find((x) => x.start === s.start && x.end < s.end);
  if (!o) return s;
  const start = o.end + (/^\s*/u.exec(text.slice(o.end))?.[0].length ?? 0);
  return start < s.end ? { start, end: s.end } : s;
}

/** Words a question capitalises before a name or as a question word, folded. */
const NOT_NAME_START = new Set(['ong', 'ba', 'ngai', 'mr', 'mrs', 'ms', 'dr', 'what', 'which', 'who', 'whose', 'ai', 'trong', 'theo', 'tai', 'o']);

/**
 * Whether a question names a person: a courtesy title and a word ("ông metzger"), or capitalised
 * words that are not an acronym, a place, an office ("Tổng Thư ký"), a body ("Bộ Công Thương",
 * "Viện …"), a question word, nor one word opening the question that is a function word or one
 * marked syllable ("Người …", "Trong bài, …").
 */
function namesPerson(question: string): boolean {
  const q = nfc(question);
  if (CALLED_NAME.test(q)) return true;
  const offices = officesAt(q, !hasMarks(q));
  return capitalRuns(q).some((run) => {
    const words = q.slice(run.start, run.end).split(' ');
    while (words.length && NOT_NAME_START.has(fold((words[0] as string).toLowerCase()))) words.shift();
    if (!words.length || words.every((w) => /^[\p{Lu}\p{N}&.-]+$/u.test(w))) return false;
    // One word opening the question: a name unless a function word or one marked syllable ("Người", "Trong").
    const one = words[0] as string;
    if (run.start === 0 && words.length === 1 && one === q.slice(run.start, run.end) && (isStopword(one, true) || hasMarks(one))) return false;
    const folded = fold(words.join(' ').toLowerCase());
    const first = folded.split(' ');
    if (
      BODY_HEAD.test(first[0] as string) ||
      BODY_HEAD.test(first.slice(0, 2).join(' ')) ||
      BODY_WORDS.has(first.slice(0, 2).join(' ')) ||
      isKnownPlace(folded)
    )
      return false;
    return !offices.some((o) => o.start < run.end && o.end > run.start);
  });
}

function holdsOneOf(text: string, s: FactSpan, offices: ReadonlyArray<{ start: number; end: number }>): boolean {
  return offices.some(
    (o) =>
      (o.start >= s.start && o.start < s.end) ||
      (o.end <= s.start && /^\s{0,2}$/u.test(text.slice(o.end, s.start))) ||
      (o.start >= s.end && /^\s*(?:,|là|la|-|–)\s*$/u.test(text.slice(s.end, o.start))),
  );
}

/**
 * Whether the question (`q`, folded) names person `s` (the span's last two words) and asks who
 * they are ("… là ai?", "Ai là …?", "Who is …?": 'who') or names them as someone else in the
 * story ("Thứ trưởng Lê Xuân Định tiếp ai?" about "Thứ trưởng Bộ KH&CN Lê Xuân Định … làm việc
 * với ông Philippe Metzger": 'other'), or does not name them (null).
 */
/** A courtesy title or a calling ending a text (folded), before a name: "Ông Định" names a person, as "Thứ trưởng Định" does. */
const CALLED_BEFORE = /(?<![\p{L}\p{N}])(?:ong|ba|anh|chi|ngai|mr|mrs|ms|dr|bac si|giao su|tien si|luat su|ky su|nha bao|gs|pgs|ts|bs)$/u;

function askedAbout(text: string, s: FactSpan, q: string, question: string): 'who' | 'other' | null {
  const words = fold(text.slice(s.start, s.end)).split(/\s+/u);
  if (words.length < 2) return null;
  let name = words.slice(-2).join(' ');
  let at = q.indexOf(name);
  // The name's last word alone, capitalised right after a courtesy title, a calling or an office,
  // before no other capitalised word: "Thứ trưởng Định" ("Lê Xuân Định": a Vietnamese name ends
  // with the given name), "Ông Metzger", "bà Lambert", "bác sĩ Lương"; not a word of another name
  // ("Trung Quốc", "Đại lộ Kearney").
  if (at < 0) {
    const last = words.at(-1) as string;
    const qn = nfc(question);
    const qWords = [...qn.matchAll(WORD_RUN)];
    const named = qWords.some((m, i) => {
      if (i === 0 || !/^\p{Lu}/u.test(m[0]) || fold(m[0]) !== last || /^\p{Lu}/u.test(qWords[i + 1]?.[0] ?? '')) return false;
      const before = qn.slice(0, m.index).trimEnd();
      return CALLED_BEFORE.test(fold(before)) || officesAt(before, !hasMarks(before)).some((o) => o.end === before.length);
    });
    at = named ? nextWholeWords(q, last) : -1;
    if (at < 0) return null;
    name = last;
  }
  const asksWho =
    /^\s*(?:la|chinh la)\s+(?:ai|nguoi nao)/u.test(q.slice(at + name.length)) || /(?:ai la|who (?:is|was))\s+(?:\S+\s+){0,3}$/u.test(q.slice(0, at));
  return asksWho ? 'who' : 'other';
}

/**
 * "… ở đâu?", "… tại đâu?", "… ở nơi nào?", "… tại chỗ nào?": Vietnamese asks where in the place of
 * the answer, right after the words it places ("Bác sĩ phát hiện một túi phình ở đâu?").
 */
const WHERE_ASKED = markedPattern(`${WORD_START}(?:ở|tại)\\s+(?:đâu|nơi\\s+nào|chỗ\\s+nào)${WORD_END}`, 'u');
/** "ở", "tại", with marks and folded. */
const AT_WORDS = new Set(['ở', 'tại', 'o', 'tai']);
/** A word pointing back, which names no place ("đẻ con ở đó vì …"), as the text writes it. */
const POINTING_BACK = new Set(['đó', 'đây', 'này', 'kia', 'ấy']);
/** Of the question's words before "ở đâu", at most this many and at least two are looked for together. */
const WHERE_WORDS_MOST = 4;
const WHERE_WORDS_LEAST = 2;
/** A place longer than this many words is a clause, not a place. */
const PLACE_WORDS_MOST = 12;
const CLAUSE_END = /[,;.!?:()"“”«»[\]]/u;

/**
 * The place a sentence gives where the question asks it: the question's last words before "ở đâu"
 * (two to four of them, as they stand, found once in `text`) followed there by "ở" or "tại", and
 * the place after it up to the end of its clause: "Bác sĩ phát hiện một túi phình ở đâu?" of "Bác sĩ
 * phát hiện một túi phình ở động mạch cảnh não bệnh nhân." is "động mạch cảnh não bệnh nhân", where
 * the place finders took a hospital named later in the sentence; "… được cấp cứu ở đâu?" of "… ở
 * Nghệ An được đưa vào cấp cứu tại Bệnh viện …" is the hospital, not the home town. Offsets in `text`.
 */
export function placeWhereAsked(question: string, text: string): FactSpan | undefined {
  const lower = nfc(question).toLowerCase();
  const marked = hasMarks(lower);
  const key = (w: string) => (marked ? canonicalTones(w.toLowerCase()) : fold(w.toLowerCase()));
  const typed = marked ? lower : fold(lower);
  const asked = WHERE_ASKED.forText(typed).exec(typed);
  if (!asked) return undefined;
  const before = (typed.slice(0, asked.index).match(WORD_RUN) ?? []).map(key);
  const words = [...text.matchAll(WORD_RUN)].map((m) => ({ key: key(nfc(m[0])), start: m.index, end: m.index + m[0].length }));
  const spaced = (a: number, b: number) => /^\s+$/u.test(text.slice(a, b));
  for (let k = Math.min(WHERE_WORDS_MOST, before.length); k >= WHERE_WORDS_LEAST; k--) {
    const tail = before.slice(-k);
    const found: number[] = [];
    for (let i = 0; i + k + 1 < words.length; i++) {
      const run = words.slice(i, i + k + 2);
      if (!tail.every((w, j) => run[j]?.key === w) || !AT_WORDS.has((run[k] as (typeof run)[number]).key)) continue;
      if (run.every((w, j) => j === 0 || spaced((run[j - 1] as typeof w).end, w.start))) found.push(i + k + 1);
    }
    if (found.length > 1) return undefined;
    if (!found.length) continue;
    const from = (words[found[0] as number] as (typeof words)[number]).start;
    const stop = CLAUSE_END.exec(text.slice(from));
    const end = text.slice(0, stop ? from + stop.index : text.length).trimEnd().length;
    const place = words.filter((w) => w.start >= from && w.end <= end);
    const opening = place[0];
    if (!opening || place.length > PLACE_WORDS_MOST || POINTING_BACK.has(nfc(text.slice(opening.start, opening.end)).toLowerCase())) return undefined;
    return { start: from, end };
  }
  return undefined;
}

/** The word after "bao nhiêu" / "mấy" in a question: what it counts ("trường" of "bao nhiêu trường đại học"). */
const COUNTED_WORD = /(?<![\p{L}\p{M}])(?:bao nhiêu|bao nhieu|mấy)\s+([\p{L}\p{M}]+)/iu;
const SPELLED_COUNT_WORD = 'một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|lăm|mốt|tư';
/** A count spelled out, and the word after it: "hai trường", "mười hai tháng", "ba mươi lăm người". */
const SPELLED_COUNT = new RegExp(`${WORD_START}(?:${SPELLED_COUNT_WORD})(?:\\s+(?:${SPELLED_COUNT_WORD}))*(?=\\s+([\\p{L}\\p{M}]+))`, 'giu');

/**
 * A count spelled out right before what a "bao nhiêu" / "mấy" question counts, in `text`: "hai" of
 * "Thành phố có hai trường đại học …" for "Thành phố có bao nhiêu trường đại học?", "ba" of "… trong
 * ba lượt chơi" for "… bao nhiêu lượt?". The count alone: the quote gives what it counts. Only when
 * the question asks a count (not a length, an age or a share, `countedThing`), the text spells one
 * count of it, and the question does not say that count itself ("Lớp có 3 tổ, sau tách thành bao
 * nhiêu tổ?" is not "ba" of "ba tổ"). Offsets in `text`.
 */
export function spelledCountAsked(question: string, text: string): FactSpan | undefined {
  if (!countedThing(question).length) return undefined;
  const counted = COUNTED_WORD.exec(nfc(question).toLowerCase())?.[1];
  if (!counted) return undefined;
  const unit = fold(counted);
  const said = fold(shortFormsWrittenOut(question));
  const saidDigits = digitsFor(question);
  const found: FactSpan[] = [];
  for (const m of text.matchAll(SPELLED_COUNT)) {
    if (fold((m[1] as string).toLowerCase()) !== unit) continue;
    const counting = `${m[0]} ${m[1] as string}`;
    if (hasWordIn(said, fold(counting.toLowerCase())) || saidDigits.includes(digitsFor(counting))) continue;
    found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found.length === 1 ? found[0] : undefined;
}

/** The noun for a cause opening a span: "nguyên nhân", "lý do". */
const CAUSE_NOUN_FIRST = new RegExp(`^(?:nguyên\\s+nhân|lý\\s+do|lí\\s+do)${WORD_END}`, 'iu');
/** What gives the cause after that noun, in its clause: "là", "gồm", "bao gồm", "như" ("nguyên nhân như chi phí …"). */
const CAUSE_GIVEN = new RegExp(`${WORD_START}(?:là|bao\\s+gồm|gồm|như)\\s+`, 'iu');

/**
 * A fact span as a short answer, unless it opens with the noun for a cause and so names a cause
 * instead of giving one ("nguyên nhân gây động kinh", "Nguyên nhân tử vong đang được điều tra"):
 * then what its first clause gives after "là", "gồm" or "như" ("tuổi tác cao" of "lý do … là tuổi
 * tác cao"), or nothing. Offsets in `text`.
 */
export function causeGiven(text: string, s: FactSpan): FactSpan | undefined {
  const span = text.slice(s.start, s.end);
  if (!CAUSE_NOUN_FIRST.test(span)) return s;
  const clause = span.split(/[,;]/u)[0] as string;
  const m = CAUSE_GIVEN.exec(clause);
  if (!m) return undefined;
  const start = s.start + m.index + m[0].length;
  return start < s.end ? { start, end: s.end } : undefined;
}
