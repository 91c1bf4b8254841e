import path from 'node:path';
import type { Embedder } from '../embed/embedder.js';
import { IndexError, InternalError } from '../errors.js';
import type { SearchFilter } from '../types.js';
import { Bm25Scratch } from './lexical-index.js';
import { corpusVersion } from './corpus-version.js';
import { type Manifest, checkCompatible, readCurrentManifest, readModel } from './manifest.js';
import { fold } from '../text/normalize.js';
import type {
  ArticleMatch,
  ParagraphRef,
  PassageHit,
  PassageId,
  PassageLocation,
  QueryTerm,
  Store,
  StoreStats,
  StoredArticle,
  TermStatistics,
} from './port.js';
import { DEFAULT_HNSW, Segment, type SegmentArticle } from './segment.js';
import type { VectorThread } from './vector-thread.js';

/** Where a live article is: its segment and its index there. */
interface ArticleLocation {
  segment: number;
  local: number;
  meta: SegmentArticle;
}

/** A filter's predicate over passages, with what it admits per segment. */
type Admitted = ((seg: number, i: number) => boolean) & {
  /** Per segment, 1 for each admitted article. */
  articles: Uint8Array[];
  /** Per segment, the passages of the admitted articles (deleted ones included). */
  passages: number[];
};

/**
 * A filtered vector search scores the admitted passages one by one when there are at most
 * this many per unit of `efSearch`: fewer distances than one graph walk computes.
 */
const EXACT_SCAN_PER_EF = 4;

/** Passage ids pack the segment above the passage's position in it. */
const SEGMENT_SHIFT = 2 ** 32;

/** The embedded store: a published index generation, its segments loaded for queries. */
export class SegmentStore implements Store {
  private readonly locations = new Map<string, ArticleLocation>();
  private readonly counts: Omit<StoreStats, 'builtAt' | 'generation' | 'corpusVersion'>;
  /** Per segment: 1 for each passage of a deleted or replaced article, in this generation. */
  private readonly deleted: Uint8Array[];
  /**
   * Whether a passage is not deleted: one function for every unfiltered search, so that the
   * optimised BM25 code that calls it keeps calling the same one (a new closure per search
   * sent it back to the interpreter now and then, for a slow search each time).
   */
  private readonly live = (s: number, d: number): boolean => (this.deleted[s] as Uint8Array)[d] === 0;
  /** The last filter's admitted articles (a store's articles do not change), by the filter's values. */
  private lastAdmitted: { key: string; admitted: Admitted } | null = null;
  private readonly hasDeleted: boolean[];
  private readonly bm25: Bm25Scratch;
  private readonly efSearch: number;
  /** The thread that walks the graphs for unfiltered searches, when there is one (`searchVectorsIn`). */
  private thread: VectorThread | null = null;
  /** Per segment, the first passage of each article (`Segment.articlePassageStarts`), made when first needed. */
  private readonly passageStarts: Array<Uint32Array | undefined> = [];

  private constructor(
    readonly indexDir: string,
    readonly manifest: Manifest,
    /** The loaded segments: for the store's own tests and benchmarks, never for the engine. */
    readonly segments: readonly Segment[],
  ) {
    this.deleted = segments.map((seg, si) => seg.deletedMask(manifest.segments[si]?.deleted ?? []));
    this.hasDeleted = manifest.segments.map((e) => e.deleted.length > 0);
    this.bm25 = new Bm25Scratch(segments.map((seg) => seg.lexical));
    this.efSearch = manifest.hnsw.efSearch ?? DEFAULT_HNSW.efSearch;
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
    const { manifest, open, ef } = SegmentStore.prepare(indexDir, embedder, reuse);
    const segments = manifest.segments.map((s) => open.get(s.name) ?? Segment.open(indexDir, s, manifest.embedder.dimension, ef));
    return new SegmentStore(indexDir, manifest, segments).inherit(open.size > 0 ? reuse : undefined);
  }

  /** `open`, with the segments read side by side and the event loop free while their files are read (`Segment.load`). */
  static async load(indexDir: string, embedder: Pick<Embedder, 'id' | 'version' | 'dimension'>, reuse?: SegmentStore): Promise<SegmentStore> {
    const { manifest, open, ef } = SegmentStore.prepare(indexDir, embedder, reuse);
    const loading = manifest.segments.map((s) => open.get(s.name) ?? Segment.load(indexDir, s, manifest.embedder.dimension, ef));
    // Every load is waited for before a failure is reported, so that none is left reading.
    const settled = await Promise.allSettled(loading);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return new SegmentStore(
      indexDir,
      manifest,
      settled.map((r) => (r as PromiseFulfilledResult<Segment>).value),
    ).inherit(open.size > 0 ? reuse : undefined);
  }

