import { Lru, ParagraphMemo } from '../store/lru.js';
import type { Store } from '../store/port.js';
import { canonicalTones, fold, isSettled } from '../text/normalize.js';
import { sentenceRanges } from '../text/sentences.js';
import { MARKED_STOPWORDS, STOPWORDS } from '../text/stopwords.js';
import { WORD_RUN, isSpaceAt, wordCharBefore } from '../text/words.js';
import {
  type Presence,
  type QuestionTerms,
  type SearchText,
  nameCoverage,
  pairCoverage,
  presenceInRanges,
  searchText,
  union,
  wordCoverage,
} from './coverage.js';
import type { Retrieved } from './retrieve.js';

/**
 * Second-stage ranking of the retrieved passages by where the question's words occur in
 * them. BM25 sees a passage as a bag of words; a question is usually answered by one
 * sentence that holds most of its words, so a passage whose best sentence (or pair of
 * adjacent sentences) covers the question is preferred over one whose matches are scattered.
 *
 * score = W.fused · fused / best fused + W.sentence · best sentence's word coverage
 *       + W.window · best two-sentence window's word coverage + W.pairs · best sentence's pair coverage
 *       + W.names · the passage's share of the question's names (`questionNames`; 1 when it names none)
 *
 * The weights were fitted by `scripts/fit-weights.ts rerank` (listwise softmax over the
 * candidate passages, the gold article's being relevant, L2 1e-3) on the ViNewsQA dev
 * questions of even-numbered source articles with 5,000 baomoi distractors, and scaled to the
 * sum of the weights before them; on the other half R@1 went from 75.3 to 76.4 and R@10 from
 * 89.7 to 90.1 when first fitted, and from 76.5 to 77.1 and 90.3 to 90.4 when refitted after
 * function words came to be judged as written in questions with tone marks. The names feature
 * was fitted with the four the same way: held-out half R@1 77.1 -> 78.0, R@10 90.4 -> 90.5
 * (without distractors 81.9 -> 82.2; the first 650 questions at 35,932 articles 73.4 -> 74.0 on
 * their odd half): with thousands of other articles on the same subjects, a sentence holding
 * "khả năng … đặc biệt" is no answer to "Sierra có khả năng gì đặc biệt?" without "Sierra".
 * Article coverage, passage count per article and the raw BM25 score added nothing measurable
 * there and were left out.
 *
 * A question typed without tone marks is matched on folded forms, where BM25 confuses words
 * that differ only by their marks ("bảo", "báo", "bão"): its retrieval score is a weaker signal
 * and where its words occur together a stronger one, so it has weights of its own
 * (`FOLDED_RERANK`), fitted the same way on the same half with the questions' marks removed;
 * the names feature gained 0.2 R@1 there (74.4 -> 74.6) and is not used (weight 0).
 */
export interface RerankWeights {
  fused: number;
  sentence: number;
  window: number;
  pairs: number;
  names: number;
}

export const DEFAULT_RERANK: RerankWeights = { fused: 5.034, sentence: 1.64, window: 5.405, pairs: 5.255, names: 3.368 };

/**
 * Weights for questions matched on folded forms (typed without tone marks), scaled so that
 * the four both use add up to `DEFAULT_RERANK`'s four (17.334): the same ranking as fitted,
 * and score differences of the size the sentence and refusal models were fitted on.
 */
export const FOLDED_RERANK: RerankWeights = { fused: 6.023, sentence: 1.458, window: 5.168, pairs: 4.685, names: 0 };

/** The weights for a question's terms: its own for a question matched on folded forms. */
export function rerankWeights(terms: Pick<QuestionTerms, 'marked'>): RerankWeights {
  return terms.marked ? DEFAULT_RERANK : FOLDED_RERANK;
}

/** Passages re-ranked beyond this many are kept in their retrieval order, after the others. */
export const RERANK_POOL = 30;

