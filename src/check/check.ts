import type { RestoreOptions } from '../retrieve/restore-marks.js';
import { paragraphId } from '../corpus/ids.js';
import { closestArticles } from '../answer/extractive.js';
import type { Retrieved } from '../retrieve/retrieve.js';
import { expandQuery, glossaryMatches, translateTerms } from '../text/glossary.js';
import { detectLang } from '../text/lang.js';
import { hasMarks, normalizeSpace } from '../text/normalize.js';
import { findDates } from '../text/find-dates.js';
import { readPeriods } from '../text/relative-dates.js';
import { expandChatWords } from '../text/chat-words.js';
import { phrasesIn } from '../text/synonyms.js';
import { RULE_SYLLABLES, modalityCues, recased } from './facts.js';
import type { ArticleRef, CheckOptions, CheckResult, Citation, ClaimCheck, Lang, Mismatch, SearchFilter, Verdict } from '../types.js';
import { type Comparison, compareClaim, type FoundMismatch } from './compare.js';
import { type ChosenEvidence, type ClaimWords, chooseEvidence, type EvidencePiece, holds } from './evidence.js';
import { WORD_START, hasWord, isSyllableShaped } from '../text/words.js';
import { isAcronym } from '../answer/confidence.js';
import type { SentenceCache } from './sentence-cache.js';
import { splitClaims, statementOf, withoutSourceAttribution } from './split-claims.js';
import { factKeys, keyOf, phraseKeys, type Token, tokenize } from './tokens.js';
import { type Decision, decide } from './verdict.js';

/** What the claim check needs from the engine: retrieval, paragraph text and term statistics. */
export interface CheckDeps {
  retrieve(query: string, k: number, filter?: SearchFilter): Promise<Retrieved[]>;
  paragraphText(hit: Retrieved): string;
  /** Looks up, in one request to the store, the statistics `idf` needs for the words of these texts. */
  loadWeights(texts: readonly string[]): Promise<void>;
  /** Inverse document frequency of a word (marked or folded form) of a text given to `loadWeights`. */
  idf(term: string, marked: boolean): number;
  articleRef(hit: Retrieved): ArticleRef;
  /** Sentences and their keys of recently read paragraphs (kept across checks on one store). */
  sentences?: SentenceCache;
  /** A text typed without tone marks, with them restored from the collection (`restoreMarks`). */
  restoreMarks?(text: string, options?: RestoreOptions): Promise<string>;
  /** Today (ISO, in the reader's time zone), for a claim's "tuần trước", "năm ngoái"; without it they are not read. */
  today?(): string;
}

/** Longest text `check` takes (a long forwarded post is about 4,000 characters). */
export const MAX_CHECK_CHARS = 10_000;
const DEFAULT_TOP_K = 10;

/** A checked claim with what the verdict was computed from (for the LLM path and the evaluation). */
export interface OfflineCheck {
  result: ClaimCheck;
  comparison: Comparison | null;
  decision: Decision | null;
  pieces: EvidencePiece[];
  /** Share of the claim's weight the best single evidence sentence covers. */
  bestCoverage: number;
  /** Share of the claim's weight found anywhere in the best sentence's article. */
  articleCoverage: number;
  hits: Retrieved[];
  lang: Lang;
}

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** Runs of two or more capitalised words typed without marks: "Le Xuan Dinh", "Bac Kinh". */
const UNMARKED_NAME = /(?<![\p{L}\p{M}\p{N}])\p{Lu}[a-z]*(?:[^\S\n]+\p{Lu}[a-z]*)+(?![\p{L}\p{M}\p{N}])/gu;

/**
 * The Vietnamese names an English claim types without marks, as the stored articles spell them
 * (`restoreMarks`): each word's key to its marked key ("le" → "lê" of "Le Xuan Dinh"). English
 * writes Vietnamese names so, and the evidence that names the person ("Thứ trưởng Bộ KH&CN Lê
 * Xuân Định …") had not been chosen for "Le Xuan Dinh is the Minister of Science and Technology."
 * over the lead that writes "Bộ Khoa học và Công nghệ" out.
 */
