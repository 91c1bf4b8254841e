/// <reference lib="dom" />
// The DOM types describe linkedom's documents (its typings are written against them).
import { type FoundDate, findDates } from '../text/find-dates.js';
import { normalizeSpace } from '../text/normalize.js';
import { inTimeZone, parseTimestamp } from '../text/parse-timestamp.js';
import type { PageMetadata } from './metadata.js';
import { nameWords } from './blocks.js';

export interface PageDate {
  /** YYYY-MM-DD as the page's clock reads it. */
  date: string;
  /** HH:MM when given. */
  time?: string;
  /** Where it was read: json-ld, meta, <time>, the date line beside the title, the body. */
  from: string;
}

/** Where dates are read when no place is given: the ministry's (KIEMCHUNG_TIME_ZONE's default). */
const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A date line is short: the date with a weekday, a time, a zone, "Cập nhật", a place. */
const MAX_DATE_LINE = 140;
/** Text pieces looked at on each side of the title. */
const WINDOW = 24;
const DATE_NAMES = /date|time|publish|posted|ngay|thoigian|thoi-gian|timestamp|byline|meta|info|signature|dateline|pubtime/;

interface TextPiece {
  text: string;
  el: Element;
}

/** Text pieces (text nodes joined per parent element) in document order. */
function textPieces(root: Element): TextPiece[] {
  const out: TextPiece[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === 3) {
      const t = normalizeSpace(node.textContent ?? '');
      const parent = node.parentElement;
      if (!t || !parent) return;
      const last = out[out.length - 1];
      if (last && last.el === parent) last.text = `${last.text} ${t}`;
      else out.push({ text: t, el: parent });
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') return;
    for (const c of Array.from(node.childNodes)) visit(c);
  };
  visit(root);
  return out;
}

/** The line a text piece sits on: its nearest block ancestor's text when that is short. */
function lineOf(piece: TextPiece): { text: string; el: Element } {
  let el: Element = piece.el;
  for (let depth = 0; depth < 3 && el.parentElement; depth++) {
    const t = normalizeSpace(el.textContent ?? '');
    if (
      /^(P|DIV|SPAN|LI|TD|TIME|H[1-6]|HEADER|SECTION|ARTICLE|A|FONT|LABEL|EM|I|B|STRONG|SMALL)$/.test(el.tagName) &&
      t.length <= MAX_DATE_LINE &&
      t.length >= piece.text.length
    ) {
      const parent = el.parentElement;
      const pt = normalizeSpace(parent.textContent ?? '');
      if (pt.length <= MAX_DATE_LINE && /^(P|DIV|SPAN|LI|TD|TIME|FONT|SMALL)$/.test(parent.tagName)) {
        el = parent;
        continue;
      }
      return { text: t, el };
    }
    break;
  }
  return { text: piece.text, el: piece.el };
}

function dayWithYear(d: FoundDate): boolean {
  return d.precision === 'day' && d.from !== undefined;
}

function plausible(date: string, now: Date): boolean {
  const t = Date.parse(`${date}T00:00:00Z`);
  return t >= Date.UTC(1990, 0, 1) && t <= now.getTime() + 2 * 86_400_000;
}

function hasDateNames(el: Element): boolean {
  for (let e: Element | null = el, d = 0; e && d < 3; e = e.parentElement, d++) {
    if (e.tagName === 'TIME' || nameWords(e).some((w) => DATE_NAMES.test(w))) return true;
  }
  return false;
}

/** "Cập nhật", "Updated", "Mis à jour": what follows is when the page was last changed, not published. */
const UPDATED =
  /(?<![\p{L}\p{N}])(?:cập nhật|cap nhat|sửa|updated|update|last modified|modified|mis à jour|aktualizováno|actualizado|atualizado|aktualisiert)(?![\p{L}\p{N}])/iu;

/**
 * The publication date of a date line: its only date, or on a line that also says when the page
 * was updated ("20/06/2025 07:30 (GMT+7) - Cập nhật: 21/06/2025 09:00"), the one date before the
 * update.
 */
function publishedOf(line: string, found: FoundDate[]): FoundDate | null {
  if (found.length === 1) return found[0] as FoundDate;
  if (found.length === 0) return null;
  const m = UPDATED.exec(line);
  if (!m) return null;
  const before = found.filter((d) => d.end <= m.index);
  return before.length === 1 ? (before[0] as FoundDate) : null;
}

/**
 * A date in a list item that links elsewhere ("<li><a>Tin cũ: …</a> (20/05/2025)</li>") is the
 * linked article's date, not this one's.
 */
function inLinkedItem(line: Element, piece: Element): boolean {
  for (let e: Element | null = piece, d = 0; e && d < 4; e = e.parentElement, d++) {
    if (e.tagName !== 'LI' && e.tagName !== 'DT' && e.tagName !== 'DD') {
      if (e === line) break;
      continue;
    }
    const linked = Array.from(e.querySelectorAll('a'))
      .map((a) => normalizeSpace(a.textContent ?? ''))
      .filter((t) => /\p{L}/u.test(t) && findDates(t).length === 0);
    return linked.join(' ').length >= 12;
  }
  return false;
}

