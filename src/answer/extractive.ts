import { paragraphId } from '../corpus/ids.js';
import { InternalError } from '../errors.js';
import { actStated, doerAsked } from './act-asked.js';
import { doneByAnother } from './done-by-another.js';
import {
  type AcronymAlias,
  type QuestionTerms,
  hasWordIn,
  presence,
  presenceIn,
  questionTerms,
  searchText,
  union,
  withAliases,
  wordCoverage,
} from '../retrieve/coverage.js';
import type { Retrieved } from '../retrieve/retrieve.js';
import { ParagraphMemo } from '../store/lru.js';
import type { Store } from '../store/port.js';
import { articleRef } from './article-ref.js';
import { type PassageEvidence, RERANK_POOL, rerank } from '../retrieve/rerank.js';
import { restoreMarks } from '../retrieve/restore-marks.js';
import { extraTerms } from '../text/glossary.js';
import { canonicalTones, fold, hasMarks } from '../text/normalize.js';
import { questionAlternatives } from '../text/synonyms.js';
import type { Answer, ArticleRef, Citation, Lang } from '../types.js';
import {
  type ArticleText,
  type RefusalFeatures,
  acronymSlots,
  answerConfidence,
  isAcronym,
  namesWrittenIn,
  refusalFeatures,
  refusedByRule,
} from './confidence.js';
import {
  type FactSpan,
  ORGANISATION_HEAD,
  capitalisedListSpans,
  asksSum,
  causeGiven,
  countedThing,
  definedAcronyms,
  initialismsIn,
  factSpans,
  listSpans,
  organisationSpans,
  placeWhereAsked,
  spelledCountAsked,
  wholeUnit,
} from './fact-spans.js';
import { type PhotoQuestion, captionsAsked, photoQuestion } from './photo.js';
import {
  type QuestionAnalysis,
  analyzeQuestion,
  askedVerb,
  expandedAcronym,
  focusWords,
  namesSomething,
  withoutEnglishOfficeWords,
  withoutSaying,
} from './question-type.js';
import { DEFAULT_SELECT, type SelectSettings, type SentenceCandidate, scoreSentences } from './select.js';
import { sentenceRanges } from '../text/sentences.js';
import { WORD_END, WORD_START, nextWholeWords, typedInCapitals } from '../text/words.js';
import type { Span } from '../text/span.js';

/**
 * The offline answer. The retrieved passages are re-ranked by their best sentences
 * (`retrieve/rerank.ts`); every sentence of the best few is scored by how likely it is to
 * hold the answer (`select.ts`); the likeliest becomes a verbatim quote, with the next
 * likeliest when that one is nearly as likely. When the question asks for a fact (a person,
 * place, date, number, list, the expansion of an abbreviation…), the fact nearest to the
 * question's words in the quotes is the short answer shown first. Confidence that the corpus
 * answers at all comes from `confidence.ts`.
 */
export interface ExtractiveSettings extends SelectSettings {
  /**
   * The next likeliest sentence is quoted too when its probability is at least this share of
   * the best one's: joined to the first quote when it is next to it or close enough in the same
   * paragraph (the two within `maxQuoteChars`), as a second citation otherwise (before, one of
   * the same paragraph further away was left out: ViNewsQA dev `ans` 71.5 against 72.4 with it,
   * 277 and 285 quoted characters on average; XQuAD-vi 86.1 against 87.2, 323 and 341).
   * Measured on ViNewsQA dev and XQuAD-vi with refusals at 0.35 (`ans` / mean quoted
   * characters, before `followingChars`): at 0.5 64.4 / 183 and 82.6 / 250; at
   * 0.3 66.5 / 214 and 83.9 / 282; at 0.1 68.2 / 262 and 84.9 / 339; always 68.6 / 281 and
   * 85.0 / 363.
   */
  secondSentenceRatio: number;
  /**
   * The sentence after the likeliest one, in the same passage, is quoted with it when the two
   * fit in this many characters: a question often repeats the words of the sentence that
   * introduces its answer, and the answer follows ("… một phép màu đã đến với gia đình nhỏ."
   * then "Joseph bất ngờ tỉnh dậy sau 3 tháng hôn mê …"). Without refusals, the reply holds a
   * gold answer for 67.2% of the ViNewsQA dev questions without it and 70.9% with it at 300
   * (214 and 263 quoted characters on average), 70.4% at 250 and 71.2% at 350; on XQuAD-vi
   * 86.9% and 87.4%; our seed questions stay at 96.2%.
   */
  followingChars: number;
  /**
   * `followingChars` for a question asking how (`manner`: "như thế nào", "ra sao", "bằng cách
   * nào"), answered by a description rather than a fact: the two sentences are quoted together
   * when they fit in this many characters. Developed on the even-numbered articles of ViNewsQA dev
   * (`ans` 75.9 → 76.0), checked on the odd ones (73.3 → 73.5): 4 gained, none lost, 296 → 299
   * quoted characters on average (500 gained the same four); dev-heldout 4 and, with 5,000
   * distractors, 5 gained, none lost; XQuAD-vi and the seed questions unchanged.
   */
  followingCharsHow: number;
  /**
   * The first quote runs on one sentence further, to the end of the sentence after the one it runs
   * on to, when the sentence model gives that one at least `furtherRatio` of the best sentence's
   * likelihood and the three fit in `furtherChars`: a question often repeats the words of a
   * sentence two before its answer, the one between adding a detail ("Đây là lần đầu tiên …").
   * Developed on the even-numbered articles of ViNewsQA dev (`ans` 75.1 → 75.9), checked on the
   * odd ones (72.8 → 73.3): 16 gained, none lost, 287 → 296 quoted characters on average; at 0.1
   * or 0.2 of the likelihood and 400 characters, 19 or 13 gained and one lost.
   */
  furtherRatio: number;
  furtherChars: number;
  /**
   * The first quote starts at the sentence before the best one, as at one the best sentence refers
   * to (`refersBack`), when the sentence model gives that one at least `precedingRatio` of the best
   * sentence's likelihood and the two fit in `precedingChars`: the question repeats the words of
   * the sentence after its answer ("… cho biết người mới tập cơ thể chưa đủ dẻo dai …" before "Bạn
   * có thể tham khảo ý kiến của các huấn luyện viên …"). Developed on the even-numbered articles of
   * ViNewsQA dev (`ans` 76.1 → 76.8), checked on the odd ones (73.7 → 74.1): 13 gained, none lost,
   * 300 → 310 quoted characters on average; at 0.15 or 0.1 and 350 or 300 characters, one more
   * gained (on the odd half) for 5 or 9 more characters. The quote then runs on no further than
   * the sentence after the best one when the sentence before and the one further on would take it
   * past `maxQuoteChars` (it was cut, and lost an answer).
   */
  precedingRatio: number;
  precedingChars: number;
  /** Longer sentences are cut to the clauses around the answer (the cut marked with "…"). */
  maxQuoteChars: number;
  /** Passages re-ranked by their sentences. */
  pool: number;
}

export const DEFAULT_EXTRACTIVE: ExtractiveSettings = {
  ...DEFAULT_SELECT,
  secondSentenceRatio: 0.3,
  followingChars: 300,
  followingCharsHow: 400,
  furtherRatio: 0.15,
  furtherChars: 350,
  precedingRatio: 0.2,
  precedingChars: 300,
  maxQuoteChars: 500,
  pool: RERANK_POOL,
};

const MESSAGES: Record<
  Lang,
  { refusal: string; intro: string; unsettled: string; empty: string; tooLong: (limit: number, got: number) => string; filtered: string }
