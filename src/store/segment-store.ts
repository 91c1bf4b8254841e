import type { Embedder } from '../embed/embedder.js';
import { IndexError } from '../errors.js';
import type { ArticleRef, SearchFilter } from '../types.js';
import { type QueryTerm, bm25Search } from './lexical-index.js';
import { DEFAULT_HNSW, Segment, type SegmentArticle } from './segment.js';
import { type Manifest, checkCompatible, readCurrentManifest } from './manifest.js';

export interface PassageHit {
  segment: number;
  passage: number;
  score: number;
}

export interface ArticleLocation {
  segment: number;
  local: number;
  meta: SegmentArticle;
}

export function articleRef(m: SegmentArticle): ArticleRef {
  return { articleId: m.id, title: m.title, date: m.date, dateKind: m.dateKind, source: m.source, ...(m.url ? { url: m.url } : {}) };
}

/** A published index generation, loaded for queries. */
export class SegmentStore {
  readonly articles = new Map<string, ArticleLocation>();
  readonly paragraphCount: number;
  readonly passageCount: number;
  readonly dateFrom: string | null;
  readonly dateTo: string | null;

  private constructor(
    readonly indexDir: string,
    readonly manifest: Manifest,
    readonly segments: Segment[],
  ) {
    let paragraphs = 0;
    let passages = 0;
    let from: string | null = null;
    let to: string | null = null;
    segments.forEach((seg, si) => {
      const dead = new Set(manifest.segments[si]?.deleted ?? []);
      seg.articles.forEach((meta, local) => {
        if (dead.has(local)) return;
        this.articles.set(meta.id, { segment: si, local, meta });
        paragraphs += meta.paragraphCount;
        if (meta.date) {
          if (from === null || meta.date < from) from = meta.date;
          if (to === null || meta.date > to) to = meta.date;
        }
      });
      for (let i = 0; i < seg.passageCount; i++) if (!seg.deleted[i]) passages++;
    });
    this.paragraphCount = paragraphs;
    this.passageCount = passages;
    this.dateFrom = from;
    this.dateTo = to;
  }

  /** Opens the live generation; fails clearly when there is none or it was built differently. */
  static open(indexDir: string, embedder: Pick<Embedder, 'id' | 'version' | 'dimension'>): SegmentStore {
    const manifest = readCurrentManifest(indexDir);
    if (!manifest) {
      throw new IndexError('index-missing', `no index at ${indexDir}; run "kiemchung index" to build it`);
    }
    checkCompatible(manifest, { embedder: { id: embedder.id, version: embedder.version, dimension: embedder.dimension }, chunking: manifest.chunking }, indexDir);
    const ef = manifest.hnsw.efSearch ?? DEFAULT_HNSW.efSearch;
    const segments = manifest.segments.map((s) => new Segment(indexDir, s, manifest.embedder.dimension, ef));
    return new SegmentStore(indexDir, manifest, segments);
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

  lexical(terms: readonly QueryTerm[], k: number, filter?: SearchFilter): PassageHit[] {
    const extra = this.allowed(filter);
    const alive = (s: number, d: number) => !(this.segments[s] as Segment).deleted[d] && (!extra || extra(s, d));
    return bm25Search(
      this.segments.map((s) => s.lexical),
      terms,
      k,
      alive,
    ).map((h) => ({ segment: h.segment, passage: h.doc, score: h.score }));
  }

  vector(query: Float32Array, k: number, filter?: SearchFilter): PassageHit[] {
    const extra = this.allowed(filter);
    const q = Array.from(query);
    const hits: PassageHit[] = [];
    this.segments.forEach((seg, si) => {
      const n = seg.passageCount;
      if (n === 0) return;
      const fn = seg.hasDeleted || extra ? (label: number) => !seg.deleted[label] && (!extra || extra(si, label)) : undefined;
      const r = seg.hnsw.searchKnn(q, Math.min(k, n), fn);
      r.neighbors.forEach((label, j) => hits.push({ segment: si, passage: label, score: 1 - (r.distances[j] as number) }));
    });
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  segmentArticle(seg: number, passage: number): SegmentArticle {
    const s = this.segments[seg] as Segment;
    return s.articles[s.articleOfPassage(passage)] as SegmentArticle;
  }

  /** Document frequency of a hashed term across the index (for weighting query terms). */
  df(hash: number): number {
    let n = 0;
    for (const s of this.segments) n += s.lexical.df(hash);
    return n;
  }

  get lexicalSize(): number {
    return this.segments.reduce((n, s) => n + s.lexical.size, 0);
  }
}
