import {
  type AcronymAlias,
  type Presence,
  type QuestionTerms,
  type SearchText,
  hasWordIn,
  pairCoverage,
  questionNames,
  wordCoverage,
} from '../retrieve/coverage.js';
import type { PassageEvidence } from '../retrieve/rerank.js';
import { englishOrdinals, ordinalsInDigits } from '../text/find-numbers.js';
import { canonicalTones, fold, nfc } from '../text/normalize.js';
import { questionAlternatives } from '../text/synonyms.js';
import { isStopword } from '../text/stopwords.js';
import { WORD_RUN, isSyllableShaped, typedInCapitals } from '../text/words.js';
import { glossaryMatches } from '../text/glossary.js';
import { detectLang } from '../text/lang.js';
import { placeAliases } from '../check/facts.js';
import { editDistance } from '../check/compare.js';
import { type LogisticModel, type SentenceCandidate, logit, sigmoid } from './select.js';
import { numberWritten } from './number-forms.js';
import {
  attributesMissing,
  birthMissing,
  bodiesOfOtherPlaces,
  bodyOfPlaceMissing,
  countsThing,
  institutionsMissing,
  measureMissing,
  nationalityMissing,
  ordinalMissing,
  startMissing,
  whenActMissing,
  yearMissing,
} from './fact-spans.js';
import { headless, missingTitles, officesOfOtherBodies } from './titles.js';

/**
 * Whether the stored articles answer the question at all: the probability, under a small
 * logistic model, that the chosen sentence comes from the article the question is about.
 * Answers below `KIEMCHUNG_MIN_CONFIDENCE` are refused.
 *
 * - `sentence`: the chosen sentence's log-odds of holding the answer (`select.ts`), capped at ±6;
 * - `words`, `pairs`: the best sentence coverage of the question's words and word pairs;
 * - `passage`: the word coverage of the chosen sentence's passage with its article's title;
 * - `article`, `articlePairs`: the same for the whole article of the best passage (its title
 *   and every paragraph): a question about an article that is not stored usually has rare
 *   words that no single stored article holds together;
 * - `lexical`: the best passage's BM25 score over the question's total word weight;
 * - `margin`: how far the best passage of another article is behind in re-ranking score,
 *   capped at 3 (in a collection of two articles the other one is always far behind);
 * - `unknown`: the share of the question's word weight in words no stored passage has;
 * - `rarestMissing`: whether the question's rarest word is missing from that article;
 * - `focus`: the share of the words next to the question words ("sinh" in "… sinh năm nào?")
 *   found in the quoted sentences;
 * - `missingNames`: the question's names (`questionNames`, as the re-ranking reads them) that
 *   the best article lacks ("Globocan"); the model was fitted when they were the capitalised
 *   words after the first, and on the whole sets gives the same figures with the shared
 *   reading but 31.0% of dev-heldout's absent-article questions refused instead of 30.4%;
 * - `noFact`: the question asks for a kind of fact the chosen sentence does not have.
 *
 * Fitted by `scripts/fit-weights.ts refusal` (logistic regression, L2 1e-2) on ViNewsQA
 * dev-heldout questions of even-numbered source articles (answerable ones, and ones whose
 * article was removed) and the even lines of our seed questions (each weighted 5), with the
 * default corpus embedder, and refitted when the sentence model gained `opens`. At the default
 * threshold 0.35 it refuses, on the other halves, 31.1% of the dev-heldout questions whose
 * article is absent and 53.3% of the seed ones the articles do not answer, with 2.0% and 2.4%
 * of the answerable ones (29.9% and 53.3%, 2.1% and 2.4%, before); README ("Quality") has
 * the whole trade-off. Candidate features tried and left out (no gain beyond noise on the
 * held-out half) are listed there.
 */
