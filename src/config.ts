import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { PRODUCT_VERSION } from './version.js';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A whole number in a range; every way to miss it (a word, a fraction, out of range) says what is allowed. */
const intIn = (min: number, max: number, def: number) => {
  const allowed = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: allowed }).int(allowed).min(min, allowed).max(max, allowed).default(def);
};

const embedderSpec = z
  .string()
  .trim()
  .regex(/^(corpus|hash|transformers:.+|openai:.+)$/, 'expected corpus, hash, transformers:<model folder> or openai:<model>');

const llmSpec = z
  .string()
  .trim()
  .regex(/^(none|[a-z][a-z0-9-]*:.+)$/, 'expected none or provider:model (e.g. openai:gpt-4o-mini)');

/** A PostgreSQL URL: `postgres://user:password@host:port/database` (options after `?`). */
const databaseUrl = z
  .string()
  .trim()
  .refine((u) => {
    try {
      return ['postgres:', 'postgresql:'].includes(new URL(u).protocol);
    } catch {
      return false;
    }
  }, 'expected a postgres:// URL, such as postgres://kiemchung@127.0.0.1:5432/kiemchung');

/** The engine's settings; every environment variable it reads is here. */
export const configSchema = z.object({
  KIEMCHUNG_CORPUS: z.string().trim().min(1).default('corpus'),
  KIEMCHUNG_INDEX_DIR: z.string().trim().min(1).default(path.join('.kiemchung', 'index')),
  KIEMCHUNG_EMBEDDINGS: embedderSpec.default('corpus'),
  KIEMCHUNG_LLM: llmSpec.default('none'),
  KIEMCHUNG_TOP_K: intIn(1, 50, 8),
  /** Answers whose confidence falls below this are refused. */
  KIEMCHUNG_MIN_CONFIDENCE: z.coerce
    .number({ error: 'expected a number from 0 to 1' })
    .min(0, 'expected a number from 0 to 1')
    .max(1, 'expected a number from 0 to 1')
    .default(0.35),
  KIEMCHUNG_MAX_QUESTION_CHARS: intIn(16, 100_000, 2000),
  KIEMCHUNG_PROMPTS_DIR: z.string().trim().min(1).default('prompts'),
  KIEMCHUNG_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'expected debug, info, warn, error or silent' }).default('info'),
  /** With it set, the index lives in this PostgreSQL database (with pgvector) instead of KIEMCHUNG_INDEX_DIR. */
  KIEMCHUNG_DATABASE_URL: databaseUrl.optional(),
  KIEMCHUNG_DATABASE_SCHEMA: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]{0,47}$/, 'expected a lower-case name of letters, digits and _ (at most 48)')
    .default('kiemchung'),
  /** Connections each process keeps at most; its queries wait for a free one beyond that. */
  KIEMCHUNG_DATABASE_POOL_MAX: intIn(1, 200, 10),
  KIEMCHUNG_DATABASE_CONNECT_TIMEOUT_MS: intIn(100, 120_000, 5000),
  /** Longest a question's query may run before the database cancels it (index writes have no limit). */
  KIEMCHUNG_DATABASE_STATEMENT_TIMEOUT_MS: intIn(100, 600_000, 15_000),
  /** \`replica\`: each serving process answers vector searches from a graph of its own; \`database\`: pgvector answers them all. */
  KIEMCHUNG_DATABASE_VECTOR_SEARCH: z.enum(['replica', 'database'], { error: 'expected replica or database' }).default('replica'),
  /** Sent with every request the fetcher makes; names the product for site owners. */
  KIEMCHUNG_FETCH_USER_AGENT: z.string().trim().min(3).max(300).default(`kiemchung/${PRODUCT_VERSION} (news fact-checking bot)`),
  KIEMCHUNG_FETCH_TIMEOUT_MS: intIn(1000, 300_000, 20_000),
  KIEMCHUNG_FETCH_MAX_BYTES: intIn(10_000, 100_000_000, 5_000_000),
  KIEMCHUNG_FETCH_MAX_REDIRECTS: intIn(0, 20, 5),
  KIEMCHUNG_FETCH_HOST_INTERVAL_MS: intIn(0, 60_000, 250),
  /** Tests and intranet deployments only: lets the fetcher reach loopback and private addresses. */
  KIEMCHUNG_FETCH_ALLOW_PRIVATE: z.enum(['0', '1', 'true', 'false'], { error: 'expected 0 or 1' }).default('0'),
  /** The followed feeds and their state (SQLite); default: feeds.sqlite beside the index folder. */
  KIEMCHUNG_FEEDS_DB: z.string().trim().min(1).optional(),
  /** How often a running bot polls each feed, in minutes; 0 turns polling off. */
  KIEMCHUNG_FEED_POLL_MINUTES: intIn(0, 1440, 15),
  /** New items added from one feed in one poll at most. */
  KIEMCHUNG_FEED_MAX_NEW: intIn(1, 1000, 50),
  /** Where "hôm nay", "tuần trước" and "năm nay" are read (an IANA time zone). */
  KIEMCHUNG_TIME_ZONE: z.string().trim().refine(isTimeZone, 'expected an IANA time zone such as Asia/Ho_Chi_Minh').default('Asia/Ho_Chi_Minh'),
  /** Where 👍/👎 feedback is kept (SQLite); `off` turns the buttons off. */
  KIEMCHUNG_FEEDBACK_DB: z.string().trim().min(1).default(path.join('.kiemchung', 'feedback.sqlite')),
  /** Signs feedback buttons and salts user hashes; set the same one on every replica. */
  KIEMCHUNG_FEEDBACK_SECRET: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  KIEMCHUNG_FEEDBACK_DAYS: intIn(1, 3650, 30),
  OPENAI_BASE_URL: z.string().trim().url('expected a URL ending in /v1, such as http://127.0.0.1:11434/v1').optional(),
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  corpus: string;
  indexDir: string;
  embeddings: string;
  llm: string;
  topK: number;
  minConfidence: number;
  maxQuestionChars: number;
  promptsDir: string;
  logLevel: RawConfig['KIEMCHUNG_LOG_LEVEL'];
  /** The shared database, when the index lives there instead of in `indexDir`. */
  database?: DatabaseConfig;
  timeZone: string;
  /** The feedback database file, or null when feedback is off. */
  feedbackDb: string | null;
  feedbackSecret?: string;
  feedbackDays: number;
  openaiBaseUrl?: string;
  openaiApiKey?: string;
  fetch: FetchConfig;
  feeds: { db?: string; pollMinutes: number; maxNew: number };
}

