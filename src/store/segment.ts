import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import hnswlib from 'hnswlib-node';
import type { Article } from '../corpus/article.js';
import { READING_VERSION, recordHash } from '../corpus/load-corpus.js';
import { type ChunkOptions, splitPassages } from '../corpus/passages.js';
import type { StoredArticle } from './port.js';
import { LexicalBuilder, LexicalIndex } from './lexical-index.js';
import { Grow, type Pack, type PackArray, type PackLayout, decodePack, packArray, packOf, packParts, readPackLayout } from './pack.js';
import { IndexError, InternalError } from '../errors.js';
import { type FileSeal, crc32, sealFile, writeSealedFile } from './atomic-files.js';
import { type SegmentEntry, rebuildHint, segmentsDir } from './manifest.js';
import { Lru, textBytes } from './lru.js';

/**
 * A segment is an immutable slice of the index: some articles with their paragraphs, passages,
 * lexical postings, vectors and HNSW graph. A full build writes a few segments in parallel;
 * an update writes one small segment and marks replaced articles deleted in older ones
 * (merged away later), so updating one article never rewrites the whole index.
 */
export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

/**
 * A graph built at `efConstruction` 150 and searched at `efSearch` 160: a breadth at which the
 * graph finds what exact search finds (recall@10 ≥ 0.95) with a margin, for less search time
 * than the graphs built at 100 needed. At 35k articles (650 ViNewsQA questions, two segments,
 * the corpus embedder's 64 dimensions; `bench/experiments/hnsw-recall.ts`, each row's graphs
 * searched in one process): built at 150, recall@10 0.957 at 144, 0.960 at 152 and 0.962 at
 * 160, 0.35-0.39 ms of CPU per vector search; built at 100, 0.937 at 128, 0.950 at 160 and 0.960
 * at 200, 0.44-0.52 ms at 200 (the two alternated six times in one process); built at 200, 0.959
 * at 144 but 51 s of graph building. The graphs of both segments take 35-39 s of CPU at 150
 * against 26-29 s at 100 (the two build workers share it: a full build of 35k articles took
 * 43.8-46.0 s against 41.9-47.6 s, interleaved). The vectors are fused at a small weight (`CORPUS_FUSION`), and `kiemchung eval` gave the same
 * figures at 96 as at 256; the breadth is kept where the graph is a faithful stand-in for exact
 * search rather than where the fused ranking stops noticing. An index keeps the settings it was
 * built with (`updateIndex`).
 */
export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 150, efSearch: 160 };

/** An article as a segment stores it: its metadata, with the paragraphs kept in the text store. */
export interface SegmentArticle extends StoredArticle {
  /** Content hash of the article as indexed (`articleHash`): what an update compares. */
  hash: string;
  /**
   * Hash of the source record it was read from, with the chunking (`contentHash`), when the
   * loader read it: an update recognises the unchanged record without parsing it.
   */
  record?: string;
  /** Segment-local index of the article's first paragraph. */
  firstParagraph: number;
  /** Passages the paragraphs were cut into. */
  passageCount: number;
}

/**
 * Article lists already read, by segment folder and checksum, least recently used first. A
 * segment's files never change, so the same list serves the segment a process has open, the
 * next update's plan and the store it reopens: an update in a serving engine reads and parses
 * only the new segment's list. Bounded by the articles held; an entry goes when its folder is
 * collected. The lists are shared: nobody may change them.
 */
const articleLists = new Map<string, readonly SegmentArticle[]>();
let listedArticles = 0;
/** Articles the cache holds at most (a few full indexes of a newsroom archive). */
const ARTICLE_LIST_CACHE = 200_000;

function listKey(indexDir: string, name: string): string {
  return path.join(path.resolve(segmentsDir(indexDir)), name);
}

