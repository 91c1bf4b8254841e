import type { Context, InlineKeyboard } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { type Engine, type Feedback, type Lang, type Logger, detectLang } from '../../src/index.js';
import type { Conversations } from '../shared/conversations.js';
import type { TelegramConfig } from './config.js';
import type { Clock } from '../shared/clock.js';
import type { Gate } from './gate.js';
import { escapeHtml } from './html.js';
import { hasWords, readQuestion } from '../shared/text.js';
import { type Messages, messages } from './messages.js';
import type { RateLimiter } from '../shared/rate-limit.js';
import type { PendingLinks } from '../shared/add.js';

/** What every handler needs; one per bot. */
export interface Services {
  engine: Engine;
  config: TelegramConfig;
  logger: Logger;
  /** Questions, searches and source look-ups per user. */
  limiter: RateLimiter;
  /** Inline queries arrive as the user types, so they get a wider allowance of their own. */
  inlineLimiter: RateLimiter;
  me: UserFromGetMe;
  /** Engine work (answers, searches) in turn, so a burst is served in order, not all at once. */
  gate: Gate;
  state: { reindexing: boolean };
  /** Links sent by administrators in private chats, waiting for their "add" button. */
  pendingLinks: PendingLinks;
  /** How answers are drafted while a language model writes them. */
  drafts: DraftSettings;
  /** Earlier turns per private chat and per reply thread in a group. */
  conversations: Conversations;
  /** 👍/👎 under answers; null when feedback is off. */
  feedback: Feedback | null;
}

export interface DraftSettings {
  clock: Clock;
  /** Least time between two calls on one draft, by chat type. */
  intervalMs(chatType: string | undefined): number;
}

/** The question's language when it has words, else the user's Telegram language (Vietnamese by default). */
export function langOf(ctx: Context, text?: string): Lang {
  if (text !== undefined && hasWords(text)) return detectLang(text);
  const code = ctx.from?.language_code;
  return code && !code.toLowerCase().startsWith('vi') ? 'en' : 'vi';
}

export function textsFor(ctx: Context, text?: string): Messages {
  return messages(langOf(ctx, text));
}

/**
 * Sends HTML messages in order: the first replies to the message that asked (when there is
 * one), the last carries the buttons. Links never unfurl: a preview of a ministry page would
 * push the quotes off screen. Returns the ids of the messages sent.
 */
export async function replyHtml(ctx: Context, parts: string[], keyboard?: InlineKeyboard): Promise<number[]> {
  const replyTo = ctx.msg?.message_id;
  const sent: number[] = [];
  for (let k = 0; k < parts.length; k++) {
    const m = await ctx.reply(parts[k] as string, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(k === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      ...(k === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {}),
    });
    sent.push(m.message_id);
  }
  return sent;
}

/** A short plain sentence as a reply, escaped. */
export async function replyText(ctx: Context, text: string): Promise<void> {
  await replyHtml(ctx, [escapeHtml(text)]);
}

/**
 * Runs engine work in turn through the gate, showing "typing…" at once and, while the engine
 * works on it, again every 4.5 s (Telegram clears the action after five seconds). Questions
 * still waiting their turn do not repeat it: in a burst that would be thousands of calls.
 * A failed chat action never fails the answer.
 */
export async function withTyping<T>(s: Services, ctx: Context, work: () => Promise<T>): Promise<T> {
  const send = () =>
    ctx.replyWithChatAction('typing').then(
      () => undefined,
      (err: unknown) => s.logger.debug(`telegram: chat action failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  await send();
  return s.gate.run(async () => {
    const timer = setInterval(() => void send(), 4500);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  });
}

/**
 * Applies the per-user limit. Returns true when the request may go on; otherwise the user has
 * been told (once per flood) and the caller stops.
 */
export async function withinLimit(s: Services, ctx: Context, text?: string): Promise<boolean> {
  const key = ctx.from?.id ?? ctx.chat?.id ?? 0;
  const decision = await s.limiter.take(key);
  if (decision.ok) return true;
  if (decision.first) {
    s.logger.info(`telegram: rate limit reached by user ${key}`);
    const note = textsFor(ctx, text).rateLimited(s.config.ratePerMinute);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: note, show_alert: true });
    else await replyText(ctx, note);
  } else if (ctx.callbackQuery) {
    // The button's spinner must still stop.
    await ctx.answerCallbackQuery();
  }
  return false;
}

/**
 * The question or query a command was given: within the user's rate limit, cleaned, with words,
 * and no longer than the engine takes. Null when it is not, and the user has been told why
 * (`usage` when nothing was typed).
 */
export async function typedQuestion(
  s: Services,
  ctx: Context,
  raw: string,
  usage: 'askUsage' | 'searchUsage' | 'noQuestion',
): Promise<{ text: string; t: Messages } | null> {
  if (!(await withinLimit(s, ctx, raw))) return null;
  const max = s.engine.limits.maxQuestionChars;
  const q = readQuestion(raw, max);
  const t = textsFor(ctx, q.kind === 'empty' ? undefined : q.text);
  if (q.kind === 'ok') return { text: q.text, t };
  await replyText(ctx, q.kind === 'empty' ? t[usage] : t.tooLong(max, q.length));
  return null;
}