> = {
  vi: {
    refusal: 'Không tìm thấy thông tin này trong các bài viết đã lưu.',
    intro: 'Theo các bài viết đã lưu:',
    unsettled: 'Các bài viết đã lưu không khẳng định cũng không bác bỏ trực tiếp điều này; đoạn gần nhất với câu hỏi:',
    empty: 'Câu hỏi trống. Hãy nhập một câu hỏi về các bài viết đã lưu.',
    // The limit is said, in the words Telegram and Discord use: without it the reader can only guess how much to cut.
    tooLong: (limit, got) => `Câu hỏi quá dài (${got} ký tự). Xin rút gọn dưới ${limit} ký tự.`,
    filtered: 'Không có bài viết nào khớp với bộ lọc đã chọn.',
  },
  en: {
    refusal: 'This information was not found in the stored articles.',
    intro: 'According to the stored articles (quoted in Vietnamese):',
    unsettled: 'The stored articles neither confirm nor contradict this directly; the passage closest to the question (quoted in Vietnamese):',
    empty: 'The question is empty. Please ask something about the stored articles.',
    tooLong: (limit, got) => `That question is too long (${got} characters). Please keep it under ${limit}.`,
    filtered: 'No stored article matches the chosen filter.',
  },
};

export function messages(lang: Lang) {
  return MESSAGES[lang];
}

export interface ExtractiveInput {
  store: Store;
  question: string;
  /** Vietnamese glossary terms added to an English question. */
  translated?: string[];
  lang: Lang;
  hits: Retrieved[];
  analysis?: QuestionAnalysis;
  /** Keep the passages in the order given (ordered by date for "the latest …"), not re-ranked. */
  keepOrder?: boolean;
  settings?: ExtractiveSettings;
  /** The question's photo words were read already (`captionAnswer` answering the rest of it). */
  photoRead?: boolean;
  /** The question with its tone marks restored (`restoreMarks`), when the asker has read it so already. */
  restored?: string;
  /** How much more the retrieval query weighed than the question's words (`RefusalInput.lexicalScale`). */
  lexicalScale?: number;
  /** The question is a statement a yes/no question asked about (`RefusalInput.statement`). */
  statement?: boolean;
}

export interface ExtractiveResult {
  text: string;
  citations: Citation[];
  shortAnswer?: NonNullable<Answer['shortAnswer']>;
  confidence: number;
  /** The passages in their re-ranked order (the first `pool`, then the rest as retrieved). */
  ranked: Retrieved[];
  /** What the choice was made from (for evaluation and fitting). */
  trace: { terms: QuestionTerms; analysis: QuestionAnalysis; passages: PassageEvidence[]; sentences: SentenceCandidate[]; refusal?: RefusalFeatures };
}

export function citationFor(
  hit: Retrieved,
  paragraph: string,
  start: number,
  end: number,
  marker: number,
  clipped?: { cutBefore: boolean; cutAfter: boolean },
): Citation {
  return {
    marker,
    ...articleRef(hit.article),
    paragraphId: paragraphId(hit.article.id, hit.paragraphNumber),
    paragraphNumber: hit.paragraphNumber,
    quote: paragraph.slice(start, end),
    paragraph,
    ...(clipped && (clipped.cutBefore || clipped.cutAfter) ? { cut: { before: clipped.cutBefore, after: clipped.cutAfter } } : {}),
  };
}

/** Every quote must appear character for character in its paragraph; anything else is a bug. */
export function assertVerbatim(citations: readonly Citation[]): void {
  for (const c of citations) {
    if (!c.quote || !c.paragraph.includes(c.quote)) {
      throw new InternalError(`quote for ${c.paragraphId} is not verbatim in its paragraph`);
    }
  }
}

const articleCache = new WeakMap<Store, { generation: number; texts: Map<string, ArticleText> }>();

/** A whole article (title and every paragraph, read in one request) prepared for lookups, cached per store and generation. */
async function articleSearchText(store: Store, hit: Retrieved): Promise<ArticleText> {
  const generation = store.stats().generation;
  let c = articleCache.get(store);
  if (!c || c.generation !== generation) articleCache.set(store, (c = { generation, texts: new Map() }));
  const cache = c.texts;
  let entry = cache.get(hit.article.id);
  if (!entry) {
    const texts = await store.paragraphs(Array.from({ length: hit.article.paragraphCount }, (_, i) => ({ articleId: hit.article.id, n: i + 1 })));
    const text = [hit.article.title, ...texts.map((t) => t ?? '')].join('\n');
    // Where the article writes acronyms is read only for a question that names one (`missingAcronyms`).
    let slots: Set<string> | undefined;
    entry = {
      ...searchText(text),
      get acronymSlots() {
        return (slots ??= acronymSlots(text));
      },
    };
    if (cache.size >= 256) cache.delete(cache.keys().next().value as string);
    cache.set(hit.article.id, entry);
  }
  return entry;
}

/**
 * What a "how many" question counts, and whether the quotes give it: a quantity of the kind
 * asked, or a list of what is counted, which counts as well as a number ("được Bộ KH&CN, Bộ Công
 * Thương, Bộ Thông tin và Truyền thông …" for "Bao nhiêu bộ …?", "các quốc gia … như Campuchia,
 * Trung Quốc, Lào" for "bao nhiêu quốc gia").
 */
function countedIn(question: string, quotes: readonly Quote[], quantityQuoted: boolean): { things: string[]; quoted: boolean } {
  const things = countedThing(question);
  if (quantityQuoted || !things.length) return { things, quoted: quantityQuoted };
  // The list and what it counts in one sentence: a list of ministries in the sentence before
  // "Nhiều chuyên gia trẻ …" does not count experts.
  const listed = quotes.some((q) =>
    sentenceRanges(q.passage.paragraph)
      .filter(([a, b]) => a < q.end && b > q.start)
      .some(([a, b]) => {
        const text = q.passage.paragraph.slice(Math.max(a, q.start), Math.min(b, q.end));
        const folded = fold(text.toLowerCase());
        return [...capitalisedListSpans(text), ...listSpans(text)].some((l) => !examplesOnly(text, l) && listsCounted(folded, things, l));
      }),
  );
  return { things, quoted: listed };
}

/**
 * Whether a list lists what is counted (`things`, folded; `folded`, the sentence folded): named
 * shortly before it ("các quốc gia trong khu vực khác như Campuchia, …") or in its items ("Bộ
 * KH&CN, Bộ Công Thương, …" for "bao nhiêu bộ"). "các quy chuẩn … được Bộ KH&CN, Bộ Công Thương,
 * …" lists ministries, not regulations.
 */
function listsCounted(folded: string, things: readonly string[], list: Span): boolean {
  if (hasWordIn(folded.slice(Math.max(0, list.start - 60), list.end), things.join(' '))) return true;
  // Its first item named by the counted noun alone, when the question's next word is what the
  // items do, right after them: "bao nhiêu bộ xây dựng …" of "được Bộ KH&CN, Bộ Công Thương, Bộ
  // Thông tin và Truyền thông xây dựng và ban hành …". Not "bao nhiêu bộ TCVN" (sets of standards).
  const [unit, next] = things;
  return unit !== undefined && next !== undefined && folded.startsWith(`${unit} `, list.start) && hasWordIn(folded.slice(list.end, list.end + 25), next);
}

/**
 * A list of examples gives no count: "Tiêu biểu như các quy chuẩn … về dây, cáp điện, thiết bị
 * điện …" does not say how many regulations there are. Examples are introduced as such
 * ("tiêu biểu", "chẳng hạn", "ví dụ", "điển hình", "such as", "for example") or left open ("…").
 */
function examplesOnly(text: string, list: Span): boolean {
  if (/^\s*(?:\.\.\.|…)/u.test(text.slice(list.end))) return true;
  return EXAMPLES.test(text.slice(Math.max(0, list.start - 80), list.start));
}
const EXAMPLES = new RegExp(`${WORD_START}(?:tiêu biểu|chẳng hạn|ví dụ|điển hình|such as|for example|for instance|e\\.g\\.)${WORD_END}`, 'iu');

/**
 * Who said what a quote without a person says, when the next paragraph opens by saying so: a
 * news lead is often followed by "Thứ trưởng … cho biết như trên tại …" (said as above). For
 * "Ai cho biết Bộ KH&CN đang nỗ lực sửa đổi Luật …?" the lead holds the words and its next
 * paragraph's first sentence the person; that sentence is quoted after it. Only when that
 * paragraph was retrieved too.
 */
