import path from 'node:path';
import crypto from 'node:crypto';
import type { Embedder } from '../embed/embedder.js';
import { IndexError, InternalError } from '../errors.js';
import type { SearchFilter } from '../types.js';
import { Bm25Scratch } from './lexical-index.js';
import { type Manifest, checkCompatible, readCurrentManifest, readModel } from './manifest.js';
import type { PassageHit, PassageId, PassageLocation, QueryTerm, Store, StoreStats, StoredArticle } from './port.js';
import { DEFAULT_HNSW, Segment, type SegmentArticle } from './segment.js';

/** Where a live article is: its segment and its index there. */
interface ArticleLocation {
  segment: number;
  local: number;
  meta: SegmentArticle;
}

/** Passage ids pack the segment above the passage's position in it. */
const SEGMENT_SHIFT = 2 ** 32;

/** The embedded store: a published index generation, its segments loaded for queries. */
export class SegmentStore implements Store {
  private readonly locations = new Map<string, ArticleLocation>();
  private readonly counts: Omit<StoreStats, 'builtAt'>;
  /** Per segment: 1 for each passage of a deleted or replaced article, in this generation. */
  private readonly deleted: Uint8Array[];
  private readonly hasDeleted: boolean[];
  private readonly bm25: Bm25Scratch;

  private constructor(
    readonly indexDir: string,
    readonly manifest: Manifest,
    /** The loaded segments: for the store's own tests and benchmarks, never for the engine. */
    readonly segments: readonly Segment[],
  ) {
    this.deleted = segments.map((seg, si) => seg.deletedMask(manifest.segments[si]?.deleted ?? []));
    this.hasDeleted = manifest.segments.map((e) => e.deleted.length > 0);
    this.bm25 = new Bm25Scratch(segments.map((seg) => seg.lexical));
    let paragraphs = 0;
    let passages = 0;
    let from: string | null = null;
    let to: string | null = null;
    segments.forEach((seg, si) => {
      const dead = new Set(manifest.segments[si]?.deleted ?? []);
      const deleted = this.deleted[si] as Uint8Array;
      seg.articles.forEach((meta, local) => {
        if (dead.has(local)) return;
        this.locations.set(meta.id, { segment: si, local, meta });
        paragraphs += meta.paragraphCount;
        if (meta.date) {
          if (from === null || meta.date < from) from = meta.date;
          if (to === null || meta.date > to) to = meta.date;
        }
      });
      for (let i = 0; i < seg.passageCount; i++) if (!deleted[i]) passages++;
    });
    this.counts = { articles: this.locations.size, paragraphs, passages, dateFrom: from, dateTo: to };
  }

  /**
   * Opens the live generation; fails clearly when there is none or it was built differently.
   * Segments that `reuse` (an earlier generation of the same index) has open are shared, not
   * read again: after an update only the new segment is read.
   */
  static open(indexDir: string, embedder: Pick<Embedder, 'id' | 'version' | 'dimension'>, reuse?: SegmentStore): SegmentStore {
    const manifest = readCurrentManifest(indexDir);
    if (!manifest) {
      throw new IndexError('index-missing', `no index at ${indexDir}; run "kiemchung index" to build it`);
    }
    checkCompatible(manifest, { embedder: { id: embedder.id, version: embedder.version, dimension: embedder.dimension }, chunking: manifest.chunking }, indexDir);
    const ef = manifest.hnsw.efSearch ?? DEFAULT_HNSW.efSearch;
    const open = new Map((reuse && path.resolve(reuse.indexDir) === path.resolve(indexDir) && sameBuild(reuse.manifest, manifest) ? reuse.segments : []).map((s) => [s.name, s]));
    const segments = manifest.segments.map((s) => open.get(s.name) ?? new Segment(indexDir, s, manifest.embedder.dimension, ef));
    return new SegmentStore(indexDir, manifest, segments);
  }

  /** The id of passage `local` of segment `segment`. */
  passageId(segment: number, local: number): PassageId {
    return segment * SEGMENT_SHIFT + local;
  }

  /** Whether passage `local` of segment `segment` belongs to a deleted or replaced article. */
  isDeleted(segment: number, local: number): boolean {
    return (this.deleted[segment] as Uint8Array)[local] === 1;
  }

  private locate(id: PassageId): { seg: Segment; local: number } {
    const seg = this.segments[Math.floor(id / SEGMENT_SHIFT)];
    const local = id % SEGMENT_SHIFT;
    if (!seg || local >= seg.passageCount) throw new InternalError(`no passage ${id} in the index at ${this.indexDir}`);
    return { seg, local };
  }

