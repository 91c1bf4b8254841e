/**
 * The Telegram bot's messages: answers, sources, search results and help as HTML messages
 * within Telegram's limits (through `packBlocks`). Pure functions that never throw.
 */
import {
  type AddResult,
  type AddedArticle,
  type Answer,
  type ArticleRef,
  type CheckResult,
  type Citation,
  type EngineStats,
  type Lang,
  type SearchHit,
  type SourceParagraph,
  checkWording,
  formatDate,
  paragraphLabel,
} from '../../src/index.js';
import { type AddSummary, addMessages, articleLine as addArticleLine, summarise } from '../shared/add.js';
import { type CitedParagraph, articleDate, checkedParagraphs, citedParagraphs, directAnswer, quoteAsShown } from '../shared/citations.js';
import { safeUrl, truncateText } from '../shared/text.js';
import { verdictView } from '../shared/verdict.js';
import { TELEGRAM_TEXT_LIMIT, escapeHtml, packBlocks } from './html.js';
import { messages } from './messages.js';

export interface FormatOptions {
  /** Message length limit (default Telegram's 4,096). */
  limit?: number;
}

/** Title (linked when the article has an http(s) URL), date and date kind, escaped. */
function articleLine(ref: ArticleRef, lang: Lang): string {
  const url = safeUrl(ref.url);
  const title = url ? `<a href="${escapeHtml(url)}">${escapeHtml(ref.title)}</a>` : `<b>${escapeHtml(ref.title)}</b>`;
  const date = articleDate(ref, lang);
  return date ? `${title} · ${escapeHtml(date)}` : title;
}

/** A quote folded into an expandable blockquote (Bot API 7.4): long quotes stay one tap away. */
export function expandableQuote(text: string): string {
  return `<blockquote expandable>${escapeHtml(text)}</blockquote>`;
}

/**
 * One citation: its marker, the article (title, date), the paragraph's number and id to cite,
 * and the quote in an expandable blockquote.
 */
export function citationBlock(c: Citation, lang: Lang): string {
  const where = `${escapeHtml(paragraphLabel(c, lang))} · <code>${escapeHtml(c.paragraphId)}</code>`;
  return `[${c.marker}] ${articleLine(c, lang)} · ${where}\n${expandableQuote(quoteAsShown(c))}`;
}

export interface FormattedAnswer {
  messages: string[];
  /** One per cited paragraph (first marker wins), for the buttons under the last message. */
  sources: CitedParagraph[];
}

/**
 * The short direct answer in bold when there is one, the answer with its [n] markers, then
 * one entry per citation: title, date, paragraph number and id, and the quote in an
 * expandable blockquote. A refusal lists the closest articles. A yes/no answer is shown as its
 * check is (`formatCheck`), after the line saying how the question was read.
 */
export function formatAnswer(answer: Answer, options: FormatOptions = {}): FormattedAnswer {
  const lang = answer.lang;
  const t = messages(lang);
  // A yes/no question answered by the claim check reads as a check: verdict first.
  const verdict = verdictView(answer);
  if (verdict) {
    const blocks = checkBlocks(verdict.result);
    const lead = verdict.lead ? [`<i>${escapeHtml(verdict.lead)}</i>`] : [];
    return { messages: packBlocks([...lead, ...blocks], options.limit), sources: checkedParagraphs(verdict.result.claims) };
  }
  const direct = directAnswer(answer);
  const blocks = [`${direct ? `<b>${escapeHtml(direct.text)}</b> [${direct.marker}]\n` : ''}${escapeHtml(answer.text)}`];
  if (answer.flagged) blocks.push(`<i>${escapeHtml(t.flagged)}</i>`);
  if (answer.refused) {
    const closest = answer.closest.slice(0, 5);
    if (closest.length > 0) {
      const lines = closest.map((c) => `• ${articleLine(c, lang)} · <code>${escapeHtml(c.articleId)}</code>`);
      blocks.push(`<b>${escapeHtml(t.closest)}</b>\n${lines.join('\n')}`);
    }
    blocks.push(`<i>${escapeHtml(t.noAnswerHint)}</i>`);
  } else {
    answer.citations.forEach((c, k) => blocks.push(`${k === 0 ? `<b>${escapeHtml(t.sources)}</b>\n` : ''}${citationBlock(c, lang)}`));
  }
  const out = packBlocks(blocks, options.limit);
  // The engine never answers with nothing, but a message must not be empty either.
  return { messages: out.length > 0 ? out : [escapeHtml(t.emptyAnswer)], sources: answer.refused ? [] : citedParagraphs(answer.citations) };
}