function saidAsAbove(quote: Quote, passages: readonly PassageEvidence[], analysis: QuestionAnalysis, question: string): Quote | null {
  const hit = quote.passage.hit;
  const next = passages.find((p) => p.hit.article.id === hit.article.id && p.hit.paragraphNumber === hit.paragraphNumber + 1);
  const first = next ? sentenceRanges(next.paragraph)[0] : undefined;
  if (!next || !first) return null;
  const text = next.paragraph.slice(first[0], first[1]);
  if (!AS_ABOVE.test(text)) return null;
  const facts = factSpans(analysis, text, question).map((f) => ({ start: first[0] + f.start, end: first[0] + f.end }));
  return facts.length ? { passage: next, start: first[0], end: first[1], cutBefore: false, cutAfter: false, facts } : null;
}

/**
 * The words a quote says were said, when it says only who said them: "Thứ trưởng … cho biết như
 * trên tại …" opens the paragraph after a news lead, and for "Ông Lê Xuân Định nói gì?" or "What
 * did he say?" it was the whole answer, with nothing of what he said. The paragraph before (of
 * the same article, retrieved too) is quoted ahead of it, from its start, in whole sentences
 * within `maxQuoteChars` (its first sentence cut to them when longer). Only for questions asking
 * what someone said (`asksWhatWasSaid`): the attribution itself answers who, when, where and
 * which office ("Ông Lê Xuân Định giữ chức vụ gì …?").
 */
function wordsSaidAbove(quote: Quote | undefined, passages: readonly PassageEvidence[], s: ExtractiveSettings): Quote | null {
  const first = quote ? sentenceRanges(quote.passage.paragraph)[0] : undefined;
  if (!quote || !first || quote.start > first[0] || !AS_ABOVE.test(quote.passage.paragraph.slice(first[0], first[1]))) return null;
  const hit = quote.passage.hit;
  const before = passages.find((p) => p.hit.article.id === hit.article.id && p.hit.paragraphNumber === hit.paragraphNumber - 1);
  const ranges = before ? sentenceRanges(before.paragraph) : [];
  const lead = ranges[0];
  if (!before || !lead) return null;
  const start = lead[0];
  let end = lead[1];
  for (const [, b] of ranges.slice(1)) {
    if (b - start > s.maxQuoteChars) break;
    end = b;
  }
  const span = clipQuote(before.paragraph, { start, end }, undefined, { start, end: lead[1] }, s.maxQuoteChars);
  return { passage: before, start: span.start, end: span.end, cutBefore: span.cutBefore, cutAfter: span.cutAfter, facts: [] };
}

/** "Ông Định nói gì?", "… đã phát biểu những gì?", "ong dinh noi gi", "What did he say?": what someone said is asked. */
export function asksWhatWasSaid(question: string): boolean {
  return SAID_ASKED.test(fold(question.toLowerCase())) || SAID_ASKED_EN.test(question);
}
const SAID_ASKED = new RegExp(
  `${WORD_START}(?:noi|cho biet|phat bieu|khang dinh|nhan manh|chia se|bay to|neu|thong tin)\\s+(?:(?:dieu|nhung|viec)\\s+)?gi${WORD_END}`,
  'u',
);
const SAID_ASKED_EN = new RegExp(
  `${WORD_START}what${WORD_END}.*${WORD_START}(?:say|said|tell|told|state|stated|stress|stressed|share|shared)${WORD_END}`,
  'iu',
);

/** "… cho biết như trên", "… khẳng định như vậy": a sentence saying who said the paragraph before. */
const AS_ABOVE = new RegExp(`${WORD_START}(?:cho biết|khẳng định|nhấn mạnh|phát biểu|chia sẻ|nói|nêu|thông tin)\\s+(?:như\\s+(?:trên|vậy))${WORD_END}`, 'iu');

export interface Quote {
  passage: PassageEvidence;
  start: number;
  end: number;
  /** Cut inside a sentence: shown with an ellipsis on that side. */
  cutBefore: boolean;
  cutAfter: boolean;
  /** Facts of the kind asked for in the quoted sentences, the likeliest sentence's first. */
  facts: FactSpan[];
}

/** The text of a quote, or nothing. */
function quoteText(quote: Quote | undefined): string {
  return quote ? quote.passage.paragraph.slice(quote.start, quote.end) : '';
}

/** `sentences` with `first` (one of them) moved to the front; the same list when there is none. */
function promoted(sentences: readonly SentenceCandidate[], first: SentenceCandidate | undefined): readonly SentenceCandidate[] {
  return first ? [first, ...sentences.filter((c) => c !== first)] : sentences;
}

const FACT_KINDS = new Set<QuestionAnalysis['kind']>(['person', 'place', 'date', 'number']);

/**
 * A question for a person, place, date or number whose likeliest sentence has none ("Hội nghị
 * chuyên đề LMC lần thứ 4 cũng đánh dấu mốc 73 năm …" for "LMC lần 4 ở đâu?"): a sentence of
 * the same article holding as much of the question's words and a fact of the kind asked is
 * quoted first ("… được tổ chức tại thành phố Bắc Kinh - Trung Quốc"), the other after it. How
 * sure the answer is stays the likeliest sentence's: "Thứ trưởng … sinh năm nào?" is not
 * answered by the date of a meeting. ViNewsQA dev `ans` 73.1 → 73.2 (short F1 66.4 → 66.2),
 * XQuAD-vi 88.6 → 88.7.
 */
function factFirst(sentences: readonly SentenceCandidate[], analysis: QuestionAnalysis): readonly SentenceCandidate[] {
  const best = sentences[0];
  if (!best || !FACT_KINDS.has(analysis.kind) || analysis.list || best.facts.length > 0) return sentences;
  const article = best.passage.hit.article.id;
  // Among the five likeliest; allowing a sentence 0.1 less of the question's words changed nothing more.
  const found = sentences.slice(1, 5).find((c) => c.passage.hit.article.id === article && c.facts.length > 0 && c.features.words >= best.features.words);
  return promoted(sentences, found);
}

/**
 * A question for a person, place, date or number whose quotes hold no fact of the kind asked: the
 * first quote runs on to the first of the two sentences after it that holds one, within
 * `maxQuoteChars` ("Trải qua hơn 50 năm hoạt động, …" after "… ra đời từ năm 1968. Từ phòng khám
 * răng nhỏ, …" for "… đã hoạt động được bao lâu?"): the question's words are in the sentences
 * before it. The fact is quoted, not taken as the short answer: counted, it gave 20 more short
 * answers on ViNewsQA dev, F1 70.1 → 68.5. Developed on the even-numbered articles of ViNewsQA dev
 * (`ans` 76.0 → 76.1), checked on the odd ones (73.5 → 73.7): 4 gained, none lost, 20 quotes
 * longer; the next sentence only, 2 gained.
 */
export function factAfter(quotes: Quote[], analysis: QuestionAnalysis, question: string, s: ExtractiveSettings): Quote[] {
  const q = quotes[0];
  if (!q || !FACT_KINDS.has(analysis.kind) || analysis.list || q.cutAfter || quotes.some((x) => x.facts.length > 0)) return quotes;
  const text = q.passage.paragraph;
  const ranges = sentenceRanges(text);
  const i = ranges.findIndex(([a]) => a >= q.end);
  if (i < 0) return quotes;
  for (const [a, b] of ranges.slice(i, i + FACT_AFTER_SENTENCES)) {
    if (b - q.start > s.maxQuoteChars) break;
    if (factSpans(analysis, text.slice(a, b), question).length > 0) return [{ ...q, end: b }, ...quotes.slice(1)];
  }
  return quotes;
}
const FACT_AFTER_SENTENCES = 2;

