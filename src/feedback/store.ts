/**
 * Where feedback on answers is kept. One implementation per store beside this port: SQLite in a
 * file by default (`sqlite-store.ts`); a shared server database can take its place when several
 * replicas of the bots run (every method is asynchronous for that reason).
 */

export type Rating = 'up' | 'down';

/** A paragraph an answer cited, as feedback keeps it. */
export interface RatedCitation {
  paragraphId: string;
  quote: string;
}

/** An answer shown with feedback buttons: what a vote on it is about. */
export interface ShownAnswer {
  /** Random, url-safe (the buttons carry it). */
  id: string;
  /** ISO time it was shown. */
  at: string;
  platform: string;
  /** The question as asked, and as the engine read it when that differs. */
  question: string;
  understood?: string;
  refused: boolean;
  citations: RatedCitation[];
  corpusVersion: string;
}

export interface Vote {
  answerId: string;
  /** A salted hash of the platform's user id: never the id itself. */
  userHash: string;
  rating: Rating;
  at: string;
  platform: string;
}

/**
 * `recorded`: a first vote; `changed`: the user's earlier vote on this answer now says the
 * other thing; `duplicate`: the same vote again (a replayed press); `unknown-answer`: no such
 * answer (never shown, or forgotten after the feedback window).
 */
export type VoteOutcome = 'recorded' | 'changed' | 'duplicate' | 'unknown-answer';

/** A "why" prompt waiting for the user's reply, under a key the adapter derives (hashed). */
export interface AwaitedComment {
  answerId: string;
  userHash: string;
}

export interface ReportOptions {
  /** ISO date or time: only votes from then on. */
  since?: string;
  /** How many of the worst-rated questions to list (default 10). */
  worst?: number;
}

export interface RatedQuestion {
  question: string;
  understood?: string;
  up: number;
  down: number;
  lastAt: string;
  /** Users' "why", newest first. */
  comments: string[];
  /** What the answers cited, most recent answer first. */
  citations: RatedCitation[];
  refused: boolean;
  corpusVersions: string[];
}

export interface FeedbackReport {
  since?: string;
  votes: number;
  up: number;
  down: number;
  comments: number;
  byPlatform: Record<string, { up: number; down: number }>;
  /** Questions with more 👎 than 👍 first (then most 👎), each with what was cited. */
  worst: RatedQuestion[];
}

export interface FeedbackStore {
  saveAnswer(a: ShownAnswer): Promise<void>;
  findAnswer(id: string): Promise<ShownAnswer | null>;
  /** One vote per user and answer: stored durably before it resolves. */
  vote(v: Vote): Promise<VoteOutcome>;
  /** Attaches the user's "why" to their vote on the answer; false when they have not voted on it. */
  comment(answerId: string, userHash: string, text: string, at: string): Promise<boolean>;
  awaitComment(key: string, c: AwaitedComment, until: string): Promise<void>;
  /** The comment awaited under `key` (taken: a second reply is a new message), or null. */
  takeAwaited(key: string, now: string): Promise<AwaitedComment | null>;
  report(o?: ReportOptions): Promise<FeedbackReport>;
  /** Forgets answers shown before `before` that nobody voted on, and expired prompts; returns how many answers. */
  prune(before: string, now: string): Promise<number>;
  close(): Promise<void>;
}
