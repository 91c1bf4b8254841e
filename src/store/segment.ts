import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import hnswlib from 'hnswlib-node';
import type { Article } from '../corpus/article.js';
import { recordHash } from '../corpus/load-corpus.js';
import { type ChunkOptions, splitPassages } from '../corpus/passages.js';
import type { StoredArticle } from './port.js';
import { LexicalBuilder, LexicalIndex } from './lexical-index.js';
import { Grow, decodePack, packParts } from './pack.js';
import { IndexError, InternalError } from '../errors.js';
import { type FileSeal, crc32, sealFile, writeSealedFile } from './atomic-files.js';
import { type SegmentEntry, rebuildHint, segmentsDir } from './manifest.js';

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

export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 100, efSearch: 256 };

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

/**
 * A segment file the queries keep in memory, checked against the manifest. The checksum is
 * taken over a second read in small chunks (`checkFile`), not over the bytes kept: a CRC over
 * memory the read has just filled costs several times one over a small buffer that stays in
 * the cache, and the kept bytes are only touched as queries need them. Segment files are
 * immutable, and the bytes kept must also have the size the manifest lists.
 */
function readChecked(indexDir: string, seg: SegmentEntry, file: string): Buffer {
  checkFile(indexDir, seg, file);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(segmentFile(indexDir, seg, file));
  } catch (err) {
    throw missing(indexDir, seg, file, err);
  }
  checkSum(indexDir, seg, file, buf.length, seg.files[file]?.crc32 ?? -1);
  return buf;
}

/** `readChecked` without blocking the event loop: the file is read in libuv's threads while this one checks it. */
async function readCheckedAsync(indexDir: string, seg: SegmentEntry, file: string): Promise<Buffer> {
  const read = fs.promises.readFile(segmentFile(indexDir, seg, file));
  read.catch(() => undefined);
  await checkFileAsync(indexDir, seg, file);
  let buf: Buffer;
  try {
    buf = await read;
  } catch (err) {
    throw missing(indexDir, seg, file, err);
  }
  checkSum(indexDir, seg, file, buf.length, seg.files[file]?.crc32 ?? -1);
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

/** `checkFileAsync`, synchronously. */
function checkFile(indexDir: string, seg: SegmentEntry, file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(segmentFile(indexDir, seg, file), 'r');
  } catch (err) {
    throw missing(indexDir, seg, file, err);
  }
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

/** Bumped when the same record would be parsed into a different article (so updates re-index it). */
const RECORD_SCHEME = 1;

/** Content hash of an article read from a record with hash `recordHash` (see `recordHash`), as indexed with `chunking`. */
export function contentHash(recordHash: string, chunking: ChunkOptions): string {
  return crypto.hash('sha1', `r${RECORD_SCHEME}|${recordHash}|${chunking.maxChars}|${chunking.windowChars}`).slice(0, 32);
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

/** A segment loaded for queries. */
export class Segment {
  readonly articles: SegmentArticle[];
  readonly lexical: LexicalIndex;
  readonly hnsw: hnswlib.HierarchicalNSW;
  private readonly text: Uint8Array;
  private readonly paraByte: Uint32Array;
  readonly paraArticle: Uint32Array;
  readonly passPara: Uint32Array;
  readonly passStart: Uint32Array;
  readonly passEnd: Uint32Array;
  private readonly paraCache = new Map<number, string>();

  readonly dir: string;
  readonly name: string;

  /**
   * Loads a segment, verifying every file against the manifest's checksums first. A segment's
   * files never change, so an opened segment serves every later generation that lists it;
   * which of its articles are deleted belongs to the generation (`deletedMask`).
   */
  static open(indexDir: string, entry: SegmentEntry, dimension: number, efSearch: number): Segment {
    const articles = readSegmentArticles(indexDir, entry);
    const pack = readChecked(indexDir, entry, 'data.pack');
    const hnsw = new hnswlib.HierarchicalNSW('ip', dimension);
    if (entry.passages > 0) {
      checkFile(indexDir, entry, 'hnsw.bin');
      hnsw.readIndexSync(segmentFile(indexDir, entry, 'hnsw.bin'));
      hnsw.setEf(efSearch);
    }
    return new Segment(indexDir, entry, dimension, articles, pack, hnsw);
  }

  /**
   * `open` without blocking the event loop for the reads: hnswlib loads the graph in a thread
   * of its own (once its file is checked) while this thread checks the data pack and parses
   * the article list, so the segments of an index load side by side.
   */
  static async load(indexDir: string, entry: SegmentEntry, dimension: number, efSearch: number): Promise<Segment> {
    const graph = (async () => {
      const hnsw = new hnswlib.HierarchicalNSW('ip', dimension);
      if (entry.passages > 0) {
        await checkFileAsync(indexDir, entry, 'hnsw.bin');
        await hnsw.readIndex(segmentFile(indexDir, entry, 'hnsw.bin'));
        hnsw.setEf(efSearch);
      }
      return hnsw;
    })();
    // A failure of the graph is reported once, after the data pack's own.
    graph.catch(() => undefined);
    const pack = readCheckedAsync(indexDir, entry, 'data.pack');
    pack.catch(() => undefined);
    // Parsed while the files are read.
    const articles = readSegmentArticles(indexDir, entry);
    return new Segment(indexDir, entry, dimension, articles, await pack, await graph);
  }

  private constructor(
    private readonly indexDir: string,
    private readonly entry: SegmentEntry,
    private readonly dimension: number,
    articles: SegmentArticle[],
    data: Buffer,
    hnsw: hnswlib.HierarchicalNSW,
  ) {
    this.name = entry.name;
    this.dir = path.join(segmentsDir(indexDir), entry.name);
    this.articles = articles;
    const pack = decodePack(data, `index at ${indexDir} is damaged: ${this.name}/data.pack`, rebuildHint(indexDir));
    this.text = pack.get('text');
    this.paraByte = pack.get('paraByte');
    this.paraArticle = pack.get('paraArticle');
    this.passPara = pack.get('passPara');
    this.passStart = pack.get('passStart');
    this.passEnd = pack.get('passEnd');
    this.lexical = new LexicalIndex(pack);
    this.hnsw = hnsw;
  }

  get passageCount(): number {
    return this.passPara.length;
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

  paragraphText(p: number): string {
    let t = this.paraCache.get(p);
    if (t === undefined) {
      t = Buffer.from(
        this.text.buffer,
        this.text.byteOffset + (this.paraByte[p] as number),
        (this.paraByte[p + 1] as number) - (this.paraByte[p] as number),
      ).toString('utf8');
      if (this.paraCache.size > 4096) this.paraCache.clear();
      this.paraCache.set(p, t);
    }
    return t;
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
