import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { lazyModule } from '../lazy-module.js';

const sqlite = lazyModule<typeof Database>('better-sqlite3');
import { KiemchungError } from '../errors.js';
import type { FeedInfo } from '../types.js';

/**
 * The followed feeds and what was seen in them, in one SQLite file (better-sqlite3, WAL).
 *
 * Why a database and not a file in the corpus: this is operational state, not news. It changes
 * on every poll (validators, back-off, thousands of seen item addresses), the bot's schedule
 * and a `kiemchung feed poll` in a terminal may write it at the same moment, and a crash
 * half-way through a poll must not lose which items were handled. SQLite's transactions and
 * busy wait give exactly that; the articles themselves stay ordinary corpus files.
 */
export interface FeedRecord extends FeedInfo {
  /** The validators of the last answer, sent back on the next poll (conditional GET). */
  etag?: string;
  lastModified?: string;
}

export type ItemStatus = 'seen' | 'added' | 'updated' | 'unchanged' | 'refused' | 'failed';

export interface ItemRecord {
  feedUrl: string;
  url: string;
  key: string;
  status: ItemStatus;
  articleId?: string;
  attempts: number;
  lastError?: string;
  nextTryAt?: string;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feeds (
  url TEXT PRIMARY KEY,
  title TEXT,
  kind TEXT,
  added_at TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  last_polled_at TEXT,
  last_ok_at TEXT,
  last_status TEXT,
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  next_poll_at TEXT
);
CREATE TABLE IF NOT EXISTS items (
  feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
  key TEXT NOT NULL,
  url TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  status TEXT NOT NULL,
  article_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_try_at TEXT,
  PRIMARY KEY (feed_url, key)
);
CREATE TABLE IF NOT EXISTS sitemaps (
  feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
  url TEXT NOT NULL,
  position INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT,
  PRIMARY KEY (feed_url, url)
);
`;

/** A sitemap a sitemap index lists, with the validators of its last answer. */
export interface ChildSitemap {
  url: string;
  etag?: string;
  lastModified?: string;
}

type Row = Record<string, unknown>;

const opt = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function feedOf(r: Row): FeedRecord {
  return {
    url: r.url as string,
    ...(opt(r.title) ? { title: r.title as string } : {}),
    ...(opt(r.kind) ? { kind: r.kind as string } : {}),
    addedAt: r.added_at as string,
    ...(opt(r.etag) ? { etag: r.etag as string } : {}),
    ...(opt(r.last_modified) ? { lastModified: r.last_modified as string } : {}),
    ...(opt(r.last_polled_at) ? { lastPolledAt: r.last_polled_at as string } : {}),
    ...(opt(r.last_ok_at) ? { lastOkAt: r.last_ok_at as string } : {}),
    ...(opt(r.last_status) ? { lastStatus: r.last_status as string } : {}),
    ...(opt(r.last_error) ? { lastError: r.last_error as string } : {}),
    failures: Number(r.failures ?? 0),
    ...(opt(r.next_poll_at) ? { nextPollAt: r.next_poll_at as string } : {}),
    items: Number(r.items ?? 0),
  };
}

function itemOf(r: Row): ItemRecord {
  return {
    feedUrl: r.feed_url as string,
    url: r.url as string,
    key: r.key as string,
    status: r.status as ItemStatus,
    ...(opt(r.article_id) ? { articleId: r.article_id as string } : {}),
    attempts: Number(r.attempts ?? 0),
    ...(opt(r.last_error) ? { lastError: r.last_error as string } : {}),
    ...(opt(r.next_try_at) ? { nextTryAt: r.next_try_at as string } : {}),
  };
}

export class FeedStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): FeedStore {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const db = new (sqlite())(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      const v = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as { value: string } | undefined;
      if (!v) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema', String(SCHEMA_VERSION));
      else if (Number(v.value) > SCHEMA_VERSION) throw new Error(`written by a newer version (schema ${v.value}, this one reads ${SCHEMA_VERSION})`);
      return new FeedStore(db);
    } catch (err) {
      throw new KiemchungError('config', `the feed list ${file} cannot be opened: ${(err as Error).message}`, { cause: err });
    }
  }

  close(): void {
    this.db.close();
  }

  list(): FeedRecord[] {
    return (
      this.db.prepare('SELECT f.*, (SELECT COUNT(*) FROM items i WHERE i.feed_url = f.url) AS items FROM feeds f ORDER BY f.added_at, f.url').all() as Row[]
    ).map(feedOf);
  }

  get(url: string): FeedRecord | null {
    const r = this.db.prepare('SELECT f.*, (SELECT COUNT(*) FROM items i WHERE i.feed_url = f.url) AS items FROM feeds f WHERE f.url = ?').get(url) as
      Row | undefined;
    return r ? feedOf(r) : null;
  }

  /** Adds a feed with the items it lists now; returns false when it was already followed. */
  addFeed(
    feed: { url: string; title?: string; kind: string; etag?: string; lastModified?: string; now: string },
    items: { url: string; key: string; status: ItemStatus }[],
  ): boolean {
    return this.db.transaction(() => {
      const r = this.db
        .prepare(
          'INSERT OR IGNORE INTO feeds (url, title, kind, added_at, etag, last_modified, last_polled_at, last_ok_at, last_status, failures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)',
        )
        .run(feed.url, feed.title ?? null, feed.kind, feed.now, feed.etag ?? null, feed.lastModified ?? null, feed.now, feed.now, 'ok');
      if (r.changes === 0) return false;
      const ins = this.db.prepare('INSERT OR IGNORE INTO items (feed_url, key, url, first_seen_at, status) VALUES (?, ?, ?, ?, ?)');
      for (const it of items) ins.run(feed.url, it.key, it.url, feed.now, it.status);
      return true;
    })();
  }

  removeFeed(url: string): boolean {
    return this.db.prepare('DELETE FROM feeds WHERE url = ?').run(url).changes > 0;
  }

  /** Keys of the items already recorded for a feed. */
  knownKeys(feedUrl: string): Set<string> {
    return new Set((this.db.prepare('SELECT key FROM items WHERE feed_url = ?').all(feedUrl) as { key: string }[]).map((r) => r.key));
  }

  /** Items whose fetch failed and whose retry time has come. */
  retries(feedUrl: string, now: string, limit: number): ItemRecord[] {
    return (
      this.db
        .prepare("SELECT * FROM items WHERE feed_url = ? AND status = 'failed' AND (next_try_at IS NULL OR next_try_at <= ?) ORDER BY first_seen_at LIMIT ?")
        .all(feedUrl, now, limit) as Row[]
    ).map(itemOf);
  }

  items(feedUrl: string): ItemRecord[] {
    return (this.db.prepare('SELECT * FROM items WHERE feed_url = ? ORDER BY first_seen_at, url').all(feedUrl) as Row[]).map(itemOf);
  }

  recordPoll(
    url: string,
    p: {
      now: string;
      status: 'ok' | 'not-modified' | 'error';
      etag?: string;
      lastModified?: string;
      /** Forget the validators: the next poll reads the feed in full (items are waiting in it). */
      clearValidators?: boolean;
      title?: string;
      kind?: string;
      error?: string;
      nextPollAt?: string;
    },
  ): void {
    if (p.status === 'error') {
      this.db
        .prepare('UPDATE feeds SET last_polled_at = ?, last_status = ?, last_error = ?, failures = failures + 1, next_poll_at = ? WHERE url = ?')
        .run(p.now, 'error', p.error ?? null, p.nextPollAt ?? null, url);
      return;
    }
    this.db
      .prepare(
        'UPDATE feeds SET last_polled_at = ?, last_ok_at = ?, last_status = ?, last_error = NULL, failures = 0, next_poll_at = ?, etag = CASE WHEN ? THEN NULL ELSE COALESCE(?, etag) END, last_modified = CASE WHEN ? THEN NULL ELSE COALESCE(?, last_modified) END, title = COALESCE(?, title), kind = COALESCE(?, kind) WHERE url = ?',
      )
      .run(
        p.now,
        p.now,
        p.status,
        p.nextPollAt ?? null,
        p.clearValidators ? 1 : 0,
        p.etag ?? null,
        p.clearValidators ? 1 : 0,
        p.lastModified ?? null,
        p.title ?? null,
        p.kind ?? null,
        url,
      );
  }

  /** The sitemaps a followed sitemap index listed when it was last read, in its order. */
  childSitemaps(feedUrl: string): ChildSitemap[] {
    return (this.db.prepare('SELECT url, etag, last_modified FROM sitemaps WHERE feed_url = ? ORDER BY position').all(feedUrl) as Row[]).map((r) => ({
      url: r.url as string,
      ...(opt(r.etag) ? { etag: r.etag as string } : {}),
      ...(opt(r.last_modified) ? { lastModified: r.last_modified as string } : {}),
    }));
  }

  /**
   * Records a sitemap index's sitemaps as they stand after a poll: the list read (or the one
   * kept), each with the validators to send next time (none: read it in full next time).
   */
  setChildSitemaps(feedUrl: string, children: readonly ChildSitemap[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sitemaps WHERE feed_url = ?').run(feedUrl);
      const ins = this.db.prepare('INSERT OR IGNORE INTO sitemaps (feed_url, url, position, etag, last_modified) VALUES (?, ?, ?, ?, ?)');
      children.forEach((c, i) => ins.run(feedUrl, c.url, i, c.etag ?? null, c.lastModified ?? null));
    })();
  }

  /** Records what became of items (new or retried), all at once. */
  recordItems(
    feedUrl: string,
    now: string,
    items: { url: string; key: string; status: ItemStatus; articleId?: string; error?: string; nextTryAt?: string }[],
  ): void {
    this.db.transaction(() => {
      const up = this.db.prepare(
        `INSERT INTO items (feed_url, key, url, first_seen_at, status, article_id, attempts, last_error, next_try_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT(feed_url, key) DO UPDATE SET status = excluded.status, article_id = COALESCE(excluded.article_id, items.article_id), attempts = items.attempts + 1, last_error = excluded.last_error, next_try_at = excluded.next_try_at`,
      );
      for (const it of items) up.run(feedUrl, it.key, it.url, now, it.status, it.articleId ?? null, it.error ?? null, it.nextTryAt ?? null);
    })();
  }
}
