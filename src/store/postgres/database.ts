import crypto from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../config.js';
import { DatabaseError, KiemchungError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';

/**
 * The connection to the shared database: one pool per process with a hard limit on
 * connections, a statement timeout for queries, and every driver failure turned into a
 * `DatabaseError` that says what to check. The password never appears in a message.
 */
export interface Database {
  readonly config: DatabaseConfig;
  /** `"schema"`, quoted, for building statements. */
  readonly schema: string;
  /** Where the database is, without credentials: `postgres://host:port/name (schema kiemchung)`. */
  readonly where: string;
  readonly pool: pg.Pool;
  /**
   * Runs one statement from the pool; failures become `DatabaseError`s naming `what` was being
   * done. `prepared`: the statement is prepared once per connection (named after its text) and
   * then only executed, for the statements every search sends with the same text.
   */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    what: string,
    sql: string,
    params?: unknown[],
    options?: { prepared?: boolean },
  ): Promise<pg.QueryResult<R>>;
  /** Runs `work` in one transaction on one connection (rolled back when it throws). */
  transaction<T>(what: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** A connection of its own, outside the pool (LISTEN, session locks); the caller ends it. */
  connectAlone(what: string): Promise<pg.Client>;
  close(): Promise<void>;
}

/**
 * The HNSW graph of the vectors, in pgvector (\`m\`, \`ef_construction\` of the index; \`efSearch\`
 * is \`hnsw.ef_search\`) and in a replica's own graph (replica-graph.ts). \`efSearch\`, how many
 * neighbours a walk keeps: half the embedded index's when it was measured (256, with
 * 128-dimensional vectors). At 35k articles it found 94% of the 50 nearest passages ef_search
 * 256 finds, in about half the server's time; docs/benchmarks.md and README ("Running on
 * PostgreSQL") give the evaluation beside the embedded store's.
 */
export const DATABASE_HNSW = { m: 16, efConstruction: 100, efSearch: 128 } as const;

/**
 * pgvector's iterative scan for the statements that need it (a filtered vector search, or one
 * whose walk of the graph met too many rows of other generations): `SET LOCAL` in their
 * transaction. relaxed_order: the scan goes on until enough rows pass the filter; the few
 * results out of order are sorted again by the store.
 */
export const ITERATIVE_SCAN = `SET LOCAL hnsw.iterative_scan = relaxed_order`;

/** Settings every session gets: pgvector's search and the statement timeout. */
function sessionOptions(config: DatabaseConfig, statementTimeout: number): string {
  // No iterative scan by default: it costs an unfiltered search a third more of the server's
  // time (35k articles: 5.8 -> 4.1 ms per search, the same passages), and an unfiltered search
  // rarely needs it (see PostgresStore.vectorSearch).
  // Keepalives: the server notices a replica that vanished within half a minute and releases
  // the advisory locks its session held (the Discord gateway role, the write lock).
  return [
    `-c hnsw.iterative_scan=off`,
    `-c hnsw.ef_search=${DATABASE_HNSW.efSearch}`,
    `-c statement_timeout=${statementTimeout}`,
    // Compiling a query costs more than running any of these.
    `-c jit=off`,
    `-c tcp_keepalives_idle=10`,
    `-c tcp_keepalives_interval=5`,
    `-c tcp_keepalives_count=3`,
  ].join(' ');
}

export function describeDatabase(config: DatabaseConfig): string {
  try {
    const u = new URL(config.url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname} (schema ${config.schema})`;
  } catch {
    return `the database (schema ${config.schema})`;
  }
}

/**
 * The URL to connect with and the session settings given in it (`?options=-c%20work_mem%3D64MB`),
 * taken out of it: pg lets a URL's options replace the ones it is given, which would drop
 * kiemchung's own. They are sent after kiemchung's, so that the URL's win where both set one.
 */
function splitOptions(url: string): { url: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, options: '' };
  }
  const options = parsed.searchParams.get('options');
  if (options === null) return { url, options: '' };
  parsed.searchParams.delete('options');
  return { url: parsed.toString(), options };
}

/** Connection settings for `pg`, from the URL and the limits. */
function clientConfig(config: DatabaseConfig, statementTimeout: number): pg.ClientConfig {
  const { url, options } = splitOptions(config.url);
  return {
    connectionString: url,
    connectionTimeoutMillis: config.connectTimeoutMs,
    keepAlive: true,
    application_name: 'kiemchung',
    options: [sessionOptions(config, statementTimeout), options].filter(Boolean).join(' '),
  };
}

export function openDatabase(config: DatabaseConfig, logger: Logger, options: { role?: 'serve' | 'write' } = {}): Database {
  // An index write runs one long transaction: no statement timeout for the writer's sessions.
  const timeout = options.role === 'write' ? 0 : config.statementTimeoutMs;
  const where = describeDatabase(config);
  const pool = new pg.Pool({ ...clientConfig(config, timeout), max: config.poolMax, idleTimeoutMillis: 30_000 });
  // An idle connection that the server closes (a restart) must not take the process down.
  pool.on('error', (err) => logger.warn(`database: an idle connection to ${where} failed: ${errorMessage(err)}`));
  const fail = (what: string, err: unknown) => databaseError(what, where, err);
  return {
    config,
    schema: quoteIdent(config.schema),
    where,
    pool,
    async query<R extends pg.QueryResultRow>(what: string, sql: string, params?: unknown[], options?: { prepared?: boolean }) {
      const query: pg.QueryConfig = { text: sql, ...(params ? { values: params } : {}), ...(options?.prepared ? { name: statementName(sql) } : {}) };
      // A pooled connection the server ended while it sat idle (a restart) is dropped and the
      // statement sent on another: the server runs nothing on a session it is terminating.
      for (let attempt = 0; ; attempt++) {
        try {
          return await pool.query<R>(query);
        } catch (err) {
          if (attempt < config.poolMax && isTerminated(err)) continue;
          throw fail(what, err);
        }
      }
    },
    async transaction<T>(what: string, work: (client: pg.PoolClient) => Promise<T>) {
      let client: pg.PoolClient;
      for (let attempt = 0; ; attempt++) {
        try {
          client = await pool.connect();
        } catch (err) {
          throw fail(what, err);
        }
        try {
          await client.query('BEGIN');
          break;
        } catch (err) {
          // As for a query: a connection ended while idle is dropped and another one begins.
          client.release(true);
          if (attempt < config.poolMax && isTerminated(err)) continue;
          throw fail(what, err);
        }
      }
      let broken = false;
      try {
        const out = await work(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err instanceof KiemchungError ? err : fail(what, err);
      } finally {
        client.release(broken);
      }
    },
    async connectAlone(what: string) {
      const client = new pg.Client(clientConfig(config, timeout));
      client.on('error', (err) => logger.debug(`database: a dedicated connection to ${where} failed: ${errorMessage(err)}`));
      try {
        await client.connect();
      } catch (err) {
        await client.end().catch(() => undefined);
        throw fail(what, err);
      }
      return client;
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}

const statementNames = new Map<string, string>();

/** The name a prepared statement gets: from its text, so that one text is prepared once per connection. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `kc_${crypto.createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    if (statementNames.size >= 1000) statementNames.clear();
    statementNames.set(sql, name);
  }
  return name;
}

/** Whether a failure is the server ending the session (shutdown, crash recovery, restart): nothing of the statement ran. */
function isTerminated(err: unknown): boolean {
  const code = (err as PgFailure | null)?.code;
  return code === '57P01' || code === '57P02' || code === '57P03';
}

/** A schema or table name, double-quoted for SQL (names are checked by the config schema first). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface PgFailure {
  code?: string;
  message?: string;
  errno?: number;
  syscall?: string;
}

/**
 * A driver failure as the user should read it: what was being done, where, what went wrong,
 * and what to check. Connection failures (refused, unknown host, timeout, closed) and the
 * usual server refusals (credentials, missing database, missing pgvector) get their own advice.
 */
export function databaseError(what: string, where: string, err: unknown): DatabaseError {
  const e = (err ?? {}) as PgFailure;
  const msg = errorMessage(err);
  const code = e.code ?? '';
  let advice: string;
  if (
    ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code) ||
    /timeout|terminated|Connection terminated|closed/i.test(msg)
  ) {
    advice = `cannot reach the database at ${where} (${shortReason(code, msg)}); check that PostgreSQL is running and KIEMCHUNG_DATABASE_URL points at it`;
  } else if (code === '28P01' || code === '28000') {
    advice = `the database at ${where} refused the user or password in KIEMCHUNG_DATABASE_URL`;
  } else if (code === '3D000') {
    advice = `the database named in KIEMCHUNG_DATABASE_URL does not exist at ${where}; create it first (createdb)`;
  } else if (code === '57P01' || code === '57P02' || code === '57P03') {
    advice = `cannot reach the database at ${where} (it is shutting down or starting: ${msg}); check that PostgreSQL is running and KIEMCHUNG_DATABASE_URL points at it`;
  } else if (code === '53300') {
    advice = `the database at ${where} has no connection left (${msg}); lower KIEMCHUNG_DATABASE_POOL_MAX or raise max_connections`;
  } else if (code === '57014') {
    advice = `the database at ${where} cancelled a query that ran past KIEMCHUNG_DATABASE_STATEMENT_TIMEOUT_MS`;
  } else if (/extension "vector"|type "vector" does not exist|vector\.control/.test(msg)) {
    advice = `pgvector is not installed in the PostgreSQL at ${where}; install it (README, "Running on PostgreSQL") or ask the database's administrator to run CREATE EXTENSION vector`;
  } else {
    advice = `the database at ${where} failed: ${msg}${code ? ` (${code})` : ''}`;
  }
  return new DatabaseError(`${what}: ${advice}`, { cause: err, unreachable: advice.startsWith('cannot reach the database') });
}

function shortReason(code: string, msg: string): string {
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (code === 'ETIMEDOUT' || /timeout/i.test(msg)) return 'timed out';
  return msg.split('\n')[0]?.slice(0, 120) ?? code;
}
