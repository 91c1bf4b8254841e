/// <reference lib="dom" />
// The DOM types describe linkedom's documents (its typings are written against them).
import type { Readability } from '@mozilla/readability';
import { lazyModule } from '../lazy-module.js';
import { findDates } from '../text/find-dates.js';
import { fold, hasMarks, normalizeSpace } from '../text/normalize.js';
import { type Block, collectBlocks } from './blocks.js';
import { type BlockRole, classifyBlocks, splitCredit } from './rules.js';
import { type PageMetadata, readMetadata } from './metadata.js';
import { type PageDate, authorsBesideTitle, findPageDate } from './page-date.js';

const readability = lazyModule<typeof import('@mozilla/readability')>('@mozilla/readability');
const linkedom = lazyModule<typeof import('linkedom')>('linkedom');

/** One paragraph of an extracted article, in reading order. */
export interface ExtractedBlock {
  kind: 'body' | 'caption' | 'heading';
  text: string;
}

export interface ExtractedArticle {
  title: string;
  /** YYYY-MM-DD; null when the page gives none. */
  date: string | null;
  /** HH:MM as printed, when printed. */
  time?: string;
  /** `published` when read from the page's date line or metadata; `event` when only the body's first date was found. */
  dateKind: 'published' | 'event';
  /** Where the date was read (for the editor: "meta article:published_time", "date line beside the title"…). */
  dateFrom?: string;
  author?: string;
  /** The article's own credit ("Nguồn: …", "Theo …"), when it has one. */
  credit?: string;
  /** og:site_name or the host name. */
  siteName: string;
  /** `<link rel=canonical>`, else og:url on the same site, else the URL the page came from. */
  canonicalUrl: string;
  /** Language read from the text (the page's own declaration is often wrong). */
  lang: string;
  blocks: ExtractedBlock[];
  paragraphs: string[];
  captions: string[];
}

export type Extraction = { ok: true; article: ExtractedArticle } | { ok: false; reason: string };

export interface ExtractOptions {
  now?: Date;
  /** IANA zone machine timestamps with an offset are read in (KIEMCHUNG_TIME_ZONE); default Asia/Ho_Chi_Minh. */
  timeZone?: string;
}

const MIN_BODY_CHARS = 120;

