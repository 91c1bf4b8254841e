/**
 * The citation checker: a model's answer is kept only sentence by sentence, and only where
 * what a sentence says can be found in the paragraphs it cites. Pure functions, no I/O.
 *
 * A sentence is removed when
 * - it carries no [n] marker, or a marker that points at no provided paragraph;
 * - it cites a paragraph that contains instructions aimed at the model (a planted prompt);
 * - text it presents as a quote (“…”, "…", «…») is not verbatim in a cited paragraph, after
 *   NFC and white-space normalisation;
 * - a number, a month, a URL or e-mail address, or a proper name in it does not occur in a
 *   cited paragraph. Across languages (an English answer from Vietnamese paragraphs) only
 *   names that survive translation are compared: acronyms and names with Vietnamese marks.
 */
import type { Lang } from '../types.js';
import { fold, normalizeSpace, nfc, hasMarks } from '../text/normalize.js';
import { quoteSpans } from '../text/quote-spans.js';
import { sentenceRanges } from '../text/sentences.js';
import { ANSWER_SENTENCES } from './answer-sentences.js';
import { MONTHS, linksIn, monthsIn, namesMonth, nameOccurs, namesIn, numbersIn, translatable, withoutTitles } from './facts.js';
import { findQuote, originalSubstring } from './find-quote.js';
import { looksLikeInjection } from './looks-like-injection.js';
import { markersIn, withoutMarkers } from './markers.js';

export interface CheckSource {
  marker: number;
  text: string;
}

export interface CheckOptions {
  /** Language the answer was asked in (decides which proper names can be compared). */
  lang?: Lang;
  /** Share of the answer's sentences that must survive, else the answer is not usable. Default 0.5. */
  minKeptRatio?: number;
}

export interface SentenceVerdict {
  text: string;
  markers: number[];
  ok: boolean;
  /** Why it was removed (empty when kept). */
  reasons: string[];
}

export interface CitationCheck {
  /** The kept sentences, in order, with their markers; line structure preserved. */
  text: string;
  sentences: SentenceVerdict[];
  /** Markers cited by kept sentences, ascending. */
  citedMarkers: number[];
  /** marker -> a verbatim substring of that paragraph supporting the kept text. */
  quotes: Map<number, string>;
  /** True when at least one sentence was removed. */
  flagged: boolean;
  /** One line per removed sentence, saying why. */
  checks: string[];
  /** False when too little survived to be worth showing. */
  enough: boolean;
}

function wordsOf(text: string): Set<string> {
  return new Set(
    fold(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1),
  );
}

