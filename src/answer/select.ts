import type { QuestionTerms } from '../retrieve/coverage.js';
import type { PassageEvidence } from '../retrieve/rerank.js';
import { canonicalTones, fold, nfc } from '../text/normalize.js';
import { isStopword } from '../text/stopwords.js';
import { WORD_RUN } from '../text/words.js';
import { type FactSpan, checkable, factSpans } from './fact-spans.js';
import type { QuestionAnalysis } from './question-type.js';

/**
 * Choosing the sentence that answers. Every sentence of the best passages gets a score that
 * is the log-odds, under a small logistic model, that it contains the answer:
 *
 * - `rerank`: its passage's re-ranking score minus the best passage's (retrieval has seen the
 *   whole passage and its title);
 * - `rank`: 1 / (1 + the passage's rank);
 * - `words`, `pairs`: the share of the question's words (by rarity) and of its word pairs in
 *   the sentence;
 * - `behind`: how far its word share is behind the passage's best sentence (≤ 0);
 * - `previous`: the word share of the sentence before it, and `afterBest`: whether that one is
 *   the passage's best-matching sentence (a question often repeats the words of the sentence
 *   that introduces the answer, which then follows);
 * - `fact`, `noFact`: whether a fact of the kind asked for (a person for "ai", a date for
 *   "khi nào", …, see `facts.ts`) is in the sentence; both 0 when the kind cannot be checked;
 * - `near`: how close that fact is to the question's words in the sentence, exp(−chars / 40);
 * - `stated`: the sentence spells out the abbreviation or defines the term asked about
 *   ("Ủy ban Kỹ thuật Điện Quốc tế (IEC)"); such sentences are looked for in every
 *   re-ranked passage, not only the best few, since retrieval has little to go on ("IEC là gì?");
 * - `novel`: the share of the sentence's words that are not the question's (a sentence that
 *   only restates the question does not answer it);
 * - `opens`: the sentence's first content word is the question's first content word outside its
 *   question words, its topic ("Hồng sâm là sâm tươi đem hấp …" for "Hồng sâm được chế biến
 *   như thế nào?"): a sentence about what the question is about, not one that only mentions it
 *   ("Nhân sâm có nhiều loại, gồm … hồng sâm và bạch sâm.");
 * - `length`: log(1 + characters / 100); `first`: the paragraph's first sentence.
 *
 * The weights are fitted by `scripts/fit-weights.ts sentence` (logistic regression, L2 1e-3)
 * on the sentences of the five best passages for the questions of the even-numbered source
 * articles of ViNewsQA dev and XQuAD-vi, labelled by whether the sentence contains a gold
 * answer; on the other half the likeliest sentence holds the answer for 67.8% of the questions
 * (63.7 with the hand-set weights it replaced). Refitted after function words came to be judged
 * as written in questions with tone marks, the weights held out 61.0% on ViNewsQA and 83.6% on
 * XQuAD-vi against 61.2% and 83.6% for those, which were kept. With `opens` added, refitted
 * the same way: 61.7% and 83.6% (61.0% and 83.6% for the same refit without it); fitted on the
 * odd half instead, the even half's 60.0% and 77.1% against 59.8% and 76.8%. `stated` is set by hand: those sets have about
 * thirty abbreviation and definition questions, too few for a stable estimate, and a sentence
 * that spells the term out answers "X là gì?" wherever retrieval ranked it.
 */
export const SENTENCE_FEATURES = [
  'rerank',
  'rank',
  'words',
  'pairs',
  'behind',
  'previous',
  'afterBest',
  'fact',
  'noFact',
  'near',
  'stated',
  'novel',
  'opens',
  'length',
  'first',
] as const;
export type SentenceFeature = (typeof SENTENCE_FEATURES)[number];

export interface LogisticModel<F extends string> {
  bias: number;
  weights: Record<F, number>;
}

export const SENTENCE_MODEL: LogisticModel<SentenceFeature> = {
  bias: -3.632,
  weights: {
    rerank: 0.135,
    rank: 2.999,
    words: 0.17,
    pairs: 2.64,
    behind: 2.438,
    previous: 0.214,
    afterBest: 0.221,
    fact: 0.424,
    noFact: -0.095,
    near: 0.447,
    // Set by hand (see above).
    stated: 4,
    novel: -2.482,
    opens: 0.635,
    length: 1.231,
    first: 0.189,
  },
};

