import { type Context, InlineKeyboard } from 'grammy';
import { addMessages, urlsIn } from '../../shared/add.js';
import { isAdmin } from '../../shared/admin.js';
import { type Services, langOf, replyHtml, replyText } from '../context.js';
import { formatAddReport } from '../format.js';
import { escapeHtml } from '../html.js';

/** Callback data of the "add" button: a prefix and the token of the waiting link. */
export const ADD_BUTTON_PREFIX = 'a:';

function admin(s: Services, command: string, user: number | undefined): boolean {
  return isAdmin({ adminIds: s.config.adminIds, logger: s.logger, platform: 'telegram' }, command, user);
}

async function addAndReply(s: Services, ctx: Context, urls: string[]): Promise<void> {
  const lang = langOf(ctx);
  s.logger.info(`telegram: adding ${urls.length} URL(s) for admin ${ctx.from?.id}`);
  const report = await s.engine.add(urls);
  await replyHtml(ctx, formatAddReport(report.results, lang));
}

/**
 * `/add <url> [url…]` (ids in ADMIN_IDS only): fetches the pages, stores them as articles and
 * replies with each stored title, date and first paragraph, or why a page was not added.
 */
export async function addCommand(s: Services, ctx: Context, raw: string): Promise<void> {
  const t = addMessages(langOf(ctx));
  if (!admin(s, 'add', ctx.from?.id)) return replyText(ctx, t.notAllowed);
  const urls = urlsIn(raw);
  if (urls.length === 0) return replyText(ctx, t.usage);
  await replyText(ctx, t.working(urls.length));
  await ctx.replyWithChatAction('typing').catch(() => undefined);
  await addAndReply(s, ctx, urls);
}

/**
 * A link alone in a private chat: an administrator is asked "Thêm bài này?" with a button (the
 * link waits, under a short token, for that administrator's press); anyone else is told that
 * only administrators add articles.
 */
export async function offerLink(s: Services, ctx: Context, url: string): Promise<void> {
  const t = addMessages(langOf(ctx));
  const user = ctx.from?.id;
  if (!admin(s, 'add (link)', user)) return replyText(ctx, t.notAllowed);
  const token = s.pendingLinks.put(url, user as number);
  await replyHtml(ctx, [`${escapeHtml(t.confirm)}\n${escapeHtml(url)}`], new InlineKeyboard().text(t.confirmButton, `${ADD_BUTTON_PREFIX}${token}`));
}

/** The press on "Thêm bài": checked again (only the administrator who sent the link), then added. */
export async function addButton(s: Services, ctx: Context): Promise<void> {
  const t = addMessages(langOf(ctx));
  const user = ctx.from?.id;
  const token = (ctx.callbackQuery?.data ?? '').slice(ADD_BUTTON_PREFIX.length);
  if (!admin(s, 'add (button)', user)) {
    await ctx.answerCallbackQuery({ text: t.notAllowed, show_alert: true });
    return;
  }
  const url = s.pendingLinks.take(token, user as number);
  if (!url) {
    await ctx.answerCallbackQuery({ text: t.confirmExpired, show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery({ text: t.working(1) });
  // The question is answered: its button goes, so that it cannot be pressed twice.
  if (ctx.callbackQuery?.message) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
  await addAndReply(s, ctx, [url]);
}
