import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { lazyModule } from '../lazy-module.js';

const sqlite = lazyModule<typeof Database>('better-sqlite3');
import { FeedbackError, errorMessage } from '../errors.js';
import { normalizeSpace } from '../text/normalize.js';
import type { FeedbackReport, FeedbackStore, RatedCitation, RatedQuestion, ReportOptions, ShownAnswer, Vote, VoteOutcome } from './store.js';

/**
 * Feedback in one SQLite file through better-sqlite3. Every write is its own transaction in
 * write-ahead-log mode with `synchronous = FULL`: once a call resolves the row is on disk, and a
 * process killed at any moment (SIGKILL included) leaves every acknowledged row readable and
 * the file consistent. A vote copies the question, citations and corpus version of its answer,
 * so that forgetting old answers nobody rated never loses what a vote was about.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  platform TEXT NOT NULL,
  question TEXT NOT NULL,
  understood TEXT,
  refused INTEGER NOT NULL,
  citations TEXT NOT NULL,
  corpus_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_at ON answers(at);
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL,
  user_hash TEXT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  at TEXT NOT NULL,
  platform TEXT NOT NULL,
  question TEXT NOT NULL,
  question_key TEXT NOT NULL,
  understood TEXT,
  refused INTEGER NOT NULL,
  citations TEXT NOT NULL,
  corpus_version TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  comment TEXT,
  comment_at TEXT,
  PRIMARY KEY (answer_id, user_hash)
);
CREATE INDEX IF NOT EXISTS votes_at ON votes(at);
CREATE INDEX IF NOT EXISTS votes_question ON votes(question_key);
CREATE TABLE IF NOT EXISTS awaited (
  key TEXT PRIMARY KEY,
  answer_id TEXT NOT NULL,
  user_hash TEXT NOT NULL,
  until TEXT NOT NULL
);
`;

const SCHEMA_VERSION = '1';

interface AnswerRow {
  id: string;
  at: string;
  platform: string;
  question: string;
  understood: string | null;
  refused: number;
  citations: string;
  corpus_version: string;
}

interface VoteRow {
  rating: 'up' | 'down';
}

/** The question a vote is grouped under in the report: as the engine read it, spacing and case aside. */
function questionKey(question: string, understood?: string): string {
  return normalizeSpace(understood ?? question).toLowerCase();
}

