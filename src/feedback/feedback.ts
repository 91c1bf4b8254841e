import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FeedbackError, errorMessage } from '../errors.js';
import type { DatabaseConfig } from '../config.js';
import { type Logger, silentLogger } from '../log.js';
import { normalizeSpace } from '../text/normalize.js';
import { openSqliteFeedbackStore } from './sqlite-store.js';
import type { FeedbackReport, FeedbackStore, Rating, ReportOptions } from './store.js';

/**
 * Feedback on answers: 👍/👎 buttons whose data is signed, one vote per user and answer, an
 * optional "why", and the report an editor reads. Users are known only by a salted hash of
 * their platform id; the only text kept is the question and what the user wrote as "why".
 *
 * Button data is `kcf:<answer>:<u|d>:<signature>` (36 characters: Telegram allows 64, Discord
 * 100). The signature covers the answer, the rating, the platform and the chat or channel the
 * answer was posted in, so data that was altered, or copied into another chat, is refused; a
 * press that repeats a vote already counted (a replay) is refused too, and answers older than
 * the feedback window can no longer be rated.
 */

export interface FeedbackSettings {
  /** The SQLite file (ignored when a store is given). */
  file: string;
  /** Signs buttons and salts user hashes; when absent one is made and kept beside the file (`<file>.secret`, mode 600). */
  secret?: string;
  /** Days an answer can be rated after it was shown. */
  windowDays: number;
}

/** What is rated: an answer (or a verdict on a claim) as the engine returned it. */
export interface RatedAnswer {
  question: string;
  understood?: string;
  refused: boolean;
  citations: ReadonlyArray<{ paragraphId: string; quote: string }>;
}

/** Where an answer was posted: the platform and its chat or channel (signed into the buttons, never stored). */
export interface Where {
  platform: string;
  scope: string;
}

/** Who pressed or wrote: the platform's user id is hashed at once and never stored. */
export interface Who extends Where {
  userId: string;
}

export interface FeedbackButtons {
  answerId: string;
  up: string;
  down: string;
}

export type PressResult =
  { ok: true; outcome: 'recorded' | 'changed'; rating: Rating; answerId: string } | { ok: false; reason: 'invalid' | 'expired' | 'duplicate' };

export type CommentResult = 'saved' | 'invalid' | 'not-voted';
/**
 * A reply to a "why" prompt: `saved` as the reason of the user's 👎; `not-yours` when the prompt
 * asks another user (it keeps waiting for theirs); `none` when no prompt waits under that key
 * (it was answered, its 24 hours are over, or the message was never one).
 */
export type ReplyResult = 'saved' | 'not-yours' | 'none';

export interface Feedback {
  /** Remembers an answer about to be posted and returns the data of its 👍 and 👎 buttons. */
  offer(answer: RatedAnswer, where: Where): Promise<FeedbackButtons>;
  /** Whether button or form data is feedback's (adapters route it here). */
  owns(data: string): boolean;
  /** A pressed button: checked, then counted once per user. */
  press(data: string, who: Who): Promise<PressResult>;
  /** Signed data for a "why" form about this answer (Discord's modal). */
  whyData(answerId: string, where: Where): string;
  /** The "why" sent with that data. */
  commentWith(data: string, who: Who, text: string): Promise<CommentResult>;
  /** Remembers that the message `promptKey` (e.g. chat and message id) asks this user why. */
  awaitReply(answerId: string, who: Who, promptKey: string): Promise<void>;
  /** A reply to a prompt: stored as that vote's "why" when it is the prompt's user (see `ReplyResult`). */
  reply(promptKey: string, who: Who, text: string): Promise<ReplyResult>;
  report(o?: ReportOptions): Promise<FeedbackReport>;
  close(): Promise<void>;
}

export interface FeedbackOptions {
  settings: FeedbackSettings;
  /** The corpus version stored with each answer (the engine's `stats().corpusVersion`). */
  corpusVersion: () => string;
  store?: FeedbackStore;
  clock?: () => Date;
  logger?: Logger;
}

/** Longest "why" kept. */
export const MAX_COMMENT_CHARS = 1000;
/** How long a "why" prompt waits for its reply. */
const PROMPT_HOURS = 24;