/** A segment's article list alone (checksum verified when first read): enough to plan an update. */
export function readSegmentArticles(indexDir: string, entry: SegmentEntry): SegmentArticle[] {
  const sum = entry.files['articles.json'];
  const key = `${listKey(indexDir, entry.name)}\0${sum?.size}:${sum?.crc32}`;
  let list = articleLists.get(key);
  if (list) articleLists.delete(key);
  else {
    list = JSON.parse(verifyFile(indexDir, entry, 'articles.json').toString('utf8')) as SegmentArticle[];
    listedArticles += list.length;
  }
  articleLists.set(key, list);
  for (const [k, old] of articleLists) {
    if (listedArticles <= ARTICLE_LIST_CACHE || k === key) break;
    articleLists.delete(k);
    listedArticles -= old.length;
  }
  return list as SegmentArticle[];
}

const recordIndexes = new WeakMap<readonly SegmentArticle[], Map<string, number>>();

/** An article list's positions by the `record` they were read from, made once per list (the lists are shared and never change). */
export function recordIndex(list: readonly SegmentArticle[]): ReadonlyMap<string, number> {
  let index = recordIndexes.get(list);
  if (!index) {
    index = new Map();
    for (let i = 0; i < list.length; i++) {
      const r = list[i]?.record;
      if (r) index.set(r, i);
    }
    recordIndexes.set(list, index);
  }
  return index;
}

/** Drops the cached article lists of a segment whose folder is removed. */
export function forgetSegmentArticles(indexDir: string, name: string): void {
  const prefix = `${listKey(indexDir, name)}\0`;
  for (const [k, list] of articleLists) {
    if (!k.startsWith(prefix)) continue;
    articleLists.delete(k);
    listedArticles -= list.length;
  }
}

function segmentFile(indexDir: string, seg: SegmentEntry, file: string): string {
  return path.join(segmentsDir(indexDir), seg.name, file);
}

function missing(indexDir: string, seg: SegmentEntry, file: string, err: unknown): IndexError {
  return new IndexError('index-corrupt', `index at ${indexDir} is damaged: ${seg.name}/${file} is missing; ${rebuildHint(indexDir)}`, { cause: err });
}

/** Throws unless `size` bytes with CRC-32 `crc` are what the manifest lists for the file. */
function checkSum(indexDir: string, seg: SegmentEntry, file: string, size: number, crc: number): void {
  const want = seg.files[file];
  if (!want || size !== want.size || crc !== want.crc32) {
    throw new IndexError(
      'index-corrupt',
      `index at ${indexDir} is damaged: ${seg.name}/${file} does not match its checksum (torn or foreign file); ${rebuildHint(indexDir)}`,
    );
  }
}

/** Verifies a segment file against the manifest before it is used; never half-reads. */
function verifyFile(indexDir: string, seg: SegmentEntry, file: string): Buffer {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(segmentFile(indexDir, seg, file));
  } catch (err) {
    throw missing(indexDir, seg, file, err);
  }
  checkSum(indexDir, seg, file, buf.length, crc32(buf));
  return buf;
}

/** Bytes a file that is only checked (and read by someone else) is read in at a time, into one reused buffer. */
const CHECK_CHUNK = 4 << 20;

/**
 * Verifies a file that another reader loads (hnswlib reads the graph from its path) without
 * holding all of its bytes: read in chunks into one buffer, the CRC carried from chunk to chunk.
 */
async function checkFileAsync(indexDir: string, seg: SegmentEntry, file: string): Promise<void> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(segmentFile(indexDir, seg, file), 'r');
  } catch (err) {
    throw missing(indexDir, seg, file, err);
  }
  try {
    const chunk = Buffer.allocUnsafe(CHECK_CHUNK);
    let crc = 0;
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, CHECK_CHUNK, size);
      if (bytesRead === 0) break;
      crc = zlib.crc32(chunk.subarray(0, bytesRead), crc);
      size += bytesRead;
    }
    checkSum(indexDir, seg, file, size, crc >>> 0);
  } finally {
    await fh.close();
  }
}

/** Opens a segment file for reading; a missing one is reported as damage to the index. */
function openSegmentFile(indexDir: string, seg: SegmentEntry, file: string): number {
  try {
    return fs.openSync(segmentFile(indexDir, seg, file), 'r');
  } catch (err) {
    throw missing(indexDir, seg, file, err);
  }
}

