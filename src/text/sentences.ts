import { quoteSpans } from './quote-spans.js';

/**
 * Sentence boundaries in a paragraph, as [start, end) offsets into the paragraph string, so
 * that quotes are always exact substrings. Vietnamese abbreviations ("TP.", "TS.", "PGS.") and
 * initials do not end a sentence.
 */
const PARAGRAPH_ABBREV = new Set(
  ['tp', 'ts', 'ths', 'pgs', 'gs', 'bs', 'ks', 'th.s', 'ng', 'st', 'mr', 'mrs', 'ms', 'dr', 'prof', 'no', 'vs', 'etc', 'v.v', 'tr', 'q', 'p', 'kts', 'nxb', 'co', 'inc', 'ltd', 'jr', 'sr', 'st'].map((s) => s.toLowerCase()),
);

const END = /[.!?…]+["”’»)\]]*(?=\s+)/gu;

export function sentenceRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  while (start < text.length && /\s/.test(text[start] as string)) start++;
  END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = END.exec(text))) {
    const end = m.index + m[0].length;
    let next = end;
    while (next < text.length && /\s/.test(text[next] as string)) next++;
    if (next >= text.length) break;
    const nextChar = text[next] as string;
    if (!/[\p{Lu}\p{N}"“'‘«(\[\-–—*•]/u.test(nextChar)) continue;
    if (m[0].startsWith('.') && m[0].length === 1) {
      const before = text.slice(Math.max(start, m.index - 12), m.index);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
      if (PARAGRAPH_ABBREV.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue;
    }
    if (end > start) out.push([start, end]);
    start = next;
  }
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  if (end > start) out.push([start, end]);
  return out;
}

/**
 * Splits an over-long range (a scraped line with no sentence punctuation) at white space into
 * pieces of at most `max` characters.
 */
export function hardSplit(text: string, [s, e]: [number, number], max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let a = s;
  while (e - a > max) {
    let cut = text.lastIndexOf(' ', a + max);
    if (cut <= a + max / 2) cut = a + max;
    out.push([a, cut]);
    a = cut;
    while (a < e && text[a] === ' ') a++;
  }
  if (e > a) out.push([a, e]);
  return out;
}

const ANSWER_ABBREV = new Set(['tp', 'ts', 'ths', 'pgs', 'gs', 'bs', 'ks', 'mr', 'mrs', 'ms', 'dr', 'prof', 'no', 'vs', 'etc', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'e.g', 'i.e', 'v.v']);
/**
 * Splits one line of model output into sentences. A sentence ends at . ! ? or … followed by
 * closing quotes and any [n] markers (models put them on either side of the full stop), then
 * white space. Not inside a quote, not after a known abbreviation or an initial.
 */
export function splitAnswerSentences(line: string): Array<[number, number]> {
  const quotes = quoteSpans(line);
  // Punctuation inside a quote ends nothing unless the match runs on past the closing mark.
  const inQuote = (pos: number, end: number) => quotes.some((q) => pos > q.start && end < q.end);
  const END = /[.!?…]+["”’»)]*(?:\s*\[\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*\])*(?=\s|$)/gu;
  const out: Array<[number, number]> = [];
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = END.exec(line))) {
    const end = m.index + m[0].length;
    if (inQuote(m.index, end)) continue;
    if (m[0].startsWith('.') && !m[0].startsWith('..')) {
      const word = /([\p{L}.]+)$/u.exec(line.slice(start, m.index))?.[1] ?? '';
      if (ANSWER_ABBREV.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue;
    }
    if (line.slice(start, end).trim()) out.push([start, end]);
    start = end;
    while (start < line.length && /\s/.test(line[start] as string)) start++;
  }
  if (line.slice(start).trim()) out.push([start, line.length]);
  return out;
}