  /** What this store takes from an earlier generation of the same build: its embedder model's bytes. */
  private inherit(from: SegmentStore | undefined): this {
    if (from) this.model = from.model;
    return this;
  }

  /** The live manifest, checked against the embedder, and the segments of `reuse` it lists (none unless it is the same build). */
  private static prepare(
    indexDir: string,
    embedder: Pick<Embedder, 'id' | 'version' | 'dimension'>,
    reuse?: SegmentStore,
  ): { manifest: Manifest; open: Map<string, Segment>; ef: number } {
    const manifest = readCurrentManifest(indexDir);
    if (!manifest) {
      throw new IndexError('index-missing', `no index at ${indexDir}; run "kiemchung index" to build it`);
    }
    checkCompatible(
      manifest,
      { embedder: { id: embedder.id, version: embedder.version, dimension: embedder.dimension }, chunking: manifest.chunking },
      indexDir,
    );
    const ef = manifest.hnsw.efSearch ?? DEFAULT_HNSW.efSearch;
    const open = new Map(
      (reuse && path.resolve(reuse.indexDir) === path.resolve(indexDir) && sameBuild(reuse.manifest, manifest) ? reuse.segments : []).map((s) => [s.name, s]),
    );
    return { manifest, open, ef };
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

  /**
   * A predicate over passages for a filter, or null when every live passage is allowed; with
   * it, per segment, which articles the filter admits and how many passages they have
   * (deleted ones included).
   */
  private allowed(filter?: SearchFilter): Admitted | null {
    const ids = filter?.articleIds?.length ? new Set(filter.articleIds) : null;
    const sources = filter?.sources?.length ? new Set(filter.sources.map((s) => s.toLowerCase())) : null;
    const from = filter?.dateFrom;
    const to = filter?.dateTo;
    if (!ids && !sources && !from && !to) return null;
    // One search asks twice (lexical and vector), and questions about one period ask alike: the last is kept.
    const key = JSON.stringify([ids ? [...ids] : null, sources ? [...sources] : null, from ?? null, to ?? null]);
    if (this.lastAdmitted?.key === key) return this.lastAdmitted.admitted;
    // One loop per segment into its mask, counting the admitted passages as it goes (a filter of its own is made for each period asked about).
    const passages: number[] = [];
    const articles = this.segments.map((seg) => {
      const list = seg.articles;
      const mask = new Uint8Array(list.length);
      let admitted = 0;
      for (let ai = 0; ai < list.length; ai++) {
        const a = list[ai] as SegmentArticle;
        if (
          (!ids || ids.has(a.id)) &&
          (!sources || sources.has(a.source.toLowerCase())) &&
          (!from || (a.date !== '' && a.date >= from)) &&
          (!to || (a.date !== '' && a.date <= to))
        ) {
          mask[ai] = 1;
          admitted += a.passageCount;
        }
      }
      passages.push(admitted);
      return mask;
    });
    const pred = (s: number, i: number) => (articles[s] as Uint8Array)[(this.segments[s] as Segment).articleOfPassage(i)] === 1;
    const admitted = Object.assign(pred, { articles, passages });
    this.lastAdmitted = { key, admitted };
    return admitted;
  }

  /**
   * Checksums every segment's data pack not yet checked (a segment opened for serving is
   * checked in the background, started by the first call: `Segment.load`) and settles when all
   * are; rejects with the first mismatch, from when on every read of the store throws it.
   */
  async verified(): Promise<void> {
    await Promise.all(this.segments.map((s) => s.verify()));
    this.sound();
  }

  /** Throws the damage a background checksum found, if any: a damaged index is not answered from. */
  private sound(): void {
    for (const s of this.segments) if (s.damage) throw s.damage;
  }

  async lexicalSearch(terms: readonly QueryTerm[], k: number, filter?: SearchFilter): Promise<PassageHit[]> {
    this.sound();
    const extra = this.allowed(filter);
    // A filter that admits no passage of a segment spares walking its postings, and one that admits
    // none at all (a period before or after every stored article: 69 of the 2,474 ViNewsQA dev
    // questions at 35k, 3.3 ms each) the whole search.
    if (extra?.passages.every((n) => n === 0)) return [];
    const live = this.live;
    const hits = extra
      ? this.bm25.search(
          terms,
          k,
          (s, d) => live(s, d) && extra(s, d),
          (s) => (extra.passages[s] as number) > 0,
        )
      : this.bm25.search(terms, k, live);
    return hits.map((h) => ({ passage: this.passageId(h.segment, h.doc), score: h.score }));
  }

  /**
   * Lets `thread` answer this generation's unfiltered vector searches, once it has loaded the
   * graphs (`vector-thread.ts`); the store walks its own graphs until then.
   */
  searchVectorsIn(thread: VectorThread): void {
    this.thread = thread;
    const segments = this.segments.map((seg, si) => ({
      file: seg.passageCount > 0 ? seg.graphFile : null,
      passages: seg.passageCount,
      deleted: this.hasDeleted[si] ? (this.deleted[si] as Uint8Array) : null,
    }));
    thread.serve(this, segments, this.manifest.embedder.dimension, this.efSearch);
  }

  /** Settles once the thread of `searchVectorsIn` answers this generation's vector searches, or will not (at once without one). */
  vectorGraphReady(): Promise<void> {
    return this.thread?.ready(this) ?? Promise.resolve();
  }

  /** Whether this generation's unfiltered vector searches are answered by the thread of `searchVectorsIn`. */
  get vectorsInThread(): boolean {
    return this.thread?.serves(this) ?? false;
  }

  async vectorSearch(vector: Float32Array, k: number, filter?: SearchFilter): Promise<PassageHit[]> {
    this.sound();
    const admit = this.allowed(filter);
    if (!admit && this.thread?.serves(this)) {
      const found = await this.thread.search(this, vector, k);
      if (found) {
        const hits: PassageHit[] = [];
        for (let i = 0; i < found.labels.length; i++) {
          hits.push({ passage: this.passageId(found.segments[i] as number, found.labels[i] as number), score: found.scores[i] as number });
        }
        return hits.sort((a, b) => b.score - a.score).slice(0, k);
      }
    }
    const q = Array.from(vector);
    const hits: PassageHit[] = [];
    this.segments.forEach((seg, si) => {
      const n = seg.passageCount;
      if (n === 0) return;
      const deleted = this.deleted[si] as Uint8Array;
      const live = this.hasDeleted[si] ? (label: number) => deleted[label] === 0 : undefined;
      const push = (r: { neighbors: number[]; distances: number[] }, keep?: (label: number) => boolean) =>
        r.neighbors.forEach((label, j) => {
          if (!keep || keep(label)) hits.push({ passage: this.passageId(si, label), score: 1 - (r.distances[j] as number) });
        });
      if (!admit) {
        push(seg.hnsw.searchKnn(q, Math.min(k, n), live));
        return;
      }
      // A graph walk restricted to few passages visits most of the graph before it has k of
      // them (hundreds of milliseconds at 35k). So: few admitted passages are scored exactly;
      // a filter admitting a small share searches the graph unfiltered for more neighbours and
      // keeps the admitted ones, walking the graph under the filter only when that finds too
      // few; a broad filter walks the graph under it.
      const admitted = admit.passages[si] as number;
      if (admitted === 0) return;
      const inFilter = (label: number) => deleted[label] === 0 && admit(si, label);
      if (admitted <= EXACT_SCAN_PER_EF * this.efSearch) {
        for (const h of this.exactScan(si, vector, k, admit.articles[si] as Uint8Array)) hits.push(h);
        return;
      }
      if (admitted < n * 0.2) {
        const r = seg.hnsw.searchKnn(q, Math.min(n, Math.max(8 * k, 400)), live);
        const before = hits.length;
        push(r, (label) => admit(si, label));
        if (hits.length - before >= Math.min(k, admitted) || r.neighbors.length === n) return;
        hits.length = before;
      }
      push(seg.hnsw.searchKnn(q, Math.min(k, admitted), inFilter));
    });
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** The `k` live passages of segment `si`'s admitted articles nearest to `q`, scored one by one as the graph would. */
  private exactScan(si: number, q: Float32Array, k: number, admitted: Uint8Array): PassageHit[] {
    const seg = this.segments[si] as Segment;
    const deleted = this.deleted[si] as Uint8Array;
    const starts = (this.passageStarts[si] ??= seg.articlePassageStarts());
    const out: PassageHit[] = [];
    for (let a = 0; a < admitted.length; a++) {
      if (!admitted[a]) continue;
      for (let p = starts[a] as number; p < (starts[a + 1] as number); p++) {
        if (deleted[p]) continue;
        const v = seg.hnsw.getPoint(p);
        let dot = 0;
        for (let j = 0; j < v.length; j++) dot += (q[j] as number) * (v[j] as number);
        out.push({ passage: this.passageId(si, p), score: dot });
      }
    }
    return out.sort((x, y) => y.score - x.score).slice(0, k);
  }

  /** Where one passage is (the store's own tests and benchmarks read it directly). */
  passage(id: PassageId): PassageLocation {
    const { seg, local } = this.locate(id);
    const paragraph = seg.passPara[local] as number;
    const article = seg.articles[seg.paraArticle[paragraph] as number] as SegmentArticle;
    return { article, paragraphNumber: paragraph - article.firstParagraph + 1, start: seg.passStart[local] as number, end: seg.passEnd[local] as number };
  }

  async passages(ids: readonly PassageId[]): Promise<PassageLocation[]> {
    this.sound();
    return ids.map((id) => this.passage(id));
  }

  /** The text of one paragraph, or null (the store's own tests and benchmarks read it directly). */
  paragraph(articleId: string, n: number): string | null {
    const loc = this.locations.get(articleId);
    if (!loc || !Number.isInteger(n) || n < 1 || n > loc.meta.paragraphCount) return null;
    return (this.segments[loc.segment] as Segment).paragraphText(loc.meta.firstParagraph + n - 1);
  }

  async paragraphs(refs: readonly ParagraphRef[]): Promise<(string | null)[]> {
    this.sound();
    const out: (string | null)[] = new Array(refs.length).fill(null);
    // Runs of consecutive paragraphs of one article (a whole article, say) are read from the file at once.
    for (let i = 0; i < refs.length;) {
      const r = refs[i] as ParagraphRef;
      const loc = this.locations.get(r.articleId);
      let j = i + 1;
      if (loc && Number.isInteger(r.n) && r.n >= 1 && r.n <= loc.meta.paragraphCount) {
        while (j < refs.length && refs[j]?.articleId === r.articleId && refs[j]?.n === r.n + (j - i) && r.n + (j - i) <= loc.meta.paragraphCount) j++;
        const seg = this.segments[loc.segment] as Segment;
        const first = loc.meta.firstParagraph + r.n - 1;
        const texts = j - i === 1 ? [seg.paragraphText(first)] : seg.paragraphTexts(first, j - i, true);
        for (let t = 0; t < texts.length; t++) out[i + t] = texts[t] as string;
      }
      i = j;
    }
    return out;
  }

  async article(id: string): Promise<StoredArticle | null> {
    return this.locations.get(id)?.meta ?? null;
  }

  async findArticles(match: ArticleMatch, limit: number): Promise<StoredArticle[]> {
    const out: StoredArticle[] = [];
    for (const { meta } of this.locations.values()) {
      if (out.length >= limit) break;
      const idHit = match.idExact ? meta.id === match.id : meta.id.startsWith(match.id);
      if (idHit || (match.titleContains !== '' && fold(meta.title).includes(match.titleContains))) out.push(meta);
    }
    return out;
  }

  async articles(): Promise<StoredArticle[]> {
    return [...this.locations.values()].map((l) => l.meta);
  }

  /** Passages a hashed term occurs in, deleted ones included until their segment is merged. */
  documentFrequency(hash: number): number {
    let n = 0;
    for (const s of this.segments) n += s.lexical.df(hash);
    return n;
  }

  /** Passages the lexical statistics count. */
  lexicalSize(): number {
    return this.segments.reduce((n, s) => n + s.lexical.size, 0);
  }

  async termStatistics(hashes: readonly number[]): Promise<TermStatistics> {
    return { passages: this.lexicalSize(), df: hashes.map((h) => this.documentFrequency(h)) };
  }

  /** The counts; the corpus version (a digest of every article's hash) is computed when it is first read, not for every look at the counts. */
  stats(): StoreStats {
    const version = () => this.corpusVersion();
    return {
      ...this.counts,
      builtAt: this.manifest.createdAt,
      get corpusVersion() {
        return version();
      },
      generation: this.manifest.generation,
    };
  }

  private version: string | null = null;

  /** The articles' content hashes (what an update compares), digested once per generation. */
  private corpusVersion(): string {
    this.version ??= corpusVersion([...this.locations.values()].map((l) => ({ id: l.meta.id, hash: l.meta.hash })));
    return this.version;
  }

  /** The model's bytes, read once: a later generation of the same build (`sameBuild`) takes them from the store it reuses. */
  private model: Uint8Array | null = null;

  embedderModel(): Uint8Array | null {
    const m = this.manifest.embedder.model;
    if (!m) return null;
    this.model ??= readModel(this.indexDir, m);
    return this.model;
  }
}

/** Whether two manifests describe the same build (embedder, its model, settings): segments of one serve the other. */
function sameBuild(a: Manifest, b: Manifest): boolean {
  return JSON.stringify([a.embedder, a.chunking, a.hnsw]) === JSON.stringify([b.embedder, b.chunking, b.hnsw]);
}
