import fs from 'node:fs';
import path from 'node:path';
import { type Article } from '../corpus/article.js';
import { parseMarkdownArticle, tooLarge } from '../corpus/load-corpus.js';
import { FetchError, errorMessage } from '../errors.js';
import { articleRef } from '../answer/article-ref.js';
import { type ExtractedArticle, extractArticle } from '../extract/extract-article.js';
import type { FetchFn } from '../fetch/fetch-url.js';
import type { AddResult, AddedArticle } from '../types.js';
import { type ArticleFile, articleIdFor, extractedHash, removeStaleTemporaries, renderArticleFile, writeFileAtomically } from './article-file.js';
import type { CorpusUrls } from './corpus-urls.js';
import { cleanUrl, urlKey } from './url-key.js';
import { fold, normalizeSpace } from '../text/normalize.js';

export interface IngestDeps {
  fetch: FetchFn;
  /** The corpus folder new articles are written into. */
  corpusDir: string;
  urls: CorpusUrls;
  /** Ids in use elsewhere (the index holds articles from every corpus file, JSONL included). */
  idTaken: (id: string) => boolean;
  now?: () => Date;
  /** Where zoned metadata timestamps are read (KIEMCHUNG_TIME_ZONE). */
  timeZone?: string;
  signal?: AbortSignal;
}

export interface IngestOutcome {
  result: AddResult;
  /** The article as written (read back from its file), for the index; absent when nothing was written. */
  written?: Article;
}

function added(a: Article, time: string | undefined, file: string): AddedArticle {
  return {
    ...articleRef({ ...a, paragraphCount: a.paragraphs.length }),
    ...(time ? { time } : {}),
    ...(a.author ? { author: a.author } : {}),
    // Body paragraphs: the captions after them are not counted.
    paragraphCount: a.paragraphs.length - a.captions.length,
    firstParagraph: a.paragraphs[0] ?? '',
    file,
  };
}