/**
 * A "what" question about what someone did ("Metzger hứa gì với VN?", "Viện Đo lường VN cam kết
 * gì tại hội nghị?", "… ký gì ở Bắc Kinh?") whose likeliest sentence has not the verb asked about
 * (`askedVerb`), nor any word the news writes for it ("khẳng định sẽ" for "cam kết", "hứa"): a
 * sentence of the same article that has it and at least half as much of the question's words is
 * quoted first ("Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam …"), the other after it; the
 * likeliest sentence says more of who, less of what was done. How sure the answer is stays the
 * likeliest sentence's. Seed questions -7 `ans` 93.8 → 96.3, -9 87.5 → 89.8, dialogues 90.2 →
 * 93.4; ViNewsQA and XQuAD-vi unchanged (at least 0.7 of the words instead of half: -7 95.0).
 */
function verbFirst(sentences: readonly SentenceCandidate[], analysis: QuestionAnalysis, question: string): readonly SentenceCandidate[] {
  const best = sentences[0];
  if (!best || analysis.kind !== 'other' || analysis.yesNo) return sentences;
  const verb = askedVerb(question);
  if (!verb) return sentences;
  // An English question's verb has the Vietnamese verb's own alternatives ("khẳng định sẽ" for "hứa").
  const forms = [verb, ...(questionAlternatives(question, true).get(verb) ?? questionAlternatives(verb, true).get(verb) ?? [])].map((f) => canonicalTones(f));
  const says = (c: SentenceCandidate) => {
    const lower = searchText(c.passage.paragraph.slice(c.start, c.end)).lower;
    return forms.some((f) => hasWordIn(lower, f));
  };
  if (says(best)) return sentences;
  const article = best.passage.hit.article.id;
  const found = sentences.slice(1, 5).find((c) => c.passage.hit.article.id === article && 2 * c.features.words >= best.features.words && says(c));
  return promoted(sentences, found);
}

/**
 * A "which X" question whose likeliest sentence names its X only by the noun ("Lãnh đạo … tham
 * dự Hội nghị", a caption, for "hội nghị đo lường nào?"): the sentence of the same article that
 * gives X's name ("Hội nghị chuyên đề Hợp tác Lancang-Mekong (LMC) lần thứ 4 …"; an
 * organisation's, "Ủy ban Kỹ thuật Điện Quốc tế (IEC)", for "tổ chức quốc tế nào") is quoted first,
 * the other after it; not when the likeliest sentence names its X by whose it is (`ownedBy`). How
 * sure the answer is stays the likeliest sentence's.
 */
