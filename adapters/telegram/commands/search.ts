import type { Context } from 'grammy';
import { type Services, langOf, replyHtml, typedQuestion, withTyping } from '../context.js';
import { formatSearch } from '../format.js';

/** `/search <query>`: the top articles with their dates and best-matching paragraph ids. */
export async function searchCommand(s: Services, ctx: Context, raw: string): Promise<void> {
  const typed = await typedQuestion(s, ctx, raw, 'searchUsage');
  if (!typed) return;
  const query = typed.text;
  const hits = await withTyping(s, ctx, () => s.engine.search(query, { topK: 20 }));
  await replyHtml(ctx, formatSearch(query, hits, langOf(ctx, query)));
}
