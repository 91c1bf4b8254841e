import { paragraphId } from '../corpus/ids.js';
import type { Embedder, EmbedderKind } from '../embed/embedder.js';
import { InternalError } from '../errors.js';
import type { PassageHit, PassageId, PassageLocation, QueryTerm, Store } from '../store/port.js';
import { DEFAULT_QUERY_WEIGHTS, type QueryWeights, queryTerms } from './query-terms.js';
import type { SearchFilter } from '../types.js';

export interface FusionSettings {
  /**
   * `linear`: each list's scores divided by its best score, then weighted and added;
   * `minmax`: each list's scores mapped onto [0, 1] between its worst and best, then weighted
   * and added; `rrf`: weighted reciprocal-rank fusion, w / (rrfK + rank).
   */
  mode: 'linear' | 'minmax' | 'rrf';
  /** Candidates taken from each retriever before fusion. */
  lexicalK: number;
  vectorK: number;
  rrfK: number;
  lexicalWeight: number;
  vectorWeight: number;
  query: QueryWeights;
}

/**
 * Defaults measured on ViNewsQA (README, "Retrieval"). The offline hash embedder is a weak,
 * mostly lexical signal: reciprocal-rank fusion lets it reorder BM25's confident top ranks
 * (R@1 75.8 → 57.9 at weight 0.3), so it is fused by score with a small weight that only
 * breaks near-ties and rescues misspelt words through its character trigrams. A neural
 * embedder is an independent signal and gets rank fusion at equal weight.
 *
 * BM25 is asked for its 50 best passages, not 100: the re-ranked pool is 30 passages, and
 * fewer wanted lets its pruning skip more postings (the lexical search alone at 35k articles,
 * p50 0.94 → 0.69 ms). Measured with the corpus embedder: ViNewsQA dev + 5,000 distractors R@1
 * / R@10 75.9 / 89.4 → 76.1 / 89.6, `ans` 69.7 → 69.9; at 35k 69.2 / 83.4 → 69.3 / 83.5; dev
 * alone, XQuAD-vi and the same without marks within 0.2.
 */
export const HASH_FUSION: FusionSettings = {
  mode: 'linear',
  lexicalK: 50,
  vectorK: 50,
  rrfK: 60,
  lexicalWeight: 1,
  vectorWeight: 0.05,
  query: DEFAULT_QUERY_WEIGHTS,
};
export const NEURAL_FUSION: FusionSettings = { ...HASH_FUSION, mode: 'rrf', vectorWeight: 1 };
/**
 * The corpus embedder's topic vectors, fused by min-max normalised score at a small weight:
 * measured on ViNewsQA with 5,000 distractors (docs/benchmarks.md), larger weights or rank
 * fusion let topic neighbours outrank exact matches.
 */
export const CORPUS_FUSION: FusionSettings = { ...HASH_FUSION, mode: 'minmax', vectorWeight: 0.05 };

/** The fusion for an embedder's kind of vectors. */
export function fusionFor(kind: EmbedderKind): FusionSettings {
  return kind === 'lexical-hash' ? HASH_FUSION : kind === 'corpus' ? CORPUS_FUSION : NEURAL_FUSION;
}

/** A fused hit: where its passage is (article, paragraph number, character range), its paragraph's text, and how it ranked. */
export interface Retrieved extends PassageLocation {
  passage: PassageId;
  /** The whole text of the paragraph the passage belongs to. */
  paragraph: string;
  /** Fused score (higher is better). */
  score: number;
  lexicalRank: number | null;
  vectorRank: number | null;
  lexicalScore: number;
}

export interface RetrieveOptions {
  k: number;
  filter?: SearchFilter;
  fusion: FusionSettings;
  /** Keep only the best passage of each paragraph (sentence windows overlap). */
  dedupe?: boolean;
  /** With `dedupe`: how many windows of one paragraph may be kept (1 unless given; the engine asks for `ANSWER_WINDOWS`). */
  perParagraph?: number;
  /** A query typed without tone marks, with its marks restored: also looked for by its marked terms (`QueryWeights.restored`). */
  restored?: string;
}

/**
 * Windows of one paragraph the engine retrieves for answering. A long paragraph (a scraped
 * article stored as one line) is cut into overlapping windows, and its best window often
 * stops before the answer; its second best window, retrieved on its own words, is a second
 * place to look. Its sentences are offered to the sentence model once each (`select.ts`);
 * the passages listed in a reply stay one per paragraph. ViNewsQA dev (500 articles), `ans`
 * 69.4 with one window, 69.7 with two, 69.7 with three.
 */
export const ANSWER_WINDOWS = 2;

export interface RetrieveResult {
  hits: Retrieved[];
  terms: QueryTerm[];
}

