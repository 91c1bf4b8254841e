import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWorker } from './worker-thread.js';
import type { Article } from '../corpus/article.js';
import { type LoadedCorpus, corpusFingerprint, loadCorpus } from '../corpus/load-corpus.js';
import { type ChunkOptions, DEFAULT_CHUNKING, splitPassages } from '../corpus/passages.js';
import { type Embedder, type PassageTexts, embedPassagesChecked } from '../embed/embedder.js';
import type { VectorSource } from './build-worker.js';
import { CorpusError, IndexError, KiemchungError, errorMessage, isErrorCode } from '../errors.js';
import { writeRefusal } from '../files/write-failure.js';
import type { IndexReport } from '../types.js';
import {
  type BuildSegmentInput,
  type BuiltSegment,
  DEFAULT_HNSW,
  type HnswParams,
  Segment,
  type SegmentArticle,
  articleHash,
  articleRecord,
  contentHash,
  readSegmentArticles,
  recordIndex,
  forgetSegmentArticles,
  buildSegment,
  passageEmbeddingText,
} from './segment.js';
import { writeFileAtomic } from './atomic-files.js';
import { fsyncDir } from '../files/durable.js';
import { acquireLock } from './lock.js';
import { planChanges } from './plan-changes.js';
import {
  FORMAT_VERSION,
  type Manifest,
  checkCompatible,
  collectGarbage,
  liveArticleCount,
  peekManifest,
  publishManifest,
  readCurrentManifest,
  readModel,
  rebuildNotice,
  rebuildHint,
  segmentsDir,
  writeModel,
} from './manifest.js';

export interface IndexProgress {
  phase: 'embed' | 'build';
  done: number;
  total: number;
}

export interface UpdateOptions {
  indexDir: string;
  corpus: string;
  embedder: Embedder;
  chunking?: ChunkOptions;
  /**
   * The graph's settings for a new index (default `DEFAULT_HNSW`). An index keeps the settings
   * it was built with through its updates, so that the breadth it is searched at stays the one its
   * graphs were built for; `rebuild` takes these instead.
   */
  hnsw?: HnswParams;
  /** Ignore the existing index and build from scratch (also after an embedder change). */
  rebuild?: boolean;
  /** Worker threads for a full build (default: available cores, when the corpus is large enough). */
  workers?: number;
  /** Passages a full build gives each worker at least (default 12,000; workers cost ~100 ms to start). */
  passagesPerWorker?: number;
  onProgress?: (p: IndexProgress) => void;
  /** Articles already loaded (skips reading the corpus). */
  loaded?: LoadedCorpus;
  /**
   * Index only these articles (new or changed), without reading the corpus: nothing is removed
   * and no segment is merged, so the cost is that of the articles given. The next full update
   * removes, merges and catches up with everything else. Without an index yet, or once the index
   * has 12 segments, a full update instead (which merges them).
   */
  upsert?: Article[];
}

/**
 * The error for a corpus that holds no article at all while the index serves `held` of them: an
 * update would remove them all, so it is refused and the index left as it is. `where` names the index.
 */
export function emptyCorpusError(corpus: string, where: string, held: number): CorpusError {
  let what = 'no article file';
  try {
    what = fs.statSync(corpus).isDirectory() ? 'no article file (.md, .jsonl or .jsonl.gz)' : 'no article';
  } catch {
    // The corpus was given already read: it is named as it is.
  }
  return new CorpusError(
    `${corpus} holds ${what}, and updating from it would remove all ${held} articles of ${where}; the index was left untouched ` +
      '(check --corpus or KIEMCHUNG_CORPUS)',
  );
}

/** Passages per segment below which a full build stays in one thread (workers cost ~100 ms to start). */
const PASSAGES_PER_WORKER = 12_000;
/** An upsert indexes its articles alone while the index has fewer segments than this. */
const UPSERT_MAX_SEGMENTS = 12;
/**
 * Segments smaller than this are merged by size level; any segment with more than MAX_DELETED
 * of its articles deleted is merged. The database store merges its blocks by the same rules.
 */
const SMALL_SEGMENT = 20_000;
export const MAX_DELETED = 0.3;
/** Segments of one size level (each level MERGE_AT times the passages of the one below) that are merged together. */
const MERGE_AT = 4;
/** Small segments beyond which all of them are merged, whatever their levels. */
const MAX_SMALL_SEGMENTS = 3 * MERGE_AT;

