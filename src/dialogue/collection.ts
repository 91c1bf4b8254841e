import { DEFAULT_EXTRACTIVE, clipQuote } from '../answer/extractive.js';
import { findName, findPhrase, honoredName } from '../answer/mention.js';
import { formatDate } from '../text/format-date.js';
import { translateTerms } from '../text/glossary.js';
import { sentenceRanges } from '../text/sentences.js';
import { fold, hasMarks, nfc, normalizeSpace, stripMarks } from '../text/normalize.js';
import { syllables } from '../text/tokenize.js';
import { markedPattern } from '../text/words.js';
import type { ArticleRef, Citation, CollectionAnswer, Lang } from '../types.js';

/**
 * Questions about the collection itself rather than what an article says: "Bài mới nhất nói
 * về gì?", "Có bao nhiêu bài về IEC?", "Liệt kê các bài năm 2024", "How many articles mention
 * IEC?". They are answered from the articles' metadata (title, date, tags) and, for a topic, from
 * their text; each article listed is cited by its opening paragraph.
 */
export interface CollectionQuestion {
  kind: CollectionAnswer['kind'];
  /** The topic words ("IEC", "đo lường"), or none for the whole collection. */
  topic?: string;
  /**
   * Asked as what happened in a period ("Sự kiện nào diễn ra ngày 29/8/2023?"), not for its
   * articles: with no article dated in it, the articles' text may still say (the period is
   * then asked of them as of any question).
   */
  events?: true;
  /** Asked which articles write something ("Tín chỉ carbon được nhắc đến trong bài nào?"): each is cited where it writes it. */
  mentioned?: true;
}

export interface ArticleInfo extends ArticleRef {
  tags: readonly string[];
}

/** What answering needs from the store (a database answers each in one request). */
export interface CollectionView {
  /** Every live article's metadata. */
  articles(): Promise<ArticleInfo[]>;
  /** Articles' body paragraphs, in order, by article id (unknown ones left out). */
  paragraphs(articleIds: readonly string[]): Promise<Map<string, readonly string[]>>;
  /**
   * Ids of the articles of the `limit` passages that best match `words` lexically, best first;
   * `complete` when fewer than `limit` passages match at all (so no article was left out).
   */
  candidates(words: string, limit: number): Promise<{ ids: string[]; complete: boolean }>;
}

const B = '(?<![\\p{L}\\p{M}\\p{N}])';
const E = '(?![\\p{L}\\p{M}\\p{N}])';
const NOUN_VI = '(?:bài viết|bài báo|bài|bản tin|tin tức|tin bài|tin)';
const NOUN_EN = '(?:articles?|stories|story|news|reports?|pieces?|items?|posts?)';

