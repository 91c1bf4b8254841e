/**
 * A thread of its own for the vector searches of a large embedded index. A question's BM25
 * search and its walk of the HNSW graphs both run in the thread answering it, one after the
 * other; with the walk in a second thread they run side by side. At 35,000 articles (263,375
 * passages) on a 2-core machine: in one process, 1,000 questions searched again (warm),
 * `search` p50 / p95 1.73-1.97 / 3.19-3.68 → 1.20-1.41 / 2.60-2.86 ms; in `npm run bench`
 * (each question's first search), run beside the code without the thread, 1.69 → 1.44,
 * 1.87 → 1.70 and 1.98 → 1.49 ms at p50, 3.43 → 3.09, 3.78 → 4.33 and 3.86 → 3.33 ms at p95.
 * It costs 0.1-0.6 ms more CPU per search (the messages, waking the thread) and a second copy
 * of the graphs in memory (about 150 MiB at 35k), and is used only while a core is spare
 * (`SpareCore`).
 *
 * The thread loads the graph files of each generation the store serves; until it has, when it
 * fails, and for filtered searches, the store walks its own graphs as before. Its results are
 * those of the store's own walk: the same files, the same `ef`, the same deleted passages.
 * A search the thread has not taken by the time the asker wants its hits is walked by the
 * store instead (`search`): about 3% of the searches reached the thread 1-4.5 ms after they were
 * sent, and each of those made its question wait; `search` p95 in the benchmark 2.75 → 2.57 and
 * 2.62 → 2.53 ms against the same code without that.
 */
import fs from 'node:fs';
import os from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { type Unnumbered, WorkerChannel } from './worker-thread.js';
import { SEARCH_CLAIM, type SearchResult, type ServeAck, type ServedSegment, type VectorReply, type VectorRequest } from './vector-worker.js';

/**
 * Live passages from which an index's vector searches get a thread of their own. A judgement,
 * not a measurement: at 263,375 passages the walk takes about 0.45 ms and a message's round
 * trip 20-140 µs (more when the thread must be woken); a smaller index walks for less, and the
 * thread's share of the gain shrinks while its cost stays.
 */
export const VECTOR_THREAD_MIN_PASSAGES = 50_000;

/** Whether an index of `passages` live passages searches its vectors in a thread of its own: when it is large and the process may use two cores or more (`usableCores`). */
export function wantsVectorThread(passages: number, minPassages = VECTOR_THREAD_MIN_PASSAGES, cores = usableCores()): boolean {
  return passages >= minPassages && cores >= 2;
}

/** A file's text, or null when it cannot be read. */
function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * The cores this process may use: those the scheduler gives it, within the CPU quota of its
 * control group when one is set (a container started with a CPU limit on a larger machine).
 */
export function usableCores(read: (file: string) => string | null = readOrNull): number {
  return Math.min(os.availableParallelism(), cpuQuota(read));
}

/**
 * The cores a control group's CPU quota allows (quota / period), or Infinity without one:
 * cgroup v2's `cpu.max` of this process's group (or of the root the container sees), else
 * cgroup v1's `cpu.cfs_quota_us` and `cpu.cfs_period_us`.
 */
export function cpuQuota(read: (file: string) => string | null = readOrNull): number {
  const group = /^0::(\/.*)$/m.exec(read('/proc/self/cgroup') ?? '')?.[1];
  const v2 = (group && group !== '/' ? read(`/sys/fs/cgroup${group}/cpu.max`) : null) ?? read('/sys/fs/cgroup/cpu.max');
  if (v2 !== null) {
    const [quota, period] = v2.trim().split(/\s+/);
    const q = Number(quota);
    const p = Number(period);
    return quota !== 'max' && q > 0 && p > 0 ? q / p : Infinity;
  }
  const q = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us'));
  const p = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us'));
  return q > 0 && p > 0 ? q / p : Infinity;
}

/** Hits of a search in the thread: per hit, its segment, its passage there and its score. */
export type ThreadHits = Extract<SearchResult, { labels: Uint32Array }>;

/**
 * How long the asking thread waits for the thread's walk once the thread has taken a search
 * (a walk takes about 0.5 ms at 35k); past it (a thread stalled or dead in the middle of a
 * walk), the store walks its own graphs.
 */
const WALK_WAIT_MS = 20;

/** How often the machine's idle CPU time is sampled (`SpareCore`). */
const IDLE_SAMPLE_MS = 500;

/**
 * Cores that must have stood idle, on average, for searches to go to the thread. At 35k
 * articles one process answering back to back with the thread leaves about 0.55 of a core
 * idle on a 2-core machine; two processes answering side by side leave under 0.1.
 */
const SPARE_CORE = 0.25;

