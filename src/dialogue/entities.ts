import { findDates } from '../text/find-dates.js';
import { fold, hasMarks, nfc } from '../text/normalize.js';

/**
 * What a follow-up can point back to, read from a question or a quoted sentence: people
 * ("ông Philippe Metzger", "Thứ trưởng Lê Xuân Định"), organisations ("IEC", "Viện Đo lường Việt
 * Nam"), events and other named things ("Hội nghị chuyên đề LMC lần thứ 4", "Luật Tiêu chuẩn và
 * Quy chuẩn kỹ thuật"), places ("Bắc Kinh - Trung Quốc") and dates. Written rules, not a trained
 * recogniser: they lean on capitals, titles and head nouns, which news text uses consistently.
 */

/** `thing`: a named law, initiative, programme, agreement… ("Luật Tiêu chuẩn và Quy chuẩn kỹ thuật"). */
export type EntityKind = 'person' | 'org' | 'event' | 'thing' | 'place' | 'date';

export interface Entity {
  kind: EntityKind;
  /** The words as written. */
  text: string;
  /** Folded head noun for events and named things ("hoi nghi", "luat"), or the honorific for people ("ong", "ba"). */
  head?: string;
  /** For people, when the text says: "ông" (male) or "bà" (female). */
  gender?: 'male' | 'female';
  /** For people: the title written before the name ("Thứ trưởng"). */
  title?: string;
  /** For people named by their role only ("Tổng Thư ký IEC"). */
  role?: boolean;
  /** For dates: the ISO range. */
  from?: string;
  to?: string;
  /** Offset in the NFC text. */
  start: number;
}

const CAP = '\\p{Lu}[\\p{Ll}\\p{M}]*';
const CAP_WORD = new RegExp(`^${CAP}(?:-${CAP})*$`, 'u');
const ACRONYM_RE = /(?<![\p{L}\p{N}&])(\p{Lu}[\p{Lu}\d]*(?:&\p{Lu}+)?[\p{Lu}\d]*)(?![\p{L}\p{N}&])/gu;
const ROMAN = /^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$/;

/** Titles that come before a person's name (marked forms; matched folded too). */
const TITLES = [
  'Phó Thủ tướng',
  'Thủ tướng',
  'Phó Chủ tịch',
  'Chủ tịch',
  'Bộ trưởng',
  'Thứ trưởng',
  'Tổng Thư ký',
  'Tổng thư ký',
  'Phó Tổng Giám đốc',
  'Tổng Giám đốc',
  'Phó Giám đốc',
  'Giám đốc',
  'Phó Viện trưởng',
  'Viện trưởng',
  'Cục trưởng',
  'Vụ trưởng',
  'Tổng cục trưởng',
  'Đại sứ',
  'Giáo sư',
  'Tiến sĩ',
  'GS.TS.',
  'PGS.TS.',
  'GS.',
  'PGS.',
  'TS.',
  'ThS.',
  'Trưởng đoàn',
  'Người phát ngôn',
  'Chánh Văn phòng',
  'Phó Trưởng',
  'Trưởng',
  'Mr.',
  'Mrs.',
  'Ms.',
  'Dr.',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Professor',
  'Minister',
  'Deputy Minister',
  'Vice Minister',
  'Secretary-General',
  'Secretary General',
  'General Secretary',
  'President',
  'Director',
];
const HONORIFICS: Record<string, 'male' | 'female' | undefined> = {
  ông: 'male',
  bà: 'female',
  anh: 'male',
  chị: 'female',
  ngài: undefined,
  mr: 'male',
  mrs: 'female',
  ms: 'female',
};

