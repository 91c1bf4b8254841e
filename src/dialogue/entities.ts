import { findDates } from '../text/find-dates.js';
import { fold, hasMarks, nfc, stripMarks } from '../text/normalize.js';

/**
 * What a follow-up can point back to, read from a question or a quoted sentence: people
 * ("ông Philippe Metzger", "Thứ trưởng Lê Xuân Định"), organisations ("IEC", "Viện Đo lường Việt
 * Nam"), events and other named things ("Hội nghị chuyên đề LMC lần thứ 4", "Luật Tiêu chuẩn và
 * Quy chuẩn kỹ thuật"), places ("Bắc Kinh - Trung Quốc") and dates. Written rules, not a trained
 * recogniser: they lean on capitals, titles and head nouns, which news text uses consistently.
 */

export type EntityKind = 'person' | 'org' | 'event' | 'place' | 'date';

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
  'Phó Thủ tướng', 'Thủ tướng', 'Phó Chủ tịch', 'Chủ tịch', 'Bộ trưởng', 'Thứ trưởng', 'Tổng Thư ký', 'Tổng thư ký', 'Phó Tổng Giám đốc',
  'Tổng Giám đốc', 'Phó Giám đốc', 'Giám đốc', 'Phó Viện trưởng', 'Viện trưởng', 'Cục trưởng', 'Vụ trưởng', 'Tổng cục trưởng', 'Đại sứ',
  'Giáo sư', 'Tiến sĩ', 'GS.TS.', 'PGS.TS.', 'GS.', 'PGS.', 'TS.', 'ThS.', 'Trưởng đoàn', 'Người phát ngôn', 'Chánh Văn phòng', 'Phó Trưởng',
  'Trưởng', 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Mr', 'Mrs', 'Ms', 'Dr', 'Professor', 'Minister', 'Deputy Minister', 'Vice Minister', 'Secretary-General', 'Secretary General', 'General Secretary', 'President', 'Director',
];
const HONORIFICS: Record<string, 'male' | 'female' | undefined> = { ông: 'male', bà: 'female', anh: 'male', chị: 'female', ngài: undefined, mr: 'male', mrs: 'female', ms: 'female' };

/** Common Vietnamese family names: a capitalised run that starts with one is a person. */
const SURNAMES = new Set(
  'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trịnh Trương Lâm Mai Tạ Cao Hà Lương Vương Tô Chu Tăng Quách Thái Kiều Triệu Lưu Đào Văn Khúc Thân Lại Hứa La Tôn Giang Mạc Diệp Phùng Quan Âu Doãn Khổng'.split(' '),
);
const SURNAMES_FOLDED = new Set([...SURNAMES].map(fold));
/** Capitalised English words of this domain that are not names ("Vice Minister", "General Secretary"). */
const EN_NOT_NAME = new Set(
  'vietnam viet nam vietnamese ministry science technology general secretary vice deputy minister institute metrology commission international electrotechnical conference symposium lancang mekong china chinese beijing hanoi ha noi thailand laos cambodia myanmar belt road initiative law standards standard what who when where which why how did does do is was the a an and of in on at for with about national technical regulations committee'.split(' '),
);
const SENTENCE_START = /(?:^|[.!?]\s*)$/u;
/** Capitalised words that begin an organisation, a place or a title rather than a name. */
const NOT_NAME_START = new Set(
  'Bộ Viện Ủy Uỷ Hội Tổng Thứ Phó Chủ Cục Vụ Sở Trung Trường Đại Công Tập Quỹ Ngân Liên Văn Ban Tổ Hiệp Việt Hà Thành Bắc Nam Đông Tây Thái Lào Campuchia Myanmar Trung Nhật Hàn Hoa Anh Pháp Đức Nga Ấn Châu Quốc Sáng Chương Luật Tiêu Quy Biên Lễ Nghị Thông Khoa Kỹ Điện Đo Năm Tháng Ngày Thứ Theo Tại Trong Ngoài Với Và Các Những Một Hai Ông Bà Anh Chị'.split(' '),
);

/** Head nouns of named things a follow-up can call "X này"/"X đó" (folded, longest first). */
export const THING_HEADS = [
  'hoi nghi', 'hoi thao', 'dien dan', 'buoi lam viec', 'buoi tiep', 'buoi gap', 'cuoc hop', 'cuoc gap', 'cuoc lam viec', 'chuyen tham', 'chuyen cong tac',
  'le ky ket', 'le ky', 'phien hop', 'ky hop', 'su kien', 'sang kien', 'chuong trinh', 'bien ban', 'hiep dinh', 'thoa thuan', 'ban ghi nho', 'luat', 'du an',
  'ke hoach', 'de an', 'chien luoc', 'quy chuan', 'tieu chuan', 'giai doan', 'hop tac',
];
const EVENT_HEADS = new Set(['hoi nghi', 'hoi thao', 'dien dan', 'buoi lam viec', 'buoi tiep', 'buoi gap', 'cuoc hop', 'cuoc gap', 'cuoc lam viec', 'chuyen tham', 'chuyen cong tac', 'le ky ket', 'le ky', 'phien hop', 'ky hop', 'su kien']);

/** Head nouns of organisations (folded). */
export const ORG_HEADS = [
  'uy ban', 'to chuc', 'hiep hoi', 'trung tam', 'tong cuc', 'cuc', 'bo', 'vien', 'so', 'truong', 'dai hoc', 'cong ty', 'tap doan', 'quy', 'ngan hang', 'lien minh',
  'hoi dong', 'van phong', 'vu', 'co quan',
];

