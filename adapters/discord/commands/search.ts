import { LIMITS, plainMessage } from '../embeds.js';
import { searchMessages } from '../format.js';
import { langOf, messagesFor } from '../messages.js';
import { readQuestion } from '../../shared/text.js';
import { statsOrNull } from '../question.js';
import { defer, sendDeferred } from '../respond.js';
import { chatCommand, described } from './define.js';

export const SEARCH_HITS = 5;

/** The paragraphs that best match some words, privately, each with a button to read it. */
export const search = chatCommand({
  name: { vi: 'tìm', en: 'search' },
  description: { vi: 'Tìm những đoạn trong kho khớp nhất với từ khóa', en: 'Find the paragraphs of the archive that best match some words' },
  options: (b) =>
    b.addStringOption((o) =>
      described(o, { vi: 'từ-khóa', en: 'query' }, { vi: 'Từ khóa cần tìm', en: 'Words to look for' })
        .setRequired(true)
        // Discord's own cap on an option; the engine's limit is applied when the query arrives.
        .setMaxLength(LIMITS.optionValue),
    ),
  limited: true,
  async execute(i, ctx) {
    await defer(i, true);
    const lang = langOf(i.locale);
    const typed = readQuestion(i.options.getString('query') ?? '', ctx.engine.limits.maxQuestionChars, 'cut');
    if (typed.kind !== 'ok') {
      await sendDeferred(i, [plainMessage(messagesFor(lang).emptyQuery)], true);
      return;
    }
    const query = typed.text;
    const hits = await ctx.engine.search(query, { topK: SEARCH_HITS });
    await sendDeferred(i, searchMessages(query, hits, statsOrNull(ctx), lang), true);
  },
});