/** Common Vietnamese family names: a capitalised run that starts with one is a person. */
const SURNAMES = new Set(
  'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trịnh Trương Lâm Mai Tạ Cao Hà Lương Vương Tô Chu Tăng Quách Thái Kiều Triệu Lưu Đào Văn Khúc Thân Lại Hứa La Tôn Giang Mạc Diệp Phùng Quan Âu Doãn Khổng'.split(
    ' ',
  ),
);
const SURNAMES_FOLDED = new Set([...SURNAMES].map(fold));
/** Capitalised English words of this domain that are not names ("Vice Minister", "General Secretary"). */
const EN_NOT_NAME = new Set(
  'vietnam viet nam vietnamese ministry science technology general secretary vice deputy minister institute metrology commission international electrotechnical conference symposium lancang mekong china chinese beijing hanoi ha noi thailand laos cambodia myanmar belt road initiative law standards standard what who when where which why how did does do is was the a an and of in on at for with about national technical regulations committee'.split(
    ' ',
  ),
);
const SENTENCE_START = /(?:^|[.!?]\s*)$/u;
/** Capitalised words that begin an organisation, a place or a title rather than a name. */
const NOT_NAME_START = new Set(
  'Bộ Viện Ủy Uỷ Hội Tổng Thứ Phó Chủ Cục Vụ Sở Trung Trường Đại Công Tập Quỹ Ngân Liên Văn Ban Tổ Hiệp Việt Hà Thành Bắc Nam Đông Tây Thái Lào Campuchia Myanmar Trung Nhật Hàn Hoa Anh Pháp Đức Nga Ấn Châu Quốc Sáng Chương Luật Tiêu Quy Biên Lễ Nghị Thông Khoa Kỹ Điện Đo Năm Tháng Ngày Thứ Theo Tại Trong Ngoài Với Và Các Những Một Hai Ông Bà Anh Chị'.split(
    ' ',
  ),
);

/** Head nouns of events (folded, longest first). */
const EVENT_HEAD_LIST = [
  'hoi nghi',
  'hoi thao',
  'dien dan',
  'buoi lam viec',
  'buoi tiep',
  'buoi gap',
  'cuoc hop',
  'cuoc gap',
  'cuoc lam viec',
  'chuyen tham',
  'chuyen cong tac',
  'le ky ket',
  'le ky',
  'phien hop',
  'ky hop',
  'su kien',
];
const EVENT_HEADS = new Set(EVENT_HEAD_LIST);

/** Head nouns of named things a follow-up can call "X này"/"X đó" (folded): the events, then the others. */
const THING_HEADS = [
  ...EVENT_HEAD_LIST,
  'sang kien',
  'chuong trinh',
  'bien ban',
  'hiep dinh',
  'thoa thuan',
  'ban ghi nho',
  'luat',
  'du an',
  'ke hoach',
  'de an',
  'chien luoc',
  'quy chuan',
  'tieu chuan',
  'giai doan',
  'hop tac',
];

/** Head nouns of organisations (folded). */
const ORG_HEADS = [
  'uy ban',
  'to chuc',
  'hiep hoi',
  'trung tam',
  'tong cuc',
  'cuc',
  'bo',
  'vien',
  'so',
  'truong',
  'dai hoc',
  'cong ty',
  'tap doan',
  'quy',
  'ngan hang',
  'lien minh',
  'hoi dong',
  'van phong',
  'vu',
  'co quan',
];

/** Lower-case words that may continue a named thing ("Hội nghị chuyên đề … lần thứ 4"). */
const MODIFIERS = new Set(
  [
    'chuyen de',
    'lan',
    'thu',
    'hop tac',
    'cap cao',
    'quoc te',
    'khu vuc',
    'thuong nien',
    'song phuong',
    'da phuong',
    'toan the',
    'bo truong',
    'ky thuat',
    'va',
    'giua',
    've',
    'do luong',
    'tieu chuan',
    'lam viec',
    'tiep',
    'gap',
    'ky ket',
    'hanh dong',
    'chinh thuc',
    'quoc gia',
  ].flatMap((s) => s.split(' ')),
);
const STOP_AFTER = new Set([
  'duoc',
  'da',
  'se',
  'dang',
  'to',
  'dien',
  'co',
  'la',
  'o',
  'tai',
  'khi',
  'nao',
  'gi',
  'ai',
  'dau',
  'bao',
  'nhu',
  'thi',
  'vao',
  'noi',
  'cho',
  'cua',
  'voi',
  'ngay',
  'nam',
  'thang',
]);

interface Tok {
  text: string;
  folded: string;
  start: number;
  end: number;
  /** Punctuation right after the token (",", "(", ")"…), if any, before the next token. */
  after: string;
}

