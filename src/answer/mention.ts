import { citationFor, clipQuote, retrievedList } from './extractive.js';
import { paragraphId } from '../corpus/ids.js';
import type { Retrieved } from '../retrieve/retrieve.js';
import { fold, hasMarks, nfc } from '../text/normalize.js';
import { sentenceRanges } from '../text/sentences.js';
import { WORD_END, escapeRegExp, isWordCharAt, nextWholeWords } from '../text/words.js';
import type { Answer, Citation, Lang } from '../types.js';

/**
 * Questions that ask whether the stored articles mention something at all: "Tín chỉ carbon có
 * được nhắc đến không?", "Bài viết có đề cập tới xe điện không?", "Có thông tin gì về BRI
 * không?", "Is carbon credit mentioned?", "Do the articles mention Myanmar?" ("Có bài nào nói về
 * BRI không?" asks for the articles about it and is a question about the collection). Read as claims,
 * they asked the check whether "tín chỉ carbon có được nhắc đến" is true, which no sentence
 * states; the answer is where the words are written, or that they are written nowhere.
 */

/** Verbs of mentioning, marked; "được" before them is read by the patterns. */
const VI_VERBS = ['nhắc', 'nhắc đến', 'nhắc tới', 'đề cập', 'đề cập đến', 'đề cập tới', 'nói đến', 'nói tới', 'nói về', 'viết về', 'xuất hiện'];
/** "trong bài (viết / báo) (nào)", "trong các bài viết đã lưu": where the mention is looked for. */
const VI_WHERE = '(?:\\s+(?:trong|ở)\\s+(?:các\\s+|những\\s+)?bài(?:\\s+(?:viết|báo))?(?:\\s+nào)?(?:\\s+đã\\s+lưu)?)?';
/** The yes/no ending (its words, then the end of the question). */
const VI_END = '\\s+(?:không|chưa|hay\\s+không|hay\\s+chưa)';
const CLOSE = `${WORD_END}\\s*[?.!]*\\s*$`;
/** "gì", "những gì" between the verb and the phrase ("có đề cập gì đến X"), and the preposition after it. */
const VI_WHAT = '(?:\\s+(?:gì|những\\s+gì|điều\\s+gì)(?:\\s+(?:đến|tới|về))?)?';
/** "Có thông tin (gì) về X không?": information about it, asked whether there is any. */
const VI_INFO = '(?:có\\s+)?(?:thông\\s+tin|tin\\s+tức)(?:\\s+(?:gì|nào))?\\s+(?:về|liên\\s+quan\\s+(?:đến|tới))';
/**
 * "Bài viết có …", "Các bài báo có …", "Có bài (viết) nào …": the articles as the subject; also
 * one article named by what it is about ("Bài viết về IEC có nhắc tới …").
 */
const VI_ARTICLES =
  '(?:(?:các\\s+|những\\s+)?bài(?:\\s+(?:viết|báo))?(?:\\s+(?:về|của)\\s+[^?!.]{1,40}?)?(?:\\s+nào)?\\s+)?có\\s+(?:bài(?:\\s+(?:viết|báo))?\\s+nào\\s+)?';

const verbs = (forms: readonly string[]) =>
  forms
    .map((v) => v.replace(/ /g, '\\s+'))
    .sort((a, b) => b.length - a.length)
    .join('|');

function viPatterns(w: (s: string) => string): RegExp[] {
  const v = verbs(VI_VERBS.map(w));
  return [
    // "X có (được) nhắc đến (trong bài viết) không?", "X được nhắc đến không?"
    new RegExp(`^\\s*(.{1,80}?)\\s+(?:${w('có')}\\s+(?:${w('được')}\\s+)?|${w('được')}\\s+)(?:${v})${WORD_END}${w(VI_WHERE)}${w(VI_END)}${CLOSE}`, 'diu'),
    // "Bài viết có nhắc đến X không?", "Có bài nào nói về X không?", "… có đề cập gì đến X không?"
    new RegExp(`^\\s*${w(VI_ARTICLES)}(?:${v})${WORD_END}${w(VI_WHAT)}\\s+(.{1,80}?)${w(VI_END)}${CLOSE}`, 'diu'),
    // "Có thông tin gì về X không?"
    new RegExp(`^\\s*${w(VI_INFO)}\\s+(.{1,80}?)${w(VI_END)}${CLOSE}`, 'diu'),
  ];
}

const VI_MARKED = viPatterns((s) => s);
const VI_FOLDED = viPatterns(fold);

