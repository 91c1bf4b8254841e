import { type Context, InlineKeyboard } from 'grammy';
import { type CheckResult, checkWording } from '../../../src/index.js';
import { sharedMessages } from '../../shared/messages.js';
import { readCheckText } from '../../shared/text.js';
import { ratedCheck } from '../../shared/verdict.js';
import { type Services, replyHtml, replyText, textsFor, withTyping, withinLimit } from '../context.js';
import { formatCheck } from '../format.js';
import { answerKeyboard, answerQuestion, conversationKey, offerFeedback } from './ask.js';

/** Data of the button under a checked statement that asks it as a question instead. */
export const ASK_INSTEAD = 'q';

/** The text of a message to check: its text, or the caption of a photo or document. */
export function messageTextOf(msg: { text?: string; caption?: string } | undefined): string {
  return msg?.text ?? msg?.caption ?? '';
}

/**
 * `/check <text>`; `/check` alone as a reply checks the replied-to message (its text or
 * caption). Without either, says how to use it.
 */
export async function checkCommand(s: Services, ctx: Context, raw: string): Promise<void> {
  const text = /[\p{L}\p{N}]/u.test(raw) ? raw : messageTextOf(ctx.message?.reply_to_message);
  if (!/[\p{L}\p{N}]/u.test(text)) {
    if (!(await withinLimit(s, ctx))) return;
    return replyText(ctx, textsFor(ctx).checkUsage);
  }
  await checkStatement(s, ctx, text, { offerQuestion: false });
}

/**
 * Checks a statement, or each claim of a longer text, and replies verdict first, with 👍 / 👎
 * when feedback is on. A text the user asked to check that holds only questions is checked as
 * the statement its question asks about ("Có phải … không?"). With `offerQuestion` (a plain
 * statement in a private chat), a button under the reply asks the same text as a question
 * instead. The check becomes the conversation's latest turn, so a follow-up reads against it.
 */
export async function checkStatement(s: Services, ctx: Context, raw: string, options: { offerQuestion: boolean }): Promise<void> {
  if (!(await withinLimit(s, ctx, raw))) return;
  const max = s.engine.limits.maxCheckChars;
  const typed = readCheckText(raw, max);
  const t = textsFor(ctx, typed.kind === 'empty' ? undefined : typed.text);
  if (typed.kind === 'empty') return replyText(ctx, t.checkUsage);
  if (typed.kind === 'too-long') return replyText(ctx, t.checkTooLong(max, typed.length));
  const text = typed.text;
  const result = await withTyping(s, ctx, (): Promise<CheckResult> => s.engine.check(text, { questionAsStatement: true }));
  const { messages, sources } = formatCheck(result);
  // A verdict is rated as an answer is; a text with nothing to check has nothing to rate.
  const buttons = result.refused ? null : await offerFeedback(s, ctx, ratedCheck(result));
  const f = sharedMessages(result.lang).feedback;
  const keyboard = result.refused ? undefined : answerKeyboard(sources, result.lang, buttons ? { buttons, up: f.up, down: f.down } : undefined);
  const withAsk = options.offerQuestion ? (keyboard ?? new InlineKeyboard()).row().text(checkWording(result.lang).askInstead, ASK_INSTEAD) : keyboard;
  // The check is a turn of the conversation: "Vậy tổ chức ở đâu?" after it reads against it.
  const key = result.refused ? null : await conversationKey(s, ctx);
  const sent = await replyHtml(ctx, messages, withAsk);
  if (key && ctx.chat) {
    await s.conversations.remember(key, result);
    for (const id of sent) await s.conversations.link(`${ctx.chat.id}:${id}`, key);
  }
  const verdicts = result.claims.map((c) => `${c.verdict}${c.mismatches.length ? ` (${c.mismatches.map((m) => m.kind).join(', ')})` : ''}`).join('; ');
  s.logger.info(
    `telegram: checked in chat ${ctx.chat?.id}: ${result.refused ? `nothing to check (${result.refused})` : verdicts}, ${result.skipped.length} skipped, ${Math.round(result.timing.totalMs)} ms`,
  );
}

/**
 * The button under a checked statement: the statement (the message the check replied to)
 * answered as a question. A button whose statement is gone (deleted, or too old for Telegram
 * to send along) says so.
 */
export async function askInsteadButton(s: Services, ctx: Context): Promise<void> {
  const statement = messageTextOf(ctx.callbackQuery?.message?.reply_to_message);
  if (!/[\p{L}\p{N}]/u.test(statement)) {
    await ctx.answerCallbackQuery({ text: textsFor(ctx).buttonStale, show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await answerQuestion(s, ctx, statement);
}