export const REFUSAL_FEATURES = [
  'sentence',
  'words',
  'pairs',
  'passage',
  'article',
  'articlePairs',
  'lexical',
  'margin',
  'unknown',
  'rarestMissing',
  'focus',
  'missingNames',
  'noFact',
] as const;
export type RefusalFeature = (typeof REFUSAL_FEATURES)[number];

export const REFUSAL_MODEL: LogisticModel<RefusalFeature> = {
  bias: -1.547,
  weights: {
    sentence: 0.489,
    words: -0.847,
    pairs: 0.1,
    passage: 2.452,
    article: -0.559,
    articlePairs: 1.899,
    lexical: 1.825,
    margin: -0.332,
    unknown: -0.575,
    rarestMissing: -0.422,
    focus: 0.405,
    missingNames: -0.305,
    noFact: -0.955,
  },
};

/** An article's text prepared for lookups, and where it writes acronyms (`acronymSlots`). */
export type ArticleText = SearchText & { acronymSlots?: ReadonlySet<string> };

export interface RefusalInput {
  question: string;
  terms: QuestionTerms;
  passages: readonly PassageEvidence[];
  best: SentenceCandidate;
  /** Which question terms the chosen sentence's passage, with its article's title, holds. */
  passage: Presence;
  /** Which question terms the best passage's whole article (title and paragraphs) holds. */
  article: Presence;
  /** The same article's text, prepared for lookups (the question's names and numbers), with where it writes acronyms. */
  articleText: ArticleText;
  /** Words next to the question words (`focusWords`). */
  focus: readonly string[];
  /** The quoted text, prepared for lookups. */
  quoted: SearchText;
  /**
   * The body a "who heads …" question asks about (`QuestionAnalysis.leaderOf`): see `headless`.
   * A quote without a person counts against it only for a Vietnamese question ("người đứng đầu");
   * in English "Who led …" is asked of armies, teams and movements led by people without an office.
   */
  leader?: { body: string; vietnamese: boolean };
  /** How much of the question's word weight pairs add, for normalising BM25 (its pair weight). */
  pairWeight?: number;
  /**
   * How much more the query sent to BM25 weighed than the question's words (1 unless a question
   * typed without marks was also looked for by its restored spellings: 1 + their weight,
   * `QueryWeights.restored`). `lexical` was fitted on the typed words' scores alone.
   */
  lexicalScale?: number;
  /**
   * What a "how many" question counts (`countedThing`: "đại biểu" of "… có bao nhiêu đại biểu tham
   * dự?"), and whether a quantity was found in the quotes (the short answer's).
   */
  counted?: { things: readonly string[]; quoted: boolean };
  /** The question asks for a number (a measure may be asked). */
  measure?: boolean;
  /** Short forms the question writes for words the passages spell out ("ĐLVN": "Đo lường Việt Nam", `initialismsIn`). */
  spelledOut?: readonly AcronymAlias[];
  /** A yes/no question: a name the article lacks may be the claim's mistake, which the answer says (`unseenNames` is not read). */
  yesNo?: boolean;
  /** The question is a statement taken out of one ("Bản thảo liệt kê Malaysia …, bài gốc có nói vậy không?"): its first word is not read as a name. */
  statement?: boolean;
  /**
   * An office asked at a body ("Ông Metzger giữ chức vụ gì ở ISO?", `QuestionAnalysis.officeAt`),
   * and whether the quotes give one of that body: the office of another body is not the answer.
   */
  officeAt?: { quoted: boolean };
  /**
   * A question for the doer of an act ("… do ai khởi xướng?", "Who founded …?", `doerAsked`), and
   * whether the quotes' paragraphs state that act at all: a paragraph that does not names no one who did it.
   */
  doer?: { stated: boolean };
}

