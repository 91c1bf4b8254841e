import { type FoundDate, findDates, relateDates } from '../text/find-dates.js';
import { partOfMonth } from '../text/relative-dates.js';
import { type FoundNumber, findNumbers, relateNumbers } from '../text/find-numbers.js';
import { fold, hasMarks } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { TIME_UNITS, timeUnit } from '../text/units.js';
import type { MismatchKind } from '../types.js';
import type { Span } from '../text/span.js';
import { align, type Alignment } from './align.js';
import { englishOfficeAt, englishOfficeBeside, englishOfficeIs, officeAt, officeBeside, sameOffice } from '../answer/titles.js';
import { type AntonymHit, type Cue, type ModalityCue, type NameRun, antonymHits, modalityCues, nameRuns, negationCues, placeAliases } from './facts.js';
import { type Token, keyOf, phraseKeys, tokenize } from './tokens.js';
import { mayMatch, readNames } from './name-syllables.js';
import { FAMILY_NAMES, PHRASE_OPENERS, UNKNOWN_AFTER_NEGATION } from './lexicon.js';
import { phrasesIn } from '../text/synonyms.js';
import { swappedRoles, unstatedAct } from './roles.js';
import { translateTerms } from '../text/glossary.js';

/**
 * Compares one claim with the sentences chosen as its evidence: which of the claim's words
 * and facts (numbers, dates, names, negation, tense and modality, words with opposites) the
 * evidence states, which it states differently in the same slot (a mismatch), and which it
 * does not mention at all. A value with no counterpart in the evidence is not a mismatch: it
 * is something the articles do not say.
 */

/** One piece of evidence: a sentence, or a run of adjacent sentences of one paragraph. */
export interface EvidenceText {
  text: string;
  /** The paragraph the piece was quoted from, and where in it the piece starts: who its sentences are said by may be named earlier there. */
  paragraph?: string;
  start?: number;
}

/** A sentence of a piece's paragraph, before the piece, that a mismatch quotes (`Comparison.context`). */
export interface ContextSentence {
  /** The evidence piece whose paragraph it is in. */
  of: number;
  /** Offsets in that paragraph. */
  start: number;
  end: number;
}

export interface FoundMismatch {
  kind: MismatchKind;
  /** Offsets in the claim. */
  claimed: Span;
  /** Which evidence piece, and offsets in its text. */
  piece: number;
  stated: Span;
  /** 1 for a fact in a matching slot; lower for weaker signs (a changed word, an implied tense). */
  strength: number;
}

export interface Features {
  /** Share of the claim's informative weight found anywhere in the evidence. */
  coverage: number;
  /** Share of the claim's adjacent informative word pairs found adjacent in the evidence. */
  pairCoverage: number;
  /** Share of the claim's weight in gaps filled differently in the evidence (same slot, other words). */
  substituted: number;
  /** Share of the claim's weight in gaps the evidence does not fill (added content). */
  inserted: number;
  /** Longest run of informative claim words the evidence lacks, as a share of the claim's informative words. */
  longestGap: number;
  /** Numbers, dates and names of the claim with no counterpart in the evidence. */
  unmatchedFacts: number;
  /** Numbers, dates and names of the claim found in the evidence. */
  matchedFacts: number;
  /** Strong mismatches (a different fact in the same slot). */
  mismatches: number;
  /** Weak signs of contradiction (implied tense, a claim negation the evidence does not share). */
  weakSigns: number;
  /** Where the claim states plainly what the source says is planned, hoped for or possible. */
  impliedModality: number;
  /** Informative words in the claim. */
  claimWords: number;
  /** Share of the claim's informative weight aligned word for word with the evidence (a repeated word counts once per occurrence). */
  alignedCoverage: number;
  /** Informative claim words the evidence lacks (a count). */
  uncoveredWords: number;
  /** Longest run of informative claim words the evidence lacks (a count). */
  longestGapWords: number;
  /** The most informative word the evidence lacks (its inverse document frequency). */
  maxUncoveredWeight: number;
  /**
   * Share of the weight of what the claim says of its names (its words outside names, numbers,
   * dates and offices) that the first evidence piece has; 1 when it says nothing else. Not a
   * feature of the model: `decide` reads it.
   */
  predicateCoverage: number;
  /**
   * What the claim says of one thing that the evidence says only of another: a figure given there
   * as a count of something else ("10 quốc gia" / "10 năm"), one of a kind named there as another
   * ("Thái Lan là một đối tác …" / "Việt Nam hiện là một đối tác …"). Not a feature of the model.
   */
  aboutAnother: number;
  /**
   * Names of the claim (people, bodies, places) the evidence gives nowhere, nor another in their
   * place ("Viện Đo lường Việt Nam đã ký biên bản với IEC" against "… với các đối tác quốc tế
   * trong LMC"). Not a feature of the model.
   */
  unmatchedNames: number;
  /**
   * Causes the claim gives ("… do điều mất giá", "vì …") of which no word is aligned with the
   * evidence piece stating what they are the cause of: a reason the source does not give. Not a
   * feature of the model.
   */
  unstatedCause: number;
}

export interface Comparison {
  features: Features;
  mismatches: FoundMismatch[];
  /** Changed words in a matching slot, for when the verdict is a contradiction no fact explains. */
  substitutions: FoundMismatch[];
  /** Claim spans with no counterpart in the evidence. */
  unmatched: Span[];
  /**
   * Sentences read before the pieces in their paragraphs that mismatches quote: a mismatch whose
   * `piece` is the number of pieces plus k quotes the k-th of them ("Ông Philippe Metzger, Tổng Thư
   * ký IEC cho biết, …" for a later sentence of his paragraph said to be someone else's).
   */
  context: ContextSentence[];
}

/** How informative a word is (inverse document frequency from the index), given as a function. */
export type WeightOf = (t: Token, marked: boolean) => number;

interface Side {
  text: string;
  tokens: Token[];
  numbers: FoundNumber[];
  dates: FoundDate[];
  names: NameRun[];
  negations: Cue[];
  modalities: ModalityCue[];
  antonyms: AntonymHit[];
  /** For evidence: which piece each token comes from, and the piece's offset in `text`. */
  piece: Int32Array;
}

const JOIN = '\n';

function read(text: string, folded: boolean, pieceOf?: (offset: number) => number): Side {
  const tokens = tokenize(text);
  const piece = new Int32Array(tokens.length);
  if (pieceOf) tokens.forEach((t, i) => (piece[i] = pieceOf(t.start)));
  // Four-digit years written alone ("năm 2020 và 2022") are dates to compare, not counts.
  const dates = findDates(text).map((d) => partOfMonth(text, d));
  const numbers: FoundNumber[] = [];
  for (const n of findNumbers(text, dates)) {
    if (n.kind === 'cardinal' && n.qualifier === 'exact' && Number.isInteger(n.value) && n.value >= 1900 && n.value <= 2100 && /^\d{4}$/.test(n.text)) {
      const y = n.value;
      dates.push({ start: n.start, end: n.end, text: n.text, precision: 'year', year: y, from: `${y}-01-01`, to: `${y}-12-31` });
    } else numbers.push(n);
  }
  const negs = negationCues(tokens, folded);
  return {
    text,
    tokens,
    numbers,
    dates,
    names: nameRuns(tokens, text, folded),
    negations: negs,
    modalities: modalityCues(tokens, folded),
    // A claim typed without marks is read with its one-syllable words too (`loose`); the source has its marks.
    antonyms: antonymHits(tokens, folded, negs, folded && !pieceOf),
    piece,
  };
}

/** Index of the first token starting at or after `offset`, and of the last ending at or before `end`. */
function tokenRange(tokens: readonly Token[], start: number, end: number): [number, number] {
  let from = tokens.findIndex((t) => t.end > start);
  if (from < 0) from = tokens.length;
  let to = from;
  while (to < tokens.length && (tokens[to] as Token).start < end) to++;
  return [from, to];
}

function blockOf(al: Alignment, claimIndex: number) {
  return al.blocks.find((b) => claimIndex >= b.claimFrom && claimIndex < b.claimTo) ?? null;
}

/** Aligned evidence positions nearest to claim token range [from, to): the slot the range fills. */
function slotOf(al: Alignment, from: number, to: number, evLength: number, piece?: Int32Array): [number, number] {
  let left = -1;
  let leftGap = Infinity;
  for (let k = from - 1; k >= 0; k--) {
    if ((al.toEvidence[k] as number) >= 0) {
      left = al.toEvidence[k] as number;
      leftGap = from - k;
      break;
    }
  }
  let right = evLength;
  let rightGap = Infinity;
  for (let k = to; k < al.toEvidence.length; k++) {
    if ((al.toEvidence[k] as number) >= 0) {
      right = al.toEvidence[k] as number;
      rightGap = k - to + 1;
      break;
    }
  }
  // Far from any aligned word, between words the claim moved, or between two different
  // pieces of evidence, only the evidence words next to the nearer neighbour count.
  const span = to - from + 4;
  const samePiece = !piece || left < 0 || right >= evLength || piece[left] === piece[right];
  const after = (): [number, number] => {
    let end = Math.min(evLength, left + 1 + span);
    if (piece) while (end > left + 1 && piece[end - 1] !== piece[left]) end--;
    return [left + 1, end];
  };
  const before = (): [number, number] => {
    let start = Math.max(0, right - span);
    if (piece) while (start < right && piece[start] !== piece[right]) start++;
    return [start, right];
  };
  if (left >= right || !samePiece) return leftGap <= rightGap ? after() : before();
  if (left < 0) return before();
  if (right >= evLength) return after();
  return [left + 1, right];
}

export interface CompareOptions {
  weightOf: WeightOf;
  /** The claim is in English and its evidence in Vietnamese: facts are compared without word alignment. */
  crossLanguage?: boolean;
  /** Vietnamese words for an English claim (from the glossary), counted towards coverage. */
  translated?: readonly string[];
  /** The English words those were translated from (lower-cased): not names carried over. */
  translatedFrom?: ReadonlySet<string>;
  /**
   * Other paragraphs of the first evidence piece's article: a name the claim gives that they
   * write ("Hợp tác với IEC …" against "hợp tác giữa 2 bên" in the article about IEC) is no
   * name the evidence lacks (`unmatchedNames`).
   */
  articleTexts?: readonly string[];
}

/** Nouns written before a place's name ("thủ đô Hà Nội", "thành phố Cần Thơ", "TP Huế"), folded, two words at most. */
const PLACE_NOUNS = new Set(['thu do', 'thanh pho', 'tp', 'tinh', 'huyen', 'quan', 'phuong', 'thi xa', 'thi tran', 'city', 'capital', 'province']);

/** How many tokens right before `from` are a place noun (`PLACE_NOUNS`): 0, 1 or 2. */
function placeNounBefore(tokens: readonly Token[], from: number): number {
  for (const n of [2, 1]) {
    if (from - n < 0) continue;
    const words = tokens.slice(from - n, from);
    if (words.every((t) => t.clause === (tokens[from] as Token | undefined)?.clause) && PLACE_NOUNS.has(words.map((t) => t.folded).join(' '))) return n;
  }
  return 0;
}

/**
 * Whether one of the `within` tokens before `from` is "tại" or "ở" (folded): a place said to be
 * where something happens. A place noun between them is not counted ("tại thành phố Cần Thơ").
 */
function locatedAt(tokens: readonly Token[], from: number, within: number): boolean {
  const at = from - placeNounBefore(tokens, from);
  return tokens.slice(Math.max(0, at - within), at).some((t) => t.folded === 'tai' || t.folded === 'o');
}

/**
 * Whether a place the claim names is who held an event: "Lào (đã) tổ chức …", "… do Việt Nam đăng
 * cai". The evidence then says where it was held, if anywhere.
 */
function heldBy(tokens: readonly Token[], run: NameRun): boolean {
  let k = run.to;
  while (k < tokens.length && TENSE_WORDS.has((tokens[k] as Token).folded)) k++;
  const a = tokens[k]?.folded;
  const b = tokens[k + 1]?.folded;
  return (a === 'to' && b === 'chuc') || (a === 'dang' && b === 'cai');
}

/**
 * Whether a name opens the claim and is said to be one of a kind: "X (hiện / cũng) là một …",
 * "X là một trong …". Not an office or a place of an event: "Tổng Thư ký IEC là ông …", "Hà Nội
 * là nơi tổ chức …" name the one.
 */
function describedAsOneOf(tokens: readonly Token[], run: NameRun): boolean {
  if (tokens.slice(0, run.from).some((t) => !t.stop)) return false;
  let k = run.to;
  while (k < tokens.length && ['hien', 'cung', 'van', 'da'].includes((tokens[k] as Token).folded)) k++;
  return (tokens[k] as Token | undefined)?.folded === 'la' && (tokens[k + 1] as Token | undefined)?.folded === 'mot';
}

/**
 * Whether an English claim gives the place at token `from` as where something happened ("in
 * Hanoi", "at the … in Beijing"): "Philippe Metzger said Vietnam is developing very fast" names a
 * country it speaks of, not where.
 */
function inEnglishPlace(tokens: readonly Token[], from: number): boolean {
  const at = from - placeNounBefore(tokens, from);
  // "in Hanoi", "in the city of Da Nang", "in the Chinese city of Shanghai".
  return tokens.slice(Math.max(0, at - 5), at).some((t) => t.lower === 'in' || t.lower === 'at');
}

/** The side of its pair a word says: a negated word says its opposite ("chưa cao" is "thấp"). */
const says = (x: AntonymHit) => (x.negated ? 1 - x.side : x.side);

/** A unit of time, or an age ("tròn 10 tuổi"), which is a span of years too; folded. */
const isTimeUnit = (u: string) => TIME_UNITS.has(u) || u === 'tuoi';

/** Words an ordinal numbers editions of an event by ("lần thứ 5", "kỳ họp thứ 7", "khóa 15"), folded; not a phase of one ("giai đoạn hai"). */
const EDITIONS = new Set(['lan', 'ky', 'hop', 'khoa', 'mua', 'edition']);

/** Units of money and measure after a figure (folded): an amount, not a count of things. */
const MEASURES = new Set([
  'dong',
  'usd',
  'do',
  'km',
  'm',
  'kg',
  'tan',
  'ha',
  'lit',
  'mw',
  'kw',
  'kwh',
  'ty',
  'trieu',
  'nghin',
  'ngan',
  'phan',
  'diem',
  'euro',
  'yen',
  'won',
  'te',
]);

/** Negators before "chỉ" that make it "not only", folded. */
const NOT_ONLY = new Set(['khong', 'chang', 'cha', 'chua']);

/** Words after a negation that put what follows in doubt ("chưa chắc chắn liệu …"), with marks and folded. */
const NOT_KNOWN: ReadonlySet<string> = new Set(UNKNOWN_AFTER_NEGATION.flatMap((w) => [w, fold(w)]));
/** Prepositions that open a phrase after the negated word, with marks and folded. */
const OPENERS: ReadonlySet<string> = new Set(PHRASE_OPENERS.flatMap((w) => [w, fold(w)]));
/**
 * Where the clause a "không phải là …" negation reaches through a relative "mà" begins ("…
 * không phải là những vấn đề mà [ngành chức năng quan tâm]"): the head noun between is what the
 * claim calls the subject, and the source writes the clause after "mà" as it stands. `word`
 * gives a token as the claim is read (with its marks, or folded).
 */
