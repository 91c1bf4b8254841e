import type { Context } from 'grammy';
import { type Services, langOf, replyHtml, replyText, textsFor, withinLimit } from '../context.js';
import { formatSource } from '../format.js';
import { cleanText, paragraphIdFrom, shown } from '../../shared/text.js';
import { parseButtonData } from '../input.js';

/**
 * `/source <paragraph id>`: the whole paragraph with its article's title, date and link. Only
 * well-formed ids reach the engine, which looks them up in the index and never in the file
 * system, so `../../etc/passwd` is answered as "not an id".
 */
export async function sourceCommand(s: Services, ctx: Context, raw: string): Promise<void> {
  if (!(await withinLimit(s, ctx))) return;
  const t = textsFor(ctx);
  if (cleanText(raw) === '') return replyText(ctx, t.sourceUsage);
  const id = paragraphIdFrom(raw);
  if (!id) return replyText(ctx, t.sourceBadId(shown(raw)));
  const paragraph = await s.engine.source(id);
  if (!paragraph) return replyText(ctx, t.sourceUnknown(id));
  await replyHtml(ctx, formatSource(paragraph, langOf(ctx)));
}

/**
 * A press on a citation button: the paragraph in full, as a reply to the answer. Button data
 * is checked like a typed id, since a modified client can send anything.
 */
export async function sourceButton(s: Services, ctx: Context): Promise<void> {
  const t = textsFor(ctx);
  const id = parseButtonData(ctx.callbackQuery?.data);
  if (!id) {
    s.logger.info(`telegram: refused button data from user ${ctx.from?.id}`);
    await ctx.answerCallbackQuery({ text: t.buttonStale, show_alert: true });
    return;
  }
  if (!(await withinLimit(s, ctx))) return;
  const paragraph = await s.engine.source(id);
  if (!paragraph || !ctx.callbackQuery?.message) {
    // No paragraph (the archive changed), or a button on an inline message: no chat to write to.
    await ctx.answerCallbackQuery({ text: paragraph ? shown(paragraph.text, 190) : t.buttonStale, show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery({ text: t.buttonOpened });
  await replyHtml(ctx, formatSource(paragraph, langOf(ctx)));
}