const PREFIX = 'kcf:';
const WHY_PREFIX = 'kcw:';
const ID = /^[A-Za-z0-9_-]{12}$/;
const SIG = /^[A-Za-z0-9_-]{16}$/;

/** The secret beside the database, made on first use (written whole or not at all). */
function secretBeside(file: string): string {
  const p = `${path.resolve(file)}.secret`;
  try {
    const existing = fs.readFileSync(p, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new FeedbackError(`cannot read ${p}: ${errorMessage(err)}`, { cause: err });
  }
  const secret = crypto.randomBytes(32).toString('base64url');
  try {
    fs.mkdirSync(path.dirname(p), { recursive: true });
    const tmp = `${p}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${secret}\n`, { mode: 0o600 });
    // Another process may have made one meanwhile: the first one written stays.
    fs.linkSync(tmp, p);
    fs.unlinkSync(tmp);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(p, 'utf8').trim();
    throw new FeedbackError(`cannot write ${p}: ${errorMessage(err)}`, { cause: err });
  }
}

export function createFeedback(o: FeedbackOptions): Feedback {
  const store = o.store ?? openSqliteFeedbackStore(o.settings.file);
  const secret = o.settings.secret ?? secretBeside(o.settings.file);
  const clock = o.clock ?? (() => new Date());
  // Two keys from one secret: one signs buttons, one salts user ids.
  const signKey = crypto.createHmac('sha256', secret).update('kiemchung feedback buttons').digest();
  const userKey = crypto.createHmac('sha256', secret).update('kiemchung feedback users').digest();
  const promptKey = crypto.createHmac('sha256', secret).update('kiemchung feedback prompts').digest();
  const windowMs = o.settings.windowDays * 86_400_000;

  const sign = (...parts: string[]) => crypto.createHmac('sha256', signKey).update(parts.join('\u0000')).digest('base64url').slice(0, 16);
  const same = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const userHash = (w: Who) => crypto.createHmac('sha256', userKey).update(`${w.platform}\u0000${w.userId}`).digest('hex').slice(0, 32);
  const keyOf = (w: Where, key: string) => crypto.createHmac('sha256', promptKey).update(`${w.platform}\u0000${key}`).digest('hex').slice(0, 32);
  const now = () => clock().toISOString();

  let offers = 0;
  const prune = () => {
    const t = clock();
    store
      .prune(new Date(t.getTime() - windowMs).toISOString(), t.toISOString())
      .catch((err: unknown) => o.logger?.warn('feedback: could not forget old answers', err));
  };
  prune();

  /** The answer a button or form names, when its signature holds and it is still in the window. */
  const checked = async (answerId: string, rating: string, sig: string, w: Where): Promise<'invalid' | 'expired' | 'ok'> => {
    if (!same(sig, sign(answerId, rating, w.platform, w.scope))) return 'invalid';
    const a = await store.findAnswer(answerId);
    if (!a) return 'expired';
    return clock().getTime() - Date.parse(a.at) > windowMs ? 'expired' : 'ok';
  };

  return {
    async offer(answer, where) {
      const id = crypto.randomBytes(9).toString('base64url');
      await store.saveAnswer({
        id,
        at: now(),
        platform: where.platform,
        question: answer.question,
        ...(answer.understood ? { understood: answer.understood } : {}),
        refused: answer.refused,
        citations: answer.citations.map((c) => ({ paragraphId: c.paragraphId, quote: c.quote })),
        corpusVersion: o.corpusVersion(),
      });
      if (++offers % 500 === 0) prune();
      return {
        answerId: id,
        up: `${PREFIX}${id}:u:${sign(id, 'u', where.platform, where.scope)}`,
        down: `${PREFIX}${id}:d:${sign(id, 'd', where.platform, where.scope)}`,
      };
    },
    owns: (data) => data.startsWith(PREFIX) || data.startsWith(WHY_PREFIX),
    async press(data, who) {
      const [prefix, id, r, sig, ...rest] = data.split(':');
      if (`${prefix}:` !== PREFIX || rest.length || !id || !ID.test(id) || (r !== 'u' && r !== 'd') || !sig || !SIG.test(sig))
        return { ok: false, reason: 'invalid' };
      const state = await checked(id, r, sig, who);
      if (state !== 'ok') return { ok: false, reason: state };
      const rating: Rating = r === 'u' ? 'up' : 'down';
      const outcome = await store.vote({ answerId: id, userHash: userHash(who), rating, at: now(), platform: who.platform });
      if (outcome === 'duplicate') return { ok: false, reason: 'duplicate' };
      if (outcome === 'unknown-answer') return { ok: false, reason: 'expired' };
      return { ok: true, outcome, rating, answerId: id };
    },
    whyData: (answerId, where) => `${WHY_PREFIX}${answerId}:${sign(answerId, 'why', where.platform, where.scope)}`,
    async commentWith(data, who, text) {
      const [prefix, id, sig, ...rest] = data.split(':');
      if (`${prefix}:` !== WHY_PREFIX || rest.length || !id || !ID.test(id) || !sig || !SIG.test(sig)) return 'invalid';
      if ((await checked(id, 'why', sig, who)) !== 'ok') return 'invalid';
      const clean = normalizeSpace(text).slice(0, MAX_COMMENT_CHARS);
      if (!clean) return 'saved';
      return (await store.comment(id, userHash(who), clean, now())) ? 'saved' : 'not-voted';
    },
    async awaitReply(answerId, who, key) {
      await store.awaitComment(keyOf(who, key), { answerId, userHash: userHash(who) }, new Date(clock().getTime() + PROMPT_HOURS * 3_600_000).toISOString());
    },
    async reply(key, who, text) {
      const k = keyOf(who, key);
      const waiting = await store.takeAwaited(k, now());
      if (!waiting) return 'none';
      // Someone else's reply to the prompt is not this user's "why"; the prompt keeps waiting.
      if (waiting.userHash !== userHash(who)) {
        await store.awaitComment(k, waiting, new Date(clock().getTime() + PROMPT_HOURS * 3_600_000).toISOString());
        return 'not-yours';
      }
      const clean = normalizeSpace(text).slice(0, MAX_COMMENT_CHARS);
      if (clean) await store.comment(waiting.answerId, waiting.userHash, clean, now());
      return 'saved';
    },
    report: (r) => store.report(r),
    close: () => store.close(),
  };
}

