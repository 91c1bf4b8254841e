/**
 * The draft of an answer while the language model writes it: the deferred reply is edited as
 * the text grows, then replaced by the checked answer. The model's text is not checked until it
 * is complete, so the draft says so, carries no citation buttons, and never outlives the answer.
 */
import type { Lang, Logger } from '../../src/index.js';
import type { Clock } from '../shared/clock.js';
import { createDraftLoop } from '../shared/draft-loop.js';
import { NO_MENTIONS } from './embeds.js';
import { draftMessage } from './format.js';
import type { Responder } from './interaction.js';

// Deferred replies whose visible message is a draft: the error boundary must replace it, not
// follow it up, or unchecked text would stay on screen under the error.
const drafted = new WeakSet<Responder>();

/** Whether the deferred reply currently shows an unchecked draft. */
export function showsDraft(i: Responder): boolean {
  return drafted.has(i);
}

/** Marks the reply as no longer a draft once the checked answer has replaced it. */
export function replacedDraft(i: Responder): void {
  drafted.delete(i);
}

export interface DraftOptions {
  question: string;
  lang: Lang;
  /** Minimum time between edits of the reply; 0 turns drafts off. */
  intervalMs: number;
  clock: Clock;
  logger: Logger;
}

export interface DraftReply {
  /** Takes the model's text so far (the engine's `onPartial`); never throws, never waits. */
  update(raw: string): void;
  /**
   * Stops drafting and settles: waits for an edit in flight, then, when a draft was shown, out
   * the rest of the interval, so that the edit that follows (the checked answer, a fallback or
   * an error) lands last and within the rate limit.
   */
  close(): Promise<void>;
  /** Draft edits made, for the log. */
  edits(): number;
}

export function createDraftReply(i: Responder, options: DraftOptions): DraftReply {
  const { question, lang, logger } = options;
  const loop = createDraftLoop({
    intervalMs: options.intervalMs,
    clock: options.clock,
    render: (text) => draftMessage(question, text, lang),
    async show(message) {
      drafted.add(i);
      await i.editReply({ ...message, allowedMentions: NO_MENTIONS });
    },
    failed(err) {
      // A rate limit or a network blip ends the drafting, never the answer.
      logger.warn('discord: draft edit failed; the answer will be sent when it is ready', err);
      return 'stop';
    },
  });
  return {
    update: loop.update,
    async close() {
      await loop.stop();
      await loop.settle();
    },
    edits: loop.calls,
  };
}