function readArticle(file: string): Article | undefined {
  try {
    return parseMarkdownArticle(fs.readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
}

/** Pairs of neighbouring words, tone marks folded: what two versions of one text share. */
function wordPairs(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    const words = fold(normalizeSpace(t).toLowerCase())
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  }
  return out;
}

/**
 * Whether a page is a version of a stored article: the same title, or most of the shorter text's
 * word pairs in the other (a corrected or extended story keeps most of its sentences).
 */
function sameStory(stored: Article, page: ExtractedArticle): boolean {
  const title = (t: string) =>
    fold(normalizeSpace(t).toLowerCase())
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  if (title(stored.title) === title(page.title)) return true;
  const a = wordPairs(stored.paragraphs);
  const b = wordPairs(page.blocks.map((bl) => bl.text));
  const smaller = Math.min(a.size, b.size);
  if (smaller === 0) return false;
  let shared = 0;
  for (const p of a) if (b.has(p)) shared++;
  return shared / smaller >= 0.5;
}

/**
 * One page into the corpus: fetch (the safe fetcher), extract, decide the article's identity by
 * its canonical address (or where the redirects ended), and write its Markdown file atomically.
 * An unchanged page, or a hand-written article at the same address, is left as it is.
 */
export async function ingestPage(rawUrl: string, deps: IngestDeps): Promise<IngestOutcome> {
  const url = rawUrl.trim();
  const fail = (reason: string, extra: Partial<AddResult> = {}): IngestOutcome => ({ result: { url, status: 'failed', reason, ...extra } });
  const refuse = (reason: string): IngestOutcome => ({ result: { url, status: 'refused', reason: `${url}: ${reason}` } });
  let page;
  try {
    page = await deps.fetch({ url, expect: 'html', ...(deps.signal ? { signal: deps.signal } : {}) });
  } catch (err) {
    if (err instanceof FetchError) {
      return fail(err.message, {
        failure: err.reason,
        ...(err.status !== undefined ? { httpStatus: err.status } : {}),
        ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
      });
    }
    return fail(`${url}: ${errorMessage(err)}`, { failure: 'internal' });
  }
  if (page.sniffed === 'xml') return refuse('this is a feed or sitemap, not an article page; add it with "kiemchung feed add"');
  const now = deps.now?.() ?? new Date();
  let extraction;
  try {
    extraction = extractArticle(page.text, page.url, { now, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) });
  } catch (err) {
    // A page the reader cannot take apart is that page's failure, never the batch's.
    return refuse(`the page could not be read as an article (${errorMessage(err)})`);
  }
  if (!extraction.ok) return refuse(extraction.reason);
  const x: ExtractedArticle = extraction.article;
  if (x.lang !== 'vi' && x.lang !== 'en') return refuse(`the article is in "${x.lang}"; only Vietnamese and English articles are stored`);
  if (!x.date) return refuse('no publication date was found');

  let canonical = cleanUrl(x.canonicalUrl);
  const fetchedUrl = cleanUrl(page.url);
  const ownUrls = [fetchedUrl, cleanUrl(page.requestedUrl)];
  let known = deps.urls.find([canonical, ...ownUrls]);
  // Found only by its canonical address, a stored article with another title and other text is
  // another story the site gave the same canonical link (a template's): this page is kept apart,
  // under its own address, and the stored one is left as it is.
  if (known && !ownUrls.some((u) => [known?.url, known?.fetchedUrl].some((k) => k && urlKey(k) === urlKey(u)))) {
    const stored = readArticle(known.file);
    if (stored && !sameStory(stored, x)) {
      canonical = fetchedUrl;
      known = deps.urls.find(ownUrls);
    }
  }
  const source = x.credit ?? x.siteName;
  const hash = extractedHash({
    title: x.title,
    date: x.date,
    ...(x.time ? { time: x.time } : {}),
    ...(x.author ? { author: x.author } : {}),
    source,
    blocks: x.blocks,
  });
  if (known && !known.extractedHash) {
    return {
      result: { url, status: 'unchanged', reason: `${url}: already in the corpus as "${known.id}" (${known.file}), written by hand; it is not replaced` },
    };
  }
  if (known && known.extractedHash === hash) {
    const current = readArticle(known.file);
    if (current)
      return {
        result: {
          url,
          status: 'unchanged',
          article: added(current, x.time, known.file),
          reason: `${url}: the page has not changed since it was stored as "${known.id}"`,
        },
      };
  }
  const id = known?.id ?? articleIdFor(x.title, x.date, (candidate) => deps.urls.hasId(candidate) || deps.idTaken(candidate));
  const file = known?.file ?? path.join(deps.corpusDir, `${id}.md`);
  const record: ArticleFile = {
    id,
    title: x.title,
    date: x.date,
    dateKind: x.dateKind,
    ...(x.time ? { time: x.time } : {}),
    source,
    ...(x.credit && x.siteName ? { site: x.siteName } : {}),
    ...(x.author ? { author: x.author } : {}),
    url: canonical,
    fetchedUrl,
    fetchedAt: page.receivedAt,
    lang: x.lang,
    blocks: x.blocks,
    extractedHash: hash,
  };
  const text = renderArticleFile(record);
  // A file the corpus loader would reject would drop out of search and fail every later index update.
  const big = tooLarge(Buffer.byteLength(text, 'utf8'));
  if (big) return refuse(`the article is ${big}`);
  // Read back before writing: what is written must be exactly what the corpus loader reads.
  let article: Article;
  try {
    article = parseMarkdownArticle(text, file);
  } catch (reason) {
    return refuse(`the extracted article is not a valid corpus file (${typeof reason === 'string' ? reason : errorMessage(reason)})`);
  }
  removeStaleTemporaries(path.dirname(file));
  writeFileAtomically(file, text);
  deps.urls.remember({ id, file, url: canonical, fetchedUrl, extractedHash: hash });
  return { result: { url, status: known ? 'updated' : 'added', article: added(article, x.time, file) }, written: article };
}