function clip(s: string, max = 120): string {
  const t = normalizeSpace(s);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function verdict(sentence: string, byMarker: Map<number, string>, lang: Lang | undefined): SentenceVerdict & { quotePieces: Map<number, string[]> } {
  const reasons: string[] = [];
  const markers = [...new Set(markersIn(sentence))];
  const quotePieces = new Map<number, string[]>();
  const unknown = markers.filter((n) => !byMarker.has(n));
  const known = markers.filter((n) => byMarker.has(n));
  if (markers.length === 0) reasons.push('no citation marker');
  if (unknown.length) {
    const max = Math.max(0, ...byMarker.keys());
    reasons.push(`cites ${unknown.map((n) => `[${n}]`).join('')}, but only [1]–[${max}] were given`);
  }
  const cited = known.map((n) => [n, byMarker.get(n) as string] as const);
  const injected = cited.filter(([, p]) => looksLikeInjection(p)).map(([n]) => n);
  if (injected.length) reasons.push(`cites ${injected.map((n) => `[${n}]`).join('')}, which contains instructions aimed at the model`);

  if (cited.length > 0) {
    const body = withoutMarkers(sentence);
    const citing = known.map((n) => `[${n}]`).join('');
    for (const q of quoteSpans(body)) {
      if (!q.inner.trim()) continue;
      const hit = cited.find(([, p]) => findQuote(q.inner, p));
      if (!hit) reasons.push(`quote “${clip(q.inner, 60)}” is not verbatim in ${citing}`);
      else quotePieces.set(hit[0], [...(quotePieces.get(hit[0]) ?? []), ...(findQuote(q.inner, hit[1]) as string[])]);
    }
    const citedText = cited.map(([, p]) => p).join('\n');
    const citedNumbers = new Set(numbersIn(citedText));
    const missingNumbers = [...new Set(numbersIn(body))].filter((n) => !citedNumbers.has(n));
    if (missingNumbers.length) reasons.push(`number ${missingNumbers.join(', ')} not in ${citing}`);
    const missingMonths = monthsIn(body)
      .filter((n) => !citedNumbers.has(String(n)) && !namesMonth(citedText, n))
      .map((n) => MONTHS[n - 1]);
    if (missingMonths.length) reasons.push(`date (${missingMonths.join(', ')}) not in ${citing}`);
    const links = linksIn(body).filter((l) => !citedText.toLowerCase().includes(l));
    if (links.length) reasons.push(`link ${links.join(', ')} not in the cited paragraphs`);
    // Across languages only acronyms and names with Vietnamese marks can be compared.
    const sameLanguage = lang === undefined || cited.some(([, p]) => (lang === 'en') !== hasMarks(p));
    const names = namesIn(body)
      .flatMap((run) => (sameLanguage ? [withoutTitles(run)] : translatable(run)))
      .filter((n) => n.length > 0);
    const missingNames = [...new Set(names)].filter((name) => !cited.some(([, p]) => nameOccurs(name, p)));
    if (missingNames.length) reasons.push(`name ${missingNames.map((n) => `“${n}”`).join(', ')} not in ${citing}`);
  }
  return { text: sentence, markers, ok: reasons.length === 0, reasons, quotePieces };
}

/** The paragraph sentence that shares most words (numbers twice) with the text citing it. */
function bestSupport(paragraph: string, citing: string): string {
  const para = paragraph.trim();
  // Split as answers are, so that a quotation in the paragraph stays whole.
  const ranges = sentenceRanges(para, ANSWER_SENTENCES);
  if (ranges.length <= 1) return para;
  const want = wordsOf(citing);
  const wantNums = new Set(numbersIn(citing));
  let best = para;
  let bestScore = -1;
  for (const [s, e] of ranges) {
    const piece = para.slice(s, e).trim();
    let score = 0;
    for (const w of wordsOf(piece)) if (want.has(w)) score++;
    for (const n of numbersIn(piece)) if (wantNums.has(n)) score += 2;
    if (score > bestScore) {
      best = piece;
      bestScore = score;
    }
  }
  return best;
}

export function checkCitations(answer: string, sources: CheckSource[], options: CheckOptions = {}): CitationCheck {
  const byMarker = new Map(sources.map((s) => [s.marker, s.text]));
  const lines = nfc(answer).replace(/\r\n?/g, '\n').split('\n');
  const sentences: Array<ReturnType<typeof verdict>> = [];
  const outLines: string[] = [];
  for (const line of lines) {
    const bullet = /^\s*(?:[-*•]|\d{1,2}[.)])\s+/.exec(line)?.[0] ?? '';
    const body = line.slice(bullet.length);
    const kept: string[] = [];
    for (const [s, e] of sentenceRanges(body, ANSWER_SENTENCES)) {
      const text = body.slice(s, e).trim();
      // Headings and lines of bare markers carry no claim.
      if (!/[\p{L}\p{N}]/u.test(withoutMarkers(text))) continue;
      const v = verdict(text, byMarker, options.lang);
      sentences.push(v);
      if (v.ok) kept.push(text);
    }
    if (kept.length) outLines.push(`${bullet}${kept.join(' ')}`);
  }

  const keptSentences = sentences.filter((s) => s.ok);
  const citedMarkers = [...new Set(keptSentences.flatMap((s) => s.markers))].sort((a, b) => a - b);
  const quotes = new Map<number, string>();
  for (const n of citedMarkers) {
    const paragraph = byMarker.get(n) as string;
    const pieces = keptSentences.flatMap((s) => s.quotePieces.get(n) ?? []).sort((a, b) => b.length - a.length);
    const quoted = pieces.length ? originalSubstring(pieces[0] as string, paragraph) : null;
    const citing = keptSentences
      .filter((s) => s.markers.includes(n))
      .map((s) => s.text)
      .join(' ');
    // Quotes are slices of the paragraph as given, so a Citation's quote is always its substring.
    quotes.set(n, quoted ?? bestSupport(paragraph, citing));
  }
  const removed = sentences.filter((s) => !s.ok);
  const ratio = options.minKeptRatio ?? 0.5;
  return {
    text: outLines.join('\n').trim(),
    sentences: sentences.map(({ text, markers, ok, reasons }) => ({ text, markers, ok, reasons })),
    citedMarkers,
    quotes,
    flagged: removed.length > 0,
    checks: removed.map((s) => `removed “${clip(s.text)}”: ${s.reasons.join('; ')}`),
    enough: keptSentences.length > 0 && keptSentences.length / Math.max(1, sentences.length) >= ratio,
  };
}
