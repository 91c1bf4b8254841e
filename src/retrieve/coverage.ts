import type { Store } from '../store/port.js';
import { canonicalTones, fold, hasMarks, nfc, stripMarks } from '../text/normalize.js';
import { foldedHash, markedHash } from '../text/term-hashes.js';
import { isStopword } from '../text/stopwords.js';
import { questionAlternatives } from '../text/synonyms.js';
import { glossaryMatches } from '../text/glossary.js';
import { WORD_RUN, nextWholeWords } from '../text/words.js';
import { pairs, syllables } from '../text/tokenize.js';
import type { Lang } from '../types.js';

/**
 * How much of a question a piece of text covers: the question's informative syllables and
 * syllable pairs, each weighted by its rarity in the index (BM25's idf), and the share of
 * that weight found in the text. Used to re-rank passages, to choose the sentence that
 * answers and to decide whether the corpus answers at all.
 *
 * Text is not tokenised for this: each question term is looked up as a whole word in the
 * text lower-cased (and folded, for questions typed without marks), which is several times
 * faster than tokenising thirty passages per question. A text's presence is one byte per
 * question term, so windows of sentences are unions of two small arrays.
 */
export interface QueryWord {
  /** The syllable or pair, lower-cased. */
  term: string;
  idf: number;
  /** In no passage of the index. */
  unknown: boolean;
}

export interface QuestionTerms {
  /** Matched on marked forms (the question has tone marks) or on folded forms only. */
  marked: boolean;
  words: QueryWord[];
  pairs: QueryWord[];
  /** Sum of the words' idf. */
  wordWeight: number;
  /** Per term (words, then pairs): how it is looked for. */
  search: TermSearch[];
  /** Indices in `words` of the words the question capitalises as names (`questionNames`); none when absent. */
  names?: number[];
}

/** How a question term is looked for in a text. */
export interface TermSearch {
  /** The form looked for. */
  form: string;
  /** Looked for in the folded text (else in the lower-cased one). */
  folded: boolean;
  /** Other forms that count as the term (`questionAlternatives`: "tổ chức" for "diễn ra"), in the same form. */
  alternatives?: readonly string[];
}

const CAPITALISED = /^\p{Lu}/u;

/**
 * The words a question capitalises as names, lower-cased: every capitalised word after the
 * first ("Bệnh viện Bình Dân", "Vì sao Peter Zhu qua đời?"), and the first when the word after
 * it is capitalised too ("Tuấn Anh đã nhập viện …"); a question's first word is capitalised
 * anyway. Words are runs of letters, marks and digits, as the tokeniser splits them.
 */
export function questionNames(question: string): Set<string> {
  const words = nfc(question).match(WORD_RUN) ?? [];
  const out = new Set<string>();
  words.forEach((w, i) => {
    if (CAPITALISED.test(w) && (i > 0 || CAPITALISED.test(words[1] ?? ''))) out.add(canonicalTones(w.toLowerCase()));
  });
  return out;
}

/** One byte per question term (words first, then pairs): 1 when the text has it. */
export type Presence = Uint8Array;

/** The English words of a Vietnamese question (one with tone marks) that the glossary translates. */
function codeSwitched(question: string): ReadonlySet<string> | null {
  if (!hasMarks(question)) return null;
  const { words } = glossaryMatches(question);
  return words.size ? words : null;
}

/** A text prepared for looking terms up: lower-cased, and folded when that keeps its length. */
export interface SearchText {
  lower: string;
  folded: string;
}

