import { lazyModule } from '../lazy-module.js';
import { FetchError, errorMessage } from '../errors.js';
import type { Fetched, FetchFn } from '../fetch/fetch-url.js';
import { cleanUrl, urlKey } from '../ingest/url-key.js';
import type { Logger } from '../log.js';
import type { AddReport, AddResult, AddedArticle, FeedInfo, FeedPollReport, FeedPollResult, Feeds, FeedAddResult } from '../types.js';
import { type ChildSitemap, type FeedRecord, FeedStore, type ItemStatus } from './feed-store.js';
import { type FeedItem, type ParsedFeed, parseFeed } from './parse-feed.js';

const linkedom = lazyModule<typeof import('linkedom')>('linkedom');

export interface FeedSettings {
  /** How often the schedule polls each feed. */
  intervalMs: number;
  /** New items added from one feed in one poll at most; the rest wait for the next poll. */
  maxNewPerPoll: number;
}

export interface FeedDeps {
  store: FeedStore;
  fetch: FetchFn;
  add: (urls: string[], signal?: AbortSignal) => Promise<AddReport>;
  settings: FeedSettings;
  logger: Logger;
  now?: () => Date;
}

/** Child sitemaps of a sitemap index read per poll at most. */
const MAX_CHILD_SITEMAPS = 5;
/** Back-off after failed polls: the interval doubled per failure, at most a day. */
const MAX_BACKOFF_MS = 24 * 3_600_000;
/** A page that failed to fetch is tried again this much later (doubling), at most this many times. */
const ITEM_RETRY_MS = 30 * 60_000;
const ITEM_ATTEMPTS = 4;
/** Failures that will not go away by trying again. */
const PERMANENT = new Set(['url', 'scheme', 'private-address', 'content-type', 'too-large', 'too-many-redirects']);

/** What is shown of a feed: its state without the HTTP validators. */
function info(f: FeedRecord): FeedInfo {
  const { etag: _etag, lastModified: _lastModified, ...shown } = f;
  return shown;
}

function permanent(r: AddResult): boolean {
  if (r.status === 'refused') return true;
  if (r.failure && PERMANENT.has(r.failure)) return true;
  if (r.failure === 'robots' && !/cannot be read/.test(r.reason ?? '')) return true;
  return r.httpStatus !== undefined && r.httpStatus >= 400 && r.httpStatus < 500 && r.httpStatus !== 408 && r.httpStatus !== 429;
}

/** The feed a web page announces (`<link rel="alternate" type="application/rss+xml">`). */
export function feedLinkOf(html: string, base: string): string | null {
  try {
    const { document } = linkedom().parseHTML(html);
    for (const l of Array.from(document.querySelectorAll('link[rel~="alternate"]'))) {
      const type = (l.getAttribute('type') ?? '').toLowerCase();
      const href = l.getAttribute('href');
      if (href && /^application\/(rss|atom|rdf)\+xml$|^text\/xml$/.test(type)) return new URL(href, base).href;
    }
  } catch {
    /* not usable */
  }
  return null;
}

/**
 * Followed feeds and sitemaps: adding one records what it lists now (so only later items are
 * taken, unless a backfill is asked for); a poll asks with the feed's validators (ETag,
 * Last-Modified), adds new items through `add` (one index update per feed), retries pages that
 * failed to fetch a few times, and backs off from feeds that fail.
 */