function namedFirst(sentences: readonly SentenceCandidate[], analysis: QuestionAnalysis): readonly SentenceCandidate[] {
  const best = sentences[0];
  if (!best || !analysis.head || analysis.list || analysis.kind !== 'other' || best.facts.length > 0) return sentences;
  const sentence = best.passage.paragraph.slice(best.start, best.end);
  const said = fold(sentence.toLowerCase());
  const head = fold(analysis.head.toLowerCase());
  if (!hasWordIn(said, head) || ownedBy(sentence, said, head)) return sentences;
  const article = best.passage.hit.article.id;
  // An organisation asked for is named by its own kind of words ("Ủy ban …", "Viện …"), not after
  // the question's noun, and holds the words the question describes it by ("Quốc tế" of "tổ chức
  // quốc tế nào"; the ministries the article names everywhere do not answer that).
  const organisation = ORGANISATION_HEAD.test(fold(analysis.head.toLowerCase()))
    ? (fold((analysis.described ?? '').toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? [])
    : undefined;
  const names = (c: SentenceCandidate) =>
    organisation !== undefined &&
    organisationSpans(c.passage.paragraph.slice(c.start, c.end)).some((o) => {
      const name = ` ${fold(c.passage.paragraph.slice(c.start + o.start, c.start + o.end).toLowerCase())} `;
      return organisation.every((w) => name.includes(` ${w} `));
    });
  const named = sentences.find((c) => c.passage.hit.article.id === article && (c.facts.length > 0 || names(c)));
  return promoted(sentences, named);
}

/**
 * Whether a sentence writes the noun asked for as someone's by name ("… trên cơ sở tham khảo tiêu
 * chuẩn của IEC" for "… dựa trên tiêu chuẩn nào?"): it says which one, and a name starting with the
 * noun elsewhere ("Tiêu chuẩn Việt Nam (TCVN)", in a sentence on another subject) is not put before
 * it. `said` is the sentence lower-cased and folded, `head` the noun folded.
 */
function ownedBy(sentence: string, said: string, head: string): boolean {
  if (said.length !== sentence.length) return false;
  const owner = `${head} cua `;
  for (let at = nextWholeWords(said, owner.trimEnd()); at >= 0; at = nextWholeWords(said, owner.trimEnd(), at + 1)) {
    if (/^\p{Lu}/u.test(sentence.slice(at + owner.length, at + owner.length + 1))) return true;
  }
  return false;
}

/**
 * The quotes: the best sentence, and the next likeliest when it is nearly as likely (see
 * `secondSentenceRatio`); the first quote runs on to the end of the sentence after the best
 * one when they are short enough together (see `followingChars`). The short answer comes from
 * the chosen sentences only, not from the one the quote runs on to: with it, more questions got
 * one and fewer of them were right (ViNewsQA dev short 28.7 / F1 52.6 against 27.8 / 53.1).
 * When the best sentence refers to the one before it (`refersBack`: "Kết quả này giúp …", "Đây
 * là …", "Nó …", "Anh ấy …", "Ông cho biết …"), the quote starts at that one, within
 * `maxQuoteChars`: a question often repeats the referring sentence, and what it refers to is the
 * answer. The sentences before and after the best one are its paragraph's, also where its
 * passage window ends (a long paragraph's best window often ends at the best sentence).
 * A next likeliest sentence the first quote holds anyway (the one it runs on to or starts at) does
 * not take the second quote's place: the likeliest one after it that the first quote does not
 * hold is quoted, at the same ratio to the best one. Before, the second quote was the sentence the
 * first ran on to, and the third likeliest, often the answer when the question repeats the words
 * of the two before it, was left out: ViNewsQA dev `ans` 73.5 → 73.9 (11 gained, none lost; 279
 * → 287 quoted characters on average), dev-heldout 74.7 → 75.0, with 5,000 distractors 70.2 →
 * 70.5, XQuAD-vi 88.8 unchanged.
 */
export function chooseQuotes(sentences: readonly SentenceCandidate[], s: ExtractiveSettings, analysis?: QuestionAnalysis): Quote[] {
  const best = sentences[0] as SentenceCandidate;
  // The sentences next to the best one in its paragraph, wherever its passage window ends.
  const around = sentenceRanges(best.passage.paragraph);
  const next = around.find(([a]) => a >= best.end);
  const previous = around.findLast(([, b]) => b <= best.start);
  const following = next ? { start: next[0], end: next[1] } : undefined;
  const before = previous ? { start: previous[0], end: previous[1] } : undefined;
  const referred = before && (refersBack(best.passage.paragraph.slice(best.start, best.end)) || likelyBefore(sentences, before, s)) ? before : undefined;
  // The next likeliest sentences the first quote holds anyway (the one it runs on to, the one it
  // starts at) are quoted in it, their facts counted; the second quote is the likeliest sentence
  // after them that it does not hold.
  const from = referred && (following?.end ?? best.end) - referred.start <= s.maxQuoteChars ? referred.start : best.start;
  const followingChars = analysis?.kind === 'manner' ? s.followingCharsHow : s.followingChars;
  const runsOn = following !== undefined && following.end - best.start <= followingChars;
  // Not at the cost of the sentence referred to: both together past `maxQuoteChars` would be cut.
  const next2 = runsOn ? furtherSentence(sentences, around, following.end, s) : undefined;
  const further = next2 && next2.end - from <= s.maxQuoteChars ? next2 : undefined;
  const to = further?.end ?? (runsOn ? following.end : best.end);
  const held = (c: SentenceCandidate) => inParagraphOf(c, best) && c.start >= from && c.end <= to;
  let k = 1;
  while (k < sentences.length && held(sentences[k] as SentenceCandidate) && (sentences[k] as SentenceCandidate).p >= s.secondSentenceRatio * best.p) k++;
  const first = sentences.slice(0, k);
  const second = sentences[k];
  const quote = (cs: SentenceCandidate[], start: number, end: number, factsOf: SentenceCandidate[] = cs): Quote => {
    let to = end;
    if (runsOn && cs[0] === best && following.start >= start) {
      to = Math.max(to, following.end);
      // Not at the cost of the sentence referred to, nor past `maxQuoteChars`.
      if (further && further.end - Math.min(start, referred?.start ?? start) <= s.maxQuoteChars) to = Math.max(to, further.end);
    }
    if (referred && cs[0] === best && referred.start < start && to - referred.start <= s.maxQuoteChars) start = referred.start;
    const facts = factsOf.flatMap((c) => c.facts).filter((f) => f.start >= start && f.end <= to);
    const lead = cs[0] as SentenceCandidate;
    const q = clipQuote(lead.passage.paragraph, { start, end: to }, facts[0], lead, s.maxQuoteChars, lead.asked);
    return { passage: lead.passage, ...q, facts: facts.filter((f) => f.start >= q.start && f.end <= q.end) };
  };
  const start0 = Math.min(...first.map((c) => c.start));
  const end0 = Math.max(...first.map((c) => c.end));
  if (!second || second.p < s.secondSentenceRatio * best.p) return [quote(first, start0, end0)];
  // A sentence quoted because the likelier ones were in the first quote already gives no fact for
  // the short answer: of the 8 it gave on ViNewsQA dev, 2 were right.
  const factsOf = k > 1 ? [] : [second];
  if (!inParagraphOf(second, best)) return [quote(first, start0, end0), quote([second], second.start, second.end, factsOf)];
  const start = Math.min(start0, second.start);
  const end = Math.max(end0, second.end);
  // Two sentences of one paragraph are one quote when they are next to each other or close, two otherwise.
  const adjacent = second.passage === best.passage && Math.abs(second.index - best.index) === 1;
  return adjacent || end - start <= s.maxQuoteChars
    ? [quote([...first, second], start, end, [...first, ...factsOf])]
    : [quote(first, start0, end0), quote([second], second.start, second.end, factsOf)];
}

/**
 * Whether the sentence before the best one (`before`) is quoted with it as one it refers to: the
 * sentence model gives it at least `precedingRatio` of the best sentence's likelihood and the two
 * fit in `precedingChars` (see there).
 */
function likelyBefore(sentences: readonly SentenceCandidate[], before: Span, s: ExtractiveSettings): boolean {
  const best = sentences[0] as SentenceCandidate;
  if (best.end - before.start > s.precedingChars) return false;
  const scored = scoredAt(sentences, before);
  return scored !== undefined && scored.p >= s.precedingRatio * best.p;
}

/**
 * The sentence after the one the first quote runs on to (which ends at `from`), when the sentence
 * model gives it at least `furtherRatio` of the best sentence's likelihood and the three fit in
 * `furtherChars` (see there).
 */
function furtherSentence(
  sentences: readonly SentenceCandidate[],
  around: ReadonlyArray<readonly [number, number]>,
  from: number,
  s: ExtractiveSettings,
): Span | undefined {
  const best = sentences[0] as SentenceCandidate;
  const next = around.find(([a]) => a >= from);
  if (!next || next[1] - best.start > s.furtherChars) return undefined;
  const span = { start: next[0], end: next[1] };
  const scored = scoredAt(sentences, span);
  return scored && scored.p >= s.furtherRatio * best.p ? span : undefined;
}

/** Whether `c` is a sentence of `best`'s paragraph (of any of its passages). */
function inParagraphOf(c: SentenceCandidate, best: SentenceCandidate): boolean {
  return c.passage.hit.article.id === best.passage.hit.article.id && c.passage.hit.paragraphNumber === best.passage.hit.paragraphNumber;
}

/** The first of the scored sentences (in their order) of the best one's paragraph that overlaps `span`, if any was scored. */
function scoredAt(sentences: readonly SentenceCandidate[], span: Span): SentenceCandidate | undefined {
  const best = sentences[0] as SentenceCandidate;
  return sentences.find((c) => inParagraphOf(c, best) && c.start < span.end && c.end > span.start);
}

// A sentence refers to the one before it when it has a demonstrative ("Đây là …", "Kết quả này
// giúp …", "Điều đó …", "Như vậy, …", "… nói trên") or opens with a pronoun ("Nó …", "Họ …").
const DEMONSTRATIVE = new RegExp(`${WORD_START}(?:này|đó|đây|vậy|(?:nói|kể|nêu)\\s+trên)${WORD_END}`, 'iu');
const PRONOUN_FIRST = new RegExp(`^[^\\p{L}\\p{N}]*(?:[\\p{L}\\p{M}\\p{N}]+\\s+)?(?:nó|họ)${WORD_END}`, 'iu');

// Or opens with a kinship word used as a pronoun: "Anh ấy …", "Ông ta …", "Bà cho biết …" (a
// name after it, "Ông Dewhurs …", is not one).
const PERSON_FIRST = new RegExp(`^[^\\p{L}\\p{N}]*(?:[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị|[Cc]ô|[Cc]ậu)\\s+(?:(?:ấy|ta)${WORD_END}|\\p{Ll})`, 'u');

/** Whether a sentence refers to what came before it (its answer is often there). */
export function refersBack(sentence: string): boolean {
  return DEMONSTRATIVE.test(sentence) || PRONOUN_FIRST.test(sentence) || PERSON_FIRST.test(sentence);
}

/**
 * A quote longer than `max` is cut to whole clauses (split at commas, semicolons and colons,
 * and where its likeliest sentence starts and ends) around its answer: the fact when there is
 * one; else, given the question's words in the quote (`asked`), the clauses that fit and hold
 * most of them ("tín chỉ carbon" late in a 600-character sentence listing the fields IEC
 * supports); else as much of the likeliest sentence as fits, from its start. Before, a quote
 * without a fact was cut around its own first clause, and two sentences quoted together lost
 * the likeliest one when the other came first.
 */
export function clipQuote(
  text: string,
  q: Span,
  fact: Span | undefined,
  sentence: Span,
  max: number,
  asked: readonly Span[] = [],
): Span & { cutBefore: boolean; cutAfter: boolean } {
  if (q.end - q.start <= max) return { ...q, ...inSentence(text, q.start, q.end) };
  const inside = (x: number) => x > q.start && x < q.end;
  const at = new Set([q.start, q.end]);
  for (const m of text.slice(q.start, q.end).matchAll(/[,;:]\s+/gu)) at.add(q.start + m.index + m[0].length);
  if (inside(sentence.start)) at.add(sentence.start);
  if (inside(sentence.end)) at.add(sentence.end);
  const cuts = [...at].sort((a, b) => a - b);
  const clauses = cuts.slice(0, -1).map((a, i) => [a, cuts[i + 1] as number] as const);
  const from = Math.max(q.start, sentence.start);
  const focus = fact ?? { start: from, end: Math.min(q.end, sentence.end, from + max) };
  let lo = clauses.findIndex(([a, b]) => focus.start < b && focus.end > a);
  if (lo < 0) lo = 0;
  let hi = lo;
  const len = () => (clauses[hi] as readonly [number, number])[1] - (clauses[lo] as readonly [number, number])[0];
  const most = fact ? null : askedClauses(text, clauses, asked, max);
  if (most) [lo, hi] = most;
  else {
    // The whole focus (a fact always; the sentence's clauses while they fit).
    while (hi + 1 < clauses.length && (clauses[hi] as readonly [number, number])[1] < focus.end) {
      const next = clauses[hi + 1] as readonly [number, number];
      if (!fact && next[1] - (clauses[lo] as readonly [number, number])[0] > max) break;
      hi++;
    }
  }
  // Grow towards the side with the shorter clause while it fits.
  for (;;) {
    const left = lo > 0 ? (clauses[lo - 1] as readonly [number, number]) : null;
    const right = hi + 1 < clauses.length ? (clauses[hi + 1] as readonly [number, number]) : null;
    const lw = left ? left[1] - left[0] : Infinity;
    const rw = right ? right[1] - right[0] : Infinity;
    if (rw <= lw && right && len() + rw <= max) hi++;
    else if (left && len() + lw <= max) lo--;
    else if (right && len() + rw <= max) hi++;
    else break;
  }
  let start = (clauses[lo] as readonly [number, number])[0];
  let end = (clauses[hi] as readonly [number, number])[1];
  if (end - start > max && !fact) end = start + max;
  while (end > start && /[\s,;:]/u.test(text[end - 1] as string)) end--;
  while (start < end && /\s/u.test(text[start] as string)) start++;
  const edges = inSentence(text, start, end);
  return { start, end, cutBefore: start > q.start || edges.cutBefore, cutAfter: end < q.end || edges.cutAfter };
}

/** Sentence-ending punctuation, with a closing quotation mark or bracket after it. */
const SENTENCE_END = /[.!?…;:]["'”’»)\]]*$/u;

/**
 * Whether the words quoted from `start` to `end` of `text` begin or end inside a sentence of it:
 * a passage window of a long paragraph may begin or end mid-sentence, and the quote must then
 * show that words were left out ("…"), though it is no cut of its own.
 */
function inSentence(text: string, start: number, end: number): { cutBefore: boolean; cutAfter: boolean } {
  const before = text.slice(Math.max(0, start - 3), start).trimEnd();
  const beforeAll = start > 0 && text.slice(0, start).trim().length > 0;
  const after = text.slice(end).trim();
  return {
    cutBefore: beforeAll && before.length > 0 && !SENTENCE_END.test(before) && !/\n\s*$/u.test(text.slice(0, start)),
    cutAfter: after.length > 0 && !SENTENCE_END.test(text.slice(start, end).trimEnd()),
  };
}

/**
 * The run of clauses, at most `max` characters, holding the most of the question's distinct
 * words (`asked`, offsets in `text`; a word the sentence repeats counts once), the longer run on
 * a tie, then the earlier; null when no clause holds one.
 */
function askedClauses(text: string, clauses: ReadonlyArray<readonly [number, number]>, asked: readonly Span[], max: number): [number, number] | null {
  if (!asked.length) return null;
  const words = clauses.map(([a, b]) => asked.filter((w) => w.start >= a && w.end <= b).map((w) => text.slice(w.start, w.end).toLowerCase()));
  let best: [number, number] | null = null;
  let bestHits = 0;
  let bestLen = 0;
  for (let lo = 0; lo < clauses.length; lo++) {
    const seen = new Set<string>();
    for (let hi = lo; hi < clauses.length; hi++) {
      const length = (clauses[hi] as readonly [number, number])[1] - (clauses[lo] as readonly [number, number])[0];
      if (length > max) break;
      for (const w of words[hi] as string[]) seen.add(w);
      if (seen.size > bestHits || (seen.size === bestHits && seen.size > 0 && length > bestLen)) [best, bestHits, bestLen] = [[lo, hi], seen.size, length];
    }
  }
  return best;
}

export async function extractiveAnswer(input: ExtractiveInput): Promise<ExtractiveResult> {
  const photo = input.keepOrder || input.photoRead ? null : photoQuestion(input.question);
  if (photo) return captionAnswer(input, photo);
  const s = input.settings ?? DEFAULT_EXTRACTIVE;
  const { store, question, hits } = input;
  let analysis = input.analysis ?? analyzeQuestion(question);
  // A list question's noun ("hình thức" of "qua những hình thức nào?") names the kind of its items,
  // which the list seldom repeats ("thông qua các dự án nghiên cứu chung, chương trình đào tạo …"):
  // it is not looked for. ViNewsQA dev-heldout false refusals 2.0 → 1.8%, `ans` +0.1; a head
  // noun left out of every question instead refused more answerable seed questions.
  const plain = withoutSaying(question);
  const said = expandedAcronym(plain, analysis) ?? plain;
  // Unless nothing else is asked ("Những bộ nào được bài viết đề cập?"): the noun is then the question.
  const headless = analysis.list && analysis.head ? withoutLast(said, withKind(said, analysis.head)) : said;
  const listed = namesSomething(headless) ? headless : said;
  // So are the words "mục đích", "mục tiêu" of a question for a purpose: "nhằm", "để" answer it (`purpose`).
  const aims = analysis.purpose ? PURPOSE_WORDS.reduce(withoutLast, listed) : listed;
  // And the words asking for an office ("giữ chức vụ gì", "chức danh gì"): the office answers
  // ("ông Philippe Metzger, Tổng Thư ký IEC"), and the sentence seldom says "giữ chức". Counted
  // as the question's words, they were words no article has, and "Ông Metzger giữ chức gì?" was
  // refused where "Ông Philippe Metzger giữ chức vụ gì?" was answered.
  const unasked = analysis.office ? withoutOfficeWords(aims) : aims;
  const asked = namesSomething(unasked) ? unasked : aims;
  let terms = await questionTerms(store, asked, input.lang, input.translated ?? []);
  let passages = await rankPassages(input, terms, s.pool);
  // Acronyms the retrieved passages spell out, read as their words: ranked again when the
  // question writes one of them the other way.
  const aliases = acronymsIn(passages, question);
  const aliased = withAliases(terms, aliases, [asked, ...(input.translated ?? [])]);
  if (aliased !== terms) {
    terms = aliased;
    passages = await rankPassages(input, terms, s.pool, aliases);
  }
  passages = await acronymArticleFirst(store, passages, question);
  // The body an office is asked at, by the other name the passages give it ("Ủy ban Kỹ thuật Điện Quốc tế (IEC)").
  if (analysis.officeAt) analysis = { ...analysis, officeAt: alsoNamed(analysis.officeAt, aliases) };
  const ranked = [...passages.map((p) => p.hit), ...hits.slice(s.pool)];
  const sentences = scoreSentences(passages, terms, analysis, question, s);
  const best = sentences[0];
  const trace = { terms, analysis, passages, sentences };
  if (!best) return { text: '', citations: [], confidence: 0, ranked, trace };

  const named = namedFirst(sentences, analysis);
  const ordered = verbFirst(factFirst(named, analysis), analysis, question);
  // The quotes of a candidate order: the sentences chosen, run on to a fact of the kind asked when they hold none.
  const quotesOf = (cs: readonly SentenceCandidate[]) => factAfter(chooseQuotes(cs, s, analysis), analysis, question, s);
  const quotes = quotesOf(ordered);
  const attribution = analysis.kind === 'person' && !quotes.some((q) => q.facts.length) ? saidAsAbove(quotes[0] as Quote, passages, analysis, question) : null;
  if (attribution) quotes.push(attribution);
  const saidBefore = analysis.kind === 'other' && !analysis.yesNo && asksWhatWasSaid(question) ? wordsSaidAbove(quotes[0], passages, s) : null;
  if (saidBefore) quotes.unshift(saidBefore);
  const citations = quotes.map((q, i) => citationFor(q.passage.hit, q.passage.paragraph, q.start, q.end, i + 1, q));
  assertVerbatim(citations);
  // How sure the answer is, and whose act it quotes, are judged on the quotes chosen, not on the words said before them.
  const chosenCitations = saidBefore ? citations.slice(1) : citations;

  // The short answer: the fact nearest to the question's words in the likeliest sentence, or
  // failing that in the next quoted one when it is of the same article. A fact of another article
  // answered another story ("GIST" for "Bác sĩ phát hiện có khối u ở đâu?", whose first quote
  // says "ở buồng trứng"): of the 41 short answers ViNewsQA dev and XQuAD-vi took from a second
  // quote, most were of another article and wrong (mean token F1 0.29 on ViNewsQA dev).
  const firstArticle = quotes[0]?.passage.hit.article.id;
  const at = quotes.findIndex((q) => q.facts.length > 0 && q.passage.hit.article.id === firstArticle);

  const fact = wholeQuantity(quotes[at], analysis);
  // Where, as the first quote places it in the question's own words (`placeWhereAsked`), unless
  // the fact found is the name the place starts with ("Scotland" of "tại Scotland đầu tháng 5").
  const first = quotes[0] as Quote;
  const placed = analysis.kind === 'place' && !analysis.list ? placeWhereAsked(question, quoteText(first)) : undefined;
  // A count spelled out before what the question counts ("hai trường đại học"), when no quote has a
  // count in digits (`spelledCountAsked`).
  const spelled = analysis.kind === 'number' && !fact ? spelledCountAsked(question, quoteText(first)) : undefined;
  const inFirst = placed && !(at === 0 && fact?.start === first.start + placed.start) ? placed : spelled;
  const chosen = inFirst
    ? { paragraph: first.passage.paragraph, span: { start: first.start + inFirst.start, end: first.start + inFirst.end }, marker: 1 }
    : fact
      ? { paragraph: (quotes[at] as Quote).passage.paragraph, span: fact, marker: at + 1 }
      : undefined;
  // A span naming the cause instead of giving it ("nguyên nhân gây động kinh") is cut to the cause it gives, or left out (`causeGiven`).
  const given = chosen ? causeGiven(chosen.paragraph, chosen.span) : undefined;
  const shortAnswer = chosen && given ? { text: chosen.paragraph.slice(given.start, given.end), marker: chosen.marker } : undefined;
  if (shortAnswer && !citations[shortAnswer.marker - 1]?.quote.includes(shortAnswer.text)) throw new InternalError('short answer is not verbatim in its quote');

  const m = messages(input.lang);
  const lines = [m.intro, ...quotes.map((q, i) => `“${q.cutBefore ? '…' : ''}${citations[i]?.quote}${q.cutAfter ? '…' : ''}” [${i + 1}]`)];
  const art = await articleSearchText(store, best.passage.hit);
  const focus = focusWords(question, analysis);
  // "Sáng kiến … do ai khởi xướng?": the act whose doer is asked, which the quotes' paragraphs must state.
  const doer = analysis.kind === 'person' ? doerAsked(question) : undefined;
  // How sure the answer is stays the likeliest sentences' when a fact of the kind asked was put first.
  const judged = ordered === named ? chosenCitations : quotesOf(named).map((q) => ({ quote: q.passage.paragraph.slice(q.start, q.end) }));
  const quoted = searchText(judged.map((c) => c.quote).join('\n'));
  const passage = presence(terms, best.passage.hit.article.title);
  for (const x of best.passage.sentences) union(passage, x.present, passage);
  const refusal = refusalFeatures({
    question,
    terms,
    passages,
    best,
    passage,
    article: presenceIn(terms, art),
    articleText: art,
    focus,
    quoted,
    ...(analysis.leaderOf && analysis.kind === 'person' ? { leader: { body: analysis.leaderOf, vietnamese: input.lang === 'vi' } } : {}),
    ...(analysis.kind === 'number' ? { counted: countedIn(question, quotes, at >= 0), measure: true } : asksSum(question) ? { measure: true } : {}),
    ...(analysis.yesNo ? { yesNo: true } : {}),
    ...(input.statement ? { statement: true } : {}),
    ...(analysis.officeAt ? { officeAt: { quoted: at >= 0 } } : {}),
    ...(doer ? { doer: { stated: citations.some((c) => actStated(c.paragraph, doer)) } } : {}),
    spelledOut: aliases,
    ...(input.lexicalScale ? { lexicalScale: input.lexicalScale } : {}),
  });
  return {
    text: lines.join('\n'),
    citations,
    ...(shortAnswer ? { shortAnswer } : {}),
    // What another person did is no answer to what the question's person did.
    confidence: chosenCitations[0] && doneByAnother(question, chosenCitations[0].quote) ? 0 : answerConfidence(refusal),
    ranked,
    trace: { ...trace, refusal },
  };
}

/** Names with the other names the passages give them: an acronym's words, and the acronym of words spelled out. */
function alsoNamed(names: readonly string[], aliases: readonly AcronymAlias[]): string[] {
  const out = new Set(names);
  const same = (a: string, b: string) => fold(a.toLowerCase()) === fold(b.toLowerCase());
  for (const n of names)
    for (const a of aliases) {
      if (same(a.acronym, n)) out.add(a.expansion);
      if (same(a.expansion, n)) out.add(a.acronym);
    }
  return [...out];
}

/** The verb and noun asking for an office, right before "gì" / "nào" ("giữ chức vụ", "làm chức", "đảm nhiệm cương vị"), with marks or without. */
const OFFICE_WORDS = (() => {
  const make = (verbs: string, nouns: string, asks: string) =>
    new RegExp(`${WORD_START}(?:(?:${verbs})\\s+)?(?:${nouns})(?=\\s+(?:${asks})${WORD_END})`, 'giu');
  return {
    marked: make('giữ|nắm\\s+giữ|làm|đảm\\s+nhiệm|đảm\\s+nhận', 'chức\\s+vụ|chức\\s+danh|chức|cương\\s+vị', 'gì|nào|j'),
    folded: make('giu|nam\\s+giu|lam|dam\\s+nhiem|dam\\s+nhan', 'chuc\\s+vu|chuc\\s+danh|chuc|cuong\\s+vi', 'gi|nao|j'),
  };
})();

/** `text` without the words asking for an office (`OFFICE_WORDS`, or in English `withoutEnglishOfficeWords`). */
function withoutOfficeWords(text: string): string {
  const english = withoutEnglishOfficeWords(text);
  if (english !== text) return english;
  return text.replace(hasMarks(text) ? OFFICE_WORDS.marked : OFFICE_WORDS.folded, ' ');
}

/** The words of a purpose asked, as typed at the start of a question or in it, with marks or without. */
const PURPOSE_WORDS = ['mục đích', 'muc dich', 'mục tiêu', 'muc tieu'].flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]);

