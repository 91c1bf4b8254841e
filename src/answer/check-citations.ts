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
import { fold, hasMarks, normalizeSpace, nfc } from '../text/normalize.js';

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

// --- sentences -------------------------------------------------------------------------------

const MARKER_GROUP = /\[(\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*)\]/g;
const ABBREV = new Set(['tp', 'ts', 'ths', 'pgs', 'gs', 'bs', 'ks', 'mr', 'mrs', 'ms', 'dr', 'prof', 'no', 'vs', 'etc', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'e.g', 'i.e', 'v.v']);
const QUOTE_PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['"', '"'],
  ['«', '»'],
];

/** [start, end) spans of quoted text, quote marks included. */
function quoteSpans(text: string): Array<{ start: number; end: number; inner: string }> {
  const spans: Array<{ start: number; end: number; inner: string }> = [];
  let i = 0;
  while (i < text.length) {
    const pair = QUOTE_PAIRS.find(([open]) => text.startsWith(open, i));
    if (!pair) {
      i++;
      continue;
    }
    const close = text.indexOf(pair[1], i + 1);
    if (close < 0) break;
    spans.push({ start: i, end: close + 1, inner: text.slice(i + 1, close) });
    i = close + 1;
  }
  return spans;
}

/**
 * Splits one line of model output into sentences. A sentence ends at . ! ? or … followed by
 * closing quotes and any [n] markers (models put them on either side of the full stop), then
 * white space. Not inside a quote, not after a known abbreviation or an initial.
 */
export function splitAnswerSentences(line: string): Array<[number, number]> {
  const quotes = quoteSpans(line);
  // Punctuation inside a quote ends nothing unless the match runs on past the closing mark.
  const inQuote = (pos: number, end: number) => quotes.some((q) => pos > q.start && end < q.end);
  const END = /[.!?…]+["”’»)]*(?:\s*\[\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*\])*(?=\s|$)/gu;
  const out: Array<[number, number]> = [];
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = END.exec(line))) {
    const end = m.index + m[0].length;
    if (inQuote(m.index, end)) continue;
    if (m[0].startsWith('.') && !m[0].startsWith('..')) {
      const word = /([\p{L}.]+)$/u.exec(line.slice(start, m.index))?.[1] ?? '';
      if (ABBREV.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue;
    }
    if (line.slice(start, end).trim()) out.push([start, end]);
    start = end;
    while (start < line.length && /\s/.test(line[start] as string)) start++;
  }
  if (line.slice(start).trim()) out.push([start, line.length]);
  return out;
}

/** Every marker in a text, in order of appearance, ranges expanded ([1-3] → 1, 2, 3). */
export function markersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(MARKER_GROUP)) {
    for (const part of (m[1] as string).split(/\s*[,;]\s*/)) {
      const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
      if (range) {
        const a = Number(range[1]);
        const b = Number(range[2]);
        for (let n = a; n <= b && n - a < 20; n++) out.push(n);
      } else out.push(Number(part));
    }
  }
  return out;
}

// --- facts -----------------------------------------------------------------------------------

/** Digits of a number with separators and leading zeros dropped: "1.500" = "1,500" = "1500". */
function numberKey(s: string): string {
  return s.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
}

export function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => numberKey(m[0]));
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR = MONTHS.map((m) => m.slice(0, 3));
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Capitalised words that are not names: sentence openers, pronouns, calendar words. */
const NOT_NAMES = new Set(
  [
    'i', 'the', 'a', 'an', 'in', 'on', 'at', 'by', 'for', 'to', 'of', 'and', 'but', 'or', 'as', 'it', 'its', 'he', 'she', 'they', 'we', 'this', 'these', 'that', 'those', 'there',
    'according', 'however', 'also', 'moreover', 'yes', 'no', 'source', 'sources', 'paragraph',
    'theo', 'ngày', 'tháng', 'năm', 'ông', 'bà', 'các', 'những', 'trong', 'đây', 'nguồn', 'tại', 'vào', 'khi', 'sau', 'trước', 'với', 'về', 'đoạn', 'bên', 'cạnh', 'đồng', 'thời', 'ngoài', 'ra', 'như', 'vậy', 'có', 'không', 'được',
    ...MONTHS, ...MONTH_ABBR, ...WEEKDAYS,
  ].map((w) => w.normalize('NFC')),
);

