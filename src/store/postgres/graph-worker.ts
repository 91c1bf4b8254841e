/**
 * The worker thread that holds a replica's own HNSW graph of the passages' vectors
 * (`replica-graph.ts`): it adds and retires passages and answers nearest-neighbour searches, one
 * message at a time, in the order they were sent, so that the thread answering questions never
 * waits for the graph to be built.
 */
import hnswlib from 'hnswlib-node';
import { answerRequests } from '../worker-thread.js';

/** What the replica sends; every message is answered once, with its `seq`. */
export type GraphRequest =
  | { seq: number; type: 'init'; dimension: number; capacity: number; m: number; efConstruction: number; efSearch: number }
  | { seq: number; type: 'add'; ids: Int32Array; vectors: Float32Array }
  | { seq: number; type: 'remove'; ids: Int32Array }
  | { seq: number; type: 'search'; vector: Float32Array; k: number };

export type GraphReply =
  { seq: number; type: 'done' } | { seq: number; type: 'found'; ids: Int32Array; scores: Float64Array } | { seq: number; type: 'error'; message: string };

let index: hnswlib.HierarchicalNSW | null = null;
let dimension = 0;
let capacity = 0;
/** Passages in the graph and not retired. */
let live = 0;
const point: number[] = [];

function handle(m: GraphRequest): GraphReply {
  if (m.type === 'init') {
    dimension = m.dimension;
    capacity = Math.max(1, m.capacity);
    index = new hnswlib.HierarchicalNSW('ip', dimension);
    index.initIndex({ maxElements: capacity, m: m.m, efConstruction: m.efConstruction, randomSeed: 100 });
    index.setEf(m.efSearch);
    live = 0;
    point.length = dimension;
    return { seq: m.seq, type: 'done' };
  }
  if (!index) throw new Error('the graph was not initialised');
  if (m.type === 'add') {
    const n = m.ids.length;
    if (m.vectors.length !== n * dimension) throw new Error(`${n} passages with ${m.vectors.length} vector components, not ${n * dimension}`);
    if (index.getCurrentCount() + n > capacity) {
      capacity = Math.max(index.getCurrentCount() + n, Math.ceil(capacity * 1.5));
      index.resizeIndex(capacity);
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dimension; j++) point[j] = m.vectors[i * dimension + j] as number;
      index.addPoint(point, m.ids[i] as number);
    }
    live += n;
    return { seq: m.seq, type: 'done' };
  }
  if (m.type === 'remove') {
    for (const id of m.ids) {
      try {
        index.markDelete(id);
        live--;
      } catch {
        // Not in the graph (or retired already): nothing to retire.
      }
    }
    return { seq: m.seq, type: 'done' };
  }
  const k = Math.min(m.k, live);
  if (k <= 0) return { seq: m.seq, type: 'found', ids: new Int32Array(0), scores: new Float64Array(0) };
  const { neighbors, distances } = index.searchKnn(Array.from(m.vector), k);
  // Inner-product space: the distance is 1 - the inner product.
  return { seq: m.seq, type: 'found', ids: Int32Array.from(neighbors), scores: Float64Array.from(distances, (d) => 1 - d) };
}

answerRequests<GraphRequest, GraphReply>(handle);