/** A noun of kind and the space after it, ending the text: "loại " of "những loại thuốc" (the list's head follows). */
const KIND_BEFORE_HEAD = new RegExp(`${WORD_START}(?:loại|kiểu|dạng|hình\\s+thức|loai|kieu|dang|hinh\\s+thuc)\\s+$`, 'iu');

/**
 * The head noun with the word for a kind right before it, as typed ("loại văn bản" of "những loại
 * văn bản nào", "hình thức hợp tác"): a list names its items, not their kind.
 */
function withKind(text: string, head: string): string {
  // The head's whole-word places, in order, each tried for a kind noun right before it: a pattern
  // of the head's own words would be compiled anew for every question. Lower-casing keeps
  // Vietnamese and English offsets.
  const lower = text.toLowerCase();
  const h = head.toLowerCase();
  for (let i = nextWholeWords(lower, h); i >= 0; i = nextWholeWords(lower, h, i + 1)) {
    const kind = KIND_BEFORE_HEAD.exec(lower.slice(0, i));
    if (kind) return text.slice(kind.index, i + h.length);
  }
  return head;
}

/** `text` without the last whole-word `words` in it (the noun before "nào" is the last: "nhà nước của những nước nào"). */
function withoutLast(text: string, words: string): string {
  let last = -1;
  for (let i = nextWholeWords(text, words); i >= 0; i = nextWholeWords(text, words, i + words.length)) last = i;
  return last >= 0 ? `${text.slice(0, last)} ${text.slice(last + words.length)}` : text;
}