async function namesWithMarks(claim: string, restore: NonNullable<CheckDeps['restoreMarks']>): Promise<ReadonlyMap<string, string>> {
  const out = new Map<string, string>();
  for (const m of claim.matchAll(UNMARKED_NAME)) {
    const typed = tokenize(m[0]);
    if (!typed.every((t) => isSyllableShaped(t.text))) continue;
    const spelt = tokenize(await restore(m[0]));
    if (spelt.length !== typed.length) continue;
    typed.forEach((t, i) => {
      const r = spelt[i] as Token;
      if (hasMarks(r.text)) out.set(keyOf(t, true), keyOf(r, true));
    });
  }
  return out;
}

/**
 * The claim's informative words, as typed. A claim typed without marks has its function words
 * judged by the marks restored to it, when each word was restored: "Hoi" of "Hoi nghi" is
 * "Hội", not the function word "hỏi".
 */
function claimWords(claim: string, lang: Lang, deps: CheckDeps, restored = claim, names: ReadonlyMap<string, string> = NO_NAMES): ClaimWords {
  const marked = hasMarks(claim) || lang === 'en';
  const seen = new Set<string>();
  const words: ClaimWords['words'] = [];
  const add = (t: Token, stop: boolean) => {
    const k = keyOf(t, marked);
    if (stop || seen.has(k)) return;
    seen.add(k);
    words.push({ key: k, weight: deps.idf(marked ? t.lower : t.folded, marked) });
  };
  const tokens = tokenize(claim);
  const spelt = restored !== claim ? tokenize(restored) : [];
  const sameWords = spelt.length === tokens.length && spelt.every((t, i) => t.folded === (tokens[i] as Token).folded);
  tokens.forEach((t, i) => add(t, sameWords && hasMarks((spelt[i] as Token).text) ? (spelt[i] as Token).stop : t.stop));
  // "diễn ra" is found as "tổ chức" too, as the comparison reads it (`alternativeKeys`).
  for (const p of phrasesIn(
    tokens.map((t) => t.text),
    marked,
  )) {
    const alternatives = phraseKeys(p.alternatives, marked);
    // An alternative weighs no more than its own words do: "tổ chức", written in many reports,
    // found for a "diễn ra" no stored article writes, is not as telling as "diễn ra" would be.
    const weights = alternatives.map((keys) => Math.max(0, ...keys.map((k) => deps.idf(k, marked))));
    for (const t of tokens.slice(p.from, p.to)) {
      const w = words.find((x) => x.key === keyOf(t, marked));
      if (w) {
        w.alternatives = [...(w.alternatives ?? []), ...alternatives];
        w.alternativeWeights = [...(w.alternativeWeights ?? []), ...weights];
      }
    }
  }
  if (lang === 'en') for (const term of translateTerms(claim)) for (const t of tokenize(term)) add(t, t.stop);
  // A Vietnamese name an English claim types without marks is found as the articles spell it.
  for (const w of words) {
    const spelt = names.get(w.key);
    if (spelt === undefined) continue;
    w.alternatives = [...(w.alternatives ?? []), [spelt]];
    w.alternativeWeights = [...(w.alternativeWeights ?? []), w.weight];
  }
  // A sentence with a figure counting the same thing is where a claim's figure is stated (or contradicted).
  for (const k of factKeys(tokens, marked)) {
    if (seen.has(k)) continue;
    seen.add(k);
    words.push({ key: k, weight: 2 });
  }
  return { words, marked };
}

/** The words the news may write for the claim's (`phrasesIn`), whose weights `claimWords` reads. */
function alternativesOf(claim: string, lang: Lang): string[] {
  return phrasesIn(
    tokenize(claim).map((t) => t.text),
    hasMarks(claim) || lang === 'en',
  ).flatMap((p) => p.alternatives);
}

function citationOf(deps: CheckDeps, piece: EvidencePiece, marker: number): Citation {
  return {
    marker,
    ...deps.articleRef(piece.hit),
    paragraphId: paragraphId(piece.hit.article.id, piece.hit.paragraphNumber),
    paragraphNumber: piece.hit.paragraphNumber,
    quote: piece.text,
    paragraph: piece.paragraph,
  };
}