/**
 * Whether the machine has a core to spare, from the idle time of all its cores over the last
 * `IDLE_SAMPLE_MS` (`os.cpus()`): at least `SPARE_CORE` of a core idle. When every core is busy (several
 * processes answering at once), a search sent to another thread only waits for a core and adds
 * the cost of its messages: at 35k articles, two processes answering side by side gained
 * nothing from it (286 answers/s in the benchmark against 279-297 for the code without the
 * thread that day; ad hoc 279-285 against 275-298).
 */
export class SpareCore {
  private last: { idle: number; total: number };
  private lastAt: number;
  private spare = true;

  /** `cpus`, `now` and `cores` are the machine's (tests give their own). */
  constructor(
    private readonly cpus: () => os.CpuInfo[] = os.cpus,
    private readonly now: () => number = () => performance.now(),
    private readonly cores = os.availableParallelism(),
  ) {
    this.last = this.times();
    this.lastAt = now();
  }

  /** Whether a core was spare over the last interval; sampled when asked (a timer would not fire while questions are answered back to back). */
  get available(): boolean {
    const now = this.now();
    if (now - this.lastAt >= IDLE_SAMPLE_MS) {
      this.lastAt = now;
      this.sample();
    }
    return this.spare;
  }

  private times(): { idle: number; total: number } {
    let idle = 0;
    let total = 0;
    for (const c of this.cpus()) {
      idle += c.times.idle;
      total += c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
    }
    return { idle, total };
  }

  private sample(): void {
    const now = this.times();
    const total = now.total - this.last.total;
    // Idle share times the number of cores: how many cores stood idle on average.
    if (total > 0) this.spare = ((now.idle - this.last.idle) / total) * this.cores >= SPARE_CORE;
    this.last = now;
  }
}

/** How long an index serves before its vector thread starts: a one-shot command is over by then, and never waits for the thread's loads when it closes. */
export const VECTOR_THREAD_START_MS = 1000;

export class VectorThread {
  private channel: WorkerChannel<VectorRequest, VectorReply> | null = null;
  private spare: { readonly available: boolean } | null = null;
  /**
   * Where the thread says a generation's graphs are loaded. It is read synchronously, when a
   * search asks: a process answering questions one after another without waiting for anything
   * else would not turn its event loop to receive the news.
   */
  private acks: MessagePort | null = null;
  /** Where the thread posts each search's hits, read synchronously once its claim says `done`. */
  private results: MessagePort | null = null;
  private lastSearch = 0;
  private startTimer: NodeJS.Timeout | null = null;
  /** The serve request not sent yet, while the thread has not started. */
  private unsent: Unnumbered<Extract<VectorRequest, { type: 'serve' }>> | null = null;
  private lastServe = 0;
  /** The generations (stores) asked for and not yet acknowledged, by serve id. */
  private readonly asked = new Map<number, object>();
  /** The generation whose graphs the thread holds, with the id of its serve request. */
  private serving: { generation: object; id: number } | null = null;
  private closed = false;
  /** Whether a failed search was logged (once: the next ones fail alike). */
  private searchFailed = false;

  /**
   * `startAfterMs`: how long after the first generation is asked for the thread starts
   * (`VECTOR_THREAD_START_MS`); `spareCore`: what says whether a core is spare (tests give one
   * that always says yes); `takeWithinMs`: how long a search waits for the thread to take it
   * before the store walks its own graphs (0: not at all; tests wait, to know which side walked).
   */
  constructor(
    private readonly logger: Logger,
    private readonly startAfterMs = VECTOR_THREAD_START_MS,
    private readonly spareCore: () => { readonly available: boolean } = () => new SpareCore(),
    private readonly takeWithinMs = 0,
  ) {}

  /** Loads the graphs of `generation` (a store) in the thread; its searches go there once they are loaded. */
  serve(generation: object, segments: ServedSegment[], dimension: number, efSearch: number): void {
    if (this.closed) return;
    const id = ++this.lastServe;
    const request = { type: 'serve' as const, id, dimension, efSearch, segments };
    if (this.channel) {
      this.asked.set(id, generation);
      this.channel.send(request).catch(() => undefined);
      return;
    }
    // Not started yet: only the newest generation will be loaded.
    this.asked.clear();
    this.asked.set(id, generation);
    this.unsent = request;
    this.startTimer ??= setTimeout(() => this.start(), this.startAfterMs);
    this.startTimer.unref();
  }

  private start(): void {
    this.startTimer = null;
    if (this.closed || !this.unsent) return;
    const channel = new WorkerChannel<VectorRequest, VectorReply>('vector-worker', import.meta.url, 'the vector search', (err) => {
      if (!this.closed) this.logger.warn(`index: the vector search thread failed (${errorMessage(err)}); the main thread walks the graphs from now on`);
    });
    const { port1, port2 } = new MessageChannel();
    const results = new MessageChannel();
    this.channel = channel;
    this.acks = port1;
    this.results = results.port1;
    this.spare = this.spareCore();
    // A failure to send is the thread's own, which the channel reports.
    channel.send({ type: 'acks', port: port2, results: results.port2 }, [port2, results.port2]).catch(() => undefined);
    channel.send(this.unsent).catch(() => undefined);
    this.unsent = null;
  }

