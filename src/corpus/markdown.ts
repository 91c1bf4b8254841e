import { nfc, normalizeSpace } from '../text/normalize.js';

export interface Block {
  kind: 'body' | 'caption' | 'heading';
  text: string;
}

const CAPTION = /^>\s*\[!caption\]\s*/i;

/** Removes inline Markdown (emphasis, code, links, escapes) so that quotes are plain text. */
export function stripInlineMarkdown(text: string): string {
  // Escaped characters are set aside first, so that "\*" or "\[" can never take part in markup.
  const escaped: string[] = [];
  let t = text.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, (_m, c: string) => {
    escaped.push(c);
    return `\uE000${escaped.length - 1}\uE001`;
  });
  t = t.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
  t = t.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  t = t.replace(/`([^`]+)`/g, '$1');
  // Emphasis: ** __ * _ around text; underscores only at word boundaries (snake_case stays).
  t = t.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2');
  t = t.replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*]*?\S)\*(?![\p{L}\p{N}*])/gu, '$1$2');
  t = t.replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu, '$1$2');
  t = t.replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
  return t.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => escaped[Number(i)] ?? '');
}

/**
 * Splits a Markdown body into blocks separated by blank lines. A block starting with
 * `> [!caption]` is a photo caption; `#` lines are headings; everything else is body text,
 * joined into one line.
 */
export function markdownBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of nfc(body).replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const chunk = raw.trim();
    if (!chunk) continue;
    if (CAPTION.test(chunk)) {
      const text = chunk
        .split('\n')
        .map((l) => l.replace(CAPTION, '').replace(/^>\s?/, ''))
        .join(' ');
      blocks.push({ kind: 'caption', text: normalizeSpace(stripInlineMarkdown(text)) });
      continue;
    }
    const lines = chunk.split('\n');
    let buf: string[] = [];
    const flush = () => {
      const text = normalizeSpace(stripInlineMarkdown(buf.join(' ')));
      if (text) blocks.push({ kind: 'body', text });
      buf = [];
    };
    for (const line of lines) {
      if (/^#{1,6}\s/.test(line)) {
        flush();
        blocks.push({ kind: 'heading', text: normalizeSpace(stripInlineMarkdown(line.replace(/^#+\s*/, ''))) });
      } else buf.push(line.replace(/^>\s?/, ''));
    }
    flush();
  }
  return blocks;
}

/** Splits `---` front matter from the body; null when the file has none. */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | null {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!t.startsWith('---\n')) return null;
  const end = t.indexOf('\n---', 4);
  if (end < 0) return null;
  const after = t.indexOf('\n', end + 4);
  const yaml = t.slice(4, end);
  const body = after < 0 ? '' : t.slice(after + 1);
  return { yaml, body, bodyLine: yaml.split('\n').length + 3 };
}