/** Segments of fewer passages than this share the lowest size level (merging them costs next to nothing). */
const LEVEL_BASE = 64;

/** A segment's size level: 0 below LEVEL_BASE passages, then one more each time the passages are MERGE_AT times more. */
function sizeLevel(passages: number): number {
  let level = 0;
  for (let n = Math.floor(passages / LEVEL_BASE); n >= 1; n = Math.floor(n / MERGE_AT)) level++;
  return level;
}

/**
 * Which of the small segments (by passage count) an update merges: when MERGE_AT of them share
 * a size level, those and every smaller one (the highest such level); all of them when there
 * are MAX_SMALL_SEGMENTS. Segments of similar size are merged with each other, never a few
 * new articles with a large segment, so an update costs what it writes, plus merges whose
 * cost is shared by the updates that made them.
 */
export function segmentsToMerge(passages: readonly number[]): Set<number> {
  const small = passages.map((p, i) => ({ p, i })).filter(({ p }) => p < SMALL_SEGMENT);
  if (small.length >= MAX_SMALL_SEGMENTS) return new Set(small.map(({ i }) => i));
  const perLevel = new Map<number, number>();
  for (const { p } of small) perLevel.set(sizeLevel(p), (perLevel.get(sizeLevel(p)) ?? 0) + 1);
  const full = [...perLevel].filter(([, n]) => n >= MERGE_AT).map(([l]) => l);
  if (full.length === 0) return new Set();
  const top = Math.max(...full);
  return new Set(small.filter(({ p }) => sizeLevel(p) <= top).map(({ i }) => i));
}

