import { paragraphId } from '../corpus/ids.js';
import type { Retrieved } from '../retrieve/retrieve.js';
import { modalityCues } from './facts.js';
import { SentenceCache } from './sentence-cache.js';
import { tokenize } from './tokens.js';

/**
 * Chooses a claim's evidence among the sentences of the retrieved passages: the sentence that
 * covers most of the claim's informative words, then up to two more from the retrieved
 * articles that cover what it leaves out (a claim often joins facts from two sentences).
 * Adjacent chosen sentences of one paragraph become one quote.
 */

export interface EvidenceSettings {
  /** Retrieved passages whose sentences are considered. */
  passages: number;
  /** Sentences beyond each end of a passage window also considered, for the best passages. */
  around: number;
  /** Most sentences chosen. */
  maxSentences: number;
  /** A further sentence must add at least this share of the claim's weight… */
  minGain: number;
  /** …or this much when it is next to a chosen one (then both are quoted as one passage). */
  adjacentGain: number;
  /** Bonus rankPrior / (1 + rank) for sentences of better-ranked passages. */
  rankPrior: number;
}

export const DEFAULT_EVIDENCE: EvidenceSettings = { passages: 8, around: 2, maxSentences: 3, minGain: 0.12, adjacentGain: 0.03, rankPrior: 0.04 };

export interface Sentence {
  hit: Retrieved;
  rank: number;
  paragraph: string;
  start: number;
  end: number;
  /** Index of the sentence in its paragraph. */
  index: number;
  keys: Set<string>;
}

/** A quote: a run of adjacent chosen sentences of one paragraph. */
export interface EvidencePiece {
  hit: Retrieved;
  paragraph: string;
  start: number;
  end: number;
  text: string;
}

export interface ClaimWords {
  /**
   * Informative words of the claim (and, for English, their Vietnamese glossary terms) with
   * weights; a word of a phrase the news writes another way ("diễn ra") is also found as any
   * of its alternatives (each the keys of its words: "tổ", "chức"), found so weighing no more
   * than that alternative's own weight (`alternativeWeights`, in the same order).
   */
  words: Array<{ key: string; weight: number; alternatives?: readonly (readonly string[])[]; alternativeWeights?: readonly number[] }>;
  marked: boolean;
}

export interface ChosenEvidence {
  pieces: EvidencePiece[];
  /** Share of the claim's weight the best single sentence covers. */
  bestCoverage: number;
  /** Share of the claim's weight found anywhere in the best sentence's article (as far as it was read). */
  articleCoverage: number;
  /** The keys of that article's sentences that were read. */
  articleKeys: ReadonlySet<string>;
  sentences: Sentence[];
}