/**
 * A question about a photo, answered by its caption (`photo.ts`): the rest of the question is
 * answered as usual, which finds the article and says how sure it is; the caption of the photo
 * asked about, in that article, is quoted instead of the sentences. An article with fewer photos
 * than the place asked (the third of two) does not answer it.
 */
async function captionAnswer(input: ExtractiveInput, photo: PhotoQuestion): Promise<ExtractiveResult> {
  // The rest of the question, when anything but a chat's framing and function words is left of it
  // ("À, thế còn … thì nhỉ?" leaves nothing to look for: the whole question is asked).
  const question = namesSomething(withoutSaying(photo.rest)) ? photo.rest : input.question;
  // Its own glossary terms: the whole question's ("first" → "lần thứ nhất") would find "lần thứ 4".
  const translated = input.translated ? extraTerms(question, input.lang) : undefined;
  const rest = await extractiveAnswer({ ...input, question, analysis: analyzeQuestion(question), photoRead: true, ...(translated ? { translated } : {}) });
  const first = rest.citations[0];
  const hit = first ? rest.ranked.find((h) => h.article.id === first.articleId) : undefined;
  if (!hit) return rest;
  // A number, office or acronym the article lacks refuses here as elsewhere; so does an article
  // with fewer photos than the place asked. An article with no caption stored may describe the
  // photo in its text ("Ảnh chụp CT cho thấy …", "Bức ảnh … thu hút bao nhiêu lượt thích?"):
  // the rest of the question is answered from it.
  const refusal = rest.trace.refusal;
  if (refusal && refusedByRule(refusal)) return { ...rest, confidence: 0 };
  const captions = hit.article.captions;
  if (!captions.length) return rest;
  const terms = rest.trace.terms;
  const chosen = captionsAsked(captions, photo, (c) => wordCoverage(terms, presence(terms, c))).slice(0, 3);
  if (!chosen.length) return { ...rest, confidence: 0 };
  const from = hit.article.paragraphCount - captions.length + 1;
  const citations = chosen.map((i, k) => {
    const caption = captions[i] as string;
    return citationFor({ ...hit, paragraphNumber: from + i, start: 0, end: caption.length, paragraph: caption }, caption, 0, caption.length, k + 1);
  });
  assertVerbatim(citations);
  const m = messages(input.lang);
  // As sure as the article holds the rest of the question's words: the sentences chosen for them do not matter here.
  const confidence = refusal?.article ?? 0;
  return { ...rest, text: [m.intro, ...citations.map((c) => `“${c.quote}” [${c.marker}]`)].join('\n'), citations, shortAnswer: undefined, confidence };
}