const COUNT = markedPattern(
  `${B}(?:bao nhiêu|mấy)\\s+${NOUN_VI}${E}|${B}how many\\s+${NOUN_EN}${E}|${B}number of\\s+${NOUN_EN}${E}|${B}số (?:lượng )?${NOUN_VI}${E}`,
  'u',
);
const LIST = markedPattern(
  [
    `${B}(?:liệt kê|danh sách|kể tên|cho (?:tôi |mình |em )?xem|xem|tìm)\\s+(?:(?:tất cả\\s+)?(?:các|những)\\s+)?${NOUN_VI}${E}`,
    `${B}(?:các|những)\\s+${NOUN_VI}\\s+(?:nào|về|năm|tháng|trong|nói về|viết về|liên quan|đăng|có)${E}`,
    `^(?:các|những)\\s+${NOUN_VI}\\s*$`,
    `${B}(?:có\\s+)?${NOUN_VI}\\s+(?:viết\\s+)?nào\\s+(?:(?:có\\s+)?(?:nói về|viết về|liên quan|nhắc|đề cập)|về|năm|tháng|trong|đăng)${E}`,
    `${B}(?:có\\s+)?${NOUN_VI}\\s+nào\\s*(?:không)?\\s*$`,
    `${B}(?:list|show|find)(?:\\s+me)?(?:\\s+all)?(?:\\s+the)?\\s+${NOUN_EN}${E}`,
    `${B}(?:which|what)\\s+${NOUN_EN}${E}`,
    `${B}(?:are|is) there\\s+(?:any\\s+)?${NOUN_EN}${E}`,

    `${B}any\\s+${NOUN_EN}\\s*$`,
  ].join('|'),
  'u',
);
// With "mới nhất"/"cũ nhất" taken out: "Bài nói về gì?", "Tin về IEC?", "What is the article about?"
const ABOUT_WHAT = markedPattern(
  [
    `^(?:(?:cho (?:tôi|mình) (?:biết|xem)|xem)\\s+)?${NOUN_VI}(?:\\s+(?:viết|đăng))?(?:\\s+(?:(?:nói|viết|đề cập)\\s+)?(?:về|tới|đến)(?:\\s+.+)?)?(?:\\s+(?:là|nói|viết))?(?:\\s+(?:về\\s+)?(?:gì|cái gì|điều gì|chuyện gì|nội dung gì))?(?:\\s+(?:vậy|thế|ạ|nhỉ))?\\s*$`,
    `^(?:what(?:'s| is| was)?\\s+)?(?:the\\s+)?${NOUN_EN}(?:\\s+(?:about|on|regarding|concerning)(?:\\s+.+)?)?(?:\\s+(?:is\\s+)?about)?\\s*$`,
    `^(?:what|which)\\s+(?:is|was)\\s+(?:the\\s+)?${NOUN_EN}(?:\\s+(?:about|on)(?:\\s+.+)?)?\\s*$`,
    `^(?:show|give)(?:\\s+me)?\\s+(?:the\\s+)?${NOUN_EN}(?:\\s+(?:about|on)\\s+.+)?\\s*$`,
  ].join('|'),
  'u',
);
// With a period: "Tháng 8/2023 có sự kiện hợp tác đo lường nào?", "Sự kiện nào diễn ra ngày
// 29/8/2023?", "Ngày 5/6/2024 có tin gì?", "Điều gì đã xảy ra vào tháng 6/2024?", "What events
// were there in 2024?", "What happened on 29 August 2023?" (the topic, if any, in group 1 or 2;
// the period's own words are taken out before, its preposition may stay).
const EVENTS = markedPattern(
  [
    `^(?:(?:có|đã có|diễn ra|đã diễn ra|xảy ra|đã xảy ra)\\s+)?(?:những\\s+|các\\s+)?(?:sự kiện|hoạt động|tin tức|tin)\\s+(.+?\\s+)?(?:nào|gì)(?:\\s+(?:đã\\s+)?(?:diễn ra|xảy ra|được tổ chức))?(?:\\s+(?:vào|trong))?(?:\\s+(?:không|vậy|thế|ạ|nhỉ))?$`,
    `^(?:điều|chuyện|việc)\\s+gì\\s+(?:đã\\s+)?(?:diễn ra|xảy ra)(?:\\s+(?:vào|trong))?(?:\\s+(?:vậy|thế|ạ|nhỉ))?$`,
    `^(?:what|which)\\s+(?:events|activities|news)(?:\\s+(?:about|on|in)\\s+(.+?))?(?:\\s+(?:were there|was there|is there|took place|happened))?(?:\\s+(?:on|in|during))?$`,
    `^what\\s+(?:happened|took place|went on|was happening)(?:\\s+(?:on|in|during))?$`,
  ].join('|'),
  'u',
);
// Which articles name something: "Tín chỉ carbon được nhắc đến trong bài nào?", "Hà Nội có
// trong bài nào?" (what an article has in it, it names), "In which
// articles is metrology mentioned?" (the topic in group 1 or 2).
const MENTIONED_IN = markedPattern(
  [
    `^(.+?)\\s+(?:(?:có\\s+)?(?:được\\s+)?(?:nhắc (?:đến|tới)|đề cập(?: (?:đến|tới))?|nói (?:đến|tới)|xuất hiện|viết)|có|nằm)\\s+(?:trong|ở)\\s+(?:những\\s+|các\\s+)?${NOUN_VI}\\s+nào(?:\\s+(?:không|vậy|thế|ạ|nhỉ))?$`,
    `^in\\s+(?:which|what)\\s+${NOUN_EN}\\s+(?:is|are|was|were)\\s+(.+?)\\s+(?:mentioned|discussed|covered|named)$`,
  ].join('|'),
  'u',
);
// When an article was published: "Bài viết về IEC đăng ngày nào?", "When was the article about IEC published?"
const WHEN_PUBLISHED = markedPattern(
  [
    `^(?:các\\s+|những\\s+)?${NOUN_VI}(?:\\s+(?:(?:nói|viết)\\s+)?về\\s+(.+?))?\\s+(?:được\\s+)?(?:đăng(?: tải)?|xuất bản|viết)\\s+(?:vào\\s+)?(?:ngày nào|khi nào|lúc nào|hôm nào|bao giờ|năm nào|tháng nào)$`,
    `^when\\s+(?:was|were)\\s+(?:the\\s+)?${NOUN_EN}(?:\\s+(?:about|on)\\s+(.+?))?\\s+(?:published|posted|written)$`,
  ].join('|'),
  'u',
);
const TOPIC = markedPattern(
  `${B}(?:nói về|viết về|đề cập (?:đến|tới)|nhắc (?:đến|tới)|liên quan (?:đến|tới)|về|mentioning|mention|about|on|regarding|concerning|related to)\\s+(.+)$`,
  'u',
);
const NOT_TOPIC = markedPattern(`^(?:gì|cái gì|điều gì|chuyện gì|nội dung gì|vấn đề gì|what)$`, 'u');
const TRAILING = markedPattern(
  `(?:\\s+(?:là|nói|viết|có|được|đăng|trong kho|đã lưu|in the collection|stored|are there|is there|there|vậy|thế|ạ|nhỉ|không|do you have|have you got))+\\s*$`,
  'u',
);

