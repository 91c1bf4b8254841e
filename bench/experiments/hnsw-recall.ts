/**
 * HNSW recall@10 of a whole index against exact search over its stored vectors, for its own
 * graphs at several breadths and for other graph settings (M, efConstruction) built from the
 * same vectors segment by segment (same insertion order and seed as `buildSegment`): which
 * settings reach recall@10 ≥ 0.95 at the least search time, within the build's time. Vector
 * search alone, on the questions' query vectors, ten nearest per question, all segments merged.
 *
 *   tsx bench/experiments/hnsw-recall.ts --index DIR --questions FILE [--ef 160,200,256] [--graphs 32:100:160,192/24:150:176] [--dims 64]
 *
 * FILE is a JSON list of `{ question }` (e.g. the 35k measurement's questions.json); `--graphs`
 * lists M:efConstruction:breadths, separated by slashes. One JSON line per row. `--dims N`
 * keeps the first N components of every vector, renormalised, for the built graphs and their
 * exact search: the corpus embedder's components come in order of their singular values and a
 * passage's vector is a normalised sum, so these are the vectors an N-dimensional model of the
 * same sample would give (the index's own graphs are then not measured).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { type ExactIndex, exactSearch, loadExact, recallAtK } from '../exact.js';
import { benchEmbedder, openBenchStore } from '../embedder.js';
import { l2normalize } from '../../src/embed/embedder.js';
import type { PassageHit } from '../../src/store/port.js';

const { values } = parseArgs({
  options: { index: { type: 'string' }, questions: { type: 'string' }, ef: { type: 'string' }, graphs: { type: 'string' }, dims: { type: 'string' } },
});
if (!values.index || !values.questions) throw new Error('--index DIR and --questions FILE are required');
const numbers = (list: string) => list.split(',').map(Number);
const input = {
  indexDir: path.resolve(values.index),
  questions: JSON.parse(readFileSync(values.questions, 'utf8')) as Array<{ question: string }>,
  efSearch: values.ef ? numbers(values.ef) : undefined,
  configs: (values.graphs ? values.graphs.split('/') : []).map((g) => {
    const [m, efConstruction, efs] = g.split(':');
    return { m: Number(m), efConstruction: Number(efConstruction), efSearch: numbers(efs ?? '') };
  }),
};

interface HnswRecallRow {
  m: number;
  efConstruction: number;
  efSearch: number;
  /** Whether the row searched the index's own graphs (else graphs built here). */
  shipped: boolean;
  /** Share of the exact ten nearest passages (all segments together) that the graphs find, averaged over the questions. */
  recallAt10: number;
  /** CPU time per question of searching every segment's graph (two passes over the questions). */
  cpuMsPerSearch: number;
  /** CPU time of building every segment's graph, one after another on one thread (0 for the index's own). */
  buildCpuS: number;
}

const embedder = benchEmbedder();
const store = openBenchStore(input.indexDir, embedder);
const full = loadExact(store);
const dims = values.dims ? Number(values.dims) : full.dimension;
if (!(dims >= 1 && dims <= full.dimension)) throw new Error(`--dims must be between 1 and ${full.dimension}`);
const ex = dims === full.dimension ? full : truncated(full, dims);
const d = ex.dimension;
const queries: number[][] = [];
const truth: PassageHit[][] = [];
for (const q of input.questions) {
  const v = truncate(await embedder.embedQueryVector(q.question), full.dimension, dims);
  queries.push(Array.from(v));
  truth.push(exactSearch(ex, v, 10));
}

/** The first `dims` components of each `from`-dimensional vector in `v`, each renormalised. */
function truncate(v: Float32Array, from: number, dims: number): Float32Array {
  if (dims === from) return v;
  const n = v.length / from;
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    out.set(v.subarray(i * from, i * from + dims), i * dims);
    l2normalize(out.subarray(i * dims, (i + 1) * dims));
  }
  return out;
}

function truncated(e: ExactIndex, dims: number): ExactIndex {
  return { ...e, dimension: dims, segments: e.segments.map((s) => ({ ...s, vectors: truncate(s.vectors, e.dimension, dims) })) };
}
const measure = (graphs: hnswlib.HierarchicalNSW[], m: number, efConstruction: number, efs: number[], shipped: boolean, buildCpuS: number) => {
  for (const efSearch of efs) {
    for (const g of graphs) g.setEf(efSearch);
    let recall = 0;
    const c0 = process.cpuUsage();
    for (let pass = 0; pass < 2; pass++) {
      queries.forEach((q, qi) => {
        const hits: PassageHit[] = [];
        graphs.forEach((g, si) => {
          if ((ex.segments[si]?.n ?? 0) === 0) return;
          const r = g.searchKnn(q, Math.min(10, ex.segments[si]?.n ?? 0));
          r.neighbors.forEach((label, j) => hits.push({ passage: ex.passageId(si, label), score: 1 - (r.distances[j] as number) }));
        });
        if (pass === 0) recall += recallAtK(hits.sort((a, b) => b.score - a.score).slice(0, 10), truth[qi] as PassageHit[], 10);
      });
    }
    const cpu = process.cpuUsage(c0);
    const row: HnswRecallRow = {
      m,
      efConstruction,
      efSearch,
      shipped,
      recallAt10: queries.length ? recall / queries.length : 1,
      cpuMsPerSearch: queries.length ? (cpu.user + cpu.system) / 1000 / (2 * queries.length) : 0,
      buildCpuS,
    };
    console.log(JSON.stringify({ passages: ex.live, segments: ex.segments.length, ...row }));
  }
};
const own = store.manifest.hnsw;
if (dims === full.dimension)
  measure(
    store.segments.map((s) => s.hnsw),
    own.m,
    own.efConstruction,
    input.efSearch ?? [own.efSearch],
    true,
    0,
  );
const point = new Array<number>(d);
for (const c of input.configs) {
  const c0 = process.cpuUsage();
  const graphs = ex.segments.map((seg) => {
    const g = new hnswlib.HierarchicalNSW('ip', d);
    g.initIndex({ maxElements: Math.max(1, seg.n), m: c.m, efConstruction: c.efConstruction, randomSeed: 100 });
    for (let i = 0; i < seg.n; i++) {
      for (let j = 0; j < d; j++) point[j] = seg.vectors[i * d + j] as number;
      g.addPoint(point, i);
    }
    return g;
  });
  const cpu = process.cpuUsage(c0);
  measure(graphs, c.m, c.efConstruction, c.efSearch, false, (cpu.user + cpu.system) / 1e6);
}
process.exit(0);