function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  const re = /[\p{L}\p{M}\p{N}&]+(?:[.'’-][\p{L}\p{M}\p{N}&]+)*\.?/gu;
  for (let m: RegExpExecArray | null; (m = re.exec(text));) {
    let w = m[0];
    // A final dot belongs to an abbreviation ("TS.") only; else it ends the sentence.
    if (w.endsWith('.') && !/^(?:GS|PGS|TS|ThS|Mr|Mrs|Ms|Dr|GS\.TS|PGS\.TS)\.$/.test(w)) w = w.slice(0, -1);
    out.push({ text: w, folded: fold(w), start: m.index, end: m.index + w.length, after: '' });
  }
  for (let i = 0; i < out.length; i++) {
    const t = out[i] as Tok;
    const next = out[i + 1];
    t.after = text.slice(t.end, next ? next.start : text.length).trim();
  }
  return out;
}

const isCap = (t: Tok) => CAP_WORD.test(t.text);
const isAcronym = (t: Tok) =>
  /^\p{Lu}[\p{Lu}\d]*(?:&\p{Lu}+)?[\p{Lu}\d]*$/u.test(t.text) && t.text.length >= 2 && !ROMAN.test(t.text) && /\p{Lu}.*\p{Lu}|\p{Lu}\d/u.test(t.text);

/**
 * Phrases of folded words, looked up by the token they start at. Each phrase is split once and
 * filed under its first word, keeping the list's order, so that a look-up tries only the phrases
 * that can start at that token and returns the first of the list that matches.
 */
class PhraseIndex {
  private readonly byFirst = new Map<string, { phrase: string; words: string[] }[]>();

  constructor(phrases: readonly string[]) {
    for (const phrase of phrases) {
      const words = phrase.split(' ');
      const list = this.byFirst.get(words[0] as string);
      if (list) list.push({ phrase, words });
      else this.byFirst.set(words[0] as string, [{ phrase, words }]);
    }
  }

  /**
   * The first phrase whose words are the tokens from `i` on; with `unbroken`, no punctuation
   * may come between its words (after the last one it may).
   */
  match(toks: readonly Tok[], i: number, unbroken: boolean): string | null {
    const first = toks[i];
    const list = first && this.byFirst.get(first.folded);
    if (!list) return null;
    for (const { phrase, words } of list) {
      if (words.every((w, k) => toks[i + k]?.folded === w && (!unbroken || k === words.length - 1 || !(toks[i + k] as Tok).after))) return phrase;
    }
    return null;
  }
}

function people(text: string, toks: Tok[]): Entity[] {
  const out: Entity[] = [];
  const marked = hasMarks(text);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (!isCap(t) || t.text.length < 2) continue;
    // A run of capitalised words (no punctuation between them).
    let j = i;
    while (j + 1 < toks.length && !(toks[j] as Tok).after && isCap(toks[j + 1] as Tok) && j - i < 4) j++;
    const run = toks.slice(i, j + 1);
    // One capitalised word is a name only right after an honorific ("ông Metzger").
    const afterHonorific = i > 0 && !toks[i - 1]?.after && (toks[i - 1] as Tok).folded in HONORIFICS_FOLDED;
    if (run.length < 2 && !(afterHonorific && !isAcronym(t) && !NOT_NAME_START.has(t.text))) continue;
    // Look back up to four tokens for a title or an honorific ("Thứ trưởng Bộ KH&CN Lê Xuân Định").
    let title: string | undefined;
    let honorific: string | undefined;
    for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
      const w = toks[k] as Tok;
      if (w.after && w.after !== '') break;
      const h = w.folded in HONORIFICS_FOLDED ? w.folded : undefined;
      if (h && k === i - 1) honorific = h;
      for (let n = 4; n >= 1 && !title; n--) {
        const phrase = toks.slice(Math.max(0, k - n + 1), k + 1);
        if (phrase.length === n && TITLES_FOLDED.has(phrase.map((x) => x.folded).join(' ')))
          title = text.slice((phrase[0] as Tok).start, (phrase[n - 1] as Tok).end);
      }
      if (title || honorific) break;
    }
    const first = run[0] as Tok;
    // "tại Hà Nội", "ở Thái Lan": a place, though Hà and Thái are family names too.
    const prevWord = toks[i - 1]?.folded;
    if (prevWord && ['tai', 'o', 'den', 'tu', 'in', 'at', 'to', 'from', 'pho', 'tinh', 'nuoc'].includes(prevWord) && !toks[i - 1]?.after) {
      i = j;
      continue;
    }
    const surname = SURNAMES_FOLDED.has(first.folded) && (marked ? SURNAMES.has(first.text) : true);
    const foreign =
      !marked && run.every((w) => !EN_NOT_NAME.has(w.folded) && !NOT_NAME_FOLDED.has(w.folded)) && i > 0 && !SENTENCE_START.test(text.slice(0, first.start));
    if (!surname && !title && !honorific && !foreign) continue;
    if (!surname && NOT_NAME_START.has(first.text)) continue;
    const name = text.slice(first.start, (run[run.length - 1] as Tok).end);
    out.push({
      kind: 'person',
      text: name,
      start: first.start,
      ...(honorific ? { head: honorific } : {}),
      ...(honorific && HONORIFICS_FOLDED[honorific] ? { gender: HONORIFICS_FOLDED[honorific] } : {}),
      ...(title ? { title } : {}),
    });
    i = j;
  }
  return out;
}

