import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtractedArticle, extractArticle } from '../../src/extract/extract-article.js';
import { createWebClient } from '../../src/fetch/web-client.js';
import { REPO } from '../support/corpus.js';
import { WEB_DATA, type WebServer, hasWebData, startWebServer } from '../support/web-server.js';

interface PageRef {
  kind: 'article' | 'not-article';
  title?: string;
  date?: string;
  time?: string;
  author?: string;
  credit?: string;
  canonical?: string;
  lang?: string;
  /** The place whose clock the page prints, when not Vietnam's. */
  zone?: string;
  paragraphs?: string[];
  captions?: string[];
}

const refs = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'web-pages.json'), 'utf8')).pages as Record<string, PageRef>;
const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const opens = (text: string, prefix: string) => norm(text).startsWith(norm(prefix));

/** Paragraph precision and recall: a paragraph matches a reference when it opens with its words, in order. */
function score(got: string[], want: string[]): { precision: number; recall: number } {
  const matched = new Set<number>();
  let good = 0;
  for (const p of got) {
    const i = want.findIndex((w, k) => !matched.has(k) && opens(p, w));
    if (i >= 0) {
      matched.add(i);
      good++;
    }
  }
  return { precision: got.length ? good / got.length : 0, recall: want.length ? matched.size / want.length : 1 };
}

describe.skipIf(!hasWebData)('extraction of the saved pages, fetched from a loopback site', () => {
  let web: WebServer;
  const results: Record<string, { ok: true; article: ExtractedArticle } | { ok: false; reason: string }> = {};
  const table: string[] = [];

  beforeAll(async () => {
    web = await startWebServer();
    // Every page is served under its own host and path; the fetcher resolves those names to the loopback server.
    const client = createWebClient(
      { userAgent: 'kiemchung-test', timeoutMs: 10_000, maxBytes: 5_000_000, maxRedirects: 3, allowPrivate: false, hostIntervalMs: 0 },
      { resolve: async () => [{ address: '127.0.0.1', family: 4 }], addressAllowed: (ip) => ip === '127.0.0.1' },
    );
    for (const name of Object.keys(refs)) {
      const sidecar = JSON.parse(fs.readFileSync(path.join(WEB_DATA, 'html', `${name}.json`), 'utf8')) as { url: string | null };
      const original = new URL(sidecar.url ?? `http://${name}.example/article/1.html`);
      web.set(`${original.hostname}${original.pathname}${original.search}`, {
        headers: { 'content-type': 'text/html' },
        body: fs.readFileSync(path.join(WEB_DATA, 'html', `${name}.html`)),
      });
      const url = `${original.protocol === 'https:' ? 'http:' : original.protocol}//${original.hostname}:${web.port}${original.pathname}${original.search}`;
      const page = await client({ url, expect: 'html' });
      // Extract with the page's real address, as a live fetch would have it; zoned metadata
      // timestamps read on the clock the page prints, as the reference has them.
      results[name] = extractArticle(page.text, sidecar.url ?? url, {
        now: new Date('2026-06-01T00:00:00Z'),
        ...(refs[name]?.zone ? { timeZone: refs[name].zone } : {}),
      });
    }
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    if (table.length) console.log(`paragraph precision / recall per page:\n${table.join('\n')}`);
  });

  for (const [name, ref] of Object.entries(refs)) {
    if (ref.kind === 'not-article') {
      it(`refuses ${name} as not an article, with the reason`, () => {
        const r = results[name];
        expect(r?.ok).toBe(false);
        // What a reader would say the page is: a home page, a forum thread, an empty page, a product page without a date.
        const why: Record<string, RegExp> = {
          'vnexpress-3': /home page/,
          'tuoitre-2': /home page/,
          'thanhnien-2': /home page/,
          'tinhte-1': /discussion thread/,
          'empty-1': /empty/,
          'mozilla-1': /no publication date/,
        };
        if (r && !r.ok) expect(r.reason).toMatch(why[name] ?? /./);
      });
      continue;
    }
    it(`extracts ${name}: title, date, first and last paragraph, captions apart`, () => {
      const r = results[name];
      if (!r?.ok) throw new Error(`${name} refused: ${r?.reason}`);
      const a = r.article;
      const want = ref.paragraphs as string[];
      const { precision, recall } = score(a.paragraphs, want);
      table.push(`  ${name.padEnd(18)} P=${precision.toFixed(2)} R=${recall.toFixed(2)} (${a.paragraphs.length} extracted, ${want.length} in the reference)`);
      expect(norm(a.title)).toBe(norm(ref.title as string));
      expect(a.date).toBe(ref.date);
      if (ref.time) expect(a.time).toBe(ref.time);
      if (ref.author) expect(a.author).toBe(ref.author);
      if (ref.credit) expect(a.credit).toBe(ref.credit);
      if (ref.canonical) expect(a.canonicalUrl).toBe(ref.canonical);
      expect(a.lang).toBe(ref.lang);
      expect(opens(a.paragraphs[0] as string, want[0] as string), `first paragraph: ${a.paragraphs[0]?.slice(0, 80)}`).toBe(true);
      expect(opens(a.paragraphs.at(-1) as string, want.at(-1) as string), `last paragraph: ${a.paragraphs.at(-1)?.slice(0, 80)}`).toBe(true);
      for (const c of ref.captions ?? []) {
        expect(
          a.captions.some((x) => opens(x, c)),
          `caption "${c}" kept as a caption`,
        ).toBe(true);
        expect(
          a.paragraphs.some((x) => opens(x, c)),
          `caption "${c}" not in the body`,
        ).toBe(false);
      }
      expect(recall).toBeGreaterThanOrEqual(0.9);
      expect(precision).toBeGreaterThanOrEqual(0.8);
    });
  }
});
