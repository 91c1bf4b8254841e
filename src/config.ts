import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

const intIn = (min: number, max: number, def: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

const embedderSpec = z
  .string()
  .trim()
  .regex(/^(corpus|hash|transformers:.+|openai:.+)$/, 'expected corpus, hash, transformers:<model folder> or openai:<model>');

const llmSpec = z
  .string()
  .trim()
  .regex(/^(none|[a-z][a-z0-9-]*:.+)$/, 'expected none or provider:model (e.g. openai:gpt-4o-mini)');

/** The engine's settings; every environment variable it reads is here. */
export const configSchema = z.object({
  KIEMCHUNG_CORPUS: z.string().trim().min(1).default('corpus'),
  KIEMCHUNG_INDEX_DIR: z.string().trim().min(1).default(path.join('.kiemchung', 'index')),
  KIEMCHUNG_EMBEDDINGS: embedderSpec.default('corpus'),
  KIEMCHUNG_LLM: llmSpec.default('none'),
  KIEMCHUNG_TOP_K: intIn(1, 50, 8),
  /** Answers whose confidence falls below this are refused. */
  KIEMCHUNG_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.45),
  KIEMCHUNG_MAX_QUESTION_CHARS: intIn(16, 100_000, 2000),
  KIEMCHUNG_PROMPTS_DIR: z.string().trim().min(1).default('prompts'),
  KIEMCHUNG_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
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
  openaiBaseUrl?: string;
  openaiApiKey?: string;
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
    ...(r.OPENAI_BASE_URL ? { openaiBaseUrl: r.OPENAI_BASE_URL } : {}),
    ...(r.OPENAI_API_KEY ? { openaiApiKey: r.OPENAI_API_KEY } : {}),
  };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (config as unknown as Record<string, unknown>)[k] = v;
  return config;
}