/** The collection's own nouns where a count or list names them ("bài", "bài viết", "articles"). */
const NOUN = markedPattern(`${B}(?:${NOUN_VI}|${NOUN_EN})${E}`, 'gu');
/**
 * What may follow that noun in a question about the collection: more of the noun ("bài đăng",
 * "news articles"), "nào", words of having or storing; then periods ("năm 2024", "trong tháng
 * này", "from 2023": a period's own words are usually taken out before, its marker may stay);
 * then a topic introduced as such ("về IEC", "mention IEC"), then polite or closing words. A
 * noun with a predicate of its own is a question about what an article says, not about the
 * collection: "Bao nhiêu bài đăng đã được các nhà khoa học khảo sát?", "… qua các bài đăng trên
 * mạng xã hội?", "Liệt kê các bài thuốc chữa ho", "How many items are in the costume collection
 * of the V&A?".
 */
const FRAME_AFTER_NOUN = (() => {
  const store =
    'trong kho|trong các bài đã lưu|trong cơ sở dữ liệu|tất cả|tổng cộng|cả thảy|hiện nay|hiện tại|bây giờ|viết|báo|đăng|tin|tức|được|đã|hiện|có|nào|mới|cũ|nhất|gần|đây|lưu|kho|nay|articles?|stories|story|news|reports?|items?|pieces?|posts?|published|posted|stored|are|is|were|was|there|do|does|you|have|has|got|the|all|any|that|which|in the collection';
  const period = 'năm|tháng|tuần|ngày|hôm|trong|từ|kể từ|đến|tới|in|from|since|during|between|before|after';
  const time = `nay|qua|trước|này|ngoái|sau|vừa|this|last|next|year|month|week|past|recent|the|and|và|${period}|\\d[\\d/.,-]*`;
  const topic =
    'về|nói|viết|đề cập|nhắc|liên quan|mention|mentions|mentioning|mentioned|about|on|regarding|concerning|related|covering|cover|talk|talking|discuss|discussing';
  const polite = 'là|vậy|thế|ạ|nhỉ|không|rồi|đó|này|gì|ấy|nhé';
  return markedPattern(
    `^(?:\\s+(?:${store})${E})*(?:\\s+(?:${period})${E}(?:\\s+(?:${time})${E})*)*(?:\\s+(?:${topic})${E}.*)?(?:\\s+(?:${polite})${E})*\\s*$`,
    'u',
  );
})();

/** Whether the first collection noun in `hay` at or after `from` (where a count or list was found) has nothing after it but the frame of a question about the collection. */
function onlyFrameAfterNoun(q: string, hay: string, from: number): boolean {
  const noun = NOUN.forText(q);
  noun.lastIndex = from;
  const m = noun.exec(hay);
  if (!m) return false;
  return FRAME_AFTER_NOUN.forText(q).test(hay.slice(m.index + m[0].length));
}

