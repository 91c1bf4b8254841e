import { hasMarks, stripMarks } from './normalize.js';

/**
 * Word boundaries that know Vietnamese. In JavaScript `\b` and `\w` see only ASCII letters,
 * even with the `u` flag: `/\btại\b/u` never matches "tại" and `/\bông\b/u` matches inside
 * "không". Every rule that matches words builds its pattern here instead.
 */

/** A letter, a combining mark or a digit: what a word is made of. */
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';
/** Zero-width: no word character before this point. */
export const WORD_START = `(?<!${WORD_CHAR})`;
/** Zero-width: no word character after this point. */
export const WORD_END = `(?!${WORD_CHAR})`;
const ONE_WORD_CHAR = new RegExp(`^${WORD_CHAR}$`, 'u');
/** Whether `c` (one character, or none past either end of a text) is a letter, a combining mark or a digit. */
export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && (c.length === 1 ? isWordUnit(c.charCodeAt(0)) : ONE_WORD_CHAR.test(c));
}

// What `ONE_WORD_CHAR` says of each UTF-16 code unit, learnt on first sight: 0 not yet asked,
// 1 a word character, 2 not one (a lone surrogate is not). Word boundaries are tested at every
// match of every question term in thirty passages per question, and `text[i]` of a Vietnamese
// letter is a new string each time.
const UNIT_KIND = new Uint8Array(0x10000);

function isWordUnit(c: number): boolean {
  let kind = UNIT_KIND[c] as number;
  if (kind === 0) UNIT_KIND[c] = kind = ONE_WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return kind === 1;
}

/** `isWordChar(text[i])` without making the character a string: false past either end. */
export function isWordCharAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isWordUnit(text.charCodeAt(i));
}

/** Whether the character (code point) that ends just before `i` is a word character, as `WORD_START` reads it. */
export function wordCharBefore(text: string, i: number): boolean {
  if (i <= 0) return false;
  const c = text.charCodeAt(i - 1);
  if (c < 0xdc00 || c > 0xdfff || i < 2) return isWordUnit(c);
  const high = text.charCodeAt(i - 2);
  return high >= 0xd800 && high <= 0xdbff ? ONE_WORD_CHAR.test(text.slice(i - 2, i)) : false;
}

/** Whether the character (code point) that starts at `i` is a word character, as `WORD_END` reads it. */
export function wordCharFrom(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return isWordUnit(c);
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff ? ONE_WORD_CHAR.test(text.slice(i, i + 2)) : false;
}

/**
 * Where `words` (plain text, not empty) next occurs in `text` from `from` on, ending by `to`, as
 * whole words, or -1: what `WORD_START words WORD_END` finds, stepped through as `matchAll` steps
 * (the next one from the end of this one), without compiling a pattern. A pattern with Unicode
 * classes built for a question's own words took about 1.5 ms to compile, once per new word.
 */
export function nextWholeWords(text: string, words: string, from = 0, to = text.length): number {
  if (words === '') return -1;
  for (let i = text.indexOf(words, from); i >= 0 && i + words.length <= to; i = text.indexOf(words, i + 1)) {
    if (!wordCharBefore(text, i) && !wordCharFrom(text, i + words.length)) return i;
  }
  return -1;
}

/** Whether the code unit at `i` is white space as `\s` knows it; false past either end. */
export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** A run of word characters, for `matchAll` and `match` (which leave it as it is); copy it (`new RegExp(WORD_RUN)`) to step through with `exec`. */
export const WORD_RUN = new RegExp(`${WORD_CHAR}+`, 'gu');

/** `text` with every regular-expression metacharacter escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * A pattern matching any of `alternatives` (regular-expression sources, so groups and
 * classes are allowed) as whole words. The `u` flag is always added.
 */
export function wordRegExp(alternatives: string | readonly string[], flags = ''): RegExp {
  const alts = typeof alternatives === 'string' ? [alternatives] : alternatives;
  const f = flags.includes('u') ? flags : `${flags}u`;
  return new RegExp(`${WORD_START}(?:${alts.join('|')})${WORD_END}`, f);
}

