import { task } from '../child.js';
import type { BenchQuestion } from '../data.js';
import { exactSearch, loadExact, recallAtK } from '../exact.js';
import { type Latency, Recall, firstSeen, latency } from '../metrics.js';
import { benchEmbedder, openBenchStore } from '../embedder.js';
import type { SegmentStore } from '../../src/store/segment-store.js';
import type { PassageHit } from '../../src/store/port.js';
import { HASH_FUSION, retrieve } from '../../src/retrieve/retrieve.js';

export interface ExactInput {
  indexDir: string;
  questions: BenchQuestion[];
}

export interface Quality {
  r1: number;
  r10: number;
}

export interface ExactResult {
  passages: number;
  /** Brute force over every stored vector: query embedding + scan, per question. */
  exact: Latency & Quality;
  /** kiemchung's HNSW over the same vectors (vector side only). */
  hnsw: Latency & Quality & { recallAt10: number; efSearch: number };
  /** kiemchung's hybrid retrieval with HNSW, and with the vector side replaced by exact search. */
  hybrid: Quality;
  hybridExact: Quality;
}

/**
 * Exact search over the stored vectors: its speed and article quality, HNSW recall@10 against
 * it, and whether kiemchung's fused ranking changes when its vector side is exact.
 */
task<ExactInput, ExactResult>(async (input) => {
  const embedder = benchEmbedder();
  const reader = openBenchStore(input.indexDir, embedder);
  const ex = loadExact(reader);
  const fusion = HASH_FUSION;
  const K = Math.max(10, fusion.vectorK);
  let current: PassageHit[] = [];
  // The same reader, with its vector search answered from the exact results of this question.
  const exactReader = Object.create(reader) as SegmentStore;
  exactReader.vectorSearch = async (_q, k) => current.slice(0, k);

  const articlesOf = (hits: readonly PassageHit[]) => firstSeen(hits.map((h) => reader.passage(h.passage).article.id));
  const exactMs: number[] = [];
  const hnswMs: number[] = [];
  const exactQ = new Recall();
  const hnswQ = new Recall();
  const hybridQ = new Recall();
  const hybridExactQ = new Recall();
  let recallSum = 0;
  for (const q of input.questions.slice(0, 20)) exactSearch(ex, await embedder.embedQueryVector(q.question), K); // warm-up
  for (const q of input.questions) {
    const t0 = performance.now();
    const qv = await embedder.embedQueryVector(q.question);
    const exact = exactSearch(ex, qv, K);
    const exactArticles = articlesOf(exact.slice(0, 10));
    exactMs.push(performance.now() - t0);

    const t1 = performance.now();
    const qv2 = await embedder.embedQueryVector(q.question);
    const approx = await reader.vectorSearch(qv2, 10);
    const approxArticles = articlesOf(approx);
    hnswMs.push(performance.now() - t1);

    recallSum += recallAtK(approx, exact, 10);
    exactQ.add(exactArticles, q.articles);
    hnswQ.add(approxArticles, q.articles);

    const hybrid = await retrieve(reader, embedder, q.question, { k: 10, fusion });
    hybridQ.add(firstSeen(hybrid.hits.map((h) => h.article.id)), q.articles);
    current = exact;
    const hybridExact = await retrieve(exactReader, embedder, q.question, { k: 10, fusion });
    hybridExactQ.add(firstSeen(hybridExact.hits.map((h) => h.article.id)), q.articles);
  }
  const pick = (r: Recall): Quality => ({ r1: r.result.r1, r10: r.result.r10 });
  return {
    passages: ex.live,
    exact: { ...latency(exactMs), ...pick(exactQ) },
    hnsw: {
      ...latency(hnswMs),
      ...pick(hnswQ),
      recallAt10: input.questions.length ? recallSum / input.questions.length : 1,
      efSearch: reader.manifest.hnsw.efSearch,
    },
    hybrid: pick(hybridQ),
    hybridExact: pick(hybridExactQ),
  };
});