export function chooseEvidence(
  hits: readonly Retrieved[],
  paragraphOf: (hit: Retrieved) => string,
  claim: ClaimWords,
  cache: SentenceCache = new SentenceCache(50),
  settings: EvidenceSettings = DEFAULT_EVIDENCE,
): ChosenEvidence {
  const total = claim.words.reduce((s, w) => s + w.weight, 0) || 1;
  const seen = new Set<string>();
  const candidates: Sentence[] = [];
  const topArticles: string[] = [];
  hits.slice(0, settings.passages).forEach((hit, rank) => {
    const paragraph = paragraphOf(hit);
    const pid = paragraphId(hit.article.id, hit.paragraphNumber);
    const ranges = cache.ranges(pid, paragraph);
    const inWindow = ranges.map(([a, b], i) => (b > hit.start && a < hit.end ? i : -1)).filter((i) => i >= 0);
    if (!inWindow.length) return;
    // The paragraphs of the two best articles are read whole (a scraped article is often one
    // long paragraph, and retrieval may rank another window of it first).
    if (!topArticles.includes(hit.article.id) && topArticles.length < 2) topArticles.push(hit.article.id);
    const whole = topArticles.includes(hit.article.id);
    const extra = rank < 3 ? settings.around : 0;
    const from = whole ? 0 : Math.max(0, (inWindow[0] as number) - extra);
    const to = whole ? ranges.length - 1 : Math.min(ranges.length - 1, (inWindow.at(-1) as number) + extra);
    for (let i = from; i <= to; i++) {
      const [a, b] = ranges[i] as [number, number];
      const key = `${pid}:${a}`;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({ hit, rank, paragraph, start: a, end: b, index: i, keys: cache.keys(pid, paragraph, a, b, claim.marked) });
    }
  });
  const cover = (s: Sentence, skip?: Set<string>) => {
    let w = 0;
    for (const x of claim.words) if (!skip?.has(x.key)) w += heldWeight(s.keys, x);
    return w / total;
  };
  let best: Sentence | null = null;
  let bestScore = -1;
  for (const s of candidates) {
    const score = cover(s) + settings.rankPrior / (1 + s.rank);
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  if (!best) return { pieces: [], bestCoverage: 0, articleCoverage: 0, articleKeys: new Set(), sentences: [] };
  // Of sentences that cover as much of the claim, one that reports it over one that only hopes
  // or plans it ("IEC tiếp tục hỗ trợ Việt Nam" over "Thứ trưởng … mong muốn IEC … hỗ trợ Việt
  // Nam"): ranks decide only between sentences alike in that.
  if (wishes(best)) {
    const top = cover(best);
    const reported = candidates.find((s) => s !== best && Math.abs(cover(s) - top) < 1e-9 && !wishes(s));
    if (reported) best = reported;
  }
  const chosen: Sentence[] = [best];
  const covered = new Set(claim.words.filter((x) => holds(best.keys, x)).map((x) => x.key));
  while (chosen.length < settings.maxSentences) {
    let next: Sentence | null = null;
    let gain = 0;
    for (const s of candidates) {
      if (chosen.includes(s)) continue;
      // Further sentences come from the same article: a claim is checked against one report.
      if (s.hit.article.id !== best.hit.article.id) continue;
      const adjacent = chosen.some((c) => c.paragraph === s.paragraph && Math.abs(c.index - s.index) === 1);
      // An adjacent sentence competes with its gain raised to the bar of a distant one.
      const g = cover(s, covered);
      const scaled = adjacent && g >= settings.adjacentGain ? Math.max(g, settings.minGain) : g;
      if (scaled > gain) {
        gain = scaled;
        next = s;
      }
    }
    if (!next || gain < settings.minGain) break;
    chosen.push(next);
    for (const x of claim.words) if (holds(next.keys, x)) covered.add(x.key);
  }
  const inArticle = new Set<string>();
  for (const c of candidates) if (c.hit.article.id === best.hit.article.id) for (const k of c.keys) inArticle.add(k);
  let articleWeight = 0;
  for (const x of claim.words) articleWeight += heldWeight(inArticle, x);
  return { pieces: merge(chosen), bestCoverage: cover(best), articleCoverage: articleWeight / total, articleKeys: inArticle, sentences: chosen };
}

/** Whether a sentence's keys hold a claim word, as written or as one of its alternatives. */
export function holds(keys: ReadonlySet<string>, word: ClaimWords['words'][number]): boolean {
  return keys.has(word.key) || (word.alternatives?.some((alt) => alt.every((k) => keys.has(k))) ?? false);
}

/** How much of a claim word a sentence's keys hold: its weight as written, else as its best alternative found (no more than the word's own). */
function heldWeight(keys: ReadonlySet<string>, word: ClaimWords['words'][number]): number {
  if (keys.has(word.key)) return word.weight;
  let best = 0;
  word.alternatives?.forEach((alt, i) => {
    if (alt.every((k) => keys.has(k))) best = Math.max(best, Math.min(word.weight, word.alternativeWeights?.[i] ?? word.weight));
  });
  return best;
}

/** Adjacent sentences of one paragraph become one piece; the best sentence's piece comes first. */
function merge(chosen: Sentence[]): EvidencePiece[] {
  const byParagraph = new Map<string, Sentence[]>();
  for (const s of chosen) {
    const k = paragraphId(s.hit.article.id, s.hit.paragraphNumber);
    byParagraph.set(k, [...(byParagraph.get(k) ?? []), s]);
  }
  const pieces: Array<EvidencePiece & { order: number }> = [];
  for (const group of byParagraph.values()) {
    group.sort((a, b) => a.index - b.index);
    let cur: Sentence[] = [];
    const flush = () => {
      if (!cur.length) return;
      const first = cur[0] as Sentence;
      const last = cur.at(-1) as Sentence;
      const order = Math.min(...cur.map((s) => chosen.indexOf(s)));
      pieces.push({ hit: first.hit, paragraph: first.paragraph, start: first.start, end: last.end, text: first.paragraph.slice(first.start, last.end), order });
      cur = [];
    };
    for (const s of group) {
      if (cur.length && s.index !== (cur.at(-1) as Sentence).index + 1) flush();
      cur.push(s);
    }
    flush();
  }
  return pieces.sort((a, b) => a.order - b.order).map(({ order: _order, ...p }) => p);
}

/** Whether a sentence hopes for or plans what it says ("mong muốn", "sẽ", "dự kiến"). */
function wishes(s: Sentence): boolean {
  return modalityCues(tokenize(s.paragraph.slice(s.start, s.end)), false).some((c) => c.modality === 'hoped' || c.modality === 'planned');
}
