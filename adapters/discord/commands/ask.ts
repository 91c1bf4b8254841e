import { LIMITS } from '../embeds.js';
import { answerQuestion } from '../question.js';
import { chatCommand, described } from './define.js';

/** A question, answered privately unless `public` is set. */
export const ask = chatCommand({
  name: { vi: 'hỏi', en: 'ask' },
  description: {
    vi: 'Hỏi về tin tức của Bộ Khoa học và Công nghệ; câu trả lời trích dẫn nguồn',
    en: 'Ask about Ministry of Science and Technology news; the answer cites its sources',
  },
  options: (b) =>
    b
      .addStringOption((o) =>
        described(
          o,
          { vi: 'câu-hỏi', en: 'question' },
          { vi: 'Câu hỏi của bạn, bằng tiếng Việt hoặc tiếng Anh', en: 'Your question, in Vietnamese or English' },
        )
          .setRequired(true)
          // Discord's own cap on an option. The engine's limit (Engine.limits.maxQuestionChars) is
          // applied when the question arrives: registered commands cannot follow its setting.
          .setMaxLength(LIMITS.optionValue),
      )
      .addBooleanOption((o) =>
        described(
          o,
          { vi: 'công-khai', en: 'public' },
          { vi: 'Hiện câu trả lời cho cả kênh (mặc định: chỉ mình bạn)', en: 'Show the answer to the whole channel (default: only you)' },
        ),
      ),
  limited: true,
  execute: (i, ctx) => answerQuestion(i, ctx, i.options.getString('question') ?? '', { ephemeral: i.options.getBoolean('public') !== true }),
});
