import { reindexMessages } from '../format.js';
import { langOf, messagesFor } from '../messages.js';
import { defer, replyShort, sendDeferred } from '../respond.js';
import { isAdmin } from '../../shared/admin.js';
import { chatCommand } from './define.js';

/** Changes state, so only user ids listed in ADMIN_IDS may run it; Discord roles are not trusted for this. */
export const reindex = chatCommand({
  name: { vi: 'cập-nhật-kho', en: 'reindex' },
  description: {
    vi: 'Đọc lại thư mục bài viết và cập nhật chỉ mục (chỉ quản trị viên)',
    en: 'Re-read the article folder and update the index (administrators only)',
  },
  limited: false,
  async execute(i, ctx) {
    const lang = langOf(i.locale);
    if (!isAdmin({ adminIds: ctx.config.adminIds, logger: ctx.logger, platform: 'discord' }, 'reindex', i.user.id)) {
      await replyShort(i, messagesFor(lang).notAllowedAdmin);
      return;
    }
    await defer(i, true);
    ctx.logger.info(`discord /reindex by user ${i.user.id}`);
    const report = await ctx.engine.reindex();
    await sendDeferred(i, reindexMessages(report, lang), true);
  },
});
