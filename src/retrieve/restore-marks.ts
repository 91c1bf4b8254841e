import type { Store } from '../store/port.js';
import { fold } from '../text/normalize.js';
import { MARKED_STOPWORDS } from '../text/stopwords.js';
import { markedHash } from '../text/term-hashes.js';

/**
 * Tone marks put back into a Vietnamese question typed without them ("thu truong le xuan dinh
 * lam viec voi ai" → "thứ trưởng lê xuân định làm việc với ai"), from the stored collection's
 * own statistics: how many passages hold each marked syllable and each pair of adjacent marked
 * syllables (the lexical index keeps both, hashed). Every marked spelling of each unmarked
 * syllable is looked up, the few most frequent are kept, and each word gets the spelling most
 * likely under a bigram model of passage frequencies given the whole question (forward-backward).
 * A spelling that no stored passage shows beside its neighbours' is only a guess from the
 * syllable's own frequency: such a word, typed in lower case, is read as the function word it
 * spells ("la" → "là"), and otherwise stays as typed. Nothing is downloaded and nothing extra
 * is stored: a new article teaches it its words at once. Words that are not Vietnamese
 * syllables, or are typed in capitals (abbreviations, initials), are kept as typed; each letter
 * keeps the case it was typed in.
 *
 * Measured on the 2,474 ViNewsQA dev questions with their marks removed: against an index of
 * the 35,932 benchmark articles, 96.0% of the syllables restored as written (3.3% given wrong
 * marks, the rest left as typed) and 65.6% of the questions whole, in 0.61 ms a question; against
 * ViNewsQA dev with 5,000 distractors, 96.1% and 66.3% (README, "Quality").
 */

/** Unmarked letters and the marked letters they stand for (without a tone). */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  a: ['a', 'ă', 'â'],
  e: ['e', 'ê'],
  o: ['o', 'ô', 'ơ'],
  u: ['u', 'ư'],
  d: ['d', 'đ'],
};
/** Grave, acute, hook above, tilde, dot below. */
const TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const VOWEL = /[aăâeêioôơuưy]/;
/** The shape of a Vietnamese syllable without marks: an onset, vowels and a final consonant. */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;
/** A run of letters (a word) in the question. */
const WORD = /[\p{L}\p{M}]+/gu;

/** Marked spellings kept per syllable: of the syllables of the first 500 of those questions, 96.1% right with 8, 95.0% with 5, 96.2% with 12. */
const CANDIDATES = 8;
/**
 * Weight of the pair statistic against the syllable's own frequency in the bigram model
 * (interpolated): adjacent syllables decide almost everything, a syllable's own frequency only
 * where no pair of the collection holds it. The same 500 questions: 86.7% right at 0.6, 89.9%
 * at 0.8, 94.1% at 0.95, 95.7% at 0.99, 96.1% at 0.999, 96.0% at 0.9999.
 */
const PAIR_WEIGHT = 0.999;

/** log(Σ exp(x)), without overflow. */
function logSum(xs: readonly number[]): number {
  const m = Math.max(...xs);
  if (m === -Infinity) return m;
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** Vietnamese function and question words by their folded form (the first listed where several fold alike). */
const FUNCTION_WORDS: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>();
  for (const w of MARKED_STOPWORDS) if (fold(w) !== w && !out.has(fold(w))) out.set(fold(w), w);
  return out;
})();

/** Spellings of the syllables asked for before (a few thousand exist; the bound only guards against odd input). */
const spellingsOf = new Map<string, string[]>();
const SPELLINGS_KEPT = 20_000;

/** Every spelling with marks (and the one without) that `syllable`, lower-case ASCII, could be typed for. */
export function markedSpellings(syllable: string): string[] {
  let out = spellingsOf.get(syllable);
  if (!out) {
    if (spellingsOf.size >= SPELLINGS_KEPT) spellingsOf.clear();
    spellingsOf.set(syllable, (out = spell(syllable)));
  }
  return out;
}

function spell(syllable: string): string[] {
  if (!SYLLABLE.test(syllable)) return [syllable];
  let bases = [''];
  for (const ch of syllable) {
    const v = VARIANTS[ch] ?? [ch];
    bases = bases.flatMap((b) => v.map((x) => b + x));
  }
  const out = new Set<string>();
  for (const b of bases) {
    out.add(b);
    for (let i = 0; i < b.length; i++) {
      if (!VOWEL.test(b[i] as string)) continue;
      for (const t of TONES) out.add((b.slice(0, i + 1) + t + b.slice(i + 1)).normalize('NFC'));
    }
  }
  return [...out];
}

interface Word {
  /** Where it is in the question, as typed and in lower case. */
  start: number;
  end: number;
  typed: string;
  lower: string;
  /** What it could be typed for (`markedSpellings`), or itself alone when it is not restored. */
  spellings: string[];
  /** Marked spellings still in the running, most frequent first, with their passage frequencies. */
  options: Array<{ text: string; df: number }>;
  /** Whether the next word follows it with nothing but white space between (a pair the index holds). */
  joined: boolean;
}

/** Restorable words a text may have: a longer one (a long forwarded post) is left as typed. */
const MOST_WORDS = 200;

export interface RestoreOptions {
  /**
   * Called with each restorable word (lower case) that is left as typed; when it returns true
   * for one, the whole text is returned as typed. The claim check reads a text with marks as
   * marked throughout, so a negation left as typed ("tu choi") would go unread.
   */
  keepAllFor?: (word: string) => boolean;
}

