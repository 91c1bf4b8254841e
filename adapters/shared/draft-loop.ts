/**
 * The throttled loop behind a streamed answer's draft, on either platform: the model's text so
 * far is shown in one message, edited as the text grows, at most once per interval, and the
 * loop stops when the checked answer is ready. What a draft looks like and how it is sent or
 * edited is the platform's business (`render`, `show`).
 */
import type { Clock } from './clock.js';
import { hasWords, truncateText, wellFormed } from './text.js';

/** A draft shows at most this much of the model's text: the rest arrives with the checked answer. */
export const DRAFT_MAX_CHARS = 3500;

/**
 * The model's text so far as a draft shows it, in plain text: with an ellipsis (more is coming)
 * or cut to `DRAFT_MAX_CHARS`; null while it has no words.
 */
export function draftPreview(raw: string): string | null {
  const text = wellFormed(raw).trim();
  if (!hasWords(text)) return null;
  return Array.from(text).length > DRAFT_MAX_CHARS ? truncateText(text, DRAFT_MAX_CHARS) : `${text}…`;
}

export interface DraftLoopOptions<M> {
  /** Least time from the end of one draft call to the start of the next; 0 or less turns drafts off. */
  intervalMs: number;
  clock: Clock;
  /**
   * The platform's message for the model's text so far, or null while there is nothing worth
   * showing. Called only when a call is due, so a long answer is not rendered for every token.
   */
  render(text: string): M | null;
  /** Sends the draft (the first call) or edits it. `signal` aborts once drafting stops. */
  show(message: M, signal: AbortSignal): Promise<void>;
  /**
   * A draft call failed (and drafting had not stopped): `shown` when the platform shows that
   * message already, `stop` to end drafting. A draft is a courtesy: its failure never fails
   * the answer.
   */
  failed(err: unknown): 'shown' | 'stop';
}

export interface DraftLoop {
  /** Takes the model's text so far (the engine's `onPartial`); never throws, never waits. */
  update(text: string): void;
  /** Stops drafting: the text not yet shown is dropped, and a call in flight is aborted and waited for. */
  stop(): Promise<void>;
  /**
   * After `stop`: waits out the rest of the interval since the last draft call, so that the
   * call that replaces the draft lands last and within the platform's rate. At once when no
   * draft was shown.
   */
  settle(): Promise<void>;
  /** Draft calls made (the first message and the edits), for the log. */
  calls(): number;
}

/**
 * The interval runs from the end of one call to the start of the next, so a slow call never
 * lets two land closer together than the platform allows.
 */
export function createDraftLoop<M>(options: DraftLoopOptions<M>): DraftLoop {
  const { intervalMs, clock, render, show, failed } = options;
  const abort = new AbortController();
  // The model's latest text that no call has considered yet.
  let latest: string | null = null;
  let shownKey: string | null = null;
  let lastAt = Number.NEGATIVE_INFINITY;
  let pump: Promise<void> = Promise.resolve();
  let running = false;
  let done = intervalMs <= 0;
  let broken = false;
  let count = 0;

  async function run(): Promise<void> {
    try {
      while (!done && !broken && latest !== null) {
        const wait = lastAt + intervalMs - clock.now();
        if (wait > 0) {
          await clock.sleep(wait, abort.signal);
          continue;
        }
        const message = render(latest);
        latest = null;
        if (message === null) continue;
        const key = typeof message === 'string' ? message : JSON.stringify(message);
        if (key === shownKey) continue;
        try {
          await show(message, abort.signal);
          shownKey = key;
          count++;
        } catch (err) {
          if (abort.signal.aborted) return;
          if (failed(err) === 'shown') shownKey = key;
          else broken = true;
        } finally {
          lastAt = clock.now();
        }
      }
    } finally {
      // Cleared in the same turn as the loop's last check: text arriving after it starts a new run.
      running = false;
    }
  }

  return {
    update(text) {
      if (done || broken) return;
      latest = text;
      if (running) return;
      running = true;
      pump = run();
    },
    async stop() {
      done = true;
      abort.abort();
      await pump;
    },
    async settle() {
      if (count === 0) return;
      const wait = lastAt + intervalMs - clock.now();
      if (wait > 0) await clock.sleep(wait);
    },
    calls: () => count,
  };
}