/**
 * Whether `word` (plain text, not a pattern) occurs in `text` as a whole word, ignoring case
 * unless told not to. Searched for, not compiled: the words asked about vary with every call.
 */
export function hasWord(text: string, word: string, ignoreCase = true): boolean {
  if (word === '') return wordRegExp('', ignoreCase ? 'i' : '').test(text);
  return ignoreCase ? nextWholeWords(text.toLowerCase(), word.toLowerCase()) >= 0 : nextWholeWords(text, word) >= 0;
}

/**
 * A pattern written in marked Vietnamese, compiled twice: as written, for text typed with tone
 * marks (where "Nam" in "Việt Nam" is not the year word "năm", nor "sau" the number "sáu"), and
 * with the marks removed, for text typed without them. Run `forText(text)` on the lower-cased
 * text (folded when it has no marks).
 */
export interface MarkedPattern {
  marked: RegExp;
  plain: RegExp;
  forText(text: string): RegExp;
}

export function markedPattern(source: string, flags = 'gu'): MarkedPattern {
  const marked = new RegExp(source, flags.includes('u') ? flags : `${flags}u`);
  const plain = new RegExp(stripMarks(source), flags.includes('u') ? flags : `${flags}u`);
  return { marked, plain, forText: (text) => (hasMarks(text) ? marked : plain) };
}

/**
 * Letters of a word typed in lower case without a vowel ("lmc", "khcn", "kh&cn", "tp"): no
 * Vietnamese syllable is written so, so it is an acronym typed in lower case.
 */
export const VOWELLESS = '[b-df-hj-np-tv-xzđ&]{2,}';

/** Whether `word` (lower case) is an acronym typed without capitals (`VOWELLESS`, with a letter in it). */
export function isVowelless(word: string): boolean {
  return VOWELLESS_WORD.test(word) && /[a-zđ]/u.test(word);
}

const VOWELLESS_WORD = new RegExp(`^${VOWELLESS}$`, 'u');

/**
 * One Vietnamese syllable, folded and lower-cased: an initial consonant (or none), one to three
 * vowels, and a final consonant (or none). "Plastome", "Metzger", "Huawei" are not one; "Lan",
 * "Tom" and any Vietnamese word are.
 */
const SYLLABLE_SHAPE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/u;

/** Whether `word` could be one Vietnamese syllable, with tone marks or without (`SYLLABLE_SHAPE`). */
export function isSyllableShaped(word: string): boolean {
  return SYLLABLE_SHAPE.test(stripMarks(word.toLowerCase()));
}

/**
 * Whether a text is typed in capitals (more than half its letters): then its capitals name nothing
 * ("TỔNG THƯ KÝ IEC LÀ AI?"), and the rules that read acronyms and names leave it alone.
 */
export function typedInCapitals(text: string): boolean {
  // Counted by code point, without a list of every letter matched: the question is read so by
  // several rules of every answer.
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let kind: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low < 0xdc00 || low > 0xdfff) continue;
      const pair = text.slice(i, i + 2);
      kind = CAPITAL.test(pair) ? 3 : LETTER.test(pair) ? 2 : 1;
      i++;
    } else {
      kind = LETTER_KIND[c] as number;
      if (kind === 0) LETTER_KIND[c] = kind = CAPITAL.test(String.fromCharCode(c)) ? 3 : LETTER.test(String.fromCharCode(c)) ? 2 : 1;
    }
    if (kind >= 2) letters++;
    if (kind === 3) capitals++;
  }
  return capitals * 2 > letters;
}

const LETTER = /^\p{L}$/u;
const CAPITAL = /^\p{Lu}$/u;
/** What each UTF-16 code unit is, learnt on first sight: 0 not yet asked, 1 no letter, 2 a letter, 3 a capital. */
const LETTER_KIND = new Uint8Array(0x10000);
