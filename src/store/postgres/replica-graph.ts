/**
 * A replica's own HNSW graph of the passages' vectors, so that the database does not walk
 * pgvector's graph for every question: on a machine where the replicas and the server share
 * the cores, that walk was the server's largest cost per answer (3.9 of its 9.3 ms at 35k
 * articles), and it is what kept a second replica from adding throughput.
 *
 * The database stays the one place the index lives: the graph is built in memory from the
 * vectors of the generation served (read in chunks, about 1.4 s for 263,000 passages), in a
 * worker thread (about 30 s of one core at 35k articles), and follows every new generation by
 * what it added and retired. Until it holds exactly the generation served, or when it cannot
 * be built, searches go to pgvector as before; filtered searches always do.
 */
import { WorkerChannel } from '../worker-thread.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { PassageHit } from '../port.js';
import { type Database, DATABASE_HNSW } from './database.js';
import { type Generation, changesReadable, liveIn } from './generation.js';
import type { GraphReply, GraphRequest } from './graph-worker.js';
import { int4ArrayOf, vectorsOf } from './binary-arrays.js';

/** Passages read per query while the graph is built or brought up to date. */
const CHUNK = 20_000;

/**
 * A generation more than this share of whose passages are new (a rebuild, a first import), or
 * after which the graph would hold more retired passages than this share of its live ones (they
 * stay in it as marked, and every walk passes them), gets a graph of its own, built beside the
 * one serving, rather than one changed in place.
 */
const FRESH_SHARE = 0.5;

/** Pause before trying again after the graph could not be built or brought up to date. */
const RETRY_MS = [1000, 5000, 30_000];

/** A worker thread holding one graph. */
class GraphThread extends WorkerChannel<GraphRequest, GraphReply> {
  constructor() {
    super('graph-worker', import.meta.url, 'the vector graph');
  }
}

/** Where a graph stands: the generation whose live passages it holds, and the highest passage id it was given. */
interface Built {
  thread: GraphThread;
  generation: number;
  lastId: number;
  live: number;
  /** Passages retired from it (still in it, marked). */
  retired: number;
}

export class ReplicaGraph {
  private built: Built | null = null;
  private target: Generation;
  private running: Promise<void> | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private readonly readyWaiters = new Set<() => void>();

  /** Starts building the graph of `served` in the background. */
  constructor(
    private readonly db: Database,
    served: Generation,
    private readonly logger: Logger,
  ) {
    this.target = served;
    this.kick();
  }

  /** Whether searches of generation `g` are answered by the graph. */
  serves(g: Generation): boolean {
    return this.built?.generation === g.generation;
  }

  /** The `k` nearest live passages of generation `g`, best first; null when the graph does not hold `g` (pgvector answers). */
  async search(g: Generation, vector: Float32Array, k: number): Promise<PassageHit[] | null> {
    const b = this.built;
    if (!b || !this.serves(g)) return null;
    let r: GraphReply;
    try {
      r = await b.thread.send({ type: 'search', vector, k });
    } catch (err) {
      this.lost(b, err);
      return null;
    }
    if (r.type !== 'found') return null;
    const hits: PassageHit[] = [];
    for (let i = 0; i < r.ids.length; i++) hits.push({ passage: r.ids[i] as number, score: r.scores[i] as number });
    return hits.sort((x, y) => y.score - x.score || x.passage - y.passage);
  }

  /** Follows a newer generation: the graph is brought up to it in the background. */
  follow(g: Generation): void {
    if (g.generation <= this.target.generation) return;
    this.target = g;
    this.kick();
  }