function toMismatch(claim: string, pieces: readonly EvidencePiece[], m: FoundMismatch): Mismatch {
  const piece = pieces[m.piece] as EvidencePiece;
  return { kind: m.kind, claimed: claim.slice(m.claimed.start, m.claimed.end), stated: piece.text.slice(m.stated.start, m.stated.end), citation: m.piece + 1 };
}

/**
 * Whether an acronym of the claim ("IEC", "LMC"; not one inside the phrase found to differ, as
 * "TP.HCM" against "Hà Nội") is missing from what was read of the evidence's article, as
 * written or as the synonyms table writes it out ("VN": "Việt Nam"), while another retrieved
 * article has it: a short form no stored article writes ("HN" typed for "Hội nghị") says
 * nothing about which article the claim is about.
 */
function acronymMissing(claim: string, words: ClaimWords, chosen: ChosenEvidence, hits: readonly Retrieved[], mismatches: readonly FoundMismatch[]): boolean {
  const article = chosen.sentences[0]?.hit.article.id;
  return tokenize(claim).some((t) => {
    // Not a Roman numeral ("lần thứ IV", "quý II") nor "AI".
    if (!isAcronym(t.text)) return false;
    if (mismatches.some((m) => t.start < m.claimed.end && t.end > m.claimed.start)) return false;
    const word = words.words.find((w) => w.key === keyOf(t, words.marked));
    return word !== undefined && !holds(chosen.articleKeys, word) && hits.some((h) => h.article.id !== article && hasWord(h.paragraph, t.text, false));
  });
}

/**
 * Whether a fact found to differ is a body the claim says something belongs to, that no
 * retrieved passage writes ("Việt Nam là thành viên của WTO" against "… sẽ hỗ trợ Việt Nam để
 * trở thành thành viên chính thức của IEC"): a country is a member or a partner of many bodies,
 * and the articles say nothing of this one; what else differs (the tense of "trở thành") is
 * about the other body. Who signed or issued something is one body: another one there still
 * contradicts ("Viện Khoa học Công nghệ Việt Nam đã ký kết …" / "Viện Đo lường Việt Nam …").
 */
function unknownBodies(compared: string, hits: readonly Retrieved[], mismatches: readonly FoundMismatch[]): boolean {
  return mismatches.some(
    (m) =>
      m.kind === 'organisation' &&
      MEMBER_OF.test(compared.slice(Math.max(0, m.claimed.start - 40), m.claimed.start)) &&
      !hits.some((h) => hasWord(h.paragraph, compared.slice(m.claimed.start, m.claimed.end), false)),
  );
}

/** Belonging to a body, right before it: "thành viên (chính thức) của", "gia nhập", "đối tác của", "member of". */
const MEMBER_OF = new RegExp(
  `${WORD_START}(?:thành\\s+viên(?:\\s+chính\\s+thức)?(?:\\s+của)?|gia\\s+nhập|đối\\s+tác(?:\\s+của)?|member\\s+of(?:\\s+the)?|joined(?:\\s+the)?)\\s*$`,
  'iu',
);

/** "ngày nay", "hiện nay": nowadays, not this day. */
const NOWADAYS = /^(?:ngày|hiện|ngay|hien)\s+nay$/iu;
/** A day or a month written with its number: "31/3", "29-3", "tháng 6", "sáng 17". */
const DAY_OR_MONTH = /\d\s*[/.-]\s*\d|(?:ngày|tháng|sáng|chiều|tối|trưa|đêm|hôm|thang|ngay|sang|chieu|toi|trua|dem|hom)\s+\d/iu;

/**
 * A period the claim names against today ("Hội nghị LMC lần thứ 4 diễn ra tuần trước"), when no
 * date the evidence gives, nor its article's date, falls in it: the first such date as what the
 * source says instead (`stated`), or none when the evidence gives no date at all. Null when the
 * claim names no such period, or a date it can be checked against falls in it.
 */
