import { MessageFlags } from 'discord.js';
import { replacedDraft } from './draft.js';
import { NO_MENTIONS, type OutMessage, plainMessage } from './embeds.js';
import type { ReplyPayload, Responder } from './interaction.js';

const EPHEMERAL = { flags: MessageFlags.Ephemeral } as const;

/** Defers at once: Discord drops an interaction that has no response within three seconds. */
export function defer(i: Responder, ephemeral: boolean): Promise<unknown> {
  return i.deferReply(ephemeral ? EPHEMERAL : {});
}

/**
 * Sends a rendered reply after `defer`: the first message replaces the "thinking…" placeholder
 * (or a draft), the rest follow. Follow-ups do not inherit the deferral's visibility, so they
 * carry the flag.
 */
export async function sendDeferred(i: Responder, messages: OutMessage[], ephemeral: boolean): Promise<void> {
  const [first, ...rest] = messages;
  if (!first) return;
  await i.editReply({ ...first, allowedMentions: NO_MENTIONS });
  replacedDraft(i);
  for (const m of rest) await i.followUp(payload(m, ephemeral));
}

/** A short private answer to an interaction that has not been answered yet (refusals of service, bad input). */
export function replyShort(i: Responder, text: string): Promise<unknown> {
  return i.reply(payload(plainMessage(text), true));
}

export function payload(m: OutMessage, ephemeral: boolean): ReplyPayload {
  return { ...m, allowedMentions: NO_MENTIONS, ...(ephemeral ? EPHEMERAL : {}) };
}