const NOT_NAME_FOLDED = new Set([...NOT_NAME_START].map(fold));
/** Titles folded, without a final abbreviation dot ("ts"). */
const TITLES_FOLDED = new Set(TITLES.map((t) => fold(t).replace(/\.$/, '')));
/** The same titles, longest first, for a role read at a token ("tong thu ky" before "thu ky"). */
const ROLE_TITLES = new PhraseIndex([...TITLES_FOLDED].sort((a, b) => b.split(' ').length - a.split(' ').length));
const ORG_HEAD_INDEX = new PhraseIndex(ORG_HEADS);
const THING_HEAD_INDEX = new PhraseIndex(THING_HEADS);
/**
 * A title with the organisation it belongs to and no name ("Tổng Thư ký IEC", "Thứ trưởng Bộ
 * KH&CN", "the IEC General Secretary"): a person named by role, whom "ông ấy" can mean.
 */
function roles(text: string, toks: Tok[]): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < toks.length; i++) {
    const title = ROLE_TITLES.match(toks, i, true);
    if (!title) continue;
    const n = title.split(' ').length;
    const last = toks[i + n - 1] as Tok;
    const next = toks[i + n];
    if (!next || last.after) continue;
    // The organisation: an acronym, or a name with an organisation head ("Bộ KH&CN").
    let end: number | null = null;
    let lastOfRole = next;
    if (isAcronym(next)) end = next.end;
    else {
      const org = ORG_HEAD_INDEX.match(toks, i + n, false);
      const p = org && isCap(next) ? namedPhrase(text, toks, i + n, org, false) : null;
      if (p) {
        end = next.start + p.text.length;
        lastOfRole = toks[p.end] as Tok;
      }
    }
    if (end === null) continue;
    // A name right after the role is the person ("Thứ trưởng Bộ KH&CN Lê Xuân Định").
    const after = toks[toks.indexOf(lastOfRole) + 1];
    if (after && !lastOfRole.after && isCap(after)) continue;
    out.push({
      kind: 'person',
      role: true,
      text: text.slice((toks[i] as Tok).start, end),
      title: text.slice((toks[i] as Tok).start, last.end),
      start: (toks[i] as Tok).start,
    });
    i += n - 1;
  }
  const en =
    /(?<![\p{L}])(?:the\s+)?(?:([A-Z][A-Z&]+)\s+)?(General Secretary|Secretary[- ]General|Vice Minister|Deputy Minister|Minister|President|Director[- ]General|Director|Chairman|Chairwoman)(?:\s+of\s+the\s+([A-Z][A-Z&]+|[A-Z][\w]+(?:\s+[A-Z][\w]+)*))?(?![\p{L}])/gu;
  for (let m: RegExpExecArray | null; (m = en.exec(text));) {
    const after = text.slice(m.index + m[0].length);
    if (/^\s+[A-Z][a-z]+\s+[A-Z]/.test(after)) continue;
    out.push({
      kind: 'person',
      role: true,
      text: m[0].replace(/^the\s+/i, ''),
      title: m[2] as string,
      start: m.index + (m[0].match(/^the\s+/i)?.[0].length ?? 0),
    });
  }
  return out;
}

