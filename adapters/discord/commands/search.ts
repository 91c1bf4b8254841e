import { SlashCommandBuilder } from 'discord.js';
import { LIMITS, plainMessage } from '../embeds.js';
import { searchMessages } from '../format.js';
import type { ChatCommand } from '../interaction.js';
import { langOf, messagesFor } from '../messages.js';
import { readQuestion } from '../../shared/text.js';
import { statsOrNull } from '../question.js';
import { defer, sendDeferred } from '../respond.js';
import { described } from './localize.js';

export const SEARCH_HITS = 5;

export const data = described(
  new SlashCommandBuilder(),
  { vi: 'tìm', en: 'search' },
  { vi: 'Tìm những đoạn trong kho khớp nhất với từ khóa', en: 'Find the paragraphs of the archive that best match some words' },
).addStringOption((o) =>
  described(o, { vi: 'từ-khóa', en: 'query' }, { vi: 'Từ khóa cần tìm', en: 'Words to look for' })
    .setRequired(true)
    // Discord's own cap on an option; the engine's limit is applied when the query arrives.
    .setMaxLength(LIMITS.optionValue),
);

export const search: ChatCommand = {
  kind: 'chat',
  data,
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
};