function relativeAfter(tokens: readonly Token[], cue: Cue, word: (k: number) => string | undefined, marked: boolean): number | undefined {
  const [phaiWord, relative] = marked ? ['phải', 'mà'] : ['phai', 'ma'];
  const phai = word(cue.to - 1) === phaiWord ? cue.to : word(cue.to) === phaiWord ? cue.to + 1 : -1;
  if (phai < 0) return undefined;
  const clause = (tokens[cue.from] as Token).clause;
  for (let k = phai; k < tokens.length && k <= phai + 5 && (tokens[k] as Token).clause === clause; k++)
    if (word(k) === relative) return tokens[k + 1]?.clause === clause ? k + 1 : undefined;
  return undefined;
}

/**
 * "is / are (not (yet)) a (full, official) member": being a member, which "… để trở thành thành
 * viên" does not say; group 1 holds the negation, which agrees with it.
 */
/** An English claim's words for having become something ("became", "has become", "joined"). */
const BECAME = /^(?:became|has\s+become|have\s+become|joined|has\s+joined|have\s+joined)$/iu;
const IS_MEMBER =
  /(?<![\p{L}\p{N}])(?:is|are)\s+(not\s+(?:yet\s+)?)?(?:now\s+|already\s+)?(?:an?|the)\s+(?:(?:official|full|formal)\s+)?members?(?![\p{L}\p{N}])/iu;

const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}&]+$/u;
/**
 * The body's acronym written right beside an office of tokens [first, end): after it ("Tổng Thư
 * ký IEC", "Secretary General of the IEC") or, in English, before it ("the ISO Secretary
 * General"). Not a body named with a noun first ("Thứ trưởng Bộ KH&CN"), which may be written
 * under another acronym.
 */
function acronymOfOffice(tokens: readonly Token[], first: number, end: number, english: boolean): number | undefined {
  const at = (k: number) => (k >= 0 && k < tokens.length && ACRONYM.test((tokens[k] as Token).text) ? k : undefined);
  const after = at(end);
  if (after !== undefined) return after;
  if (!english) return undefined;
  if (tokens[end]?.folded === 'of') return at(tokens[end + 1]?.folded === 'the' ? end + 2 : end + 1);
  return at(first - 1);
}

/** "ông", "bà" (folded), written before a person's name. */
const HONORIFICS = new Set(['ong', 'ba']);
/** Verbs of coming or going (folded) that are also small words ("đến" is "to" as well): an act when a place follows. */
const MOTION_VERBS = new Set(['den', 'toi', 've', 'sang', 'roi']);
/** Words of tense (folded) that may stand between someone and what they do. */
const TENSE_WORDS = new Set(['da', 'vua', 'se', 'moi', 'cung', 'dang']);
/** Words that may stand between a subject and its verb without being a verb of their own: "chính thức", "đã", "vừa", and a date's "năm", "tháng", "ngày". */
const SUBJECT_ADVERBS = new Set(['chinh', 'thuc', 'da', 'vua', 'moi', 'cung', 'nam', 'thang', 'ngay']);