function key(s: string): string {
  return fold(normalizeSpace(s))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A document title without the site's name and section around it ("Tiêu đề - Chính trị - Tuổi Trẻ Online"). */
export function cleanTitle(raw: string, siteName: string, host: string): string {
  const t = normalizeSpace(raw);
  const parts = t
    .split(/\s+[-|–—»:]\s+|\s*[|_]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return t;
  const siteKey = key(siteName);
  const hostKey = key(host.replace(/^www\./, '').split('.')[0] ?? '');
  const isSite = (p: string) => {
    const k = key(p);
    return (siteKey && (k.includes(siteKey) || siteKey.includes(k))) || (hostKey.length > 2 && k.replace(/ /g, '').includes(hostKey));
  };
  const kept = parts.filter((p) => !isSite(p));
  const longest = (kept.length ? kept : parts).reduce((a, b) => (b.length > a.length ? b : a));
  // Only cut when what remains is clearly the headline (the other parts are short labels).
  return longest.split(/\s+/).length >= 3 ? longest : t;
}

/**
 * The headline on the page: an h1 (else any text block) that the metadata's title starts with;
 * else the page's one h1 when it heads the article (before its text, not a link, not the site's
 * name: og:title and <title> are sometimes an editor's other wording); else the metadata's title.
 */
function findTitle(blocks: Block[], meta: PageMetadata, host: string, kept: (b: Block) => boolean): { title: string; el: Element | null } {
  const refs = [meta.headline, meta.ogTitle, meta.documentTitle].filter(Boolean);
  const refKeys = refs.map(key);
  const text = blocks.filter((b) => b.kind === 'text' && b.text.length >= 8 && b.text.length <= 300);
  const h1 = text.filter((b) => b.tag === 'h1');
  for (const b of [...h1, ...text]) {
    const k = key(b.text);
    if (refKeys.some((r) => r === k || (r.startsWith(k) && (k.split(' ').length >= 3 || k.length >= 15)))) return { title: b.text, el: b.element };
  }
  // A lone h1 is the headline when the page has no title in its metadata.
  if (refs.length === 0 && h1.length === 1) return { title: (h1[0] as Block).text, el: (h1[0] as Block).element };
  const siteKey = key(meta.siteName);
  const printed = h1.filter((b) => {
    const k = key(b.text);
    return b.linkChars < b.text.length * 0.5 && k.split(' ').length >= 3 && !(siteKey && (k.includes(siteKey) || siteKey.includes(k)));
  });
  const lone = printed.length === 1 ? (printed[0] as Block) : null;
  if (lone && blocks.slice(blocks.indexOf(lone) + 1).some(kept)) return { title: lone.text, el: lone.element };
  const raw = meta.headline || meta.ogTitle || meta.documentTitle;
  const title = raw ? cleanTitle(raw, meta.siteName, host) : '';
  return { title, el: null };
}

/** Vietnamese when the text is (marks on many words), otherwise what the page declares, otherwise by script. */
function detectPageLang(text: string, declared: string): string {
  const words = text
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w))
    .slice(0, 600);
  if (words.length > 0) {
    const marked = words.filter((w) => hasMarks(w)).length;
    if (/[ăâđêôơưĂÂĐÊÔƠƯ]/.test(text) && marked / words.length > 0.25) return 'vi';
  }
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const kana = (text.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  if (han + kana > text.length * 0.2) return kana > han * 0.1 ? 'ja' : 'zh';
  const base = declared.split('-')[0] ?? '';
  if (/^[a-z]{2,3}$/.test(base) && base !== 'vi') return base;
  return /^[\x00-\x7f\u2000-\u206f]*$/.test(text.slice(0, 2000)) ? 'en' : base || 'und';
}

function siteOf(meta: PageMetadata, url: string): string {
  if (meta.siteName) return meta.siteName;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** An address as far as telling pages apart needs: host without www, path without trailing slash, query. */
function addressKey(u: URL): string {
  return `${u.hostname.toLowerCase().replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}${u.search}`;
}

/**
 * Whether a canonical address names another page than this one: a section or listing this page
 * links to under another name than its headline (its menu or breadcrumb: "Tin tức - Sự kiện"),
 * or a folder above the page's own address. Templates put such addresses in every article; taken
 * as the identity, they would make every article of the section one article.
 */
function namesAnotherPage(candidate: string, url: string, body: Element, title: string): boolean {
  let c: URL;
  try {
    c = new URL(candidate);
  } catch {
    return true;
  }
  const target = addressKey(c);
  try {
    const own = new URL(url);
    const folder = c.pathname.endsWith('/') ? c.pathname : `${c.pathname}/`;
    // A folder with a number in it may be the article's own ("/news/12345" for "/news/12345/its-title").
    if (
      !/\d/.test(c.pathname) &&
      addressKey(own) !== target &&
      own.hostname.replace(/^www\./, '') === c.hostname.replace(/^www\./, '') &&
      own.pathname.startsWith(folder)
    )
      return true;
  } catch {
    /* the page's own address is checked elsewhere */
  }
  const titleKey = key(title);
  for (const a of Array.from(body.querySelectorAll('a[href]'))) {
    const href = (a.getAttribute('href') ?? '').trim();
    // "#", "" and "#binh-luan" are this page itself (buttons, comment counts), never another page.
    if (!href || href.includes('#') || /^javascript:/i.test(href)) continue;
    let to: URL;
    try {
      // Relative links are the site's own: read them against the canonical address's site.
      to = new URL(href, c);
    } catch {
      continue;
    }
    if (addressKey(to) !== target) continue;
    const text = key(a.textContent ?? '');
    if (text && text !== titleKey && !(titleKey.startsWith(text) && text.split(' ').length >= 3)) return true;
  }
  return false;
}

function canonicalOf(meta: PageMetadata, url: string, body: Element, title: string): string {
  const host = (u: string) => {
    try {
      return new URL(u).hostname.replace(/^www\./, '');
    } catch {
      return '';
    }
  };
  const isRoot = (u: string) => /^https?:\/\/[^/]+\/?$/.test(u);
  // A canonical link is the site's own statement of the article's address; og:url only counts
  // when it stays on the page's own site (a copy-pasted template can point anywhere). Neither
  // counts when it names a home page, a section or a listing instead of this page.
  if (meta.canonical && !isRoot(meta.canonical) && !namesAnotherPage(meta.canonical, url, body, title)) return meta.canonical;
  if (meta.ogUrl && host(meta.ogUrl) === host(url) && !isRoot(meta.ogUrl) && !namesAnotherPage(meta.ogUrl, url, body, title)) return meta.ogUrl;
  return url;
}

const POSTER_NAME = /^(username|user-name|poster|postauthor|post-author|messageuser|message-user|post-username)$/;

/** A discussion: posts signed by several users (forum software marks the poster's name). */
function looksLikeThread(root: Element): string | null {
  const posters = new Set<string>();
  for (const el of Array.from(root.querySelectorAll('[class]'))) {
    if (
      (el.getAttribute('class') ?? '')
        .toLowerCase()
        .split(/\s+/)
        .some((w) => POSTER_NAME.test(w))
    ) {
      const name = normalizeSpace(el.textContent ?? '');
      if (name) posters.add(name);
    }
  }
  return posters.size >= 3 ? `it is a discussion thread (posts by ${posters.size} users), not a news article` : null;
}

/** Home pages and section fronts: many headlines, each with its own link. */
function looksLikeListing(blocks: Block[], url: string): string | null {
  let path = '/';
  try {
    path = new URL(url).pathname;
  } catch {
    /* ignored */
  }
  if (/^\/?(index\.(html?|php|aspx?))?$/i.test(path)) return "it is a site's home page";
  const text = blocks.filter((b) => b.kind === 'text');
  const total = text.reduce((n, b) => n + b.text.length, 0);
  const linked = text.reduce((n, b) => n + b.linkChars, 0);
  if (total > 0 && linked / total > 0.5) return 'most of its text is links (a list of articles)';
  // A section front with summaries: headlines that link to their articles, each followed by its
  // lead (and a date), dilute the links with text; the shape is still one of teasers.
  const linkedHeading = (b: Block) => b.heading && b.text.length >= 15 && b.linkChars >= b.text.length * 0.8;
  const prose = text.filter((b) => !linkedHeading(b) && b.text.length >= 60 && b.linkChars < b.text.length * 0.5).length;
  let teasers = 0;
  text.forEach((b, i) => {
    const next = text[i + 1];
    if (linkedHeading(b) && next && !linkedHeading(next) && next.linkChars < next.text.length * 0.5) teasers++;
  });
  if (teasers >= 5 && teasers * 2 >= prose) return `it is a list of ${teasers} articles, each a linked headline with its summary`;
  return null;
}

/**
 * The page as a document. linkedom takes the first element as the root: a fragment without
 * `<html>` ("<p>…</p>") would have no body, and text before any element no root at all (its
 * `body` then throws), so such pages are read inside an html and body of their own.
 */
function parsePage(html: string): ReturnType<typeof import('linkedom').parseHTML>['document'] {
  const { document } = linkedom().parseHTML(html);
  if (document.documentElement?.tagName.toLowerCase() === 'html') return document;
  return linkedom().parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document;
}

/**
 * Extracts a news article from a page: Readability (over linkedom) finds the main text; the
 * page's own structure and metadata then decide the title, the date, the author and the
 * credit, which paragraphs are body text, which are photo captions and which are boilerplate
 * (related links, share buttons, tags, bylines). Pages that are not articles (home pages,
 * listings, landing pages, forum threads, empty pages) are refused with the reason.
 */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Extraction {
  const now = options.now ?? new Date();
  const visibleText = normalizeSpace(html.replace(/<[^>]*>/g, ' '));
  if (!/[\p{L}\p{N}]/u.test(visibleText)) return { ok: false, reason: 'the page is empty' };
  // Text with no element at all ("Service Unavailable" sent as a page): nothing to read an article from.
  if (!/<[a-z][^>]*>/i.test(html)) return { ok: false, reason: `the page has no HTML markup; it reads: "${visibleText.slice(0, 80)}"` };
  const doc = parsePage(html);
  const meta = readMetadata(doc as unknown as Document, url);
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    /* ignored */
  }
  for (const el of Array.from(doc.querySelectorAll('script, style, noscript, template'))) el.remove();
  const body = (doc.body ?? doc.documentElement) as unknown as Element | null;
  if (!body || !/[\p{L}\p{N}]/u.test(body.textContent ?? '')) return { ok: false, reason: 'the page is empty' };
  const pageChars = normalizeSpace(body.textContent ?? '').length;
  if (pageChars < MIN_BODY_CHARS) return { ok: false, reason: `too little text to be an article (${pageChars} characters on the page)` };

  // Readability works on its own copy (it rewrites the tree and removes styles and attributes
  // the rules need); the text of the blocks it keeps leads back to the original elements.
  const copy = parsePage(html);
  for (const el of Array.from(copy.querySelectorAll('script, style, noscript, template'))) el.remove();
  let parsed: ReturnType<Readability<Element>['parse']> = null;
  try {
    parsed = new (readability().Readability)<Element>(copy as unknown as Document, {
      keepClasses: true,
      serializer: (n) => n as Element,
      charThreshold: 300,
    }).parse();
  } catch {
    parsed = null;
  }
  const content = parsed?.content ?? null;
  if (!content) return { ok: false, reason: 'no readable text was found' };
  const keptText = new Set(collectBlocks(content).map((b) => key(b.text)));
  const isKept = (b: Block) => b.kind === 'text' && keptText.has(key(b.text));

  const all = collectBlocks(body);
  const { title, el: titleEl } = findTitle(all, meta, host, isKept);
  if (!title) return { ok: false, reason: 'the page has no title' };

  const titleKey = key(title);
  const roles: BlockRole[] = classifyBlocks(all, {
    kept: all.map(isKept),
    titleIndex: titleEl ? all.findIndex((b) => b.element === titleEl || titleEl.contains(b.element)) : -1,
    isTitle: (t) => key(t) === titleKey,
  });

  const blocks: ExtractedBlock[] = [];
  let credit: string | undefined;
  let bylineAuthor: string | undefined;
  all.forEach((b, i) => {
    const r = roles[i] as BlockRole;
    if (r === 'body' || r === 'caption' || r === 'heading') {
      if (blocks.length > 0 && (blocks[blocks.length - 1] as ExtractedBlock).text === b.text) return;
      blocks.push({ kind: r, text: b.text });
    } else if (r === 'credit') {
      const c = splitCredit(b.text);
      credit ??= c.source;
      if (c.author) bylineAuthor ??= c.author;
    } else if (r === 'byline') {
      bylineAuthor ??= splitCredit(b.text).author ?? b.text;
    }
  });
  const paragraphs = blocks.filter((b) => b.kind === 'body').map((b) => b.text);
  const captions = blocks.filter((b) => b.kind === 'caption').map((b) => b.text);
  const bodyChars = paragraphs.reduce((n, p) => n + p.length, 0);
  const listing = looksLikeListing(
    all.filter((_, i) => roles[i] !== 'outside'),
    url,
  );
  if (listing && (!meta.saysArticle || paragraphs.length === 0)) return { ok: false, reason: `not an article: ${listing}` };
  if (paragraphs.length === 0 || bodyChars < MIN_BODY_CHARS) {
    return { ok: false, reason: `too little article text (${bodyChars} characters in ${paragraphs.length} paragraphs)` };
  }
  const thread = looksLikeThread(body);
  if (thread) return { ok: false, reason: `not an article: ${thread}` };

  let date: PageDate | null = findPageDate(body, titleEl, meta, now, options.timeZone);
  let dateKind: ExtractedArticle['dateKind'] = 'published';
  if (!date) {
    for (const p of paragraphs.slice(0, 3)) {
      const d = findDates(p).find((x) => x.precision === 'day' && x.from);
      if (d?.from) {
        date = { date: d.from, from: 'first date in the text' };
        dateKind = 'event';
        break;
      }
    }
  }
  if (!date) {
    // Undated, and its own address given as a site's root: a home page served at another path.
    const root = [meta.canonical, meta.ogUrl].find((u) => /^https?:\/\/[^/]+\/?$/.test(u));
    if (root && !meta.saysArticle) return { ok: false, reason: `not an article: it is a site's home page (it gives its address as ${root})` };
    return { ok: false, reason: 'no publication date was found (a news article states when it was published)' };
  }
  // A credit in the metadata ("Theo Sầm Hoa (Vietnamnet/Reuters)" as the author tag).
  for (const a of meta.authors) credit ??= splitCredit(a).source;
  const siteName = siteOf(meta, url);
  const author = pickAuthor(
    bylineAuthor ??
      authorsBesideTitle(body, titleEl)
        .map((a) => normalizeSpace(a.replace(/^(by|par|por|von|bởi)\s+/i, '')))
        .find((a) => a.split(' ').length >= 2 && looksLikeName(a, siteName, host)),
    meta,
    parsed?.byline ?? '',
    siteName,
    host,
  );
  const lang = detectPageLang(paragraphs.join(' '), meta.declaredLang);
  return {
    ok: true,
    article: {
      title,
      date: date?.date ?? null,
      ...(date?.time ? { time: date.time } : {}),
      dateKind,
      ...(date ? { dateFrom: date.from } : {}),
      ...(author ? { author } : {}),
      ...(credit ? { credit } : {}),
      siteName,
      canonicalUrl: canonicalOf(meta, url, body, title),
      lang,
      blocks,
      paragraphs,
      captions,
    },
  };
}

/** A person's name as bylines give it: a few capitalised words, no digits, not the site. */
export function looksLikeName(s: string, siteName: string, host: string): boolean {
  const t = normalizeSpace(s);
  if (!t || t.length > 80 || /\d|https?:|@|www\./i.test(t)) return false;
  const k = key(t);
  const site = key(siteName);
  const h = key(host.replace(/^www\./, '').split('.')[0] ?? '');
  if ((site && (k === site || site.includes(k) || k.includes(site))) || (h && k.replace(/ /g, '').includes(h))) return false;
  const words = t.split(/[\s,/&-]+/).filter(Boolean);
  if (words.length === 0 || words.length > 10) return false;
  const lower = new Set([
    'và',
    'and',
    'et',
    'e',
    'y',
    'und',
    'de',
    'da',
    'do',
    'dos',
    'van',
    'von',
    'der',
    'la',
    'le',
    'with',
    'avec',
    'theo',
    'by',
    'par',
    'por',
  ]);
  return words.every((w) => /^[\p{Lu}(]/u.test(w) || lower.has(w.toLowerCase()));
}

function titleCase(s: string): string {
  if (s !== s.toUpperCase()) return s;
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

function pickAuthor(byline: string | undefined, meta: PageMetadata, readabilityByline: string, siteName: string, host: string): string | undefined {
  const people = meta.authors.map((a) => splitCredit(a).author ?? a).filter((a) => looksLikeName(a, siteName, host));
  // A byline naming one of several authors the metadata lists: the list is the fuller answer.
  const fuller = byline && people.length > 1 && people.some((p) => key(p) === key(byline)) ? people.join(', ') : byline;
  const candidates = [fuller, people.join(', '), readabilityByline].filter((c): c is string => Boolean(c && c.trim()));
  for (const c of candidates) {
    const name = normalizeSpace(c.replace(/^(by|par|por|von|bởi)\s+/i, ''));
    if (looksLikeName(name, siteName, host)) return titleCase(name);
  }
  return undefined;
}
