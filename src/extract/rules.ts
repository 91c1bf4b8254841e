/// <reference lib="dom" />
// The DOM types describe linkedom's documents (its typings are written against them).
import { findDates } from '../text/find-dates.js';
import { fold, normalizeSpace } from '../text/normalize.js';
import type { Block } from './blocks.js';

/**
 * The product's rules for what a paragraph of an article is, written once for every site: no
 * rule names a site. They read what the markup and the text say (a picture beside the text, a
 * caption's class, a "Ảnh: …" credit, a right-aligned short name at the end, a list of links)
 * and apply to the old ministry portal's `/vn/tin-tuc/<id>/<slug>.aspx` pages, its current
 * `/<slug>-<digits>.htm` pages and newspapers alike.
 */
export type BlockRole = 'outside' | 'body' | 'caption' | 'heading' | 'title' | 'dateline' | 'boilerplate' | 'credit' | 'byline' | 'image';

/** Class or id words that name a caption (figure legends, photo descriptions, "chú thích ảnh"). */
const CAPTION_NAME = /caption|chu-?thich|chuthich|legend|desc[-_]*image|image[-_]*desc|photo[-_]*desc|img[-_]*desc|credit/;
const IMAGE_NAME = /^(image|img|photo|picture|hinh|anh)$/;
/** "Ảnh: V.D", "(Ảnh: TTXVN)", "Photo: Reuters", at the end of a short text. */
const PHOTO_CREDIT = /(?:^|[\s(–—-])(?:ảnh|ảnh minh họa|ảnh minh hoạ|hình|photo|foto|image|picture|credit|nguồn ảnh)\s*:\s*[^.!?]{1,80}\)?\.?$/iu;
const STARTS_LIKE_CAPTION = /^(ảnh|hình|photo|picture|foto)\b/iu;

/** Folded starts of lines that are page furniture, not article text. */
const FURNITURE = [
  'xem them',
  'xem tiep',
  'tin lien quan',
  'bai lien quan',
  'doc them',
  'tu khoa',
  'tags',
  'tag:',
  'chia se',
  'share',
  'lire aussi',
  'lire :',
  'lire la suite',
  'read more',
  'related',
  'see also',
  'advertisement',
  'quang cao',
  'binh luan',
  'y kien ban doc',
  'gui phan hoi',
  'gui y kien',
  'copyright',
  '©',
  'follow us',
  'theo doi',
  'moi ban doc',
  'ban dang xem',
  'in bai',
  'print',
  'email',
  'tin moi',
  'tin khac',
  'cac tin khac',
  'leia mais',
  'leia tambem',
  'baca juga',
  'ver mas',
  'mehr zum thema',
  'sign up',
  'subscribe',
  'dang ky nhan tin',
  'trở lại',
];

export interface ClassifyContext {
  /** Per block: Readability kept its element in the article. */
  kept: boolean[];
  /** Index of the title's block, or -1. */
  titleIndex: number;
  isTitle(text: string): boolean;
}

const share = (part: number, b: Block) => (b.text.length === 0 ? 0 : part / b.text.length);

