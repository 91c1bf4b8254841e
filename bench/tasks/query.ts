import { peakRssMiB, rssMiB, task } from '../child.js';
import { type BenchQuestion } from '../data.js';
import { type Latency, Recall, answerArticles, firstSeen, latency } from '../metrics.js';
import type { DatabaseConfig } from '../../src/config.js';
import { benchEmbedder } from '../embedder.js';
import { createEngine, silentLogger } from '../../src/index.js';

export interface QueryInput {
  corpus: string;
  indexDir: string;
  /** The index in a database instead of `indexDir` (the database store). */
  database?: DatabaseConfig;
  questions: BenchQuestion[];
  warmup: number;
}

export interface QueryResult {
  openMs: number;
  /** From the engine's start until its vector searches run where they will (\`Engine.searchReady\`: a database replica's own graph built). */
  searchReadyMs?: number;
  rssBaseMiB: number;
  rssLoadedMiB: number;
  rssAfterMiB: number;
  peakRssMiB: number;
  heapUsedMiB: number;
  search: Latency & { r1: number; r10: number };
  ask: Latency & { r1: number; r10: number; refused: number; retrieveP50: number };
  /** CPU time of this process per answer (less sensitive than wall time to other load on the machine). */
  askCpu: Latency;
  /** CPU time per search. */
  searchCpu?: Latency;
}

/** `search` and `ask` one question at a time on a persisted index, with quality and memory. */
task<QueryInput, QueryResult>(async (input) => {
  const rssBaseMiB = rssMiB();
  const t0 = performance.now();
  const engine = await createEngine({
    config: { corpus: input.corpus, indexDir: input.indexDir, ...(input.database ? { database: input.database } : {}) },
    autoIndex: false,
    embedder: benchEmbedder(),
    logger: silentLogger,
  });
  const openMs = performance.now() - t0;
  const rssLoadedMiB = rssMiB();
  await engine.searchReady;
  const searchReadyMs = performance.now() - t0;
  const qs = input.questions;
  for (const q of qs.slice(0, input.warmup)) {
    await engine.search(q.question, { topK: 10 });
    await engine.ask(q.question, { topK: 10 });
  }

  const searchMs: number[] = [];
  const searchCpuMs: number[] = [];
  const searchRecall = new Recall();
  for (const q of qs) {
    const c = process.cpuUsage();
    const t = performance.now();
    const hits = await engine.search(q.question, { topK: 10 });
    searchMs.push(performance.now() - t);
    const cu = process.cpuUsage(c);
    searchCpuMs.push((cu.user + cu.system) / 1000);
    searchRecall.add(firstSeen(hits.map((h) => h.articleId)), q.articles);
  }

  const askMs: number[] = [];
  const askCpuMs: number[] = [];
  const retrieveMs: number[] = [];
  const askRecall = new Recall();
  let refused = 0;
  for (const q of qs) {
    const c = process.cpuUsage();
    const t = performance.now();
    const a = await engine.ask(q.question, { topK: 10 });
    askMs.push(performance.now() - t);
    const cu = process.cpuUsage(c);
    askCpuMs.push((cu.user + cu.system) / 1000);
    retrieveMs.push(a.timing.retrieveMs);
    if (a.refused) refused++;
    askRecall.add(answerArticles(a), q.articles);
  }
  const rssAfterMiB = rssMiB();
  await engine.close();
  return {
    openMs,
    searchReadyMs,
    rssBaseMiB,
    rssLoadedMiB,
    rssAfterMiB,
    peakRssMiB: peakRssMiB(),
    heapUsedMiB: process.memoryUsage().heapUsed / 1048576,
    search: { ...latency(searchMs), ...searchRecall.result },
    ask: { ...latency(askMs), ...askRecall.result, refused: qs.length ? (100 * refused) / qs.length : 0, retrieveP50: latency(retrieveMs).p50 },
    askCpu: latency(askCpuMs),
    searchCpu: latency(searchCpuMs),
  };
});
