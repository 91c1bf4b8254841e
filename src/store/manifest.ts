import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { IndexError } from '../errors.js';
import type { Embedder } from '../embed/embedder.js';
import { DEFAULT_CHUNKING } from '../corpus/passages.js';
import { crc32, writeFileAtomic } from './atomic-files.js';

/**
 * On-disk layout of an index folder:
 *
 *   CURRENT                 name of the live manifest, replaced atomically (write + rename)
 *   manifest-000042.json    one per generation: settings, segments, checksums
 *   segments/seg-…/         immutable segment folders, referenced by manifests
 *   model-….pack            a learned embedder's model (from the first full build), when it has one
 *   index.lock              held by the one process that is writing
 *
 * A writer builds new segments and a new manifest beside the live ones and switches CURRENT
 * last, so a crash or kill at any moment leaves the previous generation loadable.
 */
/**
 * Version of the on-disk layout. 2: the article lists name their fields (`firstParagraph`,
 * `paragraphCount`, `passageCount`; version 1 wrote `p0`, `pc`, `np`). 3: term frequencies in
 * one byte, an embedder's learned model beside the segments. 4: each segment's data pack holds
 * the frontier that bounds each common term's BM25 part (`lexBoundTerms`, `lexBoundAt`,
 * `lexBounds`). 5: an article's photo captions are its last paragraphs (`paragraphCount` counts
 * them). 6: marked terms with the tone mark of "oa", "oe", "uy" on the first vowel ("hoá" is
 * indexed as "hóa", `canonicalTones`). An index of an older version is rebuilt by the next
 * update; one of a newer version is refused.
 */
export const FORMAT_VERSION = 6;

const fileSum = z.object({ size: z.number().int().nonnegative(), crc32: z.number().int().nonnegative() });

