import fs from 'node:fs';
import path from 'node:path';
import { urlKey } from './url-key.js';

/** An article file of the corpus, as far as adding pages needs to know it. */
export interface KnownArticle {
  id: string;
  file: string;
  url?: string;
  fetchedUrl?: string;
  /** Set on files written by `kiemchung add`; absent on hand-written ones. */
  extractedHash?: string;
}

/** Front matter fields read from the head of a file (front matter comes first and is short). */
const HEAD_BYTES = 8192;
const FIELDS = /^(id|url|fetched_url|extracted_hash):[ \t]*(.*)$/gm;

/** A one-line YAML scalar as front matter writes it: plain, or in single or double quotes. */
function scalar(raw: string): string {
  const t = raw.replace(/\s+#.*$/, '').trim();
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  if (t.startsWith('"') && t.endsWith('"')) {
    try {
      return String(JSON.parse(t));
    } catch {
      return t.slice(1, -1);
    }
  }
  return t;
}

/** The fields of one file's front matter, or null when it has none. */
export function readKnown(file: string): KnownArticle | null {
  let head: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      head = buf.subarray(0, fs.readSync(fd, buf, 0, HEAD_BYTES, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
  if (!head.startsWith('---')) return null;
  const end = head.indexOf('\n---', 3);
  const fields: Record<string, string> = {};
  for (const m of (end > 0 ? head.slice(0, end) : head).matchAll(FIELDS)) fields[m[1] as string] = scalar(m[2] as string);
  if (!fields.id) return null;
  return {
    id: fields.id,
    file,
    ...(fields.url ? { url: fields.url } : {}),
    ...(fields.fetched_url ? { fetchedUrl: fields.fetched_url } : {}),
    ...(fields.extracted_hash ? { extractedHash: fields.extracted_hash } : {}),
  };
}

/**
 * Which article an address belongs to. The corpus is the source of truth (an editor may add,
 * move or delete files), so answers come from the files' own front matter. Finding them is
 * cheap: the index knows each article's address, and a file `add` wrote is `<id>.md` in the
 * folder; only when a file is not where its id says (moved by hand) is every file's front
 * matter read, once.
 */
export class CorpusUrls {
  private readonly byKey = new Map<string, KnownArticle>();
  private readonly ids = new Map<string, KnownArticle>();
  private indexed: Map<string, string> | null = null;
  private scanned = false;

  /**
   * @param dir the corpus folder
   * @param stored the articles the index holds (id and canonical address), read when first needed
   */
  constructor(
    private readonly dir: string,
    private readonly stored: () => Iterable<{ id: string; url?: string }>,
  ) {}

  remember(a: KnownArticle): void {
    const old = this.ids.get(a.id);
    if (old) for (const u of [old.url, old.fetchedUrl]) if (u && this.byKey.get(urlKey(u))?.id === a.id) this.byKey.delete(urlKey(u));
    this.ids.set(a.id, a);
    for (const u of [a.url, a.fetchedUrl]) if (u && !this.byKey.has(urlKey(u))) this.byKey.set(urlKey(u), a);
  }

  /** The article any of these addresses belongs to. */
  find(urls: readonly string[]): KnownArticle | undefined {
    const keys = urls.map(urlKey);
    const direct = () => keys.map((k) => this.byKey.get(k)).find(Boolean);
    const hit = direct();
    if (hit) return hit;
    if (!this.indexed) {
      this.indexed = new Map();
      for (const a of this.stored()) if (a.url) this.indexed.set(urlKey(a.url), a.id);
    }
    for (const k of keys) {
      const id = this.indexed.get(k);
      if (!id) continue;
      const known = readKnown(path.join(this.dir, `${id}.md`));
      if (known?.id === id) {
        this.remember(known);
        return known;
      }
      // Not where its id says: read every file's front matter once.
      this.scan();
      return direct();
    }
    return undefined;
  }

  /** Whether an article file or the index already uses this id. */
  hasId(id: string): boolean {
    return this.ids.has(id) || fs.existsSync(path.join(this.dir, `${id}.md`));
  }

  private scan(): void {
    if (this.scanned) return;
    this.scanned = true;
    const walk = (d: string, depth: number) => {
      if (depth > 8) return;
      let names: string[];
      try {
        names = fs.readdirSync(d);
      } catch {
        return;
      }
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const p = path.join(d, name);
        let st: fs.Stats;
        try {
          st = fs.statSync(p);
        } catch {
          continue;
        }
        if (st.isDirectory()) walk(p, depth + 1);
        else if (st.isFile() && /\.md$/i.test(name) && !/^readme\.md$/i.test(name)) {
          const known = readKnown(p);
          if (known && !this.ids.has(known.id)) this.remember(known);
        }
      }
    };
    walk(this.dir, 0);
  }
}
