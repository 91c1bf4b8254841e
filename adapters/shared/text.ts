/**
 * Reading what users type and cutting text for display, the same way on every platform. Pure;
 * never throws.
 */
import { isParagraphId } from '../../src/index.js';

// Zero-width characters, bidirectional controls and other invisible format characters: they
// change nothing a reader sees but would change what the engine matches.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
// C0 and C1 control characters except tab and line breaks.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Removes unpaired surrogates, which cannot be sent as UTF-8 and which both platforms reject. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '');
}

/** NFC, no invisible or control characters, no unpaired surrogates, white space collapsed and trimmed. */
export function cleanText(raw: string): string {
  if (typeof raw !== 'string') return '';
  return wellFormed(raw).normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim();
}

/** True when the text has a letter or a digit: anything else is not a question. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** A question or query as the user typed it, cleaned and held to the engine's limit. */
export type TypedQuestion =
  | { kind: 'ok'; text: string; /** Cut to the limit (only when `overLimit` is `cut`). */ cut: boolean }
  | { kind: 'empty' }
  | { kind: 'too-long'; text: string; length: number };

/**
 * Reads a question or query: cleaned (`cleanText`), with words, and at most `maxChars` long
 * (the engine's `limits.maxQuestionChars`, in UTF-16 units as the engine counts). Longer text is
 * refused, or with `cut` (text the user cannot shorten, such as someone else's message) cut to
 * the limit.
 */
export function readQuestion(raw: string, maxChars: number, overLimit: 'refuse' | 'cut' = 'refuse'): TypedQuestion {
  const text = cleanText(raw);
  if (!hasWords(text)) return { kind: 'empty' };
  if (text.length <= maxChars) return { kind: 'ok', text, cut: false };
  if (overLimit === 'refuse') return { kind: 'too-long', text, length: text.length };
  return { kind: 'ok', text: wellFormed(text.slice(0, maxChars)), cut: true };
}

/**
 * Reads a text to check (a statement, or a whole forwarded post) as `readQuestion` reads a
 * question, but keeping its line breaks: a post's lines end its sentences even without a full
 * stop. `maxChars` is the engine's `limits.maxCheckChars`.
 */
export function readCheckText(raw: string, maxChars: number, overLimit: 'refuse' | 'cut' = 'refuse'): TypedQuestion {
  if (typeof raw !== 'string') return { kind: 'empty' };
  const text = wellFormed(raw)
    .split(/\r?\n|\r|\u2028|\u2029/)
    .map(cleanText)
    .filter((line) => line.length > 0)
    .join('\n');
  if (!hasWords(text)) return { kind: 'empty' };
  if (text.length <= maxChars) return { kind: 'ok', text, cut: false };
  if (overLimit === 'refuse') return { kind: 'too-long', text, length: text.length };
  return { kind: 'ok', text: wellFormed(text.slice(0, maxChars)), cut: true };
}

/**
 * `text` cut at `at` (a UTF-16 index) and ended between words, with an ellipsis: when `at` falls
 * inside a word, back to the last space before it if one is in the last 40%, so that no word is
 * shown in part ("… Viện Đo lư…").
 */
export function endAtWord(text: string, at: number): string {
  const cut = text.slice(0, at);
  const space = /\s/.test(text.charAt(at)) ? at : cut.lastIndexOf(' ');
  return `${(space > cut.length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Cuts plain text to at most `max` code points, at a space when one is near, adding an ellipsis. */
export function truncateText(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return endAtWord(text, points.slice(0, Math.max(1, max - 1)).join('').length);
}

/**
 * A user-supplied string shown back inside a reply, cut short so that a 5,000-character id or
 * a flood of text is not echoed in full. Plain text: the caller escapes it.
 */
export function shown(text: string, max = 48): string {
  const points = Array.from(cleanText(text));
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('')}…`;
}

/** Paragraph ids are at most 128 + 8 characters; anything longer is not one. */
export const MAX_PARAGRAPH_ID_CHARS = 140;

/**
 * A paragraph id as typed or sent back by a button (`do-luong-lmc-2023#p3`), or null when it is
 * not one. Only well-formed ids reach the engine, which looks them up in the index and never in
 * the file system, so `../../etc/passwd` is "not an id".
 */
export function paragraphIdFrom(text: string): string | null {
  const id = cleanText(text);
  if (id.length === 0 || id.length > MAX_PARAGRAPH_ID_CHARS || /\s/.test(id)) return null;
  return isParagraphId(id) ? id : null;
}

/**
 * The URL when it is an absolute http(s) URL both platforms make a link of, else undefined.
 * 2,048 characters at most: Discord refuses longer embed URLs, and no article needs one.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 2048) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