const manifestSchema = z.object({
  format: z.number().int(),
  generation: z.number().int().nonnegative(),
  createdAt: z.string(),
  embedder: z.object({
    id: z.string(),
    version: z.string(),
    dimension: z.number().int().positive(),
    /** The model an embedder learned from the corpus at the first full build (`model-….pack`). */
    model: z
      .object({ file: z.string().regex(/^model-[0-9a-f]+\.pack$/), size: z.number().int().nonnegative(), crc32: z.number().int().nonnegative() })
      .optional(),
  }),
  chunking: z.object({ maxChars: z.number(), windowChars: z.number() }),
  hnsw: z.object({ m: z.number(), efConstruction: z.number(), efSearch: z.number() }),
  segments: z.array(
    z.object({
      name: z.string().regex(/^seg-[0-9a-z-]+$/),
      articles: z.number().int().nonnegative(),
      paragraphs: z.number().int().nonnegative(),
      passages: z.number().int().nonnegative(),
      /** Segment-local indexes of articles deleted or replaced since the segment was written. */
      deleted: z.array(z.number().int().nonnegative()),
      files: z.record(z.string(), fileSum),
    }),
  ),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type SegmentEntry = Manifest['segments'][number];

export function segmentsDir(indexDir: string): string {
  return path.join(indexDir, 'segments');
}

export function rebuildHint(indexDir: string): string {
  return `run "kiemchung index --rebuild --index ${indexDir}" to rebuild it`;
}

/** The live manifest's file name and contents, unvalidated; null when the folder holds no index yet. */
function readLiveManifest(indexDir: string): { name: string; raw: unknown } | null {
  const current = path.join(indexDir, 'CURRENT');
  if (!fs.existsSync(current)) return null;
  const name = fs.readFileSync(current, 'utf8').trim();
  if (!/^manifest-\d+\.json$/.test(name)) {
    throw new IndexError('index-corrupt', `index at ${indexDir} is damaged: CURRENT names "${name.slice(0, 60)}"; ${rebuildHint(indexDir)}`);
  }
  try {
    return { name, raw: JSON.parse(fs.readFileSync(path.join(indexDir, name), 'utf8')) };
  } catch (err) {
    throw new IndexError('index-corrupt', `index at ${indexDir} is damaged: ${name} cannot be read; ${rebuildHint(indexDir)}`, { cause: err });
  }
}

/**
 * The live generation's number and format version, read without validating the rest (an older
 * format is not a valid manifest of this one); null when there is no readable index.
 */
export function peekManifest(indexDir: string): { generation: number; format: number; embedder: { id: string; version: string } | null } | null {
  try {
    const live = readLiveManifest(indexDir);
    const { generation, format, embedder } = (live?.raw ?? {}) as { generation?: unknown; format?: unknown; embedder?: { id?: unknown; version?: unknown } };
    const built = typeof embedder?.id === 'string' && typeof embedder.version === 'string' ? { id: embedder.id, version: embedder.version } : null;
    return typeof generation === 'number' && typeof format === 'number' ? { generation, format, embedder: built } : null;
  } catch {
    return null;
  }
}

/**
 * Articles the live generation serves, read without validating the manifest (an older format
 * counts too); 0 when there is no readable index.
 */
export function liveArticleCount(indexDir: string): number {
  try {
    const segments = (readLiveManifest(indexDir)?.raw as { segments?: unknown } | undefined)?.segments;
    if (!Array.isArray(segments)) return 0;
    let n = 0;
    for (const seg of segments as Array<{ articles?: unknown; deleted?: unknown }>) {
      if (typeof seg?.articles === 'number') n += seg.articles - (Array.isArray(seg.deleted) ? seg.deleted.length : 0);
    }
    return Math.max(0, n);
  } catch {
    return 0;
  }
}

/**
 * Why an index cannot be updated in place and is rebuilt by the next update (the report's
 * notice), or null when it can be: it was written in an older format than `format`, or embedded
 * by an older version of this same embedder's learned model (a model learned from the corpus
 * belongs to its index and is learned again by a full build). `what` names the index.
 */
export function rebuildNotice(
  what: string,
  current: { format: number; embedder: { id: string; version: string } | null } | null,
  format: number,
  embedder: Pick<Embedder, 'id' | 'version' | 'learnsFromCorpus'>,
): string | null {
  if (!current) return null;
  if (current.format < format) return `${what} was in an older format (version ${current.format}) and was rebuilt in version ${format}`;
  const built = current.embedder;
  if (built && embedder.learnsFromCorpus && built.id === embedder.id && Number(built.version) < Number(embedder.version)) {
    return `${what} was embedded by version ${built.version} of the ${embedder.id} embedder's model and was rebuilt with version ${embedder.version}`;
  }
  return null;
}

/** The live manifest, or null when the folder holds no index yet. */
export function readCurrentManifest(indexDir: string): Manifest | null {
  const live = readLiveManifest(indexDir);
  if (!live) return null;
  const format = (live.raw as { format?: unknown })?.format;
  if (typeof format === 'number' && format < FORMAT_VERSION) {
    throw new IndexError(
      'index-mismatch',
      `index at ${indexDir} has format version ${format}, this version of kiemchung reads version ${FORMAT_VERSION}; run "kiemchung index --index ${indexDir}" to rebuild it`,
    );
  }
  if (typeof format === 'number' && format !== FORMAT_VERSION) {
    throw new IndexError(
      'index-mismatch',
      `index at ${indexDir} has format version ${format}, this version of kiemchung reads version ${FORMAT_VERSION}; ${rebuildHint(indexDir)}`,
    );
  }
  const parsed = manifestSchema.safeParse(live.raw);
  if (!parsed.success) {
    throw new IndexError('index-corrupt', `index at ${indexDir} is damaged: ${live.name} is not a valid manifest; ${rebuildHint(indexDir)}`);
  }
  return parsed.data;
}

export interface ExpectedSettings {
  embedder: { id: string; version: string; dimension: number };
  chunking?: Manifest['chunking'];
}

/** Throws a clear `index-mismatch` error naming what differs and how to rebuild. */
export function checkCompatible(m: Manifest, want: ExpectedSettings, indexDir: string): void {
  const e = m.embedder;
  const w = want.embedder;
  const diffs: string[] = [];
  if (e.id !== w.id) diffs.push(`embedder "${e.id}" (now configured: "${w.id}")`);
  else if (e.version !== w.version) diffs.push(`embedder version ${e.version} (now ${w.version})`);
  if (e.dimension !== w.dimension) diffs.push(`dimension ${e.dimension} (now ${w.dimension})`);
  const c = want.chunking ?? DEFAULT_CHUNKING;
  if (m.chunking.maxChars !== c.maxChars || m.chunking.windowChars !== c.windowChars) diffs.push('passage chunking settings');
  if (diffs.length) {
    throw new IndexError('index-mismatch', `index at ${indexDir} was built with ${diffs.join(', ')}; ${rebuildHint(indexDir)}`);
  }
}

/** Points CURRENT at a new manifest: the single atomic step that publishes a generation. */
export function publishManifest(indexDir: string, m: Manifest): void {
  const name = `manifest-${String(m.generation).padStart(6, '0')}.json`;
  writeFileAtomic(path.join(indexDir, name), JSON.stringify(m, null, 1));
  writeFileAtomic(path.join(indexDir, 'CURRENT'), `${name}\n`);
}

/**
 * Removes segments and manifests that neither the live generation nor the one before it uses
 * (a reader that opened the previous generation a moment ago can still finish loading it), and
 * leftovers of interrupted writes. Returns the names of the segment folders removed.
 */
export function collectGarbage(indexDir: string, live: Manifest, previous: Manifest | null): string[] {
  const keep = new Set([...live.segments, ...(previous?.segments ?? [])].map((s) => s.name));
  const keepModels = new Set([live.embedder.model?.file, previous?.embedder.model?.file]);
  const keepManifests = new Set([live.generation, previous?.generation ?? -1]);
  const segs = segmentsDir(indexDir);
  const removed: string[] = [];
  for (const name of fs.existsSync(segs) ? fs.readdirSync(segs) : []) {
    if (keep.has(name)) continue;
    fs.rmSync(path.join(segs, name), { recursive: true, force: true });
    removed.push(name);
  }
  for (const name of fs.readdirSync(indexDir)) {
    const m = /^manifest-(\d+)\.json$/.exec(name);
    const stale = (m && !keepManifests.has(Number(m[1]))) || /\.tmp-\d+$/.test(name) || (/^model-[0-9a-f]+\.pack$/.test(name) && !keepModels.has(name));
    if (stale) fs.rmSync(path.join(indexDir, name), { force: true });
  }
  return removed;
}

/** Writes a learned embedder model beside the segments (durably) and returns its manifest entry. */
export function writeModel(indexDir: string, bytes: Uint8Array): NonNullable<Manifest['embedder']['model']> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const crc = crc32(buf);
  const file = `model-${crc.toString(16).padStart(8, '0')}${buf.length.toString(16)}.pack`;
  writeFileAtomic(path.join(indexDir, file), buf);
  return { file, size: buf.length, crc32: crc };
}

/** A learned embedder model as the manifest lists it, checksum verified. */
export function readModel(indexDir: string, model: NonNullable<Manifest['embedder']['model']>): Uint8Array {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(path.join(indexDir, model.file));
  } catch (err) {
    throw new IndexError('index-corrupt', `index at ${indexDir} is damaged: ${model.file} is missing; ${rebuildHint(indexDir)}`, { cause: err });
  }
  if (buf.length !== model.size || crc32(buf) !== model.crc32) {
    throw new IndexError('index-corrupt', `index at ${indexDir} is damaged: ${model.file} does not match its checksum; ${rebuildHint(indexDir)}`);
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