/** A whole paragraph with its article's title, date, source and link, and its id to cite. */
export function formatSource(p: SourceParagraph, lang: Lang, options: FormatOptions = {}): string[] {
  const url = safeUrl(p.url);
  const meta = [
    articleLine({ ...p, url: undefined }, lang),
    `${escapeHtml(p.source)} · ${escapeHtml(paragraphLabel(p, lang))}`,
    ...(url ? [`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`] : []),
  ].join('\n');
  return packBlocks([meta, `<blockquote>${escapeHtml(p.text)}</blockquote>`, `<code>${escapeHtml(p.paragraphId)}</code>`], options.limit);
}

/** Top articles for a query, best first, each with its date and best-matching paragraph. */
export function formatSearch(query: string, hits: SearchHit[], lang: Lang, options: FormatOptions & { maxArticles?: number } = {}): string[] {
  const t = messages(lang);
  const header = `<b>${escapeHtml(t.searchHeader)}</b> “${escapeHtml(truncateText(query, 100))}”`;
  const seen = new Set<string>();
  const best: SearchHit[] = [];
  for (const h of hits) {
    if (seen.has(h.articleId)) continue;
    seen.add(h.articleId);
    best.push(h);
    if (best.length >= (options.maxArticles ?? 5)) break;
  }
  if (best.length === 0) return packBlocks([header, escapeHtml(t.searchNone)], options.limit);
  const blocks = best.map((h, k) => `${k + 1}. ${articleLine(h, lang)}\n<code>${escapeHtml(h.paragraphId)}</code> ${escapeHtml(truncateText(h.snippet, 280))}`);
  return packBlocks([header, ...blocks], options.limit);
}

/** What the bot knows (articles, date range), its commands, examples and how to cite. */
export function formatHelp(stats: EngineStats | null, lang: Lang, botUsername: string, options: FormatOptions = {}): string[] {
  const h = messages(lang).help;
  const corpus =
    stats && stats.articles > 0
      ? h.corpus(stats.articles, stats.paragraphs, formatDate(stats.dateFrom ?? '', lang), formatDate(stats.dateTo ?? '', lang))
      : h.corpusEmpty;
  const commands = [
    `<b>${escapeHtml(h.commands)}</b>`,
    `/ask — ${escapeHtml(h.ask)}`,
    `/check — ${escapeHtml(h.check)}`,
    `/search — ${escapeHtml(h.search)}`,
    `/source — ${escapeHtml(h.source)}`,
    '/new',
    '/help',
  ].join('\n');
  const examples = [`<b>${escapeHtml(h.examples)}</b>`, ...h.exampleQuestions.map((q) => `• ${escapeHtml(q)}`)].join('\n');
  return packBlocks(
    [
      escapeHtml(h.intro),
      escapeHtml(corpus),
      commands,
      examples,
      escapeHtml(h.cite),
      escapeHtml(h.followUps),
      escapeHtml(`${h.groups(botUsername)}\n${h.inline(botUsername)}`),
    ],
    options.limit,
  );
}

/** One message for an inline result: the first part of the answer, with a note when cut. */
export function formatInlineAnswer(answer: Answer, options: FormatOptions = {}): string {
  const limit = options.limit ?? TELEGRAM_TEXT_LIMIT;
  const note = `\n<i>${escapeHtml(messages(answer.lang).continued)}</i>`;
  const parts = formatAnswer(answer, { limit: limit - note.length }).messages;
  const first = parts[0] ?? escapeHtml(messages(answer.lang).emptyAnswer);
  return parts.length > 1 ? first + note : first;
}

