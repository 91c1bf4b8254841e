/**
 * Sentence boundaries, as [start, end) offsets into the text, so that quotes are always exact
 * substrings. One splitter serves source paragraphs (extractive quotes, passage windows) and a
 * model's answers (the citation check); a `SentenceStyle` says what differs between them.
 * Abbreviations ("TP.", "TS.", "PGS.", "e.g.") and initials do not end a sentence.
 */
import { quoteSpans } from './quote-spans.js';
import { isSpaceAt } from './words.js';

/** Words written with a full stop that does not end a sentence (lower case, without the last stop). */
const ABBREVIATIONS = new Set([
  // Vietnamese: thành phố, quận, phường; tiến sĩ, thạc sĩ, phó giáo sư, giáo sư, bác sĩ, kỹ sư,
  // kiến trúc sư; nhà xuất bản, trang, người (Ng.), vân vân.
  'tp',
  'q',
  'p',
  'ts',
  'ths',
  'th.s',
  'pgs',
  'gs',
  'bs',
  'ks',
  'kts',
  'nxb',
  'tr',
  'ng',
  'v.v',
  // English.
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'no',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'e.g',
  'i.e',
]);

/** What may start a sentence in edited prose: a capital, a digit, an opening quote or bracket, a dash or a bullet. */
const SENTENCE_START = /[\p{Lu}\p{N}"“'‘«([\-–—*•]/u;

export interface SentenceStyle {
  /**
   * A pattern (regular-expression source) that may follow the end punctuation and closing
   * quotes and still belongs to the sentence, such as an answer's [n] markers.
   */
  trailing?: string;
  /** Punctuation inside a quotation (“…”, "…", «…») ends no sentence. */
  quotationsWhole?: boolean;
  /**
   * Any character may start the next sentence. By default a sentence ends only before what
   * can start one in edited prose, so a stray full stop does not cut a quote short.
   */
  anyStart?: boolean;
}

/** Source paragraphs: the default style. */
const PARAGRAPH_SENTENCES: SentenceStyle = {};

const endPatterns = new WeakMap<SentenceStyle, RegExp>();

/** End punctuation, closing quotes or brackets, then the style's trailing pattern, before white space or the end. */
function endPattern(style: SentenceStyle): RegExp {
  let re = endPatterns.get(style);
  if (!re) {
    re = new RegExp(`([.!?…]+)(["”’»)\\]]*)(?:${style.trailing ?? ''})(?=\\s|$)`, 'gu');
    endPatterns.set(style, re);
  }
  re.lastIndex = 0;
  return re;
}

export function sentenceRanges(text: string, style: SentenceStyle = PARAGRAPH_SENTENCES): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const quotes = style.quotationsWhole ? quoteSpans(text) : [];
  // Punctuation inside a quotation ends nothing unless the match runs on past the closing mark.
  const inQuote = (pos: number, end: number) => quotes.some((q) => pos > q.start && end < q.end);
  const isSpace = (i: number) => isSpaceAt(text, i);
  let start = 0;
  while (start < text.length && isSpace(start)) start++;
  const END = endPattern(style);
  let m: RegExpExecArray | null;
  while ((m = END.exec(text))) {
    const end = m.index + m[0].length;
    let next = end;
    while (next < text.length && isSpace(next)) next++;
    if (next >= text.length) break;
    if (!style.anyStart && !SENTENCE_START.test(text[next] as string)) continue;
    if (inQuote(m.index, end)) continue;
    // After an abbreviation or an initial, a full stop ends a sentence only when a closing
    // quote or bracket follows it and then what can start a sentence ("… ông A.) Sau đó").
    if (m[1] === '.' && (m[2] === '' || !SENTENCE_START.test(text[next] as string))) {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, m.index - 12), m.index))?.[1] ?? '';
      if (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue;
    }
    if (end > start) out.push([start, end]);
    start = next;
  }
  let end = text.length;
  while (end > start && isSpace(end - 1)) end--;
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