  /** Settles when the graph holds the generation it follows (never rejects; it waits through retries). */
  ready(): Promise<void> {
    if (this.closed || this.serves(this.target)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.add(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const w of this.readyWaiters) w();
    this.readyWaiters.clear();
    const b = this.built;
    this.built = null;
    await this.running?.catch(() => undefined);
    await b?.thread.stop();
  }

  private lost(b: Built, err: unknown): void {
    if (this.built !== b) return;
    this.logger.warn(`database: the replica's vector graph failed (${errorMessage(err)}); pgvector answers vector searches while it is built again`);
    this.built = null;
    void b.thread.stop().catch(() => undefined);
    this.kick();
  }

  private kick(): void {
    if (this.running || this.closed || this.retryTimer) return;
    this.running = this.catchUp()
      .then(
        () => {
          this.failures = 0;
        },
        (err: unknown) => {
          if (this.closed) return;
          const wait = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)] as number;
          this.failures++;
          this.logger.warn(
            `database: the replica's vector graph could not be brought to generation ${this.target.generation} (${errorMessage(err)}); pgvector answers vector searches, trying again in ${wait / 1000} s`,
          );
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.kick();
          }, wait);
          this.retryTimer.unref();
        },
      )
      .finally(() => {
        this.running = null;
        if (this.closed) return;
        if (this.serves(this.target)) {
          for (const w of this.readyWaiters) w();
          this.readyWaiters.clear();
        } else if (!this.retryTimer) this.kick();
      });
  }

  /** Brings the graph to the generation followed: by its changes when that is safe and small, otherwise by a graph of its own. */
  private async catchUp(): Promise<void> {
    while (!this.closed && !this.serves(this.target)) {
      const g = this.target;
      const b = this.built;
      // A rebuild (another embedder, another dimension included) makes every passage new: a new graph.
      if (b && b.generation < g.generation && (await changesReadable(this.db, b.generation, g.generation))) {
        const added = await this.count(`p.id > $2 AND ${liveIn('p', '$1')}`, [g.generation, b.lastId]);
        const retired = await this.retiredSince(b.generation, g.generation);
        const live = b.live - retired.length + added;
        if (added <= FRESH_SHARE * Math.max(b.live, 1) && b.retired + retired.length <= FRESH_SHARE * Math.max(live, 1)) {
          await this.applyChanges(b, g, retired);
          continue;
        }
      }
      await this.buildFresh(g);
    }
  }

  private async count(where: string, params: unknown[]): Promise<number> {
    const r = await this.db.query<{ n: string }>('counting passages', `SELECT count(*) AS n FROM ${this.db.schema}.passages p WHERE ${where}`, params);
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Adds to `thread` the vectors of generation `g`'s live passages with ids above `after`, in id order; the highest id added. */
  private async addLive(thread: GraphThread, g: Generation, after: number): Promise<{ lastId: number; added: number }> {
    const d = g.embedder.dimension;
    let lastId = after;
    let added = 0;
    for (;;) {
      if (this.closed) throw new Error('closed');
      const r = await this.db.query<{ ids: string | null; vectors: string | null }>(
        'reading vectors for the replica graph',
        `SELECT encode(array_send(array_agg(x.id ORDER BY x.id)), 'base64') AS ids,
                encode(string_agg(vector_send(x.embedding::vector(${d})), ''::bytea ORDER BY x.id), 'base64') AS vectors
         FROM (SELECT p.id, p.embedding FROM ${this.db.schema}.passages p
               WHERE p.id > $2 AND p.dims = ${d} AND ${liveIn('p', '$1')} ORDER BY p.id LIMIT ${CHUNK}) x`,
        [g.generation, lastId],
      );
      const row = r.rows[0];
      if (!row?.ids || !row.vectors) break;
      const ids = int4ArrayOf(row.ids);
      const vectors = vectorsOf(Buffer.from(row.vectors, 'base64'), ids.length, d);
      const n = ids.length;
      lastId = ids[n - 1] as number;
      // Sent without a copy: the arrays are unusable here afterwards.
      await thread.send({ type: 'add', ids, vectors }, [ids.buffer as ArrayBuffer, vectors.buffer as ArrayBuffer]);
      added += n;
      if (n < CHUNK) break;
    }
    return { lastId, added };
  }

  private async buildFresh(g: Generation): Promise<void> {
    const t0 = performance.now();
    const thread = new GraphThread();
    try {
      // Built and searched as pgvector's index is.
      const { m, efConstruction, efSearch } = DATABASE_HNSW;
      await thread.send({ type: 'init', dimension: g.embedder.dimension, capacity: Math.ceil(g.passages * 1.1) + 16, m, efConstruction, efSearch });
      const { lastId, added } = await this.addLive(thread, g, -1);
      if (this.closed) throw new Error('closed');
      const old = this.built;
      this.built = { thread, generation: g.generation, lastId, live: added, retired: 0 };
      if (old) void old.thread.stop().catch(() => undefined);
      this.logger.info(
        `database: vector searches of generation ${g.generation} answered by this replica's own graph (${added} passages, built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
    } catch (err) {
      await thread.stop().catch(() => undefined);
      throw err;
    }
  }

  /** The passages live in the graph's generation \`from\` that the generations after it, up to \`to\`, retired. */
  private async retiredSince(from: number, to: number): Promise<Int32Array> {
    const r = await this.db.query<{ ids: string | null }>(
      'reading retired passages for the replica graph',
      `SELECT encode(array_send(array_agg(p.id)), 'base64') AS ids FROM ${this.db.schema}.passages p
       WHERE p.removed > $1 AND p.removed <= $2 AND p.added <= $1`,
      [from, to],
    );
    return int4ArrayOf(r.rows[0]?.ids);
  }

  /** Retires \`retired\` from the graph and adds the passages generation \`g\` added. */
  private async applyChanges(b: Built, g: Generation, retired: Int32Array): Promise<void> {
    const n = retired.length;
    if (n > 0) await b.thread.send({ type: 'remove', ids: retired });
    const { lastId, added } = await this.addLive(b.thread, g, b.lastId);
    if (this.built !== b) return;
    this.built = { ...b, generation: g.generation, lastId, live: b.live - n + added, retired: b.retired + n };
    this.logger.debug(`database: the replica's vector graph follows generation ${g.generation} (${added} passages added, ${n} retired)`);
  }
}