function hayOf(q: string): string {
  return hasMarks(q) ? q.toLowerCase() : fold(q);
}

/**
 * Whether `rest` (the question with its period words taken out) asks about the collection, and
 * what kind of answer: a count, a list, or the newest or oldest article when `order` says so.
 */
export function readCollectionQuestion(rest: string, order: 'latest' | 'earliest' | 'recent' | undefined, hadPeriod: boolean): CollectionQuestion | null {
  const q = normalizeSpace(rest)
    .replace(/[?!.…]+$/u, '')
    .trim();
  const hay = hayOf(q);
  const mentioned = MENTIONED_IN.forText(q).exec(hay);
  const named = mentioned ?? WHEN_PUBLISHED.forText(q).exec(hay);
  if (named) {
    const topic = groupText(q, named);
    return topic ? { kind: 'list', topic, ...(mentioned ? { mentioned: true as const } : {}) } : { kind: 'list' };
  }
  let kind: CollectionQuestion['kind'] | null = null;
  const count = COUNT.forText(q).exec(hay);
  const list = count ? null : LIST.forText(q).exec(hay);
  if (count) kind = onlyFrameAfterNoun(q, hay, count.index) ? 'count' : null;
  else if (list) kind = onlyFrameAfterNoun(q, hay, list.index) ? (order === 'latest' || order === 'earliest' ? order : 'list') : null;
  else if ((order === 'latest' || order === 'earliest') && ABOUT_WHAT.forText(q).test(hay)) kind = order;
  else if (hadPeriod && ABOUT_WHAT.forText(q).test(hay)) kind = 'list';
  else if (hadPeriod) {
    const m = EVENTS.forText(q).exec(hay);
    if (m) {
      const g = m[1] !== undefined ? 1 : 2;
      const start = m[g] !== undefined ? m.index + m[0].indexOf(m[g] as string) : -1;
      const topic = start >= 0 ? q.slice(start, start + (m[g] as string).length).trim() : '';
      return topic ? { kind: 'list', topic, events: true } : { kind: 'list', events: true };
    }
  }
  if (!kind) return null;
  const topic = topicOf(q);
  if (!topic) return { kind };
  // "Bài nào nhắc đến ông Metzger?": where each article writes it is shown, as for "… được nhắc
  // đến trong bài nào?"; "Bài nào nói về IEC?" shows how each opens.
  const before = fold(q.slice(0, q.lastIndexOf(topic))).toLowerCase();
  return MENTIONING.test(before) ? { kind, topic, mentioned: true } : { kind, topic };
}

/** A verb of mentioning just before a topic (folded). */
const MENTIONING = /(?:nhac(?:\s+(?:den|toi))?|de\s+cap(?:\s+(?:den|toi))?|mention(?:s|ing|ed)?)\s+$/u;

/** The first group a match captured, as typed in `q` (the match was made on its lower-cased or folded form, of the same length). */
function groupText(q: string, m: RegExpExecArray): string | undefined {
  const g = m.slice(1).find((x) => x !== undefined);
  if (!g) return undefined;
  const start = m.index + m[0].indexOf(g);
  return q.slice(start, start + g.length).trim() || undefined;
}

function topicOf(q: string): string | undefined {
  const hay = hayOf(q);
  const m = TOPIC.forText(q).exec(hay);
  if (!m) return undefined;
  const start = m.index + m[0].length - (m[1] as string).length;
  let topic = q.slice(start).trim();
  const t = TRAILING.forText(topic).exec(hayOf(topic));
  if (t) topic = topic.slice(0, t.index).trim();
  topic = topic.replace(/^(?:the|các|những)\s+/iu, '').trim();
  if (!topic || NOT_TOPIC.forText(topic).test(hayOf(topic))) return undefined;
  return topic;
}

/**
 * The ways an article can name a topic: its words in order (folded when the topic was typed
 * without marks), and for English topics the glossary's Vietnamese terms.
 */
