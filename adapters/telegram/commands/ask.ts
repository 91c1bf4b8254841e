import { type Context, InlineKeyboard } from 'grammy';
import { type Services, replyHtml, typedQuestion, withTyping } from '../context.js';
import type { Answer } from '../../../src/index.js';
import { createDraftReply } from '../draft.js';
import { formatAnswer } from '../format.js';
import type { CitedParagraph } from '../../shared/citations.js';
import { sourceButtonData } from '../input.js';

/** Buttons that open each cited paragraph, four to a row; ids too long for button data get none. */
export function sourceKeyboard(sources: CitedParagraph[], paragraphWord: string): InlineKeyboard | undefined {
  const kb = new InlineKeyboard();
  let inRow = 0;
  for (const s of sources.slice(0, 12)) {
    const data = sourceButtonData(s.paragraphId);
    if (!data) continue;
    if (inRow === 4) {
      kb.row();
      inRow = 0;
    }
    kb.text(`[${s.marker}] ${paragraphWord} ${s.paragraphNumber}`, data);
    inRow++;
  }
  return inRow > 0 ? kb : undefined;
}

/**
 * Answers one question: limit, clean, check length, ask the engine while "typing", then the
 * cited answer (or the refusal with the closest articles) as a reply to the question. With a
 * language model the answer is drafted as it is written and the draft replaced by the checked
 * answer; without one nothing is sent before the answer.
 */
export async function answerQuestion(s: Services, ctx: Context, raw: string): Promise<void> {
  const typed = await typedQuestion(s, ctx, raw, 'askUsage');
  if (!typed) return;
  const { text: question, t } = typed;
  const draft =
    s.engine.stats().llm === 'none'
      ? null
      : createDraftReply(ctx, { intervalMs: s.drafts.intervalMs(ctx.chat?.type), clock: s.drafts.clock, logger: s.logger, texts: t });
  let answer: Answer;
  try {
    answer = await withTyping(s, ctx, () => (draft ? s.engine.ask(question, { onPartial: draft.update }) : s.engine.ask(question)));
  } catch (err) {
    await draft?.discard();
    throw err;
  }
  const { messages, sources } = formatAnswer(answer);
  const keyboard = answer.refused ? undefined : sourceKeyboard(sources, t.paragraph);
  if (draft) await draft.finish(messages, keyboard);
  else await replyHtml(ctx, messages, keyboard);
  const how = answer.refused ? `refused (${answer.reason ?? 'no reason'})` : `${answer.mode} with ${answer.citations.length} citations${answer.flagged ? ', flagged' : ''}`;
  s.logger.info(
    `telegram: answered in chat ${ctx.chat?.id}: ${how}, ${messages.length} message(s)${draft && draft.calls() > 0 ? ` after ${draft.calls()} draft call(s)` : ''}, ${Math.round(answer.timing.totalMs)} ms`,
  );
}
