import { isSyllableShaped, typedInCapitals } from '../text/words.js';
import { PERSON_TITLES, PLACE_WORDS } from './lexicon.js';
import type { Token } from './tokens.js';

/**
 * Syllables of capitalised names. Vietnamese names are made of ordinary words: "Thưởng" of "Võ
 * Văn Thưởng" is "thưởng" (reward), "Định" of "Lê Xuân Định" is "định" (decide), "Bình" of "Thái
 * Bình" is "bình" (peace). A source that only names the person or the place does not write the
 * claim's common word, and a claim's name is not written by the common word; `mayMatch` says
 * which claim words may be read as written by which evidence words.
 */

/** What reading names needs of a word. */
export type NameToken = Pick<Token, 'text' | 'lower' | 'stop' | 'start' | 'end'>;

/** A syllable written with a capital and then lower case ("Thưởng", "Y"), not an acronym ("IEC") nor a code ("U20"). */
const CAPITAL_SYLLABLE = /^\p{Lu}[\p{Ll}\p{M}]*$/u;

/** Whether `word` is a syllable written with a capital (`CAPITAL_SYLLABLE`). */
export function isCapitalSyllable(word: string): boolean {
  return CAPITAL_SYLLABLE.test(word);
}

/** Any word written with a capital: a syllable, an acronym ("KH", "IEC"), a code ("U20"). */
const CAPITAL = /^\p{Lu}/u;
/** What may stand between two syllables of one name: spaces, or a hyphen ("Xin-ga-po"). */
const NAME_GAP = /^[^\S\n]*-?[^\S\n]*$/u;
/** What ends a sentence (or a piece of evidence) before a word. */
const SENTENCE_END = /[.!?…:\n]["”»)\]]*\s*$/u;

/** Whether token `k` opens the text or a sentence of it. */
function opensSentence(tokens: readonly NameToken[], text: string, k: number): boolean {
  return k === 0 || SENTENCE_END.test(text.slice((tokens[k - 1] as NameToken).end, (tokens[k] as NameToken).start));
}

/**
 * For each token, the index of the first token of the capitalised name it is a syllable of, or -1:
 * runs of two or more capitalised syllables. A sentence's first word is capitalised for being
 * first, so a function word, a title or a place noun there ("Theo", "Ông", "Tỉnh") is no part of
 * the name after it, and a word alone there ("Khen thưởng …", "Hòa bình …") is no name. With
 * `acronyms`, an acronym joins a run too: "Bộ" of "Bộ KH&CN" is a name's.
 */
export function nameSyllables(tokens: readonly NameToken[], text: string, acronyms = false): Int32Array {
  const joins = acronyms ? CAPITAL : CAPITAL_SYLLABLE;
  const out = new Int32Array(tokens.length).fill(-1);
  let i = 0;
  while (i < tokens.length) {
    if (!joins.test((tokens[i] as NameToken).text)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const u = tokens[j] as NameToken;
      if (!joins.test(u.text) || !NAME_GAP.test(text.slice((tokens[j - 1] as NameToken).end, u.start))) break;
      j++;
    }
    let from = i;
    if (opensSentence(tokens, text, i) && notOfTheName(tokens[i] as NameToken)) from++;
    if (j - from >= 2) for (let k = from; k < j; k++) out[k] = from;
    i = j;
  }
  return out;
}

/** One-word titles and place nouns ("Ông", "Tỉnh"), which open a sentence before a name without being part of it. */
const BEFORE_NAMES: ReadonlySet<string> = new Set([...PERSON_TITLES, ...PLACE_WORDS].filter((w) => !w.includes(' ')));

function notOfTheName(t: NameToken): boolean {
  return t.stop || BEFORE_NAMES.has(t.lower);
}

/**
 * For each claim token, whether the claim writes it as (part of) a name: a capitalised syllable
 * that is not capitalised only for opening a sentence ("Ông Định", "Thứ trưởng Định"; not "Định
 * hướng …" alone at the start; "Bộ" of "Bộ KH&CN" at the start is, and so is a word no Vietnamese
 * syllable is spelt as: "Metzger hứa …"). A claim typed in capitals or in lower case tells
 * nothing: none is.
 */
export function writtenAsNames(tokens: readonly NameToken[], text: string): Uint8Array {
  const out = new Uint8Array(tokens.length);
  if (typedInCapitals(text)) return out;
  const runs = nameSyllables(tokens, text, true);
  tokens.forEach((t, k) => {
    if (!isCapitalSyllable(t.text)) return;
    if ((runs[k] as number) >= 0 || !opensSentence(tokens, text, k) || !isSyllableShaped(t.text)) out[k] = 1;
  });
  return out;
}

/** What `mayMatch` reads of each side. */
export interface NameReading {
  claim: readonly string[];
  evidence: readonly string[];
  /** Claim tokens written as names (`writtenAsNames`). */
  claimNamed: Uint8Array;
  /** Claim tokens that are syllables of a name of two or more (`nameSyllables`). */
  claimRuns: Int32Array;
  /** Function words of the claim. */
  claimStop: readonly boolean[];
  /** Evidence tokens that are syllables of a name (`nameSyllables`). */
  evRuns: Int32Array;
  /** Evidence tokens written in lower case. */
  evLower: Uint8Array;
}

/** Reads the names of a claim and its evidence, whose comparison keys are `claimKeys` and `evKeys`. */
export function readNames(
  claimTokens: readonly Token[],
  claimText: string,
  claimKeys: readonly string[],
  evTokens: readonly Token[],
  evText: string,
  evKeys: readonly string[],
): NameReading {
  return {
    claim: claimKeys,
    evidence: evKeys,
    claimNamed: writtenAsNames(claimTokens, claimText),
    claimRuns: typedInCapitals(claimText) ? new Int32Array(claimTokens.length).fill(-1) : nameSyllables(claimTokens, claimText, true),
    claimStop: claimTokens.map((t) => t.stop),
    evRuns: nameSyllables(evTokens, evText),
    evLower: Uint8Array.from(evTokens, (t) => (/^\p{Ll}/u.test(t.text) ? 1 : 0)),
  };
}

/**
 * Whether claim word `k` may be read as written by evidence word `j` (their keys being equal): not
 * when the evidence word is a syllable of a name the claim does not write as a name ("khen
 * thưởng" / "Võ Văn Thưởng", "quy định" / "Lê Xuân Định"), nor when the claim's word is a
 * syllable of a name and the evidence's a common word in lower case ("Bình Dương" / "hòa bình").
 * Unless a word beside it is the same on both sides (an informative one, or one of the name): the
 * claim then writes the name itself, in whatever case ("vo van thuong", "khoa học" of "Bộ Khoa
 * học và Công nghệ").
 */
export function mayMatch(r: NameReading, k: number, j: number): boolean {
  const evName = (r.evRuns[j] as number) >= 0;
  const clash = (evName && !r.claimNamed[k]) || ((r.claimRuns[k] as number) >= 0 && r.evLower[j] === 1);
  if (!clash) return true;
  return besideToo(r, k, j, -1) || besideToo(r, k, j, 1);
}

function besideToo(r: NameReading, k: number, j: number, step: -1 | 1): boolean {
  const k2 = k + step;
  const j2 = j + step;
  if (k2 < 0 || j2 < 0 || k2 >= r.claim.length || j2 >= r.evidence.length || r.claim[k2] !== r.evidence[j2]) return false;
  const sameName = (runs: Int32Array, a: number, b: number) => (runs[a] as number) >= 0 && runs[a] === runs[b];
  return !r.claimStop[k2] || sameName(r.evRuns, j, j2) || sameName(r.claimRuns, k, k2);
}
