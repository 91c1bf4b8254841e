import { officeAt } from '../answer/titles.js';
import { fold, hasMarks } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { isSyllableShaped, isVowelless } from '../text/words.js';
import {
  AIR_AFTER,
  ANTONYMS,
  FAMILY_NAMES,
  GRADABLE,
  isKnownPlace,
  type Modality,
  MODALITY_EN,
  MODALITY_VI,
  NEGATION_EN,
  NEGATION_VI,
  NOT_NEGATION_AFTER,
  NOT_NEGATION_BEFORE,
  ORGANISATION_WORDS,
  PERSON_TITLES,
  PLACE_NAMES,
  PLACE_WORDS,
  placeAliases,
  QUANTIFIERS,
} from './lexicon.js';
import type { Token } from './tokens.js';

/**
 * Facts read from a sentence's words: where it negates, what tense or modality it speaks in,
 * which words have opposites, and which runs of capitalised words are names (and of what).
 * Multi-word cues are matched on token sequences, so they respect word boundaries.
 */

export interface Cue {
  /** Token range [from, to). */
  from: number;
  to: number;
}

export interface ModalityCue extends Cue {
  modality: Modality;
}

type Phrase = string[];
const phrases = (list: readonly string[], key: (s: string) => string = (s) => s): Phrase[] =>
  [...new Set(list.map((s) => s.toLowerCase()))].map((s) => s.split(' ').map(key)).sort((a, b) => b.length - a.length);

function matchAt(tokens: readonly Token[], at: number, phrase: Phrase, folded: boolean): boolean {
  if (at + phrase.length > tokens.length) return false;
  const clause = (tokens[at] as Token).clause;
  for (let k = 0; k < phrase.length; k++) {
    const t = tokens[at + k] as Token;
    if (t.clause !== clause || (folded ? t.folded : t.lower) !== phrase[k]) return false;
  }
  return true;
}

/** Phrase lists matched on marked words, or on folded words when the text has no marks. */
interface Lexicon {
  marked: Phrase[];
  folded: Phrase[];
  /** Phrases by their first word, longest first: a token is tried only against phrases that start with it. */
  byFirst: { marked: Map<string, Phrase[]>; folded: Map<string, Phrase[]> };
}

function byFirst(list: Phrase[]): Map<string, Phrase[]> {
  const out = new Map<string, Phrase[]>();
  for (const p of list) out.set(p[0] as string, [...(out.get(p[0] as string) ?? []), p]);
  return out;
}

const lexicon = (list: readonly string[]): Lexicon => {
  const marked = phrases(list);
  const folded = phrases(list, fold);
  return { marked, folded, byFirst: { marked: byFirst(marked), folded: byFirst(folded) } };
};

function find(tokens: readonly Token[], lex: Lexicon, folded: boolean, at: number): number {
  const t = tokens[at];
  if (!t) return 0;
  for (const p of (folded ? lex.byFirst.folded : lex.byFirst.marked).get(folded ? t.folded : t.lower) ?? [])
    if (matchAt(tokens, at, p, folded)) return p.length;
  return 0;
}

const NEG = lexicon([...NEGATION_VI, ...NEGATION_EN]);
const NOT_AFTER = lexicon(NOT_NEGATION_AFTER);
const NOT_BEFORE = new Set(NOT_NEGATION_BEFORE.map(fold));
const AIR = new Set(AIR_AFTER);
const MODALITY: Array<[Modality, Lexicon]> = (Object.keys(MODALITY_VI) as Modality[]).map((m) => [m, lexicon([...MODALITY_VI[m], ...MODALITY_EN[m]])]);

/** The syllables, folded, of the Vietnamese words the rules here read: negations, tense, opposites and quantities. */
export const RULE_SYLLABLES: ReadonlySet<string> = new Set(
  [...NEGATION_VI, ...Object.values(MODALITY_VI).flat(), ...ANTONYMS.flat(), ...QUANTIFIERS.flat()].flatMap((w) => fold(w).split(/\s+/u)),
);