function newSegmentName(): string {
  return `seg-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
}

interface Live {
  seg: number;
  local: number;
  hash: string;
  /** `contentHash` of the record the article was read from, when it was read from one. */
  record: string | undefined;
  passages: number;
}

/**
 * Brings the index in `indexDir` up to date with the corpus: only added and changed articles
 * are embedded and written (as a new segment), removed and replaced ones are marked deleted,
 * and small or mostly-deleted segments are merged from their stored vectors. Nothing changes
 * on disk until the new manifest is published.
 */
export async function updateIndex(opts: UpdateOptions): Promise<IndexReport> {
  const t0 = performance.now();
  const chunking = opts.chunking ?? DEFAULT_CHUNKING;
  const { embedder, indexDir } = opts;
  // Without an index, or with many segments to merge, the articles given are not enough: a full update.
  if (opts.upsert && (readCurrentManifest(opts.indexDir)?.segments.length ?? Infinity) >= UPSERT_MAX_SEGMENTS) {
    const { upsert: _, ...full } = opts;
    return updateIndex(full);
  }
  const upsert = opts.upsert !== undefined;
  // The corpus files as they are before this update reads them all (none when it does not).
  const fingerprint = upsert || opts.loaded ? null : corpusFingerprint(opts.corpus);
  // Records whose content the live index already holds are not parsed again.
  const planned = opts.loaded || opts.rebuild || upsert ? null : liveRecords(indexDir);
  const load = (known: ((record: string) => string | undefined) | null) =>
    loadCorpus(opts.corpus, known ? { indexed: (h) => known(contentHash(h, chunking)) } : {});
  let corpus: LoadedCorpus = opts.upsert ? { articles: opts.upsert, issues: [] } : (opts.loaded ?? (await load(planned?.known ?? null)));
  if (corpus.articles.length === 0 && (corpus.unchanged?.length ?? 0) === 0 && corpus.issues.length > 0) {
    const outcome = fs.existsSync(path.join(indexDir, 'CURRENT')) ? 'the previous index was left untouched' : 'no index was written';
    throw new CorpusError(
      `no valid article in ${opts.corpus} (${corpus.issues.length} could not be read); ${outcome}:\n` +
        corpus.issues
          .slice(0, 20)
          .map((i) => `  ${i.path}: ${i.reason}`)
          .join('\n'),
    );
  }
  // A corpus without a single article file (an empty folder, a wrong path's empty mount) would remove every
  // article the index serves: refused, as a corpus of only bad files is.
  if (!upsert && corpus.articles.length === 0 && (corpus.unchanged?.length ?? 0) === 0 && corpus.issues.length === 0) {
    const held = liveArticleCount(indexDir);
    if (held > 0) throw emptyCorpusError(opts.corpus, `the index at ${indexDir}`, held);
  }
  const release = acquireLock(indexDir);
  let published = false;
  try {
    removeInterruptedWrites(indexDir);
    const current = peekManifest(indexDir);
    // An index of an older format, or embedded by an older version of the learned model, cannot be
    // updated in place: it is rebuilt, and the report says so.
    const rebuildWhy = opts.rebuild ? null : rebuildNotice(`the index at ${indexDir}`, current, FORMAT_VERSION, embedder);
    const previous = opts.rebuild || rebuildWhy ? null : readCurrentManifest(indexDir);
    const hnsw = previous?.hnsw ?? opts.hnsw ?? DEFAULT_HNSW;
    const settings = { embedder: { id: embedder.id, version: embedder.version, dimension: embedder.dimension }, chunking };
    if (previous) checkCompatible(previous, settings, indexDir);
    const oldRaw = opts.rebuild ? tryReadManifest(indexDir) : previous;
    // Another writer published between planning and locking, or the index cannot be updated in place: parse everything.
    if (corpus.unchanged?.length && (!previous || previous.generation !== planned?.generation)) corpus = await load(null);
    const { articles, issues } = corpus;
    const stubs = corpus.unchanged ?? [];

    // What is live in the current index: only the article lists are read to plan the update.
    const segments = previous ? previous.segments.map((s) => ({ ...s, deleted: [...s.deleted] })) : [];
    const metas = segments.map((entry) => readSegmentArticles(indexDir, entry));
    const live = new Map<string, Live>();
    segments.forEach((entry, si) => {
      const dead = new Set(entry.deleted);
      (metas[si] as SegmentArticle[]).forEach((a, local) => {
        if (!dead.has(local)) live.set(a.id, { seg: si, local, hash: a.hash, record: a.record, passages: a.passageCount });
      });
    });

    const wanted = new Set([...articles.map((a) => a.id), ...stubs.map((u) => u.id)]);
    // Content hashes of parsed articles the index holds (a re-written record with the same content is unchanged). An
    // article read from the very record the index holds has the indexed content: its record's hash, which the loader
    // already computed, stands for it, and only the others are hashed in full.
    const hashes = new Map<string, string>();
    const hashOf = (a: Article): string | undefined => {
      const cur = live.get(a.id);
      if (!cur) return undefined;
      if (cur.record !== undefined && cur.record === articleRecord(a, chunking)) return cur.hash;
      const h = articleHash(a, chunking);
      hashes.set(a.id, h);
      return h;
    };
    const plan = planChanges(articles, live, hashOf, wanted);
    const { toWrite, added, changed } = plan;
    const unchanged = stubs.length + plan.unchanged;
    let keptPassages = 0;
    for (const u of stubs) keptPassages += live.get(u.id)?.passages ?? 0;
    for (const cur of plan.kept) keptPassages += cur.passages;
    const markDeleted = (cur: { seg: number; local: number }) => (segments[cur.seg] as Manifest['segments'][number]).deleted.push(cur.local);
    plan.replaced.forEach(markDeleted);
    let removed = 0;
    for (const cur of plan.unnamed) {
      if (upsert) keptPassages += cur.passages;
      else {
        removed++;
        markDeleted(cur);
      }
    }
    let writtenPassages = 0;
    const report = (wrote: boolean): IndexReport => ({
      articles: upsert ? new Set([...live.keys(), ...wanted]).size : articles.length + stubs.length,
      passages: keptPassages + writtenPassages,
      added,
      changed,
      removed,
      unchanged,
      issues,
      ms: Math.round(performance.now() - t0),
      wrote,
      ...(rebuildWhy ? { notice: rebuildWhy } : {}),
    });
    if (previous && toWrite.length === 0 && removed === 0) {
      // Nothing to write is "up to date" only for files the readers will take: a torn or missing one they refuse at once.
      checkFileSizes(indexDir, previous);
      if (!upsert && !opts.loaded) recordChecked(indexDir, previous.generation, fingerprint);
      return report(false);
    }

    // A learned embedder: the model stored with the index for an update, a new one for a full build.
    let model = previous?.embedder.model;
    if (embedder.learnsFromCorpus) {
      if (previous) {
        if (!model) throw new IndexError('index-corrupt', `index at ${indexDir} has no model for embedder ${embedder.id}; ${rebuildHint(indexDir)}`);
        if (loadedModel.get(embedder) !== model.file) embedder.loadModel(readModel(indexDir, model));
        loadedModel.set(embedder, model.file);
      }
    }
    // A full build learns the model while its workers lay out the text and postings.
    const learn = () => {
      const learned = writeModel(indexDir, embedder.learnModel(samplePassages(articles, chunking, LEARN_SAMPLE)));
      loadedModel.set(embedder, learned.file);
      model = learned;
    };

    fs.mkdirSync(segmentsDir(indexDir), { recursive: true });
    let nextSegments: Manifest['segments'];
    if (!previous) {
      nextSegments = await buildFull(articles, { ...opts, chunking, hnsw, ...(embedder.learnsFromCorpus ? { learn } : {}) });
      writtenPassages = nextSegments.reduce((n, seg) => n + seg.passages, 0);
    } else {
      // Merge small segments of a full size level, and mostly-deleted ones, with the new articles, reusing stored vectors.
      const mostlyDead = (s: Manifest['segments'][number]) => s.articles > 0 && s.deleted.length / s.articles > MAX_DELETED;
      const bySize = segmentsToMerge(segments.map((s) => s.passages));
      // Merging needs every carried article's text, which only a full update has read.
      const merge = segments.map((s, i) => ({ s, i })).filter(({ s, i }) => !upsert && (mostlyDead(s) || bySize.has(i) || s.deleted.length === s.articles));
      const mergeSet = new Set(merge.map((m) => m.i));
      const carried: Article[] = [];
      const carriedHashes: string[] = [];
      const carriedRecords: Array<string | undefined> = [];
      const carriedVectors: Float32Array[] = [];
      for (const { s } of merge) {
        // Merged segments are read in full: their articles and stored vectors are re-used, never re-parsed or re-embedded.
        const seg = Segment.open(indexDir, s, embedder.dimension, hnsw.efSearch);
        const dead = new Set(s.deleted);
        if (dead.size === seg.articles.length) continue;
        const vectors = seg.vectors();
        const starts = seg.articlePassageStarts();
        seg.articles.forEach((meta, local) => {
          if (dead.has(local) || !wanted.has(meta.id)) return;
          carried.push(storedArticle(seg, meta));
          carriedHashes.push(meta.hash);
          carriedRecords.push(meta.record);
          const d = embedder.dimension;
          carriedVectors.push(vectors.subarray((starts[local] as number) * d, (starts[local + 1] as number) * d));
          keptPassages -= meta.passageCount;
        });
      }
      nextSegments = segments.filter((s, i) => !mergeSet.has(i) && s.deleted.length < s.articles);
      if (toWrite.length + carried.length > 0) {
        const fresh = await embedArticles(toWrite, embedder, chunking, opts.onProgress);
        const vectors = concat([...carriedVectors, fresh]);
        const all = [...carried, ...toWrite];
        const allHashes = [...carriedHashes, ...toWrite.map((a) => hashes.get(a.id))];
        const allRecords = [...carriedRecords, ...toWrite.map((a) => articleRecord(a, chunking))];
        const entry = await writeSegment(indexDir, {
          articles: all,
          hashes: allHashes,
          records: allRecords,
          vectors,
          chunking,
          hnsw,
          dimension: embedder.dimension,
        });
        writtenPassages = entry.passages;
        nextSegments.push(entry);
      }
    }
    const newManifest: Manifest = {
      format: FORMAT_VERSION,
      generation: Math.max(oldRaw?.generation ?? 0, current?.generation ?? 0) + 1,
      createdAt: new Date().toISOString(),
      embedder: { ...settings.embedder, ...(embedder.learnsFromCorpus && model ? { model } : {}) },
      chunking,
      hnsw,
      segments: nextSegments,
    };
    publishManifest(indexDir, newManifest);
    published = true;
    if (!upsert && !opts.loaded) recordChecked(indexDir, newManifest.generation, fingerprint);
    for (const name of collectGarbage(indexDir, newManifest, oldRaw)) forgetSegmentArticles(indexDir, name);
    return report(true);
  } catch (err) {
    const why = writeRefusal(err);
    if (!why || (err instanceof KiemchungError && err.code !== 'internal')) throw err;
    // This update's partly written files go at once: on a full disk they are what fills it.
    try {
      removeInterruptedWrites(indexDir);
    } catch {
      // A folder that refuses writes refuses removals too: the next update removes them.
    }
    const outcome = published ? 'the new index was published, but its old files could not all be removed' : 'the index was left as it was';
    throw new IndexError('index-unwritable', `index at ${indexDir} cannot be written: ${why}; ${outcome}`, { cause: err });
  } finally {
    release();
  }
}

/** Throws the readers' index-corrupt error when a segment file of the live manifest is missing or of another size than it lists. */
function checkFileSizes(indexDir: string, m: Manifest): void {
  for (const seg of m.segments) {
    for (const [file, want] of Object.entries(seg.files)) {
      let size: number;
      try {
        size = fs.statSync(path.join(segmentsDir(indexDir), seg.name, file)).size;
      } catch (err) {
        throw new IndexError('index-corrupt', `index at ${indexDir} is damaged: ${seg.name}/${file} is missing; ${rebuildHint(indexDir)}`, { cause: err });
      }
      if (size !== want.size) {
        throw new IndexError(
          'index-corrupt',
          `index at ${indexDir} is damaged: ${seg.name}/${file} has ${size} bytes, not the ${want.size} its manifest lists (torn or foreign file); ${rebuildHint(indexDir)}`,
        );
      }
    }
  }
}

/**
 * Removes what an interrupted write left (a segment folder still named `….tmp`, a file still
 * named `….tmp-<pid>`): called with the writer's lock held, when no other writer can be at work.
 * A writer killed part-way leaves them, and an index that is then found up to date publishes
 * nothing that would sweep them away.
 */
function removeInterruptedWrites(indexDir: string): void {
  const segs = segmentsDir(indexDir);
  for (const name of fs.existsSync(segs) ? fs.readdirSync(segs) : []) {
    if (name.endsWith('.tmp')) fs.rmSync(path.join(segs, name), { recursive: true, force: true });
  }
  for (const name of fs.readdirSync(indexDir)) if (/\.tmp-\d+$/.test(name)) fs.rmSync(path.join(indexDir, name), { force: true });
}

/** Beside the manifests: the generation an update that read the whole corpus left live, and the corpus files' fingerprint before it read them. */
const CHECKED_FILE = 'corpus-checked.json';

function recordChecked(indexDir: string, generation: number, fingerprint: string | null): void {
  const file = path.join(indexDir, CHECKED_FILE);
  if (fingerprint === null) fs.rmSync(file, { force: true });
  else writeFileAtomic(file, JSON.stringify({ generation, fingerprint }));
}

/**
 * Whether the live index was last brought up to date with the whole corpus at `corpus` and no
 * corpus file was written, added, removed or replaced since (by `corpusFingerprint`): then a
 * check of the corpus would find nothing to do, and an engine starting on the index skips it.
 */
export function corpusUnchanged(indexDir: string, corpus: string): boolean {
  try {
    const rec = JSON.parse(fs.readFileSync(path.join(indexDir, CHECKED_FILE), 'utf8')) as { generation?: unknown; fingerprint?: unknown };
    const live = peekManifest(indexDir);
    if (!live || rec.generation !== live.generation || typeof rec.fingerprint !== 'string') return false;
    return corpusFingerprint(corpus) === rec.fingerprint;
  } catch {
    return false;
  }
}

/**
 * Which live article of the index was read from a record with this `contentHash`, and the
 * index's generation; null when it cannot be read. Each segment's lookup by record is made
 * once per article list (`recordIndex`), not once per update.
 */
function liveRecords(indexDir: string): { generation: number; known: (record: string) => string | undefined } | null {
  try {
    const current = peekManifest(indexDir);
    if (!current || current.format !== FORMAT_VERSION) return null;
    const m = readCurrentManifest(indexDir);
    if (!m) return null;
    const parts = m.segments.map((entry) => {
      const list = readSegmentArticles(indexDir, entry);
      const dead = new Uint8Array(list.length);
      for (const d of entry.deleted) dead[d] = 1;
      return { list, dead, byRecord: recordIndex(list) };
    });
    const known = (record: string): string | undefined => {
      for (const { list, dead, byRecord } of parts) {
        const local = byRecord.get(record);
        if (local !== undefined && !dead[local]) return list[local]?.id;
      }
      return undefined;
    };
    return { generation: m.generation, known };
  } catch {
    // A damaged index is reported by the update itself.
    return null;
  }
}

/** An article as a segment stores it, with its paragraphs read back from the segment. */
function storedArticle(seg: Segment, meta: SegmentArticle): Article {
  const { hash: _h, firstParagraph, paragraphCount, passageCount: _p, ...rest } = meta;
  const paragraphs = seg.paragraphTexts(firstParagraph, paragraphCount);
  return { ...rest, paragraphs, origin: seg.name };
}

/** Passages a learned embedder learns from at most (evenly spread over the corpus). */
export const LEARN_SAMPLE = 20_000;

/** Which model file each embedder instance has loaded, so an update does not read it again. */
const loadedModel = new WeakMap<Embedder, string>();

/** About `want` passages (as [title, text]) from articles spread evenly over the corpus. */
export function samplePassages(articles: readonly Article[], chunking: ChunkOptions, want: number): PassageTexts {
  const probe = articles.filter((_, i) => i % 16 === 0);
  const perArticle = probe.reduce((n, a) => n + splitPassages(a.paragraphs, chunking).length, 0) / Math.max(1, probe.length);
  const stride = Math.max(1, Math.floor((articles.length * perArticle) / want));
  const out: string[][] = [];
  for (let i = 0; i < articles.length; i += stride) {
    const a = articles[i] as Article;
    for (const sp of splitPassages(a.paragraphs, chunking)) out.push([a.title, (a.paragraphs[sp.paragraph] as string).slice(sp.start, sp.end)]);
  }
  return { length: out.length, text: (i) => out[i] as string[] };
}

function tryReadManifest(indexDir: string): Manifest | null {
  try {
    return readCurrentManifest(indexDir);
  } catch {
    return null;
  }
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Vectors of every passage of `articles`, in order, embedded in batches. */
export async function embedArticles(
  articles: readonly Article[],
  embedder: Embedder,
  chunking: ChunkOptions,
  onProgress?: (p: IndexProgress) => void,
): Promise<Float32Array> {
  const texts: string[] = [];
  for (const a of articles) {
    for (const s of splitPassages(a.paragraphs, chunking))
      texts.push(passageEmbeddingText(a.title, (a.paragraphs[s.paragraph] as string).slice(s.start, s.end)));
  }
  const out = new Float32Array(texts.length * embedder.dimension);
  const batch = Math.max(1, Math.min(embedder.maxBatch, 1024));
  for (let i = 0; i < texts.length; i += batch) {
    const vs = await embedPassagesChecked(embedder, texts.slice(i, i + batch));
    vs.forEach((v, j) => out.set(v, (i + j) * embedder.dimension));
    onProgress?.({ phase: 'embed', done: Math.min(i + batch, texts.length), total: texts.length });
  }
  return out;
}

async function writeSegment(
  indexDir: string,
  input: Omit<BuildSegmentInput, 'dir'>,
  worker?: { source: Promise<VectorSource>; onProgress?: (n: number) => void },
): Promise<Manifest['segments'][number]> {
  const name = newSegmentName();
  const tmp = path.join(segmentsDir(indexDir), `${name}.tmp`);
  fs.rmSync(tmp, { recursive: true, force: true });
  const built = worker ? await runWorker({ ...input, dir: tmp }, worker.source, worker.onProgress) : await buildSegment({ ...input, dir: tmp });
  // The files are fsynced and checksummed where they were written; the folder's entries are made durable here.
  fsyncDir(tmp);
  const final = path.join(segmentsDir(indexDir), name);
  fs.renameSync(tmp, final);
  return { name, articles: built.articles, paragraphs: built.paragraphs, passages: built.passages, deleted: [], files: built.files };
}

/** An error as a build worker reports it (errors lose their class crossing threads). */
export interface WorkerFailure {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
}

/** A build worker's failure in this thread: its code (internal when it had none) and message, its stack in the cause. */
function fromWorker(f: WorkerFailure): KiemchungError {
  // An errno code (ENOSPC, EROFS…) stays on the cause: the failure is the disk's, not a bug.
  const cause = Object.assign(new Error(f.message), {
    name: f.name,
    stack: f.stack,
    ...(typeof f.code === 'string' && !isErrorCode(f.code) ? { code: f.code } : {}),
  });
  return isErrorCode(f.code)
    ? new KiemchungError(f.code, f.message, { cause })
    : new KiemchungError('internal', `a segment build worker failed: ${f.message}`, { cause });
}

/**
 * Builds a segment in a worker thread, which starts on the text and postings at once and is
 * sent where its vectors come from when `source` resolves (it is stopped if `source` fails).
 */
function runWorker(input: BuildSegmentInput, source: Promise<VectorSource>, onProgress?: (n: number) => void): Promise<BuiltSegment> {
  const { embed: _e, onProgress: _p, source: _s, vectors: _v, ...data } = input;
  return new Promise((resolve, reject) => {
    const w = startWorker('build-worker', import.meta.url, { workerData: data });
    source.then(
      (m) => w.postMessage(m, 'vectors' in m ? [m.vectors.buffer as ArrayBuffer] : []),
      (err: unknown) => {
        reject(err);
        void w.terminate();
      },
    );
    w.on('message', (m: { type: string; n?: number; built?: BuiltSegment; error?: WorkerFailure }) => {
      if (m.type === 'progress') onProgress?.(m.n ?? 0);
      else if (m.type === 'done') resolve(m.built as BuiltSegment);
      else if (m.type === 'error') reject(fromWorker(m.error as WorkerFailure));
    });
    w.on('error', (err) => reject(new KiemchungError('internal', `a segment build worker failed: ${errorMessage(err)}`, { cause: err })));
    w.on('exit', (code) => {
      if (code !== 0) reject(new KiemchungError('internal', `a segment build worker stopped with exit code ${code}`));
    });
  });
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (err: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A full build: articles split into one segment per worker, built in parallel. `learn`, when
 * given, learns the embedder's model: the workers are started first and lay out their text and
 * postings meanwhile, then get the model (or, for an embedder a worker cannot copy, vectors
 * embedded here).
 */
async function buildFull(
  articles: Article[],
  opts: UpdateOptions & { chunking: ChunkOptions; hnsw: HnswParams; learn?: () => void },
): Promise<Manifest['segments']> {
  if (articles.length === 0) {
    opts.learn?.();
    return [];
  }
  const { embedder, chunking, hnsw } = opts;
  // Passages estimated from paragraph lengths (the workers split them): to balance the groups and show progress.
  const counts = articles.map((a) =>
    a.paragraphs.reduce((n, p) => n + (p.length <= chunking.maxChars ? 1 : Math.ceil(p.length / (chunking.windowChars * 0.85))), 0),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  const cores = opts.workers ?? os.availableParallelism();
  const parts = Math.max(1, Math.min(cores, Math.ceil(total / (opts.passagesPerWorker ?? PASSAGES_PER_WORKER))));
  let done = 0;
  const progress = (n: number) => {
    done += n;
    opts.onProgress?.({ phase: 'build', done: Math.min(done, total), total });
  };
  if (parts === 1) {
    opts.learn?.();
    const vectors = await embedArticles(articles, embedder, chunking, opts.onProgress);
    return [
      await writeSegment(opts.indexDir, {
        articles,
        records: articles.map((a) => articleRecord(a, chunking)),
        vectors,
        chunking,
        hnsw,
        dimension: embedder.dimension,
        onProgress: progress,
      }),
    ];
  }
  // Contiguous groups of about equal passage counts.
  const groups: Article[][] = [];
  let cur: Article[] = [];
  let acc = 0;
  articles.forEach((a, i) => {
    cur.push(a);
    acc += counts[i] as number;
    if (acc >= (total * (groups.length + 1)) / parts && groups.length < parts - 1) {
      groups.push(cur);
      cur = [];
    }
  });
  if (cur.length) groups.push(cur);
  const sources = groups.map(() => deferred<VectorSource>());
  const runs = groups.map((g, i) =>
    writeSegment(
      opts.indexDir,
      { articles: g, records: g.map((a) => articleRecord(a, chunking)), chunking, hnsw, dimension: embedder.dimension },
      { source: (sources[i] as Deferred<VectorSource>).promise, onProgress: progress },
    ),
  );
  try {
    opts.learn?.();
    // An embedder that a worker can copy embeds inside the workers; any other embeds here, group after group.
    const recipe = embedder.workerRecipe();
    for (const [i, g] of groups.entries()) {
      const s = sources[i] as Deferred<VectorSource>;
      s.resolve(recipe ? { type: 'source', embedder: recipe } : { type: 'source', vectors: await embedArticles(g, embedder, chunking, opts.onProgress) });
    }
  } catch (err) {
    // The workers still waiting are stopped, and the build fails with this error once they have.
    for (const s of sources) s.reject(err);
    await Promise.allSettled(runs);
    throw err;
  }
  return Promise.all(runs);
}
