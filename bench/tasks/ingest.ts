import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { peakRssMiB, task } from '../child.js';
import { benchItem, benchFeed, benchPage } from '../ingest-pages.js';

export interface IngestInput {
  /** A Markdown corpus folder (changed by the task: pages are added to it). */
  corpus: string;
  indexDir: string;
  /** Single-page adds to time. */
  singles: number;
  /** Items of the feed polled at once. */
  feedItems: number;
  /** Least time between two requests to the test site (the product's default pace unless told). */
  hostIntervalMs: number;
}

export interface IngestResult {
  articlesBefore: number;
  /** Engine start with the index brought up to date (not part of the targets). */
  startMs: number;
  /** One page: from the response's last byte to the first search that finds the article. */
  single: { responseToAnswerableMs: number[]; addMs: number[]; indexMs: number[]; ok: number };
  /** A feed of new items: from the start of the poll to all items answerable. */
  feed: { items: number; added: number; pollMs: number; pollToAllAnswerableMs: number; indexMs: number; answerable: number };
  articlesAfter: number;
  peakRssMiB: number;
}

interface Site {
  url: string;
  /** When the last byte of a path's latest response went out (performance.now of this process). */
  sent: Map<string, number>;
  pages: Map<string, string>;
  close(): Promise<void>;
}

async function startSite(): Promise<Site> {
  const pages = new Map<string, string>();
  const sent = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    if (body === undefined) return void res.writeHead(404).end();
    const type = req.url?.endsWith('.rss') ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8';
    res.on('finish', () => sent.set(req.url ?? '', performance.now()));
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, sent, pages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Whether a search for the item's own phrase finds its article first. */
async function answerable(engine: Engine, n: number, articleId: string | undefined): Promise<boolean> {
  const hits = await engine.search(benchItem(n).phrase, { topK: 3 });
  return hits[0]?.articleId === articleId;
}

/** `add` of single pages, then one poll of a feed of new items, on an existing corpus and index. */
task<IngestInput, IngestResult>(async (input) => {
  const site = await startSite();
  const feedsDb = path.join(path.dirname(input.indexDir), 'bench-feeds.sqlite');
  fs.rmSync(feedsDb, { force: true });
  const env = {
    KIEMCHUNG_FETCH_ALLOW_PRIVATE: '1',
    KIEMCHUNG_FETCH_HOST_INTERVAL_MS: String(input.hostIntervalMs),
    KIEMCHUNG_FEEDS_DB: feedsDb,
    KIEMCHUNG_FEED_MAX_NEW: String(Math.max(50, input.feedItems)),
    KIEMCHUNG_LOG_LEVEL: 'silent',
  };
  const t0 = performance.now();
  const engine = await createEngine({ config: { corpus: input.corpus, indexDir: input.indexDir }, env, logger: silentLogger });
  const startMs = performance.now() - t0;
  const articlesBefore = engine.stats().articles;
  try {
    const single: IngestResult['single'] = { responseToAnswerableMs: [], addMs: [], indexMs: [], ok: 0 };
    for (let i = 0; i < input.singles; i++) {
      const n = 1_000_000 + i;
      const p = `/tin-tuc/${benchItem(n).slug}.htm`;
      site.pages.set(p, benchPage(n));
      const a0 = performance.now();
      const report = await engine.add([`${site.url}${p}`]);
      const r = report.results[0];
      const ok = r?.status === 'added' && (await answerable(engine, n, r.article?.articleId));
      const done = performance.now();
      single.addMs.push(done - a0);
      single.responseToAnswerableMs.push(done - (site.sent.get(p) ?? a0));
      single.indexMs.push(report.index?.ms ?? 0);
      if (ok) single.ok++;
    }

    const items = Array.from({ length: input.feedItems }, (_, i) => 2_000_000 + i);
    const feedPath = '/rss/tin-tuc-su-kien.rss';
    site.pages.set(feedPath, benchFeed(site.url, []));
    const followed = await engine.feeds.add(`${site.url}${feedPath}`);
    if (!followed.ok) throw new Error(followed.reason);
    for (const n of items) site.pages.set(`/tin-tuc/${benchItem(n).slug}.htm`, benchPage(n));
    site.pages.set(feedPath, benchFeed(site.url, items));
    const p0 = performance.now();
    const poll = await engine.feeds.poll();
    const pollMs = performance.now() - p0;
    const ids = new Map(poll.added.map((a) => [a.title, a.articleId]));
    let ok = 0;
    for (const n of items) if (await answerable(engine, n, ids.get(benchItem(n).title))) ok++;
    const all = performance.now() - p0;
    return {
      articlesBefore,
      startMs,
      single,
      feed: { items: items.length, added: poll.added.length, pollMs, pollToAllAnswerableMs: all, indexMs: poll.feeds[0]?.index?.ms ?? 0, answerable: ok },
      articlesAfter: engine.stats().articles,
      peakRssMiB: peakRssMiB(),
    };
  } finally {
    await engine.close();
    await site.close();
  }
});