/**
 * Negation cues. Folded matching (for text typed without marks) reads "khong" and "chua"
 * only: folded "chang" and "cha" are too often other words.
 */
export function negationCues(tokens: readonly Token[], folded: boolean): Cue[] {
  const out: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const len = find(tokens, NEG, folded, i);
    if (!len) continue;
    const t = tokens[i] as Token;
    if (folded && !['khong', 'chua', 'thieu', 'thay', 'tu', 'phu', 'bac', 'not', 'no', 'never', 'without', 'refused', 'denied', 'rejected'].includes(t.folded))
      continue;
    const prev = tokens[i - 1];
    const isVietnameseNegator = ['không', 'chưa', 'chẳng', 'thiếu', 'khong', 'chua', 'thieu'].includes(folded ? t.folded : t.lower);
    if (isVietnameseNegator && len === 1) {
      if (prev && prev.clause === t.clause && NOT_BEFORE.has(prev.folded)) continue;
      if (find(tokens, NOT_AFTER, folded, i + 1)) continue;
      // "… hay không", "… không?" at the end of a clause is a question tag.
      const next = tokens[i + 1];
      if (!next || next.clause !== t.clause) continue;
      if (prev?.folded === 'tren' && prev.clause === t.clause && AIR.has(next.folded)) continue;
    }
    // "not only … but also", "not just", "not merely" add, as "không chỉ … mà còn" does.
    if (t.lower === 'not' && len === 1 && ['only', 'just', 'merely', 'simply'].includes(tokens[i + 1]?.lower ?? '') && tokens[i + 1]?.clause === t.clause)
      continue;
    // "no" in English is a negation before a noun ("no agreement"), not as an answer.
    if (t.lower === 'no' && (!tokens[i + 1] || (tokens[i + 1] as Token).clause !== t.clause)) continue;
    out.push({ from: i, to: i + len });
    i += len - 1;
  }
  return out;
}

/** Verbs (folded) that "da" / "se" / "dang" typed without marks stand before as tense markers. */
const AUX_VERBS = new Set([
  'tro',
  'la',
  'ky',
  'duoc',
  'hoan',
  'dat',
  'chinh',
  'tham',
  'to',
  'dien',
  'ho',
  'cam',
  'trien',
  'ban',
  'thong',
  'gia',
  'dua',
  'thuc',
]);

export function modalityCues(tokens: readonly Token[], folded: boolean): ModalityCue[] {
  const out: ModalityCue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let best: ModalityCue | null = null;
    for (const [modality, lex] of MODALITY) {
      const len = find(tokens, lex, folded, i);
      if (len && (!best || len > best.to - best.from)) best = { from: i, to: i + len, modality };
    }
    if (!best) continue;
    // Folded "da", "se", "dang" are too often other words ("da" skin, "dang" shape): only with
    // marks, or right before a verb they so often mark ("da tro thanh", "se ky ket", "da la").
    const next = tokens[i + 1];
    const beforeVerb = next !== undefined && next.clause === (tokens[i] as Token).clause && AUX_VERBS.has(next.folded);
    if (
      folded &&
      best.to - best.from === 1 &&
      ['da', 'se', 'dang', 'mong', 'som', 'sap', 'vua', 'tung', 'roi'].includes((tokens[i] as Token).folded) &&
      !(beforeVerb && ['da', 'se', 'dang'].includes((tokens[i] as Token).folded))
    )
      continue;
    out.push(best);
    i = best.to - 1;
  }
  return out;
}

export interface AntonymHit {
  /** Token range in the text. */
  from: number;
  to: number;
  /** A negation just before the word flips it: "chưa cao" says "thấp". */
  negated: boolean;
  /** Index of the pair in ANTONYMS (or QUANTIFIERS) and which side (0 or 1). */
  pair: number;
  side: 0 | 1;
  quantifier: boolean;
  /**
   * A word of one syllable read without tone marks ("it" for "ít", "cao"), which may spell another
   * word: it counts only against its opposite in the very slot it fills.
   */
  loose?: true;
}