export function compareClaim(claimText: string, evidence: readonly EvidenceText[], options: CompareOptions): Comparison {
  const marked = hasMarks(claimText);
  const folded = !marked;
  const claim = read(claimText, folded);
  // Each side is read in its own writing: the source has its marks even when the claim was typed without.
  const starts: number[] = [];
  let joined = '';
  for (const e of evidence) {
    if (joined) joined += JOIN;
    starts.push(joined.length);
    joined += e.text;
  }
  const pieceOf = (offset: number) => {
    let p = 0;
    while (p + 1 < starts.length && (starts[p + 1] as number) <= offset) p++;
    return p;
  };
  const evMarked = hasMarks(joined);
  const ev = read(joined, !evMarked, pieceOf);
  const cross = options.crossLanguage === true;
  const key = (t: Token) => keyOf(t, marked);
  const weights = claim.tokens.map((t) => (t.stop ? 0.05 : options.weightOf(t, marked)));
  const primary = ev.piece.findIndex((p) => p > 0);
  const evSequence = ev.tokens.map(key);
  // The claim's words as the evidence writes them where it says them another way ("diễn ra" /
  // "được tổ chức"): compared under the evidence's words, so that the slot after them lines up.
  const { keys: claimKey, said } = alternativeKeys(claim.tokens, evSequence, marked);
  // A syllable of a name in the evidence writes no common word of the claim ("Võ Văn Thưởng" / "khen thưởng").
  const nameReading = readNames(claim.tokens, claimText, claimKey, ev.tokens, joined, evSequence);
  const may = (k: number, j: number) => mayMatch(nameReading, k, j);
  const al = align(
    claimKey,
    evSequence,
    weights,
    claim.tokens.map((t) => t.stop),
    primary < 0 ? ev.tokens.length : primary,
    may,
  );
  const evKeys = new Set(ev.tokens.map(key));
  const evAt = positions(evSequence);
  const evFoldedAt = positions(ev.tokens.map((t) => (t.stop ? '' : t.folded)));
  /**
   * Whether the evidence (its first `pieces` pieces, or all) writes claim word k as the claim keys
   * it, or, with `loose`, with its marks otherwise (a mark typed wrong; that a name's syllable may
   * be too is not weighed: "năm" / "Việt Nam").
   */
  const written = (k: number, loose = false, pieces = Infinity) => {
    const found = (at: readonly number[] | undefined) =>
      at?.some((j) => (ev.piece[j] as number) < pieces && (evSequence[j] !== claimKey[k] || may(k, j))) ?? false;
    return found(evAt.get(claimKey[k] as string)) || (loose && found(evFoldedAt.get((claim.tokens[k] as Token).folded)));
  };
  const claimKeys = new Set(claimKey);
  /** The evidence has every informative word of the claim outside tokens [from, to), or says it another way ("gặp" / "làm việc với"): it reports the same event. */
  const sameEvent = (from: number, to: number) => claim.tokens.every((t, k) => t.stop || (k >= from && k < to) || written(k) || said.has(k));
  if (cross) for (const w of options.translated ?? []) for (const t of tokenize(w)) if (evKeys.has(key(t))) claimKeys.add(key(t));

  const mismatches: FoundMismatch[] = [];
  const substitutions: FoundMismatch[] = [];
  const unmatched: Span[] = [];
  /** Claim tokens that a matched fact accounts for (a number written another way is still covered). */
  const coveredByFact = new Set<number>();
  let matchedFacts = 0;
  let aboutAnother = 0;
  let unmatchedNames = 0;
  let weakSigns = 0;
  let impliedModality = 0;
  const context: ContextSentence[] = [];

  const stated = (from: number, to: number): { piece: number; stated: Span } => {
    const a = ev.tokens[from] as Token;
    const b = ev.tokens[Math.max(from, to - 1)] as Token;
    const p = ev.piece[from] as number;
    const off = starts[p] as number;
    return { piece: p, stated: { start: a.start - off, end: b.end - off } };
  };
  const statedSpan = (span: Span): { piece: number; stated: Span } => {
    const p = pieceOf(span.start);
    const off = starts[p] as number;
    return { piece: p, stated: { start: span.start - off, end: Math.min(span.end, off + (evidence[p] as EvidenceText).text.length) - off } };
  };
  // A name's words are covered by the fact they state, and so is the place noun before a place
  // ("thủ đô" of "thủ đô Hà Nội" against "tại Hà Nội": no other word in its slot).
  const markCovered = (span: Span) => {
    const [f, t] = tokenRange(claim.tokens, span.start, span.end);
    for (let k = f - placeNounBefore(claim.tokens, f); k < t; k++) coveredByFact.add(k);
  };
  /**
   * The evidence words that fill the same slot as a claim span: between the evidence words
   * aligned to its neighbours. Tight when the neighbours are aligned close around it.
   */
  const slotFor = (span: Span): { from: number; to: number; tight: boolean } => {
    const [f, t] = tokenRange(claim.tokens, span.start, span.end);
    const [a, b] = slotOf(al, f, t, ev.tokens.length, ev.piece);
    // The slot is only as good as the claim's aligned neighbours are near: two informative
    // words of the claim's own between them and the value, and the slot is something else.
    const unaligned = (k: number) => !(claim.tokens[k] as Token).stop && (al.toEvidence[k] as number) < 0;
    let before = 0;
    let k = f - 1;
    for (; k >= 0 && (al.toEvidence[k] as number) < 0; k--) if (unaligned(k)) before++;
    if (k < 0) before = Infinity;
    let after = 0;
    k = t;
    for (; k < claim.tokens.length && (al.toEvidence[k] as number) < 0; k++) if (unaligned(k)) after++;
    if (k >= claim.tokens.length) after = Infinity;
    const near = Math.min(before, after) <= 1;
    return { from: a, to: b, tight: near && b - a <= t - f + 8 };
  };
  const inSlot = (span: Span, slot: { from: number; to: number }) => {
    const [f, t] = tokenRange(ev.tokens, span.start, span.end);
    return f < slot.to && t > slot.from;
  };
  // A unit of time written in English is the Vietnamese one ("75 years" / "73 năm").
  const unitHead = (n: FoundNumber) => {
    const head = n.unit?.split(' ')[0];
    return head === undefined ? undefined : timeUnit(head);
  };
  /** Two numbers count the same kind of thing: same unit word, or no unit on one side. */
  const sameUnit = (a: FoundNumber, b: FoundNumber) => {
    const ua = unitHead(a);
    const ub = unitHead(b);
    if (a.kind === 'ordinal') return !a.unit || !b.unit || a.unit === b.unit;
    if (ua && ub) return ua === ub || (TIME_UNITS.has(ua) && TIME_UNITS.has(ub));
    return !(a.spelled || b.spelled);
  };
  /** A figure of the same value in another time unit ("1 tháng" for "1 năm") is a different figure. */
  const relate = (a: FoundNumber, b: FoundNumber) => {
    const ua = unitHead(a);
    const ub = unitHead(b);
    if (ua && ub && ua !== ub && TIME_UNITS.has(ua) && TIME_UNITS.has(ub)) return 'different';
    return relateNumbers(a, b);
  };

  /**
   * Of several figures in the evidence counting the same kind of thing, the one the claim's
   * figure is about: the one whose own clause holds most of the claim's words around its
   * figure ("73 năm quan hệ ngoại giao …, và kỷ niệm 10 năm Sáng kiến … (BRI)": "quan hệ ngoại
   * giao … tròn 75 năm" is about the 73, "Sáng kiến BRI được 12 năm" about the 10). Only when
   * one clearly leads; the word order around a figure differs too much between a claim and its
   * source for the aligned slot alone to tell.
   */
  const attachedTo = (cn: FoundNumber): FoundNumber | undefined => {
    if (!unitHead(cn)) return undefined;
    const rivals = ev.numbers.filter((en) => en.kind === cn.kind && !!unitHead(en) && sameUnit(cn, en));
    if (rivals.length < 2) return undefined;
    const [cf, ct] = tokenRange(claim.tokens, cn.start, withUnit(claim, cn).end);
    const others = claim.numbers.filter((o) => o !== cn).map((o) => ({ o, at: tokenRange(claim.tokens, o.start, o.end)[0] }));
    // Two figures of one kind in a clause of the claim ("từ 33 tháng lên 39 tháng") are
    // compared by their slots, in order.
    const clause = claim.tokens[cf]?.clause;
    if (others.some(({ o, at }) => o.kind === cn.kind && sameUnit(cn, o) && claim.tokens[at]?.clause === clause)) return undefined;
    const wanted = new Map<string, number>();
    if (cross) {
      // In English, the Vietnamese words the glossary gives the claim, when it has one figure of the kind.
      if (others.some(({ o }) => o.kind === cn.kind)) return undefined;
      for (const w of options.translated ?? []) for (const t of tokenize(w)) if (!t.stop) wanted.set(key(t), options.weightOf(t, marked || hasMarks(w)));
    } else
      claim.tokens.forEach((t, k) => {
        if (t.stop || (k >= cf && k < ct) || /^\p{N}/u.test(t.text)) return;
        // In a claim of several figures, only the words nearer this one than any other.
        if (others.every(({ at }) => Math.abs(k - cf) <= Math.abs(k - at))) wanted.set(claimKey[k] as string, weights[k] as number);
      });
    const ranges = rivals.map((en) => tokenRange(ev.tokens, en.start, withUnit(ev, en).end));
    const scores = ranges.map(([f, t], i) => {
      const clause = (ev.tokens[f] as Token).clause;
      const seen = new Set<string>();
      let score = 0;
      // A word between two of them counts for the nearer.
      const nearest = (k: number) => ranges.every(([of, ot], j) => j === i || (k < of ? of - k : k - ot + 1) > (k < f ? f - k : k - t + 1));
      for (const [from, step] of [
        [f - 1, -1],
        [t, 1],
      ] as const) {
        for (let k = from, n = 0; k >= 0 && k < ev.tokens.length && n < 10; k += step, n++) {
          const tok = ev.tokens[k] as Token;
          if (tok.clause !== clause || ranges.some(([of, ot], j) => j !== i && k >= of && k < ot)) break;
          if (!nearest(k)) continue;
          const w = wanted.get(evSequence[k] as string);
          if (w !== undefined && !seen.has(evSequence[k] as string)) {
            seen.add(evSequence[k] as string);
            score += w;
          }
        }
      }
      return score;
    });
    const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
    const [top, second] = order as [readonly [number, number], readonly [number, number]];
    return top[0] > 0 && top[0] >= 2 * second[0] ? rivals[top[1]] : undefined;
  };

  /**
   * In a loose slot, the one figure of the evidence written after the same word as the claim's
   * ("đã tròn 1 năm, trong khi … từ 2 năm" for "đã tròn 1 tháng trong khi 2 đến 7 năm"): the
   * same fact, where the slot's other figures follow other words.
   */
  const twinIn = (here: readonly FoundNumber[], cn: FoundNumber): FoundNumber | undefined => {
    const [cf] = tokenRange(claim.tokens, cn.start, cn.end);
    if (cf < 1 || here.length < 2) return undefined;
    const mine = claimKey[cf - 1];
    const twins = here.filter((en) => {
      const [ef] = tokenRange(ev.tokens, en.start, en.end);
      return ef >= 1 && evSequence[ef - 1] === mine && (ev.tokens[ef - 1] as Token).clause === (ev.tokens[ef] as Token).clause;
    });
    return twins.length === 1 ? twins[0] : undefined;
  };

  // --- numbers ----------------------------------------------------------------------------
  /** A span of time against a count of things, each with its unit: "10 năm" confirms no "10 quốc gia". */
  const timeAgainstCount = (a: FoundNumber, b: FoundNumber) => {
    const ua = unitHead(a);
    const ub = unitHead(b);
    return a.kind !== 'ordinal' && !!ua && !!ub && isTimeUnit(ua) !== isTimeUnit(ub);
  };
  const editions: { number: FoundNumber; found: FoundMismatch }[] = [];
  /** The words of events the claim dates and the evidence does not report: not words the evidence changed either. */
  const undated: Span[] = [];
  /** A count of things, with the word for them: "10 đối tác", "hơn 500 doanh nghiệp"; not a span of time, an amount of money, a share. */
  const countsThings = (n: FoundNumber) => {
    const unit = unitHead(n);
    // The word after a figure is read as its unit: a function word there counts nothing ("lần 4 được tổ chức").
    return n.kind === 'cardinal' && unit !== undefined && !isTimeUnit(unit) && !MEASURES.has(unit) && !STOPWORDS.has(unit);
  };
  for (const cn of claim.numbers) {
    const slot = slotFor(cn);
    const agrees = (en: FoundNumber) => en.kind === cn.kind && relate(cn, en) !== 'different' && !timeAgainstCount(cn, en);
    const about = attachedTo(cn);
    const here = about ? [] : ev.numbers.filter((en) => en.kind === cn.kind && sameUnit(cn, en) && !cross && inSlot(en, slot));
    const twin = twinIn(here, cn);
    let rival: FoundNumber | undefined;
    if (about) rival = agrees(about) ? undefined : about;
    else if (
      here.some(agrees) ||
      ev.numbers.some(
        (en) =>
          en.kind === cn.kind && relate(cn, en) === 'same' && !timeAgainstCount(cn, en) && (!unitHead(cn) || !unitHead(en) || unitHead(cn) === unitHead(en)),
      )
    )
      rival = undefined;
    else if (here.length && slot.tight) rival = here[0];
    else if (ev.numbers.some((en) => agrees(en) && (relate(cn, en) === 'same' || sameUnit(cn, en)))) rival = undefined;
    else if (twin) rival = twin;
    else {
      // Outside the slot, only a number counting the same thing can be the same fact ("300 kênh" / "400 kênh").
      rival = ev.numbers.find(
        (en) => en.kind === cn.kind && !!unitHead(cn) && unitHead(en) === unitHead(cn) && (!cross || ev.numbers.filter((x) => x.kind === cn.kind).length === 1),
      );
      if (!rival && cn.kind === 'ordinal') rival = ev.numbers.find((en) => en.kind === 'ordinal' && !!cn.unit && en.unit === cn.unit);
      if (!rival) {
        if (!(cn.spelled && cn.value <= 2)) unmatched.push(cn);
        // The same figure counting something else ("10 quốc gia" / "10 năm"): the sentence was found by it.
        if (ev.numbers.some((en) => en.kind === cn.kind && relateNumbers(cn, en) === 'same' && timeAgainstCount(cn, en))) aboutAnother++;
        // A count of things the evidence counts nowhere ("hơn 10 đối tác" / "… với các đối tác
        // quốc tế"): how many is what the claim adds, and the articles do not say it.
        // "2 nước", "hai bên" name the two the source speaks of more often than they count them.
        else if (countsThings(cn) && cn.value > 2) aboutAnother++;
        continue;
      }
    }
    markCovered(cn);
    if (!rival) {
      matchedFacts++;
      continue;
    }
    const onlyBounds = Math.abs(rival.value - cn.value) < 1e-9 && (rival.to ?? rival.value) === (cn.to ?? cn.value) && unitHead(rival) === unitHead(cn);
    const found: FoundMismatch = { kind: onlyBounds ? 'quantity' : 'number', claimed: withUnit(claim, cn), ...statedSpan(withUnit(ev, rival)), strength: 1 };
    // Another edition ("lần thứ 5" / "lần thứ 4") is read once the claim's other facts are.
    if (cn.kind === 'ordinal' && !cross && EDITIONS.has(cn.unit ?? '')) editions.push({ number: cn, found });
    else mismatches.push(found);
  }

  // --- dates ------------------------------------------------------------------------------
  // A date confirms another when they can be the same time and it is not much vaguer
  // ("năm 2023" does not confirm "29/8/2023").
  // A span the claim gives ("từ 2023 đến 2030") is confirmed only by the same span.
  const isSpan = (d: FoundDate) => d.precision === 'years' || d.precision === 'days';
  const confirms = (cd: FoundDate, ed: FoundDate) => {
    const rel = relateDates(cd, ed);
    // A day inside a span of years is not confirmed by it, as a day is not by its year.
    if (isSpan(cd) || isSpan(ed)) return rel === 'same' || (rel === 'inside' && isSpan(ed) && !isSpan(cd) && precisionRank(cd) - precisionRank(ed) <= 1);
    return ['same', 'inside', 'contains'].includes(rel) && precisionRank(cd) - precisionRank(ed) <= 1;
  };
  // A date in brackets right after words of the evidence is the date of what those words name
  // ("giai đoạn hai (từ 2023 đến 2028)"): it neither confirms nor contradicts a claim that does not
  // name it ("Hội nghị LMC lần thứ 4 diễn ra năm 2024" is not confirmed by the phase's years).
  const evDates = ev.dates.filter((ed) => !qualifiesOther(ed));
  function qualifiesOther(ed: FoundDate): boolean {
    const open = ev.text.lastIndexOf('(', ed.start);
    if (open < 0 || ev.text.slice(open, ed.start).includes(')') || !/^[^()]*\)/u.test(ev.text.slice(ed.end))) return false;
    const before = ev.tokens.filter((t) => t.end <= open).slice(-3);
    const named = before.filter((t) => !t.stop && !/^\d/u.test(t.text));
    return named.length > 0 && /^\s*$/u.test(ev.text.slice((before[before.length - 1] as Token).end, open)) && !named.some((t) => claimKeys.has(key(t)));
  }
  /** Whether an evidence date is said of what is planned or hoped for: after such a cue in its clause. */
  function foretoldIn(ed: FoundDate): boolean {
    const [ef] = tokenRange(ev.tokens, ed.start, ed.end);
    return ev.modalities.some(
      (m) => (m.modality === 'planned' || m.modality === 'hoped') && m.to <= ef && (ev.tokens[m.from] as Token).clause === (ev.tokens[ef] as Token).clause,
    );
  }
  /**
   * Whether the evidence reports the event a claim's date at token `at` is said of: the one or two
   * informative words before the date in its clause (not a name, an office, a figure), one of them
   * aligned with the evidence or said there another way ("diễn ra" / "được tổ chức"). True when there are
   * none ("Năm 2022, …").
   */
  const eventReported = (at: number): boolean => {
    const event: number[] = [];
    const clause = (claim.tokens[at] as Token | undefined)?.clause;
    const nameAt = (k: number) => claim.names.find((n) => n.from <= k && k < n.to);
    /** A person or body named right before token `k`, past "đã", "vừa", "sẽ", "mới", "cũng". */
    const someoneBefore = (k: number) => {
      let i = k - 1;
      while (i >= 0 && TENSE_WORDS.has((claim.tokens[i] as Token).folded)) i--;
      const n = i >= 0 ? nameAt(i) : undefined;
      return n !== undefined && n.kind !== 'place';
    };
    for (let k = at - 1; k >= 0 && at - k <= 8 && event.length < 2; k--) {
      const t = claim.tokens[k] as Token;
      if (t.clause !== clause) break;
      if (nameAt(k)) {
        if (event.length) break;
        continue;
      }
      // "ông" / "bà" before a person's name is part of how the name is written.
      if (HONORIFICS.has(t.folded) && nameAt(k + 1)?.kind === 'person') {
        if (event.length) break;
        continue;
      }
      // Someone coming or going to a place ("Ông X đến Hà Nội", "về nước"): an act of its own,
      // though the words are small ones. "Về" only after someone: it is also "about" ("Báo cáo về
      // Việt Nam ngày …").
      if (
        MOTION_VERBS.has(t.folded) &&
        !event.length &&
        (nameAt(k + 1)?.kind === 'place' || claim.tokens[k + 1]?.folded === 'nuoc') &&
        (t.folded !== 've' || someoneBefore(k))
      ) {
        const e = al.toEvidence[k] as number;
        // The evidence has someone come or go there too ("về" is also "about").
        let b = e - 1;
        while (b >= 0 && TENSE_WORDS.has((ev.tokens[b] as Token).folded)) b--;
        const by = b >= 0 ? ev.names.find((n) => n.from <= b && b < n.to) : undefined;
        const there = e >= 0 && /^\p{Lu}|^nước$/u.test(ev.tokens[e + 1]?.text ?? '') && (t.folded !== 've' || (by !== undefined && by.kind !== 'place'));
        if (there) return true;
        undated.push({ start: t.start, end: t.end });
        return false;
      }
      if ([k, k - 1, k - 2].some((i) => i >= 0 && (officeAt(claim.tokens, i)?.end ?? 0) > k)) {
        if (event.length) break;
        continue;
      }
      if (t.stop || /\p{N}/u.test(t.text) || claim.dates.some((d) => d.start <= t.start && t.end <= d.end)) {
        if (event.length) break;
        continue;
      }
      event.push(k);
    }
    if (!event.length || event.some((k) => (al.toEvidence[k] as number) >= 0 || said.has(k))) return true;
    // "diễn ra" says only that something happened: the event is what the clause opens with ("Buổi
    // làm việc giữa …"), reported when the evidence writes all of its words.
    const first = event.at(-1) as number;
    if (event.length === 1 && (claim.tokens[first] as Token).folded === 'dien' && claim.tokens[first + 1]?.folded === 'ra') {
      const subject: Token[] = [];
      for (let k = 0; k < first; k++) {
        const t = claim.tokens[k] as Token;
        if (t.clause !== clause) continue;
        if (nameAt(k) || officeAt(claim.tokens, k) || HONORIFICS.has(t.folded) || t.folded === 'giua') break;
        subject.push(t);
      }
      if (subject.some((t) => !t.stop) && subject.every((t) => evKeys.has(key(t)))) return true;
    }
    undated.push({ start: (claim.tokens[event.at(-1) as number] as Token).start, end: (claim.tokens[event[0] as number] as Token).end });
    return false;
  };
  for (const cd of claim.dates) {
    const slot = slotFor(cd);
    const here = cross ? [] : evDates.filter((ed) => inSlot(ed, slot));
    // A day or month the claim gives where the evidence (chosen for this claim) gives one day
    // or month only, and another: the same event at a different time ("diễn ra ngày 30/8/2023"
    // or "vào tháng 9 năm 2023" / "Vào ngày 29 tháng 8 năm 2023, Hội nghị … được tổ chức"), even
    // when the words around it differ, and even when a vaguer date elsewhere in the evidence
    // could hold it ("giai đoạn hai (từ 2023 đến 2028)" holds September 2023). Not for a claim
    // of what is planned or hoped for: that is another event ("sẽ thăm … vào tháng 9/2024"
    // beside a visit on 5/6/2024).
    // A year only where no date of the evidence, its spans included, could hold it, and the
    // evidence has every other word of the claim: the same event ("Hội nghị LMC lần thứ 4 diễn ra
    // năm 2022" / "Vào ngày 29 tháng 8 năm 2023, Hội nghị … (LMC) lần thứ 4 … được tổ chức"), not
    // another one the source does not report ("… ký thỏa thuận … vào năm 2021").
    const [df, dt] = tokenRange(claim.tokens, cd.start, cd.end);
    // A year the claim gives as the end of what lasts ("kéo dài đến năm 2030", "diễn ra tới 2028")
    // against a span of years ("giai đoạn hai (từ 2023 đến 2028)"): the span's end year says it.
    // Not "đến năm" alone ("Đến năm 2023, …" is "by then"; "tầm nhìn đến năm 2045", "gia hạn đến
    // năm 2026" are other ends), nor where the evidence gives that year itself.
    // So does a year the claim says something ends or begins in ("kết thúc năm 2026", "bắt đầu
    // từ năm 2023", "ends in 2026"): the span's end or first year.
    const before = claim.text.slice(Math.max(0, cd.start - 40), cd.start);
    const beginsIn = BEGINS_IN_BEFORE.exec(before);
    const lastsUntil = LASTS_UNTIL_BEFORE.exec(before) ?? ENDS_IN_BEFORE.exec(before) ?? beginsIn;
    const endOf = cd.precision === 'year' && lastsUntil !== null && !evDates.some((ed) => !isSpan(ed) && ed.year === cd.year && ed.precision === 'year');
    // In its slot, or the one span of years of the evidence when the claim gives no other date
    // and the span is in the sentence chosen first.
    const spans = (ds: FoundDate[]) => ds.filter((ed) => ed.precision === 'years' && ed.toYear !== undefined);
    const all = endOf ? spans(evDates) : [];
    const only = all.length === 1 && claim.dates.length === 1 && pieceOf((all[0] as FoundDate).start) === 0 ? all[0] : undefined;
    const span = endOf ? (spans(here)[0] ?? only) : undefined;
    if (span) {
      // "kéo dài đến năm" is stated by the span as well.
      markCovered({ start: cd.start - Math.min(40, cd.start) + (lastsUntil as RegExpExecArray).index, end: cd.end });
      if ((beginsIn ? span.year : span.toYear) === cd.year) matchedFacts++;
      else mismatches.push({ kind: 'date', claimed: cd, ...statedSpan(span), strength: 1 });
      continue;
    }
    const points =
      !cross &&
      claim.dates.length === 1 &&
      !isSpan(cd) &&
      (cd.precision !== 'year' || (evDates.every((ed) => relateDates(cd, ed) === 'disjoint') && sameEvent(df, dt))) &&
      !claim.modalities.some((m) => m.modality === 'planned' || m.modality === 'hoped')
        ? evDates.filter((ed) => !isSpan(ed) && precisionRank(ed) >= precisionRank(cd))
        : [];
    const otherTime = points.length === 1 && relateDates(cd, points[0] as FoundDate) === 'disjoint' ? points[0] : undefined;
    // A date the claim gives for what is planned or hoped for, after "sẽ" in its clause ("… sẽ trở
    // thành thành viên chính thức của IEC ngay trong năm 2024"), is when that is to happen: a date
    // of the evidence outside the words it is aligned with is another event's (the meeting's
    // 5/6/2024), which does not confirm it.
    const foretold = claim.modalities.some(
      (m) =>
        (m.modality === 'planned' || m.modality === 'hoped') && m.to <= df && (claim.tokens[m.from] as Token).clause === (claim.tokens[df] as Token).clause,
    );
    // Such a date is confirmed only by a date the evidence also gives for what is to happen
    // ("sẽ … vào tháng 9/2024"), even where the words around it align ("… của IEC ngay trong năm
    // 2024" / "Tổng Thư ký IEC ngày 5/6/2024"); another date where the words align still
    // contradicts it, as before.
    const heldFor = (ed: FoundDate) => !foretold || foretoldIn(ed);
    let rival: FoundDate | undefined;
    if (here.some((ed) => heldFor(ed) && confirms(cd, ed))) rival = undefined;
    else if (here.length && slot.tight && here.some((ed) => comparablePrecision(cd, ed) && !confirms(cd, ed)))
      rival = here.find((ed) => comparablePrecision(cd, ed));
    else if (otherTime) rival = otherTime;
    else if (evDates.some((ed) => heldFor(ed) && confirms(cd, ed))) rival = undefined;
    else {
      // In English, where words cannot be aligned, a single date in the evidence is the slot;
      // a span that starts or ends where the claim's does is the same period ("từ 2023 đến 2030" / "từ 2023 đến 2028").
      const only = cross && evDates.length === 1 && claim.dates.length === 1 ? evDates[0] : undefined;
      const samePeriod = isSpan(cd)
        ? evDates.find((ed) => ed.precision === cd.precision && !confirms(cd, ed) && (ed.from === cd.from || ed.to === cd.to))
        : undefined;
      rival = only && comparablePrecision(cd, only) && relateDates(cd, only) === 'disjoint' ? only : samePeriod;
      if (!rival) {
        unmatched.push(cd);
        continue;
      }
    }
    // A date of an event the evidence does not report ("Ông Philippe Metzger sinh ngày 5/6/1970",
    // "… nhậm chức Tổng Thư ký IEC năm 2021" against a meeting on 5/6/2024): the words the date
    // is said of, right before it, are not in the evidence, and the articles do not date it.
    if (rival && !cross && !isSpan(cd) && !eventReported(df)) {
      unmatched.push(cd);
      continue;
    }
    markCovered(cd);
    if (!rival) {
      matchedFacts++;
      // The verb that says a confirmed span is how long something lasts ("kéo dài từ 2023 đến
      // 2028" / "giai đoạn hai (từ 2023 đến 2028)") is stated by the span itself.
      if (isSpan(cd)) {
        const before = claim.text.slice(Math.max(0, cd.start - 24), cd.start);
        const verb = LASTS_BEFORE.exec(before);
        if (verb) markCovered({ start: cd.start - before.length + verb.index, end: cd.start });
      }
      continue;
    }
    mismatches.push({ kind: 'date', claimed: cd, ...statedSpan(rival), strength: 1 });
  }

  // --- names ------------------------------------------------------------------------------
  const evFoldedText = ` ${ev.tokens.map((t) => t.folded).join(' ')} `;
  const runSpan = (side: Side, r: NameRun): Span => ({ start: (side.tokens[r.from] as Token).start, end: (side.tokens[r.to - 1] as Token).end });
  /** The office the evidence gives a name (folded), with "Phó" before it: "Phó Bộ trưởng" is a deputy's office, not the minister's. */
  const evOffice = (e: NameRun) => {
    const o = officeBeside(ev.tokens, e.from, e.to);
    if (!o) return undefined;
    return ev.tokens[o.first - 1]?.folded === 'pho' ? { ...o, first: o.first - 1, office: `pho ${o.office}` } : o;
  };
  /** The evidence name contains the claim's (or one of its spellings, or a one-letter slip: "Burundim"). */
  const names = (r: NameRun, e: NameRun) =>
    r.words.every((w) => e.words.some((x) => x === w || (w.length >= 5 && editDistance(w, x) <= 1))) ||
    placeAliases(r.words.join(' ')).includes(e.words.join(' '));
  const kindsAgree = (a: NameRun, b: NameRun) => a.kind === b.kind;
  /**
   * A person, body or place the evidence does not write: a word of the name missing from it (not
   * "IEC Philippe Metzger", read as one run, against "Philippe Metzger, Tổng Thư ký IEC"), and
   * the name as a whole missing from the rest of its article.
   */
  let articleFolded: string | undefined;
  const absentWord = (r: NameRun) => {
    if (r.kind === 'other') return false;
    // Its acronyms one by one, the words between them as phrases ("Bộ Xây dựng" is not written
    // by "Bộ KH&CN … xây dựng"). A run of a body's name may go on over a verb to the next capital
    // ("Viện Đo lường Việt Nam ký Biên bản"): its first three words or more written are enough.
    const parts: string[][] = [];
    let words: string[] = [];
    for (let k = r.from; k < r.to; k++) {
      const t = claim.tokens[k] as Token;
      if (/^\p{Lu}[\p{Lu}\d&]+$/u.test(t.text)) {
        if (words.length) parts.push(words);
        parts.push([t.folded]);
        words = [];
      } else words.push(t.folded);
    }
    if (words.length) parts.push(words);
    const writtenIn = (text: string) =>
      parts.every((p) => {
        for (let n = p.length; n >= Math.min(3, p.length); n--) if (text.includes(` ${p.slice(0, n).join(' ')} `)) return true;
        return false;
      });
    if (writtenIn(evFoldedText)) return false;
    articleFolded ??= ` ${(options.articleTexts ?? [])
      .map((t) =>
        tokenize(t)
          .map((x) => x.folded)
          .join(' '),
      )
      .join(' | ')} `;
    return !writtenIn(articleFolded);
  };
  /**
   * The one name of the same kind in the primary sentence that opens as the claim's does and
   * goes on otherwise ("Công ty CP Yasaka" for "Công ty CP Sakura"), where that sentence has
   * every other word of the claim: the same fact, said of another body or person, whatever the
   * word order ("X được UBND cho phép …" / "UBND cho phép X …") leaves of the slot.
   */
  const namesakeOf = (run: NameRun): NameRun | undefined => {
    if (cross || run.kind === 'other' || run.words.length < 2 || !sameEvent(run.from, run.to)) return undefined;
    if (run.words.every((w) => evFoldedText.includes(` ${w} `))) return undefined;
    // Not a run the reader joined over "và" ("Công ty A và Công ty B"): several, of which the claim may name a third.
    const found = ev.names.filter(
      (e) => ev.piece[e.from] === 0 && kindsAgree(run, e) && e.words[0] === run.words[0] && !names(run, e) && !e.words.some((w) => w === 'va' || w === 'and'),
    );
    return found.length === 1 ? found[0] : undefined;
  };
  /** Evidence names next to each other, with only `gap` between them. */
  const nextTo = (a: NameRun, b: NameRun, gap: RegExp) =>
    b.from >= a.to && b.from - a.to <= 1 && gap.test(ev.text.slice((ev.tokens[a.to - 1] as Token).end, (ev.tokens[b.from] as Token).start));
  /** Where the primary evidence says its event was held: the places after "tổ chức tại / ở", with those joined to them ("Bắc Kinh - Trung Quốc", "Hà Nội, Việt Nam"). */
  const hosts: NameRun[] = [];
  for (const e of ev.names) {
    if (e.kind !== 'place' || ev.piece[e.from] !== 0) continue;
    const prev = hosts.at(-1);
    const before = ev.tokens
      .slice(Math.max(0, e.from - placeNounBefore(ev.tokens, e.from) - 4), e.from)
      .map((t) => t.folded)
      .join(' ');
    if ((prev && nextTo(prev, e, /^[\s,–-]*$/u)) || /(?:^|\s)to chuc (?:tai|o)(?:\s|$)/u.test(before)) hosts.push(e);
  }
  for (const run of claim.names) {
    const cSpan = runSpan(claim, run);
    const slot = slotFor(cSpan);
    const inThisSlot = cross ? [] : ev.names.filter((e) => inSlot(runSpan(ev, e), slot));
    const presentAnywhere = placeAliases(run.words.join(' ')).some((a) => evFoldedText.includes(` ${a} `)) || ev.names.some((e) => names(run, e));
    // A different name in the slot: one of none of the claim's words ("Moscow" for "Bắc Kinh"),
    // or one sharing some but not all ("World Cup U20" for "World Cup U22").
    const differs = (e: NameRun) =>
      !names(run, e) &&
      kindsAgree(run, e) &&
      (ev.tokens.slice(e.from, e.to).every((t) => !claimKeys.has(key(t))) ||
        (e.words.some((w) => run.words.includes(w)) && run.words.some((w) => !e.words.includes(w) && !evFoldedText.includes(` ${w} `))));
    let rival: NameRun | undefined;
    /** The rival is where the evidence says the event was held, quoted with the places joined to it. */
    let heldElsewhere = false;
    // Aligned in order with the primary evidence: the name is stated for this very fact.
    const aligned = al.inOrder.slice(run.from, run.to).every((x) => x === 1);
    // In a long slot, only a name right next to an aligned word takes the claim's place
    // ("Thứ trưởng [Bộ KH&CN] Lê Xuân Định" for "Thứ trưởng Nguyễn Hoàng Giang").
    const placed = (e: NameRun) => slot.tight || (slot.to - slot.from <= run.to - run.from + 12 && (e.from - slot.from <= 4 || slot.to - e.to <= 1));
    if (aligned || inThisSlot.some((e) => names(run, e))) rival = undefined;
    else if (describedAsOneOf(claim.tokens, run)) {
      // "Trung Quốc là một đối tác quan trọng trong LMC" where the source says it of "Việt Nam":
      // one of many, so another one named there says nothing of this one, neither way.
      unmatched.push(cSpan);
      if (inThisSlot.some((e) => differs(e))) aboutAnother++;
      continue;
    } else if (inThisSlot.some((e) => differs(e) && placed(e))) rival = inThisSlot.find((e) => differs(e) && placed(e));
    else if (!cross && run.kind === 'place' && heldBy(claim.tokens, run) && hosts.length && !hosts.some((e) => names(run, e))) {
      // Who held an event the source places elsewhere ("Lào tổ chức Hội nghị LMC lần thứ 4" where
      // it was "được tổ chức tại thành phố Bắc Kinh - Trung Quốc"): a participant named in the
      // same paragraph had made it supported.
      rival = hosts[0];
      heldElsewhere = true;
    } else if (presentAnywhere) rival = undefined;
    else if (
      run.kind === 'place' &&
      ((cross && inEnglishPlace(claim.tokens, run.from)) ||
        (locatedAt(claim.tokens, run.from, 1) && sameEvent(run.from - 1 - placeNounBefore(claim.tokens, run.from), run.to)))
    ) {
      // The place of the event: a place in the primary sentence after "tại" or "ở" first. Also,
      // in the claim's language, when the claim says where with "tại" / "ở", the evidence has
      // every other word of it, and no word next to its place is aligned with the evidence
      // ("… tiếp ông Philippe Metzger tại Đà Nẵng" against "… ngày 5/6/2024, tại Hà Nội."):
      // then only a place the evidence also gives with "tại" / "ở".
      const located = (e: NameRun) => ev.piece[e.from] === 0 && locatedAt(ev.tokens, e.from, 3);
      rival =
        ev.names.find((e) => e.kind === 'place' && located(e)) ?? (cross ? ev.names.find((e) => e.kind === 'place' && ev.piece[e.from] === 0) : undefined);
      if (!rival) {
        unmatched.push(cSpan);
        if (absentWord(run)) unmatchedNames++;
        continue;
      }
    } else if (namesakeOf(run)) {
      rival = namesakeOf(run);
    } else {
      // A Vietnamese person's name typed without marks in English ("Deputy Minister Nguyen Van
      // An") is the source's spelling folded: one the article never writes is not its person, and
      // where the evidence names one holder of the office the claim gives, the claim has the person wrong.
      if (cross && run.kind === 'person' && run.to - run.from >= 2 && run.to - run.from <= 4 && FAMILY.has(run.words[0] as string) && absentWord(run)) {
        const mine = englishOfficeBeside(claim.tokens, run.from, run.to);
        const holders = mine
          ? ev.names.flatMap((e) => {
              const o = e.kind === 'person' ? evOffice(e) : undefined;
              return o && englishOfficeIs(mine.vi, o.office) ? [{ e, o }] : [];
            })
          : [];
        const holder = holders.length === 1 ? holders[0] : undefined;
        if (mine && holder) {
          const claimed = { start: (claim.tokens[Math.min(mine.first, run.from)] as Token).start, end: cSpan.end };
          mismatches.push({ kind: 'person', claimed, ...stated(Math.min(holder.o.first, holder.e.from), Math.max(holder.o.end, holder.e.to)), strength: 1 });
          markCovered(claimed);
        } else {
          unmatched.push(cSpan);
          unmatchedNames++;
        }
        continue;
      }
      // Named in English without Vietnamese marks, a person or organisation may be written otherwise in the source.
      if (!(cross && !hasMarks(claimText.slice(cSpan.start, cSpan.end)))) {
        unmatched.push(cSpan);
        if (absentWord(run)) unmatchedNames++;
      }
      continue;
    }
    markCovered(cSpan);
    if (!rival) {
      matchedFacts++;
      continue;
    }
    // Names next to each other in the slot ("Moscow - Nga") are quoted together.
    const joined = (a: NameRun, b: NameRun) => nextTo(a, b, /^\s*[-–]?\s*$/u);
    let last = rival;
    for (const r of inThisSlot) if (joined(last, r) && differs(r)) last = r;
    if (heldElsewhere) for (const r of hosts) if (joined(last, r)) last = r;
    const kind: MismatchKind = run.kind !== 'other' ? run.kind : rival.kind !== 'other' ? rival.kind : 'other';
    // A place word that is part of the name ("châu Phi", "tỉnh Đắk Lắk") is quoted with it.
    const withPlaceWord = (side: Side, from: number) =>
      kind === 'place' && from > 0 && NAME_PLACE_WORDS.has((side.tokens[from - 1] as Token).folded) ? from - 1 : from;
    const cFrom = withPlaceWord(claim, run.from);
    mismatches.push({
      kind,
      claimed: { start: (claim.tokens[cFrom] as Token).start, end: cSpan.end },
      ...stated(withPlaceWord(ev, rival.from), last.to),
      strength: 1,
    });
  }

  // --- another edition -----------------------------------------------------------------------
  // "Hội nghị chuyên đề LMC lần thứ 5 …" where the source reports the 4th: the 4th's own facts
  // given to the 5th ("… được tổ chức tại Bắc Kinh vào ngày 29 tháng 8 năm 2023") are false; a
  // claim that says what the source does not of the 4th ("… sẽ được tổ chức tại Lào năm 2025",
  // "… lần thứ 3 được tổ chức tại Vientiane") is about an edition the articles do not report.
  for (const { number, found } of editions) {
    const [f, t] = tokenRange(claim.tokens, number.start, number.end);
    const missing = claim.tokens.some((x, k) => !x.stop && (k < f || k >= t) && !written(k, true) && !said.has(k));
    if (missing || unmatched.some((u) => u !== number)) {
      unmatched.push(number);
      aboutAnother++;
      // Where and when the reported edition was held says nothing of this one.
      for (let k = mismatches.length - 1; k >= 0; k--)
        if ((mismatches[k] as FoundMismatch).kind === 'place' || (mismatches[k] as FoundMismatch).kind === 'date') mismatches.splice(k, 1);
    } else mismatches.push(found);
  }

  // --- "ông" or "bà" ------------------------------------------------------------------------
  // The same name after the other one ("bà Nguyễn Văn Đắng" where the source has "ông Nguyễn Văn
  // Đắng"): the claim has the person wrong.
  if (!cross)
    for (const run of claim.names) {
      const mine = honorific(claim, marked, run.from);
      if (!mine) continue;
      const theirs = (e: NameRun) => honorific(ev, evMarked, e.from);
      // Not when the evidence also names someone so with the claim's title ("ông Nguyễn Văn Hương"
      // beside "bà Lê Thị Hương" for "Bà Hương").
      if (ev.names.some((e) => names(run, e) && theirs(e) === mine)) continue;
      const other = ev.names.find((e) => names(run, e) && theirs(e) !== undefined && theirs(e) !== mine);
      if (!other) continue;
      mismatches.push({
        kind: 'person',
        claimed: { start: (claim.tokens[run.from - 1] as Token).start, end: runSpan(claim, run).end },
        ...stated(other.from - 1, other.to),
        strength: 1,
      });
    }

  // --- offices ----------------------------------------------------------------------------
  // The same person under another office: "Bộ trưởng Lê Xuân Định" where the source has
  // "Thứ trưởng Bộ KH&CN Lê Xuân Định"; "Ông Philippe Metzger là Tổng Giám đốc IEC" where it has
  // "Ông Philippe Metzger, Tổng Thư ký IEC".
  if (!cross)
    for (const run of claim.names) {
      // A name with an office beside it is a person's, whether or not its words say so ("Philippe
      // Metzger là Chủ tịch IEC"); a body's, an office of it held by someone the claim does not
      // name ("Bộ trưởng Bộ KH&CN tiếp …" where the source has "Thứ trưởng Bộ KH&CN Lê Xuân Định").
      const body = run.kind === 'organisation';
      if (run.kind !== 'person' && run.kind !== 'other' && !body) continue;
      // "Thứ trưởng Lê Xuân Định là Tổng Thư ký IEC": what the claim asserts is the office after
      // "là", not the one it names him by.
      const named = officeBeside(claim.tokens, run.from, run.to);
      const after = !body && named && named.end <= run.from && claim.tokens[run.to]?.folded === 'la' ? officeAt(claim.tokens, run.to + 1) : undefined;
      // Not an office of someone named right after it ("… là Bộ trưởng Nguyễn Văn A").
      const asserted = after && !claim.names.some((n) => n.from === after.end && n.kind === 'person') ? after : undefined;
      const mine = asserted ?? named;
      if (!mine || (body && mine.end !== run.from)) continue;
      const offices = ev.names.filter((e) => names(run, e)).map((e) => ({ e, theirs: officeBeside(ev.tokens, e.from, e.to) }));
      if (body && offices.some(({ theirs }) => theirs && sameOffice(mine.office, theirs.office))) continue;
      for (const { e, theirs } of offices) {
        if (!theirs || sameOffice(mine.office, theirs.office) || (body && theirs.end !== e.from)) continue;
        const cFrom = Math.min(mine.first, run.from);
        const cTo = Math.max(mine.end, run.to);
        mismatches.push({
          kind: 'person',
          claimed: { start: (claim.tokens[cFrom] as Token).start, end: (claim.tokens[cTo - 1] as Token).end },
          ...stated(Math.min(theirs.first, e.from), Math.max(theirs.end, e.to)),
          strength: 1,
        });
        markCovered({ start: (claim.tokens[cFrom] as Token).start, end: (claim.tokens[cTo - 1] as Token).end });
        break;
      }
    }

  /**
   * Who says the sentence holding evidence token `first`, when the sentence names no one of its
   * own and its paragraph names a speaker before it: that speaker, with the sentence naming them
   * (offsets in the paragraph) and where in it; 'unknown' when the sentence says "ông" / "bà
   * cho biết" with no speaker before it, or another person is named between the speaker and it;
   * undefined when the paragraph names no speaker before it, or its own words do.
   */
  const carriedSpeaker = (first: number): { all: NameRun[]; sentence: ContextSentence; stated: Span } | 'unknown' | undefined => {
    const p = ev.piece[first] as number;
    const piece = evidence[p] as EvidenceText;
    if (piece.paragraph === undefined || piece.start === undefined) return undefined;
    const off = starts[p] as number;
    const before = ev.text.slice(off, (ev.tokens[first] as Token).start);
    let opens = 0;
    for (const m of before.matchAll(SENTENCE_END)) opens = (m.index as number) + m[0].length;
    const cut = piece.start + opens;
    // The sentence's own words: a person named there, before or after the words said ("… như TS.
    // Phạm Quang Tú nhận định"), or a verb of saying after another subject ("Bộ KH&CN cho biết
    // …"), is its own speaker.
    const at = piece.start + before.length;
    const ends = FIRST_END.exec(piece.paragraph.slice(at));
    const own = read(piece.paragraph.slice(cut, ends ? at + ends.index + 1 : piece.paragraph.length), !evMarked);
    const verbs = evMarked ? SAYING_MARKED : SAYING_FOLDED;
    const word = (t: Token | undefined) => (t === undefined ? undefined : evMarked ? t.lower : t.folded);
    const sayingAt = (k: number) => verbs.some((v) => v.every((w, i) => word(own.tokens[k + i]) === w));
    const pronoun = own.tokens.some((t, k) => (t.folded === 'ong' || t.folded === 'ba') && !own.names.some((n) => n.from === k + 1) && sayingAt(k + 1));
    if (!pronoun && (own.names.some((n) => n.kind === 'person') || own.tokens.some((_, k) => sayingAt(k)))) return undefined;
    const head = read(piece.paragraph.slice(0, cut), !evMarked);
    const theirs = speakerOf(head, evMarked, 0, head.tokens.length);
    if (!theirs) return pronoun ? 'unknown' : undefined;
    const same = (e: NameRun) => theirs.all.some((x) => names(x, e) || names(e, x));
    if (head.names.some((n) => n.from >= theirs.verbEnd && n.kind === 'person' && !same(n))) return 'unknown';
    const named = (head.tokens[theirs.run.from] as Token).start;
    let start = 0;
    for (const m of head.text.slice(0, named).matchAll(SENTENCE_END)) start = (m.index as number) + m[0].length;
    const end = FIRST_END.exec(`${head.text.slice((head.tokens[theirs.verbEnd - 1] as Token).end)} `);
    const stop = end ? (head.tokens[theirs.verbEnd - 1] as Token).end + end.index + 1 : head.text.length;
    const sentence = { of: p, start, end: Math.min(stop, head.text.trimEnd().length) };
    return {
      all: [theirs.run, ...theirs.all],
      sentence,
      stated: { start: named - start, end: (head.tokens[theirs.run.to - 1] as Token).end - start },
    };
  };

  const statedAt = (k: number) => stated(k, k + 1);
  // In English: "Minister Le Xuan Dinh", "Le Xuan Dinh is the Secretary General of the IEC",
  // "IEC President Philippe Metzger" where the source has "Thứ trưởng Bộ KH&CN Lê Xuân Định" and
  // "ông Philippe Metzger, Tổng Thư ký IEC": the office is read through its Vietnamese forms, and
  // contradicted only when no mention of the person in the evidence gives one of them.
  if (cross)
    for (const run of claim.names) {
      if (run.kind === 'place') continue;
      // A capitalised office inside a run ("IEC Secretary General Philippe Metzger") names the words after it.
      let from = run.from;
      for (let k = run.from; k < run.to; k++) {
        const o = englishOfficeAt(claim.tokens, k);
        if (o && o.end < run.to) from = o.end;
      }
      if (from === run.from && run.kind === 'organisation') continue;
      const person: NameRun = { ...run, from, kind: 'person', words: run.words.slice(from - run.from) };
      const mine = englishOfficeBeside(claim.tokens, person.from, person.to);
      if (!mine) continue;
      const theirs = ev.names.filter((e) => names(person, e)).map((e) => ({ e, o: evOffice(e) }));
      const same = theirs.find(({ o }) => o && englishOfficeIs(mine.vi, o.office));
      if (same?.o) {
        // The same office at another body ("the ISO Secretary General" / "Tổng Thư ký IEC"): both
        // bodies written as acronyms beside their offices, the claim's nowhere in the evidence.
        const body = acronymOfOffice(claim.tokens, mine.first, mine.end, true);
        const stated = acronymOfOffice(ev.tokens, same.o.first, same.o.end, false);
        if (body !== undefined && stated !== undefined && !ev.tokens.some((t) => t.text === (claim.tokens[body] as Token).text)) {
          const b = claim.tokens[body] as Token;
          mismatches.push({ kind: 'organisation', claimed: { start: b.start, end: b.end }, ...statedAt(stated), strength: 1 });
          markCovered({ start: b.start, end: b.end });
        }
        continue;
      }
      const other = theirs.find(({ o }) => o !== undefined);
      if (!other?.o) continue;
      const cFrom = Math.min(mine.first, person.from);
      const cTo = Math.max(mine.end, person.to);
      const claimed = { start: (claim.tokens[cFrom] as Token).start, end: (claim.tokens[cTo - 1] as Token).end };
      mismatches.push({ kind: 'person', claimed, ...stated(Math.min(other.o.first, other.e.from), Math.max(other.o.end, other.e.to)), strength: 1 });
      markCovered(claimed);
    }

  // --- who did it to whom ------------------------------------------------------------------
  // "Tổng Thư ký IEC đã tiếp Thứ trưởng Lê Xuân Định" where the first sentence has the Vice
  // Minister receive him ("Thứ trưởng … Lê Xuân Định … tại buổi tiếp và làm việc với ông Philippe
  // Metzger, Tổng Thư ký IEC"): the same act, the other way round.
  if (!mismatches.some((m) => m.kind === 'person')) {
    // An act of that kind the evidence does not write at all: not what the evidence says of them.
    if (unstatedAct(claim, ev, marked, cross)) aboutAnother++;
    const swap = swappedRoles(claim, ev, marked, cross);
    if (swap) {
      const a = claim.tokens[swap.claimed.from] as Token;
      const b = claim.tokens[swap.claimed.to - 1] as Token;
      mismatches.push({ kind: 'person', claimed: { start: a.start, end: b.end }, ...stated(swap.stated.from, swap.stated.to), strength: 1 });
    }
  }

  // --- what kind of saying ---------------------------------------------------------------
  // "Ông Metzger đề nghị Việt Nam sớm trở thành thành viên chính thức của IEC" against "Ông
  // Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam để trở thành …": asking someone to do
  // something is not promising to help them do it. A request the claim puts right after its
  // speaker, where the first evidence sentence reports only a statement (khẳng định, cam kết, cho
  // biết …) and asks nothing, is something the articles do not say.
  if (!cross) {
    const asks = REQUESTS.map((v) => (marked ? v : v.map((w) => fold(w))));
    const word = (side: Side, isMarked: boolean, i: number) => (isMarked ? side.tokens[i]?.lower : side.tokens[i]?.folded);
    const at = (side: Side, isMarked: boolean, i: number, verbs: readonly string[][]) =>
      verbs.some((v) => v.every((w, n) => word(side, isMarked, i + n) === w));
    const request = claim.tokens.findIndex(
      (_, k) =>
        at(claim, marked, k, asks) &&
        (al.toEvidence[k] as number) < 0 &&
        claim.names.some((n) => n.to === k && (n.kind === 'person' || n.kind === 'organisation' || n.kind === 'other')),
    );
    if (request >= 0) {
      const evAsks = [...REQUESTS, ...WISHES].map((v) => (evMarked ? v : v.map((w) => fold(w))));
      const evSays = SAYING_MARKED.map((v) => (evMarked ? v : v.map((w) => fold(w))));
      const first = ev.tokens.map((_, i) => i).filter((i) => ev.piece[i] === 0);
      if (!first.some((i) => at(ev, evMarked, i, evAsks)) && first.some((i) => at(ev, evMarked, i, evSays))) aboutAnother++;
    }
  }

  // --- who said it -------------------------------------------------------------------------
  // "Thứ trưởng Lê Xuân Định nhận định Việt Nam đang phát triển rất nhanh" where the sentence
  // that says so is "Ông Philippe Metzger, Tổng Thư ký IEC cho biết, Việt Nam là quốc gia đang
  // phát triển rất nhanh": the words are stated, by someone else. The claim's speaker may be
  // named elsewhere in the evidence (another sentence of the same article), so that the name
  // alone is not a mismatch; the speaker of the sentence holding the words is.
  if (!cross && !mismatches.some((m) => m.kind === 'person')) {
    const mine = speakerOf(claim, marked, 0, claim.tokens.length);
    if (mine) {
      // The evidence piece holding most of the words said, and the first of them there.
      const at: number[] = [];
      for (let k = mine.verbEnd; k < claim.tokens.length; k++) {
        const e = al.toEvidence[k] as number;
        if (!(claim.tokens[k] as Token).stop && e >= 0) at.push(e);
      }
      const count = new Map<number, number>();
      for (const e of at) count.set(ev.piece[e] as number, (count.get(ev.piece[e] as number) ?? 0) + 1);
      const piece = [...count].sort((a, b) => b[1] - a[1])[0];
      const first = piece && piece[1] >= 3 ? Math.min(...at.filter((e) => ev.piece[e] === piece[0])) : -1;
      let from = first;
      while (from > 0 && ev.piece[from - 1] === ev.piece[first] && first - from < SPEAKER_REACH) from--;
      const theirs = first >= 0 ? speakerOf(ev, evMarked, from, first) : undefined;
      const sameSentence = theirs && !/[.!?]\s/u.test(ev.text.slice((ev.tokens[theirs.verbEnd - 1] as Token).end, (ev.tokens[first] as Token).start));
      const named = (e: NameRun) => names(mine.run, e) || names(e, mine.run);
      // A view reported second-hand names its holder between the verb and the words ("Ông Trần
      // Văn Bình cho biết, theo bà Lê Thị Hương, thành phố sẽ …"): that one is a speaker too.
      const relayed = theirs ? ev.names.filter((n) => n.from >= theirs.verbEnd && n.to <= first) : [];
      if (theirs && sameSentence && !theirs.all.some(named) && !relayed.some(named)) {
        mismatches.push({ kind: 'person', claimed: runSpan(claim, mine.run), ...stated(theirs.run.from, theirs.run.to), strength: 1 });
        markCovered(runSpan(claim, mine.run));
      } else if (first >= 0 && !(theirs && sameSentence)) {
        // Said in a later sentence of a paragraph that names its speaker at its head ("Ông
        // Philippe Metzger, Tổng Thư ký IEC cho biết, … . Hiện nay, các doanh nghiệp Việt Nam …"),
        // or by "ông" / "bà" alone ("Ông cho biết …"): the words are that speaker's too.
        const carried = carriedSpeaker(first);
        if (carried === 'unknown') aboutAnother++;
        else if (carried && !carried.all.some(named)) {
          mismatches.push({ kind: 'person', claimed: runSpan(claim, mine.run), piece: evidence.length + context.length, stated: carried.stated, strength: 1 });
          context.push(carried.sentence);
          markCovered(runSpan(claim, mine.run));
        }
      }
    }
  }

  if (!cross) {
    // --- negation ---------------------------------------------------------------------------
    const negatedBefore = (cues: Cue[], tokens: Token[], at: number, window: number) =>
      cues.some((c) => c.to <= at && at - c.to <= window && (tokens[c.from] as Token).clause === (tokens[at] as Token).clause);
    /** The aligned informative tokens of the claim right after position `from`. */
    const scopeAligned = (from: number, tokens: Token[], map: Int32Array, limit = 5) => {
      const out: number[] = [];
      for (let k = from; k < tokens.length && k < from + limit; k++) {
        const t = tokens[k] as Token;
        if (t.clause !== (tokens[from] as Token | undefined)?.clause) break;
        if (!t.stop && (map[k] as number) >= 0) out.push(k);
      }
      return out;
    };
    /** The first informative word after a cue, in its clause. */
    const firstContent = (tokens: Token[], at: number) => {
      for (let k = at; k < tokens.length && k < at + 3; k++) {
        if ((tokens[k] as Token).clause !== (tokens[at] as Token).clause) return -1;
        if (!(tokens[k] as Token).stop) return k;
      }
      return -1;
    };
    /** The aligned words that run on together from the first one (later ones may be aligned far away). */
    const leadingRun = (map: Int32Array, scope: number[]) => {
      const run = scope.slice(0, 1);
      for (const k of scope.slice(1)) {
        const prev = map[run.at(-1) as number] as number;
        const t = map[k] as number;
        if (t <= prev || t - prev > 3) break;
        run.push(k);
      }
      return run;
    };
    /**
     * A negated phrase and its counterpart are the same fact when they line up: enough of the
     * negated words aligned in a row, or the word before the negation aligned just before the
     * counterpart.
     */
    const sameFact = (a: Side, b: Side, map: Int32Array, cue: Cue, run: number[], direct = true) => {
      if (run.length >= (direct ? 2 : 4)) return true;
      const first = map[run[0] as number] as number;
      for (let k = cue.from - 1; k >= 0 && k >= cue.from - 3; k--) {
        const t = a.tokens[k] as Token;
        if (t.stop || t.clause !== (a.tokens[cue.from] as Token).clause) continue;
        const j = map[k] as number;
        return j >= 0 && first - j > 0 && first - j <= 4 && (b.tokens[j] as Token).clause === (b.tokens[first] as Token).clause;
      }
      return false;
    };
    /** Informative words between the cue and the first aligned one ("chưa [tiến hành] mở rộng"). */
    const skipped = (tokens: Token[], from: number, to: number) => tokens.slice(from, to).filter((t) => !t.stop).length;
    const claimSpan = (from: number, to: number): Span => ({ start: (claim.tokens[from] as Token).start, end: (claim.tokens[to] as Token).end });
    /** A "not yet" of the claim agrees with what the source plans ("chưa là thành viên" / "sẽ … trở thành thành viên"). */
    let notYetAgrees = false;
    const claimWord = (k: number) => {
      const t = claim.tokens[k];
      return t === undefined ? undefined : marked ? t.lower : t.folded;
    };
    /** What a negation reaches from claim token `from` on: its aligned words, and whether they follow it directly or after at most two words. */
    const reach = (from: number) => {
      const scope = scopeAligned(from, claim.tokens, al.toEvidence, 7);
      const head = firstContent(claim.tokens, from);
      // Not past a word of its own and a preposition ("không tốt [trong] trận chung kết", "không
      // hay trong …", "hay" being a word the weights skip): what is negated is that word, and the
      // phrase after it only says where or when.
      const opened = scope.length > 0 && claim.tokens.slice(from + 1, scope[0]).some((_, n) => OPENERS.has(claimWord(from + 1 + n) ?? ''));
      // What is negated must be in the evidence right after the cue, or after at most two
      // words of its own with more of the phrase aligned: else the claim negates something else.
      const direct = scope.length > 0 && head >= 0 && scope[0] === head && !opened;
      const later = scope.length >= 2 && skipped(claim.tokens, from, scope[0] as number) <= 2 && !opened;
      return { from, scope, direct, later };
    };
    /**
     * "X không phải là (những) vấn đề mà Y quan tâm" says that Y does not care about X: read from
     * after "mà" when the source writes "Y quan tâm" with X after it in the same clause
     * ("Ngành chức năng quan tâm công tác đào tạo …"); a negation of the source's own there
     * ("Y không quan tâm X") agrees. Not "Đây không phải lần đầu tiên mà đội tuyển vô địch", whose
     * "Đây" the source does not write after the clause.
     */
    const reachedThroughRelative = new Set<number>();
    const throughRelative = (cue: Cue): { reading: ReturnType<typeof reach>; agrees: boolean } | undefined => {
      const at = relativeAfter(claim.tokens, cue, claimWord, marked);
      if (at === undefined) return undefined;
      const reading = reach(at);
      if (!reading.direct && !reading.later) return undefined;
      const targets = leadingRun(al.toEvidence, reading.scope).map((k) => al.toEvidence[k] as number);
      const first = targets[0] as number;
      const last = targets.at(-1) as number;
      const clause = (ev.tokens[first] as Token).clause;
      const subjectAfter = claim.tokens.some((t, k) => {
        const j = al.toEvidence[k] as number;
        return k < cue.from && !t.stop && j > last && j - last <= 15 && (ev.tokens[j] as Token).clause === clause;
      });
      if (!subjectAfter) return undefined;
      for (const k of reading.scope) reachedThroughRelative.add(k);
      const agrees = ev.negations.some((c) => c.to <= last && first - c.to <= 4 && (ev.tokens[c.from] as Token).clause === clause);
      return { reading, agrees };
    };
    for (const cue of claim.negations) {
      const plain = reach(cue.to);
      const relative = plain.direct ? undefined : throughRelative(cue);
      if (relative?.agrees) continue;
      const { from, scope, direct, later } = relative?.reading ?? plain;
      // Nor when the words before the aligned ones say that it is not known ("chưa chắc chắn
      // liệu …", "chưa rõ liệu …"): what follows is in doubt, not denied.
      const unsure = !direct && later && claim.tokens.slice(from, scope[0]).some((_, n) => NOT_KNOWN.has(claimWord(from + n) ?? ''));
      if ((!direct && !later) || unsure) {
        weakSigns += 0.5;
        continue;
      }
      const run = leadingRun(al.toEvidence, scope);
      const targets = run.map((k) => al.toEvidence[k] as number);
      if (negatedBefore(ev.negations, ev.tokens, targets[0] as number, 4)) continue;
      // "Not yet" agrees with what the source only plans or hopes for ("chưa là thành viên" /
      // "sẽ hỗ trợ … để trở thành thành viên").
      const at = targets[0] as number;
      const notYet = ['chua', 'not yet'].includes(
        claim.tokens
          .slice(cue.from, cue.to)
          .map((t) => t.folded)
          .join(' '),
      );
      // A "trở thành" right before it is under the plan however far back in the clause its cue is.
      const becoming = ev.tokens[at - 2]?.folded === 'tro' && ev.tokens[at - 1]?.folded === 'thanh';
      if (
        notYet &&
        ev.modalities.some(
          (c) =>
            (c.modality === 'planned' || c.modality === 'hoped') &&
            c.to <= at &&
            (at - c.to <= 10 || becoming) &&
            (ev.tokens[c.from] as Token).clause === (ev.tokens[at] as Token).clause,
        )
      ) {
        // It is then stated by the plan: "chưa" (and "phải" of "chưa phải là") is not a word the source leaves out.
        const phai = claim.tokens[cue.to]?.folded === 'phai' ? 1 : 0;
        markCovered({ start: (claim.tokens[cue.from] as Token).start, end: (claim.tokens[cue.to - 1 + phai] as Token).end });
        notYetAgrees = true;
        continue;
      }
      if (!sameFact(claim, ev, al.toEvidence, cue, run, direct)) {
        weakSigns += 0.5;
        continue;
      }
      mismatches.push({
        kind: 'negation',
        claimed: claimSpan(cue.from, run.at(-1) as number),
        ...stated(targets[0] as number, (targets.at(-1) as number) + 1),
        strength: 1,
      });
      // The negating words ("từ chối") are what contradicts, not words the source leaves out.
      markCovered({ start: (claim.tokens[cue.from] as Token).start, end: (claim.tokens[cue.to - 1] as Token).end });
    }
    for (const cue of ev.negations) {
      const scope = scopeAligned(cue.to, ev.tokens, al.toClaim);
      const head = firstContent(ev.tokens, cue.to);
      if (!scope.length || head < 0 || scope[0] !== head) continue;
      const run = leadingRun(al.toClaim, scope);
      const targets = run.map((k) => al.toClaim[k] as number);
      if (negatedBefore(claim.negations, claim.tokens, targets[0] as number, 4) || reachedThroughRelative.has(targets[0] as number)) continue;
      if (!sameFact(ev, claim, al.toClaim, cue, run)) continue;
      mismatches.push({
        kind: 'negation',
        claimed: claimSpan(targets[0] as number, targets.at(-1) as number),
        ...stated(cue.from, (run.at(-1) as number) + 1),
        strength: 1,
      });
    }

    // --- modality and tense -----------------------------------------------------------------
    const cueBefore = (cues: ModalityCue[], tokens: Token[], at: number, window: number) =>
      cues.filter((c) => c.to <= at && at - c.to <= window && (tokens[c.from] as Token).clause === (tokens[at] as Token).clause).at(-1) ?? null;
    const unsure = (m: ModalityCue['modality']) => m === 'planned' || m === 'hoped' || m === 'possible';
    let beingNotBecoming = false;
    for (const cue of ev.modalities) {
      if (cue.modality === 'done') continue;
      // "đang" and "để" say less: they count only right before the very words the claim says are done ("đã chốt" / "đang rà soát để chốt").
      const weakCue = cue.modality === 'ongoing' || cue.modality === 'purpose';
      const scope = scopeAligned(cue.to, ev.tokens, al.toClaim, 14);
      const head = firstContent(ev.tokens, cue.to);
      if (scope.length < (weakCue ? 1 : 2) || (weakCue && scope[0] !== head)) continue;
      const run = leadingRun(al.toClaim, scope);
      if (run.length < (weakCue ? 1 : 2)) continue;
      const cFirst = al.toClaim[run[0] as number] as number;
      const cLast = al.toClaim[run.at(-1) as number] as number;
      // The claim speaks in its own modality just before the same words, or anywhere before them in the clause.
      const mine = cueBefore(claim.modalities, claim.tokens, cFirst, weakCue ? 2 : 6) ?? (weakCue ? null : cueBefore(claim.modalities, claim.tokens, cLast, 8));
      if (mine && mine.modality !== 'done') continue;
      // "chưa hoàn thành", "chưa xong": not done, which is what a plan or an effort still going on says.
      if (mine && claim.negations.some((n) => n.to <= mine.from && mine.from - n.to <= 1)) continue;
      if (weakCue && !mine) continue;
      // The same cue word in the claim, aligned, means the claim keeps the modality.
      if ((al.toClaim[cue.from] as number) >= 0) continue;
      // A plain statement of what the source only plans or hopes for is a weaker sign: it may
      // report the plan loosely. It counts towards the verdict but is not named as a mismatch.
      if (!mine) {
        // "X là thành viên" against "sẽ … trở thành thành viên": being is not going to become.
        // ("chưa là thành viên", not yet a member, agrees with it.)
        const be = claim.tokens[cFirst - 1];
        const become = ev.tokens
          .slice(Math.max(0, (run[0] as number) - 2), run[0] as number)
          .map((t) => t.folded)
          .join(' ');
        // "chưa là", "chưa phải là": not yet.
        const negatedBe = claim.negations.some(
          (n) => n.to < cFirst && cFirst - n.to <= 2 && claim.tokens.slice(n.to, cFirst).every((t) => t.folded === 'la' || t.folded === 'phai'),
        );
        if (!beingNotBecoming && be?.folded === 'la' && become === 'tro thanh' && !negatedBe && unsure(cue.modality)) {
          // The plan in the source's words from its first cue ("sẽ hỗ trợ … để trở thành …").
          const sameClause = (c: ModalityCue) =>
            unsure(c.modality) &&
            c.to <= (run[0] as number) &&
            (run[0] as number) - c.to <= 12 &&
            (ev.tokens[c.from] as Token).clause === (ev.tokens[run[0] as number] as Token).clause;
          const first = ev.modalities.find(sameClause) ?? cue;
          mismatches.push({ kind: 'modality', claimed: claimSpan(cFirst - 1, cLast), ...stated(first.from, (run.at(-1) as number) + 1), strength: 1 });
          beingNotBecoming = true;
          continue;
        }
        // Not yet what the source plans is what it says, not a plan told as done.
        if (!(negatedBe && notYetAgrees)) impliedModality += 1;
        continue;
      }
      mismatches.push({ kind: 'modality', claimed: claimSpan(mine.from, cLast), ...stated(cue.from, (run.at(-1) as number) + 1), strength: 1 });
    }
    // A claim that says done ("Việt Nam đã tham gia xây dựng tiêu chuẩn quốc tế") what the source
    // says is hoped for further back in the clause than the words read above ("mong muốn IEC tạo
    // điều kiện để Việt Nam … và tham gia vào hoạt động xây dựng tiêu chuẩn quốc tế"), when the
    // claim's cue stands right before the words it says are done and no "done" cue of the source
    // stands between its hope and them.
    const toldDone = mismatches.some((m) => m.kind === 'modality');
    for (const cue of toldDone ? [] : claim.modalities) {
      if (cue.modality !== 'done' || claim.negations.some((n) => n.to <= cue.from && cue.from - n.to <= 1)) continue;
      const head = firstContent(claim.tokens, cue.to);
      if (head < 0) continue;
      const run = leadingRun(al.toEvidence, scopeAligned(head, claim.tokens, al.toEvidence, 6));
      if (run.length < 2 || run[0] !== head) continue;
      const e = al.toEvidence[head] as number;
      const theirs = ev.modalities.filter((c) => c.to <= e && e - c.to <= 24 && (ev.tokens[c.from] as Token).clause === (ev.tokens[e] as Token).clause);
      const last = theirs.at(-1);
      if (!last || !unsure(last.modality) || (al.toClaim[last.from] as number) >= 0) continue;
      if (negatedBefore(ev.negations, ev.tokens, e, 4)) continue;
      mismatches.push({
        kind: 'modality',
        claimed: claimSpan(cue.from, run.at(-1) as number),
        ...stated(last.from, (al.toEvidence[run.at(-1) as number] as number) + 1),
        strength: 1,
      });
      break;
    }
    // The same when the source's "trở thành" is further from its cue than the words read above,
    // in the same clause: "đang nỗ lực sửa đổi Luật … cũng như trở thành thành viên chính thức của
    // IEC" is no membership ("IEC công nhận Việt Nam là thành viên chính thức" had been supported).
    for (const cue of beingNotBecoming ? [] : ev.modalities) {
      if (!unsure(cue.modality)) continue;
      const clause = (ev.tokens[cue.from] as Token).clause;
      for (let b = cue.to; b + 2 < ev.tokens.length && (ev.tokens[b] as Token).clause === clause; b++) {
        if ((ev.tokens[b] as Token).folded !== 'tro' || (ev.tokens[b + 1] as Token).folded !== 'thanh') continue;
        const c = al.toClaim[b + 2] as number;
        if (c === undefined || c < 1) continue;
        // Or becoming it, told as a fact with no plan or hope of the claim's own ("Năm 2024, Việt Nam
        // chính thức trở thành thành viên IEC" had been supported by that lead).
        // Only as the clause's own verb, after its subject and nothing else ("Việt Nam chính thức
        // trở thành …"), not as what someone helps or promises ("hứa hỗ trợ Việt Nam trở thành …"),
        // and not planned or hoped for by the claim itself ("sẽ trở thành").
        const becomes =
          c >= 2 &&
          (claim.tokens[c - 2] as Token).folded === 'tro' &&
          (claim.tokens[c - 1] as Token).folded === 'thanh' &&
          claim.tokens
            .slice(0, c - 2)
            .filter((t) => t.clause === (claim.tokens[c - 2] as Token).clause)
            .every((t) => t.stop || /^[\p{Lu}\p{N}]/u.test(t.text) || SUBJECT_ADVERBS.has(t.folded)) &&
          !claim.modalities.some(
            (m) => unsure(m.modality) && m.to <= c - 2 && (claim.tokens[m.from] as Token).clause === (claim.tokens[c - 2] as Token).clause,
          );
        if ((claim.tokens[c - 1] as Token).folded !== 'la' && !becomes) continue;
        const from = becomes ? c - 2 : c - 1;
        // "chưa là", "chưa phải là", "chưa trở thành": not yet, as the source says.
        if (claim.negations.some((n) => n.to <= from && from - n.to <= 1)) continue;
        let e = c;
        while ((al.toEvidence[e + 1] as number) >= 0 && e + 1 < claim.tokens.length) e++;
        mismatches.push({ kind: 'modality', claimed: claimSpan(from, e), ...stated(cue.from, (al.toEvidence[e] as number) + 1), strength: 1 });
        beingNotBecoming = true;
        break;
      }
      if (beingNotBecoming) break;
    }
    // The other way round: the claim says it is planned or hoped for, the source that it is done ("sẽ ký kết" / "đã chính thức ký kết").
    for (const cue of claim.modalities) {
      if (!unsure(cue.modality)) continue;
      const head = firstContent(claim.tokens, cue.to);
      const scope = scopeAligned(cue.to, claim.tokens, al.toEvidence, 6);
      if (head < 0 || !scope.length || scope[0] !== head) continue;
      const run = leadingRun(al.toEvidence, scope);
      const eFirst = al.toEvidence[run[0] as number] as number;
      const theirs = cueBefore(ev.modalities, ev.tokens, eFirst, 2);
      if (!theirs || theirs.modality !== 'done' || (al.toEvidence[cue.from] as number) >= 0) continue;
      mismatches.push({
        kind: 'modality',
        claimed: claimSpan(cue.from, run.at(-1) as number),
        ...stated(theirs.from, (al.toEvidence[run.at(-1) as number] as number) + 1),
        strength: 1,
      });
    }

    // --- only, against not only ---------------------------------------------------------------
    // "Sự hợp tác này chỉ mang lại lợi ích cho chính phủ" where the source says it "không chỉ mang
    // lại lợi ích cho chính phủ mà còn …": the same words, said to be all there is.
    for (let k = 0; k + 1 < claim.tokens.length; k++) {
      // "không chỉ", "không những chỉ", "chẳng chỉ", "không phải chỉ" in the claim too: not only.
      if ((claim.tokens[k] as Token).folded !== 'chi' || claim.tokens.slice(Math.max(0, k - 3), k).some((t) => NOT_ONLY.has(t.folded))) continue;
      const e = al.toEvidence[k + 1] as number;
      if (e < 2 || (ev.tokens[e - 1] as Token).folded !== 'chi' || (ev.tokens[e - 2] as Token).folded !== 'khong') continue;
      mismatches.push({
        kind: 'other',
        claimed: { start: (claim.tokens[k] as Token).start, end: (claim.tokens[k + 1] as Token).end },
        ...stated(e - 2, e + 1),
        strength: 1,
      });
    }

    // --- words with opposites ----------------------------------------------------------------
    for (const h of claim.antonyms) {
      const [slotFrom, slotTo] = slotOf(al, h.from, h.to, ev.tokens.length, ev.piece);
      const near = (x: AntonymHit) => x.pair === h.pair && x.quantifier === h.quantifier && x.from >= slotFrom - 3 && x.to <= slotTo + 3;
      // The slot decides: the same word there confirms, its opposite there contradicts, whatever the rest of the evidence says.
      if ((al.toEvidence[h.from] as number) >= 0 || ev.antonyms.some((x) => near(x) && says(x) === says(h))) continue;
      // The opposite word must be one the claim does not use itself ("sau thất bại … tốt hơn trước U23 UAE").
      const claimSays = (x: AntonymHit) => claim.antonyms.some((y) => y.pair === x.pair && y.quantifier === x.quantifier && says(y) === says(x));
      let rival = ev.antonyms.find((x) => near(x) && says(x) !== says(h) && !claimSays(x));
      // A word read without its marks only in the very place of its opposite: a neighbour aligned
      // with the opposite's ("rat cham" / "rất nhanh", "it hon" / "nhiều hơn"; "cham chu" is "chăm chú").
      if (rival && h.loose && al.toEvidence[h.from - 1] !== rival.from - 1 && al.toEvidence[h.to] !== rival.to) rival = undefined;
      if (!rival && !h.loose && !ev.antonyms.some((x) => x.pair === h.pair && x.quantifier === h.quantifier && says(x) === says(h))) {
        rival = ev.antonyms.find(
          (x) =>
            x.pair === h.pair &&
            says(x) !== says(h) &&
            x.quantifier === h.quantifier &&
            x.from >= slotFrom - 6 &&
            x.to <= slotTo + 6 &&
            !claim.antonyms.some((y) => y.pair === x.pair && says(y) === says(x)),
        );
      }
      if (!rival) continue;
      const claimedSpan = { start: (claim.tokens[h.from] as Token).start, end: (claim.tokens[h.to - 1] as Token).end };
      // The word is accounted for by the fact it states the other way, as a changed date or place is.
      markCovered(claimedSpan);
      mismatches.push({ kind: h.quantifier ? 'quantity' : 'other', claimed: claimedSpan, ...stated(rival.from, rival.to), strength: 1 });
    }
  }

  if (cross) {
    // Across languages words cannot be aligned: the primary evidence sentence is the fact, and
    // the words of the glossary translation locate the claim's predicate in it.
    const translatedKeys = new Set(
      (options.translated ?? [])
        .flatMap((w) => tokenize(w))
        .filter((t) => !t.stop)
        .map((t) => t.lower),
    );
    const predicate = ev.tokens.map((t, i) => ({ t, i })).filter(({ t, i }) => ev.piece[i] === 0 && translatedKeys.has(t.lower));
    const clauseEnd = (tokens: Token[], from: number) => {
      let k = from;
      while (k + 1 < tokens.length && (tokens[k + 1] as Token).clause === (tokens[from] as Token).clause) k++;
      return k;
    };
    const done = claim.modalities.find((m) => m.modality === 'done');
    const unsureCue = ev.modalities.find(
      (c) =>
        ev.piece[c.from] === 0 &&
        (c.modality === 'planned' || c.modality === 'hoped' || c.modality === 'possible') &&
        predicate.some(({ i }) => i >= c.to && i - c.to <= 8),
    );
    // Being, against what the source plans or hopes one will become ("Vietnam is a member of the
    // IEC" / "… để Việt Nam trở thành thành viên chính thức của IEC"), as "là" against "trở thành".
    // Only being a member, as "là thành viên" is read ("Vietnam is working to become …" says becoming too).
    const member = IS_MEMBER.exec(claimText);
    const is = member ? claim.modalities.find((m) => m.modality === 'ongoing' && (claim.tokens[m.from] as Token).start === member.index) : undefined;
    const being = claim.negations.length ? undefined : is;
    const becoming =
      unsureCue !== undefined &&
      ev.tokens.some((t, i) => i >= unsureCue.to && i - unsureCue.to <= 8 && t.folded === 'tro' && (ev.tokens[i + 1] as Token | undefined)?.folded === 'thanh');
    const told = done ?? (becoming ? being : undefined);
    if (told && unsureCue) {
      const last = predicate.filter(({ i }) => i >= unsureCue.to && i - unsureCue.to <= 8).at(-1)?.i ?? unsureCue.to;
      mismatches.push({
        kind: 'modality',
        claimed: { start: (claim.tokens[told.from] as Token).start, end: (claim.tokens[clauseEnd(claim.tokens, told.from)] as Token).end },
        ...stated(unsureCue.from, last + 1),
        strength: 1,
      });
    } else if (done && BECAME.test(claimText.slice((claim.tokens[done.from] as Token).start, (claim.tokens[done.to - 1] as Token).end))) {
      // Having become, where another piece of the evidence says one is only hoped or planned to
      // become it ("Vietnam became a full member of the IEC in 2024": the first piece is the
      // meeting's sentence, for its date; "… mong muốn IEC tạo điều kiện để Việt Nam trở thành
      // thành viên chính thức của IEC" follows).
      const said = (i: number, c: ModalityCue) => ev.piece[i] === ev.piece[c.from] && i >= c.to && i - c.to <= 8;
      const hoped = ev.modalities.find(
        (c) =>
          (c.modality === 'planned' || c.modality === 'hoped') &&
          ev.tokens.some((t, i) => said(i, c) && t.folded === 'tro' && (ev.tokens[i + 1] as Token | undefined)?.folded === 'thanh') &&
          ev.tokens.some((t, i) => said(i, c) && !t.stop && translatedKeys.has(t.lower) && t.folded !== 'tro' && t.folded !== 'thanh'),
      );
      // Not where the evidence also says it has become it ("Việt Nam đã trở thành thành viên …").
      const become = (c: ModalityCue) =>
        ev.tokens.some((t, i) => i >= c.to && i - c.to <= 2 && t.folded === 'tro' && (ev.tokens[i + 1] as Token | undefined)?.folded === 'thanh');
      if (hoped && !ev.modalities.some((c) => c.modality === 'done' && become(c))) {
        const last = ev.tokens.reduce((at, t, i) => (said(i, hoped) && translatedKeys.has(t.lower) ? i : at), hoped.to);
        mismatches.push({
          kind: 'modality',
          claimed: { start: (claim.tokens[done.from] as Token).start, end: (claim.tokens[clauseEnd(claim.tokens, done.from)] as Token).end },
          ...stated(hoped.from, last + 1),
          strength: 1,
        });
      }
    }
    // A word the glossary reads as one side of a pair of opposites, where the first evidence
    // piece has only the other ("Vietnam is developing slowly" / "… đang phát triển rất nhanh").
    // Not where the claim says the source's side too ("quickly rather than slowly"), nor a word it negates.
    const evOpposites = ev.antonyms.filter((x) => ev.piece[x.from] === 0);
    const claimed = claim.tokens.flatMap((t, k) =>
      t.stop ? [] : translateTerms(t.text).flatMap((term) => antonymHits(tokenize(term), false).map((h) => ({ t, k, h }))),
    );
    for (const { t, k, h } of claimed) {
      if (claimed.some((o) => o.h.pair === h.pair && o.h.side !== h.side)) continue;
      if (claim.tokens.slice(Math.max(0, k - 2), k).some((x) => ['not', 'no', 'never', 'nor'].includes(x.lower))) continue;
      const rival = evOpposites.find((x) => x.pair === h.pair && says(x) !== h.side);
      if (!rival || evOpposites.some((x) => x.pair === h.pair && says(x) === h.side)) continue;
      mismatches.push({ kind: 'other', claimed: { start: t.start, end: t.end }, ...stated(rival.from, rival.to), strength: 1 });
    }
    // "only" where the first evidence piece says "không chỉ" (not only) before the claim's words
    // ("The cooperation benefits only the government" / "… không chỉ mang lại lợi ích cho chính phủ mà còn …").
    const only = claim.tokens.findIndex((t, k) => t.lower === 'only' && !['not', 'if'].includes(claim.tokens[k - 1]?.lower ?? ''));
    const notOnly =
      only < 0
        ? -1
        : ev.tokens.findIndex(
            (t, i) =>
              ev.piece[i] === 0 &&
              NOT_ONLY.has(t.folded) &&
              ['chi', 'nhung'].includes(ev.tokens[i + 1]?.folded ?? '') &&
              predicate.some((p) => p.i > i + 1 && p.i - i <= 10),
          );
    if (notOnly >= 0) {
      const t = claim.tokens[only] as Token;
      mismatches.push({ kind: 'other', claimed: { start: t.start, end: t.end }, ...stated(notOnly, notOnly + 2), strength: 1 });
    }
    const negation = claim.negations[0];
    // Not being what the source hopes one will become agrees with it ("Vietnam is not yet a member").
    const notYet = is !== undefined && becoming && member?.[1] !== undefined;
    if (negation && !notYet && predicate.length >= 2 && !ev.negations.some((c) => ev.piece[c.from] === 0)) {
      const first = (predicate[0] as { i: number }).i;
      const last = Math.min((predicate.at(-1) as { i: number }).i, first + 12);
      mismatches.push({
        kind: 'negation',
        claimed: { start: (claim.tokens[negation.from] as Token).start, end: (claim.tokens[clauseEnd(claim.tokens, negation.from)] as Token).end },
        ...stated(first, last + 1),
        strength: 1,
      });
    }
  }

  // --- coverage -----------------------------------------------------------------------------
  // In English, what can be checked word for word is the glossary's Vietnamese for the claim and
  // the names, numbers and codes it carries over.
  const carried = (t: Token) => /^\p{N}/u.test(t.text) || (/^\p{Lu}/u.test(t.text) && !options.translatedFrom?.has(t.lower));
  const content = claim.tokens.map((t, i) => ({ t, i, w: weights[i] as number })).filter((x) => !x.t.stop && (!cross || carried(x.t)));
  // A word with one mark wrong ("khó khắn" for "khó khăn") is still the source's word.
  const evFolded = new Set(ev.tokens.filter((t) => !t.stop).map((t) => t.folded));
  /**
   * Whether the evidence has every informative word of a Vietnamese term, with its marks when the
   * evidence has them: folded, "dừng" would be the "dựng" of "xây dựng".
   */
  const evMarkedKeys = new Set(ev.tokens.filter((t) => !t.stop).map((t) => keyOf(t, evMarked)));
  const writtenInEvidence = (term: string) =>
    tokenize(term)
      .filter((x) => !x.stop)
      .every((x) => evMarkedKeys.has(keyOf(x, evMarked)));
  const isCovered = (i: number) => coveredByFact.has(i) || said.has(i) || written(i, true);
  let translatedTotal = 0;
  let translatedCovered = 0;
  if (cross) {
    const seen = new Set<string>();
    for (const t of (options.translated ?? []).flatMap((w) => tokenize(w))) {
      if (t.stop || seen.has(t.lower)) continue;
      seen.add(t.lower);
      const w = options.weightOf(t, true);
      translatedTotal += w;
      if (evKeys.has(t.lower) || evFolded.has(t.folded)) translatedCovered += w;
    }
  }
  const total = content.reduce((s, x) => s + x.w, 0) + translatedTotal || 1;
  let covered = translatedCovered;
  let substituted = 0;
  let inserted = 0;
  let run = 0;
  let longest = 0;
  let uncoveredWords = 0;
  let maxUncoveredWeight = 0;
  let aligned = cross ? translatedCovered : 0;
  for (const x of content) if ((al.toEvidence[x.i] as number) >= 0 || coveredByFact.has(x.i)) aligned += x.w;
  for (const x of content) {
    if (isCovered(x.i)) {
      covered += x.w;
      run = 0;
      continue;
    }
    uncoveredWords++;
    maxUncoveredWeight = Math.max(maxUncoveredWeight, x.w);
    run++;
    longest = Math.max(longest, run);
    if (cross) {
      inserted += x.w;
      continue;
    }
    const b = blockOf(al, x.i);
    const evWords = b ? ev.tokens.slice(b.evFrom, b.evTo).filter((t) => !t.stop && !claimKeys.has(key(t))).length : 0;
    if (evWords > 0) substituted += x.w;
    else inserted += x.w;
  }
  // What the claim says of its names, against the first piece (the sentence that covers most of
  // it, with those quoted beside it): "từ chức" in "Lê Xuân Định từ chức ngày 5/6/2024" is not
  // found in "Thứ trưởng … Lê Xuân Định cho biết … ngày 5/6/2024", whatever later pieces chosen
  // to cover "chức" ("các tổ chức quốc tế") hold.
  const inName = new Set<number>();
  for (const n of claim.names) for (let k = n.from; k < n.to; k++) inName.add(k);
  for (let k = 0; k < claim.tokens.length; k++) {
    const o = officeAt(claim.tokens, k);
    if (o) for (let j = o.first; j < o.end; j++) inName.add(j);
  }
  let predicateTotal = 0;
  let predicateFound = 0;
  if (cross) {
    // In English, by the words the glossary reads ("arrested", "resigned" it does not: nothing
    // the sentence has says them), when what it reads them as is in the evidence.
    for (let i = 0; i < claim.tokens.length; i++) {
      const t = claim.tokens[i] as Token;
      if (t.stop || carried(t) || inName.has(i) || /\p{N}/u.test(t.text)) continue;
      predicateTotal++;
      // By the word's own translation when it has one ("stopped" is "dừng", which "IEC tiếp tục hỗ
      // trợ …" does not write); a word of a phrase the glossary read ("based" of "based on") by
      // the phrase's, as any translated term the evidence has.
      const own = translateTerms(t.text);
      if (own.length ? own.some(writtenInEvidence) : translatedCovered > 0 && options.translatedFrom?.has(t.lower)) predicateFound++;
    }
  } else
    for (const x of content) {
      if (inName.has(x.i) || coveredByFact.has(x.i) || /\p{N}/u.test(x.t.text)) continue;
      predicateTotal += x.w;
      if (said.has(x.i) || written(x.i, true, 1)) predicateFound += x.w;
    }
  let pairsTotal = 0;
  let pairsFound = 0;
  for (let k = 1; k < claim.tokens.length; k++) {
    const a = claim.tokens[k - 1] as Token;
    const b = claim.tokens[k] as Token;
    if ((a.stop && b.stop) || a.clause !== b.clause) continue;
    pairsTotal++;
    if (evAt.get(claimKey[k] as string)?.some((j) => j > 0 && evSequence[j - 1] === claimKey[k - 1] && may(k - 1, j - 1) && may(k, j))) pairsFound++;
  }

  // Changed words in a matching slot: what a contradiction no listed fact explains would point at.
  if (!cross) {
    for (const b of al.blocks) {
      const cWords = claim.tokens.slice(b.claimFrom, b.claimTo).filter((t, k) => !t.stop && !isCovered(b.claimFrom + k));
      const eWords = ev.tokens.slice(b.evFrom, b.evTo).filter((t) => !t.stop && !claimKeys.has(key(t)));
      // A short phrase for a short phrase; a value the evidence does not have at all is missing, not changed.
      if (!cWords.length || !eWords.length || cWords.length > 5 || eWords.length > 5 || b.evTo - b.evFrom > 8) continue;
      const first = cWords[0] as Token;
      const last = cWords.at(-1) as Token;
      if ([...unmatched, ...undated].some((u) => u.start < last.end && first.start < u.end)) continue;
      const eFirst = ev.tokens.indexOf(eWords[0] as Token);
      const eLast = ev.tokens.indexOf(eWords.at(-1) as Token);
      if ((ev.piece[eFirst] as number) !== (ev.piece[eLast] as number)) continue;
      // Names where the claim has common words: the evidence names more (the rest of a list,
      // "… Lào, Myanmar và Thái Lan" for "Lào là một trong các nước tham gia cùng Việt Nam"),
      // not something else.
      const named = (k: number) => ev.names.some((n) => n.from <= k && k < n.to);
      if (cWords.every((t) => !/^\p{Lu}/u.test(t.text)) && eWords.every((t) => named(ev.tokens.indexOf(t)))) continue;
      const w = cWords.reduce((s, t) => s + options.weightOf(t, marked), 0) / total;
      substitutions.push({ kind: 'other', claimed: { start: first.start, end: last.end }, ...stated(eFirst, eLast + 1), strength: Math.min(0.9, w) });
    }
  }

  return {
    features: {
      coverage: covered / total,
      pairCoverage: pairsTotal ? pairsFound / pairsTotal : covered / total,
      substituted: substituted / total,
      inserted: inserted / total,
      longestGap: content.length ? longest / content.length : 0,
      unmatchedFacts: unmatched.length,
      matchedFacts,
      mismatches: mismatches.length,
      weakSigns,
      impliedModality,
      claimWords: content.length,
      alignedCoverage: aligned / total,
      uncoveredWords,
      longestGapWords: longest,
      maxUncoveredWeight,
      predicateCoverage: predicateTotal ? predicateFound / predicateTotal : 1,
      aboutAnother,
      unmatchedNames,
      unstatedCause: cross || !marked ? 0 : unstatedCauses(claim.tokens, al.toEvidence, ev.piece),
    },
    mismatches: dedupe(mismatches),
    substitutions: substitutions.sort((a, b) => b.strength - a.strength),
    unmatched,
    context,
  };
}