function topicForms(topic: string, lang: Lang): string[][] {
  const marked = hasMarks(topic);
  const words = (t: string, keepMarks: boolean) => syllables(t).syllables.map((w) => (keepMarks ? w : fold(w)));
  const forms = [words(topic, marked)];
  if (lang === 'en') for (const vi of translateTerms(topic.toLowerCase())) forms.push(words(vi, true));
  return forms.filter((f) => f.length > 0);
}

/** Whether `text` has one of the forms as consecutive words ("đo lường", not "đo" here and "lường" there). */
function mentions(text: string, forms: readonly string[][]): boolean {
  // Every word of a form is a substring of the lower-cased text (folded, for a form without
  // marks) wherever the form is found: texts that lack one are not split into syllables.
  const lower = nfc(text).toLowerCase();
  let foldedText: string | undefined;
  const possible = forms.filter((form) => {
    const hay = form.some(hasMarks) ? lower : (foldedText ??= stripMarks(lower));
    return form.every((w) => hay.includes(w));
  });
  if (possible.length === 0) return false;
  const all = syllables(text).syllables;
  let folded: string[] | undefined;
  return possible.some((form) => {
    const hay = form.some(hasMarks) ? all : (folded ??= all.map(fold));
    for (let i = 0; i + form.length <= hay.length; i++) if (form.every((w, k) => hay[i + k] === w)) return true;
    return false;
  });
}

export interface CollectionInput {
  question: CollectionQuestion;
  lang: Lang;
  from?: string;
  to?: string;
  /** The period as the question put it ("năm 2024"), to say what was counted. */
  periodText?: string;
  view: CollectionView;
  /** Articles listed at most (the count covers them all). */
  maxListed?: number;
}

export interface CollectionResult {
  text: string;
  citations: Citation[];
  collection: CollectionAnswer;
}

const dmy = (iso: string) => formatDate(iso, 'vi') || '?';
const longDate = (iso: string) => formatDate(iso, 'en') || '?';

/** The first sentence of an article's opening paragraph, cited as [n]. */
function leadCitation(a: ArticleInfo, paragraphs: readonly string[] | null, marker: number): Citation | null {
  const paragraph = paragraphs?.[0];
  if (!paragraph) return null;
  const first = sentenceRanges(paragraph)[0] ?? [0, paragraph.length];
  let quote = paragraph.slice(first[0], first[1]);
  const long = quote.length > 400;
  if (long) {
    const cut = quote.lastIndexOf(' ', 400);
    quote = quote.slice(0, cut > 200 ? cut : 400);
  }
  return {
    marker,
    ...ref(a),
    paragraphId: `${a.articleId}#p1`,
    paragraphNumber: 1,
    quote,
    paragraph,
    ...(long ? { cut: { before: false, after: true } } : {}),
  };
}

/**
 * For a topic, the sentence of the article's first paragraph that writes it ("… năng lượng tái
 * tạo (năng lượng gió, mặt trời...), tín chỉ carbon… " for "Tín chỉ carbon được nhắc đến trong
 * bài nào?"), cited as [n]: what shows the article is about it. Null when no paragraph writes
 * one of the forms as words (a topic found only in the title or the tags).
 */
function topicCitation(a: ArticleInfo, paragraphs: readonly string[] | null, forms: readonly string[][], marker: number): Citation | null {
  for (const [i, paragraph] of (paragraphs ?? []).entries()) {
    for (const form of forms) {
      const at = findPhrase(paragraph, form.join(' '));
      if (!at) continue;
      const [start, end] = sentenceRanges(paragraph).find(([x, y]) => x <= at.start && at.end <= y) ?? [0, paragraph.length];
      const q = clipQuote(paragraph, { start, end }, at, { start, end }, DEFAULT_EXTRACTIVE.maxQuoteChars);
      return {
        marker,
        ...ref(a),
        paragraphId: `${a.articleId}#p${i + 1}`,
        paragraphNumber: i + 1,
        quote: paragraph.slice(q.start, q.end),
        paragraph,
        ...(q.cutBefore || q.cutAfter ? { cut: { before: q.cutBefore, after: q.cutAfter } } : {}),
      };
    }
  }
  return null;
}

/** Orders strings as `localeCompare` with no locale or options does (the same collation), without looking it up per call. */
const COLLATOR = new Intl.Collator();

/**
 * The first `n` of `items` in the order of `compare`, ties in the order given: what a stable
 * sort would put first, in one pass over the items (a question about the whole collection lists
 * 10 of its 35,000 articles; sorting them all took hundreds of milliseconds).
 */