const ANTONYM_PHRASES = [...ANTONYMS.map((p) => [p, false] as const), ...QUANTIFIERS.map((p) => [p, true] as const)].map(([[a, b], q]) => ({
  gradable: GRADABLE.has(a) && GRADABLE.has(b),
  a: { marked: phrases([a])[0] as Phrase, folded: phrases([a], fold)[0] as Phrase },
  b: { marked: phrases([b])[0] as Phrase, folded: phrases([b], fold)[0] as Phrase },
  quantifier: q,
}));

/** Words that have an opposite in the lists, where they occur. Folded matching only for words of two syllables or more. */
export function antonymHits(tokens: readonly Token[], folded: boolean, negations: readonly Cue[] = [], loose = false): AntonymHit[] {
  const out: AntonymHit[] = [];
  // "không ít" (not few) is "nhiều" even though "không ít" is not read as a negation elsewhere.
  const negator = (t: Token | undefined, at: number) =>
    t !== undefined && t.clause === (tokens[at] as Token).clause && ['khong', 'chua', 'chang', 'cha'].includes(t.folded);
  const negated = (at: number) =>
    negator(tokens[at - 1], at) || negations.some((c) => c.to <= at && at - c.to <= 1 && (tokens[c.from] as Token).clause === (tokens[at] as Token).clause);
  const index = folded ? ANTONYM_INDEX.folded : ANTONYM_INDEX.marked;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    for (const { pair, side } of index.get(folded ? t.folded : t.lower) ?? []) {
      const p = ANTONYM_PHRASES[pair] as (typeof ANTONYM_PHRASES)[number];
      const ph = (side === 0 ? p.a : p.b)[folded ? 'folded' : 'marked'];
      const single = folded && ph.length < 2;
      if (single && !loose) continue;
      // "ít nhất", "nhiều nhất" before a figure are its bounds (at least, at most), not few or many.
      if ((t.folded === 'it' || t.folded === 'nhieu') && ph.length === 1 && tokens[i + 1]?.folded === 'nhat' && tokens[i + 1]?.clause === t.clause) continue;
      if (matchAt(tokens, i, ph, folded))
        out.push({
          from: i,
          to: i + ph.length,
          negated: p.gradable && negated(i),
          pair,
          side,
          quantifier: p.quantifier,
          ...(single ? { loose: true as const } : {}),
        });
    }
  }
  // In the order the lists give them, as callers read them.
  return out.sort((x, y) => x.pair - y.pair || x.side - y.side || x.from - y.from);
}

/** Antonym phrases by their first word. */
const ANTONYM_INDEX = (() => {
  const make = (mode: 'marked' | 'folded') => {
    const m = new Map<string, Array<{ pair: number; side: 0 | 1 }>>();
    ANTONYM_PHRASES.forEach((p, pair) => {
      for (const side of [0, 1] as const) {
        const first = (side === 0 ? p.a : p.b)[mode][0] as string;
        m.set(first, [...(m.get(first) ?? []), { pair, side }]);
      }
    });
    return m;
  };
  return { marked: make('marked'), folded: make('folded') };
})();

// --- names ------------------------------------------------------------------------------------

export type NameKind = 'person' | 'place' | 'organisation' | 'other';

export interface NameRun {
  from: number;
  to: number;
  kind: NameKind;
  /** Folded words of the name. */
  words: string[];
}

const isAcronym = (t: Token) => /^\p{Lu}[\p{Lu}\p{N}&]+$/u.test(t.text);
/** "U20", "COVID", "H5N1": letters and digits together. */
const isCode = (t: Token) => /\p{L}/u.test(t.text) && /\p{N}/u.test(t.text);
const isCapital = (t: Token) => /^\p{Lu}/u.test(t.text) || isCode(t);

