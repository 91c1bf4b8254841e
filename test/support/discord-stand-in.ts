/**
 * Stand-ins for discord.js interactions that record every response, and a checker for
 * Discord's message limits. The stand-ins keep discord.js's response rules (one initial
 * response; edit and follow-up only after it) so a handler that breaks them fails here too.
 */
import type { APIEmbed, Interaction } from 'discord.js';
import path from 'node:path';
import { expect } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.js';
import { createInteractionHandler } from '../../adapters/discord/handler.js';
import type { HandlerContext } from '../../adapters/discord/interaction.js';
import { createConversations } from '../../adapters/shared/conversations.js';
import { createRateLimiter } from '../../adapters/shared/rate-limit.js';
import { type Engine, type Feedback, type Logger, createFeedback } from '../../src/index.js';
import { tempDir } from './corpus.js';

export type Method = 'deferReply' | 'editReply' | 'followUp' | 'reply' | 'respond' | 'showModal';

export interface Call {
  method: Method;
  // Payloads are recorded as sent; tests read them as plain JSON.
  payload: any;
  /** When the call was made, on the clock the test passed (`Base.now`). */
  at?: number;
}

interface Base {
  user?: { id: string };
  guildId?: string | null;
  channelId?: string | null;
  locale?: string;
  /** Make this method reject, to exercise the error boundary's fallbacks. */
  failOn?: Method;
  /** Stamps each call with this clock's time, to check the spacing of edits. */
  now?: () => number;
}

export interface StandIn {
  calls: Call[];
  /** The stand-in, typed as discord.js's interaction for the router. */
  interaction: Interaction;
  methods(): Method[];
}

function responder(base: Base, calls: Call[]) {
  const state = { deferred: false, replied: false };
  const record = async (method: Method, payload: unknown) => {
    calls.push({ method, payload: structuredClone(payload), ...(base.now ? { at: base.now() } : {}) });
    if (base.failOn === method) throw new Error(`stand-in: ${method} failed`);
  };
  return {
    user: base.user ?? { id: '111111111111111111' },
    guildId: base.guildId === undefined ? '222222222222222222' : base.guildId,
    channelId: base.channelId === undefined ? '777777777777777777' : base.channelId,
    locale: base.locale ?? 'vi',
    get deferred() {
      return state.deferred;
    },
    get replied() {
      return state.replied;
    },
    async deferReply(options: unknown) {
      if (state.deferred || state.replied) throw new Error('stand-in: already acknowledged');
      await record('deferReply', options ?? {});
      state.deferred = true;
    },
    async reply(options: unknown) {
      if (state.deferred || state.replied) throw new Error('stand-in: already acknowledged');
      await record('reply', options);
      state.replied = true;
    },
    async editReply(options: unknown) {
      if (!state.deferred && !state.replied) throw new Error('stand-in: editReply before a response');
      await record('editReply', options);
      state.replied = true;
    },
    async followUp(options: unknown) {
      if (!state.deferred && !state.replied) throw new Error('stand-in: followUp before a response');
      await record('followUp', options);
      state.replied = true;
    },
  };
}

const no = () => false;
const kinds = {
  isAutocomplete: no,
  isChatInputCommand: no,
  isMessageContextMenuCommand: no,
  isButton: no,
  isModalSubmit: no,
};

function wrap(obj: object, calls: Call[]): StandIn {
  return { calls, interaction: obj as unknown as Interaction, methods: () => calls.map((c) => c.method) };
}

export function chatInput(commandName: string, options: Record<string, string | boolean> = {}, base: Base = {}): StandIn {
  const calls: Call[] = [];
  const r = responder(base, calls);
  const obj = Object.assign(r, kinds, {
    commandName,
    isChatInputCommand: () => true,
    isButton: no,
    options: {
      getString: (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : null),
      getBoolean: (name: string) => (typeof options[name] === 'boolean' ? (options[name] as boolean) : null),
    },
  });
  return wrap(obj, calls);
}

export function messageMenu(
  commandName: string,
  target: { content: string; embeds?: { title: string | null; description: string | null }[] },
  base: Base = {},
): StandIn {
  const calls: Call[] = [];
  const obj = Object.assign(responder(base, calls), kinds, {
    commandName,
    isMessageContextMenuCommand: () => true,
    isButton: no,
    targetMessage: { content: target.content, embeds: target.embeds ?? [] },
  });
  return wrap(obj, calls);
}

export function buttonPress(customId: string, base: Base = {}): StandIn {
  const calls: Call[] = [];
  const r = responder(base, calls);
  const obj = Object.assign(r, kinds, {
    customId,
    isButton: () => true,
    // A form is the press's one initial response, like a reply.
    async showModal(modal: unknown) {
      if (r.deferred || r.replied) throw new Error('stand-in: already acknowledged');
      calls.push({ method: 'showModal', payload: structuredClone(modal) });
    },
  });
  return wrap(obj, calls);
}

/** A submitted form with its text fields by custom id. */
export function modalSubmit(customId: string, fields: Record<string, string>, base: Base = {}): StandIn {
  const calls: Call[] = [];
  const obj = Object.assign(responder(base, calls), kinds, {
    customId,
    isModalSubmit: () => true,
    fields: {
      getTextInputValue: (id: string) => {
        if (!(id in fields)) throw new Error(`stand-in: no field ${id}`);
        return fields[id] as string;
      },
    },
  });
  return wrap(obj, calls);
}

