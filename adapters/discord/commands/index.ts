import type { Command } from '../interaction.js';
import { add } from './add.js';
import { ask } from './ask.js';
import { check } from './check.js';
import { newConversation } from './new.js';
import { reindex } from './reindex.js';
import { search } from './search.js';
import { source } from './source.js';
import { verify } from './verify.js';

/** Every command the bot registers and answers. */
export const commands: readonly Command[] = [ask, check, newConversation, search, source, verify, reindex, add];

/** The bodies sent to Discord's bulk-overwrite endpoint (`toJSON` also runs discord.js's validation). */
export function commandBodies(list: readonly Command[] = commands): unknown[] {
  return list.map((c) => c.data.toJSON());
}
