import type pg from 'pg';
import { IndexError } from '../../errors.js';
import { type Database, databaseError } from './database.js';

/**
 * The database's schema, as numbered migrations applied in order at start. A migration is
 * never edited once released: a change is a new migration. `migrate` applies the missing ones
 * in one transaction under an advisory lock, so replicas starting together apply each once,
 * and refuses a database migrated by a newer kiemchung.
 */
export interface Migration {
  version: number;
  name: string;
  /** Statements, given the quoted schema name. */
  sql: (s: string) => string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'index: generations, articles, paragraphs, passages with vectors, BM25 postings',
    sql: (s) => `
      CREATE EXTENSION IF NOT EXISTS vector;

      -- One row per published generation; serving names the one readers use.
      CREATE TABLE ${s}.generations (
        generation integer PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        format integer NOT NULL,
        embedder jsonb NOT NULL,
        chunking jsonb NOT NULL,
        articles integer NOT NULL,
        paragraphs integer NOT NULL,
        passages integer NOT NULL,
        date_from text,
        date_to text,
        -- A digest of the live articles' ids and contents (store/corpus-version.ts).
        corpus_version text NOT NULL,
        -- BM25's N and total length: passages of the blocks live in this generation.
        lexical_passages bigint NOT NULL,
        lexical_length bigint NOT NULL
      );
      CREATE TABLE ${s}.serving (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        generation integer NOT NULL REFERENCES ${s}.generations
      );

      -- Rows are never changed, only added (added = the generation that wrote them) and retired
      -- (removed = the first generation without them), so a reader of generation g sees exactly
      -- the rows with added <= g < coalesce(removed, infinity).
      CREATE TABLE ${s}.articles (
        key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL,
        hash text NOT NULL,
        title text NOT NULL,
        title_folded text NOT NULL,
        date text NOT NULL,
        date_kind text NOT NULL,
        source text NOT NULL,
        url text,
        lang text NOT NULL,
        tags text[] NOT NULL,
        captions text[] NOT NULL,
        paragraph_count integer NOT NULL,
        passage_count integer NOT NULL,
        -- The block holding its passages (a merge moves them).
        block integer NOT NULL,
        added integer NOT NULL,
        removed integer
      );
      CREATE INDEX articles_block ON ${s}.articles (block);
      CREATE UNIQUE INDEX articles_live_id ON ${s}.articles (id) WHERE removed IS NULL;
      CREATE INDEX articles_id ON ${s}.articles (id text_pattern_ops);
      CREATE INDEX articles_removed ON ${s}.articles (removed) WHERE removed IS NOT NULL;

      CREATE TABLE ${s}.paragraphs (
        article bigint NOT NULL REFERENCES ${s}.articles ON DELETE CASCADE,
        n integer NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (article, n)
      );

      -- A block is the set of passages one update (or merge) wrote; postings are per block.
      CREATE TABLE ${s}.blocks (
        block integer PRIMARY KEY,
        added integer NOT NULL,
        removed integer,
        articles integer NOT NULL,
        passages integer NOT NULL,
        length bigint NOT NULL
      );
      CREATE SEQUENCE ${s}.block_ids;
      CREATE SEQUENCE ${s}.passage_ids AS integer;

      CREATE TABLE ${s}.passages (
        id integer PRIMARY KEY,
        article bigint NOT NULL REFERENCES ${s}.articles ON DELETE CASCADE,
        block integer NOT NULL,
        paragraph integer NOT NULL,
        start_at integer NOT NULL,
        end_at integer NOT NULL,
        added integer NOT NULL,
        removed integer,
        -- The article's fields that searches filter on, beside the vector for the HNSW scan.
        article_id text NOT NULL,
        source_key text NOT NULL,
        date text NOT NULL,
        dims smallint NOT NULL,
        embedding vector NOT NULL
      );
      CREATE INDEX passages_article ON ${s}.passages (article);
      CREATE INDEX passages_article_id ON ${s}.passages (article_id);
      CREATE INDEX passages_block ON ${s}.passages (block);

      -- Each passage's terms (hashes, sorted) and their counts: BM25 of a candidate passage.
      -- Kept in the row, uncompressed, up to a page: read for every candidate of every search.
      CREATE TABLE ${s}.passage_terms (
        passage integer PRIMARY KEY REFERENCES ${s}.passages ON DELETE CASCADE,
        added integer NOT NULL,
        removed integer,
        length integer NOT NULL,
        terms integer[] NOT NULL,
        tfs smallint[] NOT NULL
      ) WITH (toast_tuple_target = 8160);

      -- Per block and term: its document frequency, and the passages where it weighs most
      -- (by BM25 impact, best first), which propose the candidates of a search.
      CREATE TABLE ${s}.postings (
        term integer NOT NULL,
        block integer NOT NULL REFERENCES ${s}.blocks ON DELETE CASCADE,
        df integer NOT NULL,
        docs integer[] NOT NULL,
        imps real[] NOT NULL,
        PRIMARY KEY (term, block)
      );
      CREATE INDEX postings_block ON ${s}.postings (block);
      -- Stored uncompressed: read often, and the integers of a posting list barely compress.
      ALTER TABLE ${s}.postings ALTER docs SET STORAGE EXTERNAL, ALTER imps SET STORAGE EXTERNAL;
    `,
  },
  {
    version: 2,
    name: 'replicas: claimed chat updates and shared rate limits',
    sql: (s) => `
      -- A chat update (or any work) claimed by one replica; 'done' once answered.
      CREATE TABLE ${s}.claims (
        key text PRIMARY KEY,
        owner text NOT NULL,
        state text NOT NULL CHECK (state IN ('working', 'done')),
        lease_until timestamptz NOT NULL,
        done_at timestamptz
      );
      CREATE INDEX claims_done_at ON ${s}.claims (done_at) WHERE state = 'done';

      -- Sliding-window rate limits: the times (ms) of the requests served in the window.
      CREATE TABLE ${s}.rate_limits (
        key text PRIMARY KEY,
        served bigint[] NOT NULL,
        told boolean NOT NULL,
        touched timestamptz NOT NULL DEFAULT now()
      );

      -- Counts one request by key on the database's clock: served while fewer than p_limit were
      -- served in the last p_window_ms; a refused request does not count.
      CREATE FUNCTION ${s}.take_rate(p_key text, p_limit integer, p_window_ms bigint)
      RETURNS TABLE (ok boolean, retry_after_ms bigint, first boolean)
      LANGUAGE plpgsql AS $$
      DECLARE
        now_ms bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
        row_served bigint[];
        row_told boolean;
        kept bigint[];
      BEGIN
        INSERT INTO ${s}.rate_limits AS r (key, served, told) VALUES (p_key, '{}', false)
          ON CONFLICT (key) DO NOTHING;
        SELECT r.served, r.told INTO row_served, row_told FROM ${s}.rate_limits r WHERE r.key = p_key FOR UPDATE;
        kept := ARRAY(SELECT t FROM unnest(row_served) AS t WHERE t > now_ms - p_window_ms ORDER BY t);
        IF coalesce(cardinality(kept), 0) < p_limit THEN
          UPDATE ${s}.rate_limits SET served = kept || now_ms, told = false, touched = now() WHERE key = p_key;
          RETURN QUERY SELECT true, 0::bigint, false;
        ELSE
          UPDATE ${s}.rate_limits SET served = kept, told = true, touched = now() WHERE key = p_key;
          RETURN QUERY SELECT false, greatest(1, kept[1] + p_window_ms - now_ms), NOT row_told;
        END IF;
      END $$;
    `,
  },
  {
    version: 3,
    name: 'replicas: feedback on answers, conversations, shared settings',
    sql: (s) => `
      -- Settings every replica must share (the secret that signs feedback buttons).
      CREATE TABLE ${s}.settings (key text PRIMARY KEY, value text NOT NULL);

      -- Feedback (src/feedback/store.ts), as the SQLite store keeps it; times are ISO strings.
      CREATE TABLE ${s}.feedback_answers (
        id text PRIMARY KEY,
        at text NOT NULL,
        platform text NOT NULL,
        question text NOT NULL,
        understood text,
        refused boolean NOT NULL,
        citations jsonb NOT NULL,
        corpus_version text NOT NULL
      );
      CREATE INDEX feedback_answers_at ON ${s}.feedback_answers (at);
      CREATE TABLE ${s}.feedback_votes (
        answer_id text NOT NULL,
        user_hash text NOT NULL,
        rating text NOT NULL CHECK (rating IN ('up', 'down')),
        at text NOT NULL,
        platform text NOT NULL,
        question text NOT NULL,
        question_key text NOT NULL,
        understood text,
        refused boolean NOT NULL,
        citations jsonb NOT NULL,
        corpus_version text NOT NULL,
        answered_at text NOT NULL,
        comment text,
        comment_at text,
        PRIMARY KEY (answer_id, user_hash)
      );
      CREATE INDEX feedback_votes_at ON ${s}.feedback_votes (at);
      CREATE INDEX feedback_votes_question ON ${s}.feedback_votes (question_key);
      CREATE TABLE ${s}.feedback_awaited (
        key text PRIMARY KEY,
        answer_id text NOT NULL,
        user_hash text NOT NULL,
        until text NOT NULL
      );

      -- Short-lived shared state by key (conversations, links from messages to them).
      CREATE TABLE ${s}.kv (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX kv_expires_at ON ${s}.kv (expires_at);
    `,
  },
  {
    version: 4,
    name: 'index: the model a learned embedder took from the corpus, kept with the generations built on it',
    sql: (s) => `
      -- Written by a full build (or copied with an embedded index); later updates reuse it.
      CREATE TABLE ${s}.embedder_models (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        embedder text NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE ${s}.generations ADD COLUMN model integer REFERENCES ${s}.embedder_models;
    `,
  },
  {
    version: 5,
    name: 'index: passages by date, for searches filtered by date',
    sql: (s) => `
      -- A date filter ("hai tháng trước", --from/--to) first counts the passages it admits, and
      -- searches few of them exactly: by this index rather than by reading every passage.
      CREATE INDEX passages_date ON ${s}.passages (date) WHERE date <> '';
    `,
  },
  {
    version: 6,
    name: 'index: passage lengths by passage, for replicas to read without the term counts',
    sql: (s) => `
      -- A replica keeps every passage's BM25 length (PostgresStore.passageLengths), read by an
      -- index-only scan of this index rather than through the rows of term counts (1 MB against 600 at 35k).
      CREATE INDEX passage_terms_length ON ${s}.passage_terms (passage) INCLUDE (length);
    `,
  },
  {
    version: 7,
    name: 'index: passage lengths with the generations that added and retired them',
    sql: (s) => `
      -- A replica also keeps which generations added and retired each passage, and so knows
      -- without asking which candidates of a search are live (PostgresStore.passageFacts).
      CREATE INDEX passage_terms_facts ON ${s}.passage_terms (passage) INCLUDE (length, added, removed);
      DROP INDEX ${s}.passage_terms_length;
    `,
  },
];

/** The schema version this kiemchung reads and writes. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/**
 * Applies the missing migrations (creating the schema first); returns the versions applied.
 * Safe to run from several processes at once: the second waits for the first and applies nothing.
 */
export async function migrate(db: Database): Promise<number[]> {
  const s = db.schema;
  return db.transaction('applying the database migrations', async (c: pg.PoolClient) => {
    // One lock for every schema: CREATE EXTENSION is database-wide, and migrations are rare.
    await c.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`kiemchung:migrate`]);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await c.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set((await c.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)).rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > SCHEMA_VERSION) {
      throw new IndexError(
        'index-mismatch',
        `the database at ${db.where} has schema version ${newest}, newer than this kiemchung reads (${SCHEMA_VERSION}); run the newer kiemchung, or use another KIEMCHUNG_DATABASE_SCHEMA`,
      );
    }
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      try {
        await c.query(m.sql(s));
      } catch (err) {
        throw databaseError(`applying database migration ${m.version} (${m.name})`, db.where, err);
      }
      await c.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