export type RefusalFeatures = Record<RefusalFeature, number> & {
  /** Numbers the question names ("lần thứ 5", "năm 2025") that the article lacks: decided by rule, not by the model. */
  missingNumbers: number;
  /**
   * Offices the question names ("Bộ trưởng") that the article does not name as such, a head asked
   * of a body it names only deputies of, and an office asked at a body the quotes give none of:
   * decided by rule too.
   */
  missingTitles: number;
  /** Acronyms a Vietnamese question names ("Hội nghị chuyên đề ASEAN") that the article does not write, or never as the name of a meeting ("Hội nghị BRI"): decided by rule too (`missingAcronyms`). */
  missingAcronyms: number;
  /**
   * 1 when a question counts something ("bao nhiêu đại biểu") that neither the quotes nor the
   * whole article gives a count of ("N đại biểu", "ba đại biểu"), or asks which time ("lần thứ
   * mấy") of quotes that number nothing (`ordinalMissing`): the article does not say how many.
   * Decided by rule too.
   */
  missingCount: number;
  /** The question asks a measure (money, an age, a share, a length of time …) the article gives nowhere (`measureMissing`). */
  missingMeasure: number;
  /**
   * The question asks since when, and the quotes give no beginning (`startMissing`), which year,
   * and they give none (`yearMissing`), or when a person it names was born, and they say nothing
   * of a birth (`birthMissing`).
   */
  missingDate: number;
  /** Names a Vietnamese question gives that the article writes nowhere, not even one letter apart (`unseenNames`): decided by rule too. */
  unseenNames: number;
  /**
   * Attributes the question asks (a nationality, a seat, a founding …) that the article states in
   * none of their ways (`attributesMissing`), and the doer of an act the quotes' paragraphs do not
   * state (`doer`): decided by rule too.
   */
  missingAttributes: number;
};

/** Nouns of an edition or a stage of something, which an English ordinal may number ("the 5th LMC symposium", "phase three"). */
const EN_EDITION_NOUN =
  /(?<![\p{L}])(?:symposi(?:um|a)|conferences?|meetings?|sessions?|summits?|congress(?:es)?|forums?|editions?|rounds?|phases?|stages?|terms?|festivals?|dialogues?|workshops?|seminars?|fairs?|exhibitions?|anniversar(?:y|ies))(?![\p{L}])/iu;

/** An English stage noun right before a number ("phase 3"): `englishOrdinals` reads the two. */
const EN_STAGE_BEFORE = /(?<![\p{L}])(?:phase|phases|stage|round)\s+$/iu;

/** A word that begins with a capital. */
const CAPITALISED = /^\p{Lu}/u;

/** A capitalised short form with two capitals or more ("ASEAN", "KH&CN", "H5N1"). */
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}&]*\p{Lu}[\p{Lu}\p{N}&]*$/u;
/** Roman numerals ("giai đoạn II"): numbers, which `missingNumbers` reads. */
const ROMAN = /^[IVXLC]+$/u;

/** Words as acronyms are looked up beside: runs of letters, marks, digits, "&" and "-" ("Lancang-Mekong", "KH&CN"). */
const SLOT_WORD = /[\p{L}\p{M}\p{N}&-]+/gu;

/**
 * Where a text writes acronyms: for each one, the word before it ("p:de" of "Hội nghị chuyên đề
 * LMC") and the word after it ("n:lan" of "LMC lần thứ 4"), lower-cased and folded (a question
 * may be typed without marks), brackets and commas between them skipped ("Hợp tác
 * Lancang-Mekong (LMC) lần thứ 4").
 */
export function acronymSlots(text: string): Set<string> {
  const t = nfc(text);
  const found = [...t.matchAll(SLOT_WORD)];
  const words = found.map((m) => m[0]);
  const folded = words.map((w) => fold(w));
  const out = new Set<string>();
  words.forEach((w, i) => {
    const event = eventAt(folded, i);
    if (event) for (const a of eventAcronyms(t, found, i + 2)) out.add(`e:${event}`).add(`e:${event}:${a.toLowerCase()}`);
    if (!isAcronym(w)) return;
    if (i > 0) out.add(`p:${folded[i - 1] as string}`);
    if (i + 1 < words.length) out.add(`n:${folded[i + 1] as string}`);
  });
  return out;
}