  /** A predicate over passages for a filter, or null when every live passage is allowed. */
  private allowed(filter?: SearchFilter): ((seg: number, i: number) => boolean) | null {
    const ids = filter?.articleIds?.length ? new Set(filter.articleIds) : null;
    const sources = filter?.sources?.length ? new Set(filter.sources.map((s) => s.toLowerCase())) : null;
    const from = filter?.dateFrom;
    const to = filter?.dateTo;
    if (!ids && !sources && !from && !to) return null;
    const ok = this.segments.map((seg) =>
      Uint8Array.from(
        seg.articles.map((a) =>
          (!ids || ids.has(a.id)) &&
          (!sources || sources.has(a.source.toLowerCase())) &&
          (!from || (a.date !== '' && a.date >= from)) &&
          (!to || (a.date !== '' && a.date <= to))
            ? 1
            : 0,
        ),
      ),
    );
    return (s, i) => (ok[s] as Uint8Array)[(this.segments[s] as Segment).articleOfPassage(i)] === 1;
  }

  async lexicalSearch(terms: readonly QueryTerm[], k: number, filter?: SearchFilter): Promise<PassageHit[]> {
    const extra = this.allowed(filter);
    const alive = (s: number, d: number) => (this.deleted[s] as Uint8Array)[d] === 0 && (!extra || extra(s, d));
    return this.bm25.search(terms, k, alive).map((h) => ({ passage: this.passageId(h.segment, h.doc), score: h.score }));
  }

  async vectorSearch(vector: Float32Array, k: number, filter?: SearchFilter): Promise<PassageHit[]> {
    const extra = this.allowed(filter);
    const q = Array.from(vector);
    const hits: PassageHit[] = [];
    this.segments.forEach((seg, si) => {
      const n = seg.passageCount;
      if (n === 0) return;
      const deleted = this.deleted[si] as Uint8Array;
      const fn = this.hasDeleted[si] || extra ? (label: number) => deleted[label] === 0 && (!extra || extra(si, label)) : undefined;
      const r = seg.hnsw.searchKnn(q, Math.min(k, n), fn);
      r.neighbors.forEach((label, j) => hits.push({ passage: this.passageId(si, label), score: 1 - (r.distances[j] as number) }));
    });
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  passage(id: PassageId): PassageLocation {
    const { seg, local } = this.locate(id);
    const paragraph = seg.passPara[local] as number;
    const article = seg.articles[seg.paraArticle[paragraph] as number] as SegmentArticle;
    return { article, paragraphNumber: paragraph - article.firstParagraph + 1, start: seg.passStart[local] as number, end: seg.passEnd[local] as number };
  }

  paragraph(articleId: string, n: number): string | null {
    const loc = this.locations.get(articleId);
    if (!loc || !Number.isInteger(n) || n < 1 || n > loc.meta.paragraphCount) return null;
    return (this.segments[loc.segment] as Segment).paragraphText(loc.meta.firstParagraph + n - 1);
  }

  article(id: string): StoredArticle | null {
    return this.locations.get(id)?.meta ?? null;
  }

  *articles(): IterableIterator<StoredArticle> {
    for (const loc of this.locations.values()) yield loc.meta;
  }

  documentFrequency(hash: number): number {
    let n = 0;
    for (const s of this.segments) n += s.lexical.df(hash);
    return n;
  }

  lexicalSize(): number {
    return this.segments.reduce((n, s) => n + s.lexical.size, 0);
  }

  stats(): StoreStats {
    return { ...this.counts, builtAt: this.manifest.createdAt, corpusVersion: this.corpusVersion() };
  }

  private version: string | null = null;

  /** The articles' content hashes (what an update compares), digested once per generation. */
  private corpusVersion(): string {
    if (this.version === null) {
      const h = crypto.createHash('sha256');
      for (const id of [...this.locations.keys()].sort()) h.update(`${id}\u0000${this.locations.get(id)?.meta.hash ?? ''}\n`);
      this.version = h.digest('hex').slice(0, 12);
    }
    return this.version;
  }

  embedderModel(): Uint8Array | null {
    const m = this.manifest.embedder.model;
    return m ? readModel(this.indexDir, m) : null;
  }
}

/** Whether two manifests describe the same build (embedder, its model, settings): segments of one serve the other. */
function sameBuild(a: Manifest, b: Manifest): boolean {
  return JSON.stringify([a.embedder, a.chunking, a.hnsw]) === JSON.stringify([b.embedder, b.chunking, b.hnsw]);
}