/** The question's words and syllable pairs with their rarity in the store (one request for all their statistics). */
export async function questionTerms(store: Store, question: string, lang: Lang, translated: readonly string[] = []): Promise<QuestionTerms> {
  const original = syllables(question);
  const extra = syllables(translated.join('\n'));
  const fromQuestion = new Set(original.syllables);
  const t = {
    syllables: [...original.syllables, ...extra.syllables],
    phraseStarts: [...original.phraseStarts, ...extra.phraseStarts.map((x) => x + original.syllables.length)],
  };
  const marked = hasMarks(question) || hasMarks(translated.join(' '));
  // Every hash the weighting below may look up, asked at once.
  const wanted = new Set<number>();
  for (const term of [...t.syllables, ...pairs(t)]) {
    wanted.add(markedHash(term));
    wanted.add(foldedHash(fold(term)));
  }
  const asked = [...wanted];
  const stats = await store.termStatistics(asked);
  const dfs = new Map(asked.map((h, i) => [h, stats.df[i] ?? 0]));
  const documentFrequency = (hash: number) => dfs.get(hash) ?? 0;
  const n = Math.max(1, stats.passages);
  const make = (term: string): QueryWord => {
    const df = documentFrequency(marked ? markedHash(term) : foldedHash(fold(term)));
    return { term, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)), unknown: df === 0 };
  };
  // English words the corpus has never seen are untranslated question words, not evidence
  // that the question is off-topic; Vietnamese ones are. So are the English words of a
  // Vietnamese question that the glossary translates ("IEC support VN về training gì?").
  const english = lang === 'en' ? null : codeSwitched(question);
  const known = (term: string) =>
    (lang !== 'en' && !english?.has(term)) ||
    !fromQuestion.has(term) ||
    documentFrequency(markedHash(term)) > 0 ||
    documentFrequency(foldedHash(fold(term))) > 0;
  const seen = new Set<string>();
  const words: QueryWord[] = [];
  for (const s of t.syllables) {
    if (isStopword(s, marked) || seen.has(s) || !known(s)) continue;
    seen.add(s);
    words.push(make(s));
  }
  const ps: QueryWord[] = [];
  for (const p of pairs(t)) {
    const [a, b] = p.split(' ') as [string, string];
    if ((isStopword(a, marked) && isStopword(b, marked)) || seen.has(p) || !known(a) || !known(b)) continue;
    seen.add(p);
    ps.push(make(p));
  }
  // In a marked question, a word typed without marks may be a word that has none ("IEC",
  // "2023") or one typed without them: it is looked for folded, which finds both.
  const named = questionNames(question);
  const names = words.flatMap((w, i) => (named.has(w.term) ? [i] : []));
  const alternatives = questionAlternatives([question, ...translated].join('\n'), marked);
  const search = [...words, ...ps].map((w): TermSearch => {
    const s = marked && hasMarks(w.term) ? { form: w.term, folded: false } : { form: fold(w.term), folded: true };
    const alt = alternatives.get(marked ? w.term : fold(w.term));
    return alt ? { ...s, alternatives: s.folded ? alt.map(fold) : alt } : s;
  });
  return { marked, words, pairs: ps, wordWeight: words.reduce((s, w) => s + w.idf, 0), search, names };
}

/** `text` prepared for look-ups; `settled` when it is known to be settled (`isSettled`), so that `nfc` would leave it as it is. */
export function searchText(text: string, settled = false): SearchText {
  const lower = canonicalTones((settled ? text : nfc(text)).toLowerCase());
  // `fold` without its lower-casing, which leaves lower-cased text as it is (tested for every
  // code point): lower-casing a passage again took as long as removing its marks.
  const folded = stripMarks(lower);
  return { lower, folded: folded.length === lower.length ? folded : lower };
}

// Syllables joined by a hyphen or an apostrophe are separate words for the tokeniser too: neither is a word character.

/** Whether `form` occurs in `text` between `from` and `to` as whole words. */
export function hasWordIn(text: string, form: string, from = 0, to = text.length): boolean {
  return nextWholeWords(text, form, from, to) >= 0;
}

/** Which of the question's terms occur in [from, to) of a prepared text. */
export function presenceIn(terms: QuestionTerms, t: SearchText, from = 0, to = t.lower.length): Presence {
  const out = new Uint8Array(terms.search.length);
  terms.search.forEach((s, i) => {
    const text = s.folded ? t.folded : t.lower;
    if (hasWordIn(text, s.form, from, to) || s.alternatives?.some((a) => hasWordIn(text, a, from, to))) out[i] = 1;
  });
  return out;
}

/**
 * `presenceIn` for each of several ranges of one prepared text, looking each term up once
 * over all of them (a term absent from the first range is not searched for again from each
 * next one to the end of the text).
 */
export function presenceInRanges(terms: QuestionTerms, t: SearchText, ranges: ReadonlyArray<readonly [number, number]>): Presence[] {
  const count = terms.search.length;
  const out: Presence[] = new Array<Presence>(ranges.length);
  for (let r = 0; r < ranges.length; r++) out[r] = new Uint8Array(count);
  if (ranges.length === 0) return out;
  let from = Infinity;
  let to = -Infinity;
  for (const [a, b] of ranges) {
    if (a < from) from = a;
    if (b > to) to = b;
  }
  // Loops rather than callbacks: this runs for every sentence of thirty passages per question.
  for (let ti = 0; ti < count; ti++) {
    const s = terms.search[ti] as TermSearch;
    const text = s.folded ? t.folded : t.lower;
    markRanges(text, s.form, from, to, ranges, out, ti);
    if (s.alternatives) for (const a of s.alternatives) markRanges(text, a, from, to, ranges, out, ti);
  }
  return out;
}