/** English named events: "the 4th LMC symposium", "the IEC meeting", "the Lancang-Mekong conference". */
function englishEvents(text: string): Entity[] {
  const out: Entity[] = [];
  const re =
    /(?<![\p{L}])(?:the\s+)?((?:(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth)\s+)?(?:[A-Z][\w&-]*\s+){1,4}(?:[a-z][\w-]*\s+){0,2}(symposium|conference|meeting|summit|forum|workshop|session|talks|visit))(?![\p{L}])/gu;
  for (let m: RegExpExecArray | null; (m = re.exec(text));) {
    const phrase = m[0];
    if (/^(?:What|When|Where|Who|Which|How|Why|Did|Does|Is|Was)\s/.test(phrase)) continue;
    out.push({ kind: 'event', text: phrase, head: (m[2] as string).toLowerCase(), start: m.index });
  }
  return out;
}

const HONORIFICS_FOLDED: Record<string, 'male' | 'female' | undefined> = Object.fromEntries(Object.entries(HONORIFICS).map(([k, v]) => [fold(k), v]));

/** The named thing starting at token i with a head noun: the head and the words that name it. */
function namedPhrase(text: string, toks: Tok[], i: number, head: string, allowLower: boolean): { text: string; end: number } | null {
  const headLen = head.split(' ').length;
  let j = i + headLen - 1;
  let named = false;
  while (j + 1 < toks.length) {
    const prev = toks[j] as Tok;
    if (prev.after && !/^(?:\(|\)|-|–|\)\s*\(?)$/.test(prev.after)) break;
    const n = toks[j + 1] as Tok;
    const proper = isCap(n) || isAcronym(n) || /^\d+$/.test(n.text);
    // A person's name after an organisation is not part of it ("Bộ KH&CN Lê Xuân Định").
    if (named && isCap(n) && SURNAMES.has(n.text) && toks[j + 2] && isCap(toks[j + 2] as Tok) && !n.after) break;
    if (proper) {
      named = true;
      j++;
      continue;
    }
    if (STOP_AFTER.has(n.folded)) break;
    // Vietnamese names capitalise a word's first syllable only ("Khoa học", "Đo lường"): a
    // lower-case syllable after a capitalised one belongs to the name when the name goes on
    // after it ("Viện Đo lường Việt Nam"), or ends right there at punctuation.
    const after = toks[j + 2];
    const goesOn = !n.after ? after !== undefined && (isCap(after) || isAcronym(after) || after.folded === 'va') : /^[().,;:]/.test(n.after);
    const afterCap = isCap(prev) && !prev.after && j >= i + headLen && goesOn;
    const joins = n.folded === 'va' && toks[j + 2] && isCap(toks[j + 2] as Tok);
    if (afterCap || joins || (MODIFIERS.has(n.folded) && (allowLower || named))) {
      j++;
      continue;
    }
    break;
  }
  // Drop a dangling connective or modifier at the end ("Bộ Khoa học và").
  while (j > i + headLen - 1 && ['va', 'giua', 've', 'lan', 'thu', 'hop', 'tac'].includes((toks[j] as Tok).folded) && !isCap(toks[j] as Tok)) j--;
  if (!named) return null;
  let end = (toks[j] as Tok).end;
  // Keep a closing bracket that belongs to the name ("(LMC)").
  const phrase = text.slice((toks[i] as Tok).start, end);
  if (phrase.split('(').length > phrase.split(')').length && text[end] === ')') end++;
  return { text: text.slice((toks[i] as Tok).start, end), end: j };
}