const CAUSES: ReadonlySet<string> = new Set(['do', 'vì', 'bởi', 'nhờ']);
/** Before a cause word, a word it makes another with: "tự do", "lý do", "thay vì". */
const NOT_CAUSE_AFTER: ReadonlySet<string> = new Set(['tự', 'lý', 'lí', 'nguyên', 'thay']);
/** After one, a word that makes it "therefore" or "why": "do đó", "vì vậy", "bởi thế", "vì sao". */
const NOT_CAUSE_BEFORE: ReadonlySet<string> = new Set(['đó', 'vậy', 'thế', 'sao', 'đâu']);

/**
 * Causes of the claim ("do điều mất giá", "vì thiếu vốn") with informative words of which none is
 * aligned with the evidence piece stating what they are the cause of (the piece of the nearest
 * aligned word before the cause): the source does not give that reason for it, though another
 * passage may use the words ("cấm biểu diễn các nghệ sĩ dính scandal" for "… hủy đêm nhạc do cả
 * hai dính scandal"). Up to the clause's end or its "nên" (so): "do X nên Y" gives X as the cause.
 * Read with marks only: folded "do" is also "đó", "độ", "đỏ".
 */
function unstatedCauses(tokens: readonly Token[], toEvidence: Int32Array, piece: Int32Array): number {
  let n = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (!CAUSES.has(t.lower) || NOT_CAUSE_AFTER.has(tokens[k - 1]?.lower ?? '') || NOT_CAUSE_BEFORE.has(tokens[k + 1]?.lower ?? '')) continue;
    let effect = -1;
    for (let j = k - 1; j >= 0 && effect < 0; j--) if ((toEvidence[j] as number) >= 0) effect = piece[toEvidence[j] as number] as number;
    const words: number[] = [];
    for (let j = k + 1; j < tokens.length && (tokens[j] as Token).clause === t.clause && (tokens[j] as Token).folded !== 'nen'; j++)
      if (!(tokens[j] as Token).stop) words.push(j);
    const stated = (j: number) => (toEvidence[j] as number) >= 0 && (effect < 0 || piece[toEvidence[j] as number] === effect);
    if (words.length && !words.some(stated)) n++;
  }
  return n;
}

