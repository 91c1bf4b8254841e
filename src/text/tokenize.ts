import { canonicalTones, fold, nfc } from './normalize.js';

/**
 * Syllable tokens: runs of letters and digits, lower-cased NFC. Vietnamese words are made of
 * syllables separated by spaces, so adjacent-syllable pairs stand in for word segmentation.
 * Pairs never cross punctuation, so "Hà Nội, Việt Nam" gives no pair "nội việt".
 */
const RUN = /[\p{L}\p{M}\p{N}]+(?:[.,'’-][\p{L}\p{M}\p{N}]+)*/gu;
// Sentence punctuation breaks a phrase only before a space or the end ("1.000", "5/6/2024" stay
// together); brackets, quotes and dashes always do.
const PHRASE_BREAK = /[.!?;:,…]+(?=\s|$)|[()[\]{}"“”«»–—\n]+|\s-\s/u;

export interface Tokens {
  /** Lower-cased syllables, in order. */
  syllables: string[];
  /** Index in `syllables` where each punctuation-delimited phrase starts (pairs do not cross them). */
  phraseStarts: number[];
}

/** What joins the syllables of one run ("Lancang-Mekong", "1.000"): a run without it is one syllable. */
const SEPARATORS = /[.,'’-]+/u;

function splitRun(run: string): string[] {
  // Numbers keep their internal separators ("5/6/2024" is split by RUN, "1.000" stays); words
  // joined by hyphens ("Lancang-Mekong") become their parts.
  if (/^[\p{N}.,]+$/u.test(run)) return [run.replace(/[.,]$/, '')];
  return run.split(SEPARATORS).filter(Boolean);
}

export function syllables(text: string): Tokens {
  const lower = canonicalTones(nfc(text).toLowerCase());
  const out: string[] = [];
  const starts: number[] = [];
  for (const phrase of lower.split(PHRASE_BREAK)) {
    const matches = phrase.match(RUN);
    if (!matches) continue;
    starts.push(out.length);
    for (const m of matches) {
      // Most runs are one syllable with nothing to split.
      if (!SEPARATORS.test(m)) out.push(m);
      else for (const s of splitRun(m)) out.push(s);
    }
  }
  return { syllables: out, phraseStarts: starts };
}

/** Adjacent-syllable pairs that do not cross a phrase boundary, joined by a space. */
export function pairs(tokens: Tokens): string[] {
  const { syllables: s, phraseStarts } = tokens;
  const out: string[] = [];
  let b = 1;
  for (let i = 1; i < s.length; i++) {
    while (b < phraseStarts.length && (phraseStarts[b] as number) <= i - 1) b++;
    const nextStart = b < phraseStarts.length ? (phraseStarts[b] as number) : Infinity;
    if (i < nextStart) out.push(`${s[i - 1]} ${s[i]}`);
  }
  return out;
}

/** The terms a text contributes to the lexical index, in both marked and folded form. */
export interface Terms {
  marked: string[];
  folded: string[];
}

/** Unigrams and adjacent pairs, marked ("hội nghị") and folded ("hoi nghi"). */
export function terms(text: string): Terms {
  const t = syllables(text);
  const marked = [...t.syllables, ...pairs(t)];
  return { marked, folded: marked.map(fold) };
}