/** Marks term `ti` present in each of `ranges` that holds `form` as whole words. */
function markRanges(text: string, form: string, from: number, to: number, ranges: ReadonlyArray<readonly [number, number]>, out: Presence[], ti: number): void {
  for (let i = nextWholeWords(text, form, from, to); i >= 0; i = nextWholeWords(text, form, i + 1, to)) {
    for (let r = 0; r < ranges.length; r++) {
      const [a, b] = ranges[r] as readonly [number, number];
      if (i >= a && i + form.length <= b) (out[r] as Uint8Array)[ti] = 1;
    }
  }
}

export function presence(terms: QuestionTerms, text: string): Presence {
  return presenceIn(terms, searchText(text));
}

/** The terms either of `a` and `b` has, written into `into` (a new presence unless given: `a` itself may be). */
export function union(a: Presence, b: Presence, into: Presence = new Uint8Array(a.length)): Presence {
  for (let i = 0; i < a.length; i++) into[i] = (a[i] as number) | (b[i] as number);
  return into;
}

/**
 * Share of the question words' idf weight present in `p`, or in either of `p` and `q` (their
 * union, without making it: the re-ranking reads it for every two sentences side by side); 0 when
 * there are none.
 */
export function wordCoverage(terms: QuestionTerms, p: Presence, q?: Presence): number {
  let total = 0;
  let hit = 0;
  const words = terms.words;
  for (let i = 0; i < words.length; i++) {
    const idf = (words[i] as QueryWord).idf;
    total += idf;
    if (p[i] || q?.[i]) hit += idf;
  }
  return total === 0 ? 0 : hit / total;
}

/** Share of the idf weight of the question's names (`QuestionTerms.names`) present; 1 when it names none (nothing is missing). */
export function nameCoverage(terms: QuestionTerms, p: Presence): number {
  const names = terms.names;
  if (!names || names.length === 0) return 1;
  let total = 0;
  let hit = 0;
  for (const i of names) {
    const idf = (terms.words[i] as QueryWord).idf;
    total += idf;
    if (p[i]) hit += idf;
  }
  return total === 0 ? 1 : hit / total;
}

/** Share of the question's word pairs' idf weight present; 0 when there are none. */
export function pairCoverage(terms: QuestionTerms, p: Presence): number {
  let total = 0;
  let hit = 0;
  const off = terms.words.length;
  const pairs = terms.pairs;
  for (let i = 0; i < pairs.length; i++) {
    const idf = (pairs[i] as QueryWord).idf;
    total += idf;
    if (p[off + i]) hit += idf;
  }
  return total === 0 ? 0 : hit / total;
}

/** An acronym and the words it stands for, as a text defines it (`definedAcronyms`). */
export interface AcronymAlias {
  acronym: string;
  expansion: string;
}

/**
 * The question's terms with the acronyms the retrieved text defines read as the words they stand
 * for: a question that writes "Bộ Khoa học và Công nghệ" finds those words in a sentence that
 * writes "Bộ KH&CN" (the term "khoa" has "kh&cn" as an alternative form), and one that writes
 * "KH&CN" finds it in "Khoa học và Công nghệ". `asked` are the question's texts (as typed, and
 * any translation). The same terms object when no alias applies.
 */
export function withAliases(terms: QuestionTerms, aliases: readonly AcronymAlias[], asked: readonly string[]): QuestionTerms {
  if (aliases.length === 0) return terms;
  const said = asked.map((a) => ` ${syllables(a).syllables.map(fold).join(' ')} `);
  const extra = new Map<number, string[]>();
  const all = [...terms.words, ...terms.pairs];
  const add = (inside: Set<string>, alternative: string) => {
    all.forEach((w, i) => {
      const own = terms.search[i] as TermSearch;
      if (!w.term.split(' ').every((x) => inside.has(fold(x)))) return;
      const form = own.folded ? fold(alternative) : alternative;
      const list = extra.get(i) ?? [];
      if (form !== own.form && !list.includes(form)) extra.set(i, [...list, form]);
    });
  };
  for (const { acronym, expansion } of aliases) {
    const long = syllables(expansion).syllables.map(fold);
    const short = syllables(acronym).syllables.map(fold);
    if (said.some((s) => s.includes(` ${long.join(' ')} `))) add(new Set(long), nfc(acronym).toLowerCase());
    if (said.some((s) => s.includes(` ${short.join(' ')} `))) add(new Set(short), nfc(expansion).toLowerCase());
  }
  if (extra.size === 0) return terms;
  const search = terms.search.map((s, i) => {
    const more = extra.get(i);
    return more ? { ...s, alternatives: [...(s.alternatives ?? []), ...more] } : s;
  });
  return { ...terms, search };
}