const PERSON = lexicon(PERSON_TITLES);
const PLACE = lexicon(PLACE_WORDS);
const ORG = lexicon(ORGANISATION_WORDS);
const FAMILY = new Set(FAMILY_NAMES.map(fold));
const COMMON = new Set([...STOPWORDS, ...PLACE_WORDS.map(fold)]);
const PLACE_JOINERS = new Set(['o', 'tai', 'cua', 'cho', 'voi', 'tu', 'den', 'tren', 'trong']);
/** English months and days of the week, folded. */
const WHEN_NAMES = new Set(
  'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(' '),
);
/** Words that often open a sentence and are not names. */
const SENTENCE_OPENERS = new Set(
  'hai ba bon nam sau bay tam chin muoi mot cac nhung theo tai trong sau truoc khi neu ngay thang nam dau cuoi hom sang chieu toi trua dem luc vao nhieu mot so hien hom qua ve voi do'.split(
    ' ',
  ),
);
/** Every spelling of a place, lower-cased as written ("huế", "ý": not "y" of "Bộ Y tế"). */
const PLACE_SPELLINGS = new Set(PLACE_NAMES.flat().map((p) => p.toLowerCase()));

export { isKnownPlace, placeAliases };

function endsWithPhrase(tokens: readonly Token[], end: number, list: Lexicon, folded: boolean): boolean {
  for (const p of folded ? list.folded : list.marked) {
    const at = end - p.length;
    if (at >= 0 && matchAt(tokens, at, p, folded)) return true;
  }
  return false;
}

function startsWithPhrase(tokens: readonly Token[], at: number, list: Lexicon, folded: boolean): boolean {
  return find(tokens, list, folded, at) > 0;
}

function classify(tokens: readonly Token[], from: number, to: number, folded: boolean): NameKind {
  const words = tokens
    .slice(from, to)
    .map((t) => t.folded)
    .join(' ');
  if (isKnownPlace(words)) return 'place';
  // A month or a day of the week is when, even after "in" ("in August 2023").
  if (to - from === 1 && WHEN_NAMES.has(words)) return 'other';
  if (to - from === 1 && isAcronym(tokens[from] as Token)) return 'organisation';
  if (startsWithPhrase(tokens, from, ORG, folded)) return 'organisation';
  // Up to three words before the run: "Thứ trưởng Bộ KH&CN Lê Xuân Định", "tại thủ đô Moscow".
  for (let k = from; k >= Math.max(0, from - 3); k--) {
    if (endsWithPhrase(tokens, k, PERSON, folded)) return 'person';
    if (k === from && endsWithPhrase(tokens, k, PLACE, folded)) return 'place';
  }
  if (to - from >= 2 && to - from <= 4 && FAMILY.has((tokens[from] as Token).folded)) return 'person';
  if (to - from === 1 && isAcronym(tokens[from] as Token)) return 'organisation';
  return 'other';
}

/**
 * Runs of capitalised words and codes ("Bắc Kinh", "Lê Xuân Định", "IEC", "U20"), not
 * crossing punctuation. A lone capitalised word opening the text is a sentence start, not
 * a name, unless it is an acronym, a known place or a word no Vietnamese syllable is spelt as.
 */