export function firstInOrder<T>(items: readonly T[], n: number, compare: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const x of items) {
    if (out.length === n && compare(x, out[n - 1] as T) >= 0) continue;
    let i = out.length;
    while (i > 0 && compare(x, out[i - 1] as T) < 0) i--;
    out.splice(i, 0, x);
    if (out.length > n) out.pop();
  }
  return out;
}

function ref(a: ArticleInfo): ArticleRef {
  const { tags: _tags, ...r } = a;
  return r;
}

/** Answers a question about the collection from the articles' metadata (and text, for a topic). */
export async function answerCollection(input: CollectionInput): Promise<CollectionResult> {
  const { question, lang, view } = input;
  const inPeriod = (a: ArticleInfo) => (!input.from || (a.date !== '' && a.date >= input.from)) && (!input.to || (a.date !== '' && a.date <= input.to));
  const matching: ArticleInfo[] = [];
  let atLeast = false;
  if (question.topic) {
    const forms = topicForms(question.topic, lang);
    const all = await view.articles();
    // Small collections are read whole; large ones through the lexical index's best matches.
    const limit = 2000;
    const byId = new Map<string, ArticleInfo>();
    let ids: string[];
    if (all.length <= limit) {
      for (const a of all) byId.set(a.articleId, a);
      ids = [...byId.keys()];
    } else {
      // Every form is searched (an English topic's Vietnamese terms from the glossary too).
      const found = await view.candidates(forms.map((f) => f.join(' ')).join(' '), limit);
      ids = found.ids;
      atLeast = !found.complete;
      // Only the candidates are looked up (the last of one id wins, as in a map of them all).
      const wanted = new Set(ids);
      for (const a of all) if (wanted.has(a.articleId)) byId.set(a.articleId, a);
    }
    const inScope = ids.filter((id) => {
      const a = byId.get(id);
      return a !== undefined && inPeriod(a);
    });
    const texts = await view.paragraphs(inScope);
    // "ông Định": the articles write "Thứ trưởng Lê Xuân Định".
    const name = honoredName(question.topic);
    for (const id of inScope) {
      const a = byId.get(id) as ArticleInfo;
      const text = [a.title, a.tags.join(' '), ...(texts.get(id) ?? [])].join('\n');
      if (mentions(text, forms) || (name !== null && findName(text, name) !== null)) matching.push(a);
    }
  } else {
    for (const a of await view.articles()) if (inPeriod(a)) matching.push(a);
  }
  const newestFirst = question.kind !== 'earliest';
  const byDate = (x: ArticleInfo, y: ArticleInfo) =>
    x.date === y.date ? 0 : newestFirst ? COLLATOR.compare(y.date, x.date) : COLLATOR.compare(x.date, y.date);
  const total = matching.length;
  const single = question.kind === 'latest' || question.kind === 'earliest';
  const listed = firstInOrder(
    matching,
    single ? 1 : (input.maxListed ?? 10),
    (x, y) => byDate(x, y) || (x.title === y.title ? 0 : COLLATOR.compare(x.title, y.title)),
  );
  const citations: Citation[] = [];
  const leads = await view.paragraphs(listed.map((a) => a.articleId));
  // An article is shown by how it opens; asked which articles write something, by where each writes it.
  const forms = question.mentioned && question.topic ? topicForms(question.topic, lang) : null;
  for (const a of listed) {
    const paragraphs = leads.get(a.articleId) ?? null;
    const found = forms ? topicCitation(a, paragraphs, forms, citations.length + 1) : null;
    if (found) {
      citations.push(found);
      continue;
    }
    const c = leadCitation(a, paragraphs, citations.length + 1);
    if (c) citations.push(c);
  }
  const shown = (c: Citation) => `“${c.cut?.before ? '…' : ''}${c.quote}${c.cut?.after ? '…' : ''}”`;
  const markerOf = (a: ArticleInfo) => citations.find((c) => c.articleId === a.articleId)?.marker;
  const t = TEXTS[lang];
  const scope = t.scope(question.topic, input.periodText, input.from, input.to);
  const lines: string[] = [];
  if (total === 0) lines.push(t.none(scope));
  else if (single) {
    const a = listed[0] as ArticleInfo;
    const c = citations[0];
    lines.push(t.single(question.kind === 'latest', scope, a.title, lang === 'en' ? longDate(a.date) : dmy(a.date), a.dateKind === 'event'));
    if (c) lines.push(`${t.opening} ${shown(c)} [${c.marker}]`);
  } else {
    lines.push(question.kind === 'count' ? t.count(total, scope, atLeast) : t.list(total, scope, atLeast));
    // A short list shows how each article opens; a long one only its titles.
    const withLead = listed.length <= 3;
    listed.forEach((a, i) => {
      const m = markerOf(a);
      lines.push(
        `${i + 1}. ${a.title} (${lang === 'en' ? longDate(a.date) : dmy(a.date)}${a.dateKind === 'event' ? t.eventMark : ''})${m && !withLead ? ` [${m}]` : ''}`,
      );
      const c = citations.find((x) => x.articleId === a.articleId);
      if (withLead && c) lines.push(`   ${shown(c)} [${c.marker}]`);
    });
    if (total > listed.length) lines.push(t.more(total - listed.length));
  }
  return {
    text: lines.join('\n'),
    citations,
    collection: { kind: question.kind, ...(question.topic ? { topic: question.topic } : {}), total, articles: listed.map(ref) },
  };
}

