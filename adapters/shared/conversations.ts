import { z } from 'zod';
import { type Answer, type CheckResult, type Turn, toTurn } from '../../src/index.js';

/**
 * The conversations a chat adapter keeps, so that a follow-up ("Còn ngày nào?") is read against
 * the turns before it. The engine holds no conversation: each question is asked with the
 * history kept here. A conversation is keyed by the adapter (a private chat, a reply thread in a
 * group, a channel and user); it ends after a quiet time-out, keeps its latest turns only, and
 * the least recently used conversations are forgotten beyond a bound, so memory stays flat
 * however many chats there are.
 */
export const conversationEnvSchema = z.object({
  /** Minutes of quiet after which a conversation starts afresh. */
  CONVERSATION_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** Earlier turns kept per conversation. */
  CONVERSATION_MAX_TURNS: z.coerce.number().int().min(1).max(50).default(6),
});

export interface ConversationSettings {
  timeoutMs: number;
  maxTurns: number;
  /** Conversations kept at most (the least recently used are forgotten first). */
  maxConversations: number;
}

export function conversationSettings(e: z.infer<typeof conversationEnvSchema>): ConversationSettings {
  return { timeoutMs: e.CONVERSATION_TIMEOUT_MINUTES * 60_000, maxTurns: e.CONVERSATION_MAX_TURNS, maxConversations: 20_000 };
}

export interface Conversations {
  /** The turns of a conversation still open, oldest first ([] when new or timed out). */
  history(key: string): Turn[];
  /**
   * Adds an answer, or a checked statement, as the conversation's latest turn (a follow-up after
   * a check is read against the statement as the articles state it).
   */
  remember(key: string, answer: Answer | CheckResult): void;
  /** Ends a conversation (the user's "start afresh"). */
  forget(key: string): void;
  /** Ties a message (the bot's answer) to the conversation it belongs to, so that a reply to it goes on with it. */
  link(messageKey: string, key: string): void;
  /** The conversation a message belongs to, while that conversation is open. */
  linked(messageKey: string): string | null;
  size(): number;
}

interface Open {
  turns: Turn[];
  last: number;
}

/** Map order is use order: touching an entry moves it to the end; the first entries go first. */
function touch<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

export function createConversations(settings: ConversationSettings, now: () => number = Date.now): Conversations {
  const open = new Map<string, Open>();
  const links = new Map<string, string>();
  const alive = (key: string): Open | null => {
    const c = open.get(key);
    if (!c) return null;
    if (now() - c.last > settings.timeoutMs) {
      open.delete(key);
      return null;
    }
    return c;
  };
  return {
    history: (key) => [...(alive(key)?.turns ?? [])],
    remember(key, answer) {
      const turns = [...(alive(key)?.turns ?? []), toTurn(answer)].slice(-settings.maxTurns);
      touch(open, key, { turns, last: now() }, settings.maxConversations);
    },
    forget(key) {
      open.delete(key);
    },
    link(messageKey, key) {
      touch(links, messageKey, key, settings.maxConversations * 4);
    },
    linked(messageKey) {
      const key = links.get(messageKey);
      return key !== undefined && alive(key) ? key : null;
    },
    size: () => open.size,
  };
}