/**
 * Hybrid retrieval: the query's weighted terms go to the store's lexical search and its vector
 * to the store's vector search, and the two lists are fused (by normalised score or by rank,
 * as `fusion` says), one passage per paragraph.
 */
export async function retrieve(store: Store, embedder: Embedder, query: string, opts: RetrieveOptions): Promise<RetrieveResult> {
  const f = opts.fusion;
  const terms = queryTerms(query, f.query, opts.restored);
  let vectorSide: Promise<PassageHit[]> | PassageHit[] = [];
  if (f.vectorWeight > 0) {
    // The offline embedders' vectors are computed here at once: the vector search is then sent
    // off before the lexical search runs, and a store that walks its graphs in a thread of its own
    // (a large embedded index) does so meanwhile. A remote embedder's vector is awaited beside it.
    if (embedder.kind === 'neural') vectorSide = embedder.embedQueryVector(query).then((v) => store.vectorSearch(v, f.vectorK, opts.filter));
    else vectorSide = store.vectorSearch(await embedder.embedQueryVector(query), f.vectorK, opts.filter);
  }
  const [vec, lex] = await Promise.all([vectorSide, f.lexicalWeight > 0 ? store.lexicalSearch(terms, f.lexicalK, opts.filter) : []]);
  const fused = new Map<PassageId, { hit: PassageHit; score: number; lr: number | null; vr: number | null; ls: number }>();
  const add = (list: PassageHit[], w: number, which: 'l' | 'v') => {
    const best = list[0]?.score || 1;
    const worst = list[list.length - 1]?.score ?? 0;
    const span = (list[0]?.score ?? 0) - worst || 1;
    list.forEach((h, rank) => {
      const cur = fused.get(h.passage) ?? { hit: h, score: 0, lr: null, vr: null, ls: 0 };
      cur.score += f.mode === 'rrf' ? w / (f.rrfK + rank + 1) : f.mode === 'minmax' ? (w * (h.score - worst)) / span : (w * h.score) / best;
      if (which === 'l') {
        cur.lr = rank;
        cur.ls = h.score;
      } else cur.vr = rank;
      fused.set(h.passage, cur);
    });
  };
  add(lex, f.lexicalWeight, 'l');
  add(vec, f.vectorWeight, 'v');
  const ordered = [...fused.values()].sort((a, b) => b.score - a.score);
  // Deduplication needs the candidates' locations before k are chosen; they are asked for in
  // order, 2k first and then twice as many each time, as far as the k chosen reach (most of the
  // hundred-odd fused candidates are never reached).
  const locations: PassageLocation[] = [];
  const seen = new Map<string, number>();
  const perParagraph = opts.perParagraph ?? 1;
  const chosen: Omit<Retrieved, 'paragraph'>[] = [];
  for (let i = 0; i < ordered.length && chosen.length < opts.k; i++) {
    if (i === locations.length) {
      const batch = ordered.slice(i, i + Math.max(2 * opts.k, i)).map((o) => o.hit.passage);
      for (const at of await store.passages(batch)) locations.push(at);
    }
    const o = ordered[i] as (typeof ordered)[number];
    const at = locations[i] as PassageLocation;
    const key = paragraphId(at.article.id, at.paragraphNumber);
    const count = seen.get(key) ?? 0;
    if (opts.dedupe !== false && count >= perParagraph) continue;
    seen.set(key, count + 1);
    chosen.push({
      article: at.article,
      paragraphNumber: at.paragraphNumber,
      start: at.start,
      end: at.end,
      passage: o.hit.passage,
      score: o.score,
      lexicalRank: o.lr,
      vectorRank: o.vr,
      lexicalScore: o.ls,
    });
  }
  const texts = await store.paragraphs(chosen.map((h) => ({ articleId: h.article.id, n: h.paragraphNumber })));
  const hits = chosen.map((h, i) => {
    const paragraph = texts[i];
    if (typeof paragraph !== 'string') throw new InternalError(`retrieved paragraph ${paragraphId(h.article.id, h.paragraphNumber)} is not in the store`);
    // Written out rather than spread: spreading these objects took a tenth of a millisecond per question.
    return {
      article: h.article,
      paragraphNumber: h.paragraphNumber,
      start: h.start,
      end: h.end,
      passage: h.passage,
      score: h.score,
      lexicalRank: h.lexicalRank,
      vectorRank: h.vectorRank,
      lexicalScore: h.lexicalScore,
      paragraph,
    };
  });
  return { hits, terms };
}

/** The first passage of each paragraph, in the order given. */
export function onePerParagraph<T extends PassageLocation>(hits: readonly T[]): T[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = paragraphId(h.article.id, h.paragraphNumber);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