/**
 * Feedback as configured (KIEMCHUNG_FEEDBACK_DB, _SECRET, _DAYS), for an engine; null when it
 * is turned off. With KIEMCHUNG_DATABASE_URL set, it is kept in that database, shared by every
 * replica (so is the secret that signs the buttons, unless KIEMCHUNG_FEEDBACK_SECRET is set).
 * Throws `FeedbackError` when the SQLite file cannot be opened, `DatabaseError` when the
 * database cannot be reached.
 */
export async function feedbackFromConfig(
  config: { feedbackDb: string | null; feedbackSecret?: string; feedbackDays: number; database?: DatabaseConfig },
  engine: { stats(): { corpusVersion?: string } },
  logger?: Logger,
): Promise<Feedback | null> {
  if (!config.feedbackDb) return null;
  const corpusVersion = () => engine.stats().corpusVersion ?? '';
  if (config.database) {
    const { openDatabase } = await import('../store/postgres/database.js');
    const { migrate } = await import('../store/postgres/migrations.js');
    const { openPostgresFeedbackStore, sharedFeedbackSecret } = await import('../store/postgres/postgres-feedback.js');
    const db = openDatabase({ ...config.database, poolMax: Math.min(4, config.database.poolMax) }, logger ?? silentLogger);
    try {
      await migrate(db);
      const secret = config.feedbackSecret ?? (await sharedFeedbackSecret(db));
      return createFeedback({
        settings: { file: '', windowDays: config.feedbackDays, secret },
        store: openPostgresFeedbackStore(db),
        corpusVersion,
        ...(logger ? { logger } : {}),
      });
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  return createFeedback({
    settings: { file: config.feedbackDb, windowDays: config.feedbackDays, ...(config.feedbackSecret ? { secret: config.feedbackSecret } : {}) },
    corpusVersion,
    ...(logger ? { logger } : {}),
  });
}
