/**
 * The worker thread that walks the HNSW graphs of a large embedded index for its unfiltered
 * vector searches (`vector-thread.ts`), so that the walk runs while the thread answering
 * questions scores BM25. It loads the graph files of the generation it is asked to serve (those
 * it holds already are kept, the others dropped once the new generation serves) and answers
 * searches of that generation exactly as the store would in its own thread: the same files,
 * the same `ef`, the same passages left out.
 */
import type { MessagePort } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';
import { errorMessage } from '../errors.js';
import { answerRequests } from './worker-thread.js';

/** One segment of the generation served: its graph file (null when it has no passages), its passages, and which are deleted (null: none). */
export interface ServedSegment {
  file: string | null;
  passages: number;
  deleted: Uint8Array | null;
}

export type VectorRequest =
  /** The ports the outcome of each `serve` (`acks`) and the hits of each search (`results`) are posted to. */
  | { seq: number; type: 'acks'; port: MessagePort; results: MessagePort }
  /** Answered once the graphs are loaded (or could not be); `{ id }` (or `{ id, error }`) is posted to the acks port first, where the store reads it. */
  | { seq: number; type: 'serve'; id: number; dimension: number; efSearch: number; segments: ServedSegment[] }
  /**
   * `serve`: the id of the serve request whose generation is searched; `claim`: who walks the
   * graphs (`SEARCH_CLAIM`), taken by this thread only if the asking thread has not taken it;
   * the hits go to the results port under `id`.
   */
  | { seq: number; type: 'search'; id: number; serve: number; vector: Float32Array; k: number; claim: Int32Array };

/**
 * A search's claim, one 32-bit slot shared by the two threads: `waiting` when sent; whichever
 * thread first swaps it for its own mark walks the graphs (the asking thread takes it when it
 * is ready for the hits before this one has woken up); `done` once this thread has posted the
 * hits.
 */
export const SEARCH_CLAIM = { waiting: 0, thread: 1, caller: 2, done: 3 } as const;

/** Posted to the results port for each search this thread took: its hits, or why there are none. */
export type SearchResult =
  /** Each hit's segment (its position in the generation), its passage there, and its score (1 − the inner-product distance), per segment in the graph's order. */
  | { id: number; segments: Uint32Array; labels: Uint32Array; scores: Float64Array }
  /** The search asked for a generation this thread no longer (or not yet) serves. */
  | { id: number; stale: true }
  | { id: number; error: string };

/** What the acks port receives for a serve request. */
export interface ServeAck {
  id: number;
  error?: string;
}

/** The channel's replies: a search's hits go to the results port, not here. */
export type VectorReply = { seq: number; type: 'done' } | { seq: number; type: 'error'; message: string };

interface Serving {
  serve: number;
  segments: Array<{ graph: hnswlib.HierarchicalNSW | null; passages: number; live: ((label: number) => boolean) | undefined }>;
}

/** The graphs loaded, by file (a segment's files never change). */
const graphs = new Map<string, hnswlib.HierarchicalNSW>();
let serving: Serving | null = null;

let acks: MessagePort | null = null;
let results: MessagePort | null = null;

/**
 * Loads the graphs of a generation, each read in this thread: an asynchronous read would answer
 * into a thread being stopped when the process exits meanwhile, which aborts the process. The
 * store sends no search while a generation is being loaded.
 */
function serve(m: Extract<VectorRequest, { type: 'serve' }>): void {
  const segments: Serving['segments'] = [];
  for (const s of m.segments) {
    let graph: hnswlib.HierarchicalNSW | null = null;
    if (s.file !== null && s.passages > 0) {
      graph = graphs.get(s.file) ?? null;
      if (!graph) {
        graph = new hnswlib.HierarchicalNSW('ip', m.dimension);
        graph.readIndexSync(s.file);
        graphs.set(s.file, graph);
      }
      graph.setEf(m.efSearch);
    }
    const deleted = s.deleted;
    segments.push({ graph, passages: s.passages, live: deleted ? (label: number) => deleted[label] === 0 : undefined });
  }
  serving = { serve: m.id, segments };
  const kept = new Set(m.segments.map((s) => s.file));
  for (const file of graphs.keys()) if (!kept.has(file)) graphs.delete(file);
}

function search(m: Extract<VectorRequest, { type: 'search' }>): SearchResult {
  const s = serving;
  if (!s || s.serve !== m.serve) return { id: m.id, stale: true };
  const q = Array.from(m.vector);
  const segments: number[] = [];
  const labels: number[] = [];
  const scores: number[] = [];
  s.segments.forEach((seg, si) => {
    if (!seg.graph) return;
    const r = seg.graph.searchKnn(q, Math.min(m.k, seg.passages), seg.live);
    for (let j = 0; j < r.neighbors.length; j++) {
      segments.push(si);
      labels.push(r.neighbors[j] as number);
      scores.push(1 - (r.distances[j] as number));
    }
  });
  return { id: m.id, segments: Uint32Array.from(segments), labels: Uint32Array.from(labels), scores: Float64Array.from(scores) };
}

/** Walks the graphs for a search unless the asking thread took it first; the hits are posted before the claim says `done`. */
function take(m: Extract<VectorRequest, { type: 'search' }>): void {
  if (Atomics.compareExchange(m.claim, 0, SEARCH_CLAIM.waiting, SEARCH_CLAIM.thread) !== SEARCH_CLAIM.waiting) return;
  // For an asker that waits for the search to be taken (`VectorThread`'s `takeWithinMs`); the
  // asker spins for `done`, so that is not notified.
  Atomics.notify(m.claim, 0);
  let result: SearchResult;
  try {
    result = search(m);
  } catch (err) {
    result = { id: m.id, error: errorMessage(err) };
  }
  results?.postMessage(
    result,
    'labels' in result ? [result.segments.buffer as ArrayBuffer, result.labels.buffer as ArrayBuffer, result.scores.buffer as ArrayBuffer] : [],
  );
  Atomics.store(m.claim, 0, SEARCH_CLAIM.done);
}

answerRequests<VectorRequest, VectorReply>((m) => {
  if (m.type === 'acks') {
    acks = m.port;
    results = m.results;
    return { seq: m.seq, type: 'done' };
  }
  if (m.type === 'serve') {
    let ack: ServeAck = { id: m.id };
    try {
      serve(m);
    } catch (err) {
      ack = { id: m.id, error: errorMessage(err) };
      // Nothing is served, and no graph kept for nothing: the next generation loads what it needs.
      serving = null;
      graphs.clear();
    }
    acks?.postMessage(ack);
    return { seq: m.seq, type: 'done' };
  }
  take(m);
  return { seq: m.seq, type: 'done' };
});
