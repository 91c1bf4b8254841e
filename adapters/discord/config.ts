import { z } from 'zod';
import { ConfigError, formatIssues, withoutBlanks } from '../../src/index.js';
import { type ConversationSettings, conversationEnvSchema, conversationSettings } from '../shared/conversations.js';

/** Discord's REST base without the version segment; `REST` appends `/v10` itself. */
export const DEFAULT_REST_URL = 'https://discord.com/api';
export const DEFAULT_RATE_LIMIT = 6;
/**
 * Discord allows about five edits of a message per five seconds. One draft edit per 1.2 s stays
 * under that with room for the final answer, whatever the stream does.
 */
export const DEFAULT_DRAFT_INTERVAL_MS = 1200;

const SNOWFLAKE = /^\d{17,20}$/;
const snowflake = z.string().trim().regex(SNOWFLAKE, 'must be a Discord id (17 to 20 digits)');

/**
 * Comma- or space-separated ids; every entry is checked so that a typo is reported, not ignored.
 * ADMIN_IDS is shared with the Telegram adapter, so its numeric ids (which may be negative for
 * chats) are accepted too; they simply never match a Discord user.
 */
const idList = (what: string) =>
  z
    .string()
    .default('')
    .transform((s) => s.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^-?\d{1,20}$/, `each ${what} must be a numeric id`)));

const schema = z
  .object({
    DISCORD_TOKEN: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
      .trim()
      .min(1, 'is required')
      .regex(/^\S+$/, 'must be the bare bot token (no spaces, no "Bot " prefix)'),
    DISCORD_APPLICATION_ID: snowflake.optional(),
    DISCORD_GUILD_ID: snowflake.optional(),
    DISCORD_REST_URL: z
      .string()
      .trim()
      .default(DEFAULT_REST_URL)
      .refine((s) => {
        try {
          return ['http:', 'https:'].includes(new URL(s).protocol);
        } catch {
          return false;
        }
      }, 'must be an http(s) URL such as https://discord.com/api')
      .transform((s) => s.replace(/\/+$/, '')),
    DISCORD_ALLOWED_GUILDS: idList('guild id'),
    DISCORD_RATE_LIMIT: z.coerce.number().int().min(0).max(1000).default(DEFAULT_RATE_LIMIT),
    ADMIN_IDS: idList('admin id'),
    DISCORD_ANNOUNCE_CHANNELS: z
      .string()
      .default('')
      .transform((s) => s.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.string().regex(SNOWFLAKE, 'each channel id must be a Discord id (17 to 20 digits)'))),
    DISCORD_DRAFT_INTERVAL_MS: z.coerce
      .number()
      .int()
      .default(DEFAULT_DRAFT_INTERVAL_MS)
      .refine((n) => n === 0 || (n >= 1000 && n <= 60_000), 'must be 0 (no drafts) or from 1000 to 60000 milliseconds'),
  })
  .merge(conversationEnvSchema);

export interface DiscordConfig {
  token: string;
  applicationId?: string;
  guildId?: string;
  restUrl: string;
  /** Empty means every guild (and direct messages) may use the bot. */
  allowedGuilds: ReadonlySet<string>;
  /** Questions per minute per user; 0 turns the limit off. */
  rateLimit: number;
  adminIds: ReadonlySet<string>;
  /** Channels told about articles the followed feeds bring (DISCORD_ANNOUNCE_CHANNELS). */
  announceChannels: readonly string[];
  /** Minimum time between edits of a streamed answer's draft; 0 sends only the checked answer. */
  draftIntervalMs: number;
  /** How long and how much of each conversation (per channel and user) is kept for follow-ups. */
  conversations: ConversationSettings;
}

/**
 * Reads the Discord settings; throws `ConfigError` listing every bad key at once.
 * `requireApplicationId` is set by the deploy script, which cannot work without it.
 */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env, options: { requireApplicationId?: boolean } = {}): DiscordConfig {
  const parsed = schema.safeParse(withoutBlanks(env));
  const issues = parsed.success ? [] : formatIssues(parsed.error);
  const appIdMissing = options.requireApplicationId && !withoutBlanks(env)['DISCORD_APPLICATION_ID'];
  if (appIdMissing) issues.push('DISCORD_APPLICATION_ID: is required to register commands');
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues);
  const r = parsed.data;
  return {
    token: r.DISCORD_TOKEN,
    ...(r.DISCORD_APPLICATION_ID ? { applicationId: r.DISCORD_APPLICATION_ID } : {}),
    ...(r.DISCORD_GUILD_ID ? { guildId: r.DISCORD_GUILD_ID } : {}),
    restUrl: r.DISCORD_REST_URL,
    allowedGuilds: new Set(r.DISCORD_ALLOWED_GUILDS),
    rateLimit: r.DISCORD_RATE_LIMIT,
    adminIds: new Set(r.ADMIN_IDS),
    announceChannels: r.DISCORD_ANNOUNCE_CHANNELS,
    draftIntervalMs: r.DISCORD_DRAFT_INTERVAL_MS,
    conversations: conversationSettings(r),
  };
}