export interface SentenceEvidence {
  /** [start, end) in the paragraph. */
  start: number;
  end: number;
  present: Presence;
  /** Coverage of the question's words and of its word pairs. */
  words: number;
  pairs: number;
}

export interface PassageEvidence {
  hit: Retrieved;
  /** The paragraph's words (offsets in `paragraph`) that lie within [from, to), in order. */
  words: (from: number, to: number) => ParagraphWord[];
  /** The whole paragraph the passage belongs to. */
  paragraph: string;
  /** The sentences of the passage, in order. */
  sentences: SentenceEvidence[];
  /** Fused retrieval score over the best one (1 for the first). */
  fused: number;
  sentence: number;
  window: number;
  pairs: number;
  /** Share of the question's names (idf-weighted) anywhere in the passage; 1 when it names none. */
  names: number;
  score: number;
}

/**
 * A word of a paragraph: where it is, lower-cased and folded, and whether it is a function word
 * folded (`stop`, for questions typed without tone marks) and as written (`stopMarked`).
 */
export interface ParagraphWord {
  start: number;
  end: number;
  lower: string;
  folded: string;
  stop: boolean;
  stopMarked: boolean;
}

/**
 * A paragraph prepared for matching, whole or the piece of it around one passage: `search` is
 * `text.slice(from, to)` prepared, `sentences` the paragraph's sentences that meet the piece,
 * in paragraph offsets.
 */
interface PreparedParagraph {
  text: string;
  from: number;
  to: number;
  search: SearchText;
  sentences: Array<[number, number]>;
}

/** `WORD_RUN` copied once, to step through a piece with `exec` from a given place (its `lastIndex` is set on each use). */
const WORD_STEPS = new RegExp(WORD_RUN);

/**
 * The words of the paragraph that lie within [from, to): the runs of letters, marks and digits
 * that splitting the whole paragraph gives there, found from `from` on (only the few sentences
 * that may answer need their words, and a scraped paragraph can be thousands of words long).
 */
function paragraphWords(p: PreparedParagraph, from: number, to: number): ParagraphWord[] {
  // A range beyond the prepared piece is read from the whole paragraph.
  if (from < p.from || to > p.to) p = prepareWhole(p.text);
  const out: ParagraphWord[] = [];
  if (p.search.lower.length !== p.to - p.from) {
    // Lower-casing changed the length: words are taken from the whole paragraph lower-cased on its own.
    for (const m of canonicalTones(p.text.toLowerCase()).matchAll(WORD_RUN)) {
      if (m.index < from || m.index + m[0].length > to) continue;
      const folded = fold(m[0]);
      out.push({ start: m.index, end: m.index + m[0].length, lower: m[0], folded, stop: STOPWORDS.has(folded), stopMarked: MARKED_STOPWORDS.has(m[0]) });
    }
    return out;
  }
  const { lower, folded: foldedText } = p.search;
  // Offsets in the piece: the paragraph's less `p.from`.
  const at = p.from;
  const a = from - at;
  const b = to - at;
  // A word that began before `from` is not in the range: its tail found at `from` is skipped.
  const re = WORD_STEPS;
  re.lastIndex = a;
  for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end > b) break;
    if (start < a || (start === a && wordCharBefore(lower, a))) continue;
    const folded = foldedText.slice(start, end);
    out.push({ start: start + at, end: end + at, lower: m[0], folded, stop: STOPWORDS.has(folded), stopMarked: MARKED_STOPWORDS.has(m[0]) });
  }
  return out;
}

// Passages prepared for matching (the piece of their paragraph around them), per index
// generation: questions about the same news hit the same passages, and splitting and
// lower-casing them is most of the re-ranking's work.
// A prepared paragraph held about 30 KB of the heap with its words, when it kept them: at 35k
// articles, 4,096 of them kept 126 MB alive after 300 different questions, and 1,024 were kept.
// Without its words it holds about 2 KB: after two passes of the 2,474 ViNewsQA questions at 35k,
// 4,096 kept left 120 MB of heap after a full collection against 113 MB with 1,024, and answered
// 2.3-4.0% faster (both in one process, question by question alternately, three passes).
const prepared = new WeakMap<Store, PreparedCache>();
const PREPARED_MAX = 4096;