/** `checkFileAsync`, synchronously. */
function checkFile(indexDir: string, seg: SegmentEntry, file: string): void {
  const fd = openSegmentFile(indexDir, seg, file);
  try {
    const chunk = Buffer.allocUnsafe(CHECK_CHUNK);
    let crc = 0;
    let size = 0;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHECK_CHUNK, size);
      if (n === 0) break;
      crc = zlib.crc32(chunk.subarray(0, n), crc);
      size += n;
    }
    checkSum(indexDir, seg, file, size, crc >>> 0);
  } finally {
    fs.closeSync(fd);
  }
}

/** Content hash of an article read from a record with hash `recordHash` (see `recordHash`), as indexed with `chunking`. */
export function contentHash(recordHash: string, chunking: ChunkOptions): string {
  return crypto.hash('sha1', `r${READING_VERSION}|${recordHash}|${chunking.maxChars}|${chunking.windowChars}`).slice(0, 32);
}

/** Content hash of an article as indexed: any change to its text, metadata or chunking changes it. */
export function articleHash(a: Article, chunking: ChunkOptions): string {
  return crypto
    .hash('sha256', JSON.stringify([a.id, a.title, a.date, a.dateKind, a.source, a.url ?? '', a.lang, a.tags, a.captions, a.paragraphs, chunking]))
    .slice(0, 32);
}

/** `contentHash` of the record an article was read from, or undefined for an article the loader did not make. */
export function articleRecord(a: Article, chunking: ChunkOptions): string | undefined {
  const r = recordHash(a);
  return r === undefined ? undefined : contentHash(r, chunking);
}

/** The text that is embedded for a passage: the article title gives retrieval context. */
export function passageEmbeddingText(title: string, passage: string): string {
  return `${title}\n${passage}`;
}

export interface BuildSegmentInput {
  dir: string;
  articles: Article[];
  /** `articleHash` of each article when the caller has it (a build worker computes the others). */
  hashes?: Array<string | undefined>;
  /** `articleRecord` of each article, when it was read from a record. */
  records?: Array<string | undefined>;
  chunking: ChunkOptions;
  hnsw: HnswParams;
  dimension: number;
  /** Vectors for every passage in order, or a function that embeds passage texts. */
  vectors?: Float32Array;
  embed?: (texts: string[]) => Promise<Float32Array[]>;
  /**
   * Where the vectors come from, asked once the text and postings are laid out (instead of
   * `vectors` / `embed`): a build worker starts before its parent has learned the embedder's model.
   */
  source?: () => Promise<{ vectors?: Float32Array; embed?: (texts: string[]) => Promise<Float32Array[]> }>;
  onProgress?: (passagesDone: number) => void;
}

export interface BuiltSegment {
  articles: number;
  paragraphs: number;
  passages: number;
  /** Size and CRC-32 of each file written (all fsynced), by name. */
  files: Record<string, FileSeal>;
}