export function nameRuns(tokens: readonly Token[], text: string, folded = false): NameRun[] {
  const out: NameRun[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (!isCapital(t)) {
      i++;
      continue;
    }
    // "TP." / "TP" before a city's name is the word for city, not an organisation's acronym:
    // "TP. Hồ Chí Minh" is the place "Hồ Chí Minh" (a known spelling as a whole, "TP.HCM", stays one name).
    const next = tokens[i + 1];
    if (t.folded === 'tp' && next && isCapital(next) && /^\.?\s+$/.test(text.slice(t.end, next.start)) && !isKnownPlace(`tp ${next.folded}`)) {
      i++;
      continue;
    }
    // A title written with capitals ("Tổng Thư ký", "Thứ trưởng") is not part of the name after it.
    const title = find(tokens, PERSON, folded, i);
    if (title && tokens.slice(i, i + title).every((x) => x.clause === t.clause)) {
      i += title;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const u = tokens[j] as Token;
      const gap = text.slice((tokens[j - 1] as Token).end, u.start);
      // A place written with a dot ("TP.HCM") is one name when the whole is a known spelling of it.
      const dotted = gap === '.' && isKnownPlace([...tokens.slice(i, j), u].map((x) => x.folded).join(' '));
      if (!isCapital(u) || (u.clause !== t.clause && !dotted) || (!/^[\s&-]*$/.test(gap) && !dotted) || /\s-\s/.test(gap)) break;
      // A person's name after an organisation's ("Bộ KH&CN Lê Xuân Định") starts a run of its own.
      if (FAMILY.has(u.folded) && (isAcronym(tokens[j - 1] as Token) || startsWithPhrase(tokens, i, ORG, folded)) && j > i) break;
      j++;
    }
    // An organisation's name runs on over lower-case words to its next capital: "Hội đồng Anh", "Bộ Khoa học và Công nghệ".
    if (startsWithPhrase(tokens, i, ORG, folded)) {
      const joins = (u: Token | undefined) => u !== undefined && u.clause === t.clause && isCapital(u);
      for (let k = j; k < tokens.length && k < i + 10; k++) {
        const u = tokens[k] as Token;
        if (u.clause !== t.clause || /[^\s&-]/.test(text.slice((tokens[k - 1] as Token).end, u.start))) break;
        if (FAMILY.has(u.folded) && isAcronym(tokens[k - 1] as Token)) break;
        // Nor past its acronym, nor into an office: "Bộ KH&CN tiếp Tổng Thư ký IEC" is a body, a verb and an office.
        if (isCapital(u) ? officeAt(tokens, k) : isAcronym(tokens[k - 1] as Token)) break;
        if (isCapital(u)) j = k + 1;
        // A lower-case word joins only when a capital follows within two words, and only a
        // word of the name itself ("học", "và"), not a preposition ("Công ty X ở Canada").
        else if ((u.stop && u.folded !== 'va') || PLACE_JOINERS.has(u.folded) || (!joins(tokens[k + 1]) && !joins(tokens[k + 2]))) break;
      }
      // Its last word's second syllable, in lower case as Vietnamese names write it ("Bộ Thông
      // tin và Truyền thông", "Bộ Y tế", "Viện Dinh dưỡng"): after a capital that follows the
      // body's word or a lower-case one (not "Bộ Công Thương xây dựng"), a Vietnamese syllable, not
      // a place ("Bệnh viện Trung ương Huế dùng").
      const last = tokens[j - 1] as Token;
      const after = tokens[j];
      if (
        after &&
        j - 1 > i &&
        after.clause === t.clause &&
        !isCapital(after) &&
        !after.stop &&
        !PLACE_JOINERS.has(after.folded) &&
        /^\s+$/.test(text.slice(last.end, after.start)) &&
        !isAcronym(last) &&
        !PLACE_SPELLINGS.has(last.lower) &&
        (hasMarks(last.text) || last.text.length <= 4) &&
        (j - 2 === i || !isCapital(tokens[j - 2] as Token))
      )
        j++;
    }
    let from = i;
    // A capital that opens the text or a sentence is not a name by itself.
    const sentenceStart = i === 0 || /[.!?…]\s*$/.test(text.slice(Math.max(0, t.start - 3), t.start));
    // A common word opening a sentence is capitalised for that reason only ("Theo ông …", "Hai nhà …").
    // A word no Vietnamese syllable is spelt as ("Metzger hứa …") is a name even there.
    if (
      sentenceStart &&
      !isAcronym(t) &&
      !isCode(t) &&
      !isKnownPlace(t.folded) &&
      ((j - i === 1 && isSyllableShaped(t.text)) || COMMON.has(t.folded) || SENTENCE_OPENERS.has(t.folded))
    ) {
      const rest = tokens
        .slice(i, j)
        .map((x) => x.folded)
        .join(' ');
      if (!isKnownPlace(rest)) from = i + 1;
    }
    // One capitalised common word ("Hội", "Trường", "Theo") is not a name.
    const lone =
      j - from === 1 &&
      !isAcronym(tokens[from] as Token) &&
      !isCode(tokens[from] as Token) &&
      (COMMON.has((tokens[from] as Token).folded) || startsWithPhrase(tokens, from, ORG, folded) || startsWithPhrase(tokens, from, PERSON, folded));
    if (j > from && !lone) out.push({ from, to: j, kind: classify(tokens, from, j, folded), words: tokens.slice(from, j).map((x) => x.folded) });
    i = j;
  }
  return out;
}

