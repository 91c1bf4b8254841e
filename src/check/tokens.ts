import { canonicalTones, fold, hasMarks, nfc } from '../text/normalize.js';
import { MARKED_STOPWORDS, STOPWORDS } from '../text/stopwords.js';

/**
 * Words of a sentence with their offsets, so that every span the check reports ("claimed",
 * "stated") is an exact slice of the text as written. A number keeps its separators
 * ("1.500.000" is one token); other runs split at hyphens and apostrophes, as the index does.
 */
export interface Token {
  /** As written. */
  text: string;
  lower: string;
  folded: string;
  start: number;
  end: number;
  /** Index of the punctuation-delimited clause the token is in (commas, semicolons, brackets…). */
  clause: number;
  /** A function word: it counts little when measuring how much of a claim is covered. */
  stop: boolean;
}

const TOKEN = /\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+/gu;
/** Abbreviations written with a dot before a name (folded): a city, academic and courtesy titles. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['tp', 'tx', 'ts', 'ths', 'pgs', 'gs', 'bs', 'ks', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st']);
const CLAUSE_BREAK = /[,;:.!?…()[\]{}"“”«»–—\n]|\s-\s/u;

/**
 * A word is a function word as its text is written: judged by its marks when the text has
 * them ("tổ" in "tổ chức" and "hội" in "Hội nghị" are words; folded, they are "to" and "hỏi"),
 * folded when it was typed without them.
 */
export function tokenize(text: string, marked = hasMarks(text)): Token[] {
  const t = nfc(text);
  const stops = marked ? MARKED_STOPWORDS : STOPWORDS;
  const out: Token[] = [];
  let clause = 0;
  let last = 0;
  for (const m of t.matchAll(TOKEN)) {
    const start = m.index as number;
    const gap = t.slice(last, start);
    // The dot of an abbreviation ("TP. Hồ Chí Minh", "PGS. TS. Nguyễn …", "Dr. Smith") ends nothing.
    const abbreviated = /^\.\s+$/u.test(gap) && ABBREVIATIONS.has((out[out.length - 1] as Token | undefined)?.folded ?? '');
    if (out.length > 0 && CLAUSE_BREAK.test(gap) && !abbreviated) clause++;
    const lower = canonicalTones(m[0].toLowerCase());
    const folded = fold(lower);
    out.push({ text: m[0], lower, folded, start, end: start + m[0].length, clause, stop: stops.has(marked ? lower : folded) });
    last = start + m[0].length;
  }
  return out;
}

/** The token key used to compare a claim with a source: folded when the claim has no marks. */
export function keyOf(t: Token, marked: boolean): string {
  return sameSpelling(marked ? t.lower : t.folded);
}

/** A syllable of one consonant (or "qu") and "y", with any tone mark: the "i" form is the same word. */
const Y_SYLLABLE = /^(?:[hklmstv]|qu)[yýỳỷỹỵ]$/u;
const I_SYLLABLE = /^(?:[hklmstv]|qu)[iíìỉĩị]$/u;
const I_FOR_Y: Readonly<Record<string, string>> = { y: 'i', ý: 'í', ỳ: 'ì', ỷ: 'ỉ', ỹ: 'ĩ', ỵ: 'ị' };
const Y_FOR_I: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(I_FOR_Y).map(([y, i]) => [i, y]));

/** The word and, for a syllable written with "i" or "y" alike, its other spelling (`sameSpelling`). */
export function spellings(word: string): string[] {
  if (Y_SYLLABLE.test(word)) return [word, word.slice(0, -1) + (I_FOR_Y[word.slice(-1)] as string)];
  if (I_SYLLABLE.test(word)) return [word, word.slice(0, -1) + (Y_FOR_I[word.slice(-1)] as string)];
  return [word];
}

/**
 * One spelling of the syllables Vietnamese writes with "i" or "y" alike ("kì" / "kỳ", "lí do" /
 * "lý do", "kĩ thuật" / "kỹ thuật", "tỉ đồng" / "tỷ đồng", "quí" / "quý"): a claim typed one way
 * is said by a source that writes the other. Only after one consonant (or "qu"), where the two
 * letters are one sound; "tai" / "tay", "huy", "thi" are other words or not varied so.
 */
export function sameSpelling(word: string): string {
  if (!Y_SYLLABLE.test(word)) return word;
  return word.slice(0, -1) + (I_FOR_Y[word.slice(-1)] as string);
}

/** Each phrase's words as keys: the alternatives a claim's phrase may be written as ("tổ chức" → ["tổ", "chức"]). */
export function phraseKeys(phrases: readonly string[], marked: boolean): string[][] {
  return phrases.map((a) => tokenize(a).map((t) => keyOf(t, marked)));
}

/**
 * Keys for the facts in a run of words, beside the words themselves: "#n:kênh" for a number
 * counting "kênh", "#time" for a time of day. A sentence with "300 kênh" then answers the
 * slot of a claim's "400 kênh" even though the number differs.
 */
export function factKeys(tokens: readonly Token[], marked: boolean): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    if (!/^\p{N}/u.test(t.text)) return;
    if (/^\d{1,2}[hg]\d{0,2}$/i.test(t.text)) out.push('#time');
    const next = tokens[i + 1];
    if (next && !next.stop && next.clause === t.clause && /^\p{L}/u.test(next.text)) out.push(`#n:${keyOf(next, marked)}`);
  });
  return out;
}

/**
 * The comparison keys of a sentence (its words, marked or folded, and its fact keys) without
 * building tokens: what evidence selection needs of each of the many candidate sentences.
 * `text` is NFC, as corpus paragraphs are. Agrees with `keyOf` and `factKeys` up to clause
 * boundaries, which candidate scoring does not need.
 */
export function sentenceKeys(text: string, marked: boolean): Set<string> {
  const out = new Set<string>();
  let previousNumber = false;
  for (const m of canonicalTones(text.toLowerCase()).matchAll(TOKEN)) {
    const word = m[0];
    const written = marked ? word : fold(word);
    const key = sameSpelling(written);
    out.add(key);
    const isNumber = /^\p{N}/u.test(word);
    if (isNumber && /^\d{1,2}[hg]\d{0,2}$/.test(word)) out.add('#time');
    if (previousNumber && !isNumber && !(marked ? MARKED_STOPWORDS : STOPWORDS).has(written)) out.add(`#n:${key}`);
    previousNumber = isNumber;
  }
  return out;
}
