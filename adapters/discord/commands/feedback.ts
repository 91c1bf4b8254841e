import { MAX_COMMENT_CHARS } from '../../../src/index.js';
import { sharedMessages } from '../../shared/messages.js';
import type { ButtonPress, FormSubmit, HandlerContext } from '../interaction.js';
import { langOf, messagesFor } from '../messages.js';
import { replyShort } from '../respond.js';

/** Discord's own caps on a form: title and label 45 characters, placeholder 100. */
const FORM = { title: 45, label: 45, placeholder: 100 } as const;

const where = (i: { channelId: string | null; user: { id: string } }) => ({ platform: 'discord', scope: i.channelId ?? `dm:${i.user.id}` });

/**
 * A press on 👍 or 👎: checked and counted once per user, thanked privately. A 👎 opens a short
 * form asking why (optional: closing it keeps the vote).
 */
export async function pressFeedback(i: ButtonPress, ctx: HandlerContext): Promise<void> {
  const t = sharedMessages(langOf(i.locale)).feedback;
  if (!ctx.feedback) return void (await replyShort(i, messagesFor(langOf(i.locale)).badButton));
  const r = await ctx.feedback.press(i.customId, { ...where(i), userId: i.user.id });
  if (!r.ok) {
    if (r.reason === 'invalid') ctx.logger.info(`discord: refused feedback data from user ${i.user.id}`);
    return void (await replyShort(i, t[r.reason]));
  }
  ctx.logger.info(`discord: feedback ${r.rating} (${r.outcome}) in channel ${i.channelId ?? 'dm'}`);
  if (r.rating === 'up') return void (await replyShort(i, t.thanksUp));
  await i.showModal({
    custom_id: ctx.feedback.whyData(r.answerId, where(i)),
    title: t.whyTitle.slice(0, FORM.title),
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: 'why',
            label: t.whyLabel.slice(0, FORM.label),
            style: 2,
            required: false,
            max_length: MAX_COMMENT_CHARS,
            placeholder: t.whyPlaceholder.slice(0, FORM.placeholder),
          },
        ],
      },
    ],
  });
}

/** The "why" form sent after a 👎: kept with that user's vote. */
export async function submitWhy(i: FormSubmit, ctx: HandlerContext): Promise<void> {
  const t = sharedMessages(langOf(i.locale)).feedback;
  if (!ctx.feedback) return void (await replyShort(i, t.invalid));
  let text = '';
  try {
    text = i.fields.getTextInputValue('why');
  } catch {
    // A form without our field was not ours.
    return void (await replyShort(i, t.invalid));
  }
  const r = await ctx.feedback.commentWith(i.customId, { ...where(i), userId: i.user.id }, text);
  await replyShort(i, r === 'saved' ? t.whySaved : t.invalid);
}
