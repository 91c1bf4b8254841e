import { Locale, type LocalizationMap } from 'discord.js';

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
