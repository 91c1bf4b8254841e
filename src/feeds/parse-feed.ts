import { lazyModule } from '../lazy-module.js';
import { normalizeSpace } from '../text/normalize.js';
import { parseTimestamp } from '../text/parse-timestamp.js';

/** What a feed URL turned out to be. */
export type FeedKind = 'rss' | 'rdf' | 'atom' | 'sitemap' | 'sitemap-index';

export interface FeedItem {
  /** Absolute http(s) URL of the article. */
  url: string;
  title?: string;
  /** Publication date as the feed gives it (YYYY-MM-DD), when it does. */
  date?: string;
  /** For ordering: milliseconds since the epoch, when the feed dates the item. */
  ms?: number;
}

export interface ParsedFeed {
  kind: FeedKind;
  title?: string;
  /** The site the feed belongs to, when it says. */
  link?: string;
  items: FeedItem[];
  /** For a sitemap index: the sitemaps it lists. */
  sitemaps: string[];
}

export type FeedParse = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

/** Items read from one document at most (a news sitemap holds at most 1,000, a plain one 50,000). */
export const MAX_FEED_ITEMS = 50_000;

type Node = Record<string, unknown>;

const xml = lazyModule<typeof import('fast-xml-parser')>('fast-xml-parser');
let made: import('fast-xml-parser').XMLParser | null = null;
/** The parser, made when the first feed is read. */
const parser = () =>
  (made ??= new (xml().XMLParser)({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    trimValues: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'link'].includes(name),
  }));

function arr<T>(v: T | T[] | undefined): T[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** The text of an element that may carry attributes (`{ '#text': …, '@type': 'html' }`). */
function text(v: unknown): string {
  if (typeof v === 'string') return normalizeSpace(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (v && typeof v === 'object') return text((v as Node)['#text']);
  return '';
}

function absolute(href: string, base: string | undefined): string | null {
  const h = href.trim();
  if (!h) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

function dated(item: FeedItem, raw: string): FeedItem {
  const t = raw ? parseTimestamp(raw) : null;
  return t ? { ...item, date: t.date, ms: t.ms } : item;
}

/**
 * Reads RSS 2.0 (with or without its version attribute), RSS 1.0/RDF, Atom, sitemaps (plain and
 * Google News) and sitemap indexes, with fast-xml-parser. Relative links are resolved against
 * the document's xml:base, its channel link or the URL it came from. Documents that declare XML
 * entities are refused (feeds never need them; expanding them is a known attack).
 */
export function parseFeed(xml: string, url: string): FeedParse {
  if (/<!ENTITY/i.test(xml.slice(0, 20_000))) return { ok: false, reason: 'the document declares XML entities, which feeds never need; refused' };
  let doc: Node;
  try {
    doc = parser().parse(xml) as Node;
  } catch (err) {
    return { ok: false, reason: `not well-formed XML (${String((err as Error).message ?? err).split('\n')[0]})` };
  }
  const items: FeedItem[] = [];
  const push = (item: FeedItem | null) => {
    if (item && items.length < MAX_FEED_ITEMS && !items.some((x) => x.url === item.url)) items.push(item);
  };

  const rss = doc.rss as Node | undefined;
  if (rss && typeof rss === 'object') {
    const channel = (arr(rss.channel as Node)[0] ?? {}) as Node;
    const link = arr(channel.link as unknown[])
      .map(text)
      .find((l) => /^https?:\/\//.test(l));
    const base = absolute(link ?? '', url) ?? url;
    for (const it of arr(channel.item as Node[])) {
      const guid = it.guid as Node | string | undefined;
      const guidUrl = typeof guid === 'object' && guid && guid['@isPermaLink'] !== 'false' ? text(guid) : typeof guid === 'string' ? guid : '';
      const href =
        arr(it.link as unknown[])
          .map(text)
          .find(Boolean) ?? guidUrl;
      const u = absolute(href ?? '', base);
      if (!u) continue;
      push(dated({ url: u, ...(text(it.title) ? { title: text(it.title) } : {}) }, text(it.pubDate) || text(it.date)));
    }
    return { ok: true, feed: { kind: 'rss', ...(text(channel.title) ? { title: text(channel.title) } : {}), ...(link ? { link } : {}), items, sitemaps: [] } };
  }

  const rdf = doc.RDF as Node | undefined;
  if (rdf && typeof rdf === 'object') {
    const channel = (arr(rdf.channel as Node)[0] ?? {}) as Node;
    const link = arr(channel.link as unknown[])
      .map(text)
      .find(Boolean);
    const base = absolute(link ?? '', url) ?? url;
    for (const it of arr(rdf.item as Node[])) {
      const u = absolute(
        arr(it.link as unknown[])
          .map(text)
          .find(Boolean) ?? text(it['@about']),
        base,
      );
      if (!u) continue;
      push(dated({ url: u, ...(text(it.title) ? { title: text(it.title) } : {}) }, text(it.date)));
    }
    return { ok: true, feed: { kind: 'rdf', ...(text(channel.title) ? { title: text(channel.title) } : {}), ...(link ? { link } : {}), items, sitemaps: [] } };
  }

  const feed = doc.feed as Node | undefined;
  if (feed && typeof feed === 'object') {
    const base = absolute(text(feed['@base']), url) ?? url;
    const alternate = (links: unknown[]): string | undefined => {
      const ls = links.map((l) => (typeof l === 'string' ? { '@href': l } : (l as Node)));
      const pick = ls.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? ls[0];
      return pick ? text(pick['@href']) : undefined;
    };
    const link = alternate(arr(feed.link as unknown[]));
    for (const e of arr(feed.entry as Node[])) {
      const entryBase = absolute(text(e['@base']), base) ?? base;
      const u = absolute(alternate(arr(e.link as unknown[])) ?? '', entryBase);
      if (!u) continue;
      push(dated({ url: u, ...(text(e.title) ? { title: text(e.title) } : {}) }, text(e.published) || text(e.updated)));
    }
    return {
      ok: true,
      feed: {
        kind: 'atom',
        ...(text(feed.title) ? { title: text(feed.title) } : {}),
        ...(link ? { link: absolute(link, base) ?? link } : {}),
        items,
        sitemaps: [],
      },
    };
  }

  const urlset = doc.urlset as Node | undefined;
  if (urlset && typeof urlset === 'object') {
    for (const u of arr(urlset.url as Node[])) {
      const loc = absolute(text(u.loc), url);
      if (!loc) continue;
      const news = (arr(u.news as Node)[0] ?? null) as Node | null;
      const title = news ? text(news.title) : '';
      push(dated({ url: loc, ...(title ? { title } : {}) }, (news ? text(news.publication_date) : '') || text(u.lastmod)));
    }
    return { ok: true, feed: { kind: 'sitemap', items, sitemaps: [] } };
  }

  const index = doc.sitemapindex as Node | undefined;
  if (index && typeof index === 'object') {
    const sitemaps = arr(index.sitemap as Node[])
      .map((s) => absolute(text(s.loc), url))
      .filter((s): s is string => Boolean(s));
    return { ok: true, feed: { kind: 'sitemap-index', items: [], sitemaps } };
  }

  if (doc.html || doc.HTML) return { ok: false, reason: 'this is a web page, not a feed or sitemap' };
  return { ok: false, reason: 'not an RSS, Atom or sitemap document' };
}