/** Marks restored in `question` (returned as it is when there is nothing to restore or no evidence). */
export async function restoreMarks(store: Store, question: string, options: RestoreOptions = {}): Promise<string> {
  const words: Word[] = [];
  for (const m of question.matchAll(WORD)) {
    const typed = m[0];
    const lower = typed.toLowerCase();
    const prev = words[words.length - 1];
    if (prev) prev.joined = /^[ \t]+$/.test(question.slice(prev.end, m.index));
    // Words typed in capitals are abbreviations or initials ("IEC", "KHCN", "A"), kept as typed.
    const spellings = /^[a-z]+$/.test(lower) && typed !== typed.toUpperCase() ? markedSpellings(lower) : [lower];
    words.push({ start: m.index, end: m.index + typed.length, typed, lower, spellings, options: [], joined: false });
  }
  const restorable = words.filter((w) => w.spellings.length > 1).length;
  if (restorable === 0 || restorable > MOST_WORDS) return question;

  // Each word's spellings as single syllables: the most frequent few are kept.
  const single = await store.termStatistics(words.flatMap((w) => w.spellings).map(markedHash));
  const passages = Math.max(1, single.passages);
  let at = 0;
  for (const w of words) {
    const seen = w.spellings.map((text) => ({ text, df: single.df[at++] ?? 0 }));
    const known = seen.filter((o) => o.df > 0).sort((a, b) => b.df - a.df);
    if (w.spellings.length > 1 && known.length > 0) w.options = known.slice(0, CANDIDATES);
    else w.options = [{ text: w.lower, df: Math.max(1, seen[0]?.df ?? 0) }];
  }

  // The pairs of adjacent words' spellings, looked up together.
  const pairTexts: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const w = words[i] as Word;
    if (!w.joined) continue;
    for (const a of w.options) for (const b of (words[i + 1] as Word).options) pairTexts.push(`${a.text} ${b.text}`);
  }
  const pairDf = pairTexts.length ? (await store.termStatistics(pairTexts.map(markedHash))).df : [];

  // The bigram model's log probabilities: a start for each spelling of the first word, a step
  // for each pair of spellings of adjacent words (a break in the text starts afresh).
  const steps: number[][][] = [];
  let p = 0;
  for (let i = 1; i < words.length; i++) {
    const prev = words[i - 1] as Word;
    const cur = words[i] as Word;
    steps.push(
      prev.options.map((q, a) =>
        cur.options.map((o, b) => {
          const own = o.df / passages;
          if (!prev.joined) return Math.log(own);
          const pair = pairDf[p + a * cur.options.length + b] ?? 0;
          return Math.log(PAIR_WEIGHT * Math.min(1, pair / q.df) + (1 - PAIR_WEIGHT) * own);
        }),
      ),
    );
    if (prev.joined) p += prev.options.length * cur.options.length;
  }
  // Each word's spelling most likely over every reading of the others (forward-backward).
  const forward: number[][] = [(words[0] as Word).options.map((o) => Math.log(o.df / passages))];
  for (let i = 1; i < words.length; i++) {
    const f = forward[i - 1] as number[];
    const st = steps[i - 1] as number[][];
    forward.push((words[i] as Word).options.map((_, b) => logSum(f.map((x, a) => x + ((st[a] as number[])[b] as number)))));
  }
  const backward: number[][] = new Array<number[]>(words.length);
  backward[words.length - 1] = (words[words.length - 1] as Word).options.map(() => 0);
  for (let i = words.length - 2; i >= 0; i--) {
    const nb = backward[i + 1] as number[];
    const st = steps[i] as number[][];
    backward[i] = (words[i] as Word).options.map((_, a) => logSum(nb.map((x, b) => x + ((st[a] as number[])[b] as number))));
  }
  const total = logSum(forward[words.length - 1] as number[]);
  const chosen = words.map((w, i) => {
    const post = w.options.map((_, a) => Math.exp(((forward[i] as number[])[a] as number) + ((backward[i] as number[])[a] as number) - total));
    return w.options[post.indexOf(Math.max(...post))]?.text as string;
  });
  // A spelling the collection never shows next to its neighbours' is a guess from the
  // syllable's own frequency (a small collection knows few of a question's words: "o dau" is
  // not "ở dấu"). Such a word is read as the function word it spells, if any ("la" → "là",
  // "gi" → "gì": questions are made of them, news articles much less), and otherwise stays as
  // typed.
  const seen = new Map<string, number>();
  pairTexts.forEach((t, i) => seen.set(t, pairDf[i] ?? 0));
  const paired = chosen.map((c, i) => (words[i] as Word).joined && (seen.get(`${c} ${chosen[i + 1]}`) ?? 0) > 0);
  for (let i = 0; i < words.length; i++) {
    if (paired[i] || (i > 0 && paired[i - 1])) continue;
    const { typed, lower, spellings } = words[i] as Word;
    // Read so only where typed in lower case: "Da Nang" is a name, not "Đã Nang".
    const word = spellings.length > 1 && typed === lower ? FUNCTION_WORDS.get(lower) : undefined;
    chosen[i] = word ?? lower;
    if (word === undefined && spellings.length > 1 && options.keepAllFor?.(lower)) return question;
  }

  let out = '';
  let last = 0;
  words.forEach((w, i) => {
    out += question.slice(last, w.start) + withCaseOf(w.typed, chosen[i] as string);
    last = w.end;
  });
  return out + question.slice(last);
}

/** `word` (lower-case, as long as `typed`) in the case of each letter of `typed`. */
function withCaseOf(typed: string, word: string): string {
  if (typed.toLowerCase() === word) return typed;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const t = typed[i] as string;
    out += t !== t.toLowerCase() ? (word[i] as string).toUpperCase() : (word[i] as string);
  }
  return out;
}