/**
 * Places whose spellings read as names when typed in lower case: of two words or more, or one of
 * five letters or more ("hà nội", "bac kinh", "campuchia"); not "anh", "lào", "đức", which are
 * words too. Spelled as written for a text with marks ("bài viết năm" is no "Việt Nam"), folded
 * for a text without.
 */
const LOWER_CASE_PLACES = (() => {
  const words = (s: string) =>
    s
      .replace(/[.\-\s]+/g, ' ')
      .trim()
      .split(' ');
  const spellings = [...PLACE_SPELLINGS].filter((p) => p.includes(' ') || p.length >= 5);
  const longestFirst = (a: string[], b: string[]) => b.length - a.length;
  return {
    marked: spellings.map(words).sort(longestFirst),
    folded: [...new Set(spellings.map(fold))].map(words).sort(longestFirst),
  };
})();

/** "viết tắt" (abbreviation), folded, which may follow the word it is said of after "là". */
const ABBREVIATED = ['viet', 'tat'];
/** Words typed before "viết tắt" that are no acronym: "là", "từ/chữ/cụm/ký hiệu viết tắt", "được viết tắt", "cách viết tắt". */
const NOT_ABBREVIATED = new Set(['la', 'tu', 'chu', 'cum', 'hieu', 'ky', 'ki', 'duoc', 'cach', 'ten', 'nhu', 'va', 'goi', 'khi', 'se']);

/**
 * Whether word `i` (of the letters of a text typed in lower case) is said to be an abbreviation:
 * "bri (là) viết tắt của gì" asks what "BRI" stands for, whatever its vowels. Two to six letters,
 * not a word with tone marks.
 */
function abbreviationAsked(words: readonly RegExpMatchArray[], i: number): boolean {
  const w = (words[i] as RegExpMatchArray)[0];
  if (w.length < 2 || w.length > 6 || hasMarks(w) || NOT_ABBREVIATED.has(w.toLowerCase())) return false;
  const next = (k: number) => fold((words[k]?.[0] ?? '').toLowerCase());
  const from = next(i + 1) === 'la' ? i + 2 : i + 1;
  return ABBREVIATED.every((x, k) => next(from + k) === x);
}

/** Titles before a person's name, folded, as word lists, longest first. */
const TITLE_WORDS = [...new Set(PERSON_TITLES.map((t) => fold(t)))].map((t) => t.split(/[\s-]+/)).sort((a, b) => b.length - a.length);
/** Titles after which a foreign name typed in lower case is read ("ông philippe metzger"); not "anh", "em", "cô", which are words too. */
const FOREIGN_NAME_TITLES = new Set([
  'ong',
  'ba',
  'ngai',
  'mr',
  'mrs',
  'ms',
  'dr',
  'thu truong',
  'bo truong',
  'tong thu ky',
  'chu tich',
  'giam doc',
  'tong giam doc',
  'dai su',
]);
/** Words typed right after a name that are no part of it (folded): verbs and function words; "văn", "thị" are middle names. */
const AFTER_NAME = new Set(
  'la cho tiep gap noi da se dang duoc lam ky tai o va voi cung khang nhan bay phat chia tuyen danh mong de cam tham den di ve neu bi khong chua vua moi hien nay cua trong tu sau truoc khi nhung ma nen roi deu con co dat giu tro cung cho biet rang thuoc sang'.split(
    ' ',
  ),
);
/** A Vietnamese syllable as typed without marks: an onset, one to three vowels and a coda. */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/u;

