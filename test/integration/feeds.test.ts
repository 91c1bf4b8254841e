import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedStore } from '../../src/feeds/feed-store.js';
import { createFeeds } from '../../src/feeds/feeds.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { createWebClient } from '../../src/fetch/web-client.js';
import { runCli } from '../../src/cli/main.js';
import { type Engine, type FeedPollReport, createEngine, silentLogger } from '../../src/index.js';
import { copyCorpus, tempDir } from '../support/corpus.js';
import { newPortalPage, rssFeed, seriesPage } from '../support/news-pages.js';
import { type Handler, WEB_DATA, type WebServer, hasWebData, html, savedFeed, startWebServer } from '../support/web-server.js';

const BASE_ENV = {
  KIEMCHUNG_FETCH_ALLOW_PRIVATE: '1',
  KIEMCHUNG_FETCH_HOST_INTERVAL_MS: '0',
  KIEMCHUNG_FETCH_TIMEOUT_MS: '2000',
  KIEMCHUNG_LOG_LEVEL: 'silent',
};

/** A feed route that answers conditional requests: 304 when the client already has this version. */
function conditional(body: () => string, etag: () => string, type = 'application/rss+xml; charset=utf-8'): Handler {
  return (req, res) => {
    if (req.headers['if-none-match'] === etag()) return void res.writeHead(304, { etag: etag() }).end();
    res.writeHead(200, { 'content-type': type, etag: etag(), 'last-modified': 'Mon, 02 Jun 2025 08:00:00 GMT' }).end(body());
  };
}

let web: WebServer;
beforeAll(async () => {
  web = await startWebServer();
});
afterAll(() => web?.close());

/** Serves items 0..n-1 of the news series and returns their feed entries. */
function serveSeries(from: number, to: number) {
  const out: { title: string; link: string; pubDate: string }[] = [];
  for (let n = from; n < to; n++) {
    const s = seriesPage(n);
    web.set(s.path, html(newPortalPage(s.page, s.iso)));
    out.push({ title: s.page.title, link: web.url(s.path), pubDate: new Date(Date.parse(s.iso) + n * 60_000).toUTCString() });
  }
  return out;
}

describe.skipIf(!hasWebData)('the saved feeds and sitemaps, fetched from a loopback site', () => {
  it('reads every one: RSS 2.0, RSS 1.0, Atom, sitemaps, the Latin-1 feed without a declaration', async () => {
    const client = createWebClient({
      userAgent: 'kiemchung-test',
      timeoutMs: 5000,
      maxBytes: 5_000_000,
      maxRedirects: 3,
      allowPrivate: true,
      hostIntervalMs: 0,
    });
    const files = fs.readdirSync(path.join(WEB_DATA, 'feeds')).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const f of files) {
      const meta = JSON.parse(fs.readFileSync(path.join(WEB_DATA, 'feeds', f.replace(/\.xml$/, '.json')), 'utf8')) as { items: number; kind: string };
      // Served the way such files often are: a generic XML type and no charset.
      web.set(`/feeds/${f}`, { headers: { 'content-type': 'application/xml' }, body: savedFeed(f) });
      const page = await client({ url: web.url(`/feeds/${f}`), expect: 'feed' });
      const parsed = parseFeed(page.text, page.url);
      if (!parsed.ok) throw new Error(`${f}: ${parsed.reason}`);
      expect(parsed.feed.items.length, f).toBe(meta.items);
      for (const item of parsed.feed.items) {
        expect(item.url, f).toMatch(/^https?:\/\/[^/]+\//);
        expect(item.title ?? '', f).not.toContain('\uFFFD');
      }
      expect(
        parsed.feed.items.every((i) => i.date),
        `${f}: every item dated`,
      ).toBe(true);
      if (f === 'uol-noticias.xml') expect(parsed.feed.items.map((i) => i.title).join(' ')).toMatch(/[áãçéêíóõú]/);
      // Relative links resolve against the address the feed came from.
      if (f === 'huggingface-blog-relative.xml') expect(parsed.feed.items[0]?.url).toBe(web.url('/blog/intro-graphml'));
      if (f.startsWith('vnexpress')) expect(parsed.feed.items[0]?.title).toMatch(/^Một tuần Hà Nội có 1\.400 người bệnh/);
    }
  });
});

