import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, type BotError, type Context, GrammyError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { type Engine, type FeedPollReport, type Feedback, type Logger, splitClaims } from '../../src/index.js';
import { createConversations } from '../shared/conversations.js';
import { type Clock, realClock } from '../shared/clock.js';
import { type InFlight, createInFlight, drain } from '../shared/lifecycle.js';
import { errorText } from '../shared/messages.js';
import { createRateLimiter } from '../shared/rate-limit.js';
import { createPendingLinks, isOnlyALink, urlsIn } from '../shared/add.js';
import { ADD_BUTTON_PREFIX, addButton, addCommand, offerLink } from './commands/add.js';
import { answerQuestion } from './commands/ask.js';
import { ASK_INSTEAD, askInsteadButton, checkCommand, checkStatement } from './commands/check.js';
import { feedbackButton, feedbackReply } from './commands/feedback.js';
import { helpCommand } from './commands/help.js';
import { inlineQuery } from './commands/inline.js';
import { reindexCommand } from './commands/reindex.js';
import { searchCommand } from './commands/search.js';
import { sourceButton, sourceCommand } from './commands/source.js';
import type { TelegramConfig } from './config.js';
import { type Services, langOf, replyText, textsFor } from './context.js';
import { DRAFT_INTERVAL_MS } from './draft.js';
import { createGate } from './gate.js';
import { formatAnnouncement } from './format.js';

/** The update kinds the bot asks Telegram for. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/**
 * How long a replica's claim on an update holds before another may take it over (should the
 * first die while answering). Longer than any answer takes, queue included.
 */
const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Another replica is answering this update right now (Telegram, or a load balancer, delivered
 * it twice). The webhook server answers 503 so that Telegram delivers it again later, when it
 * is done (and acknowledged) or its claim has lapsed (and this replica takes it over).
 */
export class UpdateInProgress extends Error {
  constructor(readonly updateId: number) {
    super(`update ${updateId} is being answered by another replica`);
    this.name = 'UpdateInProgress';
  }
}

export interface TelegramBotOptions {
  engine: Engine;
  config: TelegramConfig;
  /** Already masking the token (see `telegramLogger`). */
  logger: Logger;
  /** Who the bot is (from `getMe`); the bot makes no call before its first update. */
  botInfo: UserFromGetMe;
  now?: () => number;
  /** Drafts of LLM answers: the clock and a fixed interval between edits (tests; default per chat type). */
  drafts?: { clock?: Clock; intervalMs?: number };
  /** 👍/👎 under answers; none when absent or null. */
  feedback?: Feedback | null;
}

export interface TelegramBot {
  bot: Bot;
  /** The updates being handled, so that stopping waits for their answers. */
  inFlight: InFlight;
  /** Highest update id handled so far. */
  lastUpdateId(): number | undefined;
}

/**
 * The text a group message addresses to the bot (mention removed), or null when it is not
 * addressed. A photo's or document's caption is read as a text is.
 */
function addressedText(ctx: Context, me: UserFromGetMe): string | null {
  const msg = ctx.message;
  const text = msg?.text ?? msg?.caption;
  if (!msg || text === undefined) return null;
  if (ctx.chat?.type === 'private') return text;
  if (msg.reply_to_message?.from?.id === me.id) return text;
  const handle = `@${me.username}`.toLowerCase();
  let addressed = false;
  let rest = text;
  // Remove mentions from the end backwards so that earlier offsets stay valid.
  for (const e of [...((msg.text !== undefined ? msg.entities : msg.caption_entities) ?? [])].sort((a, b) => b.offset - a.offset)) {
    const piece = text.slice(e.offset, e.offset + e.length);
    if ((e.type === 'mention' && piece.toLowerCase() === handle) || (e.type === 'text_mention' && e.user.id === me.id)) {
      addressed = true;
      rest = rest.slice(0, e.offset) + (e.type === 'text_mention' ? '' : ' ') + rest.slice(e.offset + e.length);
    }
  }
  return addressed ? rest : null;
}

