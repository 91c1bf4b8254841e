import crypto from 'node:crypto';
import type pg from 'pg';
import { FeedbackError, errorMessage } from '../../errors.js';
import type { FeedbackReport, FeedbackStore, RatedCitation, RatedQuestion, ReportOptions, ShownAnswer, Vote, VoteOutcome } from '../../feedback/store.js';
import { normalizeSpace } from '../../text/normalize.js';
import type { Database } from './database.js';

interface AnswerRow {
  id: string;
  at: string;
  platform: string;
  question: string;
  understood: string | null;
  refused: boolean;
  citations: RatedCitation[];
  corpus_version: string;
}

/** The question a vote is grouped under in the report: as the engine read it, spacing and case aside. */
function questionKey(question: string, understood?: string): string {
  return normalizeSpace(understood ?? question).toLowerCase();
}

/**
 * Feedback kept in the shared database (migration 3), so that a button shown by one replica
 * counts when it is pressed on another. The same rows and rules as the SQLite store: a vote
 * copies its answer's question, citations and corpus version; one vote per user and answer,
 * changed in one transaction under a row lock.
 */
export function openPostgresFeedbackStore(db: Database): FeedbackStore {
  const s = db.schema;
  const wrap = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw new FeedbackError(`feedback in ${db.where}: ${what} failed: ${errorMessage(err)}`, { cause: err });
    }
  };
  const toShown = (r: AnswerRow): ShownAnswer => ({
    id: r.id,
    at: r.at,
    platform: r.platform,
    question: r.question,
    ...(r.understood !== null ? { understood: r.understood } : {}),
    refused: r.refused,
    citations: r.citations,
    corpusVersion: r.corpus_version,
  });
  return {
    saveAnswer: (a) =>
      wrap('saving an answer', async () => {
        await db.query(
          'saving an answer',
          `INSERT INTO ${s}.feedback_answers (id, at, platform, question, understood, refused, citations, corpus_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO UPDATE SET at = excluded.at, platform = excluded.platform, question = excluded.question, understood = excluded.understood,
             refused = excluded.refused, citations = excluded.citations, corpus_version = excluded.corpus_version`,
          [a.id, a.at, a.platform, a.question, a.understood ?? null, a.refused, JSON.stringify(a.citations), a.corpusVersion],
        );
      }),
    findAnswer: (id) =>
      wrap('reading an answer', async () => {
        const r = (await db.query<AnswerRow>('reading an answer', `SELECT * FROM ${s}.feedback_answers WHERE id = $1`, [id])).rows[0];
        return r ? toShown(r) : null;
      }),
    vote: (v: Vote) =>
      wrap('saving a vote', () =>
        db.transaction('saving a vote', async (c: pg.PoolClient): Promise<VoteOutcome> => {
          const a = (await c.query<AnswerRow>(`SELECT * FROM ${s}.feedback_answers WHERE id = $1`, [v.answerId])).rows[0];
          if (!a) return 'unknown-answer';
          // Two presses at once (on two replicas) wait for each other here.
          await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`feedback:${v.answerId}:${v.userHash}`]);
          const earlier = (
            await c.query<{ rating: string }>(`SELECT rating FROM ${s}.feedback_votes WHERE answer_id = $1 AND user_hash = $2`, [v.answerId, v.userHash])
          ).rows[0];
          if (earlier?.rating === v.rating) return 'duplicate';
          if (earlier) {
            await c.query(`UPDATE ${s}.feedback_votes SET rating = $1, at = $2 WHERE answer_id = $3 AND user_hash = $4`, [
              v.rating,
              v.at,
              v.answerId,
              v.userHash,
            ]);
            return 'changed';
          }
          await c.query(
            `INSERT INTO ${s}.feedback_votes (answer_id, user_hash, rating, at, platform, question, question_key, understood, refused, citations, corpus_version, answered_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [
              v.answerId,
              v.userHash,
              v.rating,
              v.at,
              v.platform,
              a.question,
              questionKey(a.question, a.understood ?? undefined),
              a.understood,
              a.refused,
              JSON.stringify(a.citations),
              a.corpus_version,
              a.at,
            ],
          );
          return 'recorded';
        }),
      ),
    comment: (answerId, userHash, text, at) =>
      wrap('saving a comment', async () => {
        const r = await db.query('saving a comment', `UPDATE ${s}.feedback_votes SET comment = $1, comment_at = $2 WHERE answer_id = $3 AND user_hash = $4`, [
          text,
          at,
          answerId,
          userHash,
        ]);
        return (r.rowCount ?? 0) > 0;
      }),
    awaitComment: (key, c, until) =>
      wrap('saving a prompt', async () => {
        await db.query(
          'saving a prompt',
          `INSERT INTO ${s}.feedback_awaited (key, answer_id, user_hash, until) VALUES ($1, $2, $3, $4)
           ON CONFLICT (key) DO UPDATE SET answer_id = excluded.answer_id, user_hash = excluded.user_hash, until = excluded.until`,
          [key, c.answerId, c.userHash, until],
        );
      }),
    takeAwaited: (key, now) =>
      wrap('reading a prompt', async () => {
        const r = (
          await db.query<{ answer_id: string; user_hash: string; until: string }>(
            'reading a prompt',
            `DELETE FROM ${s}.feedback_awaited WHERE key = $1 RETURNING answer_id, user_hash, until`,
            [key],
          )
        ).rows[0];
        return r && r.until >= now ? { answerId: r.answer_id, userHash: r.user_hash } : null;
      }),
    report: (o: ReportOptions = {}) =>
      wrap('reading the report', async (): Promise<FeedbackReport> => {
        const since = o.since ?? '';
        const q = <R extends pg.QueryResultRow>(sql: string, params: unknown[]) => db.query<R>('reading the report', sql, params).then((r) => r.rows);
        const [totals] = await q<{ votes: string; up: string; down: string; comments: string }>(
          `SELECT count(*) AS votes, count(*) FILTER (WHERE rating = 'up') AS up, count(*) FILTER (WHERE rating = 'down') AS down, count(comment) AS comments FROM ${s}.feedback_votes WHERE at >= $1`,
          [since],
        );
        const byPlatform: FeedbackReport['byPlatform'] = {};
        for (const r of await q<{ platform: string; up: string; down: string }>(
          `SELECT platform, count(*) FILTER (WHERE rating = 'up') AS up, count(*) FILTER (WHERE rating = 'down') AS down FROM ${s}.feedback_votes WHERE at >= $1 GROUP BY platform ORDER BY platform`,
          [since],
        )) {
          byPlatform[r.platform] = { up: Number(r.up), down: Number(r.down) };
        }
        const groups = await q<{ question_key: string; up: string; down: string; last_at: string }>(
          `SELECT question_key, count(*) FILTER (WHERE rating = 'up') AS up, count(*) FILTER (WHERE rating = 'down') AS down, max(at) AS last_at FROM ${s}.feedback_votes WHERE at >= $1
           GROUP BY question_key HAVING count(*) FILTER (WHERE rating = 'down') > 0
           ORDER BY count(*) FILTER (WHERE rating = 'down') - count(*) FILTER (WHERE rating = 'up') DESC, count(*) FILTER (WHERE rating = 'down') DESC, max(at) DESC LIMIT $2`,
          [since, o.worst ?? 10],
        );
        const worst: RatedQuestion[] = [];
        for (const g of groups) {
          const [l] = await q<{ question: string; understood: string | null; refused: boolean; citations: RatedCitation[] }>(
            `SELECT question, understood, refused, citations FROM ${s}.feedback_votes WHERE question_key = $1 AND at >= $2 ORDER BY answered_at DESC, at DESC LIMIT 1`,
            [g.question_key, since],
          );
          const comments = await q<{ comment: string }>(
            `SELECT comment FROM ${s}.feedback_votes WHERE question_key = $1 AND at >= $2 AND comment IS NOT NULL ORDER BY comment_at DESC LIMIT 5`,
            [g.question_key, since],
          );
          const versions = await q<{ corpus_version: string }>(
            `SELECT DISTINCT corpus_version FROM ${s}.feedback_votes WHERE question_key = $1 AND at >= $2 ORDER BY corpus_version`,
            [g.question_key, since],
          );
          if (!l) continue;
          worst.push({
            question: l.question,
            ...(l.understood !== null ? { understood: l.understood } : {}),
            up: Number(g.up),
            down: Number(g.down),
            lastAt: g.last_at,
            comments: comments.map((c) => c.comment),
            citations: l.citations,
            refused: l.refused,
            corpusVersions: versions.map((v) => v.corpus_version),
          });
        }
        return {
          ...(o.since ? { since: o.since } : {}),
          votes: Number(totals?.votes ?? 0),
          up: Number(totals?.up ?? 0),
          down: Number(totals?.down ?? 0),
          comments: Number(totals?.comments ?? 0),
          byPlatform,
          worst,
        };
      }),
    prune: (before, now) =>
      wrap('forgetting old answers', async () => {
        await db.query('forgetting old prompts', `DELETE FROM ${s}.feedback_awaited WHERE until < $1`, [now]);
        const r = await db.query(
          'forgetting old answers',
          `DELETE FROM ${s}.feedback_answers a WHERE a.at < $1 AND NOT EXISTS (SELECT 1 FROM ${s}.feedback_votes v WHERE v.answer_id = a.id)`,
          [before],
        );
        return r.rowCount ?? 0;
      }),
    close: () => db.close(),
  };
}

/**
 * The secret every replica signs feedback buttons with: KIEMCHUNG_FEEDBACK_SECRET when set,
 * otherwise one made by the first replica and kept in the database for the others.
 */
export async function sharedFeedbackSecret(db: Database): Promise<string> {
  const s = db.schema;
  await db.query('keeping the feedback secret', `INSERT INTO ${s}.settings (key, value) VALUES ('feedback-secret', $1) ON CONFLICT (key) DO NOTHING`, [
    crypto.randomBytes(32).toString('base64url'),
  ]);
  const r = await db.query<{ value: string }>('reading the feedback secret', `SELECT value FROM ${s}.settings WHERE key = 'feedback-secret'`);
  return r.rows[0]?.value as string;
}