const EN_PATTERNS = [
  // "Is X mentioned (in the articles)?"
  /^\s*(?:is|are|was|were|has|have)\s+(.{1,80}?)\s+(?:ever\s+)?(?:been\s+)?(?:mentioned|referred\s+to|written\s+about|named)(?:\s+(?:in|by)\s+(?:the\s+|any\s+)?(?:stored\s+)?(?:articles?|news|stories))?\s*[?.!]*\s*$/diu,
  // "Do the articles mention X?", "Does any article talk about X?"
  /^\s*(?:do|does|did)\s+(?:the\s+|any\s+)?(?:stored\s+)?(?:articles?|news|stories)\s+(?:ever\s+)?(?:mention|talk\s+about|refer\s+to|write\s+about|say\s+anything\s+about)\s+(.{1,80}?)\s*[?.!]*\s*$/diu,
  // "Is there an article about X?", "Are there any mentions of X?"
  /^\s*(?:is|are)\s+there\s+(?:an?\s+|any\s+)?(?:articles?|news|stories|mentions?)\s+(?:about|of|on|mentioning)\s+(.{1,80}?)\s*[?.!]*\s*$/diu,
];

/** A phrase that only names the articles themselves (folded). */
const ONLY_ARTICLES = /^(?:(?:cac|nhung)\s+)?(?:bai(?:\s+(?:viet|bao))?|the\s+articles?|articles?|it|this|that|no|do)$/iu;

/** A phrase opening with a question word (folded): not a phrase to look for. */
const ASKING_FIRST = /^(?:gi|nao|ai|dau|sao|what|which|who|where|anything)(?![\p{L}\p{N}])/u;

/** An English article opening the phrase: "Is the IEC mentioned?" looks for "IEC", which the articles write without it. */
const EN_LEADING_ARTICLE = /^(?:the|an?)\s+(?=[\p{L}\p{N}])/iu;

