import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
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

/** Front matter fields read from the head of each file (front matter comes first and is short). */
const HEAD_BYTES = 8192;
const FIELDS = /^(id|url|fetched_url|extracted_hash):[ \t]*(.*)$/gm;

function readHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = fs.readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function scalar(raw: string): string {
  try {
    const v = parseYaml(raw) as unknown;
    return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
  } catch {
    return raw.trim();
  }
}

/**
 * Which article each address belongs to, read from the corpus's own front matter (the corpus is
 * the source of truth: an editor may add, move or delete files). Keys are `urlKey`s of `url`
 * and `fetched_url`.
 */
export class CorpusUrls {
  private readonly byKey = new Map<string, KnownArticle>();
  private readonly ids = new Map<string, KnownArticle>();

  static scan(dir: string): CorpusUrls {
    const out = new CorpusUrls();
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
          try {
            const head = readHead(p);
            if (!head.startsWith('---')) continue;
            const end = head.indexOf('\n---', 3);
            const front = end > 0 ? head.slice(0, end) : head;
            const fields: Record<string, string> = {};
            for (const m of front.matchAll(FIELDS)) fields[m[1] as string] = scalar(m[2] as string);
            if (fields.id) out.remember({ id: fields.id, file: p, ...(fields.url ? { url: fields.url } : {}), ...(fields.fetched_url ? { fetchedUrl: fields.fetched_url } : {}), ...(fields.extracted_hash ? { extractedHash: fields.extracted_hash } : {}) });
          } catch {
            // An unreadable file is reported by the corpus loader; it holds no address we can use.
          }
        }
      }
    };
    walk(dir, 0);
    return out;
  }

  remember(a: KnownArticle): void {
    const old = this.ids.get(a.id);
    if (old) for (const u of [old.url, old.fetchedUrl]) if (u && this.byKey.get(urlKey(u))?.id === a.id) this.byKey.delete(urlKey(u));
    this.ids.set(a.id, a);
    for (const u of [a.url, a.fetchedUrl]) if (u && !this.byKey.has(urlKey(u))) this.byKey.set(urlKey(u), a);
  }

  /** The article any of these addresses belongs to. */
  find(urls: readonly string[]): KnownArticle | undefined {
    for (const u of urls) {
      const hit = this.byKey.get(urlKey(u));
      if (hit) return hit;
    }
    return undefined;
  }

  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }
}
