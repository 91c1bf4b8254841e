/**
 * Test parts for the Telegram adapter: the real engine over the real corpus in a temp index
 * folder, an engine wrapper that records (and can fail or hold) calls, update builders that
 * mark commands and mentions the way Telegram does, and a bot wired to the loopback API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message, MessageEntity, Update } from 'grammy/types';
import { type Engine, type Feedback, type Logger, createEngine, silentLogger } from '../../src/index.js';
import { type TelegramBot, createTelegramBot } from '../../adapters/telegram/bot.js';
import { loadTelegramConfig } from '../../adapters/telegram/config.js';
import type { Clock } from '../../adapters/shared/clock.js';
import { telegramLogger } from '../../adapters/telegram/index.js';
import { type FakeBotApi, TEST_TOKEN, startFakeBotApi } from './telegram-api.js';

export const CORPUS = fileURLToPath(new URL('../../corpus/', import.meta.url));

export async function createRealEngine(corpus = CORPUS): Promise<{ engine: Engine; dispose(): Promise<void> }> {
  const indexDir = await mkdtemp(path.join(tmpdir(), 'kiemchung-telegram-'));
  const engine = await createEngine({ config: { corpus, indexDir }, env: {}, logger: silentLogger, autoIndex: true });
  return {
    engine,
    async dispose() {
      await engine.close();
      await rm(indexDir, { recursive: true, force: true });
    },
  };
}

type Method = 'ask' | 'search' | 'source' | 'reindex' | 'check';

export interface EngineSpy {
  engine: Engine;
  calls: { method: Method; arg: string }[];
  /** The next call of `method` throws `err`. */
  failNext(method: Method, err: Error): void;
  /** Calls of `ask` wait until `release` is called (to hold answers in flight). */
  hold(): { started: Promise<void>; release(): void };
}

export function spyEngine(inner: Engine): EngineSpy {
  const calls: EngineSpy['calls'] = [];
  const failures = new Map<Method, Error[]>();
  let gate: Promise<void> | null = null;
  let onStart: (() => void) | null = null;
  const before = async (method: Method, arg: string) => {
    calls.push({ method, arg });
    const err = failures.get(method)?.shift();
    if (err) throw err;
    if (method === 'ask' && gate) {
      onStart?.();
      await gate;
    }
  };
  const engine: Engine = {
    limits: inner.limits,
    coordination: inner.coordination,
    checked: inner.checked,
    searchReady: inner.searchReady,
    ask: async (q, o) => (await before('ask', q), inner.ask(q, o)),
    check: async (t, o) => (await before('check', t), inner.check(t, o)),
    search: async (q, o) => (await before('search', q), inner.search(q, o)),
    source: async (id) => (await before('source', id), inner.source(id)),
    reindex: async () => (await before('reindex', ''), inner.reindex()),
    suggest: (p, l) => inner.suggest(p, l),
    stats: () => inner.stats(),
    add: (u, o) => inner.add(u, o),
    get feeds() {
      return inner.feeds;
    },
    watchFeeds: (f) => inner.watchFeeds(f),
    close: () => inner.close(),
  };
  return {
    engine,
    calls,
    failNext(method, err) {
      failures.set(method, [...(failures.get(method) ?? []), err]);
    },
    hold() {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      const started = new Promise<void>((r) => (onStart = r));
      return {
        started,
        release: () => {
          gate = null;
          release();
        },
      };
    },
  };
}

/** A logger that keeps every line, for checking what reaches the logs. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, extra?: unknown) => {
    lines.push(`${level} ${msg}${extra === undefined ? '' : ` ${extra instanceof Error ? `${extra.stack}` : JSON.stringify(extra)}`}`);
  };
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

// ---- updates, shaped as Telegram sends them ----

let nextMessageId = 5000;

/** Entities Telegram would attach: a leading /command and @mentions. */
export function entitiesOf(text: string): MessageEntity[] {
  const out: MessageEntity[] = [];
  const cmd = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (cmd) out.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/(^|[^\w/])(@[A-Za-z][A-Za-z0-9_]{3,31})/g)) {
    out.push({ type: 'mention', offset: (m.index ?? 0) + (m[1] as string).length, length: (m[2] as string).length });
  }
  return out;
}

export interface Sender {
  userId?: number;
  lang?: string;
}

function from(s: Sender) {
  return { id: s.userId ?? 111, is_bot: false, first_name: 'Lan', ...(s.lang === '' ? {} : { language_code: s.lang ?? 'vi' }) };
}

export function privateText(text: string, s: Sender = {}): Omit<Update, 'update_id'> {
  const user = from(s);
  const entities = entitiesOf(text);
  return {
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: 'private', first_name: user.first_name },
      from: user,
      text,
      ...(entities.length > 0 ? { entities } : {}),
    } as Update['message'],
  };
}

export function groupText(text: string, s: Sender & { chatId?: number; replyTo?: Message } = {}): Omit<Update, 'update_id'> {
  const entities = entitiesOf(text);
  return {
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: s.chatId ?? -100123, type: 'supergroup', title: 'Newsroom' },
      from: from(s),
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(s.replyTo ? { reply_to_message: s.replyTo } : {}),
    } as Update['message'],
  };
}