/** Nouns of a meeting or an event, folded, which news names after a body ("Hội nghị chuyên đề LMC", "Diễn đàn APEC"). */
const EVENTS = new Set(['hoi nghi', 'hoi thao', 'dien dan', 'dai hoi', 'hoi cho', 'trien lam', 'hoi dam', 'toa dam', 'ky hop', 'phien hop']);

/** The event noun whose two words start at word `i` of `folded` (words lower-cased and folded). */
function eventAt(folded: readonly string[], i: number): string | undefined {
  const next = folded[i + 1];
  if (next === undefined) return undefined;
  const two = `${folded[i] as string} ${next}`;
  return EVENTS.has(two) ? two : undefined;
}

/** How far after an event noun its name may write the body's acronym ("Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC)"). */
const EVENT_NAME_WORDS = 12;

/** The acronyms written in the name of an event from word `from` on: within `EVENT_NAME_WORDS` words, in the same sentence. */
function eventAcronyms(text: string, found: readonly RegExpMatchArray[], from: number): string[] {
  const out: string[] = [];
  for (let k = from; k < found.length && k < from + EVENT_NAME_WORDS; k++) {
    const prev = found[k - 1] as RegExpMatchArray;
    const word = found[k] as RegExpMatchArray;
    if (/[.!?;:,\n]/u.test(text.slice((prev.index ?? 0) + prev[0].length, word.index))) break;
    if (isAcronym(word[0])) out.push(word[0]);
  }
  return out;
}

/** Whether the article names an event of that noun by `acronym` (lower case), or one letter off in an acronym of five or more ("ASEANN"). */
function namesEvent(slots: ReadonlySet<string>, event: string, acronym: string): boolean {
  if (slots.has(`e:${event}:${acronym}`)) return true;
  if (acronym.length < 5) return false;
  const prefix = `e:${event}:`;
  return [...slots].some((k) => k.startsWith(prefix) && editDistance(k.slice(prefix.length), acronym) <= 1);
}

/**
 * Lower-case words an event's name has between its noun and the body ("hội nghị chuyên đề ASEAN",
 * "hội nghị cấp cao APEC", "hội nghị của ASEAN"), folded. Any other word makes the acronym
 * something else: a place, a partner, the subject of a verb ("hội nghị tại TP HCM", "Hội nghị
 * chứng kiến VN thể hiện …").
 */
const IN_EVENT_NAME = new Set(['chuyen', 'de', 'cap', 'cao', 'thuong', 'dinh', 'nien', 'quoc', 'te', 'khu', 'vuc', 'hop', 'tac', 'bo', 'truong', 'cua']);

/**
 * The acronyms a question names an event by ("hội nghị ASEAN", "Hội nghị BRI lần 4") when the
 * article names its own events of that noun by other acronyms only ("Hội nghị chuyên đề LMC"):
 * the question asks about another meeting, even where the article writes the acronym elsewhere
 * ("Sáng kiến … (BRI)").
 */
function eventsOfOthers(question: string, slots: ReadonlySet<string>): string[] {
  const q = nfc(question);
  const found = [...q.matchAll(SLOT_WORD)];
  const words = found.map((m) => m[0]);
  const folded = words.map((w) => fold(w));
  const out: string[] = [];
  words.forEach((_, i) => {
    const event = eventAt(folded, i);
    if (!event || !slots.has(`e:${event}`)) return;
    // The acronym right after the noun, or after one or two words of its name ("hội nghị chuyên đề ASEAN").
    for (let k = i + 2; k < words.length && k <= i + 4; k++) {
      const w = words[k] as string;
      const prev = found[k - 1] as RegExpMatchArray;
      if (/[.!?;:,()]/u.test(q.slice((prev.index ?? 0) + prev[0].length, found[k]?.index))) return;
      if (isAcronym(w)) {
        if (!namesEvent(slots, event, w.toLowerCase()) && !out.includes(w)) out.push(w);
        return;
      }
      if (!IN_EVENT_NAME.has(fold(w))) return;
    }
  });
  return out;
}