export function createFeeds(deps: FeedDeps): Feeds {
  const { store, logger } = deps;
  const now = () => deps.now?.() ?? new Date();

  const fetchFeed = (url: string, validators: { etag?: string; lastModified?: string } = {}, signal?: AbortSignal): Promise<Fetched> =>
    deps.fetch({ url, expect: 'feed', ...validators, ...(signal ? { signal } : {}) });

  /**
   * The items of a sitemap index's first sitemaps, each asked with its own validators: one that
   * has not changed (304) gives none, one that cannot be read keeps its validators and is tried
   * again next time. Returns the sitemaps with the validators of this reading.
   */
  const readSitemaps = async (children: readonly ChildSitemap[], signal?: AbortSignal): Promise<{ items: FeedItem[]; children: ChildSitemap[] }> => {
    const items: FeedItem[] = [];
    const after: ChildSitemap[] = [];
    for (const child of children.slice(0, MAX_CHILD_SITEMAPS)) {
      try {
        const page = await fetchFeed(
          child.url,
          { ...(child.etag ? { etag: child.etag } : {}), ...(child.lastModified ? { lastModified: child.lastModified } : {}) },
          signal,
        );
        if (page.notModified) {
          after.push(child);
          continue;
        }
        const p = parseFeed(page.text, page.url);
        if (!p.ok) throw new Error(p.reason);
        items.push(...p.feed.items);
        after.push({ url: child.url, ...(page.etag ? { etag: page.etag } : {}), ...(page.lastModified ? { lastModified: page.lastModified } : {}) });
      } catch (err) {
        logger.warn(`feeds: sitemap ${child.url} skipped: ${errorMessage(err)}`);
        after.push(child);
      }
    }
    return { items, children: after };
  };

  const add = async (rawUrl: string, options: { backfill?: number } = {}): Promise<FeedAddResult> => {
    let url = rawUrl.trim();
    let page: Fetched;
    try {
      page = await fetchFeed(url);
    } catch (err) {
      return { ok: false, reason: err instanceof FetchError ? err.message : `${url}: ${errorMessage(err)}` };
    }
    let discovered: string | undefined;
    if (page.sniffed === 'html') {
      const link = feedLinkOf(page.text, page.url);
      if (!link) return { ok: false, reason: `${url}: this is a web page that names no feed (no <link rel="alternate" type="application/rss+xml">)` };
      discovered = link;
      url = link;
      try {
        page = await fetchFeed(url);
      } catch (err) {
        return { ok: false, reason: err instanceof FetchError ? err.message : `${url}: ${errorMessage(err)}` };
      }
    }
    const parsed = parseFeed(page.text, page.url);
    if (!parsed.ok) return { ok: false, reason: `${url}: ${parsed.reason}` };
    const index = parsed.feed.kind === 'sitemap-index';
    const read = index ? await readSitemaps(parsed.feed.sitemaps.map((u) => ({ url: u }))) : { items: parsed.feed.items, children: [] };
    const items = read.items;
    // Newest first: the backfill takes the newest items; everything else counts as already seen.
    const ordered = [...items].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0));
    const backfill = new Set(ordered.slice(0, Math.max(0, options.backfill ?? 0)).map((i) => urlKey(i.url)));
    const stamp = now().toISOString();
    const feedUrl = cleanUrl(url);
    // Items to backfill are taken by the next poll, from the feed as it is then: that poll must
    // read it in full, so no validators are kept (with them it would be told "not modified").
    const keep = backfill.size === 0;
    const fresh = store.addFeed(
      {
        url: feedUrl,
        ...(parsed.feed.title ? { title: parsed.feed.title } : {}),
        kind: parsed.feed.kind,
        ...(keep && page.etag ? { etag: page.etag } : {}),
        ...(keep && page.lastModified ? { lastModified: page.lastModified } : {}),
        now: stamp,
      },
      items.filter((i) => !backfill.has(urlKey(i.url))).map((i) => ({ url: i.url, key: urlKey(i.url), status: 'seen' as ItemStatus })),
    );
    const record = store.get(feedUrl) as FeedRecord;
    if (!fresh) return { ok: false, reason: `${feedUrl}: this feed is followed already (since ${record.addedAt})` };
    if (index) store.setChildSitemaps(feedUrl, keep ? read.children : read.children.map((c) => ({ url: c.url })));
    logger.info(`feeds: following ${feedUrl} (${parsed.feed.kind}, ${items.length} items, ${backfill.size} to add on the next poll)`);
    return { ok: true, feed: info(record), items: items.length, backfill: backfill.size, ...(discovered ? { discovered } : {}) };
  };

  /** A poll that failed: recorded, and the feed backed off (the interval doubled per failure in a row). */
  const failedPoll = (feed: FeedRecord, t: Date, err: unknown): FeedPollResult => {
    const backoff = Math.min(MAX_BACKOFF_MS, deps.settings.intervalMs * 2 ** Math.min(10, feed.failures + 1));
    const wait = Math.max(backoff, err instanceof FetchError && err.retryAfterMs ? err.retryAfterMs : 0);
    const message = err instanceof FetchError ? err.message : `${feed.url}: ${errorMessage(err)}`;
    store.recordPoll(feed.url, { now: t.toISOString(), status: 'error', error: message, nextPollAt: new Date(t.getTime() + wait).toISOString() });
    logger.warn(`feeds: poll of ${feed.url} failed (${feed.failures + 1} in a row; next try in ${Math.round(wait / 60_000)} min): ${message}`);
    return { feed: feed.url, status: 'error', error: message, newItems: 0, results: [] };
  };

  const pollOne = async (feed: FeedRecord, signal?: AbortSignal): Promise<{ result: FeedPollResult; added: AddedArticle[] }> => {
    const t = now();
    const stamp = t.toISOString();
    const next = (ms: number) => new Date(t.getTime() + ms).toISOString();
    let page: Fetched | null = null;
    let parsed: ParsedFeed | null = null;
    try {
      page = await fetchFeed(
        feed.url,
        { ...(feed.etag ? { etag: feed.etag } : {}), ...(feed.lastModified ? { lastModified: feed.lastModified } : {}) },
        signal,
      );
      // An index followed before its sitemaps were recorded: read it in full once to learn them.
      if (page.notModified && feed.kind === 'sitemap-index' && store.childSitemaps(feed.url).length === 0) page = await fetchFeed(feed.url, {}, signal);
      if (!page.notModified) {
        const p = parseFeed(page.text, page.url);
        if (!p.ok) throw new Error(p.reason);
        parsed = p.feed;
      }
    } catch (err) {
      return { result: failedPoll(feed, t, err), added: [] };
    }
    const known = store.knownKeys(feed.url);
    // A sitemap index's sitemaps are asked on every poll, each with its own validators: new
    // addresses appear in them while the index itself stays the same (304).
    let children: ChildSitemap[] | null = null;
    let items: FeedItem[] = parsed?.items ?? [];
    if (parsed ? parsed.kind === 'sitemap-index' : feed.kind === 'sitemap-index') {
      const stored = new Map(store.childSitemaps(feed.url).map((c) => [c.url, c]));
      const listed = parsed ? parsed.sitemaps.map((u) => stored.get(u) ?? { url: u }) : [...stored.values()];
      const read = await readSitemaps(listed, signal);
      items = read.items;
      children = read.children;
    }
    const fresh = items.filter((i) => !known.has(urlKey(i.url)));
    // The newest first, within the per-poll cap; then added oldest first, as they were published.
    const chosen = [...fresh]
      .sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0))
      .slice(0, deps.settings.maxNewPerPoll)
      .reverse();
    const retries = store.retries(feed.url, stamp, Math.max(0, deps.settings.maxNewPerPoll - chosen.length));
    const urls = [...chosen.map((i) => i.url), ...retries.map((r) => r.url)];
    let results: AddResult[] = [];
    let index;
    if (urls.length > 0) {
      const report = await deps.add(urls, signal);
      results = report.results;
      index = report.index;
      const attempts = new Map(retries.map((r) => [r.url, r.attempts]));
      store.recordItems(
        feed.url,
        stamp,
        results.map((r) => {
          const tries = (attempts.get(r.url) ?? 0) + 1;
          const failed = r.status === 'failed' || r.status === 'refused';
          const giveUp = failed && (permanent(r) || tries >= ITEM_ATTEMPTS);
          return {
            url: r.url,
            key: urlKey(r.url),
            status: (failed ? (giveUp ? 'refused' : 'failed') : r.status) as ItemStatus,
            ...(r.article ? { articleId: r.article.articleId } : {}),
            ...(r.reason && failed ? { error: r.reason } : {}),
            ...(failed && !giveUp ? { nextTryAt: next(Math.max(ITEM_RETRY_MS * 2 ** (tries - 1), r.retryAfterMs ?? 0)) } : {}),
          };
        }),
      );
    }
    // New items left for the next poll (over the per-poll cap) are only found if it reads the feed in full.
    const waiting = fresh.length > chosen.length;
    if (children) store.setChildSitemaps(feed.url, waiting ? children.map((c) => ({ url: c.url })) : children);
    store.recordPoll(feed.url, {
      now: stamp,
      status: page?.notModified ? 'not-modified' : 'ok',
      ...(waiting ? { clearValidators: true } : {}),
      ...(!waiting && page?.etag ? { etag: page.etag } : {}),
      ...(!waiting && page?.lastModified ? { lastModified: page.lastModified } : {}),
      ...(parsed?.title ? { title: parsed.title } : {}),
      ...(parsed ? { kind: parsed.kind } : {}),
      nextPollAt: next(deps.settings.intervalMs),
    });
    const added = results.filter((r) => r.status === 'added' && r.article).map((r) => r.article as AddedArticle);
    if (urls.length) logger.info(`feeds: ${feed.url}: ${chosen.length} new, ${retries.length} retried, ${added.length} added`);
    return {
      result: { feed: feed.url, status: page?.notModified ? 'not-modified' : 'ok', newItems: chosen.length, results, ...(index ? { index } : {}) },
      added,
    };
  };

  const poll = async (options: { dueOnly?: boolean; signal?: AbortSignal } = {}): Promise<FeedPollReport> => {
    const t0 = performance.now();
    const stamp = now().toISOString();
    const feeds = store.list().filter((f) => !options.dueOnly || !f.nextPollAt || f.nextPollAt <= stamp);
    const results: FeedPollResult[] = [];
    const added: AddedArticle[] = [];
    for (const f of feeds) {
      if (options.signal?.aborted) break;
      // A fault in one feed (or in adding one of its items) is that feed's failed poll; the others are still polled.
      const r = await pollOne(f, options.signal).catch((err: unknown) => {
        logger.error(`feeds: poll of ${f.url} failed unexpectedly`, err);
        return { result: failedPoll(f, now(), err), added: [] };
      });
      results.push(r.result);
      added.push(...r.added);
    }
    return { feeds: results, added, ms: Math.round(performance.now() - t0) };
  };

  return {
    add,
    list: () => store.list().map(info),
    remove: (url) => store.removeFeed(cleanUrl(url)) || store.removeFeed(url.trim()),
    poll,
  };
}
