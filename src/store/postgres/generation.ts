import type pg from 'pg';
import type { ChunkOptions } from '../../corpus/passages.js';
import { IndexError } from '../../errors.js';
import type { Database } from './database.js';

/**
 * Version of the index layout in the database (tables and what their columns mean). An index
 * of an older format is rebuilt by the next `kiemchung index`, as the embedded index is.
 */
/**
 * 2: every list of postings is sorted by impact, best first (1: only the lists cut at
 * POSTING_DEPTH). 3: an article's photo captions are its last paragraphs (`paragraph_count`
 * counts them). 4: marked terms with the tone mark of "oa", "oe", "uy" on the first vowel
 * (`canonicalTones`), as the embedded index's format 6.
 */
export const DB_INDEX_FORMAT = 4;

/** Rows retired by a generation published this long ago are deleted: readers of the generation before switch within a second. */
export const PURGE_AFTER_S = 60;

/** A published generation, as readers use it. */
export interface Generation {
  generation: number;
  createdAt: string;
  format: number;
  embedder: { id: string; version: string; dimension: number };
  chunking: ChunkOptions;
  articles: number;
  paragraphs: number;
  passages: number;
  dateFrom: string | null;
  dateTo: string | null;
  corpusVersion: string;
  /** BM25's N and the total length of those passages. */
  lexicalPassages: number;
  lexicalLength: number;
  /** The learned embedder model its passages were embedded with (`embedder_models`), or null. */
  model: number | null;
}

interface GenerationRow {
  generation: number;
  created_at: Date;
  format: number;
  embedder: Generation['embedder'];
  chunking: ChunkOptions;
  articles: number;
  paragraphs: number;
  passages: number;
  date_from: string | null;
  date_to: string | null;
  corpus_version: string;
  lexical_passages: string;
  lexical_length: string;
  model: number | null;
}

/** The generation being served, or null when nothing was ever published. */
export async function servingGeneration(db: Database, client?: pg.ClientBase): Promise<Generation | null> {
  const sql = `SELECT g.* FROM ${db.schema}.serving s JOIN ${db.schema}.generations g ON g.generation = s.generation`;
  const res = client ? await client.query<GenerationRow>(sql) : await db.query<GenerationRow>('reading the generation served', sql);
  const r = res.rows[0];
  if (!r) return null;
  return {
    generation: r.generation,
    createdAt: r.created_at.toISOString(),
    format: r.format,
    embedder: r.embedder,
    chunking: r.chunking,
    articles: r.articles,
    paragraphs: r.paragraphs,
    passages: r.passages,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    corpusVersion: r.corpus_version,
    lexicalPassages: Number(r.lexical_passages),
    lexicalLength: Number(r.lexical_length),
    model: r.model,
  };
}

export function rebuildHintDb(): string {
  return 'run "kiemchung index --rebuild" to rebuild it';
}

/** Throws a clear `index-mismatch` error when the generation was built differently from what this process uses. */
export function checkGeneration(g: Generation, embedder: { id: string; version: string; dimension: number }, where: string): void {
  const diffs: string[] = [];
  if (g.embedder.id !== embedder.id) diffs.push(`embedder "${g.embedder.id}" (now configured: "${embedder.id}")`);
  else if (g.embedder.version !== embedder.version) diffs.push(`embedder version ${g.embedder.version} (now ${embedder.version})`);
  if (g.embedder.dimension !== embedder.dimension) diffs.push(`dimension ${g.embedder.dimension} (now ${embedder.dimension})`);
  if (g.format !== DB_INDEX_FORMAT) {
    const hint = g.format < DB_INDEX_FORMAT ? 'run "kiemchung index" to rebuild it' : 'run the newer kiemchung that wrote it';
    throw new IndexError(
      'index-mismatch',
      `the index in ${where} has format version ${g.format}, this version of kiemchung reads version ${DB_INDEX_FORMAT}; ${hint}`,
    );
  }
  if (diffs.length) throw new IndexError('index-mismatch', `the index in ${where} was built with ${diffs.join(', ')}; ${rebuildHintDb()}`);
}

/** The bytes of a stored embedder model. */
export async function readModel(db: Database, id: number): Promise<Uint8Array> {
  // As base64: bytea's hex form is half as large again on the wire and slower to decode.
  const r = await db.query<{ b64: string }>(
    'reading the embedder model',
    `SELECT encode(bytes, 'base64') AS b64 FROM ${db.schema}.embedder_models WHERE id = $1`,
    [id],
  );
  const b64 = r.rows[0]?.b64;
  const bytes = b64 === undefined ? undefined : Buffer.from(b64, 'base64');
  if (!bytes) throw new IndexError('index-corrupt', `the index in ${db.where} lacks its embedder model ${id}; ${rebuildHintDb()}`);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Whether the rows that the generations after `from` (up to `to`) retired are all still there:
 * the writer deletes them once a later generation is PURGE_AFTER_S old, so changes older than
 * about half that are read afresh instead of as changes.
 */
export async function changesReadable(db: Database, from: number, to: number): Promise<boolean> {
  const r = await db.query<{ old: boolean | null }>(
    'reading when generations were published',
    `SELECT min(created_at) < now() - make_interval(secs => $3) AS old FROM ${db.schema}.generations WHERE generation > $1 AND generation <= $2`,
    [from, to, PURGE_AFTER_S / 2],
  );
  return r.rows[0]?.old === false;
}

/** SQL: whether row `x` belongs to generation `g` (a parameter or column). */
export function liveIn(x: string, g: string): string {
  return `(${x}.added <= ${g} AND (${x}.removed IS NULL OR ${x}.removed > ${g}))`;
}