/** Two capitals or more, not a Roman numeral nor "AI" (also "ai", who). */
export function isAcronym(w: string): boolean {
  return ACRONYM.test(w) && w !== 'AI' && !ROMAN.test(w);
}

/**
 * The acronyms a Vietnamese question names in the place of one its article writes, which the
 * article writes nowhere, by any spelling it has (`writes`, as `namesWrittenIn` reads them; or
 * one letter off in an acronym of five or more: "CRISR" / "CRISPR"). In the place of one: the word before it or after it in the question is
 * one the article writes an acronym beside (`acronymSlots`): "Hội nghị chuyên đề ASEAN lần thứ
 * 4 tổ chức ở đâu?" of an article on "Hội nghị chuyên đề LMC lần thứ 4" asks about another
 * symposium, whatever else it shares with the question. So is an acronym naming a meeting
 * ("hội nghị ASEAN", "Hội nghị BRI") when the article names its meetings of that noun by other
 * acronyms only (`eventsOfOthers`), even one it writes elsewhere. An acronym alone is not enough: the
 * news writes many in words ("Theo AAA, …" of an article naming the American Automobile
 * Association in Vietnamese). Not read: a question typed in capitals, "AI" (also "ai", who),
 * Roman numerals, and English questions, whose acronyms ("US", "UK") the Vietnamese articles
 * write in words.
 */
export function missingAcronyms(question: string, article: ArticleText, writes: (word: string) => boolean): string[] {
  if (typedInCapitals(question) || detectLang(question) === 'en') return [];
  const words = nfc(question).match(SLOT_WORD) ?? [];
  // Only the question's own acronyms can be missing: the article's slots are read for those alone.
  if (!words.some(isAcronym) || !article.acronymSlots?.size) return [];
  const slots = article.acronymSlots;
  let written: string[] | null = null;
  const out: string[] = eventsOfOthers(question, slots);
  words.forEach((a, i) => {
    if (!isAcronym(a) || out.includes(a)) return;
    const beside = (w: string | undefined, side: 'p' | 'n') => w !== undefined && slots.has(`${side}:${fold(w.toLowerCase())}`);
    if (!beside(words[i - 1], 'p') && !beside(words[i + 1], 'n')) return;
    const lower = a.toLowerCase();
    if (writes(lower)) return;
    if (a.length >= 5) {
      written ??= article.lower.match(/[\p{L}\p{N}&]{4,}/gu) ?? [];
      if (written.some((w) => editDistance(w, lower) <= 1)) return;
    }
    out.push(a);
  });
  return out;
}

/**
 * The names of a Vietnamese question that the article writes nowhere: not by any spelling
 * `writes` knows, nor as two words joined ("Superbowl"), nor mistyped (one letter apart, two
 * letters swapped, or cut short: "Quảng Nhin", "Monsato", "Metzegr", "Philip"). An article that
 * never names the drug, the person or the place asked about is about another one ("Thuốc
 * Ribociclib … điều trị bệnh gì?" answered from an article on another medicine). A name is a run of
 * capitalised words; it is seen when any word of it is ("Philip Metzger"). Read: words of four
 * letters or more, not the question's first word (capitalised anyway: "Ngoài TP HCM, …") unless
 * it cannot be a Vietnamese syllable ("Plastome được phát hiện khi nào?"; with `foreignFirst`: not
 * for a statement taken out of a question about a draft, whose subject the check reads), not an
 * acronym (`missingAcronyms` reads those), not English words the glossary translates ("Belt and
 * Road"), nor inside quotation marks (a title in another language) or a leading "Theo …," (where
 * the question read it). Not read: English questions, whose names the Vietnamese articles often
 * write in Vietnamese, and questions typed in capitals. Vietnamese syllables are mostly one letter from another ("Bình", "tỉnh"), so a Vietnamese name
 * is seldom found unseen: the rule errs on the side of answering.
 */
