import { analyzeQuestion } from '../answer/question-type.js';
import { findDates } from '../text/find-dates.js';
import { formatDate } from '../text/format-date.js';
import { detectLang } from '../text/lang.js';
import { normalizeSpace } from '../text/normalize.js';
import { type PeriodOrder, addDays, readQuestionTime, withoutPeriods } from '../text/relative-dates.js';
import type { Answer, AnswerPeriod, AskOptions, Citation, Lang, SearchFilter, Turn } from '../types.js';
import { type CollectionView, answerCollection, readCollectionQuestion } from './collection.js';
import { type ArticleLookup, resolveFollowUp } from './follow-up.js';
import { expandChatWords } from '../text/chat-words.js';

/**
 * A question read in its conversation and its time before it is answered: follow-ups resolved
 * against the history, periods turned into filters on the articles' dates (relative ones against
 * the engine's clock), "mới nhất"/"gần đây" into an order, "trước khi …" into a bound at the
 * date of that event, and questions about the collection answered from its metadata. The
 * answer says how the question was read ("Hiểu là: …") and when what it quotes was reported.
 */

/** Options of the engine's own answer to one standalone question. */
export interface CoreAskOptions extends AskOptions {
  /** Newest or oldest articles first among the relevant ones, or newer ones preferred. */
  order?: PeriodOrder;
}

export interface RewriteInput {
  question: string;
  history: readonly Turn[];
  lang: Lang;
  signal?: AbortSignal;
}

export interface ConversationDeps {
  answer(question: string, options: CoreAskOptions): Promise<Answer>;
  /** Today's date (ISO) where the readers are. */
  today(): string;
  view: CollectionView;
  lookup: ArticleLookup;
  /** The language model's standalone version of a follow-up, when one is configured. */
  rewrite?: (input: RewriteInput) => Promise<string | null>;
  maxQuestionChars: number;
}

/** Turns kept for reading a follow-up: the latest ones matter. */
const HISTORY_TURNS = 3;

function periodWords(p: Pick<AnswerPeriod, 'from' | 'to'>, lang: Lang): string {
  if (lang === 'en') {
    if (p.from && p.to)
      return p.from === p.to ? `articles of ${formatDate(p.from, lang)}` : `articles from ${formatDate(p.from, lang)} to ${formatDate(p.to, lang)}`;
    if (p.from) return `articles since ${formatDate(p.from, lang)}`;
    return p.to ? `articles up to ${formatDate(p.to, lang)}` : '';
  }
  if (p.from && p.to)
    return p.from === p.to ? `các bài ngày ${formatDate(p.from, 'vi')}` : `các bài từ ${formatDate(p.from, 'vi')} đến ${formatDate(p.to, 'vi')}`;
  if (p.from) return `các bài từ ${formatDate(p.from, 'vi')}`;
  return p.to ? `các bài đến ${formatDate(p.to, 'vi')}` : '';
}

/** "Hiểu là: Ông Philippe Metzger nói gì? (các bài từ 10/06/2024 đến 16/06/2024)" */
function understoodLine(lang: Lang, understood: string | undefined, period: AnswerPeriod | undefined, showPeriod: boolean): string | null {
  const when = showPeriod && period ? periodWords(period, lang) : '';
  if (!understood && !when) return null;
  const label = lang === 'en' ? 'Understood as:' : 'Hiểu là:';
  return `${label} ${understood ?? ''}${understood && when ? ' ' : ''}${when ? `(${when})` : ''}`.replace(/\s+/g, ' ').trim();
}

/**
 * When what the answer quotes was reported: "Theo bài ngày 05/06/2024 [1]." An article dated
 * by its event rather than its publication says so.
 */