/** Runs of capitalised words (candidate proper names) outside quoted spans. */
export function namesIn(sentence: string): string[] {
  const text = sentence.replace(MARKER_GROUP, ' ');
  const quoted = quoteSpans(text);
  const words = [...text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}\p{N}&'’-]*/gu)].filter(
    (m) => !quoted.some((q) => (m.index as number) >= q.start && (m.index as number) < q.end),
  );
  const runs: string[][] = [];
  let current: string[] = [];
  let lastEnd = -1;
  words.forEach((m, i) => {
    const w = m[0];
    const isCap = /^\p{Lu}/u.test(w) && !NOT_NAMES.has(w.toLowerCase());
    const sentenceStart = i === 0;
    const adjacent = lastEnd >= 0 && /^\s+$/.test(text.slice(lastEnd, m.index));
    // A capital opening the sentence says nothing; an acronym there still is a name.
    const keep = isCap && (!sentenceStart || isAcronym(w));
    if (keep && (current.length === 0 || adjacent)) current.push(w);
    else {
      if (current.length) runs.push(current);
      current = keep ? [w] : [];
    }
    lastEnd = (m.index as number) + w.length;
  });
  if (current.length) runs.push(current);
  return runs.map((r) => r.join(' '));
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'professor', 'prof', 'minister', 'deputy', 'vice', 'prime', 'president', 'general', 'secretary', 'director', 'chairman', 'chairwoman', 'ambassador', 'head', 'chief']);

/** A name run without English titles in front ("Deputy Minister X" → "X"). */
function withoutTitles(run: string): string {
  const words = run.split(' ');
  while (words.length > 1 && TITLES.has((words[0] as string).toLowerCase())) words.shift();
  return words.join(' ');
}

/** The parts of a name run that a translation keeps: acronyms, and runs of words with Vietnamese marks. */
function translatable(run: string): string[] {
  const out: string[] = [];
  let marked: string[] = [];
  const flush = () => {
    if (marked.length) out.push(marked.join(' '));
    marked = [];
  };
  for (const w of run.split(' ')) {
    if (isAcronym(w)) {
      flush();
      out.push(w);
    } else if (hasMarks(w)) marked.push(w);
    else flush();
  }
  flush();
  return out;
}

function isAcronym(w: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(w) && w === w.toUpperCase();
}

const LINK = /\bhttps?:\/\/[^\s)\]>"”]+|\bwww\.[^\s)\]>"”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|vn|net|org|io|info|biz|xyz)\b/giu;

export function linksIn(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[0].replace(/[.,;:]+$/, '').toLowerCase());
}

/** Text in a source that addresses the model rather than the reader: a planted instruction. */
const INJECTION = [
  /\b(ignore|disregard|forget)\b.{0,40}\b(previous|prior|above|earlier|all|system)\b.{0,30}\b(instructions?|prompts?|rules?|messages?)\b/i,
  /\b(you are now|act as|new instructions?|system prompt|developer message)\b/i,
  /\b(bỏ qua|phớt lờ|quên)\b.{0,40}\b(hướng dẫn|chỉ dẫn|chỉ thị|yêu cầu|lệnh)\b/iu,
  /<\/?\s*(system|instructions?|sources?)\s*>/i,
];

export function looksLikeInjection(text: string): boolean {
  return INJECTION.some((re) => re.test(text));
}

// --- quotes ----------------------------------------------------------------------------------

const ELISION = /\s*(?:\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\)|…|\.\.\.)\s*/u;

/** Normalised comparison form: NFC, one space, typographic apostrophes made plain. */
function norm(text: string): string {
  return normalizeSpace(text).replace(/[’‘]/g, "'");
}

function trimPunct(s: string): string {
  return s.replace(/^[\s.,;:!?…-]+|[\s.,;:!?…-]+$/gu, '');
}

/**
 * Where a quote occurs in a paragraph, as pieces (split at elisions) that must all occur in
 * order; null when it does not. The first letter's case may differ (a quote opening a sentence).
 */
function findQuote(quote: string, paragraph: string): string[] | null {
  const pieces = norm(quote).split(ELISION).map(trimPunct).filter((p) => p.length > 0);
  if (pieces.length === 0) return null;
  const para = norm(paragraph);
  let from = 0;
  for (const [i, piece] of pieces.entries()) {
    let at = para.indexOf(piece, from);
    if (at < 0 && i === 0) {
      const flipped = (piece[0] === piece[0]?.toUpperCase() ? piece[0]?.toLowerCase() : piece[0]?.toUpperCase()) + piece.slice(1);
      at = para.indexOf(flipped, from);
    }
    if (at < 0) return null;
    from = at + piece.length;
  }
  return pieces;
}

/** The original (un-normalised) text in `paragraph` that a normalised piece matches. */
function originalSubstring(piece: string, paragraph: string): string | null {
  const tokens = piece.split(' ').map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’‘]"));
  const re = new RegExp(tokens.join('\\s+'), 'iu');
  return re.exec(paragraph)?.[0] ?? null;
}

