import type { Context } from 'grammy';
import { type Services, langOf, replyHtml } from '../context.js';
import { formatHelp } from '../format.js';

/** `/start` and `/help`: what the archive holds (articles, dates), the commands, examples, how to cite. */
export async function helpCommand(s: Services, ctx: Context): Promise<void> {
  await replyHtml(ctx, formatHelp(s.engine.stats(), langOf(ctx), s.me.username));
}