/** A number with its unit word when the unit follows it directly ("400 kênh"). */
function withUnit(side: Side, n: FoundNumber): Span {
  if (!n.unit || n.kind === 'ordinal') return n;
  const m = /^\s+([\p{L}\p{M}]+)/u.exec(side.text.slice(n.end, n.end + 30));
  if (!m || fold((m[1] as string).toLowerCase()) !== n.unit.split(' ')[0]) return n;
  return { start: n.start, end: n.end + m[0].length };
}

const precisionRank = (d: FoundDate) => (d.day !== undefined ? 2 : d.month !== undefined || d.quarter !== undefined ? 1 : 0);

/** A day against a year says little ("2023" in the claim, "29/8/2023" elsewhere); both must be precise enough. */
function comparablePrecision(a: FoundDate, b: FoundDate): boolean {
  return Math.abs(precisionRank(a) - precisionRank(b)) <= 1 || (a.year !== undefined && b.year !== undefined && a.year !== b.year);
}

/** Place words written as part of a place's name. */
/** Vietnamese family names, folded: a name opening with one is written the same, marks apart, in English. */
const FAMILY = new Set(FAMILY_NAMES.map((n) => fold(n)));

const NAME_PLACE_WORDS = new Set(['chau', 'mien', 'tinh', 'huyen', 'xa', 'quan', 'phuong', 'vung']);

