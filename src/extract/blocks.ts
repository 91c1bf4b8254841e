/// <reference lib="dom" />
// The DOM types describe linkedom's documents (its typings are written against them).
import { normalizeSpace } from '../text/normalize.js';

/**
 * The text of an extracted article as a reader sees it: a list of blocks in reading order, each
 * with what the markup says about it (link share, emphasis, alignment, class names of its
 * element and ancestors, whether it shares its element with a picture). Images are blocks too,
 * so that the text right beside a picture can be recognised as its caption.
 */
export interface Block {
  kind: 'text' | 'image';
  text: string;
  /** Tag of the element that holds the text (lower case). */
  tag: string;
  /** Class and id words of the element and its ancestors up to the content root, lower case. */
  names: string[];
  /** Characters inside links, bold, italic. */
  linkChars: number;
  boldChars: number;
  italicChars: number;
  /** Right or centre alignment of the element or a close ancestor. */
  align: 'left' | 'center' | 'right';
  /** The element (or its row or figure) also holds a picture. */
  withImage: boolean;
  /** Inside a figcaption. */
  inFigcaption: boolean;
  /** `title` attributes of the element and its ancestors (Tuổi Trẻ writes captions there). */
  titles: string[];
  heading: boolean;
  /** A row of a data table, its cells joined ("Năm: 2025; Nước đăng cai: Rwanda"). */
  row?: boolean;
  element: Element;
}

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'PRE',
  'FIGCAPTION',
  'FIGURE',
  'TD',
  'TH',
  'TR',
  'TABLE',
  'TBODY',
  'THEAD',
  'DT',
  'DD',
  'DL',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'CENTER',
  'ADDRESS',
  'MAIN',
  'NAV',
  'FORM',
]);
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'LABEL',
  'VIDEO',
  'AUDIO',
  'CANVAS',
]);
const IMAGE_TAGS = new Set(['IMG', 'PICTURE']);

/** Class and id of one element as lower-case words, camelCase split with hyphens ("mbArticleShareBtn" → "mb-article-share-btn"). */
export function nameWords(el: Element): string[] {
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return raw.split(/\s+/).filter(Boolean);
}

function alignOf(el: Element): 'left' | 'center' | 'right' | null {
  const style = (el.getAttribute('style') ?? '').toLowerCase();
  const a = (el.getAttribute('align') ?? '').toLowerCase();
  const m = /text-align\s*:\s*(center|right|left)/.exec(style);
  const v = m ? m[1] : a;
  return v === 'center' || v === 'right' || v === 'left' ? v : el.tagName === 'CENTER' ? 'center' : null;
}

function isItalicStyle(el: Element): boolean {
  return /font-style\s*:\s*italic/i.test(el.getAttribute('style') ?? '');
}

function isBoldStyle(el: Element): boolean {
  return /font-weight\s*:\s*(bold|[6-9]00)/i.test(el.getAttribute('style') ?? '');
}

/** Rows of a table, not of the tables inside it. */
function rowsOf(table: Element): Element[] {
  return Array.from(table.querySelectorAll('tr')).filter((tr) => tr.closest('table') === table);
}