export function autocomplete(commandName: string, focused: string, base: Base = {}): StandIn {
  const calls: Call[] = [];
  const obj = {
    ...kinds,
    isAutocomplete: () => true,
    commandName,
    user: base.user ?? { id: '111111111111111111' },
    guildId: base.guildId === undefined ? '222222222222222222' : base.guildId,
    locale: base.locale ?? 'vi',
    options: { getFocused: () => focused },
    async respond(choices: unknown) {
      calls.push({ method: 'respond', payload: structuredClone(choices) });
    },
  };
  return wrap(obj, calls);
}

/** Every way a message payload breaks Discord's limits; empty when it is fine. */
export function limitViolations(p: { content?: string; embeds?: APIEmbed[]; components?: any[] }): string[] {
  const out: string[] = [];
  const len = (s: string | undefined) => s?.length ?? 0;
  if (len(p.content) > 2000) out.push(`content ${len(p.content)}`);
  const embeds = p.embeds ?? [];
  if (embeds.length > 10) out.push(`${embeds.length} embeds`);
  let total = 0;
  embeds.forEach((e, i) => {
    if (len(e.title) > 256) out.push(`embed ${i} title ${len(e.title)}`);
    if (len(e.description) > 4096) out.push(`embed ${i} description ${len(e.description)}`);
    if (len(e.footer?.text) > 2048) out.push(`embed ${i} footer ${len(e.footer?.text)}`);
    const fields = e.fields ?? [];
    if (fields.length > 25) out.push(`embed ${i} has ${fields.length} fields`);
    fields.forEach((f, j) => {
      if (f.name.length === 0 || f.name.length > 256) out.push(`embed ${i} field ${j} name ${f.name.length}`);
      if (f.value.length === 0 || f.value.length > 1024) out.push(`embed ${i} field ${j} value ${f.value.length}`);
    });
    if (!e.title && !e.description && fields.length === 0 && !e.footer) out.push(`embed ${i} is empty`);
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name) + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  });
  if (total > 6000) out.push(`embeds total ${total}`);
  const rows = p.components ?? [];
  if (rows.length > 5) out.push(`${rows.length} rows`);
  // Discord refuses a message whose components share a custom id (COMPONENT_CUSTOM_ID_DUPLICATED).
  const ids = new Set<string>();
  for (const row of rows) {
    for (const b of row.components) {
      if (b.custom_id === undefined) continue;
      if (ids.has(b.custom_id)) out.push(`custom id ${b.custom_id} twice`);
      ids.add(b.custom_id);
    }
  }
  for (const row of rows) {
    if (row.components.length > 5) out.push(`row of ${row.components.length}`);
    for (const b of row.components) {
      if (b.custom_id.length > 100) out.push(`custom id ${b.custom_id.length}`);
      if (b.label.length === 0 || b.label.length > 80) out.push(`label ${b.label.length}`);
    }
  }
  // JSON.stringify writes well-formed pairs as they are and escapes only lone surrogates.
  if (/(^|[^\\])(\\\\)*\\ud[89a-f][0-9a-f]{2}/i.test(JSON.stringify(p))) out.push('lone surrogate');
  if (!p.content && embeds.length === 0) out.push('empty message');
  return out;
}

/** A logger that keeps its lines, for asserting what was (and was not) logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, extra?: unknown) => {
    const rest = extra instanceof Error ? ` ${extra.stack}` : extra === undefined ? '' : ` ${JSON.stringify(extra)}`;
    lines.push(`${level} ${msg}${rest}`);
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * Runs stand-in interactions through the real interaction handlers over `engine`, with a fresh
 * configuration and conversations, no rate limit, and `feedback` (or none); every reply, edit
 * and follow-up is checked against Discord's limits.
 */
export function handlerRunner(engine: Engine, feedback: Feedback | null = null): (s: StandIn) => Promise<StandIn> {
  const config = loadDiscordConfig({ DISCORD_TOKEN: 'test-token-not-real' });
  const ctx: HandlerContext = {
    engine,
    logger: recordingLogger(),
    config,
    limiter: createRateLimiter({ limit: 0 }),
    conversations: createConversations(config.conversations),
    feedback,
  };
  const handle = createInteractionHandler(ctx);
  return async (s: StandIn) => {
    await handle(s.interaction);
    for (const c of s.calls)
      if (c.method === 'reply' || c.method === 'editReply' || c.method === 'followUp') expect(limitViolations(c.payload), c.method).toEqual([]);
    return s;
  };
}

/** Feedback kept in a fresh SQLite file, bound to `engine`'s corpus version. */
export function newFeedback(engine: Engine): Feedback {
  return createFeedback({
    settings: { file: path.join(tempDir(), 'feedback.sqlite'), windowDays: 30 },
    corpusVersion: () => engine.stats().corpusVersion ?? '',
  });
}

/** Every button of every response a stand-in recorded. */
export const buttonsOf = (s: StandIn) =>
  s.calls.filter((c) => c.payload?.components).flatMap((c) => c.payload.components.flatMap((r: any) => r.components)) as { label: string; custom_id: string }[];