/** "kết thúc (vào) (năm)", "ends in": the year after it is when something ends. */
const ENDS_IN_BEFORE =
  /(?<![\p{L}\p{M}])(?:kết thúc|ket thuc|chấm dứt|cham dut|ends?|ended|finish(?:es|ed)?)\s+(?:(?:vào|vao|trong|in)\s+)?(?:(?:năm|nam)\s+)?$/iu;
/** "bắt đầu (từ) (năm)", "begins in": the year after it is when something begins. */
const BEGINS_IN_BEFORE =
  /(?<![\p{L}\p{M}])(?:bắt đầu|bat dau|khởi động|khoi dong|begins?|began|starts?|started)\s+(?:(?:từ|tu|vào|vao|in|from)\s+)?(?:(?:năm|nam)\s+)?$/iu;

/** Verbs of lasting, with or without marks. */
const LASTING = '(?<![\\p{L}\\p{M}])(?:kéo dài|keo dai|diễn ra|dien ra|lasts?|lasted|runs?|ran)\\s+';
/** A verb of duration right before a span of dates ("kéo dài từ 2023 đến 2028"). */
const LASTS_BEFORE = new RegExp(`${LASTING}(?:(?:trong|trong suốt|trong suot|suốt|suot)\\s+)?$`, 'iu');
/** "kéo dài đến (năm)", "lasts until": a verb of lasting and the word that makes the year after it an end. */
const LASTS_UNTIL_BEFORE = new RegExp(`${LASTING}(?:đến|den|tới|toi|until|till|through)\\s+(?:(?:năm|nam)\\s+)?$`, 'iu');