/**
 * A check result: for each claim the verdict first, then each mismatch as "bài viết ghi /
 * nhận định ghi", then the quotes with their citations (the closest articles when not found);
 * the sentences not checked last. The sources are one per cited paragraph, for the buttons.
 */
export function formatCheck(result: CheckResult, options: FormatOptions = {}): FormattedAnswer {
  if (result.refused) return { messages: [escapeHtml(checkWording(result.lang).refusal[result.refused])], sources: [] };
  return { messages: packBlocks(checkBlocks(result), options.limit), sources: checkedParagraphs(result.claims) };
}

/** The blocks of a check result that was not refused. */
function checkBlocks(result: CheckResult): string[] {
  const lang = result.lang;
  const w = checkWording(lang);
  const t = messages(lang);
  const blocks: string[] = [];
  result.claims.forEach((c, k) => {
    const head = result.claims.length > 1 ? `<b>${escapeHtml(w.claim)} ${k + 1}</b>: “${escapeHtml(truncateText(c.claim, 300))}”\n` : '';
    const lines = [`${head}${w.sign[c.verdict]} <b>${escapeHtml(w.verdict[c.verdict])}</b>`];
    for (const m of c.mismatches) {
      lines.push(
        `• <b>${escapeHtml(w.kind[m.kind])}</b>: ${escapeHtml(w.stated)} “<b>${escapeHtml(m.stated)}</b>” · ${escapeHtml(w.claimed)} “${escapeHtml(m.claimed)}” [${m.citation}]`,
      );
    }
    if (c.overruled) lines.push(`<i>${escapeHtml(w.overruled)}</i>`);
    blocks.push(lines.join('\n'));
    c.evidence.forEach((e, i) => blocks.push(`${i === 0 ? `<b>${escapeHtml(t.sources)}</b>\n` : ''}${citationBlock(e, lang)}`));
    if (c.verdict === 'not-found' && c.closest.length > 0) {
      const closest = c.closest.slice(0, 3).map((a) => `• ${articleLine(a, lang)} · <code>${escapeHtml(a.articleId)}</code>`);
      blocks.push(`<b>${escapeHtml(w.closest)}</b>\n${closest.join('\n')}`);
    }
  });
  if (result.skipped.length > 0) {
    const skipped = result.skipped.slice(0, 5).map((x) => `“${escapeHtml(truncateText(x.text, 80))}” (${escapeHtml(w.skip[x.reason])})`);
    blocks.push(`<i>${escapeHtml(w.skipped)}: ${skipped.join('; ')}${result.skipped.length > 5 ? '…' : ''}</i>`);
  }
  return blocks;
}

/** What became of one URL given to /add (or the add button): the stored article, or the reason. */
export function formatAddResult(s: AddSummary): string {
  const head = `<b>${escapeHtml(s.heading)}</b>`;
  if (!s.title) return `${head}\n${escapeHtml(s.reason ?? '')}`;
  const title = s.url ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a>` : `<b>${escapeHtml(s.title)}</b>`;
  return [head, title, escapeHtml(s.meta ?? ''), `<code>${escapeHtml(s.articleId ?? '')}</code>`, expandableQuote(s.firstParagraph ?? '')].join('\n');
}

export function formatAddReport(results: readonly AddResult[], lang: Lang, options: FormatOptions = {}): string[] {
  return packBlocks(
    results.map((r) => formatAddResult(summarise(r, lang))),
    options.limit,
  );
}

/** Articles the feeds brought: title (linked), date, source, id, and the start of the first paragraph. */
export function formatAnnouncement(articles: readonly AddedArticle[], lang: Lang, options: FormatOptions = {}): string[] {
  const t = addMessages(lang);
  const blocks = articles.map((a) => {
    const url = safeUrl(a.url);
    const title = url ? `<a href="${escapeHtml(url)}">${escapeHtml(a.title)}</a>` : `<b>${escapeHtml(a.title)}</b>`;
    return `${title}\n${escapeHtml(addArticleLine(a, lang))} · <code>${escapeHtml(a.articleId)}</code>\n${escapeHtml(truncateText(a.firstParagraph, 300))}`;
  });
  return packBlocks([`<b>${escapeHtml(t.announce(articles.length))}</b>`, ...blocks], options.limit);
}
