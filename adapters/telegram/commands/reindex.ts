import type { Context } from 'grammy';
import { type Services, replyHtml, replyText, textsFor } from '../context.js';
import { isAdmin } from '../../shared/admin.js';
import { truncateText } from '../../shared/text.js';
import { escapeHtml, packBlocks } from '../html.js';

/**
 * `/reindex` (ids in ADMIN_IDS only): re-reads the corpus and updates the index. One run at a
 * time per bot; everyone else is told they are not allowed.
 */
export async function reindexCommand(s: Services, ctx: Context): Promise<void> {
  const t = textsFor(ctx);
  const user = ctx.from?.id;
  if (!isAdmin({ adminIds: s.config.adminIds, logger: s.logger, platform: 'telegram' }, 'reindex', user)) return replyText(ctx, t.notAllowedAdmin);
  if (s.state.reindexing) return replyText(ctx, t.reindexBusy);
  s.state.reindexing = true;
  try {
    s.logger.info(`telegram: /reindex by admin ${user}`);
    await replyText(ctx, t.reindexStarted);
    const r = await s.engine.reindex();
    const head = escapeHtml(t.reindexDone({ ...r, issues: r.issues.length, ms: Math.round(r.ms) }));
    const issues = r.issues.slice(0, 10).map((i) => `• <code>${escapeHtml(truncateText(i.path, 120))}</code>: ${escapeHtml(truncateText(i.reason, 200))}`);
    await replyHtml(ctx, packBlocks([head, ...(issues.length > 0 ? [issues.join('\n')] : [])]));
  } finally {
    s.state.reindexing = false;
  }
}
