/**
 * Vietnamese text normalisation. Quotes are checked against NFC text, and retrieval works on
 * two forms of every token: the lower-cased marked form ("hội") and the folded form ("hoi"),
 * because people on phones often type without tone marks.
 */

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
// C0/C1 control characters except tab and newlines.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Code units below `SETTLED.length` that text can be made of without any normalisation: tab,
 * line breaks, printable ASCII, Latin-1 and Latin Extended-A/B letters and signs (not the soft
 * hyphen, nor İ, which lower-cases to two characters), the precomposed Vietnamese letters and
 * the common punctuation of U+2010–U+205E (dashes, quotes, bullets, ellipsis; not the invisible
 * and spacing characters `nfc` removes or replaces). Each is unchanged by `nfc`, lower-cases and
 * folds to one character, and composes with no neighbour, so a text made only of them is
 * already NFC, and so is every piece of it (tested against `String.prototype.normalize` for
 * every pair of them).
 */
const SETTLED = new Uint8Array(0x205f);
SETTLED[0x09] = SETTLED[0x0a] = SETTLED[0x0d] = 1;
SETTLED.fill(1, 0x20, 0x7f);
SETTLED.fill(1, 0xa1, 0x250);
SETTLED[0xad] = SETTLED[0x130] = 0;
SETTLED.fill(1, 0x1ea0, 0x1efa);
SETTLED.fill(1, 0x2010, 0x2028);
SETTLED.fill(1, 0x2030, 0x205f);

/** Whether every code unit of `text` is one that needs no normalisation (see `SETTLED`): then `nfc(text) === text`. */
export function isSettled(text: string): boolean {
  const n = SETTLED.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= n || SETTLED[c] === 0) return false;
  }
  return true;
}

/** NFC, invisible and control characters removed, non-breaking spaces made plain. */
export function nfc(text: string): string {
  // Stored paragraphs are almost always made of settled characters only: one scan instead of normalising.
  if (isSettled(text)) return text;
  const t = text.normalize('NFC');
  // Most text has none of the characters replaced: one pass over it instead of three.
  if (!hasSpecial(t)) return t;
  return t
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
}

/** Whether `t` has a character that `nfc` removes or replaces (invisible, control, a space other than the plain one). */
function hasSpecial(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    } else if (c >= 0x7f) {
      if (c <= 0xa0 || c === 0xad || c === 0x3000 || c === 0xfeff) return true;
      if (c >= 0x2000 && c <= 0x2069 && (c <= 0x200f || (c >= 0x202a && c <= 0x202f) || (c >= 0x205f && c !== 0x2065))) return true;
    }
  }
  return false;
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

/** What `stripMarks` does with each character below U+1F00: 0 keeps it, `DROP` removes it (a combining mark), else its base letter's code. */
const STRIP = new Uint16Array(0x1f00);
const DROP = 0xffff;
for (const [c, base] of BASE) STRIP[c] = base.charCodeAt(0);
STRIP.fill(DROP, 0x300, 0x370);

/** Output of `stripMarks`, reused (grown when a longer text comes). */
let stripped = new Uint16Array(1024);

/** Removes tone marks and vowel diacritics, maps đ/Đ to d/D; keeps case. */
export function stripMarks(text: string): string {
  const t = /[\u0300-\u036f]/.test(text) ? text.normalize('NFC') : text;
  const n = t.length;
  let i = 0;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0xc0 && c < 0x1f00 && STRIP[c] !== 0) break;
  }
  if (i === n) return t;
  // Characters are mapped one for one (or dropped) into a buffer, which becomes one string.
  if (stripped.length < n) stripped = new Uint16Array(Math.max(n, 2 * stripped.length));
  const out = stripped;
  for (let j = 0; j < i; j++) out[j] = t.charCodeAt(j);
  let o = i;
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    const m = c >= 0xc0 && c < 0x1f00 ? (STRIP[c] as number) : 0;
    if (m === 0) out[o++] = c;
    else if (m !== DROP) out[o++] = m;
  }
  // Short strings are made from the codes directly; long ones through a Buffer (UTF-16 code units, lone surrogates kept).
  if (o <= 256) return String.fromCharCode.apply(null, out.subarray(0, o) as unknown as number[]);
  return Buffer.from(out.buffer, out.byteOffset, 2 * o).toString('utf16le');
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

/**
 * Where a syllable ending in "oa", "oe" or "uy" carries its tone mark is a matter of style:
 * "hóa" and "hoá", "hòa" and "hoà", "thủy" and "thuỷ", "khỏe" and "khoẻ", "Ủy" and "Uỷ" are the
 * same word, and news sites write both (the baomoi articles: "hoá" 9,749 times, "hóa" 19,281;
 * "toà" 22,961, "tòa" 6,174). Lower-cased text with the mark always on the first of the two
 * vowels, one character for one, so offsets stay those of the text: the form every word is
 * matched and indexed in. "quý" keeps its mark ("qu" is a consonant), and so does a syllable
 * that goes on ("hoàn", "khuyến"), where both styles agree.
 */
export function canonicalTones(lower: string): string {
  if (!SECOND_MARKED_TEST.test(lower)) return lower;
  return lower.replace(SECOND_MARKED, (pair: string) => {
    const first = pair[0] as string;
    const second = pair[1] as string;
    const tone = TONE_OF.get(second) as number;
    return `${MARKED[first]?.[tone] ?? first}${BASE.get(second.charCodeAt(0)) ?? second}`;
  });
}
/** A tone mark (acute, grave, hook, tilde, dot below: 0-4) on the second vowel of "oa", "oe", "uy". */
const SECOND_VOWELS: Record<string, string> = { a: 'áàảãạ', e: 'éèẻẽẹ', y: 'ýỳỷỹỵ' };
const TONE_OF = new Map(Object.values(SECOND_VOWELS).flatMap((marks) => [...marks].map((c, i) => [c, i] as const)));
const MARKED: Record<string, string> = { o: 'óòỏõọ', u: 'úùủũụ' };
const SECOND_MARKED = /(?<!q)(?:o[áàảãạéèẻẽẹ]|u[ýỳỷỹỵ])(?![\p{L}\p{M}\p{N}])/gu;
const SECOND_MARKED_TEST = /o[áàảãạéèẻẽẹ]|u[ýỳỷỹỵ]/u;