/** Lower-case words that may continue a named thing ("Hội nghị chuyên đề … lần thứ 4"). */
const MODIFIERS = new Set(
  ['chuyen de', 'lan', 'thu', 'hop tac', 'cap cao', 'quoc te', 'khu vuc', 'thuong nien', 'song phuong', 'da phuong', 'toan the', 'bo truong', 'ky thuat', 'va', 'giua', 've', 'do luong', 'tieu chuan', 'lam viec', 'tiep', 'gap', 'ky ket', 'hanh dong', 'chinh thuc', 'quoc gia']
    .flatMap((s) => s.split(' ')),
);
const STOP_AFTER = new Set(['duoc', 'da', 'se', 'dang', 'to', 'dien', 'co', 'la', 'o', 'tai', 'khi', 'nao', 'gi', 'ai', 'dau', 'bao', 'nhu', 'thi', 'vao', 'noi', 'cho', 'cua', 'voi', 'ngay', 'nam', 'thang']);

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
  for (let m: RegExpExecArray | null; (m = re.exec(text)); ) {
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
const isAcronym = (t: Tok) => /^\p{Lu}[\p{Lu}\d]*(?:&\p{Lu}+)?[\p{Lu}\d]*$/u.test(t.text) && t.text.length >= 2 && !ROMAN.test(t.text) && /\p{Lu}.*\p{Lu}|\p{Lu}\d/u.test(t.text);

/** Index of the first token of a phrase (folded words) that starts at token `i`, or -1. */
function matchPhrase(toks: Tok[], i: number, phrases: readonly string[]): string | null {
  for (const p of phrases) {
    const words = p.split(' ');
    if (words.every((w, k) => toks[i + k]?.folded === w && (k === words.length - 1 || !(toks[i + k] as Tok).after))) return p;
  }
  return null;
}

function people(text: string, toks: Tok[]): Entity[] {
  const out: Entity[] = [];
  const marked = hasMarks(text);
  const titles = TITLES.map((t) => fold(t).replace(/\.$/, ''));
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (!isCap(t) || t.text.length < 2) continue;
    // A run of capitalised words (no punctuation between them).
    let j = i;
    while (j + 1 < toks.length && !(toks[j] as Tok).after && isCap(toks[j + 1] as Tok) && j - i < 4) j++;
    const run = toks.slice(i, j + 1);
    if (run.length < 2) continue;
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
        if (phrase.length === n && titles.includes(phrase.map((x) => x.folded).join(' '))) title = text.slice((phrase[0] as Tok).start, (phrase[n - 1] as Tok).end);
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
    const foreign = !marked && run.every((w) => !EN_NOT_NAME.has(w.folded) && !NOT_NAME_FOLDED.has(w.folded)) && i > 0 && !SENTENCE_START.test(text.slice(0, first.start));
    if (!surname && !title && !honorific && !foreign) continue;
    if (!surname && NOT_NAME_START.has(first.text)) continue;
    // Trim trailing words that start an organisation or a place glued to the name.
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
    // Vietnamese names capitalise a word's first syllable only: "Khoa học", "Đo lường".
    const afterCap = isCap(prev) && !prev.after && j >= i + headLen;
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

function things(text: string, toks: Tok[]): Entity[] {
  const out: Entity[] = [];
  for (let i = 0; i < toks.length; i++) {
    const head = matchPhrase(toks, i, THING_HEADS);
    if (head) {
      const p = namedPhrase(text, toks, i, head, true);
      if (p) {
        out.push({ kind: EVENT_HEADS.has(head) ? 'event' : 'event', text: p.text, head, start: (toks[i] as Tok).start });
        i = p.end;
        continue;
      }
    }
    const org = isCap(toks[i] as Tok) ? matchPhrase(toks, i, ORG_HEADS) : null;
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
  for (let m: RegExpExecArray | null; (m = ACRONYM_RE.exec(text)); ) {
    const a = m[1] as string;
    if (a.length < 2 || ROMAN.test(a) || !/\p{Lu}.*\p{Lu}|\p{Lu}\d/u.test(a)) continue;
    out.push({ kind: 'org', text: a, start: m.index });
  }
  return out;
}

const PLACE_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:tại|ở|in|at)\\s+((?:(?:thành phố|thủ đô|tỉnh|city of)\\s+)?${CAP}(?:[ -]+${CAP}){0,3}(?:\\s+-\\s+${CAP}(?:\\s+${CAP}){0,2})?)`, 'gu');
const NOT_PLACE = new Set(['Hội', 'Bộ', 'Viện', 'Ủy', 'Lễ', 'Buổi', 'Phiên', 'Kỳ', 'Diễn', 'The', 'Thời', 'Đây', 'Đó']);

function places(text: string): Entity[] {
  const out: Entity[] = [];
  PLACE_RE.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = PLACE_RE.exec(text)); ) {
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
  const found: Entity[] = [...people(text, toks), ...things(text, toks), ...places(text)];
  const covered = (e: Entity) => found.some((f) => f !== e && f.kind !== 'place' && e.start >= f.start && e.start < f.start + f.text.length);
  for (const a of acronyms(text)) if (!covered(a) || true) found.push(a);
  for (const d of findDates(text)) {
    if (!d.from || !d.to) continue;
    found.push({ kind: 'date', text: d.text, from: d.from, to: d.to, start: d.start });
  }
  // People are not also organisations; an acronym inside a longer name is still its own entity.
  return found
    .filter((e, i, all) => all.findIndex((o) => o.kind === e.kind && o.text === e.text && o.start === e.start) === i)
    .sort((a, b) => a.start - b.start || b.text.length - a.text.length);
}

/** Folded text, for comparing entities typed with and without marks. */
export function sameEntity(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

/** True when the text was typed with Vietnamese marks (rewrites then keep the marked forms). */
export function typedWithMarks(text: string): boolean {
  return hasMarks(text);
}

export { stripMarks };
