import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const intIn = (min: number, max: number, def: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

const embedderSpec = z
  .string()
  .trim()
  .regex(/^(hash|transformers:.+|openai:.+)$/, 'expected hash, transformers:<model folder> or openai:<model>');

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
  KIEMCHUNG_EMBEDDINGS: embedderSpec.default('hash'),
  KIEMCHUNG_LLM: llmSpec.default('none'),
  KIEMCHUNG_TOP_K: intIn(1, 50, 8),
  /** Answers whose confidence falls below this are refused. */
  KIEMCHUNG_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.45),
  KIEMCHUNG_MAX_QUESTION_CHARS: intIn(16, 100_000, 2000),
  KIEMCHUNG_PROMPTS_DIR: z.string().trim().min(1).default('prompts'),
  KIEMCHUNG_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
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
  OPENAI_BASE_URL: z.string().trim().url().optional(),
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
  openaiBaseUrl?: string;
  openaiApiKey?: string;
}

export interface DatabaseConfig {
  url: string;
  /** The PostgreSQL schema holding kiemchung's tables (several indexes can share one database). */
  schema: string;
  poolMax: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
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
          },
        }
      : {}),
    ...(r.OPENAI_BASE_URL ? { openaiBaseUrl: r.OPENAI_BASE_URL } : {}),
    ...(r.OPENAI_API_KEY ? { openaiApiKey: r.OPENAI_API_KEY } : {}),
  };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (config as unknown as Record<string, unknown>)[k] = v;
  return config;
}
