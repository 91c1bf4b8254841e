import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { lazyModule } from '../lazy-module.js';
import { ARTICLE_ID } from '../corpus/ids.js';
import { fsyncDir, processAlive } from '../files/durable.js';
import type { ExtractedBlock } from '../extract/extract-article.js';
import { fold, normalizeSpace } from '../text/normalize.js';

const yamlModule = lazyModule<typeof import('yaml')>('yaml');

/** What `kiemchung add` writes for one article: front matter and the blocks in reading order. */
export interface ArticleFile {
  id: string;
  title: string;
  date: string;
  dateKind: 'published' | 'event';
  time?: string;
  source: string;
  site?: string;
  author?: string;
  url: string;
  fetchedUrl?: string;
  fetchedAt: string;
  lang: 'vi' | 'en';
  blocks: ExtractedBlock[];
  extractedHash: string;
}

/** Checksum of what extraction produced: equal checksums mean the page did not change. */
export function extractedHash(parts: { title: string; date: string; time?: string; author?: string; source: string; blocks: ExtractedBlock[] }): string {
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify([parts.title, parts.date, parts.time ?? '', parts.author ?? '', parts.source, parts.blocks.map((b) => [b.kind, b.text])]));
  return h.digest('hex').slice(0, 32);
}

/**
 * Text written so that the corpus loader reads it back unchanged: Markdown's emphasis, code,
 * link and escape characters are escaped, and a leading "#" or ">" cannot start a heading or a
 * quote.
 */
export function escapeMarkdown(text: string): string {
  return normalizeSpace(text)
    .replace(/([\\`*_[\]~])/g, '\\$1')
    .replace(/^([#>])/, '\\$1')
    .replace(/^(\d+)\.(\s)/, '$1\\.$2');
}

export function renderArticleFile(a: ArticleFile): string {
  const front: Record<string, unknown> = {
    id: a.id,
    title: a.title,
    date: a.date,
    ...(a.dateKind === 'event' ? { date_kind: 'event' } : {}),
    ...(a.time ? { time: a.time } : {}),
    source: a.source,
    ...(a.site && a.site !== a.source ? { site: a.site } : {}),
    ...(a.author ? { author: a.author } : {}),
    url: a.url,
    ...(a.fetchedUrl && a.fetchedUrl !== a.url ? { fetched_url: a.fetchedUrl } : {}),
    fetched_at: a.fetchedAt,
    lang: a.lang,
    extracted_hash: a.extractedHash,
  };
  // Every value is a string: quoted where YAML would read it otherwise (a date, a time, "yes").
  const yaml = yamlModule().stringify(front, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).trimEnd();
  const body = a.blocks
    .map((b) =>
      b.kind === 'caption' ? `> [!caption] ${escapeMarkdown(b.text)}` : b.kind === 'heading' ? `## ${escapeMarkdown(b.text)}` : escapeMarkdown(b.text),
    )
    .join('\n\n');
  return `---\n${yaml}\n---\n\n${body}\n`;
}

/** A readable id for a new article: its title's words without marks, and its date. */
export function articleIdFor(title: string, date: string, taken: (id: string) => boolean): string {
  const words = fold(normalizeSpace(title).toLowerCase())
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    if (slug.length + w.length + 1 > 60) break;
    slug = slug ? `${slug}-${w}` : w;
  }
  const base = `${slug || 'bai-viet'}-${date.replace(/-/g, '')}`.replace(/^-+/, '');
  let id = base;
  for (let n = 2; taken(id) || !ARTICLE_ID.test(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Writes a file so that it is either wholly there or not there at all: a hidden temporary file
 * beside it (the corpus loader skips names starting with "."), flushed to disk, then renamed
 * over the target, and the folder flushed.
 */
export function writeFileAtomically(file: string, data: string): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx');
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

/** Temporary files left by a writer that died; removed before the next write. */
export function removeStaleTemporaries(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const m = /^\..+\.md\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(n);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && !processAlive(pid)) fs.rmSync(path.join(dir, n), { force: true });
  }
}