export async function buildSegment(input: BuildSegmentInput): Promise<BuiltSegment> {
  const { articles, chunking, dimension } = input;
  fs.mkdirSync(input.dir, { recursive: true });
  const metas: SegmentArticle[] = [];
  const textParts: Buffer[] = [];
  const paraByte = new Grow(Uint32Array);
  const paraArticle = new Grow(Uint32Array);
  const passPara = new Grow(Uint32Array);
  const passStart = new Grow(Uint32Array);
  const passEnd = new Grow(Uint32Array);
  let lex: LexicalBuilder | null = new LexicalBuilder();
  let bytes = 0;
  let paragraphs = 0;
  // Passages in a fixed order: the order vectors are given in.
  const spans = articles.map((a) => splitPassages(a.paragraphs, chunking));
  articles.forEach((a, ai) => {
    const firstParagraph = paragraphs;
    for (const p of a.paragraphs) {
      const b = Buffer.from(p, 'utf8');
      textParts.push(b);
      paraByte.push(bytes);
      bytes += b.length;
      paraArticle.push(ai);
      paragraphs++;
    }
    metas.push({
      id: a.id,
      title: a.title,
      date: a.date,
      dateKind: a.dateKind,
      source: a.source,
      ...(a.url ? { url: a.url } : {}),
      lang: a.lang,
      tags: a.tags,
      captions: a.captions,
      hash: input.hashes?.[ai] ?? articleHash(a, chunking),
      ...(input.records?.[ai] ? { record: input.records[ai] } : {}),
      firstParagraph,
      paragraphCount: a.paragraphs.length,
      passageCount: spans[ai]?.length ?? 0,
    });
    for (const s of spans[ai] ?? []) {
      const text = (a.paragraphs[s.paragraph] as string).slice(s.start, s.end);
      passPara.push(firstParagraph + s.paragraph);
      passStart.push(s.start);
      passEnd.push(s.end);
      lex?.addPassage(text, a.title);
    }
  });
  paraByte.push(bytes);
  const passages = passPara.length;
  // Each file is written from its arrays as they are (no joined copy), fsynced and checksummed from the bytes written.
  const dir = input.dir;
  const files: Record<string, FileSeal> = {};
  files['articles.json'] = writeSealedFile(path.join(dir, 'articles.json'), [Buffer.from(JSON.stringify(metas), 'utf8')]);
  // The text and postings are laid out and written now, and the builder's lists dropped, before the vectors and the graph take their memory.
  files['data.pack'] = writeSealedFile(
    path.join(dir, 'data.pack'),
    packParts({
      text: Buffer.concat(textParts, bytes),
      paraByte: paraByte.finish(),
      paraArticle: paraArticle.finish(),
      passPara: passPara.finish(),
      passStart: passStart.finish(),
      passEnd: passEnd.finish(),
      ...lex.finish(),
    }),
  );
  lex = null;
  textParts.length = 0;

  // A build worker learns here where its vectors come from (its parent may still be learning the embedder's model).
  const given = input.source ? await input.source() : input;
  let vectors = given.vectors;
  if (!vectors) {
    const embed = given.embed;
    if (!embed) throw new InternalError('buildSegment needs vectors or an embed function');
    vectors = new Float32Array(passages * dimension);
    const batch = 2048;
    let texts: string[] = [];
    let at = 0;
    const flush = async () => {
      const vs = await embed(texts);
      vs.forEach((v, j) => vectors!.set(v, (at + j) * dimension));
      at += texts.length;
      texts = [];
    };
    for (let ai = 0; ai < articles.length; ai++) {
      const a = articles[ai] as Article;
      for (const s of spans[ai] ?? []) {
        texts.push(passageEmbeddingText(a.title, (a.paragraphs[s.paragraph] as string).slice(s.start, s.end)));
        if (texts.length === batch) await flush();
      }
    }
    if (texts.length > 0) await flush();
  }
  if (vectors.length !== passages * dimension) {
    throw new InternalError(`segment ${path.basename(input.dir)}: ${passages} passages, but ${vectors.length / dimension} vectors of ${dimension} dimensions`);
  }

  const index = new hnswlib.HierarchicalNSW('ip', dimension);
  index.initIndex({ maxElements: Math.max(1, passages), m: input.hnsw.m, efConstruction: input.hnsw.efConstruction, randomSeed: 100 });
  const point = new Array<number>(dimension);
  for (let i = 0; i < passages; i++) {
    const off = i * dimension;
    for (let j = 0; j < dimension; j++) point[j] = vectors[off + j] as number;
    index.addPoint(point, i);
    if (input.onProgress && (i & 1023) === 1023) input.onProgress(1024);
  }
  if (input.onProgress) input.onProgress(passages & 1023);
  index.writeIndexSync(path.join(dir, 'hnsw.bin'));
  files['hnsw.bin'] = sealFile(path.join(dir, 'hnsw.bin'));
  files['vectors.pack'] = writeSealedFile(path.join(dir, 'vectors.pack'), packParts({ vectors }, { dimension }));
  return { articles: articles.length, paragraphs, passages, files };
}

