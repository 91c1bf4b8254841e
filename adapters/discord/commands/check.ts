import { LIMITS } from '../embeds.js';
import { checkStatement } from '../check.js';
import { chatCommand, described } from './define.js';

/** `/check statement:` — a statement, or a whole post, checked against the articles; private unless `public` is set. */
export const check = chatCommand({
  name: { vi: 'kiểm-chứng', en: 'check' },
  description: {
    vi: 'Kiểm chứng một nhận định với các bài viết đã lưu: đúng, sai hay không có trong bài',
    en: 'Check a statement against the stored articles: supported, contradicted or not found',
  },
  options: (b) =>
    b
      .addStringOption((o) =>
        described(
          o,
          { vi: 'nhận-định', en: 'statement' },
          { vi: 'Nhận định cần kiểm chứng (một câu hoặc cả một đoạn tin)', en: 'The statement to check (one sentence or a whole post)' },
        )
          .setRequired(true)
          // Discord's own cap on an option; the engine's limit (Engine.limits.maxCheckChars) applies when it arrives.
          .setMaxLength(LIMITS.optionValue),
      )
      .addBooleanOption((o) =>
        described(
          o,
          { vi: 'công-khai', en: 'public' },
          { vi: 'Hiện kết quả cho cả kênh (mặc định: chỉ mình bạn)', en: 'Show the result to the whole channel (default: only you)' },
        ),
      ),
  limited: true,
  execute: (i, ctx) => checkStatement(i, ctx, i.options.getString('statement') ?? '', { ephemeral: i.options.getBoolean('public') !== true }),
});
