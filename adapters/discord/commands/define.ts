import { Locale, type LocalizationMap, SlashCommandBuilder, type SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { ChatCommand } from '../interaction.js';

/** The same string for both English locales Discord offers, and its Vietnamese form. */
export function localized(vi: string, en: string): LocalizationMap {
  return { [Locale.Vietnamese]: vi, [Locale.EnglishUS]: en, [Locale.EnglishGB]: en };
}

/** A text in Vietnamese and English. */
export interface Bilingual {
  vi: string;
  en: string;
}

/** What discord.js's command and option builders share for their name and description. */
interface Describable {
  setName(name: string): this;
  setNameLocalizations(map: LocalizationMap | null): this;
  setDescription(description: string): this;
  setDescriptionLocalizations(map: LocalizationMap | null): this;
}

/**
 * Names and describes a slash command or one of its options in both languages: English is the
 * default (what clients in other locales see), Vietnamese and both English locales are listed.
 */
export function described<T extends Describable>(builder: T, name: Bilingual, description: Bilingual): T {
  return builder
    .setName(name.en)
    .setNameLocalizations(localized(name.vi, name.en))
    .setDescription(description.en)
    .setDescriptionLocalizations(localized(description.vi, description.en));
}

export interface ChatCommandSpec extends Pick<ChatCommand, 'limited' | 'execute' | 'autocomplete'> {
  name: Bilingual;
  description: Bilingual;
  /** Adds the command's options (each named and described with `described`). */
  options?: (builder: SlashCommandBuilder) => SlashCommandOptionsOnlyBuilder;
}

/** A slash command, named and described in both languages, with its options and handlers. */
export function chatCommand(spec: ChatCommandSpec): ChatCommand {
  const builder = described(new SlashCommandBuilder(), spec.name, spec.description);
  return {
    kind: 'chat',
    data: spec.options ? spec.options(builder) : builder,
    limited: spec.limited,
    execute: spec.execute,
    ...(spec.autocomplete ? { autocomplete: spec.autocomplete } : {}),
  };
}
