import { type Context, InlineKeyboard } from 'grammy';
import { type Services, replyHtml, typedQuestion, withTyping } from '../context.js';
import { type Answer, type FeedbackButtons, type Lang, type RatedAnswer, paragraphLabel } from '../../../src/index.js';
import { createDraftReply } from '../draft.js';
import { formatAnswer } from '../format.js';
import type { CitedParagraph } from '../../shared/citations.js';
import { sharedMessages } from '../../shared/messages.js';
import { sourceButtonData } from '../input.js';

/**
 * Buttons under an answer: one per cited paragraph, four to a row (ids too long for button data
 * get none), then 👍 / 👎 when feedback is on.
 */
export function answerKeyboard(
  sources: CitedParagraph[],
  lang: Lang,
  feedback?: { buttons: FeedbackButtons; up: string; down: string },
): InlineKeyboard | undefined {
  const kb = new InlineKeyboard();
  let inRow = 0;
  for (const s of sources.slice(0, 12)) {
    const data = sourceButtonData(s.paragraphId);
    if (!data) continue;
    if (inRow === 4) {
      kb.row();
      inRow = 0;
    }
    kb.text(`${s.markers ?? `[${s.marker}]`} ${paragraphLabel(s, lang)}`, data);
    inRow++;
  }
  if (feedback) {
    if (inRow > 0) kb.row();
    kb.text(feedback.up, feedback.buttons.up).text(feedback.down, feedback.buttons.down);
    return kb;
  }
  return inRow > 0 ? kb : undefined;
}

/**
 * The conversation a question belongs to: the private chat; in a group, the reply thread of the
 * bot's answer it replies to (only a reply to the bot's own answer goes on with a thread), or a
 * new thread named after the question's message.
 */
export async function conversationKey(s: Services, ctx: Context): Promise<string | null> {
  const chat = ctx.chat;
  if (!chat) return null;
  if (chat.type === 'private') return `c:${chat.id}`;
  const msg = ctx.message;
  const to = msg?.reply_to_message;
  if (to && to.from?.id === s.me.id) {
    const key = await s.conversations.linked(`${chat.id}:${to.message_id}`);
    if (key) return key;
  }
  return msg ? `t:${chat.id}:${msg.message_id}` : null;
}

/** Offers 👍/👎 for an answer or a verdict; it goes out without them rather than not at all. */
export async function offerFeedback(s: Services, ctx: Context, answer: RatedAnswer): Promise<FeedbackButtons | null> {
  if (!s.feedback || !ctx.chat) return null;
  try {
    return await s.feedback.offer(answer, { platform: 'telegram', scope: String(ctx.chat.id) });
  } catch (err) {
    s.logger.error('telegram: could not offer feedback buttons', err);
    return null;
  }
}

/**
 * Answers one question: limit, clean, check length, ask the engine (with the conversation so
 * far) while "typing", then the cited answer (or the refusal with the closest articles) as a
 * reply to the question, with its buttons. With a language model the answer is drafted as it is
 * written and the draft replaced by the checked answer; without one nothing is sent before the answer.
 */
export async function answerQuestion(s: Services, ctx: Context, raw: string, usage: 'askUsage' | 'noQuestion' = 'askUsage'): Promise<void> {
  const typed = await typedQuestion(s, ctx, raw, usage);
  if (!typed) return;
  const { text: question, t } = typed;
  const key = await conversationKey(s, ctx);
  const history = key ? await s.conversations.history(key) : [];
  const draft =
    s.engine.stats().llm === 'none'
      ? null
      : createDraftReply(ctx, { intervalMs: s.drafts.intervalMs(ctx.chat?.type), clock: s.drafts.clock, logger: s.logger, texts: t });
  let answer: Answer;
  try {
    answer = await withTyping(s, ctx, () => s.engine.ask(question, { history, ...(draft ? { onPartial: draft.update } : {}) }));
  } catch (err) {
    await draft?.discard();
    throw err;
  }
  const { messages, sources } = formatAnswer(answer);
  const buttons = await offerFeedback(s, ctx, answer);
  const f = sharedMessages(answer.lang).feedback;
  const keyboard = answerKeyboard(sources, answer.lang, buttons ? { buttons, up: f.up, down: f.down } : undefined);
  const sent = draft ? await draft.finish(messages, keyboard) : await replyHtml(ctx, messages, keyboard);
  if (key && ctx.chat) {
    await s.conversations.remember(key, answer);
    // A reply to any part of the answer goes on with this conversation.
    for (const id of sent) await s.conversations.link(`${ctx.chat.id}:${id}`, key);
  }
  const how = answer.verdict
    ? `a yes/no question checked: ${answer.verdict.verdict}${answer.verdict.mismatches.length ? ` (${answer.verdict.mismatches.map((m) => m.kind).join(', ')})` : ''}`
    : answer.refused
      ? `refused (${answer.reason ?? 'no reason'})`
      : `${answer.mode} with ${answer.citations.length} citations${answer.flagged ? ', flagged' : ''}`;
  s.logger.info(
    `telegram: answered in chat ${ctx.chat?.id}: ${how}${answer.understood ? ', a follow-up' : ''}, ${messages.length} message(s)${draft && draft.calls() > 0 ? ` after ${draft.calls()} draft call(s)` : ''}, ${Math.round(answer.timing.totalMs)} ms`,
  );
}