function relativeTime(claim: string, pieces: readonly EvidencePiece[], today: string): { stated?: FoundMismatch } | null {
  // Words that count back from today ("tuần trước", "năm ngoái", "2 năm trước"), not a day or month
  // written without its year ("ngày 31/3", "tháng 6"), which is the news's own day more often than this year's.
  const period = readPeriods(claim, today).find(
    (p) => p.relative && !p.event && (p.from !== undefined || p.to !== undefined) && !DAY_OR_MONTH.test(p.text) && !NOWADAYS.test(p.text),
  );
  if (!period) return null;
  const inside = (from: string, to: string) => (period.to === undefined || from <= period.to) && (period.from === undefined || to >= period.from);
  let first: FoundMismatch | undefined;
  for (const [i, p] of pieces.entries()) {
    for (const d of findDates(p.text)) {
      // A span ("giai đoạn hai (từ 2023 đến 2028)") is how long something lasts, not when it happened.
      if (d.from === undefined || d.to === undefined || d.toYear !== undefined || d.toDay !== undefined) continue;
      if (inside(d.from, d.to)) return null;
      first ??= { kind: 'date', claimed: { start: period.start, end: period.end }, piece: i, stated: { start: d.start, end: d.end }, strength: 1 };
    }
  }
  const published = pieces[0]?.hit.article.date;
  if (!first && published && inside(published, published)) return null;
  return first ? { stated: first } : {};
}

/** Verbs of an event that takes place on a day, folded. */
const HELD = ['to chuc', 'dien ra', 'khai mac', 'be mac', 'hop', 'ky ket', 'ky', 'tiep', 'gap', 'lam viec'];

/**
 * A claim that says what is still to happen ("Hội nghị LMC lần thứ 4 sẽ được tổ chức tại Bắc
 * Kinh") of what its first evidence piece reports on a day no later than its article's date,
 * without a word of plans there ("Vào ngày 29 tháng 8 năm 2023, Hội nghị … được tổ chức …"): held,
 * not to be held. The source's date as what it says instead.
 */
function foretold(claim: string, pieces: readonly EvidencePiece[]): { stated?: FoundMismatch } | null {
  const first = pieces[0];
  const published = first?.hit.article.date;
  if (!first || !published) return null;
  const tokens = tokenize(claim);
  // Only of an event held on a day: "sẽ (được) tổ chức / diễn ra / khai mạc / ký kết / tiếp …",
  // not "sẽ hỗ trợ", which a meeting on that day can promise.
  const plan = modalityCues(tokens, !hasMarks(claim)).find((c) => {
    if (c.modality !== 'planned') return false;
    const next = tokens
      .slice(c.to, c.to + 3)
      .map((t) => t.folded)
      .filter((w) => w !== 'duoc')
      .join(' ');
    return HELD.some((v) => next === v || next.startsWith(`${v} `));
  });
  if (!plan) return null;
  if (modalityCues(tokenize(first.text), false).some((c) => c.modality === 'planned' || c.modality === 'hoped' || c.modality === 'possible')) return null;
  const day = findDates(first.text).find((d) => d.precision === 'day' && d.toDay === undefined && d.to !== undefined && d.to <= published);
  if (!day) return null;
  const cue = { start: (tokens[plan.from] as Token).start, end: (tokens[plan.to - 1] as Token).end };
  return { stated: { kind: 'modality', claimed: cue, piece: 0, stated: { start: day.start, end: day.end }, strength: 1 } };
}