export function unseenNames(question: string, article: SearchText, writes: (name: string) => boolean, foreignFirst = true): string[] {
  if (typedInCapitals(question) || detectLang(question) === 'en') return [];
  const q = nfc(question);
  const skipped: Array<[number, number]> = [...q.matchAll(/["“‘«][^"”’»]*["”’»]|^\s*(?:[Tt]heo|[Aa]ccording to)\s[^,]*,/gu)].map((m) => [
    m.index,
    m.index + m[0].length,
  ]);
  // English words the glossary reads in Vietnamese ("Belt and Road", "International Electrotechnical Commission"), looked up once a run is read.
  let translated: ReadonlySet<string> | null = null;
  const all = [...q.matchAll(WORD_RUN)];
  const first = all[0]?.index;
  const words = all.filter((m) => !skipped.some(([a, b]) => m.index >= a && m.index < b));
  let near: Set<string> | null = null;
  const seen = (word: string) => {
    const lower = word.toLowerCase();
    if (writes(lower)) return true;
    const folded = fold(lower);
    if (folded.length < 4) return false;
    near ??= nearForms(article);
    for (const w of near) {
      if (w === folded) return true;
      if (Math.abs(w.length - folded.length) <= 1 && (editDistance(w, folded) <= 1 || swapped(w, folded))) return true;
      if (folded.length >= 5 && w.length > folded.length && w.startsWith(folded)) return true;
    }
    return false;
  };
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    let j = i;
    while (j < words.length && CAPITALISED.test((words[j] as RegExpMatchArray)[0])) j++;
    if (j === i) {
      i++;
      continue;
    }
    const run = words.slice(i, j);
    const asked = run
      .filter(
        (m) =>
          (m.index !== first || (foreignFirst && !isSyllableShaped(m[0]))) &&
          !ACRONYM.test(m[0]) &&
          !(translated ??= glossaryMatches(q).words).has(m[0].toLowerCase()),
      )
      .map((m) => m[0].toLowerCase())
      .filter((w) => fold(w).length >= 4 && !/\p{N}/u.test(w) && !isStopword(w, true));
    if (asked.length && !asked.some(seen)) out.push(...asked);
    i = j;
  }
  return out;
}

// Per article text (the answer keeps one per article it reads): questions about the same news read the same article.
const nearFormsOf = new WeakMap<SearchText, Set<string>>();

