/**
 * Vietnamese text normalisation. Quotes are checked against NFC text, and retrieval works on
 * two forms of every token: the lower-cased marked form ("hội") and the folded form ("hoi"),
 * because people on phones often type without tone marks.
 */

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
// C0/C1 control characters except tab and newlines.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** NFC, invisible and control characters removed, non-breaking spaces made plain. */
export function nfc(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, '').replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
}

/** NFC and runs of white space collapsed to one space, trimmed. */
export function normalizeSpace(text: string): string {
  return nfc(text).replace(/\s+/g, ' ').trim();
}

const COMBINING = /[\u0300-\u036f]/g;

/** Removes tone marks and vowel diacritics, maps đ/Đ to d/D; keeps case. */
export function stripMarks(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** Lower-cased, tone-mark-free form used for matching queries typed without marks. */
export function fold(text: string): string {
  return stripMarks(text.toLowerCase());
}

/** True when the text has at least one Vietnamese diacritic or đ. */
export function hasMarks(text: string): boolean {
  return stripMarks(text) !== text;
}