/** The offline check of one claim. */
export async function checkClaimOffline(deps: CheckDeps, claimText: string, options: CheckOptions = {}): Promise<OfflineCheck> {
  const shown = normalizeSpace(claimText);
  // "Theo bài viết, …" is checked as what follows: the words had been read as part of the claim
  // ("bài" against "quyết tâm": contradicted).
  const claim = expandChatWords(withoutSourceAttribution(shown));
  const lang = detectLang(claim);
  // A Vietnamese claim typed without tone marks is compared with its evidence as its marks,
  // restored from the collection, spell it: the rules that read negations, tense, numbers and
  // opposite words are written marked, and folded words confuse "không"/"khống", "đã"/"da".
  // A claim with marks is read as marked throughout, so one whose rule words (negations,
  // tense, opposites, quantities) cannot all be restored stays as typed: "tu choi" left
  // unmarked would go unread. The passages are still retrieved, and the evidence chosen, on the
  // words as typed.
  // Typed all in lower case, its places and acronyms get their capitals first (`recased`), which
  // restoring the marks keeps: "da nang" read as a place, not restored to "đã nang".
  const cased = recased(claim);
  const restoring =
    lang === 'vi' && !hasMarks(claim) && deps.restoreMarks ? deps.restoreMarks(cased, { keepAllFor: (w) => RULE_SYLLABLES.has(w) }) : Promise.resolve(cased);
  const glossary = lang === 'en' ? glossaryMatches(claim) : { terms: [], words: new Set<string>() };
  // The passages and the weights of the claim's words (and of their translations), at once.
  const [hits, compared] = await Promise.all([
    // Not with the other words an office may be written as ("Tổng thống" for "president"): a
    // claim's office is compared with the source's, and the evidence is found by its other words.
    deps.retrieve(expandQuery(claim, lang, claim, false), options.topK ?? DEFAULT_TOP_K, options.filter),
    restoring.then(async (restored) => {
      await deps.loadWeights([
        claim,
        ...(restored !== claim ? [restored] : []),
        ...(lang === 'en' ? translateTerms(claim) : []),
        ...glossary.terms,
        // Of the claim as typed too: the phrases are read in it, and restoring marks may misspell one.
        ...alternativesOf(claim, lang),
        ...(restored !== claim ? alternativesOf(restored, lang) : []),
      ]);
      return restored;
    }),
  ]);
  const closest = closestArticles(hits);
  const base: ClaimCheck = { claim: shown, verdict: 'not-found', confidence: 0, evidence: [], mismatches: [], closest, mode: 'offline' };
  if (!hits.length)
    return { result: { ...base, confidence: 1 }, comparison: null, decision: null, pieces: [], bestCoverage: 0, articleCoverage: 0, hits, lang };
  const names = lang === 'en' && deps.restoreMarks ? await namesWithMarks(claim, deps.restoreMarks) : NO_NAMES;
  const words = claimWords(claim, lang, deps, compared, names);
  const chosen = chooseEvidence(hits, (h) => deps.paragraphText(h), words, deps.sentences);
  if (!chosen.pieces.length)
    return { result: { ...base, confidence: 1 }, comparison: null, decision: null, pieces: [], bestCoverage: 0, articleCoverage: 0, hits, lang };
  const comparison = compareClaim(
    compared,
    chosen.pieces.map((p) => ({ text: p.text, paragraph: p.paragraph, start: p.start })),
    {
      weightOf: (t, marked) => deps.idf(marked ? t.lower : t.folded, marked),
      crossLanguage: lang === 'en' && !hasMarks(claim),
      translated: glossary.terms,
      translatedFrom: glossary.words,
      articleTexts: hits.filter((h) => h.article.id === chosen.pieces[0]?.hit.article.id).map((h) => deps.paragraphText(h)),
    },
  );
  const decided = decide(comparison, chosen);
  // A claim about a body its evidence's article never names ("Cuộc gặp với IEC diễn ra ở TP.HCM"
  // against a sentence of another article saying where a conference "được tổ chức") is not
  // contradicted by that article: what differs is about something else.
  const elsewhere =
    decided.verdict === 'contradicted' &&
    (acronymMissing(claim, words, chosen, hits, comparison.mismatches) || unknownBodies(compared, hits, comparison.mismatches));
  // As sure as the model is that the claim is not supported: what the articles say is about another body.
  const decision: Decision = elsewhere ? { ...decided, verdict: 'not-found', confidence: 1 - decided.probabilities.supported } : decided;
  // A time the claim gives against today ("tuần trước", "năm ngoái"), which its words cannot match:
  // the event's date in the evidence, else its article's, must fall in it.
  const when =
    decision.verdict === 'contradicted'
      ? null
      : ((deps.today ? relativeTime(claim, chosen.pieces, deps.today()) : null) ?? (lang === 'vi' ? foretold(compared, chosen.pieces) : null));
  const timed: Decision = !when
    ? decision
    : when.stated
      ? { ...decision, verdict: 'contradicted', confidence: 0.9 }
      : decision.verdict === 'supported'
        ? { ...decision, verdict: 'not-found', confidence: 1 - decision.probabilities.supported }
        : decision;
  const verdict: Verdict = timed.verdict;
  // Sentences of the pieces' paragraphs that mismatches quote (the speaker named at a paragraph's head), after the pieces.
  const pieces: EvidencePiece[] = [
    ...chosen.pieces,
    ...comparison.context.map((c) => {
      const of = chosen.pieces[c.of] as EvidencePiece;
      return { hit: of.hit, paragraph: of.paragraph, start: c.start, end: c.end, text: of.paragraph.slice(c.start, c.end) };
    }),
  ];
  let mismatches: FoundMismatch[] = [];
  if (verdict === 'contradicted' && when?.stated) mismatches = [when.stated];
  else if (verdict === 'contradicted')
    mismatches = comparison.mismatches.length ? comparison.mismatches : comparison.substitutions.slice(0, 1).map((m) => ({ ...m, kind: 'other' as const }));
  // Only the pieces the verdict rests on are cited; for not-found, the nearest one if it is close.
  const keep =
    verdict === 'not-found' ? (comparison.features.coverage >= 0.5 ? chosen.pieces.slice(0, 1) : []) : verdict === 'contradicted' ? pieces : chosen.pieces;
  const evidence = keep.map((p, i) => citationOf(deps, p, i + 1));
  return {
    result: {
      ...base,
      verdict,
      confidence: Math.round(timed.confidence * 1000) / 1000,
      evidence,
      mismatches: mismatches.filter((m) => m.piece < keep.length).map((m) => toMismatch(claim, keep, m)),
    },
    comparison,
    decision: timed,
    pieces: verdict === 'contradicted' ? pieces : chosen.pieces,
    bestCoverage: chosen.bestCoverage,
    articleCoverage: chosen.articleCoverage,
    hits,
    lang,
  };
}

