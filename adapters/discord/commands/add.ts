import { addResultMessages } from '../format.js';
import { langOf } from '../messages.js';
import { defer, replyShort, sendDeferred } from '../respond.js';
import { addMessages, urlsIn } from '../../shared/add.js';
import { isAdmin } from '../../shared/admin.js';
import { chatCommand, described } from './define.js';

/**
 * `/add url:` (user ids in ADMIN_IDS only; Discord roles are not trusted for this): fetches the
 * page, stores the article and answers privately with its title, date and first paragraph, or
 * why it was not added. Everyone else is told plainly that only administrators add articles.
 */
export const add = chatCommand({
  name: { vi: 'thêm-bài', en: 'add' },
  description: { vi: 'Thêm một bài viết từ đường dẫn vào kho (chỉ quản trị viên)', en: 'Add an article to the archive from its URL (administrators only)' },
  options: (b) =>
    b.addStringOption((o) =>
      described(o, { vi: 'đường-dẫn', en: 'url' }, { vi: 'Đường dẫn của bài viết (http hoặc https)', en: 'The article’s address (http or https)' })
        .setRequired(true)
        .setMaxLength(2000),
    ),
  limited: false,
  async execute(i, ctx) {
    const lang = langOf(i.locale);
    const t = addMessages(lang);
    if (!isAdmin({ adminIds: ctx.config.adminIds, logger: ctx.logger, platform: 'discord' }, 'add', i.user.id)) {
      await replyShort(i, t.notAllowed);
      return;
    }
    const urls = urlsIn(i.options.getString('url') ?? '');
    if (urls.length === 0) {
      await replyShort(i, t.noUrl);
      return;
    }
    await defer(i, true);
    ctx.logger.info(`discord /add of ${urls.length} URL(s) by user ${i.user.id}`);
    const report = await ctx.engine.add(urls);
    await sendDeferred(i, addResultMessages(report.results, lang), true);
  },
});