/** Levenshtein distance, for one-letter slips in names (2 whenever the lengths differ by more than one). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] as number;
}

function dedupe(ms: FoundMismatch[]): FoundMismatch[] {
  const out: FoundMismatch[] = [];
  for (const m of ms) {
    if (out.some((o) => o.claimed.start < m.claimed.end && m.claimed.start < o.claimed.end && o.kind === m.kind)) continue;
    out.push(m);
  }
  return out;
}

/**
 * The claim's comparison keys, with a phrase of the synonym table (`phrasesIn`) that the
 * evidence does not write as the claim does replaced, word for word, by an alternative of as
 * many words that it does write ("diễn ra" read as "tổ chức" against "… được tổ chức tại Bắc
 * Kinh"); `said` holds the words of a phrase whose alternative the evidence writes in another
 * number of words ("gặp" / "buổi tiếp và làm việc với"): covered, though not aligned.
 */
function alternativeKeys(tokens: readonly Token[], evidence: readonly string[], marked: boolean): { keys: string[]; said: Set<number> } {
  const keys = tokens.map((t) => keyOf(t, marked));
  const said = new Set<number>();
  const has = (seq: readonly string[]) => evidence.some((_, j) => seq.every((k, n) => evidence[j + n] === k));
  for (const p of phrasesIn(
    tokens.map((t) => t.text),
    marked,
  )) {
    const phrase = keys.slice(p.from, p.to);
    if (has(phrase)) continue;
    const written = phraseKeys(p.alternatives, marked).filter(has);
    const same = written.find((alt) => alt.length === phrase.length);
    if (same) same.forEach((k, n) => (keys[p.from + n] = k));
    else if (written.length) for (let i = p.from; i < p.to; i++) said.add(i);
  }
  return { keys, said };
}