interface PreparedCache {
  /** By passage: the piece prepared, with the passage's text and place it was prepared for. */
  pieces: Lru<number, { paragraph: string; start: number; end: number; prepared: PreparedParagraph }>;
  /**
   * By paragraph: whether it is settled (`isSettled`), which decides whether it can be prepared
   * in pieces. A long paragraph is often retrieved as two windows, and by several questions;
   * scanning it whole for each took 0.3 ms of a question's 7 at 35k articles.
   */
  settled: ParagraphMemo<boolean>;
}
/** Bytes of paragraph texts (and their keys) the settled cache keeps (a character weighs two). */
const SETTLED_BYTES = 8 << 20;

function prepare(store: Store, hit: Retrieved): PreparedParagraph {
  let cache = prepared.get(store);
  if (!cache) prepared.set(store, (cache = { pieces: new Lru(PREPARED_MAX), settled: new ParagraphMemo(SETTLED_BYTES) }));
  const kept = cache.pieces.get(hit.passage);
  // A store that switches generations in place (the database) may give the same id another passage.
  if (kept && kept.paragraph === hit.paragraph && kept.start === hit.start && kept.end === hit.end) return kept.prepared;
  const settled = cache.settled.get(hit.article.id, hit.paragraphNumber, hit.paragraph, isSettled);
  const p = preparePiece(hit.paragraph, hit.start, hit.end, settled);
  cache.pieces.set(hit.passage, { paragraph: hit.paragraph, start: hit.start, end: hit.end, prepared: p });
  return p;
}

function prepareWhole(text: string): PreparedParagraph {
  return { text, from: 0, to: text.length, search: searchText(text), sentences: sentenceRanges(text) };
}

/**
 * The paragraph prepared around passage [start, end) only: a scraped article stored as one
 * line is thousands of characters long, and its passage a few hundred. The piece runs from the
 * start of the word before the passage to the end of the word after it (bounded by white
 * space, which no sentence end, lower-casing, folding or term look-up sees across), so that
 * within the passage it gives the sentences, lower-cased and folded text and term matches of
 * the whole paragraph: a sentence end is decided on its own word, the white space after it and
 * the first character after that. The whole paragraph is prepared when its text could prepare
 * differently in pieces (characters that `nfc` or lower-casing would remove, add or compose;
 * paragraphs are stored normalised, so this is the exception).
 */
function preparePiece(text: string, start: number, end: number, settled = isSettled(text)): PreparedParagraph {
  const n = text.length;
  let from = Math.max(0, Math.min(start, n));
  while (from > 0 && isSpaceAt(text, from - 1)) from--;
  while (from > 0 && !isSpaceAt(text, from - 1)) from--;
  let to = Math.max(from, Math.min(end, n));
  while (to < n && isSpaceAt(text, to)) to++;
  while (to < n && !isSpaceAt(text, to)) to++;
  if ((from === 0 && to === n) || !(settled || piecewiseSafe(text, to))) return prepareWhole(text);
  const piece = text.slice(from, to);
  const sentences = sentenceRanges(piece);
  for (const r of sentences) {
    r[0] += from;
    r[1] += from;
  }
  // A piece of a settled text is settled.
  return { text, from, to, search: searchText(piece, settled), sentences };
}

/** Characters that, anywhere in a paragraph, make its folded form differ in length from its lower-cased one (İ lower-cases to i and a combining dot). */
const FOLD_LENGTH = /\u0130|[\u0300-\u036f]/g;

/**
 * Whether a text prepares alike whole or in pieces cut at white space, for a piece ending at
 * `to`: before `to` it is unchanged by `nfc` and has no character whose lower-case form changes
 * the length, so that offsets in the piece's prepared forms are offsets in the text (what comes
 * after `to` moves no offset before it), and nowhere has it a character that makes the whole
 * paragraph's folded form differ in length (the whole is then looked up lower-cased only).
 * A settled text (`isSettled`) passes every check here wherever `to` is, and is not checked.
 */