const DESCRIBED_EVENT = new RegExp(
  `^[\\p{L}\\p{M}]+(?:\\s+[\\p{Ll}\\p{M}]+){0,5}?\\s+(?:với|giữa|của|cùng|voi|giua|cua|cung)\\s+(?:(?:ông|bà|đoàn|phái đoàn|ong|ba|doan)\\s+)?(?:\\p{Lu}[\\p{L}\\p{M}&]*)(?:[ -]+\\p{Lu}[\\p{L}\\p{M}&]*){0,4}`,
  'u',
);

function things(text: string, toks: Tok[]): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < toks.length; i++) {
    const head = THING_HEAD_INDEX.match(toks, i, true);
    if (head) {
      const p = namedPhrase(text, toks, i, head, true);
      if (p) {
        out.push({ kind: EVENT_HEADS.has(head) ? 'event' : 'thing', text: p.text, head, start: (toks[i] as Tok).start });
        i = p.end;
        continue;
      }
      // An event described by whom it was with: "buổi tiếp và làm việc với ông Philippe Metzger".
      if (EVENT_HEADS.has(head)) {
        const m = DESCRIBED_EVENT.exec(text.slice((toks[i] as Tok).start));
        if (m) {
          out.push({ kind: 'event', text: m[0], head, start: (toks[i] as Tok).start });
          while (i + 1 < toks.length && (toks[i + 1] as Tok).end <= (toks[i] as Tok).start + m[0].length) i++;
          continue;
        }
      }
    }
    const org = isCap(toks[i] as Tok) ? ORG_HEAD_INDEX.match(toks, i, true) : null;
    if (org) {
      const p = namedPhrase(text, toks, i, org, false);
      if (p) {
        out.push({ kind: 'org', text: p.text, head: org, start: (toks[i] as Tok).start });
        i = p.end;
      }
    }
  }
  return out;
}

function acronyms(text: string): Entity[] {
  const out: Entity[] = [];
  ACRONYM_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = ACRONYM_RE.exec(text));) {
    const a = m[1] as string;
    if (a.length < 2 || ROMAN.test(a) || !/\p{Lu}.*\p{Lu}|\p{Lu}\d/u.test(a)) continue;
    out.push({ kind: 'org', text: a, start: m.index });
  }
  return out;
}

const PLACE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:tại|tai|ở|đến|den|tới|in|at|to)\\s+((?:(?:thành phố|thủ đô|tỉnh|city of)\\s+)?${CAP}(?:[ -]+${CAP}){0,3}(?:\\s+-\\s+${CAP}(?:\\s+${CAP}){0,2})?)`,
  'gu',
);
const NOT_PLACE = new Set(['Hội', 'Bộ', 'Viện', 'Ủy', 'Lễ', 'Buổi', 'Phiên', 'Kỳ', 'Diễn', 'The', 'Thời', 'Đây', 'Đó']);

function places(text: string): Entity[] {
  const out: Entity[] = [];
  PLACE_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = PLACE_RE.exec(text));) {
    const p = m[1] as string;
    const first = p.replace(/^(?:thành phố|thủ đô|tỉnh|city of)\s+/, '').split(/[ -]/)[0] ?? '';
    if (NOT_PLACE.has(first)) continue;
    out.push({ kind: 'place', text: p, start: m.index + m[0].length - p.length });
  }
  return out;
}

/** People, organisations, named things, places and dates in `text`, in reading order. */
export function findEntities(input: string): Entity[] {
  const text = nfc(input);
  const toks = tokens(text);
  const found: Entity[] = [...people(text, toks), ...roles(text, toks), ...things(text, toks), ...englishEvents(text), ...places(text)];
  // An acronym inside a longer name is still its own entity ("IEC" in "Ủy ban … (IEC)").
  found.push(...acronyms(text));
  for (const d of findDates(text)) {
    if (!d.from || !d.to) continue;
    found.push({ kind: 'date', text: d.text, from: d.from, to: d.to, start: d.start });
  }
  // People are not also organisations; an acronym inside a longer name is still its own entity.
  return found
    .filter((e, i, all) => all.findIndex((o) => o.kind === e.kind && o.text === e.text && o.start === e.start) === i)
    .sort((a, b) => a.start - b.start || b.text.length - a.text.length);
}
