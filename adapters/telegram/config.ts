import { z } from 'zod';
import { ConfigError, formatIssues, withoutBlanks } from '../../src/index.js';
import { type ConversationSettings, conversationEnvSchema, conversationSettings } from '../shared/conversations.js';

const idList = (what: string) =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      const ids: number[] = [];
      for (const part of s.split(/[\s,]+/).filter(Boolean)) {
        if (!/^-?\d{1,20}$/.test(part)) {
          ctx.addIssue({ code: 'custom', message: `expected comma-separated numeric ${what}, got "${part.slice(0, 24)}"` });
          return z.NEVER;
        }
        // ADMIN_IDS is shared with Discord, whose 17-20 digit ids are not Telegram ids: skip them.
        const n = Number(part);
        if (Number.isSafeInteger(n)) ids.push(n);
      }
      return ids;
    });

/** Every environment variable the Telegram adapter reads (besides the engine's own). */
export const telegramEnvSchema = z
  .object({
    // The value never appears in an issue: zod's messages here do not echo input.
    TELEGRAM_BOT_TOKEN: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required (the token from @BotFather)' : 'must be text') })
      .trim()
      .regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, 'expected the token from @BotFather (digits, a colon, then letters, digits, _ or -)'),
    TELEGRAM_API_ROOT: z
      .string()
      .trim()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL')
      .transform((u) => u.replace(/\/+$/, ''))
      .default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: z
      .string()
      .trim()
      .url()
      .refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL (Telegram itself requires https)')
      .optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'expected 16 to 256 characters: letters, digits, _ or -')
      .optional(),
    TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    TELEGRAM_WEBHOOK_HOST: z.string().trim().min(1).default('0.0.0.0'),
    TELEGRAM_ALLOWED_CHATS: idList('chat ids').optional(),
    ADMIN_IDS: idList('user ids').default([]),
    TELEGRAM_ANNOUNCE_CHATS: idList('chat ids').optional(),
    TELEGRAM_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
    TELEGRAM_MAX_CONCURRENT_ANSWERS: z.coerce.number().int().min(1).max(256).default(8),
  })
  .merge(conversationEnvSchema);

export interface TelegramConfig {
  token: string;
  apiRoot: string;
  webhook: { url: string; secret: string; port: number; host: string; path: string } | null;
  /** Chats the bot serves; null serves every chat. Private chats have the user's id. */
  allowedChats: ReadonlySet<number> | null;
  adminIds: ReadonlySet<number>;
  /** Chats told about articles the followed feeds bring (TELEGRAM_ANNOUNCE_CHATS). */
  announceChats: readonly number[];
  /** Questions (and searches, and source look-ups) per user per minute. */
  ratePerMinute: number;
  /** Questions the engine works on at once; more wait their turn. */
  maxConcurrentAnswers: number;
  /** How long and how much of each conversation is kept for follow-ups. */
  conversations: ConversationSettings;
}

/** Reads and checks the adapter's settings, listing every bad key at once (`ConfigError`). */
export function loadTelegramConfig(env: NodeJS.ProcessEnv): TelegramConfig {
  const given = withoutBlanks(env);
  const parsed = telegramEnvSchema.safeParse(given);
  const issues: string[] = parsed.success ? [] : formatIssues(parsed.error);
  // Checked apart from the schema so that it is reported together with any other bad key.
  if (given.TELEGRAM_WEBHOOK_URL && !given.TELEGRAM_WEBHOOK_SECRET) {
    issues.push('TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set (Telegram sends it back so forged updates can be refused)');
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const e = parsed.data;
  return {
    token: e.TELEGRAM_BOT_TOKEN,
    apiRoot: e.TELEGRAM_API_ROOT,
    webhook: e.TELEGRAM_WEBHOOK_URL
      ? {
          url: e.TELEGRAM_WEBHOOK_URL,
          secret: e.TELEGRAM_WEBHOOK_SECRET as string,
          port: e.TELEGRAM_WEBHOOK_PORT,
          host: e.TELEGRAM_WEBHOOK_HOST,
          path: new URL(e.TELEGRAM_WEBHOOK_URL).pathname,
        }
      : null,
    allowedChats: e.TELEGRAM_ALLOWED_CHATS && e.TELEGRAM_ALLOWED_CHATS.length > 0 ? new Set(e.TELEGRAM_ALLOWED_CHATS) : null,
    adminIds: new Set(e.ADMIN_IDS),
    announceChats: e.TELEGRAM_ANNOUNCE_CHATS ?? [],
    ratePerMinute: e.TELEGRAM_RATE_LIMIT,
    maxConcurrentAnswers: e.TELEGRAM_MAX_CONCURRENT_ANSWERS,
    conversations: conversationSettings(e),
  };
}
