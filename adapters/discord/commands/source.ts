import { SlashCommandBuilder } from 'discord.js';
import { isParagraphId } from '../../../src/index.js';
import { LIMITS, clip, parseSourceButtonId, plainMessage, sourceMessages } from '../format.js';
import type { ButtonPress, ChatCommand, HandlerContext, Responder } from '../interaction.js';
import { langOf, messagesFor } from '../messages.js';
import { defer, replyShort, sendDeferred } from '../respond.js';
import { localized } from './localize.js';

/** Paragraph ids are at most 128 + 8 characters; anything longer is not one. */
export const MAX_ID_CHARS = 140;

export const data = new SlashCommandBuilder()
  .setName('source')
  .setNameLocalizations(localized('nguồn', 'source'))
  .setDescription('Show a source paragraph in full, by its id')
  .setDescriptionLocalizations(localized('Xem toàn văn một đoạn nguồn theo mã đoạn', 'Show a source paragraph in full, by its id'))
  .addStringOption((o) =>
    o
      .setName('id')
      .setNameLocalizations(localized('mã-đoạn', 'id'))
      .setDescription('Paragraph id such as article-id#p3, or part of an article title')
      .setDescriptionLocalizations(
        localized('Mã đoạn như ma-bai#p3, hoặc một phần tên bài', 'Paragraph id such as article-id#p3, or part of an article title'),
      )
      .setRequired(true)
      .setMaxLength(MAX_ID_CHARS)
      .setAutocomplete(true),
  );

/**
 * Shows one paragraph privately. The id is checked against the paragraph id grammar before the
 * engine sees it, so path-like or oversized input never reaches a lookup.
 */
export async function showParagraph(i: Responder, ctx: HandlerContext, rawId: string, badText: string): Promise<void> {
  const lang = langOf(i.locale);
  const t = messagesFor(lang);
  const id = rawId.trim();
  if (id.length > MAX_ID_CHARS || !isParagraphId(id)) {
    await replyShort(i, badText);
    return;
  }
  await defer(i, true);
  const paragraph = await ctx.engine.source(id);
  await sendDeferred(i, paragraph ? sourceMessages(paragraph, lang) : [plainMessage(t.unknownId)], true);
}

export const source: ChatCommand = {
  kind: 'chat',
  data,
  limited: false,
  async execute(i, ctx) {
    await showParagraph(i, ctx, i.options.getString('id') ?? '', messagesFor(langOf(i.locale)).badId);
  },
  async autocomplete(i, ctx) {
    const typed = i.options.getFocused().slice(0, MAX_ID_CHARS).trim();
    const choices = ctx.engine
      .suggest(typed, LIMITS.choices)
      .filter((s) => s.paragraphId.length <= LIMITS.choiceValue)
      .slice(0, LIMITS.choices)
      .map((s) => ({ name: clip(s.label, LIMITS.choiceName) || s.paragraphId, value: s.paragraphId }));
    await i.respond(choices);
  },
};

/** The "show paragraph" buttons under answers and search results. */
export async function pressSourceButton(i: ButtonPress, ctx: HandlerContext): Promise<void> {
  const t = messagesFor(langOf(i.locale));
  await showParagraph(i, ctx, parseSourceButtonId(i.customId) ?? '', t.badButton);
}