/** A short line that is a date and little else ("Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)", "(24/12)"). */
export function isDateLine(text: string): boolean {
  if (text.length > 140) return false;
  const found = findDates(text);
  if (found.length === 0) {
    return /^\(?\d{1,2}[/.-]\d{1,2}\)?$/.test(text.trim());
  }
  let rest = text;
  for (const d of found) rest = rest.replace(d.text, ' ');
  const words = fold(rest.toLowerCase())
    .replace(DATE_WORDS, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return words === '' || words.split(' ').length <= 6;
}

/** Words that sit around a printed date: weekdays, "cập nhật", "updated", zones. */
const DATE_WORDS = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[
    'thu hai',
    'thu ba',
    'thu tu',
    'thu nam',
    'thu sau',
    'thu bay',
    'chu nhat',
    'cap nhat',
    'dang luc',
    'dang ngay',
    'ngay dang',
    'luc',
    'ngay',
    'gmt',
    'utc',
    'ict',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'updated',
    'published',
    'posted',
    'last modified',
    'am',
    'pm',
    'mis a jour le',
    'publie le',
    'le',
    'aktualizovano',
    'publikovano',
  ].join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Parts of class and id words that mark page furniture: polls, share bars, error-report boxes, related lists. */
const FURNITURE_PARTS = new Set([
  'vote',
  'voting',
  'poll',
  'survey',
  'share',
  'sharing',
  'social',
  'newsletter',
  'subscribe',
  'related',
  'tags',
  'comment',
  'comments',
  'advert',
  'advertisement',
  'ads',
  'promo',
  'sponsored',
  'rating',
  'breadcrumb',
  'breadcrumbs',
  'toolbar',
  'lienquan',
  'tinlienquan',
  'error',
]);

function furnitureNames(b: Block): boolean {
  for (const n of b.names.slice(0, 4)) {
    const parts = n.split(/[-_]+/);
    if (parts.some((p) => FURNITURE_PARTS.has(p))) return true;
    if (/^v(id|area)$/.test(n)) return true;
  }
  return false;
}

export function isFurniture(b: Block): boolean {
  const t = b.text;
  if (t.length <= 300 && furnitureNames(b)) return true;
  const f = fold(t.toLowerCase()).trim();
  const links = share(b.linkChars, b);
  if (/^(>>|»|→|\[|【|\||•)/.test(t) && (links > 0.4 || t.length < 200)) return true;
  if (links >= 0.6 && t.length <= 300) return true;
  if (
    t.length <= 160 &&
    FURNITURE.some((w) => f.startsWith(fold(w)) && (f.length === w.length || !/[\p{L}\p{N}]/u.test(f.charAt(fold(w).length)) || w.endsWith(':')))
  )
    return true;
  return false;
}

/**
 * Whether a block is a photo caption. `loose` evidence (text sharing an element with a picture)
 * counts only for text Readability kept; for text it dropped, the markup must say "caption".
 */
export function isCaption(b: Block, prev: Block | undefined, next: Block | undefined, kept = true): boolean {
  const t = b.text;
  // A picture's description followed by its credit on a line of its own ("Photo: AFP").
  if (t.length <= 600 && next?.kind === 'text' && next.text.length <= 80 && /^(ảnh|photo|foto|image|picture|credit|nguồn ảnh)\s*:/iu.test(next.text))
    return true;
  if (t.length > 400) return false;
  // "Tin, ảnh: Vũ Phương Thảo" credits the whole article, not a picture.
  const prefixed = BYLINE_PREFIX.exec(t);
  if (prefixed && nameLike(t.slice(prefixed[0].length).replace(/[.。]$/, ''))) return false;
  if (b.inFigcaption) return true;
  if (b.names.some((n) => CAPTION_NAME.test(n))) return true;
  if (b.titles.some((x) => normalizeSpace(x) === t)) return true;
  if (t.length <= 300 && PHOTO_CREDIT.test(t)) return true;
  if (b.names.slice(0, 2).some((n) => IMAGE_NAME.test(n)) && t.length <= 300) return true;
  if (!kept && isDateLine(t)) return false;
  if (b.withImage && t.length <= (kept ? 250 : 120) && share(b.linkChars, b) < 0.5 && (kept || !findDates(t).some((d) => d.precision === 'day'))) return true;
  const besideImage = prev?.kind === 'image' || next?.kind === 'image';
  if (besideImage && t.length <= 140) {
    if (b.align === 'center' || share(b.italicChars, b) >= 0.8 || STARTS_LIKE_CAPTION.test(t)) return true;
  }
  return false;
}

const HEADING_NAME = /sub-?title|subhead|heading|intertit|crosshead|^h[2-6]$/;

function isHeading(b: Block): boolean {
  if (b.text.length > 160) return false;
  if (b.text.length <= 120 && b.names.slice(0, 2).some((n) => HEADING_NAME.test(n))) return true;
  // A heading element holding a finished sentence is a lead or a paragraph set in large type.
  if (b.heading) return !(/[.!?…]["”»)]?$/.test(b.text) && b.text.length > 60);
  return b.text.length <= 100 && share(b.boldChars, b) >= 0.9 && !/[.!?…:;,"”»)]$/.test(b.text);
}

/** "Nguồn: …", "Theo …", "Source: …": where the article comes from. */
const CREDIT = /^(?:nguồn|theo|source|sources|fonte|fuente|quelle|sumber|via)\s*[:：]?\s+(.+)$/iu;
/** "Tin, ảnh: X", "Bài và ảnh: X", "Ảnh: X" before a byline's name. */
const BYLINE_PREFIX =
  /^(?:(?:tin|bài|ảnh|video|clip|nhóm phóng viên|pv)(?:\s*(?:,|và|&|-)\s*(?:tin|bài|ảnh|video|clip))*\s*[:：]\s*|by\s+|par\s+|por\s+|von\s+)/iu;

/** Author and source of a credit line: "Theo Sầm Hoa (Vietnamnet/Reuters)", "Theo Minh Nguyễn/Vcamp.vn", "Nguồn: MOST". */
export function splitCredit(line: string): { author?: string; source?: string } {
  const t = normalizeSpace(line).replace(/[.。]$/, '');
  const credit = CREDIT.exec(t);
  if (credit) {
    const rest = (credit[1] as string).trim();
    const paren = /^(.+?)\s*\(([^)]+)\)$/.exec(rest);
    if (paren) return { author: (paren[1] as string).trim(), source: (paren[2] as string).trim() };
    const slash = /^([^/]+?)\s*\/\s*(\S.*)$/.exec(rest);
    if (slash && /\.[a-z]{2,}$|^[A-Z]/.test(slash[2] as string) && !/\s/.test((slash[2] as string).trim())) {
      return { author: (slash[1] as string).trim(), source: (slash[2] as string).trim() };
    }
    return { source: rest };
  }
  const prefixed = BYLINE_PREFIX.exec(t);
  if (prefixed) return { author: t.slice(prefixed[0].length).trim() };
  return {};
}

function nameLike(s: string): boolean {
  const words = s.split(/[\s,/&–-]+/).filter(Boolean);
  if (words.length === 0 || words.length > 8 || /\d|https?:|@/.test(s)) return false;
  return words.every((w) => /^[\p{Lu}(]/u.test(w) || /^(và|and|et|de|da|van|von)$/i.test(w));
}

function isByline(b: Block, amongCredits = false): boolean {
  const t = b.text.replace(/[.。]$/, '');
  if (t.length > 70) return false;
  const prefixed = BYLINE_PREFIX.exec(t);
  if (prefixed && nameLike(t.slice(prefixed[0].length))) return true;
  if (!nameLike(t)) return false;
  return amongCredits || b.align === 'right' || share(b.boldChars, b) >= 0.8 || share(b.italicChars, b) >= 0.8 || t === t.toUpperCase();
}

/** "X reported from Seoul", "Y contributed.", "Z is an NBC News producer based in …": about the authors, not the news. */
const ABOUT_AUTHORS = [
  /\breported from\b.{0,80}$/iu,
  /\bcontributed(?: reporting| to this (?:report|article|story))?\.?$/iu,
  /^(?:additional )?reporting by\b/iu,
];
const BIO_START = /^(?:[\p{Lu}][\p{L}.'’-]*\s){1,4}(?:is|was)\s(?:a|an|the)\s/u;
const BIO_WORK = /\b(?:reporter|editor|producer|correspondent|writer|journalist|columnist|contributor|photographer|phóng viên|biên tập viên)\b/iu;

function isCredit(b: Block): boolean {
  const t = normalizeSpace(b.text);
  if (t.length <= 250 && (ABOUT_AUTHORS.some((re) => re.test(t)) || (BIO_START.test(t) && BIO_WORK.test(t)))) return true;
  return t.length <= 120 && CREDIT.test(t) && !/^theo\s+(dõi|doi|đó|do|quy|kế|ke|báo cáo)\b/iu.test(t);
}

const AUTHOR_BOX_PART = /^(author|authors|tacgia|writer|reporter|journalist|avatar|profile|bio)$/;
const BIO_LINE = /^(?:phóng viên|biên tập viên|nhà báo|cộng tác viên|reporter|editor|correspondent|journalist|staff writer|writer)(?![\p{L}])/iu;

/**
 * A box about the author: a picture of them (an avatar) beside their name and a line about them
 * ("Phóng viên Ban Tin tức…"), in a short element named for the author or holding such a line.
 * The byline already gives the author; the box's name is not a photo caption.
 */
function inAuthorBox(b: Block): boolean {
  if (b.text.length > 300 || b.inFigcaption) return false;
  for (let el: Element | null = b.element, depth = 0; el && depth < 3; el = el.parentElement, depth++) {
    if (el.tagName === 'FIGURE') return false;
    const text = normalizeSpace(el.textContent ?? '');
    if (text.length > 400) return false;
    if (!el.querySelector('img, picture')) continue;
    const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
    const named = words.split(/\s+/).some((w) =>
      w
        .replace(/^tac-gia/, 'tacgia')
        .split(/[-_]+/)
        .some((p) => AUTHOR_BOX_PART.test(p)),
    );
    if (named) return true;
    const texts = (sel: string) => Array.from(el.querySelectorAll(sel)).map((x) => normalizeSpace(x.textContent ?? ''));
    return texts('p, div, span, small').some((t) => BIO_LINE.test(t)) && texts('b, strong, a, h3, h4, h5, span').some((t) => t.length <= 40 && nameLike(t));
  }
  return false;
}

export function classifyBlocks(blocks: Block[], ctx: ClassifyContext): BlockRole[] {
  const roles: BlockRole[] = blocks.map(() => 'outside');
  const keptText = blocks.map((b, i) => b.kind === 'text' && ctx.kept[i] === true);
  const first = keptText.indexOf(true);
  const last = keptText.lastIndexOf(true);
  if (first < 0) return roles;
  for (let i = first; i <= last; i++) {
    const b = blocks[i] as Block;
    const prev = blocks[i - 1];
    const next = blocks[i + 1];
    if (b.kind === 'image') {
      roles[i] = 'image';
      continue;
    }
    if (inAuthorBox(b)) {
      roles[i] = keptText[i] ? 'boilerplate' : 'outside';
      continue;
    }
    if (!keptText[i]) {
      // Readability drops many captions (a picture table, a centred line): the rules get them back.
      const named = b.inFigcaption || b.names.slice(0, 3).some((n) => CAPTION_NAME.test(n));
      if (isCaption(b, prev, next, false) && (named || !isFurniture(b))) roles[i] = 'caption';
      continue;
    }
    if (ctx.isTitle(b.text)) roles[i] = 'title';
    else if (b.row) roles[i] = isFurniture(b) ? 'boilerplate' : 'body';
    else if (isDateLine(b.text)) roles[i] = 'dateline';
    else if (isFurniture(b)) roles[i] = 'boilerplate';
    else if (isCaption(b, prev, next)) roles[i] = 'caption';
    else if (isHeading(b)) roles[i] = 'heading';
    else roles[i] = 'body';
  }

  // A deck under the title set as a heading ("CHINESE AGGRESSION: Manila accused …") is the lead.
  for (let j = 0; j < roles.length; j++) {
    if (roles[j] === 'body') break;
    if (roles[j] === 'heading' && (blocks[j] as Block).text.length >= 60 && j > ctx.titleIndex) {
      roles[j] = 'body';
      break;
    }
  }

  // The article starts at its title: before it are breadcrumbs, tickers, the top picture.
  if (ctx.titleIndex > first) {
    for (let j = first; j < ctx.titleIndex; j++) if (roles[j] !== 'image') roles[j] = 'outside';
  }

  // The lead (sapo) between the title and the text Readability found is often left out by it.
  if (ctx.titleIndex >= 0) {
    let leads = 0;
    for (let j = ctx.titleIndex + 1; j < blocks.length && leads < 2; j++) {
      if (roles[j] === 'body' || roles[j] === 'heading') break;
      const b = blocks[j] as Block;
      if (b.kind !== 'text' || roles[j] !== 'outside') continue;
      if (ctx.isTitle(b.text) || isDateLine(b.text) || isFurniture(b)) continue;
      if (isCaption(b, blocks[j - 1], blocks[j + 1], false)) {
        roles[j] = 'caption';
        continue;
      }
      if (b.text.length >= 60 && share(b.linkChars, b) < 0.3) {
        roles[j] = 'body';
        leads++;
      }
    }
  }

  // The start: a line of date, place or wire before the first sentence ("AFP, MANILA",
  // "Le Monde | 04.05.2015 à 13h36 • Mis à jour …") is not body text.
  let checked = 0;
  for (let j = 0; j < roles.length && checked < 3; j++) {
    if (roles[j] !== 'body') continue;
    checked++;
    const t = (blocks[j] as Block).text;
    if (/[.!?。…]["”»)]?$/.test(t) || (blocks[j] as Block).row) continue;
    const dated = t.length <= 200 && findDates(t).some((d) => d.precision === 'day' && d.from);
    const nextBody = roles.slice(j + 1).find((r) => r === 'body' || r === 'heading' || r === 'caption');
    if (dated || (t.length <= 25 && nextBody === 'body')) roles[j] = 'dateline';
  }

  // The end: "Nguồn: …" and "Theo …" lines, the byline, in the last few text blocks.
  let seen = 0;
  let amongCredits = false;
  for (let j = last; j >= first && seen < 6; j--) {
    const r = roles[j];
    if (r !== 'body' && r !== 'heading' && r !== 'caption') continue;
    const b = blocks[j] as Block;
    if (r !== 'caption' && isCredit(b)) {
      roles[j] = 'credit';
      amongCredits = true;
    } else if (r !== 'caption' && isByline(b, amongCredits)) roles[j] = 'byline';
    else if (r === 'body') break;
    seen++;
  }
  // A "Nguồn: …" line just after the text Readability kept (portals put it in a box of its own).
  for (let j = last + 1, n = 0; j < blocks.length && n < 4; j++) {
    const b = blocks[j] as Block;
    if (b.kind !== 'text') continue;
    n++;
    if (isCredit(b) && /^(?:nguồn|source|fonte|fuente|quelle|sumber)\b/iu.test(b.text)) {
      roles[j] = 'credit';
      break;
    }
  }

  // Headings with no text after them (a trailing bold line) are not headings.
  for (let j = roles.length - 1; j >= 0; j--) {
    if (roles[j] === 'body') break;
    if (roles[j] === 'heading') roles[j] = 'boilerplate';
  }
  return roles;
}