  /** Whether searches of `generation` are answered by the thread: not while it loads a generation's graphs (a search would wait for the load). */
  serves(generation: object): boolean {
    if (this.asked.size > 0) {
      this.takeAcks();
      if (this.asked.size > 0) return false;
    }
    return this.serving?.generation === generation && this.channel?.failed === null;
  }

  /** Settles when the thread serves `generation`, or will not (its graphs could not be loaded, a later one was asked for, the thread stopped). */
  async ready(generation: object): Promise<void> {
    const waiting = () => !this.closed && !this.channel?.failed && [...this.asked.values()].includes(generation);
    // The news is read from the acks port as a search would: a short poll, which keeps the process waiting.
    while (!this.serves(generation) && waiting()) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private takeAcks(): void {
    if (!this.acks) return;
    for (let m = receiveMessageOnPort(this.acks); m; m = receiveMessageOnPort(this.acks)) {
      const ack = m.message as ServeAck;
      const generation = this.asked.get(ack.id);
      this.asked.delete(ack.id);
      if (ack.error !== undefined) {
        // The thread serves nothing now (it dropped its graphs): this generation is walked in the main thread.
        this.serving = null;
        this.logger.warn(`index: the vector search thread could not load the graphs (${ack.error}); the main thread walks them until the next index update`);
      }
      // A later generation than the one served (an earlier one finishing late is not taken).
      else if (generation && ack.id > (this.serving?.id ?? 0)) this.serving = { generation, id: ack.id };
    }
  }

  /**
   * The `k` nearest passages of each segment of `generation`, or null when the store is to walk
   * its own graphs: the thread does not serve the generation, no core is spare, or the thread
   * had not taken the search by the time the asker was ready for its hits.
   *
   * The search is sent at once, and its hits are asked for after the caller's next synchronous
   * work (the lexical search, which `retrieve` runs meanwhile). A thread that has not woken up
   * by then would make the question wait for it: on this 2-core machine at 35k, 3% of the
   * searches reached the thread 1-4.5 ms after they were sent, the time of several walks. So
   * whichever thread takes the search's claim first walks the graphs: when the asker does, the
   * store walks them at once, with the same results, and the thread, finding the claim taken,
   * leaves it. When the thread did, the asker waits (without turning the event loop, whose
   * wake-up can be as late) for the claim to say done and reads the hits from the results port.
   */
  async search(generation: object, vector: Float32Array, k: number): Promise<ThreadHits | null> {
    const s = this.serving;
    const channel = this.channel;
    if (!s || s.generation !== generation || !channel || channel.failed || this.spare?.available === false) return null;
    const claim = new Int32Array(new SharedArrayBuffer(4));
    const id = ++this.lastSearch;
    // The hits come through the results port; the reply only holds the process until the thread
    // is done with the search (stopping it in the middle of a walk aborts the process). A
    // failure to send is the thread's own, which the channel reports.
    channel.send({ type: 'search', id, serve: s.id, vector, k, claim }, [], true).catch(() => undefined);
    await null;
    if (this.takeWithinMs > 0) Atomics.wait(claim, 0, SEARCH_CLAIM.waiting, this.takeWithinMs);
    if (Atomics.compareExchange(claim, 0, SEARCH_CLAIM.waiting, SEARCH_CLAIM.caller) === SEARCH_CLAIM.waiting) return null;
    const deadline = performance.now() + WALK_WAIT_MS;
    while (Atomics.load(claim, 0) !== SEARCH_CLAIM.done) if (performance.now() > deadline) return null;
    const r = this.result(id);
    if (r && 'labels' in r) return r;
    if (r && 'error' in r && !this.searchFailed) {
      // A search that failed in a living thread, here (once); the thread's death is reported by the channel.
      this.searchFailed = true;
      this.logger.warn(`index: a vector search failed in its thread (${r.error}); such searches are walked in the main thread`);
    }
    return null;
  }

  /**
   * The hits the thread posted for search `id`. Searches are sent, taken and read in the order
   * of their ids, so hits read before them are those of searches given up on (`WALK_WAIT_MS`),
   * and are dropped; should hits of a later search ever be read, that search would find none
   * and its store would walk its own graphs, with the same results.
   */
  private result(id: number): SearchResult | undefined {
    const port = this.results;
    if (!port) return undefined;
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const r = m.message as SearchResult;
      if (r.id === id) return r;
    }
    return undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    this.serving = null;
    this.asked.clear();
    this.acks?.close();
    this.results?.close();
    // The searches sent are answered first: a thread stopped in the middle of a walk calls back into JavaScript that is gone.
    await this.channel?.stop(true);
  }
}