describe('following feeds', () => {
  let engine: Engine;
  let corpus: string;
  beforeAll(async () => {
    corpus = copyCorpus();
    const indexDir = tempDir('kc-feeds-index-');
    engine = await createEngine({
      config: { corpus, indexDir },
      env: { ...BASE_ENV, KIEMCHUNG_FEEDS_DB: path.join(indexDir, '..', `${path.basename(indexDir)}.sqlite`) },
      logger: silentLogger,
    });
  });
  afterAll(() => engine?.close());

  it('adds only what appears after the feed was followed, with conditional requests in between', async () => {
    let entries = serveSeries(0, 5);
    let version = 1;
    web.set(
      '/rss/tin-tuc-su-kien.rss',
      conditional(
        () => rssFeed(entries),
        () => `"v${version}"`,
      ),
    );
    const added = await engine.feeds.add(web.url('/rss/tin-tuc-su-kien.rss'));
    expect(added).toMatchObject({ ok: true, items: 5, backfill: 0 });
    expect((await engine.feeds.add(web.url('/rss/tin-tuc-su-kien.rss'))).ok).toBe(false);

    const quiet = await engine.feeds.poll();
    expect(quiet.feeds[0]).toMatchObject({ status: 'not-modified', newItems: 0 });
    expect(web.hits('/rss/tin-tuc-su-kien.rss').at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(web.hits('/rss/tin-tuc-su-kien.rss').at(-1)?.headers['if-modified-since']).toBe('Mon, 02 Jun 2025 08:00:00 GMT');

    entries = [...serveSeries(5, 7), ...entries];
    version = 2;
    const before = engine.stats().articles;
    const report = await engine.feeds.poll();
    expect(report.feeds[0]).toMatchObject({ status: 'ok', newItems: 2 });
    expect(report.added.map((a) => a.title)).toEqual([seriesPage(5).page.title, seriesPage(6).page.title]);
    expect(engine.stats().articles).toBe(before + 2);
    const answer = await engine.ask('Mã số nghiên cứu chung của bản tin số 6 là gì?');
    expect(answer.citations[0]?.articleId).toBe(report.added[1]?.articleId);
    expect((await engine.feeds.poll()).added).toEqual([]);
    const info = engine.feeds.list().find((f) => f.url === web.url('/rss/tin-tuc-su-kien.rss'));
    expect(info).toMatchObject({ title: 'Tin tức - Sự kiện', kind: 'rss', lastStatus: 'not-modified', failures: 0, items: 7 });
  });

  it('records a feed item whose page fails, gives up on a missing page, and backs off from a failing feed', async () => {
    const ok = serveSeries(10, 11);
    const entries = [
      ...ok,
      { title: 'Trang lỗi máy chủ', link: web.url('/hop-tac-loi-500.htm'), pubDate: 'Mon, 02 Jun 2025 09:00:00 GMT' },
      { title: 'Trang đã xóa', link: web.url('/hop-tac-da-xoa.htm'), pubDate: 'Mon, 02 Jun 2025 09:05:00 GMT' },
    ];
    web.set('/hop-tac-loi-500.htm', { status: 500 });
    web.set('/rss/loi.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed(entries) });
    expect((await engine.feeds.add(web.url('/rss/loi.rss'), { backfill: 3 })).ok).toBe(true);
    const report = await engine.feeds.poll();
    const feed = report.feeds.find((f) => f.feed === web.url('/rss/loi.rss'));
    const byUrl = new Map(feed?.results.map((r) => [r.url, r]));
    expect(byUrl.get(ok[0]?.link as string)?.status).toBe('added');
    expect(byUrl.get(web.url('/hop-tac-loi-500.htm'))).toMatchObject({ status: 'failed', httpStatus: 500 });
    expect(byUrl.get(web.url('/hop-tac-da-xoa.htm'))).toMatchObject({ status: 'failed', httpStatus: 404 });

    // The feed itself fails: it is backed off and the schedule skips it until then.
    web.set('/rss/loi.rss', { status: 503, headers: { 'retry-after': '7200' } });
    const failing = await engine.feeds.poll();
    const f = failing.feeds.find((x) => x.feed === web.url('/rss/loi.rss'));
    expect(f?.status).toBe('error');
    expect(f?.error).toMatch(/\/rss\/loi\.rss: the site failed \(HTTP 503\)/);
    const state = engine.feeds.list().find((x) => x.url === web.url('/rss/loi.rss'));
    expect(state?.failures).toBe(1);
    expect(Date.parse(state?.nextPollAt as string) - Date.now()).toBeGreaterThan(7_000_000);
    const due = await engine.feeds.poll({ dueOnly: true });
    expect(due.feeds.map((x) => x.feed)).not.toContain(web.url('/rss/loi.rss'));
    expect(engine.feeds.remove(web.url('/rss/loi.rss'))).toBe(true);
    expect(engine.feeds.remove(web.url('/rss/loi.rss'))).toBe(false);
  });

  it('retries a page that failed, later, and stops after a missing page', async () => {
    const store = FeedStore.open(path.join(tempDir('kc-feedstore-'), 'feeds.sqlite'));
    let clock = Date.parse('2025-06-02T10:00:00Z');
    const fetch = createWebClient({
      userAgent: 'kiemchung-test',
      timeoutMs: 2000,
      maxBytes: 5_000_000,
      maxRedirects: 3,
      allowPrivate: true,
      hostIntervalMs: 0,
    });
    const feeds = createFeeds({
      store,
      fetch,
      add: (urls, signal) => engine.add(urls, signal ? { signal } : {}),
      settings: { intervalMs: 15 * 60_000, maxNewPerPoll: 50 },
      logger: silentLogger,
      now: () => new Date(clock),
    });
    web.set('/flaky.htm', { status: 502 });
    web.set('/gone.htm', { status: 410 });
    web.set('/rss/flaky.rss', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed([
        { title: 'a', link: web.url('/flaky.htm') },
        { title: 'b', link: web.url('/gone.htm') },
      ]),
    });
    expect((await feeds.add(web.url('/rss/flaky.rss'), { backfill: 2 })).ok).toBe(true);
    await feeds.poll();
    expect(store.items(web.url('/rss/flaky.rss')).map((i) => [i.url.replace(web.origin, ''), i.status, i.attempts])).toEqual([
      ['/flaky.htm', 'failed', 1],
      ['/gone.htm', 'refused', 1],
    ]);
    // Not yet due: the retry waits half an hour.
    const hits = web.hits('/flaky.htm').length;
    await feeds.poll();
    expect(web.hits('/flaky.htm').length).toBe(hits);
    clock += 31 * 60_000;
    const s = seriesPage(20);
    web.set('/flaky.htm', html(newPortalPage(s.page, s.iso)));
    const r = await feeds.poll();
    expect(r.added.map((a) => a.title)).toEqual([s.page.title]);
    expect(store.items(web.url('/rss/flaky.rss')).find((i) => i.url.endsWith('/flaky.htm'))).toMatchObject({ status: 'added', attempts: 2 });
    expect(web.hits('/gone.htm')).toHaveLength(1);
    store.close();
  });

  it('refuses an item with no markup and goes on with the feed and the feeds after it', async () => {
    const [good] = serveSeries(40, 41);
    web.set('/hong-bao-tri.htm', { headers: { 'content-type': 'text/html' }, body: 'Service Unavailable' });
    web.set('/rss/hong.rss', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rssFeed([{ title: 'Bảo trì', link: web.url('/hong-bao-tri.htm') }, ...(good ? [good] : [])]),
    });
    const [later] = serveSeries(41, 42);
    web.set('/rss/sau.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed(later ? [later] : []) });
    expect((await engine.feeds.add(web.url('/rss/hong.rss'), { backfill: 2 })).ok).toBe(true);
    expect((await engine.feeds.add(web.url('/rss/sau.rss'), { backfill: 1 })).ok).toBe(true);
    const report = await engine.feeds.poll();
    const broken = report.feeds.find((f) => f.feed === web.url('/rss/hong.rss'));
    expect(broken?.status).toBe('ok');
    expect(broken?.results.find((r) => r.url === web.url('/hong-bao-tri.htm'))).toMatchObject({ status: 'refused' });
    expect(report.added.map((a) => a.title)).toEqual([seriesPage(40).page.title, seriesPage(41).page.title]);
    expect(engine.feeds.list().find((f) => f.url === web.url('/rss/hong.rss'))).toMatchObject({ lastStatus: 'ok', failures: 0 });
    engine.feeds.remove(web.url('/rss/hong.rss'));
    engine.feeds.remove(web.url('/rss/sau.rss'));
  });

  it('records a feed whose items cannot be added as a failed poll, and still polls the others', async () => {
    const store = FeedStore.open(path.join(tempDir('kc-feedstore-'), 'feeds.sqlite'));
    const [a, b] = serveSeries(42, 44);
    web.set('/rss/a.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed(a ? [a] : []) });
    web.set('/rss/b.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed(b ? [b] : []) });
    const feeds = createFeeds({
      store,
      fetch: createWebClient({ userAgent: 'kiemchung-test', timeoutMs: 2000, maxBytes: 5_000_000, maxRedirects: 3, allowPrivate: true, hostIntervalMs: 0 }),
      add: async (urls) => {
        if (urls.includes(a?.link as string)) throw new Error('the corpus folder is read-only');
        return { results: urls.map((url) => ({ url, status: 'unchanged' as const })), ms: 0 };
      },
      settings: { intervalMs: 15 * 60_000, maxNewPerPoll: 50 },
      logger: silentLogger,
    });
    expect((await feeds.add(web.url('/rss/a.rss'), { backfill: 1 })).ok).toBe(true);
    expect((await feeds.add(web.url('/rss/b.rss'), { backfill: 1 })).ok).toBe(true);
    const report = await feeds.poll();
    expect(report.feeds.map((f) => [f.feed, f.status])).toEqual([
      [web.url('/rss/a.rss'), 'error'],
      [web.url('/rss/b.rss'), 'ok'],
    ]);
    expect(report.feeds[0]?.error).toMatch(/read-only/);
    expect(store.get(web.url('/rss/a.rss'))).toMatchObject({ lastStatus: 'error', failures: 1 });
    expect(store.items(web.url('/rss/b.rss')).map((i) => i.status)).toEqual(['unchanged']);
    store.close();
  });

  it('delivers the items asked for with --backfill from a feed that answers conditional requests', async () => {
    const entries = serveSeries(50, 53);
    web.set(
      '/rss/backfill.rss',
      conditional(
        () => rssFeed(entries),
        () => '"b1"',
      ),
    );
    expect(await engine.feeds.add(web.url('/rss/backfill.rss'), { backfill: 2 })).toMatchObject({ ok: true, backfill: 2 });
    const report = await engine.feeds.poll();
    expect(web.hits('/rss/backfill.rss').at(-1)?.headers['if-none-match']).toBeUndefined();
    expect(report.feeds.find((f) => f.feed === web.url('/rss/backfill.rss'))).toMatchObject({ status: 'ok', newItems: 2 });
    expect(report.added.map((a) => a.title)).toEqual([seriesPage(51).page.title, seriesPage(52).page.title]);
    // Then the validators are used again.
    expect((await engine.feeds.poll()).feeds.find((f) => f.feed === web.url('/rss/backfill.rss'))?.status).toBe('not-modified');
    engine.feeds.remove(web.url('/rss/backfill.rss'));
  });

  it('finds new items over the per-poll cap on the next poll, though the feed has not changed since', async () => {
    const store = FeedStore.open(path.join(tempDir('kc-feedstore-'), 'feeds.sqlite'));
    const entries = serveSeries(54, 57);
    web.set(
      '/rss/cap.rss',
      conditional(
        () => rssFeed(entries),
        () => '"c1"',
      ),
    );
    const feeds = createFeeds({
      store,
      fetch: createWebClient({ userAgent: 'kiemchung-test', timeoutMs: 2000, maxBytes: 5_000_000, maxRedirects: 3, allowPrivate: true, hostIntervalMs: 0 }),
      add: (urls, signal) => engine.add(urls, signal ? { signal } : {}),
      settings: { intervalMs: 15 * 60_000, maxNewPerPoll: 2 },
      logger: silentLogger,
    });
    expect((await feeds.add(web.url('/rss/cap.rss'), { backfill: 3 })).ok).toBe(true);
    const first = await feeds.poll();
    expect(first.feeds[0]?.newItems).toBe(2);
    const second = await feeds.poll();
    expect(second.feeds[0]).toMatchObject({ status: 'ok', newItems: 1 });
    expect(store.items(web.url('/rss/cap.rss')).map((i) => i.status)).toEqual(['added', 'added', 'added']);
    expect((await feeds.poll()).feeds[0]?.status).toBe('not-modified');
    store.close();
  });

  it("reads a sitemap index's sitemaps on every poll, each with its own validators, while the index is unchanged", async () => {
    const first = serveSeries(60, 62);
    let listed = first;
    const urlset = () =>
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${listed.map((i) => `<url><loc>${i.link}</loc><lastmod>2025-06-01</lastmod></url>`).join('')}</urlset>`;
    web.set(
      '/sitemaps/tin-2025-06.xml',
      conditional(urlset, () => `"s${listed.length}"`, 'text/xml'),
    );
    web.set(
      '/sitemaps/index.xml',
      conditional(
        () =>
          `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${web.url('/sitemaps/tin-2025-06.xml')}</loc></sitemap></sitemapindex>`,
        () => '"index-1"',
        'text/xml',
      ),
    );
    expect(await engine.feeds.add(web.url('/sitemaps/index.xml'))).toMatchObject({ ok: true, items: 2 });
    const quiet = await engine.feeds.poll();
    expect(quiet.feeds.find((f) => f.feed === web.url('/sitemaps/index.xml'))).toMatchObject({ status: 'not-modified', newItems: 0 });
    expect(web.hits('/sitemaps/tin-2025-06.xml').at(-1)?.headers['if-none-match']).toBe('"s2"');

    listed = [...first, ...serveSeries(62, 63)];
    const report = await engine.feeds.poll();
    expect(report.feeds.find((f) => f.feed === web.url('/sitemaps/index.xml'))).toMatchObject({ status: 'not-modified', newItems: 1 });
    expect(report.added.map((a) => a.title)).toEqual([seriesPage(62).page.title]);
    expect(web.hits('/sitemaps/index.xml').at(-1)?.headers['if-none-match']).toBe('"index-1"');
    expect(web.hits('/sitemaps/tin-2025-06.xml').at(-1)?.headers['if-none-match']).toBe('"s2"');
    await engine.feeds.poll();
    expect(web.hits('/sitemaps/tin-2025-06.xml').at(-1)?.headers['if-none-match']).toBe('"s3"');
    engine.feeds.remove(web.url('/sitemaps/index.xml'));
  });

  it('follows Atom feeds, news sitemaps, sitemap indexes, and the feed a web page names', async () => {
    const items = serveSeries(30, 33);
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><link href="${web.origin}/"/>${items
      .map(
        (i) =>
          `<entry><title>${i.title}</title><link rel="alternate" href="${i.link.replace(web.origin, '')}"/><updated>2025-06-01T00:00:00Z</updated></entry>`,
      )
      .join('')}</feed>`;
    web.set('/atom.xml', { headers: { 'content-type': 'application/atom+xml' }, body: atom });
    const news = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${items
      .map(
        (i) =>
          `<url><loc>${i.link}</loc><news:news><news:publication_date>2025-06-01</news:publication_date><news:title>${i.title}</news:title></news:news></url>`,
      )
      .join('')}</urlset>`;
    web.set('/sitemap-news.xml', { headers: { 'content-type': 'text/xml' }, body: news });
    web.set('/sitemap.xml', {
      headers: { 'content-type': 'text/xml' },
      body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${web.url('/sitemap-news.xml')}</loc></sitemap></sitemapindex>`,
    });
    web.set(
      '/trang-chu.htm',
      html(`<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body><h1>Trang chủ</h1></body></html>`),
    );
    const viaPage = await engine.feeds.add(web.url('/trang-chu.htm'), { backfill: 1 });
    expect(viaPage).toMatchObject({ ok: true, discovered: web.url('/atom.xml'), items: 3, backfill: 1 });
    const index = await engine.feeds.add(web.url('/sitemap.xml'));
    expect(index).toMatchObject({ ok: true, items: 3 });
    if (index.ok) expect(index.feed.kind).toBe('sitemap-index');
    const report = await engine.feeds.poll();
    expect(report.added).toHaveLength(1);
    const notFeed = await engine.feeds.add(web.url('/hop-tac-da-xoa-khong-co.htm'));
    expect(notFeed).toMatchObject({ ok: false });
    if (!notFeed.ok) expect(notFeed.reason).toMatch(/not found \(HTTP 404\)/);
  });

  it('adds a feed of 50 new items in one poll, and announces them through the schedule', async () => {
    const db = path.join(tempDir('kc-feedwatch-'), 'feeds.sqlite');
    const watcher = await createEngine({
      config: { corpus, indexDir: tempDir('kc-feedwatch-index-') },
      env: { ...BASE_ENV, KIEMCHUNG_FEEDS_DB: db, KIEMCHUNG_FEED_POLL_MINUTES: '1' },
      logger: silentLogger,
    });
    try {
      const entries = serveSeries(100, 150);
      web.set('/rss/nam-muoi.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed(entries) });
      expect((await watcher.feeds.add(web.url('/rss/nam-muoi.rss'), { backfill: 50 })).ok).toBe(true);
      const report = await new Promise<FeedPollReport>((resolve) => {
        const watch = watcher.watchFeeds((r) => {
          resolve(r);
          void watch?.stop();
        });
      });
      expect(report.added).toHaveLength(50);
      expect(report.feeds[0]?.index?.added).toBe(50);
      expect(new Set(report.added.map((a) => a.articleId)).size).toBe(50);
    } finally {
      await watcher.close();
    }
  }, 120_000);
});

describe('kiemchung feed', () => {
  it('adds, lists, polls and removes a feed', async () => {
    const dir = copyCorpus();
    const idx = tempDir('kc-feed-cli-');
    const db = path.join(idx, 'feeds.sqlite');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: BASE_ENV, stdin: process.stdin };
    const entries = serveSeries(200, 202);
    web.set('/rss/cli.rss', { headers: { 'content-type': 'application/rss+xml' }, body: rssFeed(entries) });
    const common = ['--corpus', dir, '--index', idx, '--feeds-db', db];
    expect(await runCli(['feed', 'add', web.url('/rss/cli.rss'), '--backfill', '1', ...common], io), err.join('\n')).toBe(0);
    expect(out.join('\n')).toMatch(/following http:\/\/127\.0\.0\.1:\d+\/rss\/cli\.rss \(Tin tức - Sự kiện\): rss, 2 items now/);
    out.length = 0;
    expect(await runCli(['feed', 'poll', ...common], io)).toBe(0);
    expect(out.join('\n')).toMatch(/1 new \(1 added\)/);
    expect(out.join('\n')).toContain(seriesPage(201).page.title);
    out.length = 0;
    expect(await runCli(['feed', 'list', ...common], io)).toBe(0);
    expect(out.join('\n')).toMatch(/rss · 2 items/);
    out.length = 0;
    expect(await runCli(['feed', 'remove', web.url('/rss/cli.rss'), ...common], io)).toBe(0);
    expect(await runCli(['feed', 'remove', web.url('/rss/cli.rss'), ...common], io)).toBe(1);
    expect(await runCli(['feed', 'frobnicate', ...common], io)).toBe(2);
  });
});