function cellsOf(tr: Element): Element[] {
  return Array.from(tr.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
}

const cellText = (c: Element) => normalizeSpace(c.textContent ?? '');

/**
 * A table of data (years and host countries, figures by year), not one laying out a page or a
 * picture with its caption: two or more rows of two or more short cells, no pictures, no
 * tables or blocks of text inside. Its facts are in its rows, so each row is one paragraph.
 */
function isDataTable(table: Element): boolean {
  if (table.querySelector('table, img, picture, figure, div, ul, ol, iframe, video')) return false;
  const rows = rowsOf(table);
  let wide = 0;
  for (const tr of rows) {
    const cells = cellsOf(tr);
    if (cells.some((c) => cellText(c).length > 300)) return false;
    if (cells.filter((c) => cellText(c)).length >= 2) wide++;
  }
  return wide >= 2 && wide >= rows.length / 2;
}

/** The header cells of a data table: a first row of `th` only, or the row in `thead`. */
function headerOf(table: Element): { row: Element; names: string[] } | null {
  const first = rowsOf(table)[0];
  if (!first) return null;
  const cells = cellsOf(first);
  if (cells.length < 2 || !(first.parentElement?.tagName === 'THEAD' || cells.every((c) => c.tagName === 'TH'))) return null;
  return { row: first, names: cells.map(cellText) };
}

/** A row as one line: "Năm: 2025; Nước đăng cai: Rwanda" under a header, else "2025 – Rwanda". */
function rowText(tr: Element, header: { names: string[] } | null): string {
  const values = cellsOf(tr).map(cellText);
  if (header && header.names.length === values.length && values.some((v, i) => v && header.names[i])) {
    return values
      .map((v, i) => (v ? (header.names[i] ? `${header.names[i]}: ${v}` : v) : ''))
      .filter(Boolean)
      .join('; ');
  }
  return values.filter(Boolean).join(' – ');
}

interface Segment {
  text: string;
  link: boolean;
  bold: boolean;
  italic: boolean;
}

interface Pending {
  /** Text pieces, with '\n' for each <br>. */
  segs: Segment[];
  owner: Element;
}

const ENDS_SENTENCE = /[.!?…:;"”»)\]]\s*$/;
const STARTS_ITEM = /^\s*(>>|»|→|•|\+|-\s|–\s)/;

/** The blocks of `root` in reading order. */
export function collectBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  let pending: Pending | null = null;

  const flush = () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    // Lines split at <br>: a blank line, a finished sentence or a list item (">> …") starts a
    // new paragraph; otherwise the break was only a line break and the lines are one paragraph.
    const lines: Segment[][] = [[]];
    for (const seg of p.segs) {
      if (seg.text === '\n') lines.push([]);
      else (lines[lines.length - 1] as Segment[]).push(seg);
    }
    const paragraphs: Segment[][] = [];
    let blank = false;
    for (const line of lines) {
      const text = normalizeSpace(line.map((x) => x.text).join(''));
      if (!text) {
        blank = true;
        continue;
      }
      const prev = paragraphs[paragraphs.length - 1];
      const prevText = prev ? prev.map((x) => x.text).join('') : '';
      if (!prev || blank || ENDS_SENTENCE.test(prevText) || STARTS_ITEM.test(text)) paragraphs.push([...line]);
      else prev.push({ text: ' ', link: false, bold: false, italic: false }, ...line);
      blank = false;
    }
    for (const para of paragraphs) {
      const text = normalizeSpace(para.map((x) => x.text).join(''));
      if (!text || !/[\p{L}\p{N}]/u.test(text)) continue;
      const count = (f: (x: Segment) => boolean) => para.filter(f).reduce((n, x) => n + normalizeSpace(x.text).length, 0);
      blocks.push(
        describe(
          p.owner,
          text,
          count((x) => x.link),
          count((x) => x.bold),
          count((x) => x.italic),
        ),
      );
    }
  };

  const describe = (owner: Element, text: string, link: number, bold: number, italic: number): Block => {
    const names: string[] = [];
    const titles: string[] = [];
    let align: Block['align'] = 'left';
    let alignSet = false;
    let inFigcaption = false;
    let heading = /^H[1-6]$/.test(owner.tagName);
    let withImage = owner.querySelector('img, picture') !== null;
    for (let el: Element | null = owner, depth = 0; el && depth < 12; el = el.parentElement, depth++) {
      names.push(...nameWords(el));
      const t = el.getAttribute('title');
      if (t) titles.push(normalizeSpace(t));
      if (!alignSet && depth < 3) {
        const a = alignOf(el);
        if (a) {
          align = a;
          alignSet = true;
        }
      }
      if (el.tagName === 'FIGCAPTION') inFigcaption = true;
      if (depth > 0 && /^H[1-6]$/.test(el.tagName)) heading = true;
      // A caption row of a picture table, or a figure's text.
      if (!withImage && depth > 0 && depth < 4 && (el.tagName === 'TABLE' || el.tagName === 'FIGURE') && el.querySelector('img, picture')) withImage = true;
      if (el === root) break;
    }
    const italicStyle = isItalicStyle(owner) || (owner.parentElement ? isItalicStyle(owner.parentElement) : false);
    const boldStyle = isBoldStyle(owner);
    return {
      kind: 'text',
      text,
      tag: owner.tagName.toLowerCase(),
      names,
      linkChars: Math.min(link, text.length),
      boldChars: boldStyle ? text.length : Math.min(bold, text.length),
      italicChars: italicStyle ? text.length : Math.min(italic, text.length),
      align,
      withImage,
      inFigcaption,
      titles,
      heading,
      element: owner,
    };
  };

  const walk = (node: Node, owner: Element, inLink: boolean, inBold: boolean, inItalic: boolean) => {
    if (node.nodeType === 3) {
      const t = node.textContent ?? '';
      if (!t) return;
      pending ??= { segs: [], owner };
      pending.segs.push({ text: t.replace(/\s+/g, ' '), link: inLink, bold: inBold, italic: inItalic });
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName;
    if (SKIP_TAGS.has(tag)) return;
    if (el.getAttribute('hidden') !== null || /display\s*:\s*none/i.test(el.getAttribute('style') ?? '') || el.getAttribute('aria-hidden') === 'true') return;
    if (tag === 'BR') {
      if (pending) pending.segs.push({ text: '\n', link: false, bold: false, italic: false });
      return;
    }
    if (tag === 'TABLE' && isDataTable(el)) {
      flush();
      const header = headerOf(el);
      for (const tr of rowsOf(el)) {
        if (tr === header?.row) continue;
        const text = rowText(tr, header);
        if (!/[\p{L}\p{N}]/u.test(text)) continue;
        const chars = (sel: string) => Array.from(tr.querySelectorAll(sel)).reduce((n, e) => n + normalizeSpace(e.textContent ?? '').length, 0);
        blocks.push({ ...describe(tr, text, chars('a'), chars('b, strong'), chars('i, em')), row: true });
      }
      return;
    }
    if (IMAGE_TAGS.has(tag)) {
      flush();
      blocks.push({ ...describe(el.parentElement ?? owner, '', 0, 0, 0), kind: 'image', tag: tag.toLowerCase(), element: el });
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    const nextOwner = block ? el : owner;
    const link = inLink || tag === 'A';
    const bold = inBold || tag === 'B' || tag === 'STRONG' || isBoldStyle(el);
    const italic = inItalic || tag === 'I' || tag === 'EM' || isItalicStyle(el);
    for (const child of Array.from(el.childNodes)) walk(child, nextOwner, link, bold, italic);
    if (block) flush();
  };
  walk(root, root, false, false, false);
  flush();
  return blocks;
}
