import { type Answer, type FeedbackButtons, type Lang, type RatedAnswer, detectLang } from '../../src/index.js';
import { ButtonStyle, ComponentType } from 'discord.js';
import { sharedMessages } from '../shared/messages.js';
import { LIMITS, type OutMessage } from './embeds.js';
import { realClock } from '../shared/clock.js';
import { readQuestion } from '../shared/text.js';
import { createDraftReply } from './draft.js';
import { plainMessage } from './embeds.js';
import { answerMessages } from './format.js';
import type { HandlerContext, Responder } from './interaction.js';
import { langOf, messagesFor } from './messages.js';
import { defer, sendDeferred } from './respond.js';

/**
 * Answers a question: defers the reply (privately when `ephemeral`), cleans and bounds the
 * text, asks the engine, and sends the cited answer (or the refusal with the closest articles).
 * While a language model writes, the reply shows its text as an unchecked draft; the checked
 * answer, or the extractive one when the model's failed the check, then takes the draft's place.
 */
export async function answerQuestion(i: Responder, ctx: HandlerContext, raw: string, options: { ephemeral: boolean; emptyText?: string }): Promise<void> {
  await defer(i, options.ephemeral);
  // The engine's limit, as in Telegram: a longer question is refused with its length, in the
  // language it is written in, rather than answered on its first part as if that were all.
  const max = ctx.engine.limits.maxQuestionChars;
  const typed = readQuestion(raw, max, 'refuse');
  if (typed.kind === 'too-long') {
    await i.editReply({ ...plainMessage(messagesFor(detectLang(typed.text)).tooLong(max, typed.length)), allowedMentions: { parse: [] } });
    return;
  }
  if (typed.kind !== 'ok') {
    await i.editReply({ ...plainMessage(options.emptyText ?? messagesFor(langOf(i.locale)).empty), allowedMentions: { parse: [] } });
    return;
  }
  const question = typed.text;
  const draft = createDraftReply(i, {
    question,
    lang: detectLang(question),
    intervalMs: ctx.config.draftIntervalMs,
    clock: ctx.clock ?? realClock,
    logger: ctx.logger,
  });
  const key = conversationKey(i);
  const history = (await ctx.conversations?.history(key)) ?? [];
  let answer: Answer;
  try {
    // The engine calls onPartial only while a language model streams; without one nothing changes.
    answer = await ctx.engine.ask(question, { history, onPartial: draft.update });
  } finally {
    // Also on failure: the error boundary's message must land after the last draft edit.
    await draft.close();
  }
  await ctx.conversations?.remember(key, answer);
  const messages = answerMessages(answer, statsOrNull(ctx));
  const buttons = await offerFeedback(i, ctx, answer);
  if (buttons) withFeedbackRow(messages, buttons, answer.lang);
  await sendDeferred(i, messages, options.ephemeral);
  if (draft.edits() > 0) ctx.logger.debug(`discord: ${draft.edits()} draft edits before the ${answer.mode} answer`);
}

/** Conversations are kept per channel and user: two people asking in one channel do not mix. */
export function conversationKey(i: { channelId: string | null; user: { id: string } }): string {
  return `${i.channelId ?? 'dm'}:${i.user.id}`;
}

/** Offers 👍/👎 for an answer or a verdict; it goes out without them rather than not at all. */
export async function offerFeedback(i: Responder, ctx: HandlerContext, answer: RatedAnswer): Promise<FeedbackButtons | null> {
  if (!ctx.feedback) return null;
  try {
    return await ctx.feedback.offer(answer, { platform: 'discord', scope: i.channelId ?? `dm:${i.user.id}` });
  } catch (err) {
    ctx.logger.error('discord: could not offer feedback buttons', err);
    return null;
  }
}

/** Puts 👍 / 👎 in a row of their own under the last message of an answer or a verdict, when a row is left. */
export function withFeedbackRow(messages: OutMessage[], buttons: FeedbackButtons, lang: Lang): void {
  const last = messages[messages.length - 1];
  if (!last || last.components.length >= LIMITS.rows) return;
  const f = sharedMessages(lang).feedback;
  last.components.push({
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: f.up, custom_id: buttons.up },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: f.down, custom_id: buttons.down },
    ],
  });
}

/** Corpus figures for the footer; a failure here must not cost the user the answer. */
export function statsOrNull(ctx: HandlerContext) {
  try {
    return ctx.engine.stats();
  } catch (err) {
    ctx.logger.warn('engine stats unavailable', err);
    return null;
  }
}