/** Quotation marks and brackets a phrase may be typed in. */
const WRAPPING = /^[\s"'“”‘’«»()[\]]+|[\s"'“”‘’«»()[\]]+$/gu;

/**
 * The phrase a question asks to be found ("Tín chỉ carbon" in "Tín chỉ carbon có được nhắc đến
 * không?"), as typed, or null when the question does not ask whether something is mentioned.
 */
export function mentionedPhrase(question: string): string | null {
  const text = nfc(question);
  const folded = fold(text);
  const tries: Array<[RegExp, string]> = [
    ...VI_MARKED.map((re) => [re, text] as [RegExp, string]),
    ...(folded.length === text.length ? VI_FOLDED.map((re) => [re, folded] as [RegExp, string]) : []),
    ...EN_PATTERNS.map((re) => [re, text] as [RegExp, string]),
  ];
  for (const [re, haystack] of tries) {
    const m = re.exec(haystack);
    const at = m?.indices?.[1];
    if (!at) continue;
    const typed = text.slice(at[0], at[1]).replace(WRAPPING, '');
    const phrase = EN_PATTERNS.includes(re) ? typed.replace(EN_LEADING_ARTICLE, '').replace(WRAPPING, '') : typed;
    // "Bài viết có nhắc đến không?" names nothing to look for; a phrase that opens with a question
    // word ("gì đến …") was read wrong, and a wrong phrase would be reported as never written.
    if (/[\p{L}\p{N}]/u.test(phrase) && !ONLY_ARTICLES.test(fold(phrase)) && !ASKING_FIRST.test(fold(phrase))) return phrase;
  }
  return null;
}

/**
 * Where `phrase` is written in `text` as whole words, ignoring case and spacing; typed without
 * tone marks it matches the marked words too ("tin chi carbon" finds "tín chỉ carbon"), typed
 * with them only the same words. Null when it is not there.
 */
export function findPhrase(text: string, phrase: string): { start: number; end: number } | null {
  for (const at of wholeWords(text, phrase, '[\\s\\-–,]*')) return at;
  const name = honoredName(phrase);
  return name ? findName(text, name) : null;
}

/** A courtesy title before a name: "ông", "bà", "Mr", "Dr." (folded). */
const HONORIFIC = /^(?:ong|ba|anh|chi|co|mr|mrs|ms|dr)\.?\s+(?=\S)/iu;

/**
 * The name of "ông Định", "bà Trần Thị Hà", "Mr Metzger": the words after the courtesy title,
 * which the articles write with the whole name and an office instead ("Thứ trưởng Lê Xuân
 * Định", "ông Philippe Metzger"). Null for a phrase without such a title.
 */
export function honoredName(phrase: string): string | null {
  const m = HONORIFIC.exec(fold(nfc(phrase).trim()));
  return m ? nfc(phrase).trim().slice(m[0].length) : null;
}

/**
 * Where `name` ends a person's name in `text` ("Định" in "Thứ trưởng Lê Xuân Định"): its words
 * in order, each written with a capital there, after at most three more capitalised words and
 * with no capitalised word following. Typed without tone marks, the marks are not compared.
 */
export function findName(text: string, name: string): { start: number; end: number } | null {
  for (const { start, end } of wholeWords(text, name, '\\s+')) {
    const words = text.slice(start, end).split(/\s+/u);
    if (!words.every((w) => /^\p{Lu}/u.test(w))) continue;
    // Not the start of a longer name ("Định" of "Định Quán"): no capitalised word right after.
    if (/^\s+\p{Lu}/u.test(text.slice(end, end + 3))) continue;
    // The name's first words before it, capitalised ("Lê Xuân "), at most three.
    let from = start;
    for (let k = 0; k < 3; k++) {
      const before = /(?<![\p{L}\p{M}\p{N}&.'-])\p{Lu}[\p{L}\p{M}]*\s+$/u.exec(text.slice(Math.max(0, from - 20), from));
      if (!before) break;
      from -= before[0].length;
    }
    return { start: from, end };
  }
  return null;
}

/**
 * Each place, first to last, where `phrase`'s words stand in `text` in order with `between`
 * (a pattern) between them, as whole words: the forms of `phraseForms`.
 */
function* wholeWords(text: string, phrase: string, between: string): Generator<{ start: number; end: number }> {
  const forms = phraseForms(text, phrase);
  if (!forms) return;
  const re = new RegExp(forms.words.map(escapeRegExp).join(between), 'gu');
  for (let m = re.exec(forms.haystack); m; m = re.exec(forms.haystack)) {
    const start = m.index;
    const end = start + m[0].length;
    re.lastIndex = start + 1;
    if (!isWordCharAt(text, start - 1) && !isWordCharAt(text, end)) yield { start, end };
  }
}

/**
 * The phrase's words (folded when it was typed without tone marks) and `text` in the same form,
 * with the offsets of `text`; null when the phrase has no word or the forms would shift offsets.
 */
function phraseForms(text: string, phrase: string): { words: string[]; haystack: string } | null {
  const words = phrase.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu);
  if (!words) return null;
  const lower = text.toLowerCase();
  const marked = hasMarks(phrase);
  const haystack = marked ? lower : fold(lower);
  if (lower.length !== text.length || haystack.length !== text.length) return null;
  return { words: marked ? words : words.map(fold), haystack };
}

/**
 * Failing the phrase itself, the first sentence of `text` that has every one of its words
 * ("Hội nghị LMC lần thứ 4" in "Hội nghị chuyên đề LMC lần thứ 4 cũng đánh dấu …"): the span
 * from its first to its last word found, or null.
 */
export function findWords(text: string, phrase: string): { start: number; end: number } | null {
  const forms = phraseForms(text, phrase);
  if (!forms) return null;
  for (const [a, b] of sentenceRanges(text)) {
    let start = b;
    let end = a;
    for (const w of forms.words) {
      const at = nextWholeWords(forms.haystack, w, a, b);
      if (at < 0) {
        start = -1;
        break;
      }
      start = Math.min(start, at);
      end = Math.max(end, at + w.length);
    }
    if (start >= 0) return { start, end };
  }
  return null;
}

export interface MentionInput {
  question: string;
  lang: Lang;
  /** The phrase asked about, as typed (`mentionedPhrase`). */
  phrase: string;
  /** Other ways of writing it that count (the glossary's Vietnamese for an English phrase). */
  forms?: readonly string[];
  /** What retrieval found for the phrase, best first. */
  hits: readonly Retrieved[];
  /** At most this many articles are quoted. */
  maxArticles?: number;
  /** The longest quote, in characters, around the phrase. */
  maxQuoteChars: number;
  /** Whether the question was limited to some articles, sources or dates. */
  filtered: boolean;
  closest: Answer['closest'];
}

const WORDING = {
  vi: {
    found: (p: string) => `Có. Các bài viết đã lưu nhắc đến “${p}”:`,
    words: (p: string) => `Các bài viết đã lưu không viết nguyên cụm “${p}”, nhưng có câu chứa các từ của nó:`,
    missing: (p: string) => `Không tìm thấy “${p}” trong các bài viết đã lưu.`,
    missingFiltered: (p: string) => `Không tìm thấy “${p}” trong các bài viết đã chọn.`,
    untranslated: (p: string) => `Không tìm thấy “${p}” trong các bài viết đã lưu.`,
  },
  en: {
    found: (p: string) => `Yes. The stored articles mention “${p}” (quoted in Vietnamese):`,
    words: (p: string) => `The stored articles do not write “${p}” as such, but these sentences have its words (quoted in Vietnamese):`,
    missing: (p: string) => `“${p}” is not mentioned in the stored articles.`,
    /** An English phrase without a Vietnamese form: only its letters were looked for in Vietnamese text. */
    untranslated: (p: string) => `“${p}” is not written in the stored articles, which are in Vietnamese; ask with the Vietnamese words to be sure.`,
    missingFiltered: (p: string) => `“${p}” is not mentioned in the chosen articles.`,
  },
} as const;

/**
 * Whether `line` is the first line of an answer to "Is X mentioned?" ("Có. Các bài viết đã lưu
 * nhắc đến “X”:"), which repeats X as asked: evaluations leave it out (`isReadingLine`).
 */
export function isMentionLead(line: string): boolean {
  return MENTION_LEADS.some((lead) => line.startsWith(lead));
}
/** Each first line's words before the phrase, in both languages. */
const MENTION_LEADS = Object.values(WORDING).flatMap((w) => [w.found(''), w.words('')].map((line) => line.slice(0, line.indexOf('“') + 1)));

/**
 * The answer to a mention question: the sentence around the phrase's first mention in each of
 * the first `maxArticles` articles retrieval ranked, quoted verbatim with its citation, or a
 * refusal saying the phrase is in none of them (with the closest articles). Only the passages
 * retrieved for the phrase are read: a phrase written in a stored article is among them, since
 * its words and pairs are the whole query.
 */
export function mentionAnswer(o: MentionInput): Omit<Answer, 'timing'> {
  const forms = [o.phrase, ...(o.forms ?? [])];
  const citations: Citation[] = [];
  const cuts: Array<{ cutBefore: boolean; cutAfter: boolean }> = [];
  const quoted = new Set<string>();
  const seenParagraphs = new Set<string>();
  // The phrase as written first; only when no retrieved passage has it, its words in one sentence.
  let exact = true;
  for (const find of [findPhrase, findWords]) {
    exact = find === findPhrase;
    for (const hit of o.hits) {
      if (citations.length >= (o.maxArticles ?? 3)) break;
      const id = paragraphId(hit.article.id, hit.paragraphNumber);
      if (quoted.has(hit.article.id) || seenParagraphs.has(id)) continue;
      const text = hit.paragraph;
      let at: { start: number; end: number } | null = null;
      for (const f of forms) {
        const found = find(text, f);
        if (found && (!at || found.start < at.start)) at = found;
      }
      if (!at) continue;
      seenParagraphs.add(id);
      const mention = at;
      const sentence = sentenceRanges(text).find(([a, b]) => a <= mention.start && mention.end <= b) ?? [0, text.length];
      const range = { start: sentence[0], end: sentence[1] };
      const q = clipQuote(text, range, mention, range, o.maxQuoteChars);
      quoted.add(hit.article.id);
      citations.push(citationFor(hit, text, q.start, q.end, citations.length + 1, q));
      cuts.push(q);
    }
    if (citations.length) break;
  }
  const w = WORDING[o.lang];
  const base = { question: o.question, lang: o.lang, closest: o.closest, retrieved: retrievedList(o.hits), mode: 'extractive' as const };
  if (!citations.length) {
    return {
      ...base,
      text: o.filtered ? w.missingFiltered(o.phrase) : o.lang === 'en' && !o.forms?.length ? w.untranslated(o.phrase) : w.missing(o.phrase),
      citations: [],
      refused: true,
      reason: o.filtered ? 'not-in-filter' : 'not-found',
      confidence: 1,
    };
  }
  const lines = [
    exact ? w.found(o.phrase) : w.words(o.phrase),
    ...citations.map((c, i) => `“${cuts[i]?.cutBefore ? '…' : ''}${c.quote}${cuts[i]?.cutAfter ? '…' : ''}” [${c.marker}]`),
  ];
  return { ...base, text: lines.join('\n'), citations, refused: false, confidence: 1 };
}