/**
 * Arrays of a data pack that stay in the file: the paragraph texts (a question reads a few dozen
 * paragraphs) and the postings (a question reads the lists of its own terms). They are read by
 * position when needed; the operating system's page cache keeps what is read often, outside
 * this process's memory. Everything else of the pack is read into memory when a segment opens.
 */
const IN_FILE = new Set(['text', 'lexPostings']);

/** Closes the data file of a segment nobody holds any more, and drops its cached postings. */
const openFiles = new FinalizationRegistry<{ fd: number; serial: number }>(({ fd, serial }) => {
  const ofSegment = (key: number) => Math.floor(key / POSTING_KEY_SPAN) === serial;
  postingsCache.deleteWhere(ofSegment);
  paragraphsCache.deleteWhere(ofSegment);
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed.
  }
});

/** Reads `into.byteLength` bytes of open file `fd` from `position`; a file that ends first is damaged. */
function readAt(fd: number, into: Uint8Array, position: number, damaged: () => IndexError): void {
  let done = 0;
  while (done < into.byteLength) {
    const n = fs.readSync(fd, into, done, into.byteLength - done, position + done);
    if (n === 0) throw damaged();
    done += n;
  }
}

/** The data pack of a segment, open: its arrays held in memory, and where the others lie in the file. */
interface OpenPack {
  fd: number;
  layout: PackLayout;
  held: Pack;
}

/**
 * Opens a segment's data pack: its size checked against the manifest (a torn file is refused
 * here), its header read and the arrays that stay in memory read. The whole file's checksum is
 * taken by the caller, before (`Segment.open`) or beside (`Segment.load`).
 */