const TEXTS: Record<
  Lang,
  {
    scope: (topic?: string, periodText?: string, from?: string, to?: string) => string;
    none: (scope: string) => string;
    single: (latest: boolean, scope: string, title: string, date: string, event: boolean) => string;
    count: (n: number, scope: string, atLeast: boolean) => string;
    list: (n: number, scope: string, atLeast: boolean) => string;
    more: (n: number) => string;
    opening: string;
    eventMark: string;
  }
> = {
  vi: {
    scope: (topic, _text, from, to) =>
      [topic ? `về “${topic}”` : '', from && to ? `từ ${dmy(from)} đến ${dmy(to)}` : from ? `từ ${dmy(from)}` : to ? `đến ${dmy(to)}` : '']
        .filter(Boolean)
        .join(', '),
    none: (scope) => `Không có bài viết nào${scope ? ` ${scope}` : ''} trong các bài đã lưu.`,
    single: (latest, scope, title, date, event) =>
      `Bài ${latest ? 'mới nhất' : 'cũ nhất'}${scope ? ` ${scope}` : ''} là bài ngày ${date}${event ? ' (ngày diễn ra sự kiện; bài không ghi ngày đăng)' : ''}: “${title}”.`,
    count: (n, scope, atLeast) => `Có ${atLeast ? 'ít nhất ' : ''}${n} bài viết${scope ? ` ${scope}` : ''} trong các bài đã lưu, mới nhất trước:`,
    list: (n, scope, atLeast) => `Các bài viết${scope ? ` ${scope}` : ''} (${atLeast ? 'ít nhất ' : ''}${n} bài), mới nhất trước:`,
    more: (n) => `… và ${n} bài khác.`,
    opening: 'Đoạn mở đầu:',
    eventMark: ', ngày sự kiện',
  },
  en: {
    scope: (topic, _text, from, to) =>
      [
        topic ? `about “${topic}”` : '',
        from && to ? `from ${longDate(from)} to ${longDate(to)}` : from ? `since ${longDate(from)}` : to ? `up to ${longDate(to)}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    none: (scope) => `No stored article${scope ? ` ${scope}` : ''}.`,
    single: (latest, scope, title, date, event) =>
      `The ${latest ? 'latest' : 'earliest'} article${scope ? ` ${scope}` : ''} is dated ${date}${event ? ' (the date of the event; its publication date is not recorded)' : ''}: “${title}”.`,
    count: (n, scope, atLeast) => `${atLeast ? 'At least ' : ''}${n} stored article${n === 1 ? '' : 's'}${scope ? ` ${scope}` : ''}, newest first:`,
    list: (n, scope, atLeast) => `Stored articles${scope ? ` ${scope}` : ''} (${atLeast ? 'at least ' : ''}${n}), newest first:`,
    more: (n) => `… and ${n} more.`,
    opening: 'It opens (in Vietnamese):',
    eventMark: ', event date',
  },
};
