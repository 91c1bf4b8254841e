import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { lazyModule } from '../lazy-module.js';
import { ArticleError, CorpusError, errorMessage } from '../errors.js';
import type { IndexIssue } from '../types.js';
import { normalizeSpace } from '../text/normalize.js';
import { type Article, frontMatterSchema, jsonlArticleSchema } from './article.js';
import { ARTICLE_ID } from './ids.js';
import { markdownBlocks, splitFrontMatter } from './markdown.js';

const yaml = lazyModule<typeof import('yaml')>('yaml');

export interface LoadedCorpus {
  articles: Article[];
  /** Articles that could not be read, by path and reason; the rest are still loaded. */
  issues: IndexIssue[];
  /**
   * Records left unparsed because `LoadOptions.indexed` knew their content: their id and
   * content hash (`recordHash`), in corpus order with `articles`.
   */
  unchanged?: UnchangedRecord[];
}

export interface UnchangedRecord {
  id: string;
  hash: string;
  origin: string;
}

export interface LoadOptions {
  /**
   * The id under which a record with this content hash is already indexed, if it is: such a
   * record is not parsed again (an update of a large corpus then parses only what changed).
   */
  indexed?: (hash: string) => string | undefined;
}

/** Content hash of each loaded article's source record (its JSONL line or Markdown file's bytes). */
const recordHashes = new WeakMap<Article, string>();

/** Hash of an article's source record as it was read, or undefined for an article not made by the loader. */
export function recordHash(a: Article): string | undefined {
  return recordHashes.get(a);
}

function hashRecord(raw: string | Buffer): string {
  return crypto.hash('sha1', raw);
}