function openPack(indexDir: string, seg: SegmentEntry): OpenPack {
  const file = 'data.pack';
  const what = `index at ${indexDir} is damaged: ${seg.name}/${file}`;
  const fd = openSegmentFile(indexDir, seg, file);
  try {
    const size = fs.fstatSync(fd).size;
    if (size !== seg.files[file]?.size) checkSum(indexDir, seg, file, size, -1);
    const layout = readPackLayout(fd, size, what, rebuildHint(indexDir));
    const arrays = new Map<string, PackArray>();
    for (const [name, e] of layout.arrays) {
      if (IN_FILE.has(name)) continue;
      const bytes = new Uint8Array(e.byteLength);
      readAt(fd, bytes, e.at, () => new IndexError('index-corrupt', `${what} ends early; ${rebuildHint(indexDir)}`));
      arrays.set(name, packArray(e, bytes));
    }
    return { fd, layout, held: packOf(layout.meta, arrays, what, rebuildHint(indexDir)) };
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
}

/** A cached list's key: its segment's serial above its first posting's position (below 2^32). */
const POSTING_KEY_SPAN = 2 ** 32;
/** Bytes of postings kept across questions, for all open segments together. */
const POSTINGS_CACHE_BYTES = 128 << 20;
/**
 * Postings lists read from the data files, kept for the next questions that ask for the same
 * terms: shared by every open segment, least recently used first, bounded in bytes. Questions
 * keep coming back to a working set of terms, so most lists are read from the file once; the
 * bound keeps resident memory well below holding every segment's postings (343 MB at 35,000
 * articles). A list longer than an eighth of the bound is read each time into a reused buffer.
 */
const postingsCache = new Lru<number, Uint32Array>(POSTINGS_CACHE_BYTES, (list) => list.byteLength);
/** Bytes of paragraph texts kept across questions, for all open segments together (a character weighs two). */
const PARAGRAPHS_CACHE_BYTES = 32 << 20;
/**
 * Paragraph texts read from the data files, kept for the next questions about the same news:
 * shared by every open segment and keyed as the postings are, least recently used first. A
 * question reads a few dozen paragraphs, and decoding them took a twentieth of its time at
 * 35,000 articles when each segment kept its last 4,096 and forgot them all at once.
 */
const paragraphsCache = new Lru<number, string>(PARAGRAPHS_CACHE_BYTES, textBytes);
/** Whether a list of `n` postings is kept once read. */
function keepsPostings(n: number): boolean {
  return n * 4 <= POSTINGS_CACHE_BYTES / 8;
}
let segmentSerials = 0;

/** A segment loaded for queries. */
export class Segment {
  readonly articles: SegmentArticle[];
  readonly lexical: LexicalIndex;
  readonly hnsw: hnswlib.HierarchicalNSW;
  private readonly fd: number;
  /** Where the paragraph texts and the postings start in the data pack. */
  private readonly textAt: number;
  private readonly textBytes: number;
  private readonly postingsAt: number;
  private readonly postingCount: number;
  private readonly paraByte: Uint32Array;
  readonly paraArticle: Uint32Array;
  readonly passPara: Uint32Array;
  readonly passStart: Uint32Array;
  readonly passEnd: Uint32Array;
  /** Reused for the texts and postings read from the file. */
  private textScratch = Buffer.alloc(0);
  private postingScratch = new Uint32Array(0);
  /** This segment's key in the postings cache. */
  private readonly serial = ++segmentSerials;
  /**
   * Set when the data pack's checksum, taken after the segment opened (`load`, `verify`), does
   * not match: the store refuses to answer from the segment from then on.
   */
  damage: IndexError | null = null;
  /** Takes the data pack's checksum (nothing for a segment opened with it taken). */
  private readonly check: () => Promise<IndexError | null>;
  private checking: Promise<void> | null = null;

  readonly dir: string;
  readonly name: string;

  /**
   * Loads a segment, verifying every file against the manifest's checksums first. A segment's
   * files never change, so an opened segment serves every later generation that lists it;
   * which of its articles are deleted belongs to the generation (`deletedMask`).
   */
  static open(indexDir: string, entry: SegmentEntry, dimension: number, efSearch: number): Segment {
    const articles = readSegmentArticles(indexDir, entry);
    checkFile(indexDir, entry, 'data.pack');
    const hnsw = new hnswlib.HierarchicalNSW('ip', dimension);
    if (entry.passages > 0) {
      checkFile(indexDir, entry, 'hnsw.bin');
      hnsw.readIndexSync(segmentFile(indexDir, entry, 'hnsw.bin'));
      hnsw.setEf(efSearch);
    }
    return new Segment(indexDir, entry, dimension, articles, openPack(indexDir, entry), hnsw, async () => null);
  }

  /**
   * `open` for serving, without waiting for the data pack's checksum: hnswlib loads the graph in
   * a thread of its own while its file is checksummed (the graph is used only once both are
   * done: a damaged graph is never searched), this thread parses the article list and reads the
   * small arrays of the data pack (a torn pack, of the wrong size, is refused at once). The data
   * pack's checksum is taken in the background when `verify` is first called (the engine calls
   * it once its first answers are given); when it does not match, the segment is `damage`d and
   * the store refuses every read with the rebuild hint.
   */
  static async load(indexDir: string, entry: SegmentEntry, dimension: number, efSearch: number): Promise<Segment> {
    const graph = (async () => {
      const hnsw = new hnswlib.HierarchicalNSW('ip', dimension);
      if (entry.passages > 0) {
        const [sum, read] = await Promise.allSettled([
          checkFileAsync(indexDir, entry, 'hnsw.bin'),
          hnsw.readIndex(segmentFile(indexDir, entry, 'hnsw.bin')).catch((err: unknown) => {
            throw missing(indexDir, entry, 'hnsw.bin', err);
          }),
        ]);
        if (sum.status === 'rejected') throw sum.reason;
        if (read.status === 'rejected') throw read.reason;
        hnsw.setEf(efSearch);
      }
      return hnsw;
    })();
    // A failure of the graph is reported once, after the data pack's own.
    graph.catch(() => undefined);
    let pack: OpenPack;
    try {
      pack = openPack(indexDir, entry);
    } catch (err) {
      // A pack that cannot be decoded is reported as a checksum mismatch when it is one.
      if (err instanceof IndexError) checkFile(indexDir, entry, 'data.pack');
      throw err;
    }
    let hnsw: hnswlib.HierarchicalNSW;
    try {
      hnsw = await graph;
    } catch (err) {
      fs.closeSync(pack.fd);
      throw err;
    }
    return new Segment(indexDir, entry, dimension, readSegmentArticles(indexDir, entry), pack, hnsw, () =>
      checkFileAsync(indexDir, entry, 'data.pack').then(
        () => null,
        (err: unknown) => (err instanceof IndexError ? err : missing(indexDir, entry, 'data.pack', err)),
      ),
    );
  }

  private constructor(
    private readonly indexDir: string,
    private readonly entry: SegmentEntry,
    private readonly dimension: number,
    articles: SegmentArticle[],
    pack: OpenPack,
    hnsw: hnswlib.HierarchicalNSW,
    check: () => Promise<IndexError | null>,
  ) {
    this.name = entry.name;
    this.dir = path.join(segmentsDir(indexDir), entry.name);
    this.articles = articles;
    this.fd = pack.fd;
    openFiles.register(this, { fd: pack.fd, serial: this.serial });
    const text = pack.layout.entry('text');
    this.textAt = text.at;
    this.textBytes = text.byteLength;
    const postings = pack.layout.entry('lexPostings');
    this.postingsAt = postings.at;
    this.postingCount = postings.length;
    const held = pack.held;
    this.paraByte = held.get('paraByte');
    this.paraArticle = held.get('paraArticle');
    this.passPara = held.get('passPara');
    this.passStart = held.get('passStart');
    this.passEnd = held.get('passEnd');
    if ((this.paraByte[this.paraByte.length - 1] ?? 0) > this.textBytes) throw this.ended();
    this.lexical = new LexicalIndex(held, (from, to) => this.readPostings(from, to));
    if ((this.lexical.offsets[this.lexical.offsets.length - 1] ?? 0) > this.postingCount) throw this.ended();
    this.hnsw = hnsw;
    this.check = check;
  }

  /** Takes the data pack's checksum once (later calls wait for the same); never rejects: a mismatch sets `damage`. */
  verify(): Promise<void> {
    this.checking ??= this.check().then((err) => {
      this.damage = err;
    });
    return this.checking;
  }

  /** The error for a data pack whose arrays point past their ends. */
  private ended(): IndexError {
    return new IndexError(
      'index-corrupt',
      `index at ${this.indexDir} is damaged: ${this.name}/data.pack has an array out of bounds; ${rebuildHint(this.indexDir)}`,
    );
  }

  /** Reads `into.byteLength` bytes of the data pack from `position`. */
  private read(into: Uint8Array, position: number): void {
    readAt(
      this.fd,
      into,
      position,
      () => new IndexError('index-corrupt', `index at ${this.indexDir} is damaged: ${this.name}/data.pack ends early; ${rebuildHint(this.indexDir)}`),
    );
  }

  /** Postings [from, to) of the lexical index, read from the file into a buffer reused by the next read. */
  private readPostings(from: number, to: number): Uint32Array {
    const n = to - from;
    if (keepsPostings(n)) {
      const key = this.serial * POSTING_KEY_SPAN + from;
      let list = postingsCache.get(key);
      if (list === undefined) {
        list = new Uint32Array(n);
        this.read(new Uint8Array(list.buffer, 0, n * 4), this.postingsAt + from * 4);
        postingsCache.set(key, list);
      }
      return list;
    }
    if (this.postingScratch.length < n) this.postingScratch = new Uint32Array(Math.max(n, 2 * this.postingScratch.length));
    const out = this.postingScratch.subarray(0, n);
    this.read(new Uint8Array(out.buffer, 0, n * 4), this.postingsAt + from * 4);
    return out;
  }

  /** Text bytes [from, to), read from the file into the reused buffer. */
  private readText(from: number, to: number): Buffer {
    const n = to - from;
    if (this.textScratch.length < n) this.textScratch = Buffer.allocUnsafe(Math.max(n, 2 * this.textScratch.length, 4096));
    const out = this.textScratch.subarray(0, n);
    this.read(out, this.textAt + from);
    return out;
  }

  get passageCount(): number {
    return this.passPara.length;
  }

  /** The file of the segment's HNSW graph (checked against the manifest when the segment was opened). */
  get graphFile(): string {
    return segmentFile(this.indexDir, this.entry, 'hnsw.bin');
  }

  /** Per passage: 1 when its article is among `articleIdx` (deleted or replaced by a later segment). */
  deletedMask(articleIdx: readonly number[]): Uint8Array {
    const mask = new Uint8Array(this.passPara.length);
    if (articleIdx.length === 0) return mask;
    const dead = new Uint8Array(this.articles.length);
    for (const a of articleIdx) dead[a] = 1;
    for (let i = 0; i < this.passPara.length; i++) mask[i] = dead[this.paraArticle[this.passPara[i] as number] as number] as number;
    return mask;
  }

  /** Paragraph `p`'s text, kept for later questions. */
  paragraphText(p: number): string {
    const key = this.serial * POSTING_KEY_SPAN + p;
    let t = paragraphsCache.get(key);
    if (t === undefined) {
      t = this.readText(this.paraByte[p] as number, this.paraByte[p + 1] as number).toString('utf8');
      paragraphsCache.set(key, t);
    }
    return t;
  }

  /**
   * Paragraphs [first, first + count) (an article's, say), read from the file at once unless all
   * are kept; kept for later questions when `keep` (not so for merges and copies, which read
   * every article once).
   */
  paragraphTexts(first: number, count: number, keep = false): string[] {
    if (count <= 0) return [];
    const key = this.serial * POSTING_KEY_SPAN + first;
    const kept: string[] = [];
    for (let i = 0; i < count; i++) {
      const t = paragraphsCache.get(key + i);
      if (t === undefined) break;
      kept.push(t);
    }
    if (kept.length === count) return kept;
    const from = this.paraByte[first] as number;
    const bytes = this.readText(from, this.paraByte[first + count] as number);
    return Array.from({ length: count }, (_, i) => {
      const t = bytes.toString('utf8', (this.paraByte[first + i] as number) - from, (this.paraByte[first + i + 1] as number) - from);
      if (keep) paragraphsCache.set(key + i, t);
      return t;
    });
  }

  articleOfPassage(i: number): number {
    return this.paraArticle[this.passPara[i] as number] as number;
  }

  passageText(i: number): string {
    return this.paragraphText(this.passPara[i] as number).slice(this.passStart[i], this.passEnd[i]);
  }

  /** One of the segment's packs, checksum verified. */
  private readPack(file: string) {
    return decodePack(verifyFile(this.indexDir, this.entry, file), `index at ${this.indexDir} is damaged: ${this.name}/${file}`, rebuildHint(this.indexDir));
  }

  /** Stored vectors, one per passage (read from disk on demand: used by merges and exact-search benchmarks). */
  vectors(): Float32Array {
    const vectors = this.readPack('vectors.pack').get<Float32Array>('vectors');
    if (vectors.length !== this.passageCount * this.dimension) {
      throw new IndexError(
        'index-corrupt',
        `index at ${this.indexDir} is damaged: ${this.name}/vectors.pack holds ${vectors.length / this.dimension} vectors of ${this.dimension} for ${this.passageCount} passages; ${rebuildHint(this.indexDir)}`,
      );
    }
    return vectors;
  }

  /** First passage of each article (articles' passages are contiguous), plus a final end. */
  articlePassageStarts(): Uint32Array {
    const starts = new Uint32Array(this.articles.length + 1).fill(this.passageCount);
    for (let i = this.passageCount - 1; i >= 0; i--) starts[this.articleOfPassage(i)] = i;
    for (let a = this.articles.length - 1; a >= 0; a--) if ((starts[a] as number) > (starts[a + 1] as number)) starts[a] = starts[a + 1] as number;
    return starts;
  }
}
