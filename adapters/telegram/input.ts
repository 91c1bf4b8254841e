/** Reading what users send: cleaning questions, parsing ids and button data. Pure; never throws. */
import { isParagraphId } from '../../src/index.js';

// Zero-width characters, bidirectional controls and other invisible format characters: they
// change nothing a reader sees but would change what the engine matches.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;
// C0 and C1 control characters except tab and line breaks.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** NFC, no invisible or control characters, white space collapsed and trimmed. */
export function cleanText(raw: string): string {
  if (typeof raw !== 'string') return '';
  return raw
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** True when the text has a letter or a digit: anything else is not a question. */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * A user-supplied string shown back inside a reply, cut short so that a 5,000-character id or
 * a flood of text is not echoed in full. Plain text: the caller escapes it.
 */
export function shown(text: string, max = 48): string {
  const points = Array.from(cleanText(text));
  return points.length <= max ? points.join('') : `${points.slice(0, max - 1).join('')}…`;
}

/** A paragraph id as typed (`/source do-luong-lmc-2023#p3`), or null when it is not one. */
export function paragraphIdFrom(text: string): string | null {
  const id = cleanText(text);
  if (id.length === 0 || id.length > 140 || /\s/.test(id)) return null;
  return isParagraphId(id) ? id : null;
}

const SOURCE_PREFIX = 's:';
/** Telegram's limit for callback data, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Button data that opens a paragraph, or null when the id would not fit in 64 bytes. */
export function sourceButtonData(paragraphId: string): string | null {
  const data = SOURCE_PREFIX + paragraphId;
  return Buffer.byteLength(data, 'utf8') <= CALLBACK_DATA_MAX_BYTES ? data : null;
}

/**
 * The paragraph id in button data, or null for anything else. Clients can send any data they
 * like, so this is checked as strictly as a typed id; the id only ever reaches `engine.source`.
 */
export function parseButtonData(data: unknown): string | null {
  if (typeof data !== 'string' || !data.startsWith(SOURCE_PREFIX) || data.length > CALLBACK_DATA_MAX_BYTES) return null;
  const id = data.slice(SOURCE_PREFIX.length);
  return isParagraphId(id) && id === id.trim() ? id : null;
}