/** A photo sent (not forwarded) with a caption, in a private chat or, with `chatId`, a group. */
export function captionedPhoto(caption: string, s: Sender & { chatId?: number } = {}): Omit<Update, 'update_id'> {
  const user = from(s);
  const entities = entitiesOf(caption);
  return {
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: s.chatId ? { id: s.chatId, type: 'supergroup', title: 'Newsroom' } : { id: user.id, type: 'private', first_name: user.first_name },
      from: user,
      photo: [{ file_id: 'f', file_unique_id: 'u', width: 10, height: 10 }],
      caption,
      ...(entities.length > 0 ? { caption_entities: entities } : {}),
    } as Update['message'],
  };
}

/** A message forwarded into a private chat: its text (or a photo's caption) and where it came from. */
export function forwarded(content: { text: string } | { caption: string }, s: Sender = {}): Omit<Update, 'update_id'> {
  const user = from(s);
  return {
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: 'private', first_name: user.first_name },
      from: user,
      forward_origin: {
        type: 'channel',
        chat: { id: -1001234, type: 'channel', title: 'Tin nhanh' },
        message_id: 77,
        date: Math.floor(Date.now() / 1000) - 60,
      },
      ...('text' in content ? { text: content.text } : { caption: content.caption, photo: [{ file_id: 'f', file_unique_id: 'u', width: 10, height: 10 }] }),
    } as Update['message'],
  };
}

export function privatePhoto(s: Sender = {}): Omit<Update, 'update_id'> {
  const user = from(s);
  return {
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: 'private', first_name: user.first_name },
      from: user,
      photo: [{ file_id: 'f', file_unique_id: 'u', width: 10, height: 10 }],
    } as Update['message'],
  };
}

export function callbackQuery(data: string, message: Message | undefined, s: Sender = {}): Omit<Update, 'update_id'> {
  return {
    callback_query: {
      id: String(nextMessageId++),
      from: from(s),
      chat_instance: 'ci',
      data,
      ...(message ? { message } : { inline_message_id: 'inline-1' }),
    },
  };
}

export function inlineQuery(query: string, s: Sender = {}): Omit<Update, 'update_id'> {
  return { inline_query: { id: String(nextMessageId++), from: from(s), query, offset: '' } };
}

// ---- a bot on the loopback API, driven through handleUpdate ----

export interface Harness {
  api: FakeBotApi;
  tb: TelegramBot;
  logs: string[];
  /** Handles one update to the end (everything it sends is recorded when this resolves). */
  send(update: Omit<Update, 'update_id'>): Promise<void>;
  /** Texts of the successful sendMessage calls, in order. */
  texts(): string[];
  close(): Promise<void>;
}

let nextUpdateId = 1;

export interface HarnessOptions {
  /** The clock and interval of answer drafts; the loopback server then stamps calls with this clock. */
  drafts?: { clock: Clock; intervalMs?: number };
  /** 👍/👎 under answers. */
  feedback?: Feedback;
}

export async function startHarness(engine: Engine, env: Record<string, string> = {}, now?: () => number, options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.drafts?.clock;
  const api = await startFakeBotApi(clock ? { now: () => clock.now() } : {});
  const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, ...env });
  const rec = recordingLogger();
  const tb = createTelegramBot({
    engine,
    config,
    logger: telegramLogger(rec.logger, [TEST_TOKEN]),
    botInfo: api.me,
    ...(now ? { now } : {}),
    ...(options.drafts ? { drafts: options.drafts } : {}),
    ...(options.feedback ? { feedback: options.feedback } : {}),
  });
  return {
    api,
    tb,
    logs: rec.lines,
    send: (u) => tb.bot.handleUpdate({ ...u, update_id: nextUpdateId++ } as Update),
    texts: () => api.of('sendMessage').map((c) => c.payload.text as string),
    close: () => api.close(),
  };
}

// ---- virtual time for answer drafts ----

export interface VirtualClock extends Clock {
  /** Moves time forward, waking the sleepers whose time has come. */
  advance(ms: number): void;
  /** From now on a sleep moves time forward to its end at once (for the end of an answer). */
  runFree(): void;
}

/**
 * A clock whose time moves only when the test says so (`advance`) or, after `runFree`, when
 * something sleeps. Until then a sleep waits for the test, or for its signal to abort.
 */
export function virtualClock(): VirtualClock {
  let t = 0;
  let free = false;
  const sleepers = new Set<{ at: number; wake: () => void }>();
  const wakeDue = () => {
    for (const s of [...sleepers]) if (s.at <= t || free) s.wake();
  };
  return {
    now: () => t,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        const at = t + Math.max(0, ms);
        if (free || at <= t || signal?.aborted) {
          t = Math.max(t, free ? at : t);
          return resolve();
        }
        const s = {
          at,
          wake: () => {
            sleepers.delete(s);
            signal?.removeEventListener('abort', s.wake);
            resolve();
          },
        };
        sleepers.add(s);
        signal?.addEventListener('abort', s.wake, { once: true });
      }),
    advance(ms) {
      t += ms;
      wakeDue();
    },
    runFree() {
      free = true;
      const latest = Math.max(t, ...[...sleepers].map((s) => s.at));
      t = latest;
      wakeDue();
    },
  };
}
