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
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
}

/** NFC and runs of white space collapsed to one space, trimmed. */
export function normalizeSpace(text: string): string {
  return nfc(text).replace(/\s+/g, ' ').trim();
}

const COMBINING = /[\u0300-\u036f]/g;

/**
 * Base letter of every precomposed Latin letter with marks (Latin-1 Supplement to Latin
 * Extended Additional, which covers all of Vietnamese), computed once from Unicode's own
 * decompositions: folding is then a table lookup per character, not a normalisation per word.
 */
const BASE = new Map<number, string>();
for (const [from, to] of [
  [0x00c0, 0x024f],
  [0x1e00, 0x1eff],
]) {
  for (let c = from as number; c <= (to as number); c++) {
    const ch = String.fromCharCode(c);
    const base = ch.normalize('NFD').replace(COMBINING, '');
    if (base !== ch && base.length === 1) BASE.set(c, base);
  }
}
BASE.set(0x0111, 'd');
BASE.set(0x0110, 'D');

/** Removes tone marks and vowel diacritics, maps đ/Đ to d/D; keeps case. */
export function stripMarks(text: string): string {
  let out = '';
  let from = 0;
  const t = /[\u0300-\u036f]/.test(text) ? text.normalize('NFC') : text;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0xc0) continue;
    const base = BASE.get(c);
    if (base !== undefined) {
      out += t.slice(from, i) + base;
      from = i + 1;
    } else if (c >= 0x300 && c <= 0x36f) {
      out += t.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? t : out + t.slice(from);
}

/** Lower-cased, tone-mark-free form used for matching queries typed without marks. */
export function fold(text: string): string {
  return stripMarks(text.toLowerCase());
}

/** True when the text has at least one Vietnamese diacritic or đ. */
export function hasMarks(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xc0 && (BASE.has(c) || (c >= 0x300 && c <= 0x36f))) return true;
  }
  return false;
}
