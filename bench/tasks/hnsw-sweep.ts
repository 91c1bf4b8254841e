import hnswlib from 'hnswlib-node';
import { task } from '../child.js';
import type { BenchQuestion } from '../data.js';
import { exactSearch, loadExact, recallAtK } from '../exact.js';
import { latency } from '../metrics.js';
import { benchEmbedder, openBenchStore } from '../embedder.js';
import type { PassageHit } from '../../src/store/port.js';
import { DEFAULT_HNSW } from '../../src/store/segment.js';

export interface HnswSweepInput {
  indexDir: string;
  questions: BenchQuestion[];
  /** Stored vectors inserted per configuration. */
  sample: number;
}

export interface HnswSweepRow {
  m: number;
  efConstruction: number;
  efSearch: number;
  insertsPerSecond: number;
  /** Inserts per second of CPU time (the same figure on a machine with other load). */
  insertsPerCpuSecond: number;
  recallAt10: number;
  queryP50Ms: number;
  default: boolean;
}

export interface HnswSweepResult {
  points: number;
  dimension: number;
  rows: HnswSweepRow[];
}

const CONFIGS = [
  { m: DEFAULT_HNSW.m, efConstruction: DEFAULT_HNSW.efConstruction, efSearch: [48, DEFAULT_HNSW.efSearch, 200, 400, 800] },
  { m: 32, efConstruction: 100, efSearch: [DEFAULT_HNSW.efSearch, 200, 400] },
  { m: 16, efConstruction: 48, efSearch: [DEFAULT_HNSW.efSearch, 200, 400] },
  { m: 8, efConstruction: 48, efSearch: [DEFAULT_HNSW.efSearch, 200, 400] },
];

/**
 * hnswlib's insert rate and recall@10 (against exact search over the same stored vectors) for a
 * few graph settings, one thread: what bounds the full build, and what a cheaper graph costs.
 */
task<HnswSweepInput, HnswSweepResult>(async (input) => {
  const embedder = benchEmbedder();
  const reader = openBenchStore(input.indexDir, embedder);
  const full = loadExact(reader);
  const d = full.dimension;
  // The first `sample` live vectors, as one flat segment.
  const flat = new Float32Array(Math.min(input.sample, full.live) * d);
  let n = 0;
  for (const seg of full.segments) {
    for (let i = 0; i < seg.n && n * d < flat.length; i++) {
      if (seg.deleted[i]) continue;
      flat.set(seg.vectors.subarray(i * d, (i + 1) * d), n * d);
      n++;
    }
  }
  const ex = { dimension: d, live: n, segments: [{ vectors: flat, deleted: new Uint8Array(n), n }], passageId: (_s: number, i: number) => i };
  const queries = await Promise.all(input.questions.map((q) => embedder.embedQueryVector(q.question)));
  const truth = queries.map((q) => exactSearch(ex, q, 10));
  const rows: HnswSweepRow[] = [];
  const point = new Array<number>(d);
  for (const c of CONFIGS) {
    const index = new hnswlib.HierarchicalNSW('ip', d);
    index.initIndex({ maxElements: n, m: c.m, efConstruction: c.efConstruction, randomSeed: 100 });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) point[j] = flat[i * d + j] as number;
      index.addPoint(point, i);
    }
    const insertsPerSecond = (1000 * n) / (performance.now() - t0);
    const cpu = process.cpuUsage(c0);
    const insertsPerCpuSecond = (1e6 * n) / (cpu.user + cpu.system);
    for (const efSearch of c.efSearch) {
      index.setEf(efSearch);
      const ms: number[] = [];
      let recall = 0;
      queries.forEach((q, qi) => {
        const t = performance.now();
        const r = index.searchKnn(Array.from(q), 10);
        ms.push(performance.now() - t);
        const hits: PassageHit[] = r.neighbors.map((label, j) => ({ passage: label, score: 1 - (r.distances[j] as number) }));
        recall += recallAtK(hits, truth[qi] as PassageHit[], 10);
      });
      rows.push({
        m: c.m,
        efConstruction: c.efConstruction,
        efSearch,
        insertsPerSecond,
        insertsPerCpuSecond,
        recallAt10: queries.length ? recall / queries.length : 1,
        queryP50Ms: latency(ms).p50,
        default: c.m === DEFAULT_HNSW.m && c.efConstruction === DEFAULT_HNSW.efConstruction && efSearch === DEFAULT_HNSW.efSearch,
      });
    }
  }
  return { points: n, dimension: d, rows };
});