/**
 * How many words from `at` (of the letters of a text typed in lower case) are a person's name
 * after a title or "ông" / "bà": a family name and one or two more syllables ("thu truong le xuan
 * dinh", "ông lê xuân định"), or, after "ông", "bà" or an office, words no Vietnamese syllable
 * spells ("ong philippe metzger"); 0 when none. Names are read from capitals, so without this a
 * person typed in lower case went uncompared.
 */
function personAfterTitle(words: readonly RegExpMatchArray[], text: string, at: number): number {
  const form = (k: number) => fold((words[k]?.[0] ?? '').toLowerCase());
  // Words of one name are written with spaces only between them.
  const joined = (k: number) =>
    k > 0 &&
    /^ +$/u.test(
      text.slice(
        ((words[k - 1] as RegExpMatchArray).index as number) + (words[k - 1] as RegExpMatchArray)[0].length,
        (words[k] as RegExpMatchArray).index as number,
      ),
    );
  const title = TITLE_WORDS.find(
    (t) => at >= t.length && t.every((w, k) => form(at - t.length + k) === w) && t.every((_, k) => k === 0 || joined(at - t.length + k)),
  );
  if (!title || !joined(at)) return 0;
  const first = form(at);
  if (FAMILY.has(first)) {
    let n = 1;
    while (n < 3 && at + n < words.length && joined(at + n) && SYLLABLE.test(form(at + n)) && !AFTER_NAME.has(form(at + n))) n++;
    return n > 1 ? n : 0;
  }
  if (!FOREIGN_NAME_TITLES.has(title.join(' '))) return 0;
  let n = 0;
  while (n < 3 && at + n < words.length && (n === 0 || joined(at + n)) && /^[a-z]+$/u.test(form(at + n)) && !SYLLABLE.test(form(at + n))) n++;
  return n;
}

/**
 * A text typed all in lower case (a claim typed on a phone: "hoi nghi lmc to chuc o ha noi") with
 * the capitals a name has: the places of `PLACE_NAMES` ("Ha Noi") and words without a vowel, which
 * are acronyms ("LMC", "KH&CN"), and a word said to be an abbreviation ("bri viet tat cua gi").
 * Names are read from capitals, so without this a place typed in lower case went uncompared. The
 * same length as `text`; a text with a word written with a capital and then small letters after
 * its first letter is returned as it is (acronyms typed in capitals do not count). `places`
 * false: its acronyms only.
 */
export function recased(text: string, places = true): string {
  // Typed with capitals for names: as typed. Acronyms in capitals alone ("hoi nghi LMC … o ha
  // noi") do not say the names were.
  if (/(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]/u.test(text.slice(1))) return text;
  const words = [...text.matchAll(/[\p{L}\p{M}&]+/gu)];
  const marked = hasMarks(text);
  // The words as the places are spelled: only when places are looked for.
  const forms = places ? words.map((w) => (marked ? w[0].toLowerCase() : fold(w[0].toLowerCase()))) : [];
  const spellings = marked ? LOWER_CASE_PLACES.marked : LOWER_CASE_PLACES.folded;
  const out = text.split('');
  // One character for one: a letter whose capital is longer ("ß") stays as it is.
  const upper = (at: number) => {
    const c = out[at] as string;
    const u = c.toUpperCase();
    if (u.length === c.length) out[at] = u;
  };
  const capitalise = (i: number) => upper((words[i] as RegExpMatchArray).index as number);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as RegExpMatchArray;
    if (isVowelless(w[0]) || abbreviationAsked(words, i)) {
      for (let k = 0; k < w[0].length; k++) upper((w.index as number) + k);
      continue;
    }
    const person = places ? personAfterTitle(words, text, i) : 0;
    if (person) {
      for (let k = i; k < i + person; k++) capitalise(k);
      i += person - 1;
      continue;
    }
    const place = places && spellings.find((p) => p.every((x, k) => forms[i + k] === x));
    if (!place) continue;
    for (let k = 0; k < place.length; k++) capitalise(i + k);
    i += place.length - 1;
  }
  return out.join('');
}
