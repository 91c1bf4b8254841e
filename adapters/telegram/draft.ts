/**
 * The draft of an answer while the language model writes it: one message, sent with the first
 * words and edited as the text grows, then replaced by the checked answer. The model's text is
 * not checked until it is complete, so the draft says so and never outlives the answer.
 */
import { type Api, type Context, GrammyError, type InlineKeyboard } from 'grammy';
import type { Logger } from '../../src/index.js';
import type { Clock } from '../shared/clock.js';
import { createDraftLoop, draftPreview } from '../shared/draft-loop.js';
import { replyHtml } from './context.js';
import { escapeHtml } from './html.js';
import type { Messages } from './messages.js';

/**
 * Telegram asks bots for at most about one message a second in a chat and twenty a minute in
 * a group, and counts edits against the same limits.
 */
export const DRAFT_INTERVAL_MS = { private: 1000, group: 3000 } as const;

/** The draft's HTML for the engine's draft text (already free of model markers), or null when empty. */
export function renderDraft(draft: string, t: Messages): string | null {
  const body = draftPreview(draft);
  return body === null ? null : `${escapeHtml(body)}\n\n<i>${escapeHtml(t.drafting)}</i>`;
}

export interface DraftOptions {
  intervalMs: number;
  clock: Clock;
  logger: Logger;
  texts: Messages;
}

export interface DraftReply {
  /** Takes the model's text so far (the engine's `onPartial`); never throws, never waits. */
  update(raw: string): void;
  /**
   * Stops drafting and puts the checked answer in the draft's place: the first part edits the
   * draft, the others follow as new messages, the last with the buttons. Without a draft (the
   * model wrote nothing, or the draft could not be sent) the answer is sent as usual.
   */
  finish(parts: string[], keyboard?: InlineKeyboard): Promise<number[]>;
  /** Stops drafting and deletes the draft: the answer failed and its unchecked text must go. */
  discard(): Promise<void>;
  /** Draft messages sent plus draft edits made, for the log. */
  calls(): number;
}

// grammY types its signal with the abort-controller polyfill's declaration; Node's is the same object.
type GrammySignal = Parameters<Api['editMessageText']>[4];

const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

const notModified = (err: unknown) => err instanceof GrammyError && err.error_code === 400 && /message is not modified/i.test(err.description);

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createDraftReply(ctx: Context, options: DraftOptions): DraftReply {
  const { logger, texts } = options;
  const chatId = ctx.chat?.id;
  const replyTo = ctx.msg?.message_id;
  let messageId: number | undefined;

  const loop = createDraftLoop<string>({
    intervalMs: chatId === undefined ? 0 : options.intervalMs,
    clock: options.clock,
    render: (text) => renderDraft(text, texts),
    async show(html, signal) {
      if (messageId === undefined) {
        // The first send is never aborted: a message may exist without its id.
        const m = await ctx.reply(html, {
          ...HTML,
          ...(replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
        });
        messageId = m.message_id;
      } else {
        // Aborted once the answer is ready (also while waiting out a 429): it would be overwritten at once.
        await ctx.api.editMessageText(chatId as number, messageId, html, HTML, signal as GrammySignal);
      }
    },
    failed(err) {
      if (notModified(err)) return 'shown';
      // Drafting stops; the answer itself still arrives (see `finish`).
      logger.warn(`telegram: draft ${messageId === undefined ? 'message' : 'edit'} failed in chat ${chatId}: ${describe(err)}`);
      return 'stop';
    },
  });

  async function remove(): Promise<void> {
    if (messageId === undefined || chatId === undefined) return;
    await ctx.api
      .deleteMessage(chatId, messageId)
      .catch((err: unknown) => logger.warn(`telegram: could not delete the draft in chat ${chatId}: ${describe(err)}`));
  }

  return {
    update: loop.update,

    async finish(parts, keyboard) {
      await loop.stop();
      if (messageId === undefined || chatId === undefined) return replyHtml(ctx, parts, keyboard);
      const [first, ...rest] = parts;
      if (first === undefined) {
        await remove();
        return [];
      }
      await loop.settle();
      try {
        await ctx.api.editMessageText(chatId, messageId, first, { ...HTML, ...(rest.length === 0 && keyboard ? { reply_markup: keyboard } : {}) });
      } catch (err) {
        if (!notModified(err)) {
          // Deleted by the user, or refused: the answer goes out anew and the draft goes away.
          logger.warn(`telegram: could not replace the draft in chat ${chatId}: ${describe(err)}`);
          await remove();
          return replyHtml(ctx, parts, keyboard);
        }
      }
      const sent = [messageId];
      for (let k = 0; k < rest.length; k++) {
        const m = await ctx.reply(rest[k] as string, { ...HTML, ...(k === rest.length - 1 && keyboard ? { reply_markup: keyboard } : {}) });
        sent.push(m.message_id);
      }
      return sent;
    },

    async discard() {
      await loop.stop();
      await remove();
    },

    calls: loop.calls,
  };
}