// --- the check -------------------------------------------------------------------------------

function wordsOf(text: string): Set<string> {
  return new Set(fold(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1));
}

/** Does a (folded) name occur in a (folded) paragraph as whole words? */
function nameOccurs(name: string, paragraph: string): boolean {
  const n = fold(name).replace(/\s+/g, ' ');
  const p = fold(normalizeSpace(paragraph));
  const esc = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(^|[^\\p{L}\\p{N}])${esc}($|[^\\p{L}\\p{N}])`, 'u').test(p)) return true;
  // "Vietnam" for "Việt Nam": compare without spaces, only for names long enough not to match by chance.
  const squeezed = n.replace(/[\s-]/g, '');
  return squeezed.length >= 6 && p.replace(/[\s-]/g, '').includes(squeezed);
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
    const body = sentence.replace(MARKER_GROUP, ' ');
    for (const q of quoteSpans(body)) {
      if (!q.inner.trim()) continue;
      const hit = cited.find(([, p]) => findQuote(q.inner, p));
      if (!hit) reasons.push(`quote “${clip(q.inner, 60)}” is not verbatim in ${known.map((n) => `[${n}]`).join('')}`);
      else quotePieces.set(hit[0], [...(quotePieces.get(hit[0]) ?? []), ...(findQuote(q.inner, hit[1]) as string[])]);
    }
    const citedText = cited.map(([, p]) => p).join('\n');
    const citedNumbers = new Set(numbersIn(citedText));
    const missingNumbers = [...new Set(numbersIn(body))].filter((n) => !citedNumbers.has(n));
    if (missingNumbers.length) reasons.push(`number ${missingNumbers.join(', ')} not in ${known.map((n) => `[${n}]`).join('')}`);
    // English month names (capitalised, so that the verb "may" is not one) must match a month number or name.
    const missingMonths = MONTHS.map((m, i) => [m, i + 1] as const)
      .filter(([m]) => new RegExp(`\\b${m[0]?.toUpperCase()}${m.slice(1)}\\b`).test(body))
      .filter(([, i]) => !citedNumbers.has(String(i)) && !new RegExp(`\\b${MONTHS[i - 1]}\\b`, 'i').test(citedText))
      .map(([m]) => m);
    if (missingMonths.length) reasons.push(`date (${missingMonths.join(', ')}) not in ${known.map((n) => `[${n}]`).join('')}`);
    const links = linksIn(body).filter((l) => !citedText.toLowerCase().includes(l));
    if (links.length) reasons.push(`link ${links.join(', ')} not in the cited paragraphs`);
    // Across languages only acronyms and names with Vietnamese marks can be compared.
    const sameLanguage = lang === undefined || cited.some(([, p]) => (lang === 'en') !== hasMarks(p));
    const names = namesIn(body).flatMap((run) => (sameLanguage ? [withoutTitles(run)] : translatable(run))).filter((n) => n.length > 0);
    const missingNames = [...new Set(names)].filter((name) => !cited.some(([, p]) => nameOccurs(name, p)));
    if (missingNames.length) reasons.push(`name ${missingNames.map((n) => `“${n}”`).join(', ')} not in ${known.map((n) => `[${n}]`).join('')}`);
  }
  return { text: sentence, markers, ok: reasons.length === 0, reasons, quotePieces };
}

/** The paragraph sentence that shares most words (numbers twice) with the text citing it. */
function bestSupport(paragraph: string, citing: string): string {
  const para = paragraph.trim();
  const ranges = splitAnswerSentences(para);
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
    for (const [s, e] of splitAnswerSentences(body)) {
      const text = body.slice(s, e).trim();
      // Headings and lines of bare markers carry no claim.
      if (!/[\p{L}\p{N}]/u.test(text.replace(MARKER_GROUP, ''))) continue;
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
    const citing = keptSentences.filter((s) => s.markers.includes(n)).map((s) => s.text).join(' ');
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

/**
 * Renumbers markers 1, 2, 3… in order of first appearance (an answer citing [2] and [5] of
 * eight paragraphs shows [1] and [2]). Returns the new text and new → old marker numbers.
 */
export function renumberMarkers(text: string): { text: string; original: Map<number, number> } {
  const order = [...new Set(markersIn(text))];
  const next = new Map(order.map((old, i) => [old, i + 1]));
  const out = text.replace(MARKER_GROUP, (group) => {
    const ns = [...new Set(markersIn(group))].map((n) => next.get(n) ?? n);
    return ns.map((n) => `[${n}]`).join('');
  });
  return { text: out, original: new Map(order.map((old, i) => [i + 1, old])) };
}
