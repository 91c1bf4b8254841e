/**
 * The checkable facts of a sentence: numbers, months, links and proper names, and whether a
 * name occurs in a paragraph. A sentence that states one of them must find it in the
 * paragraphs it cites.
 */
import { fold, hasMarks, normalizeSpace } from '../text/normalize.js';
import { quoteSpans } from '../text/quote-spans.js';
import { hasWord } from '../text/words.js';
import { withoutMarkers } from './markers.js';

/** Digits of a number with separators and leading zeros dropped: "1.500" = "1,500" = "1500". */
function numberKey(s: string): string {
  return s.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
}

/** The numbers of a text, as digit keys. */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => numberKey(m[0]));
}

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR = MONTHS.map((m) => m.slice(0, 3));

/** English month names written capitalised (so that the verb "may" is not one), as numbers 1-12. */
export function monthsIn(text: string): number[] {
  return MONTHS.flatMap((m, i) => (hasWord(text, `${m[0]?.toUpperCase()}${m.slice(1)}`, false) ? [i + 1] : []));
}

/** Whether a text names month `n` (1-12) in English, in any case. */
export function namesMonth(text: string, n: number): boolean {
  return hasWord(text, MONTHS[n - 1] as string);
}
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Capitalised words that are not names: sentence openers, pronouns, calendar words. */
const NOT_NAMES = new Set(
  [
    'i',
    'the',
    'a',
    'an',
    'in',
    'on',
    'at',
    'by',
    'for',
    'to',
    'of',
    'and',
    'but',
    'or',
    'as',
    'it',
    'its',
    'he',
    'she',
    'they',
    'we',
    'this',
    'these',
    'that',
    'those',
    'there',
    'according',
    'however',
    'also',
    'moreover',
    'yes',
    'no',
    'source',
    'sources',
    'paragraph',
    'theo',
    'ngày',
    'tháng',
    'năm',
    'ông',
    'bà',
    'các',
    'những',
    'trong',
    'đây',
    'nguồn',
    'tại',
    'vào',
    'khi',
    'sau',
    'trước',
    'với',
    'về',
    'đoạn',
    'bên',
    'cạnh',
    'đồng',
    'thời',
    'ngoài',
    'ra',
    'như',
    'vậy',
    'có',
    'không',
    'được',
    ...MONTHS,
    ...MONTH_ABBR,
    ...WEEKDAYS,
  ].map((w) => w.normalize('NFC')),
);

/** Runs of capitalised words (candidate proper names) outside quoted spans. */
export function namesIn(sentence: string): string[] {
  const text = withoutMarkers(sentence);
  const quoted = quoteSpans(text);
  const words = [...text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}\p{N}&'’-]*/gu)].filter(
    (m) => !quoted.some((q) => (m.index as number) >= q.start && (m.index as number) < q.end),
  );
  const runs: string[][] = [];
  let current: string[] = [];
  let lastEnd = -1;
  words.forEach((m, i) => {
    const w = m[0];
    const isCap = /^\p{Lu}/u.test(w) && !NOT_NAMES.has(w.toLowerCase());
    const sentenceStart = i === 0;
    const adjacent = lastEnd >= 0 && /^\s+$/.test(text.slice(lastEnd, m.index));
    // A capital opening the sentence says nothing; an acronym there still is a name.
    const keep = isCap && (!sentenceStart || isAcronym(w));
    if (keep && (current.length === 0 || adjacent)) current.push(w);
    else {
      if (current.length) runs.push(current);
      current = keep ? [w] : [];
    }
    lastEnd = (m.index as number) + w.length;
  });
  if (current.length) runs.push(current);
  return runs.map((r) => r.join(' '));
}

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'professor',
  'prof',
  'minister',
  'deputy',
  'vice',
  'prime',
  'president',
  'general',
  'secretary',
  'director',
  'chairman',
  'chairwoman',
  'ambassador',
  'head',
  'chief',
]);

/** A name run without English titles in front ("Deputy Minister X" → "X"). */
export function withoutTitles(run: string): string {
  const words = run.split(' ');
  while (words.length > 1 && TITLES.has((words[0] as string).toLowerCase())) words.shift();
  return words.join(' ');
}

/** The parts of a name run that a translation keeps: acronyms, and runs of words with Vietnamese marks. */
export function translatable(run: string): string[] {
  const out: string[] = [];
  let marked: string[] = [];
  const flush = () => {
    if (marked.length) out.push(marked.join(' '));
    marked = [];
  };
  for (const w of run.split(' ')) {
    if (isAcronym(w)) {
      flush();
      out.push(w);
    } else if (hasMarks(w)) marked.push(w);
    else flush();
  }
  flush();
  return out;
}

function isAcronym(w: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(w) && w === w.toUpperCase();
}

const LINK = /\bhttps?:\/\/[^\s)\]>"”]+|\bwww\.[^\s)\]>"”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|vn|net|org|io|info|biz|xyz)\b/giu;

/** URLs, bare domains and e-mail addresses, lower-cased. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(LINK)].map((m) => m[0].replace(/[.,;:]+$/, '').toLowerCase());
}

/** Does a (folded) name occur in a (folded) paragraph as whole words? */
export function nameOccurs(name: string, paragraph: string): boolean {
  const n = fold(name).replace(/\s+/g, ' ');
  const p = fold(normalizeSpace(paragraph));
  const esc = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(^|[^\\p{L}\\p{N}])${esc}($|[^\\p{L}\\p{N}])`, 'u').test(p)) return true;
  // "Vietnam" for "Việt Nam": compare without spaces, only for names long enough not to match by chance.
  const squeezed = n.replace(/[\s-]/g, '');
  return squeezed.length >= 6 && p.replace(/[\s-]/g, '').includes(squeezed);
}