/** How pages, feeds and robots.txt are fetched. */
export interface FetchConfig {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  hostIntervalMs: number;
  allowPrivate: boolean;
}

export interface DatabaseConfig {
  url: string;
  /** The PostgreSQL schema holding kiemchung's tables (several indexes can share one database). */
  schema: string;
  poolMax: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  /**
   * Where a serving process's unfiltered vector searches run: \`replica\`, in an HNSW graph of its
   * own built from the database's vectors (pgvector until it is built); \`database\` (the default
   * here), always in pgvector. KIEMCHUNG_DATABASE_VECTOR_SEARCH, whose default is \`replica\`.
   */
  vectorSearch?: 'replica' | 'database';
}

/** Lists every problem with a zod result at once, as `KEY: message`. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** Empty strings in the environment mean "not set" (a blank line in .env must not override a default). */
export function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = configSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error));
  const r = parsed.data;
  const config: Config = {
    corpus: r.KIEMCHUNG_CORPUS,
    indexDir: r.KIEMCHUNG_INDEX_DIR,
    embeddings: r.KIEMCHUNG_EMBEDDINGS,
    llm: r.KIEMCHUNG_LLM,
    topK: r.KIEMCHUNG_TOP_K,
    minConfidence: r.KIEMCHUNG_MIN_CONFIDENCE,
    maxQuestionChars: r.KIEMCHUNG_MAX_QUESTION_CHARS,
    promptsDir: r.KIEMCHUNG_PROMPTS_DIR,
    logLevel: r.KIEMCHUNG_LOG_LEVEL,
    ...(r.KIEMCHUNG_DATABASE_URL
      ? {
          database: {
            url: r.KIEMCHUNG_DATABASE_URL,
            schema: r.KIEMCHUNG_DATABASE_SCHEMA,
            poolMax: r.KIEMCHUNG_DATABASE_POOL_MAX,
            connectTimeoutMs: r.KIEMCHUNG_DATABASE_CONNECT_TIMEOUT_MS,
            statementTimeoutMs: r.KIEMCHUNG_DATABASE_STATEMENT_TIMEOUT_MS,
            vectorSearch: r.KIEMCHUNG_DATABASE_VECTOR_SEARCH,
          },
        }
      : {}),
    timeZone: r.KIEMCHUNG_TIME_ZONE,
    feedbackDb: r.KIEMCHUNG_FEEDBACK_DB.toLowerCase() === 'off' ? null : r.KIEMCHUNG_FEEDBACK_DB,
    ...(r.KIEMCHUNG_FEEDBACK_SECRET ? { feedbackSecret: r.KIEMCHUNG_FEEDBACK_SECRET } : {}),
    feedbackDays: r.KIEMCHUNG_FEEDBACK_DAYS,
    ...(r.OPENAI_BASE_URL ? { openaiBaseUrl: r.OPENAI_BASE_URL } : {}),
    ...(r.OPENAI_API_KEY ? { openaiApiKey: r.OPENAI_API_KEY } : {}),
    feeds: { ...(r.KIEMCHUNG_FEEDS_DB ? { db: r.KIEMCHUNG_FEEDS_DB } : {}), pollMinutes: r.KIEMCHUNG_FEED_POLL_MINUTES, maxNew: r.KIEMCHUNG_FEED_MAX_NEW },
    fetch: {
      userAgent: r.KIEMCHUNG_FETCH_USER_AGENT,
      timeoutMs: r.KIEMCHUNG_FETCH_TIMEOUT_MS,
      maxBytes: r.KIEMCHUNG_FETCH_MAX_BYTES,
      maxRedirects: r.KIEMCHUNG_FETCH_MAX_REDIRECTS,
      hostIntervalMs: r.KIEMCHUNG_FETCH_HOST_INTERVAL_MS,
      allowPrivate: r.KIEMCHUNG_FETCH_ALLOW_PRIVATE === '1' || r.KIEMCHUNG_FETCH_ALLOW_PRIVATE === 'true',
    },
  };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (config as unknown as Record<string, unknown>)[k] = v;
  return config;
}
