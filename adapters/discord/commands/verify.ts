import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import type { MessageCommand, MessageMenu } from '../interaction.js';
import { langOf, messagesFor } from '../messages.js';
import { checkStatement } from '../check.js';
import { localized } from './define.js';

export const data = new ContextMenuCommandBuilder()
  .setName('Verify')
  .setNameLocalizations(localized('Kiểm chứng', 'Verify'))
  .setType(ApplicationCommandType.Message);

/** The text of the target message; an embed-only message (another bot's, say) is read from its embeds. */
export function messageText(message: MessageMenu['targetMessage']): string {
  if (message.content.trim()) return message.content;
  return message.embeds
    .flatMap((e) => [e.title, e.description])
    .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
    .join('\n');
}

/** "Kiểm chứng" / "Verify" on a message: its text is checked against the articles, privately. */
export const verify: MessageCommand = {
  kind: 'message',
  data,
  limited: true,
  execute: (i, ctx) => checkStatement(i, ctx, messageText(i.targetMessage), { ephemeral: true, emptyText: messagesFor(langOf(i.locale)).emptyMessage }),
};
