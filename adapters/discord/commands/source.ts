import { LIMITS, clip, parseSourceButtonId, plainMessage } from '../embeds.js';
import { sourceMessages } from '../format.js';
import type { ButtonPress, HandlerContext, Responder } from '../interaction.js';
import { langOf, messagesFor } from '../messages.js';
import { defer, replyShort, sendDeferred } from '../respond.js';
import { MAX_PARAGRAPH_ID_CHARS, paragraphIdFrom } from '../../shared/text.js';
import { chatCommand, described } from './define.js';

/**
 * Shows one paragraph privately, or says why not. Only a well-formed id (checked by the caller
 * against the paragraph id grammar) reaches the engine, so path-like or oversized input never
 * reaches a lookup.
 */
async function showParagraph(i: Responder, ctx: HandlerContext, id: string | null, badText: string): Promise<void> {
  if (!id) {
    await replyShort(i, badText);
    return;
  }
  const lang = langOf(i.locale);
  await defer(i, true);
  const paragraph = await ctx.engine.source(id);
  await sendDeferred(i, paragraph ? sourceMessages(paragraph, lang) : [plainMessage(messagesFor(lang).unknownId)], true);
}

/** One paragraph in full, privately, by its id; autocomplete offers ids and article titles. */
export const source = chatCommand({
  name: { vi: 'nguồn', en: 'source' },
  description: { vi: 'Xem toàn văn một đoạn nguồn theo mã đoạn', en: 'Show a source paragraph in full, by its id' },
  options: (b) =>
    b.addStringOption((o) =>
      described(
        o,
        { vi: 'mã-đoạn', en: 'id' },
        { vi: 'Mã đoạn như ma-bai#p3, hoặc một phần tên bài', en: 'Paragraph id such as article-id#p3, or part of an article title' },
      )
        .setRequired(true)
        // Not a Discord limit: no paragraph id is longer.
        .setMaxLength(MAX_PARAGRAPH_ID_CHARS)
        .setAutocomplete(true),
    ),
  limited: false,
  async execute(i, ctx) {
    await showParagraph(i, ctx, paragraphIdFrom(i.options.getString('id') ?? ''), messagesFor(langOf(i.locale)).badId);
  },
  async autocomplete(i, ctx) {
    const typed = i.options.getFocused().slice(0, MAX_PARAGRAPH_ID_CHARS).trim();
    const choices = ctx.engine
      .suggest(typed, LIMITS.choices)
      .filter((s) => s.paragraphId.length <= LIMITS.choiceValue)
      .slice(0, LIMITS.choices)
      .map((s) => ({ name: clip(s.label, LIMITS.choiceName) || s.paragraphId, value: s.paragraphId }));
    await i.respond(choices);
  },
});

/** The "show paragraph" buttons under answers and search results. */
export async function pressSourceButton(i: ButtonPress, ctx: HandlerContext): Promise<void> {
  const t = messagesFor(langOf(i.locale));
  await showParagraph(i, ctx, parseSourceButtonId(i.customId), t.badButton);
}
