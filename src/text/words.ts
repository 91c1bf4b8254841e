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
  return c !== undefined && ONE_WORD_CHAR.test(c);
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

/** Whether `word` (plain text, not a pattern) occurs in `text` as a whole word; `i` ignores case. */
export function hasWord(text: string, word: string, ignoreCase = true): boolean {
  return wordRegExp(escapeRegExp(word), ignoreCase ? 'i' : '').test(text);
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
 * Whether a text is typed in capitals (more than half its letters): then its capitals name nothing
 * ("TỔNG THƯ KÝ IEC LÀ AI?"), and the rules that read acronyms and names leave it alone.
 */
export function typedInCapitals(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const capitals = text.match(/\p{Lu}/gu)?.length ?? 0;
  return capitals * 2 > letters;
}