function reportedLine(lang: Lang, citations: readonly Citation[]): string | null {
  const byArticle = new Map<string, { date: string; event: boolean; markers: number[] }>();
  for (const c of citations) {
    if (!c.date) continue;
    const e = byArticle.get(c.articleId) ?? { date: c.date, event: c.dateKind === 'event', markers: [] };
    e.markers.push(c.marker);
    byArticle.set(c.articleId, e);
  }
  if (byArticle.size === 0) return null;
  const articles = [...byArticle.values()];
  // One note when every article is dated by its event; beside each one when only some are.
  const allEvent = articles.every((a) => a.event);
  const note = (n: number) =>
    lang === 'en'
      ? ` (the date of the event ${n > 1 ? 'they report; their publication dates are' : 'it reports; its publication date is'} not recorded)`
      : ` (ngày diễn ra sự kiện; ${n > 1 ? 'các bài' : 'bài'} không ghi ngày đăng)`;
  const parts = articles.map((a) => {
    const markers = a.markers.map((m) => `[${m}]`).join('');
    const own = a.event && !allEvent ? note(1) : '';
    return lang === 'en' ? `the article of ${formatDate(a.date, lang)} ${markers}${own}` : `bài ngày ${formatDate(a.date, 'vi')} ${markers}${own}`;
  });
  const joined = parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'và'} ${parts[parts.length - 1]}`;
  const tail = allEvent ? note(articles.length) : '';
  return lang === 'en' ? `Reported in ${joined}${tail}.` : `Theo ${joined}${tail}.`;
}

function intersect(filter: SearchFilter | undefined, from?: string, to?: string): SearchFilter | undefined {
  if (!from && !to) return filter;
  const out: SearchFilter = { ...filter };
  if (from && (!out.dateFrom || from > out.dateFrom)) out.dateFrom = from;
  if (to && (!out.dateTo || to < out.dateTo)) out.dateTo = to;
  return out;
}

const REFUSED_IN_PERIOD: Record<Lang, (p: string) => string> = {
  vi: (p) => `Không tìm thấy thông tin này trong ${p}.`,
  en: (p) => `This information was not found in the ${p}.`,
};

/** The day an event happened, as the corpus tells it: a date in the best quote about it, else its article's date. */
async function eventDate(deps: ConversationDeps, text: string, options: AskOptions): Promise<string | null> {
  const a = await deps.answer(text, { ...(options.signal ? { signal: options.signal } : {}), ...(options.lang ? { lang: options.lang } : {}) });
  const c = a.citations[0];
  if (a.refused || !c) return null;
  const day = findDates(c.quote).find((d) => d.precision === 'day' && d.from);
  return day?.from ?? (c.date || null);
}

/** Answers `question` in its conversation (options.history) and time (deps.today()). */
export async function askInContext(question: string, options: AskOptions, deps: ConversationDeps): Promise<Answer> {
  const t0 = performance.now();
  const q = normalizeSpace(typeof question === 'string' ? question : '');
  // Empty and over-long questions are the core's to refuse.
  if (!/[\p{L}\p{N}]/u.test(q) || q.length > deps.maxQuestionChars) return deps.answer(q, options);
  const lang = options.lang ?? detectLang(q);
  // A question refused unread (too long, or with no words) said nothing a follow-up can lean on:
  // taken as the last turn, its thousands of words became the next question ("Hiểu là: …") and
  // were refused again, whatever was asked after it.
  const history = (options.history ?? []).filter((t) => t.question.length <= deps.maxQuestionChars && /[\p{L}\p{N}]/u.test(t.question)).slice(-HISTORY_TURNS);

  const fu = resolveFollowUp(q, history, lang, deps.lookup);
  let understood = fu.question;
  let understoodBy: Answer['understoodBy'] = fu.followUp && understood !== q ? 'rules' : undefined;
  if (deps.rewrite && history.length && (fu.followUp || q.split(/\s+/).length <= 6)) {
    const rewritten = await deps.rewrite({ question: q, history, lang, ...(options.signal ? { signal: options.signal } : {}) }).catch(() => null);
    if (rewritten && rewritten !== q && rewritten.length <= deps.maxQuestionChars) {
      understood = rewritten;
      understoodBy = 'llm';
    }
  }

  const today = deps.today();
  // A yes/no question states its dates as facts to check ("… ngày 29/8/2023 đúng không?"): they
  // stay in the statement and bound nothing. Periods only the clock can read ("tuần trước",
  // "năm nay"), an order or an event still become filters.
  const yesNo = analyzeQuestion(expandChatWords(understood)).yesNo;
  const time = readQuestionTime(understood, today, yesNo ? (p) => p.relative || p.order !== undefined || p.event !== undefined : undefined);
  const own = time.periods.length > 0;
  let period: AnswerPeriod | undefined;
  let showPeriod = false;
  if (own) {
    period = {
      ...(time.from ? { from: time.from } : {}),
      ...(time.to ? { to: time.to } : {}),
      ...(time.order ? { order: time.order } : {}),
      text: time.periods.map((p) => p.text).join(', '),
      relative: time.relative,
    };
    showPeriod = time.relative;
  } else if (fu.followUp && fu.period && (fu.period.from || fu.period.to)) {
    // A follow-up keeps the period of the turn it follows ("Tháng 6/2024 …" then "Tổ chức đó …").
    period = { ...fu.period };
    showPeriod = true;
  }
  let eventBound = false;
  if (time.event) {
    const day = await eventDate(deps, time.event.text, options);
    if (day && period) {
      if (time.event.relation === 'before') period.to = !period.to || addDays(day, -1) < period.to ? addDays(day, -1) : period.to;
      else period.from = !period.from || addDays(day, 1) > period.from ? addDays(day, 1) : period.from;
      showPeriod = true;
      eventBound = true;
    }
  }
  // Only words that became a date bound or an order leave the question. An event ("sau khi
  // tiêm", "trước khi phẫu thuật") whose date is not found bounds nothing, and its words are
  // what the question is about.
  const bounding = time.periods.filter((p) => p.from !== undefined || p.to !== undefined || p.order !== undefined || (p.event !== undefined && eventBound));
  let core = own ? withoutPeriods(understood, bounding) : understood;
  if (!/[\p{L}\p{N}]/u.test(core)) core = understood;

  const finish = (a: Answer, extra: Partial<Answer> = {}): Answer => {
    const shownUnderstood = understood !== q ? understood : undefined;
    const out: Answer = { ...a, ...extra, question: q, lang };
    if (shownUnderstood) {
      out.understood = shownUnderstood;
      if (understoodBy) out.understoodBy = understoodBy;
    } else {
      delete out.understood;
      delete out.understoodBy;
    }
    if (period) out.period = period;
    const head = understoodLine(lang, shownUnderstood ?? (showPeriod ? q : undefined), period, showPeriod);
    const tail = !out.refused && !out.collection ? reportedLine(lang, out.citations) : null;
    out.text = [head, out.text, tail].filter((x): x is string => !!x).join('\n');
    out.timing = { retrieveMs: a.timing.retrieveMs, totalMs: Math.round((performance.now() - t0) * 100) / 100 };
    return out;
  };

  // Questions about the collection itself.
  const meta = readCollectionQuestion(core, time.order, period !== undefined && (period.from !== undefined || period.to !== undefined));
  if (meta) {
    const filter = intersect(options.filter, period?.from, period?.to);
    const r = await answerCollection({
      question: meta,
      lang,
      ...(filter?.dateFrom ? { from: filter.dateFrom } : {}),
      ...(filter?.dateTo ? { to: filter.dateTo } : {}),
      ...(period ? { periodText: period.text } : {}),
      view: deps.view,
    });
    // What happened in a period no article is dated in: the articles' text may still say.
    if (!(meta.events && r.collection.total === 0)) {
      const base: Answer = {
        question: q,
        lang,
        text: r.text,
        citations: r.citations,
        refused: false,
        closest: [],
        retrieved: [],
        mode: 'extractive',
        confidence: 1,
        timing: { retrieveMs: 0, totalMs: 0 },
      };
      return finish(base, { collection: r.collection });
    }
  }

  const filter = intersect(options.filter, period?.from, period?.to);
  // A follow-up typed in English stays English when the name it refers to is Vietnamese ("What
  // did he say?" → "What did Lê Xuân Định say?"): framed in English, read through the glossary.
  const coreOptions: CoreAskOptions = {
    ...options,
    ...(filter ? { filter } : {}),
    ...(period?.order ? { order: period.order } : {}),
    ...(lang === 'en' && !options.lang && understood !== q ? { lang } : {}),
  };
  delete coreOptions.history;
  let a: Answer | null = null;
  if (fu.sameArticles && fu.articleIds.length) {
    const ids = filter?.articleIds?.length ? fu.articleIds.filter((id) => filter.articleIds?.includes(id)) : fu.articleIds;
    if (ids.length) {
      const first = await deps.answer(core, { ...coreOptions, filter: { ...filter, articleIds: ids } });
      if (!first.refused) a = first;
    }
  }
  a ??= await deps.answer(core, coreOptions);
  if (a.refused && period && (period.from || period.to) && (a.reason === 'not-in-filter' || a.reason === 'low-confidence' || a.reason === 'not-found')) {
    // Outside the period, do the articles answer it? If not, the period is beside the point
    // ("Giá vàng hôm nay?"): a plain refusal. If they do, say it is not in the period and
    // point to the articles that have it.
    const whole = { ...coreOptions, ...(options.filter ? { filter: options.filter } : {}) };
    if (!options.filter) delete whole.filter;
    const outside = await deps.answer(core, whole);
    // Articles without a date cannot be outside the period: a date in the question is then the
    // event's ("cấp cứu vào ngày 10/6"), to be found in their text with the other words. So the
    // question is asked with its date words when undated articles answer it without them, and
    // when nothing does: the date may be what tells the right article apart ("Năm 2012, quốc gia
    // này xếp thứ 139" for "Kenya xếp thứ mấy … năm 2012?"), kept only when undated articles
    // answer it. Refused both ways, the period is beside the point ("Giá vàng hôm nay?"): a plain refusal.
    if (outside.refused || outside.citations.every((c) => !c.date)) {
      showPeriod = false;
      const asked = core === understood ? outside : await deps.answer(understood, whole);
      if (!asked.refused && (!outside.refused || asked.citations.every((c) => !c.date))) return finish(asked);
      return finish(outside.refused ? { ...outside, timing: a.timing } : outside);
    }
    const closest = [
      ...new Map(
        outside.citations.map((c) => [
          c.articleId,
          { articleId: c.articleId, title: c.title, date: c.date, dateKind: c.dateKind, source: c.source, ...(c.url ? { url: c.url } : {}), score: 1 },
        ]),
      ).values(),
    ];
    // Not a verdict any more: the answer is that the period does not hold it.
    const { verdict: _notInPeriod, ...refusal } = a;
    return finish({
      ...refusal,
      reason: 'not-in-filter',
      text: REFUSED_IN_PERIOD[lang](periodWords(period, lang)),
      closest: closest.length ? closest : a.closest,
    });
  }
  return finish(a);
}
