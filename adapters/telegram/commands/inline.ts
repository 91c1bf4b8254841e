import { createHash } from 'node:crypto';
import type { Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import { type Services, textsFor } from '../context.js';
import { readQuestion, truncateText } from '../../shared/text.js';
import { formatInlineAnswer } from '../format.js';

/**
 * `@bot <question>` in any chat: one result, the cited answer ready to send (journalists share
 * quotes into group chats). Telegram sends a query per pause in typing, so very short queries
 * get nothing and results are cached for everyone asking the same thing.
 */
export async function inlineQuery(s: Services, ctx: Context): Promise<void> {
  const q = readQuestion(ctx.inlineQuery?.query ?? '', s.engine.limits.maxQuestionChars);
  if (q.kind !== 'ok' || Array.from(q.text).length < 3) {
    await ctx.answerInlineQuery([], { cache_time: 300 });
    return;
  }
  const question = q.text;
  const t = textsFor(ctx, question);
  if (!s.inlineLimiter.take(ctx.from?.id ?? 0).ok) {
    await ctx.answerInlineQuery([], { cache_time: 0, is_personal: true, button: { text: t.inlineTooMany, start_parameter: 'help' } });
    return;
  }
  const answer = await s.gate.run(() => s.engine.ask(question));
  const result: InlineQueryResultArticle = {
    type: 'article',
    id: createHash('sha256').update(question).digest('hex').slice(0, 32),
    title: answer.refused ? t.inlineRefusedTitle : t.inlineTitle,
    description: truncateText(answer.text.replace(/\s+/g, ' '), 120),
    input_message_content: { message_text: formatInlineAnswer(answer), parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
  };
  await ctx.answerInlineQuery([result], { cache_time: 300 });
}
