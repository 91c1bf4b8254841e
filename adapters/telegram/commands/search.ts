import type { Context } from 'grammy';
import { type Services, langOf, replyHtml, replyText, textsFor, withTyping, withinLimit } from '../context.js';
import { formatSearch } from '../format.js';
import { cleanText, hasWords } from '../../shared/text.js';

/** `/search <query>`: the top articles with their dates and best-matching paragraph ids. */
export async function searchCommand(s: Services, ctx: Context, raw: string): Promise<void> {
  if (!(await withinLimit(s, ctx, raw))) return;
  const query = cleanText(raw);
  const t = textsFor(ctx, query);
  if (!hasWords(query)) return replyText(ctx, t.searchUsage);
  if (query.length > s.engine.limits.maxQuestionChars) return replyText(ctx, t.tooLong(s.engine.limits.maxQuestionChars, query.length));
  const hits = await withTyping(s, ctx, () => s.engine.search(query, { topK: 20 }));
  await replyHtml(ctx, formatSearch(query, hits, langOf(ctx, query)));
}