/** The verdict on a whole text: the worst of its claims'. */
export function overallVerdict(claims: readonly ClaimCheck[]): Verdict | null {
  if (!claims.length) return null;
  if (claims.some((c) => c.verdict === 'contradicted')) return 'contradicted';
  if (claims.some((c) => c.verdict === 'not-found')) return 'not-found';
  return 'supported';
}

export type ClaimChecker = (claim: string, options: CheckOptions) => Promise<ClaimCheck>;

/** Splits the text into claims and checks each; expected outcomes (nothing to check) are data. */
export async function checkText(text: string, options: CheckOptions, checkClaim: ClaimChecker): Promise<CheckResult> {
  const t0 = performance.now();
  const normalized = normalizeSpace(typeof text === 'string' ? text : '');
  const lang = options.lang ?? detectLang(normalized);
  const done = (r: Omit<CheckResult, 'timing' | 'text' | 'lang'>): CheckResult => ({
    text: normalized,
    lang,
    ...r,
    timing: { totalMs: Math.round((performance.now() - t0) * 100) / 100 },
  });
  if (!/[\p{L}\p{N}]/u.test(normalized)) return done({ claims: [], skipped: [], verdict: null, refused: 'empty' });
  if (normalized.length > MAX_CHECK_CHARS) return done({ claims: [], skipped: [], verdict: null, refused: 'too-long' });
  const split = options.single
    ? { claims: [statementOf(normalized)].filter((s) => /[\p{L}\p{N}]/u.test(s)), skipped: [] }
    : splitClaims(typeof text === 'string' ? text : '', options.maxClaims ?? 10);
  if (!split.claims.length) return done({ claims: [], skipped: split.skipped, verdict: null, refused: 'no-claim' });
  const claims: ClaimCheck[] = [];
  for (const c of split.claims) {
    options.signal?.throwIfAborted();
    claims.push(await checkClaim(c, options));
  }
  return done({ claims, skipped: split.skipped, verdict: overallVerdict(claims) });
}
