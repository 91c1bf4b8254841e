/**
 * The draft of an answer while the language model writes it: the deferred reply is edited as
 * the text grows, then replaced by the checked answer. The model's text is not checked until it
 * is complete, so the draft says so, carries no citation buttons, and never outlives the answer.
 */
import type { Clock } from '../shared/clock.js';
import type { Lang, Logger } from '../../src/index.js';
import { NO_MENTIONS, draftMessage } from './format.js';
import type { Responder } from './interaction.js';

// Deferred replies whose visible message is a draft: the error boundary must replace it, not
// follow it up, or unchecked text would stay on screen under the error.
const drafted = new WeakSet<Responder>();

/** Whether the deferred reply currently shows an unchecked draft. */
export function showsDraft(i: Responder): boolean {
  return drafted.has(i);
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

/** Marks the reply as no longer a draft once the checked answer has replaced it. */
export function replacedDraft(i: Responder): void {
  drafted.delete(i);
}

export function createDraftReply(i: Responder, options: DraftOptions): DraftReply {
  const { question, lang, intervalMs, clock, logger } = options;
  const stop = new AbortController();
  // The model's latest text that no edit has considered yet; rendered only when an edit is due,
  // so a long answer is not re-rendered for every token.
  let latest: string | null = null;
  let shownKey = '';
  let lastAt = Number.NEGATIVE_INFINITY;
  let pump: Promise<void> = Promise.resolve();
  let running = false;
  let done = intervalMs <= 0;
  let broken = false;
  let count = 0;

  // The interval runs from the end of one edit to the start of the next, so a slow edit never
  // lets two land closer together than Discord allows.
  async function run(): Promise<void> {
    try {
      while (!done && !broken && latest !== null) {
        const wait = lastAt + intervalMs - clock.now();
        if (wait > 0) {
          await clock.sleep(wait, stop.signal);
          continue;
        }
        const m = draftMessage(question, latest, lang);
        latest = null;
        const key = m ? JSON.stringify(m) : '';
        if (!m || key === shownKey) continue;
        try {
          drafted.add(i);
          await i.editReply({ ...m, allowedMentions: NO_MENTIONS });
          shownKey = key;
          count++;
        } catch (err) {
          // A draft is a courtesy: a failed edit (a rate limit, a network blip) ends the drafting,
          // never the answer.
          broken = true;
          logger.warn('discord: draft edit failed; the answer will be sent when it is ready', err);
        } finally {
          lastAt = clock.now();
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    update(raw) {
      if (done || broken) return;
      latest = raw;
      if (!running) {
        running = true;
        pump = run();
      }
    },
    async close() {
      if (done && !running) return;
      done = true;
      stop.abort();
      await pump;
      if (count === 0) return;
      const wait = lastAt + intervalMs - clock.now();
      if (wait > 0) await clock.sleep(wait);
    },
    edits: () => count,
  };
}
