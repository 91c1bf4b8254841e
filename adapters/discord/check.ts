import type { CheckResult } from '../../src/index.js';
import { readCheckText } from '../shared/text.js';
import { ratedCheck } from '../shared/verdict.js';
import { plainMessage } from './embeds.js';
import { checkMessages } from './format.js';
import type { HandlerContext, Responder } from './interaction.js';
import { langOf, messagesFor } from './messages.js';
import { conversationKey, offerFeedback, statsOrNull, withFeedbackRow } from './question.js';
import { defer, sendDeferred } from './respond.js';

/**
 * Checks a statement, or each claim of a longer text: defers the reply (privately when
 * `ephemeral`), reads the text within the engine's limit (a longer message, which the user
 * cannot shorten, is cut with a note), checks it, and replies verdict first, with 👍 / 👎 when
 * feedback is on. A text holding only questions is checked as the statement its question asks
 * about ("Có phải … không?"). The check becomes the conversation's latest turn (per channel and
 * user), so a follow-up asked next reads against it.
 */
export async function checkStatement(i: Responder, ctx: HandlerContext, raw: string, options: { ephemeral: boolean; emptyText?: string }): Promise<void> {
  await defer(i, options.ephemeral);
  const max = ctx.engine.limits.maxCheckChars;
  const typed = readCheckText(raw, max, 'cut');
  if (typed.kind !== 'ok') {
    await i.editReply({ ...plainMessage(options.emptyText ?? messagesFor(langOf(i.locale)).emptyStatement), allowedMentions: { parse: [] } });
    return;
  }
  const result: CheckResult = await ctx.engine.check(typed.text, { questionAsStatement: true });
  // The check is a turn of the conversation: "Vậy tổ chức ở đâu?" after it reads against it.
  if (!result.refused) ctx.conversations?.remember(conversationKey(i), result);
  const notice = typed.cut ? messagesFor(result.lang).clipped(max) : undefined;
  const messages = checkMessages(result, statsOrNull(ctx), notice ? { notice } : {});
  // A verdict is rated as an answer is; a text with nothing to check has nothing to rate.
  const buttons = result.refused ? null : await offerFeedback(i, ctx, ratedCheck(result));
  if (buttons) withFeedbackRow(messages, buttons, result.lang);
  await sendDeferred(i, messages, options.ephemeral);
  ctx.logger.info(
    `discord: checked: ${result.refused ? `nothing to check (${result.refused})` : result.claims.map((c) => c.verdict).join(', ')}, ${Math.round(result.timing.totalMs)} ms`,
  );
}