/** The date line closest to the title, read with `findDates` (Vietnamese and English forms, weekday, time, "chiều"). */
export function dateBesideTitle(root: Element, title: Element | null, now: Date): PageDate | null {
  const pieces = textPieces(root);
  if (pieces.length === 0) return null;
  let at = title ? pieces.findIndex((p) => title === p.el || title.contains(p.el)) : -1;
  if (at < 0) at = 0;
  let best: { date: PageDate; score: number } | null = null;
  for (let i = Math.max(0, at - WINDOW); i < Math.min(pieces.length, at + WINDOW); i++) {
    const piece = pieces[i] as TextPiece;
    if (piece.text.length > MAX_DATE_LINE * 2) continue;
    const line = lineOf(piece);
    if (line.text.length > MAX_DATE_LINE) continue;
    if (inLinkedItem(line.el, piece.el)) continue;
    const found = findDates(line.text).filter((d) => dayWithYear(d) && plausible(d.from as string, now));
    const d = publishedOf(line.text.normalize('NFC'), found);
    if (!d) continue;
    // The date must be most of the line ("Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)"), not a headline that mentions one.
    let rest = line.text;
    for (const x of found) rest = rest.replace(x.text, ' ');
    rest = rest.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const words = rest ? rest.split(' ').length : 0;
    if (words > 9) continue;
    const distance = Math.abs(i - at) + (i < at ? 2 : 0);
    const named = hasDateNames(line.el);
    // Widgets near the headline (scores, tickers) carry dates too: far from the title, only a
    // line marked as a date counts.
    if (!named && distance > 3) continue;
    const score = distance - (named ? 6 : 0) - (d.time ? 2 : 0) + words * 0.5;
    if (!best || score < best.score)
      best = { date: { date: d.from as string, ...(d.time ? { time: d.time } : {}), from: 'date line beside the title' }, score };
  }
  return best?.date ?? null;
}

const AUTHOR_NAMES = /author|byline|tac-?gia|writer|reporter|journalist/;

/** Short texts marked as the author beside the title ("Naufal Zuhdi" in a div.author-2 next to the date). */
export function authorsBesideTitle(root: Element, title: Element | null): string[] {
  if (!title) return [];
  const pieces = textPieces(root);
  const at = pieces.findIndex((p) => title === p.el || title.contains(p.el));
  if (at < 0) return [];
  const out: string[] = [];
  for (let i = Math.max(0, at - 6); i < Math.min(pieces.length, at + 12); i++) {
    const piece = pieces[i] as TextPiece;
    if (piece.text.length > 80) continue;
    for (let e: Element | null = piece.el, d = 0; e && d < 3; e = e.parentElement, d++) {
      if (e.getAttribute('rel') === 'author' || nameWords(e).some((w) => AUTHOR_NAMES.test(w) && !/date|time|avatar|image|photo/.test(w))) {
        const text = normalizeSpace(e.textContent ?? '');
        if (text.length <= 80 && !out.includes(text)) out.push(text);
        break;
      }
    }
  }
  return out;
}

/** `<time datetime>` elements: the one nearest the title, preferring those marked as publication. */
function timeElement(root: Element, now: Date, timeZone: string): PageDate | null {
  for (const t of Array.from(root.querySelectorAll('time'))) {
    const attr = t.getAttribute('datetime');
    const written = attr ? parseTimestamp(attr) : null;
    const parsed = written ? inTimeZone(written, timeZone) : null;
    if (parsed && plausible(parsed.date, now)) return { date: parsed.date, ...(parsed.time ? { time: parsed.time } : {}), from: '<time datetime>' };
  }
  return null;
}

/**
 * The publication date: the date line printed beside the title when there is one (what the
 * reader sees, and what some sites get wrong in their metadata), else JSON-LD or meta tags,
 * else `<time datetime>`. A metadata date of the same day lends its time to a line without one.
 * A machine timestamp with a zone ("2025-06-16T22:15:00+00:00") is an instant, read on the
 * clock of `timeZone` (KIEMCHUNG_TIME_ZONE): the day a reader there saw it published.
 */
export function findPageDate(root: Element, title: Element | null, meta: PageMetadata, now = new Date(), timeZone = DEFAULT_TIME_ZONE): PageDate | null {
  const fromMeta = (() => {
    for (const d of meta.publishedDates) {
      const written = parseTimestamp(d.value);
      const t = written ? inTimeZone(written, timeZone) : null;
      if (t && plausible(t.date, now)) return { date: t.date, ...(t.time ? { time: t.time } : {}), from: d.from } as PageDate;
    }
    return null;
  })();
  const line = dateBesideTitle(root, title, now);
  if (line) {
    if (!line.time && fromMeta?.time && fromMeta.date === line.date) return { ...line, time: fromMeta.time };
    return line;
  }
  return fromMeta ?? timeElement(root, now, timeZone);
}