/**
 * Builds the bot: allow-list, commands, questions, checks of statements, buttons and inline
 * mode behind one error boundary. Transport (long polling or webhook) is the caller's business.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { engine, config, logger, botInfo } = options;
  const bot = new Bot(config.token, { botInfo, client: { apiRoot: config.apiRoot } });

  // Log failed Bot API calls (masked), including each attempt auto-retry repeats.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok) logger.warn(`telegram: ${method} failed: ${res.error_code} ${res.description}`);
      return res;
    } catch (err) {
      if (!signal?.aborted) logger.warn(`telegram: ${method} failed`, err);
      throw err;
    }
  });
  // 429 (with retry_after) and 5xx are retried a few times. Network errors are not: an answer
  // that cannot be delivered is logged, and long polling has its own retry with back-off.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 120, rethrowHttpErrors: true }));

  // Limits count across replicas when the engine's coordination is the database (otherwise each limiter counts in its own memory); a test's clock keeps them in memory.
  const shared = (name: string) => (options.now ? { now: options.now } : { coordination: engine.coordination, name });
  const s: Services = {
    engine,
    config,
    logger,
    me: botInfo,
    limiter: createRateLimiter({ limit: config.ratePerMinute, ...shared('telegram:ask') }),
    inlineLimiter: createRateLimiter({ limit: config.ratePerMinute * 6, ...shared('telegram:inline') }),
    gate: createGate(config.maxConcurrentAnswers),
    state: { reindexing: false },
    pendingLinks: createPendingLinks(options.now ? { now: options.now } : {}),
    drafts: {
      clock: options.drafts?.clock ?? realClock,
      intervalMs: (chatType) => options.drafts?.intervalMs ?? (chatType === 'private' ? DRAFT_INTERVAL_MS.private : DRAFT_INTERVAL_MS.group),
    },
    conversations: createConversations(config.conversations, options.now ? { now: options.now } : { coordination: engine.coordination }),
    feedback: options.feedback ?? null,
  };

  // A chat outside the allow-list is told so once an hour at most.
  const refusals = createRateLimiter({ limit: 1, windowMs: 3_600_000, ...shared('telegram:not-allowed') });

  const inFlight = createInFlight();
  let lastUpdateId: number | undefined;
  // The outermost middleware: claims the update (one answer per update across replicas, and
  // across Telegram's own second deliveries), counts it as in flight, and keeps anything that
  // escapes the error boundary below from failing `handleUpdate` (a webhook call acknowledged
  // early would leave that rejection unhandled). Only `UpdateInProgress`, or a failure to
  // claim (the database is down), fails the webhook call, so that Telegram delivers it again.
  bot.use(async (ctx, next) => {
    const id = (ctx.update as Partial<Update> | undefined)?.update_id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      logger.warn('telegram: ignored an update without an update_id');
      return;
    }
    lastUpdateId = Math.max(lastUpdateId ?? -1, id);
    const key = `telegram:${botInfo.id}:${id}`;
    await inFlight.track(
      (async () => {
        const claim = await engine.coordination.claim(key, CLAIM_LEASE_MS);
        if (claim === 'done') {
          logger.info(`telegram: update ${id} was already answered; acknowledged again`);
          return;
        }
        if (claim === 'busy') throw new UpdateInProgress(id);
        try {
          await next();
        } catch (err) {
          logger.error(`telegram: unhandled failure in update ${id}`, err);
        } finally {
          await engine.coordination.finish(key).catch((err: unknown) => logger.warn(`telegram: could not record update ${id} as answered`, err));
        }
      })(),
    );
  });
  // Never reached while the middleware above catches; long polling's runner needs a handler all the same.
  bot.catch((err) => logger.error(`telegram: unhandled failure in update ${err.ctx.update?.update_id}`, err.error));

  // The error boundary: every failure below is logged in full and the user gets one short
  // sentence chosen by the error's code, never a stack trace. (`bot.catch` alone would only
  // cover long polling; a boundary also covers webhook updates and `handleUpdate`.)
  const safe = bot.errorBoundary(async (err: BotError) => {
    const ctx = err.ctx;
    const cause = err.error;
    if (cause instanceof GrammyError && cause.error_code === 403) {
      logger.warn(`telegram: chat ${ctx.chat?.id} blocked the bot or removed it: ${cause.description}`);
      return;
    }
    logger.error(`telegram: update ${ctx.update.update_id} failed`, cause);
    const text = errorText(langOf(ctx), cause);
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
      else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
      else if (ctx.chat) await replyText(ctx, text);
    } catch (again) {
      logger.warn('telegram: could not tell the user about the failure', again);
    }
  });

  // Allow-list: other chats are ignored (a private chat is told once an hour, a group nothing).
  safe.use(async (ctx, next) => {
    const allowed = config.allowedChats;
    if (!allowed) return next();
    const from = ctx.from?.id;
    const chat = ctx.chat;
    const ok = chat
      ? allowed.has(chat.id) || (chat.type === 'private' && from !== undefined && config.adminIds.has(from))
      : from !== undefined && (allowed.has(from) || config.adminIds.has(from));
    if (ok) return next();
    logger.info(`telegram: ignored an update from chat ${chat?.id ?? '-'} (not in TELEGRAM_ALLOWED_CHATS)`);
    if (ctx.inlineQuery) return void (await ctx.answerInlineQuery([], { cache_time: 60, is_personal: true }));
    if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery());
    if (chat?.type === 'private' && ctx.message && (await refusals.take(chat.id)).ok) await replyText(ctx, textsFor(ctx).notAllowedChat);
  });

  safe.command(['start', 'help'], (ctx) => helpCommand(s, ctx));
  safe.command('ask', (ctx) => answerQuestion(s, ctx, ctx.match));
  safe.command('check', (ctx) => checkCommand(s, ctx, ctx.match));
  safe.command('search', (ctx) => searchCommand(s, ctx, ctx.match));
  safe.command('source', (ctx) => sourceCommand(s, ctx, ctx.match));
  safe.command('reindex', (ctx) => reindexCommand(s, ctx));
  safe.command('add', (ctx) => addCommand(s, ctx, ctx.match));
  safe.command('new', async (ctx) => {
    // A private chat is one conversation; in a group every new question starts its own thread.
    if (ctx.chat.type !== 'private') return replyText(ctx, textsFor(ctx).groupNewConversation);
    await s.conversations.forget(`c:${ctx.chat.id}`);
    await replyText(ctx, textsFor(ctx).newConversation);
  });
  safe.on('callback_query', async (ctx) => {
    const data = ctx.callbackQuery.data;
    if (data === ASK_INSTEAD) return askInsteadButton(s, ctx);
    if (data !== undefined && s.feedback?.owns(data)) return feedbackButton(s, ctx);
    if (data?.startsWith(ADD_BUTTON_PREFIX)) return addButton(s, ctx);
    if (data !== undefined) return sourceButton(s, ctx);
    await ctx.answerCallbackQuery({ text: textsFor(ctx).buttonStale });
  });
  safe.on('inline_query', (ctx) => inlineQuery(s, ctx));

  // Commands a photo's or document's caption may hold: grammY's `command` reads only texts.
  const captionCommands: Record<string, (ctx: Context, rest: string) => Promise<void>> = {
    start: (ctx) => helpCommand(s, ctx),
    help: (ctx) => helpCommand(s, ctx),
    ask: (ctx, rest) => answerQuestion(s, ctx, rest),
    check: (ctx, rest) => checkCommand(s, ctx, rest),
    search: (ctx, rest) => searchCommand(s, ctx, rest),
    source: (ctx, rest) => sourceCommand(s, ctx, rest),
  };
  // What a message says in words, its text or a caption: a command, a reason after 👎, a link to
  // add, a statement to check or a question, read the same way for both.
  const words = async (ctx: Context & { chat: NonNullable<Context['chat']> }, text: string, caption: boolean): Promise<void> => {
    const command = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s|$)/.exec(text);
    if (command) {
      // Commands for another bot in the group, or unknown ones nobody addressed to us: silence.
      const target = command[2]?.toLowerCase();
      const ours = target === botInfo.username.toLowerCase();
      // As `bot.command` does for a text: a known command without @ is ours in any chat.
      const run = caption ? captionCommands[(command[1] as string).toLowerCase()] : undefined;
      if (run && (target === undefined || ours)) return run(ctx, text.slice(command[0].length).trim());
      if (target === undefined ? ctx.chat.type === 'private' : ours) await replyText(ctx, textsFor(ctx).unknownCommand);
      return;
    }
    // A reply to the bot's "why?" after a 👎 is that reason, not a question.
    if (await feedbackReply(s, ctx)) return;
    // A link alone in a private chat is an article to add, not a question.
    if (ctx.chat.type === 'private' && !caption && isOnlyALink(text)) return offerLink(s, ctx, urlsIn(text)[0] as string);
    if (ctx.chat.type === 'private') {
      // A forwarded post is checked. A statement typed in a private chat is checked rather than
      // answered (with a button to ask it instead); anything without a claim is a question.
      if (ctx.message?.forward_origin) return checkStatement(s, ctx, text, { offerQuestion: false });
      if (splitClaims(text).claims.length > 0) return checkStatement(s, ctx, text, { offerQuestion: true });
    }
    // A message without words (emoji, "@bot" alone) used no command: it is told what the bot does.
    const question = addressedText(ctx, botInfo);
    if (question !== null) await answerQuestion(s, ctx, question, 'noQuestion');
  };
  safe.on('message:text', (ctx) => words(ctx, ctx.message.text, false));
  safe.on('message:caption', (ctx) => words(ctx, ctx.message.caption, true));
  safe.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    await replyText(ctx, textsFor(ctx).textOnly);
  });

  return {
    bot,
    inFlight,
    lastUpdateId: () => lastUpdateId,
  };
}

/**
 * Sends what a feed poll added to every chat in TELEGRAM_ANNOUNCE_CHATS (in Vietnamese, links not
 * unfurled). A chat that cannot be reached is logged and the others still get the news.
 */
export async function announce(tb: TelegramBot, config: TelegramConfig, logger: Logger, report: FeedPollReport): Promise<void> {
  if (report.added.length === 0 || config.announceChats.length === 0) return;
  const parts = formatAnnouncement(report.added, 'vi');
  for (const chat of config.announceChats) {
    try {
      for (const text of parts) await tb.bot.api.sendMessage(chat, text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    } catch (err) {
      logger.warn(`telegram: could not announce ${report.added.length} new article(s) in chat ${chat}`, err);
    }
  }
}

/** Waits for the answers in flight, at most `graceMs`, saying so when some are left behind. */
export async function finishAnswers(tb: TelegramBot, logger: Logger, graceMs: number): Promise<void> {
  if ((await drain(tb.inFlight, graceMs)) > 0) logger.warn(`telegram: stopped with answers still in flight after ${graceMs} ms`);
}
