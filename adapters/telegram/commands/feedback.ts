import type { Context } from 'grammy';
import { sharedMessages } from '../../shared/messages.js';
import { escapeHtml } from '../html.js';
import { type Services, replyText, textsFor } from '../context.js';

const who = (ctx: Context) => ({ platform: 'telegram', scope: String(ctx.chat?.id ?? ''), userId: String(ctx.from?.id ?? '') });

/**
 * A press on 👍 or 👎: checked and counted once per user. After a 👎 the bot asks why, in a
 * message the user can reply to (optional); in a group the question names the user who pressed,
 * so that only their reply box opens.
 */
export async function feedbackButton(s: Services, ctx: Context): Promise<void> {
  const t = textsFor(ctx).feedback;
  const message = ctx.callbackQuery?.message;
  if (!s.feedback || !message || !ctx.from) {
    await ctx.answerCallbackQuery({ text: textsFor(ctx).buttonStale, show_alert: true });
    return;
  }
  const r = await s.feedback.press(ctx.callbackQuery?.data ?? '', who(ctx));
  if (!r.ok) {
    if (r.reason === 'invalid') s.logger.info(`telegram: refused feedback data from user ${ctx.from.id} in chat ${message.chat.id}`);
    await ctx.answerCallbackQuery({ text: t[r.reason], show_alert: r.reason !== 'duplicate' });
    return;
  }
  s.logger.info(`telegram: feedback ${r.rating} (${r.outcome}) in chat ${message.chat.id}`);
  if (r.rating === 'up') {
    await ctx.answerCallbackQuery({ text: t.thanksUp });
    return;
  }
  await ctx.answerCallbackQuery({ text: t.thanksDown });
  const group = message.chat.type !== 'private';
  const name = escapeHtml(ctx.from.first_name || ctx.from.username || '…');
  const prompt = await ctx.api.sendMessage(message.chat.id, `${group ? `<a href="tg://user?id=${ctx.from.id}">${name}</a>, ` : ''}${escapeHtml(t.askWhy)}`, {
    parse_mode: 'HTML',
    reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    reply_markup: { force_reply: true, selective: group, input_field_placeholder: t.whyPlaceholder },
  });
  await s.feedback.awaitReply(r.answerId, who(ctx), `${message.chat.id}:${prompt.message_id}`);
}

/** Whether a message of the bot is a "why?" prompt (in either language, after a name in groups). */
function isWhyPrompt(text: string | undefined): boolean {
  return text !== undefined && (['vi', 'en'] as const).some((lang) => text.includes(sharedMessages(lang).feedback.askWhy));
}

/**
 * A reply to the bot's "why?" prompt: kept as the reason of that user's 👎. A reply to the
 * prompt that is not kept (another user's, or after the prompt closed) is told so and why,
 * rather than read as a question. Returns false when the message replies to something else (it
 * is then a question like any other).
 */
export async function feedbackReply(s: Services, ctx: Context): Promise<boolean> {
  const msg = ctx.message;
  const to = msg?.reply_to_message;
  if (!s.feedback || !msg?.text || !to || to.from?.id !== s.me.id || !ctx.chat) return false;
  const r = await s.feedback.reply(`${ctx.chat.id}:${to.message_id}`, who(ctx), msg.text);
  if (r === 'none' && !isWhyPrompt(to.text)) return false;
  const t = textsFor(ctx, msg.text).feedback;
  await replyText(ctx, r === 'saved' ? t.whySaved : r === 'not-yours' ? t.whyNotYours : t.whyClosed);
  return true;
}
