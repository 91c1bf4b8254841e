import type { Interaction } from 'discord.js';
import { commands as defaultCommands } from './commands/index.js';
import { pressSourceButton } from './commands/source.js';
import { pressFeedback, submitWhy } from './commands/feedback.js';
import { showsDraft } from './draft.js';
import { NO_MENTIONS, plainMessage } from './embeds.js';
import type { Command, HandlerContext, Responder } from './interaction.js';
import { errorText } from '../shared/messages.js';
import { langOf, messagesFor } from './messages.js';
import { payload, replyShort } from './respond.js';

export interface HandlerState {
  /** Set on shutdown: new interactions get a short "restarting" reply instead of an answer. */
  closing: boolean;
}

/**
 * The single error boundary: logs the whole failure, then tells the user a short message chosen
 * by the error's code, through whichever response the interaction still allows. Never a stack
 * trace, never the error's own message (it may name files or providers).
 */
export async function withBoundary(i: Responder, ctx: HandlerContext, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    ctx.logger.error(`discord ${what} failed (user ${i.user.id}, guild ${i.guildId ?? 'none'})`, err);
    const msg = plainMessage(errorText(langOf(i.locale), err));
    try {
      // An unchecked draft is replaced by the message, never left standing above it.
      if (i.deferred && (!i.replied || showsDraft(i))) await i.editReply({ ...msg, allowedMentions: NO_MENTIONS });
      else if (i.deferred || i.replied) await i.followUp(payload(msg, true));
      else await i.reply(payload(msg, true));
    } catch (second) {
      ctx.logger.error(`discord ${what}: could not tell the user about the failure`, second);
    }
  }
}

function guildAllowed(ctx: HandlerContext, guildId: string | null): boolean {
  const allowed = ctx.config.allowedGuilds;
  return allowed.size === 0 || (guildId !== null && allowed.has(guildId));
}

/**
 * Routes every interaction: autocomplete, slash and message commands, and the "show paragraph"
 * buttons. Checks, in order: shutdown, the guild allow-list, the command, the per-user rate limit.
 */
export function createInteractionHandler(
  ctx: HandlerContext,
  state: HandlerState = { closing: false },
  registry: readonly Command[] = defaultCommands,
): (interaction: Interaction) => Promise<void> {
  const byName = new Map(registry.map((c) => [c.data.name, c]));

  return async (interaction) => {
    if (interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      try {
        if (state.closing || !guildAllowed(ctx, interaction.guildId) || command?.kind !== 'chat' || !command.autocomplete) {
          await interaction.respond([]);
          return;
        }
        await command.autocomplete(interaction, ctx);
      } catch (err) {
        // Autocomplete has no way to show an error; an empty list is the polite failure.
        ctx.logger.warn(`discord autocomplete for ${interaction.commandName} failed`, err);
      }
      return;
    }

    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand() || interaction.isButton() || interaction.isModalSubmit()) {
      const i = interaction;
      const t = messagesFor(langOf(i.locale));
      const what = i.isButton() ? 'button' : i.isModalSubmit() ? 'form' : `command ${i.commandName}`;
      await withBoundary(i, ctx, what, async () => {
        if (state.closing) return void (await replyShort(i, t.closing));
        if (!guildAllowed(ctx, i.guildId)) {
          ctx.logger.warn(`discord ${what} from guild ${i.guildId ?? 'none'} outside DISCORD_ALLOWED_GUILDS`);
          return void (await replyShort(i, t.guildNotAllowed));
        }
        if (i.isButton()) return ctx.feedback?.owns(i.customId) ? pressFeedback(i, ctx) : pressSourceButton(i, ctx);
        if (i.isModalSubmit()) return submitWhy(i, ctx);

        const command = byName.get(i.commandName);
        if (!command) return void (await replyShort(i, t.unknownCommand));
        if (command.limited) {
          const r = ctx.limiter.take(i.user.id);
          if (!r.ok) return void (await replyShort(i, t.rateLimited(Math.max(1, Math.ceil(r.retryAfterMs / 1000)))));
        }
        if (command.kind === 'chat' && i.isChatInputCommand()) return command.execute(i, ctx);
        if (command.kind === 'message' && i.isMessageContextMenuCommand()) return command.execute(i, ctx);
        await replyShort(i, t.unknownCommand);
      });
    }
  };
}
