/**
 * Discord's message limits, whatever goes in: documents (a title, a body, fields with buttons, a
 * footer) packed into embeds, messages and button rows so that sending never fails on size, and
 * the text helpers that keep Markdown and mentions inert. Knows nothing of the product's
 * messages. Pure functions that never throw.
 */
import { type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type APIEmbedField, ButtonStyle, ComponentType } from 'discord.js';
import { paragraphButtons } from '../shared/buttons.js';
import { endAtWord, safeUrl, wellFormed } from '../shared/text.js';

/** Discord's own limits: message content, embeds, buttons and autocomplete choices. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  /** Sum of titles, descriptions, field names and values, footers and author names of all embeds in one message. */
  embedsTotal: 6000,
  embeds: 10,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Highest `max_length` a slash command's string option may have. */
  optionValue: 6000,
} as const;

/** The prefix of the custom id of a "show this paragraph" button; the rest is the paragraph id. */
export const SOURCE_BUTTON_PREFIX = 'kc:p:';

/** Mentions never ping (`allowedMentions` is empty on every payload); this keeps that explicit. */
export const NO_MENTIONS = { parse: [] as [] };

/** A reply or follow-up: what the handlers hand to `editReply` / `followUp`. */
export interface OutMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** A field of a document, with an optional button to show the paragraph it cites. */
export interface DocField {
  name: string;
  value: string;
  paragraphId?: string;
  buttonLabel?: string;
}

/** A logical reply before it is cut to Discord's sizes. */
export interface EmbedDoc {
  title?: string;
  url?: string;
  color?: number;
  /** Free text shown as the description; split over several embeds when long. */
  body?: string;
  fields?: DocField[];
  footer?: string;
  /** Plain text above the first embed. */
  notice?: string;
}

