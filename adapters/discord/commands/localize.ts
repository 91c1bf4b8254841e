import { Locale, type LocalizationMap } from 'discord.js';

/** The same string for both English locales Discord offers, and its Vietnamese form. */
export function localized(vi: string, en: string): LocalizationMap {
  return { [Locale.Vietnamese]: vi, [Locale.EnglishUS]: en, [Locale.EnglishGB]: en };
}