/** A Markdown article file larger than this is refused (a real article is a few kilobytes). */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** Why an article file of this many bytes is not loaded, or null when its size is fine (`add` refuses such pages with the same words). */
export function tooLarge(bytes: number): string | null {
  return bytes > MAX_ARTICLE_BYTES ? `too large (${(bytes / 1048576).toFixed(1)} MB; an article file may be at most ${MAX_ARTICLE_BYTES / 1048576} MB)` : null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** What a missing field must hold, beside "missing", where its name does not say it. */
const FIELD_HINTS: Record<string, string> = { date: ' (a date, YYYY-MM-DD)' };

/**
 * Each problem as `field: what is wrong`. A field left out, or written with nothing after it,
 * is said to be missing or empty: zod's own words for them ("Invalid input: expected string,
 * received undefined") name a type the writer of an article never sees.
 */
function zodReason(error: { issues: Array<{ path: PropertyKey[]; message: string }> }, data: unknown): string {
  const fields = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  if (!fields) return `expected an object of fields ({"id": …, "title": …, "body": …}), not ${Array.isArray(data) ? 'a list' : data === null ? 'null' : typeof data}`;
  const seen = new Set<string>();
  const reasons: string[] = [];
  for (const i of error.issues) {
    const key = i.path.map(String).join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    const top = i.path.length === 1 ? fields[String(i.path[0])] : 0;
    if (top === undefined) reasons.push(`${key}: missing${FIELD_HINTS[key] ?? ''}`);
    else if (top === null) reasons.push(`${key}: empty${FIELD_HINTS[key] ?? ''}`);
    else reasons.push(key ? `${key}: ${i.message}` : i.message);
  }
  return reasons.join('; ');
}

/** Parses one Markdown article; throws an `ArticleError` saying why when it is not a valid article. */
export function parseMarkdownArticle(text: string, origin: string): Article {
  const fm = splitFrontMatter(text);
  if (!fm) {
    const start = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    if (start.trim() === '') throw new ArticleError('empty file (an article starts with a "---" block holding id, title, date, source)');
    if (start.startsWith('---\n')) throw new ArticleError('front matter is not closed (no "---" line after its fields)');
    throw new ArticleError('no front matter (the file must start with a "---" block holding id, title, date, source)');
  }
  let data: unknown;
  try {
    data = yaml().parse(fm.yaml, { schema: 'core' });
  } catch (err) {
    throw new ArticleError(`front matter is not valid YAML (${errorMessage(err).split('\n')[0]})`, { cause: err });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ArticleError('front matter must be a YAML mapping');
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) throw new ArticleError(`front matter: ${zodReason(parsed.error, data)}`, { cause: parsed.error });
  const meta = parsed.data;
  const blocks = markdownBlocks(fm.body);
  const body = blocks.filter((b) => b.kind === 'body').map((b) => b.text);
  if (body.length === 0) throw new ArticleError('empty body (no paragraphs after the front matter)');
  // Captions after the body, each once: none empty, none that only repeats a body paragraph.
  const captions = [...new Set(blocks.filter((b) => b.kind === 'caption' && b.text !== '' && !body.includes(b.text)).map((b) => b.text))];
  const paragraphs = [...body, ...captions];
  return {
    id: meta.id,
    title: normalizeSpace(meta.title),
    date: meta.date,
    dateKind: meta.date_kind,
    source: normalizeSpace(meta.source),
    ...(meta.url ? { url: meta.url } : {}),
    lang: meta.lang,
    tags: meta.tags ?? [],
    ...(meta.author ? { author: normalizeSpace(meta.author) } : {}),
    paragraphs,
    captions,
    origin,
  };
}

/** Turns one JSONL record into an article, or throws an `ArticleError` saying why it cannot. */
export function parseJsonlArticle(record: unknown, origin: string): Article {
  const parsed = jsonlArticleSchema.safeParse(record);
  if (!parsed.success) throw new ArticleError(zodReason(parsed.error, record), { cause: parsed.error });
  const r = parsed.data;
  const id = r.id.toLowerCase();
  if (!ARTICLE_ID.test(id)) throw new ArticleError(`id: "${r.id}" must be letters, digits, ".", "_" or "-"`);
  const paragraphs = r.body
    .split(/\n[ \t]*\n/)
    .map((p) => normalizeSpace(p))
    .filter(Boolean);
  if (paragraphs.length === 0) throw new ArticleError('empty body');
  return {
    id,
    title: normalizeSpace(r.title),
    date: r.date ?? '',
    dateKind: 'published',
    source: r.source ? normalizeSpace(r.source) : '',
    ...(r.url && /^https?:\/\//.test(r.url) ? { url: r.url } : {}),
    lang: 'vi',
    tags: [],
    paragraphs,
    captions: [],
    origin,
  };
}

/** What to report for an article that failed: its own reason, or what went wrong reading it. */
function reasonOf(err: unknown): string {
  return err instanceof ArticleError ? err.message : `cannot be read (${errorMessage(err)})`;
}

function decode(buf: Buffer): string {
  if (buf.includes(0)) throw new ArticleError('not a text file (it contains NUL bytes)');
  try {
    return utf8.decode(buf);
  } catch (err) {
    throw new ArticleError('not UTF-8 text', { cause: err });
  }
}

const gunzip = promisify(zlib.gunzip);

/** Records (or Markdown files) read between two turns of the event loop, so that a running engine keeps answering while it re-reads its corpus. */
const RECORDS_PER_TURN = 2000;
const FILES_PER_TURN = 200;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Bytes of a JSONL file read at a time, into one buffer that is reused (and grown for a longer line). */
const JSONL_CHUNK = 4 << 20;

/**
 * Calls `onLine` with each line of a JSONL file (its bytes, without the line ending), in
 * order, with a turn of the event loop every RECORDS_PER_TURN lines. A plain file is read in
 * chunks into one reused buffer, so re-reading a large corpus does not take fresh memory for
 * all of it: a line's bytes are valid only during its call. A gzipped file is read whole.
 */
async function eachLine(file: string, onLine: (raw: Buffer, n: number) => void): Promise<void> {
  let n = 0;
  const lines = async (buf: Buffer, last: boolean): Promise<number> => {
    let at = 0;
    while (at < buf.length) {
      let end = buf.indexOf(10, at);
      if (end < 0) {
        if (!last) break;
        end = buf.length;
      }
      onLine(buf.subarray(at, end > at && buf[end - 1] === 13 ? end - 1 : end), ++n);
      at = end + 1;
      if (n % RECORDS_PER_TURN === 0) await nextTurn();
    }
    return Math.min(at, buf.length);
  };
  if (file.endsWith('.gz')) {
    await lines(await gunzip(await fs.promises.readFile(file)), true);
    return;
  }
  const fh = await fs.promises.open(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(JSONL_CHUNK);
    let len = 0;
    let pos = 0;
    for (;;) {
      if (len === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, len, buf.length - len, pos);
      pos += bytesRead;
      len += bytesRead;
      const used = await lines(buf.subarray(0, len), bytesRead === 0);
      if (bytesRead === 0) break;
      buf.copy(buf, 0, used, len);
      len -= used;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Reads a JSONL file line by line on its bytes: each line is hashed as it is (the same hash as
 * its text), and only the lines whose record the index does not hold are decoded and parsed.
 */
async function loadJsonl(file: string, add: (a: Article) => void, skip: (u: UnchangedRecord) => void, issue: (p: string, r: string) => void, opts: LoadOptions): Promise<void> {
  const onLine = (raw: Buffer, n: number) => {
    const origin = `${file}:${n}`;
    const hash = hashRecord(raw);
    // A line the index holds was a valid record when it was indexed: it is not decoded again.
    const known = opts.indexed?.(hash);
    if (known !== undefined) {
      skip({ id: known, hash, origin });
      return;
    }
    const line = raw.toString('utf8');
    if (!line.trim()) return;
    try {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (err) {
        throw new ArticleError('not valid JSON', { cause: err });
      }
      const a = parseJsonlArticle(record, origin);
      // The hash of the line's text: that of its bytes when they are valid UTF-8 (decoding replaced nothing).
      recordHashes.set(a, isUtf8(raw) ? hash : hashRecord(line));
      add(a);
    } catch (err) {
      issue(origin, reasonOf(err));
    }
  };
  try {
    await eachLine(file, onLine);
  } catch (err) {
    issue(file, `cannot be read (${errorMessage(err)})`);
  }
}

const isJsonl = (f: string) => /\.jsonl(\.gz)?$/i.test(f);
const isMarkdown = (f: string) => /\.md$/i.test(f) && !/^readme\.md$/i.test(path.basename(f));

/** Files in a corpus folder, depth first, sorted; symlink loops and oddities become issues. */
function walk(dir: string, issue: (p: string, r: string) => void, seen = new Set<string>()): string[] {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (err) {
    issue(dir, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return [];
  }
  if (seen.has(real)) {
    issue(dir, 'symbolic link loop (this folder was already read)');
    return [];
  }
  seen.add(real);
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      issue(p, code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'broken symbolic link' : `cannot be read (${code})`);
      continue;
    }
    if (st.isDirectory()) {
      if (isMarkdown(name) || isJsonl(name)) issue(p, 'is a folder, not an article file');
      else out.push(...walk(p, issue, seen));
    } else if (st.isFile() && (isMarkdown(name) || isJsonl(name))) out.push(p);
  }
  return out;
}

/**
 * How records are read into articles: bumped whenever the same file or line would be read into
 * another article, so that an index built by an earlier reading reads its corpus again (the
 * corpus fingerprint) and re-indexes what now reads otherwise (a record's content hash). 2:
 * photo captions are paragraphs after the body.
 */
export const READING_VERSION = 2;

/** Files written more recently than this are not fingerprinted: a second write within a file system's time granularity could leave size and times alike. */
const SETTLED_MS = 2000;

/**
 * A fingerprint of the corpus files at `location` as they are on disk now, without reading
 * them: each file's path, size, modification and change times and inode. An equal fingerprint
 * later means no corpus file was written, added, removed or replaced in between. Null when
 * the location cannot be listed or a file was written in the last two seconds.
 */
export function corpusFingerprint(location: string): string | null {
  try {
    const files = fs.statSync(location).isDirectory() ? walk(location, () => undefined) : [location];
    const h = crypto.createHash('sha256').update(`${READING_VERSION}\t${path.resolve(location)}`);
    const now = Date.now();
    for (const f of files) {
      const st = fs.statSync(f);
      if (now - Math.max(st.mtimeMs, st.ctimeMs) < SETTLED_MS) return null;
      h.update(`\n${f}\t${st.size}\t${st.mtimeMs}\t${st.ctimeMs}\t${st.ino}`);
    }
    return h.digest('hex');
  } catch {
    return null;
  }
}

/**
 * Reads a corpus: a folder of Markdown articles (and/or JSONL files), or one JSONL file
 * (gzipped or not). Bad articles are reported with their path and reason and skipped; a
 * duplicate id keeps the record the index already holds (`indexed`), else the first article
 * in path order (files sorted by name, folders depth first; a JSONL file's lines in order).
 */
export async function loadCorpus(location: string, opts: LoadOptions = {}): Promise<LoadedCorpus> {
  const issues: IndexIssue[] = [];
  const issue = (p: string, reason: string) => issues.push({ path: p, reason });
  const articles: Article[] = [];
  const unchanged: UnchangedRecord[] = [];
  // The first record read of each id, and whether it is one the index holds (`indexed`).
  const firstOf = new Map<string, { origin: string; article?: Article }>();
  const displaced = new Set<Article>();
  const first = (id: string, origin: string): boolean => {
    const prev = firstOf.get(id);
    if (prev !== undefined) {
      issue(origin, `duplicate id "${id}" (already used by ${prev.origin})`);
      return false;
    }
    return true;
  };
  const add = (a: Article) => {
    if (!first(a.id, a.origin)) return;
    firstOf.set(a.id, { origin: a.origin, article: a });
    articles.push(a);
  };
  const skip = (u: UnchangedRecord) => {
    // The record the index holds keeps its id against a new record read before it: a file added
    // with an id already in use is the duplicate, whatever the names' order.
    const prev = firstOf.get(u.id)?.article;
    if (prev) {
      displaced.add(prev);
      issue(prev.origin, `duplicate id "${u.id}" (already used by ${u.origin})`);
      firstOf.delete(u.id);
    }
    if (!first(u.id, u.origin)) return;
    firstOf.set(u.id, { origin: u.origin });
    unchanged.push(u);
  };
  let st: fs.Stats;
  try {
    st = fs.statSync(location);
  } catch {
    throw new CorpusError(`corpus not found: ${location} (set --corpus or KIEMCHUNG_CORPUS to a folder of articles or a .jsonl file)`);
  }
  const files = st.isDirectory() ? walk(location, issue) : [location];
  let read = 0;
  for (const file of files) {
    if (isJsonl(file)) {
      await loadJsonl(file, add, skip, issue, opts);
      continue;
    }
    if (++read % FILES_PER_TURN === 0) await nextTurn();
    if (!isMarkdown(file)) {
      issue(file, 'not a corpus file (expected .md, .jsonl or .jsonl.gz)');
      continue;
    }
    try {
      const size = fs.statSync(file).size;
      const big = tooLarge(size);
      if (big) throw new ArticleError(big);
      const bytes = fs.readFileSync(file);
      const hash = hashRecord(bytes);
      const known = opts.indexed?.(hash);
      if (known !== undefined) {
        skip({ id: known, hash, origin: file });
        continue;
      }
      const a = parseMarkdownArticle(decode(bytes), file);
      recordHashes.set(a, hash);
      add(a);
    } catch (err) {
      issue(file, reasonOf(err));
    }
  }
  return { articles: displaced.size ? articles.filter((a) => !displaced.has(a)) : articles, issues, ...(opts.indexed ? { unchanged } : {}) };
}
