import { z } from 'zod';
import { type Answer, type CheckResult, type Coordination, type Turn, toTurn } from '../../src/index.js';

/**
 * The conversations a chat adapter keeps, so that a follow-up ("Còn ngày nào?") is read against
 * the turns before it. The engine holds no conversation: each question is asked with the
 * history kept here. A conversation is keyed by the adapter (a private chat, a reply thread in a
 * group, a channel and user); it ends after a quiet time-out, keeps its latest turns only, and
 * the least recently used conversations are forgotten beyond a bound, so memory stays flat
 * however many chats there are. Replicas on one database keep them there (the engine's
 * `coordination`), so that a follow-up answered by another replica still has its history.
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
  history(key: string): Promise<Turn[]>;
  /**
   * Adds an answer, or a checked statement, as the conversation's latest turn (a follow-up after
   * a check is read against the statement as the articles state it).
   */
  remember(key: string, answer: Answer | CheckResult): Promise<void>;
  /** Ends a conversation (the user's "start afresh"). */
  forget(key: string): Promise<void>;
  /** Ties a message (the bot's answer) to the conversation it belongs to, so that a reply to it goes on with it. */
  link(messageKey: string, key: string): Promise<void>;
  /** The conversation a message belongs to, while that conversation is open. */
  linked(messageKey: string): Promise<string | null>;
}

export interface ConversationOptions {
  /** The clock of a conversation's time-out (tests); in memory only. */
  now?: () => number;
  /** Where conversations are kept: the engine's coordination when it is the database, else this process's memory. */
  coordination?: Coordination;
}

/** How long a message stays linked to its conversation (the conversation's own time-out still applies). */
const LINK_DAYS = 7;

export function createConversations(settings: ConversationSettings, options: ConversationOptions = {}): Conversations {
  const shared = options.coordination?.scope === 'database' ? options.coordination : null;
  if (shared) return sharedConversations(settings, shared);
  return memoryConversations(settings, options.now ?? Date.now);
}

/** Conversations in a coordination's shared values: a conversation expires after its quiet time-out. */
function sharedConversations(settings: ConversationSettings, c: Coordination): Conversations {
  const conv = (key: string) => `conversation:${key}`;
  const link = (messageKey: string) => `conversation-link:${messageKey}`;
  return {
    history: async (key) => (await c.get<Turn[]>(conv(key))) ?? [],
    async remember(key, answer) {
      const turns = [...((await c.get<Turn[]>(conv(key))) ?? []), toTurn(answer)].slice(-settings.maxTurns);
      await c.put(conv(key), turns, settings.timeoutMs);
    },
    forget: (key) => c.drop(conv(key)),
    link: (messageKey, key) => c.put(link(messageKey), key, LINK_DAYS * 86_400_000),
    async linked(messageKey) {
      const key = await c.get<string>(link(messageKey));
      return key !== null && (await c.get<Turn[]>(conv(key))) !== null ? key : null;
    },
  };
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

function memoryConversations(settings: ConversationSettings, now: () => number): Conversations {
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
    history: async (key) => [...(alive(key)?.turns ?? [])],
    async remember(key, answer) {
      const turns = [...(alive(key)?.turns ?? []), toTurn(answer)].slice(-settings.maxTurns);
      touch(open, key, { turns, last: now() }, settings.maxConversations);
    },
    async forget(key) {
      open.delete(key);
    },
    async link(messageKey, key) {
      touch(links, messageKey, key, settings.maxConversations * 4);
    },
    async linked(messageKey) {
      const key = links.get(messageKey);
      return key !== undefined && alive(key) ? key : null;
    },
  };
}