const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Index ≤ `at` that does not fall between the two halves of a surrogate pair. */
function safeCut(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

/**
 * `text` cut to at most `max` UTF-16 units (a safe bound: Discord counts characters), between
 * words when a space is near the end (as Telegram's `truncateText` cuts), marked with an ellipsis.
 */
export function clip(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return ELLIPSIS;
  return endAtWord(text, safeCut(text, max - 1));
}

/**
 * Splits `text` into chunks of at most `max` units, preferring paragraph, line, sentence and
 * word breaks, never splitting a surrogate pair. Concatenating the chunks gives back `text`.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 2) throw new RangeError('max must be at least 2');
  const out: string[] = [];
  let at = 0;
  while (text.length - at > max) {
    const cut = breakAt(text.slice(at, at + max + 1), max);
    out.push(text.slice(at, at + cut));
    at += cut;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** Where to cut `text` so that the first part has at most `max` units and ends at a natural break. */
function breakAt(text: string, max: number): number {
  const window = text.slice(0, max);
  const floor = Math.floor(max / 2);
  for (const sep of ['\n\n', '\n', '. ', ' ']) {
    const i = window.lastIndexOf(sep);
    if (i >= floor) return i + sep.length;
  }
  return safeCut(text, max);
}

/**
 * Makes text from users or from the corpus inert in Markdown: no emphasis, code, spoilers,
 * headings, quotes, lists or masked links, and `@everyone` / `@here` / `<@id>` shown as text
 * rather than as mentions. Linear in the text's length (discord.js's `escapeMarkdown` is not,
 * and takes seconds on a long answer). Discord shows a backslash before punctuation as nothing.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\*_~`|]/g, '\\$&')
    .replace(/^([ \t]*)(#{1,3}[ \t]|-#[ \t]|>|[-+][ \t])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.(?=[ \t])/gm, '$1\\.')
    .replace(/\]\(/g, '\\](')
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<([@#])/g, '<\u200b$1');
}

const sourceButtons = paragraphButtons(SOURCE_BUTTON_PREFIX, (customId) => customId.length <= LIMITS.customId);

/** Custom id of a button that shows a paragraph, or null when the id would be too long. */
export const sourceButtonId = sourceButtons.encode;

/** The paragraph id in a button's custom id, or null when the custom id is not one of ours. */
export const parseSourceButtonId = sourceButtons.decode;

// A description chunk shorter than this is not worth squeezing into the end of a full message.
const MIN_CHUNK = 400;

/**
 * Cuts a document into messages that respect every embed, message and component limit:
 * description chunks of ≤ 4,096, ≤ 25 fields per embed, ≤ 10 embeds and ≤ 6,000 embed
 * characters per message, and at most 25 buttons (5 rows of 5), so each citation's button
 * travels in the same message as its field. The title goes on the first embed, the footer on
 * the last one.
 */
export function packDoc(doc: EmbedDoc): OutMessage[] {
  const title = doc.title ? clip(wellFormed(doc.title).trim(), LIMITS.title) : '';
  const footer = doc.footer ? clip(wellFormed(doc.footer).trim(), LIMITS.footer) : '';
  const url = safeUrl(doc.url);
  // The footer is reserved in every message because which message ends up last is known only at the end.
  const budget = (first: boolean) => LIMITS.embedsTotal - footer.length - (first ? title.length : 0);

  interface Draft {
    embeds: APIEmbed[];
    used: number;
    buttons: APIButtonComponent[];
  }
  const messages: Draft[] = [];
  let msg: Draft = { embeds: [], used: 0, buttons: [] };
  messages.push(msg);
  const newMessage = () => {
    msg = { embeds: [], used: 0, buttons: [] };
    messages.push(msg);
  };
  const room = () => budget(messages.length === 1) - msg.used;
  const newEmbed = (): APIEmbed => {
    if (msg.embeds.length >= LIMITS.embeds) newMessage();
    const e: APIEmbed = {};
    if (doc.color !== undefined) e.color = doc.color;
    if (messages.length === 1 && msg.embeds.length === 0) {
      if (title) e.title = title;
      if (url) e.url = url;
    }
    msg.embeds.push(e);
    return e;
  };

  let body = doc.body ? wellFormed(doc.body) : '';
  while (body.trim().length > 0) {
    if (room() < Math.min(MIN_CHUNK, body.length) && msg.used > 0) newMessage();
    const max = Math.min(LIMITS.description, room());
    const chunk = body.length <= max ? body : body.slice(0, breakAt(body, max));
    body = body.slice(chunk.length);
    const text = chunk.trim();
    if (!text) continue;
    const e = newEmbed();
    e.description = text;
    msg.used += text.length;
  }

  let current: APIEmbed | null = null;
  for (const f of doc.fields ?? []) {
    const name = clip(wellFormed(f.name).trim(), LIMITS.fieldName) || '\u200b';
    const value = clip(wellFormed(f.value).trim(), LIMITS.fieldValue) || '\u200b';
    const id = f.paragraphId ? sourceButtonId(f.paragraphId) : null;
    // Discord refuses a message with two buttons of one custom id: a paragraph that already has
    // its button in the message gets no second one.
    const hasButton = () => id !== null && msg.buttons.some((b) => 'custom_id' in b && b.custom_id === id);
    const size = name.length + value.length;
    const full = size > room() || (id !== null && !hasButton() && msg.buttons.length >= LIMITS.buttonsPerRow * LIMITS.rows);
    if (full) {
      newMessage();
      current = null;
    }
    const customId = hasButton() ? null : id;
    if (!current) {
      // Fields may share the embed that holds the last description chunk.
      const last = msg.embeds[msg.embeds.length - 1];
      current = last && (last.fields?.length ?? 0) < LIMITS.fields ? last : newEmbed();
    } else if ((current.fields?.length ?? 0) >= LIMITS.fields) {
      current = newEmbed();
    }
    (current.fields ??= []).push({ name, value } satisfies APIEmbedField);
    msg.used += size;
    if (customId) {
      msg.buttons.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: customId,
        label: clip(wellFormed(f.buttonLabel ?? f.paragraphId ?? '').trim(), LIMITS.buttonLabel) || '…',
      });
    }
  }

  const last = messages[messages.length - 1]!;
  if (last.embeds.length === 0) {
    msg = last;
    newEmbed();
  }
  if (footer) last.embeds[last.embeds.length - 1]!.footer = { text: footer };
  // An embed needs something to show: a first embed that has only a title is fine, an empty one is not.
  for (const m of messages) for (const e of m.embeds) if (!e.title && !e.description && !e.fields && !e.footer) e.description = '\u200b';

  return messages
    .filter((m) => m.embeds.length > 0)
    .map((m, i) => {
      const out: OutMessage = { embeds: m.embeds, components: rows(m.buttons) };
      if (i === 0 && doc.notice) out.content = clip(wellFormed(doc.notice), LIMITS.content);
      return out;
    });
}

function rows(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const out: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length && out.length < LIMITS.rows; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

/** A short plain message (errors, refusals of service), clipped to the content limit. */
export function plainMessage(text: string): OutMessage {
  return { content: clip(wellFormed(text), LIMITS.content), embeds: [], components: [] };
}