/** The article's words, folded one by one, and each two adjacent ones joined ("super bowl" → "superbowl"). */
function nearForms(article: SearchText): Set<string> {
  const known = nearFormsOf.get(article);
  if (known) return known;
  const words = (article.lower.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map((w) => fold(w));
  const out = new Set<string>();
  words.forEach((w, i) => {
    if (w.length >= 3) out.add(w);
    const next = words[i + 1];
    if (next !== undefined) out.add(w + next);
  });
  nearFormsOf.set(article, out);
  return out;
}

/** Whether `a` is `b` with two adjacent letters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Whether an article writes a name of the question (lower-cased), by any spelling it has: as
 * typed, folded, as a place in its own language ("Thailand" / "Thái Lan": `placeAliases`), or as
 * what a short form stands for ("VN" / "Việt Nam": `questionAlternatives`).
 */
export function namesWrittenIn(article: SearchText, question: string, spelledOut: readonly AcronymAlias[] = []): (name: string) => boolean {
  const alternatives = questionAlternatives(question, true);
  const as = (w: string) => hasWordIn(article.lower, w) || hasWordIn(article.folded, fold(w));
  const spelled = (name: string) => spelledOut.some((a) => a.acronym.toLowerCase() === name && as(canonicalTones(a.expansion.toLowerCase())));
  return (name) => as(name) || placeAliases(fold(name)).some((a) => hasWordIn(article.folded, a)) || (alternatives.get(name) ?? []).some(as) || spelled(name);
}

/** Whether the features decide a refusal by rule, whatever the model says: a number, office, acronym, count or measure the article lacks. */
export function refusedByRule(
  features: Pick<
    RefusalFeatures,
    'missingNumbers' | 'missingTitles' | 'missingAcronyms' | 'missingCount' | 'missingMeasure' | 'missingDate' | 'unseenNames' | 'missingAttributes'
  >,
): boolean {
  return (
    features.missingNumbers > 0 ||
    features.missingTitles > 0 ||
    features.missingAcronyms > 0 ||
    features.missingCount > 0 ||
    features.missingMeasure > 0 ||
    features.missingDate > 0 ||
    features.unseenNames > 0 ||
    features.missingAttributes > 0
  );
}

export function refusalFeatures(input: RefusalInput): RefusalFeatures {
  const { terms, passages, best, article, question } = input;
  const top = passages[0];
  const other = passages.find((p) => p.hit.article.id !== top?.hit.article.id);
  const inArticle = (w: string) => hasWordIn(input.articleText.lower, w) || hasWordIn(input.articleText.folded, fold(w));
  const nameIn = namesWrittenIn(input.articleText, question, input.spelledOut);
  // The question's names (capitalised words, as the re-ranking reads them) and numbers, as typed.
  const names = [...questionNames(question)];
  // Numbers written as words of their own ("lần thứ 5", "năm 2025"), not inside names ("H2S", "AS-206").
  // A number counts as written when the article writes it another way too ("2" / "Hai", "giai
  // đoạn 2" / "Giai đoạn II", "những năm 70" / "những năm 1970").
  const missing = new Set<string>();
  const english = detectLang(question) === 'en';
  for (const m of question.matchAll(/(?<![\p{L}\p{N}-])\d+(?:[.,]\d+)*(?![\p{L}\p{N}])/gu))
    if (
      !inArticle(m[0]) &&
      // "phase 3": read below with the noun Vietnamese writes ("giai đoạn 3", "giai đoạn ba").
      !(english && EN_STAGE_BEFORE.test(question.slice(0, m.index))) &&
      !numberWritten(m[0], question.slice(0, m.index), question.slice(m.index + m[0].length), input.articleText.lower, input.articleText.folded)
    )
      missing.add(m[0]);
  // Ordinals spelled out or in Roman numerals ("lần thứ năm", "khóa IV"), as digits.
  for (const o of ordinalsInDigits(question)) {
    const digits = o.slice(o.lastIndexOf(' ') + 1);
    if (!numberWritten(digits, `${o.slice(0, o.lastIndexOf(' '))} `, '', input.articleText.lower, input.articleText.folded)) missing.add(o);
  }
  // In English ("the 5th symposium", "the third phase", "phase three"), with the Vietnamese noun before the number.
  // Only where the question speaks of an edition or a stage of something: an ordinal also counts
  // centuries, downs and doctors ("the 15th century", "3rd-and-9", "the Ninth Doctor").
  if (english && EN_EDITION_NOUN.test(question))
    for (const { digits, noun } of englishOrdinals(question))
      if (!numberWritten(digits, `${noun} `, '', input.articleText.lower, input.articleText.folded)) missing.add(`${noun} ${digits}`);
  const pairWeight = terms.pairs.reduce((s, w) => s + w.idf, 0) * (input.pairWeight ?? 0.5);
  let words = 0;
  let pairs = 0;
  for (const p of passages.slice(0, 5)) {
    words = Math.max(words, p.sentence);
    pairs = Math.max(pairs, p.pairs);
  }
  const z = Math.max(-6, Math.min(6, Math.log(best.p / (1 - best.p))));
  let unknown = 0;
  let rarest = terms.words[0];
  for (const w of terms.words) {
    if (w.unknown) unknown += w.idf;
    if (rarest && w.idf > rarest.idf) rarest = w;
  }
  const rarestIndex = rarest ? terms.words.indexOf(rarest) : -1;
  return {
    sentence: z,
    words,
    pairs,
    passage: wordCoverage(terms, input.passage),
    article: wordCoverage(terms, article),
    articlePairs: pairCoverage(terms, article),
    lexical: top ? top.hit.lexicalScore / (input.lexicalScale ?? 1) / Math.max(1, terms.wordWeight + pairWeight) : 0,
    margin: Math.max(-3, top && other ? other.score - top.score : -3),
    unknown: terms.wordWeight ? unknown / terms.wordWeight : 0,
    rarestMissing: rarestIndex >= 0 && !article[rarestIndex] ? 1 : 0,
    focus: input.focus.length
      ? input.focus.filter((w) => hasWordIn(input.quoted.lower, w) || hasWordIn(input.quoted.folded, fold(w))).length / input.focus.length
      : 1,
    missingNames: names.filter((n) => !nameIn(n)).length,
    missingNumbers: missing.size,
    missingTitles:
      missingTitles(question, input.articleText.lower).length +
      officesOfOtherBodies(question, input.articleText.lower, () => input.articleText.acronymSlots ?? new Set()).length +
      (input.leader && headless(input.articleText.lower, input.leader.body, input.leader.vietnamese && best.features.noFact === 1) ? 1 : 0) +
      (input.officeAt && !input.officeAt.quoted ? 1 : 0),
    noFact: best.features.noFact,
    missingAcronyms: missingAcronyms(question, input.articleText, nameIn).length,
    missingCount:
      (input.counted && !input.counted.quoted && !countsThing(input.articleText.lower, input.counted.things)) || ordinalMissing(question, input.quoted) ? 1 : 0,
    missingMeasure: input.measure && measureMissing(question, input.articleText) ? 1 : 0,
    missingDate:
      startMissing(question, input.quoted) ||
      yearMissing(question, input.quoted) ||
      birthMissing(question, input.quoted, names) ||
      whenActMissing(question, input.quoted)
        ? 1
        : 0,
    unseenNames: input.yesNo ? 0 : unseenNames(question, input.articleText, nameIn, !input.statement).length,
    missingAttributes:
      attributesMissing([question, ...glossaryMatches(question).terms].join(' '), input.articleText) +
      // One term a line: "Trung Quốc" then "Hội nghị" is no "quốc hội".
      institutionsMissing([question, ...glossaryMatches(question).terms].join('\n'), input.articleText) +
      (nationalityMissing(question, names, input.articleText) ? 1 : 0) +
      bodiesOfOtherPlaces(question, input.articleText).length +
      (bodyOfPlaceMissing(question, input.articleText, input.quoted) ? 1 : 0) +
      (input.doer && !input.doer.stated ? 1 : 0),
  };
}

/**
 * The model's probability, except that a number the question names ("lần thứ 5", "năm 2025")
 * and the article lacks means the article is about another edition, year or count: none.
 * On ViNewsQA dev-heldout this holds for 4.5% of the questions whose article is absent and
 * for under 1% of the answerable ones. So does an office the question names that the article
 * does not ("Bộ trưởng Bộ KH&CN là ai?" against "Thứ trưởng Bộ KH&CN Lê Xuân Định"): the
 * person it names holds another office. No answerable ViNewsQA dev question names an office
 * its own article lacks. An acronym the question names and the article lacks is read the same
 * way (`missingAcronyms`), and so is a count (`missingCount`) or a measure (`measureMissing`: a
 * sum of money, an age, a share, a length of time) the article gives nowhere.
 */
export function answerConfidence(features: RefusalFeatures, model: LogisticModel<RefusalFeature> = REFUSAL_MODEL): number {
  if (refusedByRule(features)) return 0;
  return sigmoid(logit(model, features));
}