export function logit<F extends string>(m: LogisticModel<F>, f: Record<F, number>): number {
  let z = m.bias;
  for (const k of Object.keys(m.weights) as F[]) z += m.weights[k] * f[k];
  return z;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface SentenceCandidate {
  passage: PassageEvidence;
  /** Rank of the passage after re-ranking, from 0. */
  rank: number;
  /** Index of the sentence in its passage. */
  index: number;
  start: number;
  end: number;
  features: Record<SentenceFeature, number>;
  /** Probability that the sentence holds the answer. */
  p: number;
  /** Facts of the kind asked for, as offsets in the paragraph, nearest to the question's words first. */
  facts: FactSpan[];
  /** The question's words in the sentence, as offsets in the paragraph (the likeliest sentences only). */
  asked?: FactSpan[];
}

export interface SelectSettings {
  /** Passages whose sentences are considered. */
  candidates: number;
  /**
   * Sentences, the likeliest first on the other features, in which facts and novelty are
   * looked at (the fact patterns are the costly part).
   */
  detailed: number;
  model: LogisticModel<SentenceFeature>;
}

export const DEFAULT_SELECT: SelectSettings = { candidates: 5, detailed: 10, model: SENTENCE_MODEL };

interface QuestionWords {
  /** Content syllables of the question, in the form they are compared in. */
  set: Set<string>;
  marked: boolean;
}

/** The first word of `text` that is not a function word, in the form words are compared in (lower case, folded when `marked` is false). */
export function firstContentWord(text: string, marked: boolean, skip: ReadonlyArray<readonly [number, number]> = []): string | undefined {
  for (const m of text.matchAll(WORD_RUN)) {
    if (skip.some(([a, b]) => m.index < b && m.index + m[0].length > a) || isStopword(m[0], marked)) continue;
    const lower = canonicalTones(m[0].toLowerCase());
    return marked ? lower : fold(lower);
  }
  return undefined;
}

/** The question's topic: its first content word outside its question words ("hồng" in "Hồng sâm được chế biến như thế nào?"). */
export function questionTopic(question: string, analysis: QuestionAnalysis, marked: boolean): string | undefined {
  return firstContentWord(nfc(question), marked, analysis.questionWords);
}

/**
 * The question's words, and its terms' (`terms.words`: for an English question, the Vietnamese
 * words the glossary gives it, without which no word of a Vietnamese sentence was a question word
 * and its facts were taken in order instead of nearest the question's words: "73 năm" for "How
 * many years of the Belt and Road Initiative …", where "10 năm Sáng kiến Vành đai và Con đường"
 * answers). A Vietnamese question's terms are its own words.
 */
function questionWordSet(question: string, marked: boolean, terms: QuestionTerms): QuestionWords {
  const set = new Set<string>();
  for (const m of canonicalTones(question.toLowerCase()).matchAll(WORD_RUN)) if (!isStopword(m[0], marked)) set.add(marked ? m[0] : fold(m[0]));
  for (const w of terms.words) set.add(marked ? w.term : fold(w.term));
  return { set, marked };
}

/** Offsets [start, end) (in the sentence) of its words that are question words, and the share of its words that are not. */
function matchWords(passage: PassageEvidence, start: number, end: number, q: QuestionWords): { hits: Array<[number, number]>; novel: number } {
  const hits: Array<[number, number]> = [];
  let content = 0;
  let fresh = 0;
  for (const w of passage.words(start, end)) {
    if (q.marked ? w.stopMarked : w.stop) continue;
    content++;
    if (q.set.has(q.marked ? w.lower : w.folded)) hits.push([w.start - start, w.end - start]);
    else fresh++;
  }
  return { hits, novel: content ? fresh / content : 0 };
}

/**
 * Characters between a fact and the nearest question word (0 for one inside it), or, with
 * `outside`, the nearest question word outside it.
 */
function distance(span: FactSpan, hits: ReadonlyArray<[number, number]>, outside = false): number {
  let best = Infinity;
  for (const [a, b] of hits) {
    if (outside && a < span.end && b > span.start) continue;
    const d = b <= span.start ? span.start - b : a >= span.end ? a - span.end : 0;
    if (d < best) best = d;
  }
  return best;
}

/** Every sentence of the first `settings.candidates` passages, scored, best first. */
export function scoreSentences(
  passages: readonly PassageEvidence[],
  terms: QuestionTerms,
  analysis: QuestionAnalysis,
  question: string,
  settings: SelectSettings = DEFAULT_SELECT,
): SentenceCandidate[] {
  const top = passages[0]?.score ?? 0;
  const qWords = questionWordSet(question, terms.marked, terms);
  const topic = questionTopic(question, analysis, terms.marked);
  const canCheck = checkable(analysis);
  // The words of the question's own phrase ("năm" of "từ năm nào đến năm nào"): inside every fact
  // of the kind asked, they do not tell which fact is meant.
  const framing = new Set(
    analysis.questionWords.flatMap(([a, b]) => (question.slice(a, b).toLowerCase().match(WORD_RUN) ?? []).map((w) => (terms.marked ? w : fold(w)))),
  );
  const out: SentenceCandidate[] = [];
  const spelled = analysis.subject && (analysis.kind === 'abbreviation' || analysis.kind === 'definition') ? fold(analysis.subject) : null;
  const considered = passages
    .map((passage, rank) => ({ passage, rank }))
    .filter(
      ({ passage, rank }) =>
        rank < settings.candidates ||
        (spelled !== null && fold(passage.paragraph).includes(spelled) && factSpans(analysis, passage.paragraph, question).length > 0),
    );
  // A long paragraph may be retrieved as two overlapping windows: each sentence is offered once, from the better-ranked one.
  const offered = new Set<string>();
  considered.forEach(({ passage, rank }) => {
    const anchor = passage.sentences.reduce((b, s, i, all) => (s.words > (all[b] as typeof s).words ? i : b), 0);
    const bestWords = passage.sentences[anchor]?.words ?? 0;
    passage.sentences.forEach((s, index) => {
      const key = `${passage.hit.article.id}#${passage.hit.paragraphNumber}#${s.start}#${s.end}`;
      if (offered.has(key)) return;
      offered.add(key);
      const prev = passage.sentences[index - 1];
      const features: Record<SentenceFeature, number> = {
        rerank: passage.score - top,
        rank: 1 / (1 + rank),
        words: s.words,
        pairs: s.pairs,
        behind: s.words - bestWords,
        previous: prev ? prev.words : 0,
        afterBest: index === anchor + 1 ? 1 : 0,
        // Facts are looked for below, in the likeliest sentences only; the rest count as lacking them.
        fact: 0,
        noFact: canCheck ? 1 : 0,
        near: 0,
        stated: 0,
        novel: 0,
        opens: topic !== undefined && firstContentWord(passage.paragraph.slice(s.start, s.end), terms.marked) === topic ? 1 : 0,
        length: Math.log1p((s.end - s.start) / 100),
        first: s.start === 0 ? 1 : 0,
      };
      out.push({ passage, rank, index, start: s.start, end: s.end, features, p: sigmoid(logit(settings.model, features)), facts: [] });
    });
  });
  out.sort((a, b) => b.p - a.p);
  const detailed = spelled
    ? out.filter((c, i) => i < settings.detailed || c.rank >= settings.candidates || fold(c.passage.paragraph.slice(c.start, c.end)).includes(spelled))
    : out.slice(0, settings.detailed);
  for (const c of detailed) {
    const text = c.passage.paragraph.slice(c.start, c.end);
    const { hits, novel } = matchWords(c.passage, c.start, c.end, qWords);
    c.features.novel = novel;
    c.asked = hits.map(([a, b]) => ({ start: c.start + a, end: c.start + b }));
    if (canCheck) {
      const facts = factSpans(analysis, text, question);
      // Facts nearest to the question's words first; of those holding one (the unit asked for,
      // "năm" of "bao nhiêu năm"), the one with more of them beside it: "10 năm" in "… 73 năm
      // quan hệ ngoại giao …, và kỷ niệm 10 năm Sáng kiến Vành đai và Con đường" asked about
      // "Sáng kiến Vành đai và Con đường".
      const content = framing.size
        ? hits.filter(([a, b]) => !framing.has(terms.marked ? text.slice(a, b).toLowerCase() : fold(text.slice(a, b).toLowerCase())))
        : hits;
      const by = content.length ? content : hits;
      // A purpose or a cause follows what it is the reason for: of two "nhằm …" clauses, the one
      // whose stretch of the sentence before it (from the end of the reason before) holds more of
      // the question's words ("… ; Hỗ trợ đào tạo, … chứng nhận các sản phẩm … nhằm nâng cao …"),
      // asked "nhằm mục đích gì" or "vì sao".
      const behind = (f: FactSpan) => {
        if (analysis.kind !== 'reason') return 0;
        const from = facts.reduce((e, g) => (g.end <= f.start ? Math.max(e, g.end) : e), 0);
        return new Set(hits.filter(([a, b]) => a >= from && b <= f.start).map(([a, b]) => text.slice(a, b).toLowerCase())).size;
      };
      const ranked = facts
        .map((f) => ({ f, d: distance(f, by), outside: distance(f, by, true), all: distance(f, hits), behind: behind(f) }))
        .sort((a, b) => b.behind - a.behind || a.d - b.d || a.outside - b.outside || a.f.start - b.f.start);
      const nearest = Math.min(Infinity, ...ranked.map((r) => r.all));
      c.features.fact = facts.length ? 1 : 0;
      c.features.noFact = facts.length ? 0 : 1;
      c.features.near = Number.isFinite(nearest) ? Math.exp(-nearest / 40) : 0;
      c.features.stated = spelled !== null && facts.length ? 1 : 0;
      c.facts = ranked.map(({ f }) => ({ start: c.start + f.start, end: c.start + f.end }));
    }
    c.p = sigmoid(logit(settings.model, c.features));
  }
  return out.sort((a, b) => b.p - a.p);
}
