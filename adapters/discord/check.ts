import type { CheckResult } from '../../src/index.js';
import { readCheckText } from '../shared/text.js';
import { plainMessage } from './embeds.js';
import { checkMessages } from './format.js';
import type { HandlerContext, Responder } from './interaction.js';
import { langOf, messagesFor } from './messages.js';
import { statsOrNull } from './question.js';
import { defer, sendDeferred } from './respond.js';

/**
 * Checks a statement, or each claim of a longer text: defers the reply (privately when
 * `ephemeral`), reads the text within the engine's limit (a longer message, which the user
 * cannot shorten, is cut with a note), checks it, and replies verdict first. A text holding only
 * questions is checked as the statement its question asks about ("Có phải … không?").
 */
export async function checkStatement(i: Responder, ctx: HandlerContext, raw: string, options: { ephemeral: boolean; emptyText?: string }): Promise<void> {
  await defer(i, options.ephemeral);
  const max = ctx.engine.limits.maxCheckChars;
  const typed = readCheckText(raw, max, 'cut');
  if (typed.kind !== 'ok') {
    await i.editReply({ ...plainMessage(options.emptyText ?? messagesFor(langOf(i.locale)).emptyStatement), allowedMentions: { parse: [] } });
    return;
  }
  let result: CheckResult = await ctx.engine.check(typed.text);
  if (result.refused === 'no-claim' && result.skipped.some((s) => s.reason === 'question')) result = await ctx.engine.check(typed.text, { single: true });
  const notice = typed.cut ? messagesFor(result.lang).clipped(max) : undefined;
  await sendDeferred(i, checkMessages(result, statsOrNull(ctx), notice ? { notice } : {}), options.ephemeral);
  ctx.logger.info(`discord: checked: ${result.refused ? `nothing to check (${result.refused})` : result.claims.map((c) => c.verdict).join(', ')}, ${Math.round(result.timing.totalMs)} ms`);
}