/** Opens (creating when missing) the feedback database at `file`. Throws `FeedbackError` when it cannot. */
export function openSqliteFeedbackStore(file: string): FeedbackStore {
  let db: Database.Database;
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new (sqlite())(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    const version = (db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as { value: string } | undefined)?.value;
    if (version === undefined) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', SCHEMA_VERSION);
    else if (version !== SCHEMA_VERSION) throw new Error(`schema version ${version}, expected ${SCHEMA_VERSION}`);
  } catch (err) {
    throw new FeedbackError(`cannot open the feedback database ${file}: ${errorMessage(err)}`, { cause: err });
  }

  const q = {
    saveAnswer: db.prepare(
      'INSERT OR REPLACE INTO answers (id, at, platform, question, understood, refused, citations, corpus_version) VALUES (@id, @at, @platform, @question, @understood, @refused, @citations, @corpus_version)',
    ),
    findAnswer: db.prepare('SELECT * FROM answers WHERE id = ?'),
    findVote: db.prepare('SELECT rating FROM votes WHERE answer_id = ? AND user_hash = ?'),
    insertVote: db.prepare(
      `INSERT INTO votes (answer_id, user_hash, rating, at, platform, question, question_key, understood, refused, citations, corpus_version, answered_at)
       VALUES (@answer_id, @user_hash, @rating, @at, @platform, @question, @question_key, @understood, @refused, @citations, @corpus_version, @answered_at)`,
    ),
    changeVote: db.prepare('UPDATE votes SET rating = ?, at = ? WHERE answer_id = ? AND user_hash = ?'),
    comment: db.prepare('UPDATE votes SET comment = ?, comment_at = ? WHERE answer_id = ? AND user_hash = ?'),
    await: db.prepare('INSERT OR REPLACE INTO awaited (key, answer_id, user_hash, until) VALUES (?, ?, ?, ?)'),
    takeAwaited: db.prepare('DELETE FROM awaited WHERE key = ? RETURNING answer_id, user_hash, until'),
    pruneAnswers: db.prepare('DELETE FROM answers WHERE at < ? AND id NOT IN (SELECT answer_id FROM votes)'),
    pruneAwaited: db.prepare('DELETE FROM awaited WHERE until < ?'),
  };

  const toShown = (r: AnswerRow): ShownAnswer => ({
    id: r.id,
    at: r.at,
    platform: r.platform,
    question: r.question,
    ...(r.understood !== null ? { understood: r.understood } : {}),
    refused: r.refused === 1,
    citations: JSON.parse(r.citations) as RatedCitation[],
    corpusVersion: r.corpus_version,
  });

  const vote = db.transaction((v: Vote): VoteOutcome => {
    const a = q.findAnswer.get(v.answerId) as AnswerRow | undefined;
    if (!a) return 'unknown-answer';
    const earlier = q.findVote.get(v.answerId, v.userHash) as VoteRow | undefined;
    if (earlier?.rating === v.rating) return 'duplicate';
    if (earlier) {
      q.changeVote.run(v.rating, v.at, v.answerId, v.userHash);
      return 'changed';
    }
    q.insertVote.run({
      answer_id: v.answerId,
      user_hash: v.userHash,
      rating: v.rating,
      at: v.at,
      platform: v.platform,
      question: a.question,
      question_key: questionKey(a.question, a.understood ?? undefined),
      understood: a.understood,
      refused: a.refused,
      citations: a.citations,
      corpus_version: a.corpus_version,
      answered_at: a.at,
    });
    return 'recorded';
  });

  const wrap = <T>(what: string, fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(new FeedbackError(`feedback database ${file}: ${what} failed: ${errorMessage(err)}`, { cause: err }));
    }
  };

  const report = (o: ReportOptions = {}): FeedbackReport => {
    const since = o.since ?? '';
    const totals = db
      .prepare(
        `SELECT COUNT(*) AS votes, COALESCE(SUM(rating = 'up'), 0) AS up, COALESCE(SUM(rating = 'down'), 0) AS down, COALESCE(SUM(comment IS NOT NULL), 0) AS comments FROM votes WHERE at >= ?`,
      )
      .get(since) as { votes: number; up: number; down: number; comments: number };
    const byPlatform: FeedbackReport['byPlatform'] = {};
    for (const r of db
      .prepare(`SELECT platform, SUM(rating = 'up') AS up, SUM(rating = 'down') AS down FROM votes WHERE at >= ? GROUP BY platform ORDER BY platform`)
      .all(since) as { platform: string; up: number; down: number }[]) {
      byPlatform[r.platform] = { up: r.up, down: r.down };
    }
    const groups = db
      .prepare(
        `SELECT question_key, SUM(rating = 'up') AS up, SUM(rating = 'down') AS down, MAX(at) AS last_at FROM votes WHERE at >= ?
         GROUP BY question_key HAVING down > 0 ORDER BY (down - up) DESC, down DESC, last_at DESC LIMIT ?`,
      )
      .all(since, o.worst ?? 10) as { question_key: string; up: number; down: number; last_at: string }[];
    const latest = db.prepare(
      `SELECT question, understood, refused, citations FROM votes WHERE question_key = ? AND at >= ? ORDER BY answered_at DESC, at DESC LIMIT 1`,
    );
    const comments = db.prepare(`SELECT comment FROM votes WHERE question_key = ? AND at >= ? AND comment IS NOT NULL ORDER BY comment_at DESC LIMIT 5`);
    const versions = db.prepare(`SELECT DISTINCT corpus_version FROM votes WHERE question_key = ? AND at >= ? ORDER BY corpus_version`);
    const worst: RatedQuestion[] = groups.map((g) => {
      const l = latest.get(g.question_key, since) as { question: string; understood: string | null; refused: number; citations: string };
      return {
        question: l.question,
        ...(l.understood !== null ? { understood: l.understood } : {}),
        up: g.up,
        down: g.down,
        lastAt: g.last_at,
        comments: (comments.all(g.question_key, since) as { comment: string }[]).map((c) => c.comment),
        citations: JSON.parse(l.citations) as RatedCitation[],
        refused: l.refused === 1,
        corpusVersions: (versions.all(g.question_key, since) as { corpus_version: string }[]).map((v) => v.corpus_version),
      };
    });
    return { ...(o.since ? { since: o.since } : {}), ...totals, byPlatform, worst };
  };

  return {
    saveAnswer: (a) =>
      wrap('saving an answer', () => {
        q.saveAnswer.run({
          id: a.id,
          at: a.at,
          platform: a.platform,
          question: a.question,
          understood: a.understood ?? null,
          refused: a.refused ? 1 : 0,
          citations: JSON.stringify(a.citations),
          corpus_version: a.corpusVersion,
        });
      }),
    findAnswer: (id) =>
      wrap('reading an answer', () => {
        const r = q.findAnswer.get(id) as AnswerRow | undefined;
        return r ? toShown(r) : null;
      }),
    vote: (v) => wrap('saving a vote', () => vote(v)),
    comment: (answerId, userHash, text, at) => wrap('saving a comment', () => q.comment.run(text, at, answerId, userHash).changes > 0),
    awaitComment: (key, c, until) =>
      wrap('saving a prompt', () => {
        q.await.run(key, c.answerId, c.userHash, until);
      }),
    takeAwaited: (key, now) =>
      wrap('reading a prompt', () => {
        const r = q.takeAwaited.get(key) as { answer_id: string; user_hash: string; until: string } | undefined;
        return r && r.until >= now ? { answerId: r.answer_id, userHash: r.user_hash } : null;
      }),
    report: (o) => wrap('reading the report', () => report(o)),
    prune: (before, now) =>
      wrap('forgetting old answers', () => {
        q.pruneAwaited.run(now);
        return q.pruneAnswers.run(before).changes;
      }),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
