/**
 * The parts of discord.js interactions that the handlers use. discord.js's own classes satisfy
 * these shapes, and tests pass small recorders instead, so handlers never need a live gateway.
 */
import type { MessageFlags } from 'discord.js';
import type { Engine, Feedback, Logger } from '../../src/index.js';
import type { Conversations } from '../shared/conversations.js';
import type { DiscordConfig } from './config.js';
import type { Clock } from '../shared/clock.js';
import type { OutMessage } from './embeds.js';
import type { RateLimiter } from '../shared/rate-limit.js';

/** An edit of the deferred reply: its visibility was fixed by the deferral, so no flags. */
export interface EditPayload extends OutMessage {
  allowedMentions: { parse: [] };
}

/** A new message: no pings, and the ephemeral flag when private. */
export interface ReplyPayload extends EditPayload {
  flags?: MessageFlags.Ephemeral;
}

export interface Responder {
  readonly user: { readonly id: string };
  readonly guildId: string | null;
  /** The channel (or direct-message channel) the interaction came from. */
  readonly channelId: string | null;
  readonly locale: string;
  readonly deferred: boolean;
  readonly replied: boolean;
  deferReply(options: { flags?: MessageFlags.Ephemeral }): Promise<unknown>;
  editReply(options: EditPayload): Promise<unknown>;
  followUp(options: ReplyPayload): Promise<unknown>;
  reply(options: ReplyPayload): Promise<unknown>;
}

export interface ChatInput extends Responder {
  readonly commandName: string;
  readonly options: {
    getString(name: string, required?: boolean): string | null;
    getBoolean(name: string, required?: boolean): boolean | null;
  };
}

export interface MessageMenu extends Responder {
  readonly commandName: string;
  readonly targetMessage: {
    readonly content: string;
    readonly embeds: readonly { readonly title: string | null; readonly description: string | null }[];
  };
}

export interface AutocompleteInput {
  readonly commandName: string;
  readonly user: { readonly id: string };
  readonly guildId: string | null;
  readonly locale: string;
  readonly options: { getFocused(): string };
  respond(choices: { name: string; value: string }[]): Promise<unknown>;
}

/** A form shown in answer to a button (Discord's modal): one optional paragraph of text. */
export interface ModalForm {
  custom_id: string;
  title: string;
  components: { type: 1; components: { type: 4; custom_id: string; label: string; style: 2; required: false; max_length: number; placeholder: string }[] }[];
}

export interface ButtonPress extends Responder {
  readonly customId: string;
  /** Answers the press with a form (instead of a reply). */
  showModal(modal: ModalForm): Promise<unknown>;
}

/** A submitted form. */
export interface FormSubmit extends Responder {
  readonly customId: string;
  readonly fields: { getTextInputValue(customId: string): string };
}

/** Shared by every handler. */
export interface HandlerContext {
  engine: Engine;
  logger: Logger;
  config: DiscordConfig;
  limiter: RateLimiter;
  /** Times the edits of streamed drafts; the real clock unless a test passes a virtual one. */
  clock?: Clock;
  /** Earlier turns per channel and user, for follow-ups; none kept when absent. */
  conversations?: Conversations;
  /** 👍/👎 under answers; none when absent or null. */
  feedback?: Feedback | null;
}

export interface ChatCommand {
  kind: 'chat';
  data: { readonly name: string; toJSON(): unknown };
  /** Whether the command costs an engine query and so counts against the per-user rate limit. */
  limited: boolean;
  execute(interaction: ChatInput, ctx: HandlerContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInput, ctx: HandlerContext): Promise<void>;
}

export interface MessageCommand {
  kind: 'message';
  data: { readonly name: string; toJSON(): unknown };
  limited: boolean;
  execute(interaction: MessageMenu, ctx: HandlerContext): Promise<void>;
}

export type Command = ChatCommand | MessageCommand;