/** Titles written with a dot ("TS. Phạm Quang Tú"), whose dot ends no sentence. */
const DOTTED_TITLE = '(?<!(?<![\\p{L}\\p{M}])(?:TS|PGS|GS|ThS|BS|KS|TP|Mr|Mrs|Ms|Dr|St))';
/** The end of a sentence and the spaces after it (a closing quote or bracket may come between). */
const SENTENCE_END = new RegExp(`${DOTTED_TITLE}[.!?…]["”»)]*\\s+`, 'gu');
/** The first sentence end of a text: its final mark. */
const FIRST_END = new RegExp(`${DOTTED_TITLE}[.!?…](?=["”»)]*\\s)`, 'u');

/** How far before the words said their speaker's verb may be (tokens). */
const SPEAKER_REACH = 24;
/** Verbs that report what someone said, as sequences of words (with marks, and folded). */
const SAYING_MARKED = [
  'cho biết',
  'nói',
  'nhận định',
  'khẳng định',
  'nhấn mạnh',
  'phát biểu',
  'chia sẻ',
  'cho rằng',
  'bày tỏ',
  'tuyên bố',
  'nhận xét',
  'đánh giá',
  'cam kết',
  // What someone wishes or proposes is theirs as much as what they say.
  'mong muốn',
  'đề nghị',
  'đề xuất',
].map((v) => v.split(' '));
/** Verbs of asking someone to do something (with marks). */
const REQUESTS = ['đề nghị', 'yêu cầu', 'kêu gọi', 'kiến nghị', 'đề xuất'].map((v) => v.split(' '));
/**
 * Words of wishing or of what must be done, which a request may report: "Thủ tướng yêu cầu các bộ
 * …" is what "Thủ tướng nhấn mạnh, các bộ cần …" says.
 */
const WISHES = ['mong muốn', 'mong', 'hy vọng', 'hi vọng', 'mời', 'cần', 'phải', 'chỉ đạo', 'giao', 'đòi hỏi'].map((v) => v.split(' '));
// Folded, "noi" is also "Nội" (Hà Nội), "nổi", "nội dung", "nối": not read as a verb there.
const SAYING_FOLDED = SAYING_MARKED.filter((v) => v.join(' ') !== 'nói').map((v) => v.map((w) => fold(w)));

/**
 * The last speaker in tokens [from, to) of a side: a person's name (or one of no known kind)
 * followed by a verb of saying, in its clause or before an office between commas. `all` holds every name
 * of that stretch ("Ông Philippe Metzger, Tổng Thư ký IEC cho biết"), any of which may be how
 * the other side names the speaker. A side with marks is read by its marks ("Hà Nội" is no "nói").
 */
function speakerOf(side: Side, marked: boolean, from: number, to: number): { run: NameRun; all: NameRun[]; verbEnd: number } | undefined {
  const verbs = marked ? SAYING_MARKED : SAYING_FOLDED;
  const word = (t: Token | undefined) => (t === undefined ? undefined : marked ? t.lower : t.folded);
  const speaker = (n: NameRun) => n.kind === 'person' || (n.kind === 'other' && n.words.length >= 2);
  for (let k = to - 1; k >= Math.max(0, from); k--) {
    // "Theo ông X, …": the name after "theo", closed by a comma, says whose the words are.
    if (side.tokens[k]?.folded === 'theo') {
      const run = side.names.find(
        (n) =>
          n.from === k + 1 || (n.from === k + 2 && honorific(side, marked, n.from) !== undefined) || officeBeside(side.tokens, n.from, n.to)?.first === k + 1,
      );
      const next = run ? side.tokens[run.to] : undefined;
      if (run && speaker(run) && run.to < to && next && next.clause !== (side.tokens[run.to - 1] as Token).clause) return { run, all: [run], verbEnd: run.to };
    }
    const verb = verbs.find((v) => v.every((w, i) => word(side.tokens[k + i]) === w));
    if (!verb || k + verb.length > to) continue;
    // A name of no known kind of one word is as likely a capitalised common word ("Đại biện").
    const before = side.names.filter((n) => n.from >= from && n.to <= k && k - n.to <= 14 && speaker(n));
    // The name just before the verb in its clause ("Tờ Thairath cho rằng"), else a person's
    // named before an office set off by commas ("Ông Cao Thanh Bình, Trưởng ban …, cho rằng").
    const clause = (side.tokens[k] as Token).clause;
    const run = before.findLast((n) => (side.tokens[n.to - 1] as Token).clause === clause) ?? before.find((n) => n.kind === 'person');
    if (run) return { run, all: before, verbEnd: k + verb.length };
  }
  return undefined;
}

/** "ông" or "bà" just before a name, else undefined; as typed when the side has marks ("ba" is also three). */
function honorific(side: Side, marked: boolean, from: number): 'ong' | 'ba' | undefined {
  const t = side.tokens[from - 1];
  const w = marked ? t?.lower : t?.folded;
  return w === 'ông' || w === 'ong' ? 'ong' : w === 'bà' || w === 'ba' ? 'ba' : undefined;
}

/** Where each key occurs in a sequence of keys. */
function positions(keys: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  keys.forEach((k, j) => {
    const at = out.get(k);
    if (at) at.push(j);
    else out.set(k, [j]);
  });
  return out;
}