/**
 * The retrieved passages re-ranked by their sentences (or in the order given). A Vietnamese
 * question typed without tone marks is re-ranked on its words with the marks restored from the
 * collection (`restoreMarks`: "ai dai dien bo" read as "ai đại diện bộ"), which tells "bảo",
 * "báo" and "bão" apart; the sentences are then chosen, and the confidence judged, on the words
 * as typed, which a wrongly restored word does not change. ViNewsQA dev with 5,000 distractors,
 * typed without marks: R@1 72.6 → 73.5, `ans` 66.5 → 67.1 (README).
 */
async function rankPassages(input: ExtractiveInput, terms: QuestionTerms, pool: number, aliases: readonly AcronymAlias[] = []): Promise<PassageEvidence[]> {
  const { store, question, hits, lang } = input;
  if (input.keepOrder) return rerank(store, hits, terms, pool, true);
  if (lang !== 'vi' || hasMarks(question)) return rerank(store, hits, terms, pool);
  const restored = input.restored ?? (await restoreMarks(store, question));
  if (restored === question) return rerank(store, hits, terms, pool);
  const order = rerank(store, hits, withAliases(await questionTerms(store, restored, lang, []), aliases, [restored]), pool).map((p) => p.hit);
  return rerank(store, order, terms, pool, true);
}

/**
 * The quote's first fact, a quantity with its unit whole when it is one ("50 trường hợp", not "50
 * trường"; "khoảng 53 triệu người"), within the quote.
 */
function wholeQuantity(quote: Quote | undefined, analysis: QuestionAnalysis): FactSpan | undefined {
  const fact = quote?.facts[0];
  if (!quote || !fact || analysis.kind !== 'number') return fact;
  const whole = wholeUnit(quote.passage.paragraph, fact);
  return whole.end <= quote.end ? whole : fact;
}

/**
 * A question naming an acronym ("Hợp tác với IEC sẽ góp phần giúp VN những gì?") whose best
 * passage's article writes it nowhere, while an article of a passage ranked below does: that
 * article's passages come first, in their order, and those of the articles found lacking it fall
 * below them. An acronym names a body as its name does, and a
 * paragraph of the article about it may not repeat it ("Qua đó, góp phần nâng cao vị thế của
 * Việt Nam …" after "… hợp tác giữa 2 bên"), where another article's paragraph shares more of the
 * question's other words. Only in a question that is not typed in capitals, as `missingAcronyms`
 * reads them.
 */
async function acronymArticleFirst(store: Store, passages: readonly PassageEvidence[], question: string): Promise<PassageEvidence[]> {
  const top = passages[0];
  if (!top || typedInCapitals(question)) return [...passages];
  const acronyms = [...new Set((question.match(/[\p{L}\p{N}&]+/gu) ?? []).filter(isAcronym))].map((a) => a.toLowerCase());
  if (!acronyms.length) return [...passages];
  // By any spelling the article has ("VN" / "Việt Nam"), as the refusal rules read names.
  const writesAll = async (p: PassageEvidence) => {
    const writes = namesWrittenIn(await articleSearchText(store, p.hit), question);
    return acronyms.every(writes);
  };
  if (await writesAll(top)) return [...passages];
  const writes = new Map<string, boolean>([[top.hit.article.id, false]]);
  for (const p of passages.slice(1, ACRONYM_ARTICLES_READ + 1)) {
    const id = p.hit.article.id;
    if (writes.has(id)) continue;
    writes.set(id, await writesAll(p));
    if (!writes.get(id)) continue;
    // The passages of the articles found lacking drop below this article's best, by as much as the
    // best was behind (the re-ranking's margin then reads this article as first).
    const drop = top.score - p.score + 1;
    const others = passages.filter((x) => x.hit.article.id !== id).map((x) => (writes.get(x.hit.article.id) === false ? { ...x, score: x.score - drop } : x));
    return [...passages.filter((x) => x.hit.article.id === id), ...others].sort((a, b) => b.score - a.score);
  }
  return [...passages];
}
/** How many ranked passages are looked through for an article that writes the question's acronyms. */
const ACRONYM_ARTICLES_READ = 10;

/**
 * The acronyms each paragraph defines, for the next questions that retrieve it;
 * bounded by the texts' size (a scraped paragraph can be thousands of characters long).
 */
const definedIn = new ParagraphMemo<readonly AcronymAlias[]>(8 << 20, (aliases) => 64 * aliases.length);

/** The acronyms the passages' paragraphs define (`definedAcronyms`) or spell out for the question's short forms (`initialismsIn`), each paragraph read once. */
export function acronymsIn(passages: readonly PassageEvidence[], question: string): AcronymAlias[] {
  // Texts compared, not hashed: a paragraph read anew from the store is thousands of characters
  // long, and hashing it whole took longer than comparing it with the thirty passages' few.
  const seen: string[] = [];
  const out: AcronymAlias[] = [];
  for (const p of passages) {
    if (seen.includes(p.paragraph)) continue;
    seen.push(p.paragraph);
    out.push(...definedIn.get(p.hit.article.id, p.hit.paragraphNumber, p.paragraph, definedAcronyms));
    // And the short forms the question writes for words the passage spells out ("Viện ĐLVN").
    for (const a of initialismsIn(question, p.paragraph)) if (!out.some((o) => o.acronym === a.acronym)) out.push(a);
  }
  return out;
}

/** Up to `n` distinct articles from the retrieved passages, best first. */
/** The passages an answer was chosen from, one per paragraph, best first (`Answer.retrieved`). */
export function retrievedList(hits: readonly Retrieved[]): Answer['retrieved'] {
  const out: Answer['retrieved'] = [];
  for (const h of hits) {
    const id = paragraphId(h.article.id, h.paragraphNumber);
    if (!out.some((r) => r.paragraphId === id)) out.push({ paragraphId: id, articleId: h.article.id, score: Math.round(h.score * 10000) / 10000 });
  }
  return out;
}

export function closestArticles(hits: readonly Retrieved[], n = 3): (ArticleRef & { score: number })[] {
  const out: (ArticleRef & { score: number })[] = [];
  const seen = new Set<string>();
  for (const h of hits) {
    if (seen.has(h.article.id)) continue;
    seen.add(h.article.id);
    out.push({ ...articleRef(h.article), score: Math.round(h.score * 10000) / 10000 });
    if (out.length >= n) break;
  }
  return out;
}
