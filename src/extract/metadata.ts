/// <reference lib="dom" />
// The DOM types describe linkedom's documents (its typings are written against them).
import { normalizeSpace } from '../text/normalize.js';

/**
 * What a page says about itself in markup: JSON-LD (`NewsArticle` and its kin, also inside
 * `@graph`), Open Graph and article:* properties, named meta tags, microdata `itemprop`, the
 * canonical link and the document's language.
 */
export interface PageMetadata {
  /** `<title>`. */
  documentTitle: string;
  ogTitle: string;
  headline: string;
  description: string;
  siteName: string;
  ogType: string;
  /** `<link rel=canonical>`, absolute. */
  canonical: string;
  ogUrl: string;
  /** Published dates as written in markup, best source first. */
  publishedDates: { value: string; from: string }[];
  /** Names given as authors (people and organisations as the page has them). */
  authors: string[];
  /** `<html lang>`, Content-Language, og:locale, JSON-LD inLanguage. */
  declaredLang: string;
  /** True when JSON-LD or og:type say this is an article. */
  saysArticle: boolean;
}

const ARTICLE_TYPES = /^(News|Reportage|Analysis|Opinion|Review|Background|Report|Scholarly|Tech|Satirical)?Article$|^BlogPosting$|^LiveBlogPosting$/;

type Json = Record<string, unknown>;

function asArray<T>(v: T | T[] | undefined | null): T[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  if (typeof v === 'string') return normalizeSpace(v);
  if (typeof v === 'number') return String(v);
  return '';
}

function names(v: unknown): string[] {
  const out: string[] = [];
  for (const x of asArray(v as unknown)) {
    if (typeof x === 'string') out.push(normalizeSpace(x));
    else if (x && typeof x === 'object') {
      const n = text((x as Json).name);
      if (n) out.push(n);
    }
  }
  return out.filter(Boolean);
}

function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 6 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Json;
    out.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
    if (o.mainEntity && typeof o.mainEntity === 'object') visit(o.mainEntity, depth + 1);
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const raw = (s.textContent ?? '')
      .trim()
      .replace(/^(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>$/g, '')
      .replace(/^<!--|-->$/g, '')
      .trim();
    if (!raw) continue;
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // Broken JSON-LD is common (trailing commas, raw newlines): the page's other markup still counts.
      try {
        visit(JSON.parse(raw.replace(/[\r\n\t]+/g, ' ').replace(/,\s*([}\]])/g, '$1')), 0);
      } catch {
        /* ignored */
      }
    }
  }
  return out;
}

function isArticleType(o: Json): boolean {
  return asArray(o['@type'] as string | string[]).some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t.replace(/^.*[/#:]/, '')));
}

export function resolveUrl(href: string | null | undefined, base: string): string {
  if (!href) return '';
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
  } catch {
    return '';
  }
}

export function readMetadata(doc: Document, url: string): PageMetadata {
  const metas = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? m.getAttribute('http-equiv') ?? '').trim().toLowerCase();
    const content = normalizeSpace(m.getAttribute('content') ?? '');
    if (!key || !content) continue;
    if (!metas.has(key)) metas.set(key, content);
    // A tag can carry both a property and an itemprop (itemprop="datePublished" name="pubdate").
    const itemprop = (m.getAttribute('itemprop') ?? '').trim().toLowerCase();
    if (itemprop && !metas.has(itemprop)) metas.set(itemprop, content);
  }
  const meta = (...keys: string[]) => {
    for (const k of keys) {
      const v = metas.get(k);
      if (v) return v;
    }
    return '';
  };
  const ld = jsonLdObjects(doc);
  const article = ld.find(isArticleType);
  const site = ld.find((o) => asArray(o['@type'] as string | string[]).includes('WebSite'));

  const publishedDates: PageMetadata['publishedDates'] = [];
  const addDate = (value: string, from: string) => {
    if (value && !publishedDates.some((d) => d.value === value)) publishedDates.push({ value, from });
  };
  if (article) {
    addDate(text(article.datePublished), 'json-ld datePublished');
    addDate(text(article.dateCreated), 'json-ld dateCreated');
  }
  for (const k of [
    'article:published_time',
    'og:article:published_time',
    'datepublished',
    'pubdate',
    'publishdate',
    'publish-date',
    'publish_date',
    'dc.date.issued',
    'dcterms.issued',
    'dc.date',
    'dcterms.created',
    'date',
    'sailthru.date',
    'parsely-pub-date',
    'article.published',
    'og:published_time',
  ]) {
    addDate(metas.get(k) ?? '', `meta ${k}`);
  }
  for (const t of Array.from(doc.querySelectorAll('[itemprop="datePublished"]'))) {
    addDate(normalizeSpace(t.getAttribute('datetime') ?? t.getAttribute('content') ?? ''), 'itemprop datePublished');
  }

  const authors = [
    ...(article ? names(article.author) : []),
    ...names(meta('author', 'article:author', 'og:article:author', 'dc.creator', 'parsely-author', 'sailthru.author')),
  ].filter((a, i, all) => !/^https?:\/\//.test(a) && all.indexOf(a) === i);

  const htmlLang = doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang') ?? '';
  const declaredLang = normalizeSpace(htmlLang || meta('content-language', 'og:locale', 'language', 'dc.language') || (article ? text(article.inLanguage) : ''))
    .replace('_', '-')
    .toLowerCase();

  const canonical = resolveUrl(
    doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href') ?? doc.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    url,
  );
  const ogType = meta('og:type').toLowerCase();
  return {
    documentTitle: normalizeSpace(doc.querySelector('title')?.textContent ?? ''),
    ogTitle: meta('og:title', 'twitter:title', 'title'),
    headline: article ? text(article.headline) || text(article.name) : meta('headline'),
    description: meta('og:description', 'description', 'twitter:description'),
    siteName:
      meta('og:site_name', 'application-name') || (site ? text(site.name) : '') || (article && article.publisher ? (names(article.publisher)[0] ?? '') : ''),
    ogType,
    canonical,
    ogUrl: resolveUrl(meta('og:url'), url),
    publishedDates,
    authors,
    declaredLang,
    saysArticle: Boolean(article) || ogType === 'article',
  };
}
