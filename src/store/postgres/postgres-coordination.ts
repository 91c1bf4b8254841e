import crypto from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import type { ClaimOutcome, Coordination, RateDecision } from '../../coordination/coordination.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Database } from './database.js';

/** How often a process that does not hold a role tries again, and how often the holder checks its connection. */
const LEAD_RETRY_MS = 2000;
const LEAD_CHECK_MS = 5000;
/** Done claims are kept this long (Telegram gives up re-sending an update within a day). */
const KEEP_DONE = '1 day';

/**
 * Coordination of replicas through the database (tables of migration 2): a claim is a row
 * inserted once (the second delivery of an update finds it), a rate limit is one call of
 * `take_rate` (on the database's clock, under a row lock), and a role is a session advisory
 * lock held on a connection of its own, released by the server when that connection ends,
 * so a replica that dies hands the role on.
 */
export function createPostgresCoordination(db: Database, logger: Logger): Coordination {
  const s = db.schema;
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const stops = new Set<() => Promise<void>>();
  const cleanup = setInterval(() => {
    void db
      .query('forgetting old claims', `DELETE FROM ${s}.claims WHERE state = 'done' AND done_at < now() - interval '${KEEP_DONE}'`)
      .then(() => db.query('forgetting idle rate limits', `DELETE FROM ${s}.rate_limits WHERE touched < now() - interval '1 day'`))
      .then(() => db.query('forgetting expired state', `DELETE FROM ${s}.kv WHERE expires_at < now()`))
      .catch((err: unknown) => logger.debug(`database: cleanup failed: ${errorMessage(err)}`));
  }, 10 * 60_000);
  cleanup.unref();

  return {
    scope: 'database',
    async claim(key: string, leaseMs: number): Promise<ClaimOutcome> {
      const res = await db.query<{ owner: string }>(
        'claiming a chat update',
        `INSERT INTO ${s}.claims AS c (key, owner, state, lease_until) VALUES ($1, $2, 'working', now() + make_interval(secs => $3::float8 / 1000))
         ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
           WHERE c.state = 'working' AND c.lease_until < now()
         RETURNING c.owner`,
        [key, owner, leaseMs],
      );
      if (res.rows[0]?.owner === owner) return 'claimed';
      const st = await db.query<{ state: string }>('reading a claim', `SELECT state FROM ${s}.claims WHERE key = $1`, [key]);
      return st.rows[0]?.state === 'done' ? 'done' : 'busy';
    },
    async finish(key: string): Promise<void> {
      await db.query('marking a chat update answered', `UPDATE ${s}.claims SET state = 'done', done_at = now() WHERE key = $1`, [key]);
    },
    async take(key: string, limit: number, windowMs: number): Promise<RateDecision> {
      if (limit <= 0) return { ok: true };
      const res = await db.query<{ ok: boolean; retry_after_ms: string; first: boolean }>(
        'counting a request against its rate limit',
        `SELECT * FROM ${s}.take_rate($1, $2, $3)`,
        [key, limit, windowMs],
      );
      const r = res.rows[0];
      if (!r || r.ok) return { ok: true };
      return { ok: false, retryAfterMs: Number(r.retry_after_ms), first: r.first };
    },
    lead(role, onChange) {
      const lockName = `kiemchung:${db.config.schema}:role:${role}`;
      let stopped = false;
      let leading = false;
      let client: pg.Client | null = null;
      let timer: NodeJS.Timeout | null = null;
      const later = (f: () => void, ms: number) => {
        if (stopped) return;
        timer = setTimeout(f, ms);
        timer.unref();
      };
      const drop = async (why: string) => {
        const c = client;
        client = null;
        if (c) await c.end().catch(() => undefined);
        if (leading) {
          leading = false;
          if (why === 'stopping') logger.info(`database: this process gave up "${role}"`);
          else logger.warn(`database: this process no longer holds "${role}" (${why})`);
          await Promise.resolve(onChange(false)).catch((err: unknown) => logger.error(`giving up "${role}" failed`, err));
        }
      };
      const check = async () => {
        if (stopped || !client) return;
        try {
          await client.query('SELECT 1');
          later(() => void check(), LEAD_CHECK_MS);
        } catch (err) {
          await drop(errorMessage(err));
          later(() => void attempt(), LEAD_RETRY_MS);
        }
      };
      const attempt = async () => {
        if (stopped) return;
        try {
          if (!client) {
            const c = await db.connectAlone(`contending for "${role}"`);
            c.on('end', () => {
              if (client === c) void drop('connection closed').then(() => later(() => void attempt(), LEAD_RETRY_MS));
            });
            client = c;
          }
          const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [lockName]);
          if (r.rows[0]?.ok && !stopped) {
            leading = true;
            logger.info(`database: this process now holds "${role}"`);
            await Promise.resolve(onChange(true)).catch((err: unknown) => logger.error(`taking up "${role}" failed`, err));
            later(() => void check(), LEAD_CHECK_MS);
            return;
          }
        } catch (err) {
          logger.debug(`database: contending for "${role}" failed: ${errorMessage(err)}`);
          await drop(errorMessage(err));
        }
        later(() => void attempt(), LEAD_RETRY_MS);
      };
      void attempt();
      const stop = async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        stops.delete(stop);
        // Ending the session releases the lock at once.
        await drop('stopping');
      };
      stops.add(stop);
      return stop;
    },
    async put(key, value, ttlMs) {
      await db.query(
        'keeping shared state',
        `INSERT INTO ${s}.kv (key, value, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3::float8 / 1000))
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        [key, JSON.stringify(value), ttlMs],
      );
    },
    async get<T>(key: string) {
      const r = await db.query<{ value: T }>('reading shared state', `SELECT value FROM ${s}.kv WHERE key = $1 AND expires_at > now()`, [key]);
      return r.rows[0]?.value ?? null;
    },
    async drop(key) {
      await db.query('dropping shared state', `DELETE FROM ${s}.kv WHERE key = $1`, [key]);
    },
    async close() {
      clearInterval(cleanup);
      await Promise.all([...stops].map((f) => f()));
    },
  };
}