function piecewiseSafe(text: string, to: number): boolean {
  for (let i = 0; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    } else if (c >= 0x7f) {
      if (c <= 0xa0 || c === 0xad || c === 0x130 || (c >= 0x300 && c <= 0x36f) || c === 0x3000 || c === 0xfeff) return false;
      if (c >= 0x2000 && c <= 0x2069 && (c <= 0x200f || (c >= 0x202a && c <= 0x202f) || (c >= 0x205f && c !== 0x2065))) return false;
    }
  }
  FOLD_LENGTH.lastIndex = to;
  if (FOLD_LENGTH.test(text)) return false;
  const head = text.slice(0, to);
  return head.normalize('NFC') === head;
}

/** Sentence-level evidence for one passage. */
function passageEvidence(store: Store, hit: Retrieved, terms: QuestionTerms, best: number, w: RerankWeights = DEFAULT_RERANK): PassageEvidence {
  const prepared = prepare(store, hit);
  const { text: paragraph, search, sentences: ranges, from } = prepared;
  // The sentences that meet the passage, clipped to it (a scraped paragraph can be one
  // unpunctuated line: a sentence never reaches beyond its passage), and the same in the
  // prepared piece's offsets.
  const clipped: Array<[number, number]> = [];
  const inPiece: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    if (b <= hit.start || a >= hit.end) continue;
    const s = Math.max(a, hit.start);
    const e = Math.min(b, hit.end);
    clipped.push([s, e]);
    inPiece.push([s - from, e - from]);
  }
  const presences = presenceInRanges(terms, search, inPiece);
  const sentences: SentenceEvidence[] = new Array<SentenceEvidence>(clipped.length);
  for (let i = 0; i < clipped.length; i++) {
    const [start, end] = clipped[i] as [number, number];
    const present = presences[i] as Presence;
    sentences[i] = { start, end, present, words: wordCoverage(terms, present), pairs: pairCoverage(terms, present) };
  }
  let sentence = 0;
  let window = 0;
  let pairs = 0;
  // The terms any sentence has, gathered in one array (a copy: the sentences' own stay theirs).
  let named: Presence | null = null;
  const hasNames = (terms.names?.length ?? 0) > 0;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i] as SentenceEvidence;
    if (hasNames) named = named === null ? s.present.slice() : union(named, s.present, named);
    sentence = Math.max(sentence, s.words);
    pairs = Math.max(pairs, s.pairs);
    const next = sentences[i + 1];
    window = Math.max(window, next ? wordCoverage(terms, s.present, next.present) : s.words);
  }
  const fused = best > 0 ? hit.score / best : 0;
  const names = terms.names?.length ? (named ? nameCoverage(terms, named) : 0) : 1;
  return {
    hit,
    words: (from, to) => paragraphWords(prepared, from, to),
    paragraph,
    sentences,
    fused,
    sentence,
    window,
    pairs,
    names,
    score: w.fused * fused + w.sentence * sentence + w.window * window + w.pairs * pairs + w.names * names,
  };
}

/**
 * The evidence of the first `pool` passages, re-ranked best first (or in the order given when
 * `keepOrder`: a question about "the latest …" has its passages ordered by date).
 */
export function rerank(
  store: Store,
  hits: readonly Retrieved[],
  terms: QuestionTerms,
  pool = RERANK_POOL,
  keepOrder = false,
  w: RerankWeights = rerankWeights(terms),
): PassageEvidence[] {
  const best = Math.max(0, ...hits.slice(0, pool).map((h) => h.score));
  const head = hits.slice(0, pool).map((h) => passageEvidence(store, h, terms, best, w));
  if (!keepOrder) head.sort((a, b) => b.score - a.score);
  return head;
}
