/**
 * The Discord bot's messages: answers, drafts, search results, paragraphs and reindex reports
 * as documents for the embed packer (`packDoc`), which enforces every Discord limit. Pure
 * functions that never throw.
 */
import {
  type AddResult,
  type AddedArticle,
  type Answer,
  type ArticleRef,
  type CheckResult,
  type Citation,
  type EngineStats,
  type IndexReport,
  type Lang,
  type SearchHit,
  type SourceParagraph,
  type Verdict,
  checkWording,
  formatDate,
  paragraphLabel,
} from '../../src/index.js';
import { addMessages, articleLine as addArticleLine, summarise } from '../shared/add.js';
import { articleDate, directAnswer, quoteAsShown } from '../shared/citations.js';
import { draftPreview } from '../shared/draft-loop.js';
import { safeUrl, truncateText } from '../shared/text.js';
import { verdictView } from '../shared/verdict.js';
import { type DocField, LIMITS, type OutMessage, clip, escapeText, packDoc } from './embeds.js';
import { messagesFor } from './messages.js';

export const COLORS = {
  answer: 0x2b6cb0,
  draft: 0xa0aec0,
  refusal: 0xdd6b20,
  search: 0x319795,
  source: 0x4a5568,
  admin: 0x718096,
  supported: 0x2f855a,
  contradicted: 0xc53030,
  notFound: 0xd69e2e,
} as const;

const VERDICT_COLOR: Record<Verdict, number> = { supported: COLORS.supported, contradicted: COLORS.contradicted, 'not-found': COLORS.notFound };

/** "Archive: 2 articles, 12 paragraphs · 2023-08-29 – 2024-06-05". */
export function corpusFooter(stats: EngineStats | null, lang: Lang): string {
  if (!stats) return '';
  const t = messagesFor(lang);
  const range = stats.dateFrom && stats.dateTo ? ` · ${formatDate(stats.dateFrom, lang)} – ${formatDate(stats.dateTo, lang)}` : '';
  return `${t.corpus(stats.articles, stats.paragraphs)}${range}`;
}

function refLine(ref: ArticleRef, lang: Lang): string {
  return [articleDate(ref, lang), ref.source].filter(Boolean).join(' · ');
}

/** `title · date · đoạn N`: what a field says of the paragraph it quotes. */
function paragraphHeading(ref: ArticleRef & { paragraphNumber: number }, lang: Lang): string {
  return [ref.title, articleDate(ref, lang), paragraphLabel(ref, lang)].filter(Boolean).join(' · ');
}

/** A user's text reduced to one line fit for a title: escaped, mentions defused. */
export function questionTitle(question: string): string {
  return escapeText(question.replace(/\s+/g, ' ').trim());
}

/** Quote as a Markdown block quote, clipped so the id line below it always fits in a field. */
function quoteField(quote: string, paragraphId: string, url: string | undefined): string {
  const link = url ? ` · <${url}>` : '';
  const tail = `\n\`${paragraphId}\`${link}`;
  const block = escapeText(quote.replace(/\s+/g, ' ').trim());
  return `> ${clip(block, LIMITS.fieldValue - tail.length - 2)}${tail}`;
}

/**
 * An answer as messages: the short direct answer in bold when there is one, then the text with
 * its [n] markers as the description, one field per
 * citation (title, date, paragraph number, quote) with a button showing the whole paragraph,
 * and the corpus size and date range in the footer. A refusal says so and lists the closest articles.
 * A yes/no answer is shown as its check is (`checkMessages`), after the line saying how the
 * question was read.
 */
export function answerMessages(answer: Answer, stats: EngineStats | null, options: { notice?: string } = {}): OutMessage[] {
  // A yes/no question answered by the claim check reads as a check: the verdict as the title.
  const verdict = verdictView(answer);
  if (verdict) return checkMessages(verdict.result, stats, { ...options, ...(verdict.lead ? { lead: verdict.lead } : {}) });
  const lang = answer.lang;
  const t = messagesFor(lang);
  const footer = corpusFooter(stats, lang);
  const base = { title: questionTitle(answer.question), footer, ...(options.notice ? { notice: options.notice } : {}) };
  if (answer.refused) {
    return packDoc({
      ...base,
      color: COLORS.refusal,
      body: `${escapeText(answer.text)}\n\n**${t.closest}**${answer.closest.length === 0 ? `\n${t.noClosest}` : ''}`,
      fields: answer.closest.slice(0, 5).map((c) => ({ name: c.title, value: `${refLine(c, lang)}\n\`${c.articleId}\`` })),
    });
  }
  const notes = answer.flagged ? `\n\n⚠️ ${t.flagged}` : '';
  // The short direct answer first, in bold, with the marker of the quote it is taken from.
  const direct = directAnswer(answer);
  return packDoc({
    ...base,
    color: COLORS.answer,
    body: (direct ? `**${escapeText(direct.text)}** [${direct.marker}]\n` : '') + escapeText(answer.text) + notes,
    fields: answer.citations.map((c) => citationField(c, lang)),
  });
}

/**
 * One citation as an embed field: its marker, the article (title, date), the paragraph's number,
 * the quote with the paragraph id and link, and a button that shows the whole paragraph.
 */
export function citationField(c: Citation, lang: Lang): DocField {
  return {
    name: `[${c.marker}] ${paragraphHeading(c, lang)}`,
    value: quoteField(quoteAsShown(c), c.paragraphId, safeUrl(c.url)),
    paragraphId: c.paragraphId,
    buttonLabel: `[${c.marker}] ${paragraphLabel(c, lang)} · ${c.title}`,
  };
}

/**
 * The model's text so far as one grey embed under the question, marked in its footer as not yet
 * checked, without citation fields or buttons; null while there is nothing worth showing.
 */
export function draftMessage(question: string, raw: string, lang: Lang): OutMessage | null {
  const body = draftPreview(raw);
  if (body === null) return null;
  // Escaping can lengthen the text; one description always holds the draft, so it is one message.
  const [message] = packDoc({
    title: questionTitle(question),
    color: COLORS.draft,
    body: clip(escapeText(body), LIMITS.description),
    footer: messagesFor(lang).drafting,
  });
  return message ?? null;
}

export function searchMessages(query: string, hits: SearchHit[], stats: EngineStats | null, lang: Lang): OutMessage[] {
  const t = messagesFor(lang);
  return packDoc({
    title: `🔎 ${questionTitle(query)}`,
    color: COLORS.search,
    body: t.searchResults(hits.length),
    footer: corpusFooter(stats, lang),
    fields: hits.map((h, i) => ({
      name: `${i + 1}. ${paragraphHeading(h, lang)}`,
      value: quoteField(h.snippet, h.paragraphId, safeUrl(h.url)),
      paragraphId: h.paragraphId,
      buttonLabel: `${i + 1}. ${paragraphLabel(h, lang)} · ${h.title}`,
    })),
  });
}

/** One paragraph in full, split over several embeds if it is long. */
export function sourceMessages(p: SourceParagraph, lang: Lang): OutMessage[] {
  const url = safeUrl(p.url);
  return packDoc({
    title: p.title,
    ...(url ? { url } : {}),
    color: COLORS.source,
    body: escapeText(p.text),
    footer: [p.paragraphId, paragraphLabel(p, lang), refLine(p, lang)].filter(Boolean).join(' · '),
  });
}

export function reindexMessages(report: IndexReport, lang: Lang): OutMessage[] {
  const t = messagesFor(lang);
  const issues = report.issues.map((i) => `• \`${i.path}\`: ${escapeText(i.reason)}`).join('\n');
  return packDoc({
    title: t.reindexed,
    color: COLORS.admin,
    body: t.reindexLine(report) + (issues ? `\n\n**${t.issues}** (${report.issues.length})\n${issues}` : ''),
  });
}

/**
 * A check result as messages: the verdict as the title (the worst verdict when several claims
 * were checked), then per claim its verdict and each mismatch as "bài viết ghi / nhận định
 * ghi", one field per quoted paragraph (title, date, paragraph, quote, button), the closest
 * articles when not found, and the sentences not checked at the end. `lead` is put first: the
 * lines saying how a yes/no question was read, which name its claim in place of "Nhận định:".
 */
export function checkMessages(result: CheckResult, stats: EngineStats | null, options: { notice?: string; lead?: string } = {}): OutMessage[] {
  const lang = result.lang;
  const w = checkWording(lang);
  const footer = corpusFooter(stats, lang);
  const notice = options.notice ? { notice: options.notice } : {};
  if (result.refused || !result.verdict) {
    return packDoc({ color: COLORS.refusal, body: escapeText(w.refusal[result.refused ?? 'no-claim']), footer, ...notice });
  }
  const several = result.claims.length > 1;
  const body: string[] = options.lead ? [`_${escapeText(options.lead)}_`] : [];
  const fields: DocField[] = [];
  const buttonOf = new Map<string, { field: DocField; markers: string[]; rest: string }>();
  result.claims.forEach((c, k) => {
    // A lead that says how the question was read already names its one claim.
    const named = !several && options.lead !== undefined;
    const lines = named
      ? []
      : [
          several ? `**${w.claim} ${k + 1}** · ${w.sign[c.verdict]} ${w.verdict[c.verdict]}` : `**${w.claim}:**`,
          `> ${escapeText(c.claim.replace(/\s+/g, ' '))}`,
        ];
    for (const m of c.mismatches)
      lines.push(`• **${w.kind[m.kind]}:** ${w.stated} “**${escapeText(m.stated)}**” · ${w.claimed} “${escapeText(m.claimed)}” [${m.citation}]`);
    if (c.overruled) lines.push(`_${w.overruled}_`);
    if (lines.length) body.push(lines.join('\n'));
    for (const e of c.evidence) {
      const f = citationField(e, lang);
      if (!several) {
        fields.push(f);
        continue;
      }
      // A paragraph quoted for several claims keeps one button (Discord refuses two with one
      // custom id), labelled with every claim's marker: "1·[1] 2·[1] đoạn 1 · …".
      const first = buttonOf.get(e.paragraphId);
      if (first) {
        first.markers.push(`${k + 1}·[${e.marker}]`);
        first.field.buttonLabel = `${first.markers.join(' ')} ${first.rest}`;
        fields.push({ name: `${k + 1}·${f.name}`, value: f.value });
        continue;
      }
      const field: DocField = { ...f, name: `${k + 1}·${f.name}`, buttonLabel: `${k + 1}·${f.buttonLabel ?? ''}` };
      buttonOf.set(e.paragraphId, { field, markers: [`${k + 1}·[${e.marker}]`], rest: `${paragraphLabel(e, lang)} · ${e.title}` });
      fields.push(field);
    }
    if (c.verdict === 'not-found') {
      for (const a of c.closest.slice(0, several ? 2 : 3)) fields.push({ name: `${w.closest}: ${a.title}`, value: `${refLine(a, lang)}\n\`${a.articleId}\`` });
    }
  });
  if (result.skipped.length > 0) {
    body.push(
      `_${w.skipped}: ${result.skipped
        .slice(0, 5)
        .map((x) => `“${escapeText(truncateText(x.text.replace(/\s+/g, ' '), 80))}” (${w.skip[x.reason]})`)
        .join('; ')}_`,
    );
  }
  return packDoc({
    title: `${w.sign[result.verdict]} ${w.verdict[result.verdict]}`,
    color: VERDICT_COLOR[result.verdict],
    body: body.join('\n\n'),
    fields,
    footer,
    ...notice,
  });
}

/** What `/add` did with each URL: the stored article (title, date and time, paragraphs, id, first paragraph) or the reason. */
export function addResultMessages(results: readonly AddResult[], lang: Lang): OutMessage[] {
  const fields: DocField[] = results.map((r) => {
    const s = summarise(r, lang);
    if (!s.title) return { name: s.heading, value: escapeText(s.reason ?? r.url) };
    const link = s.url ? `\n<${s.url}>` : '';
    const head = `${escapeText(s.meta ?? '')}\n\`${s.articleId ?? ''}\`${link}\n`;
    return { name: `${s.heading}: ${s.title}`, value: `${head}> ${clip(escapeText(s.firstParagraph ?? ''), LIMITS.fieldValue - head.length - 2)}` };
  });
  return packDoc({ title: addMessages(lang).status[results.length === 1 ? (results[0] as AddResult).status : 'added'], color: COLORS.admin, fields });
}

/** New articles from the followed feeds, for the announcement channels. */
export function announcementMessages(articles: readonly AddedArticle[], lang: Lang): OutMessage[] {
  return packDoc({
    title: addMessages(lang).announce(articles.length),
    color: COLORS.search,
    fields: articles.map((a) => {
      const url = safeUrl(a.url);
      const head = `${escapeText(addArticleLine(a, lang))}\n\`${a.articleId}\`${url ? ` · <${url}>` : ''}\n`;
      return { name: a.title, value: `${head}> ${clip(escapeText(a.firstParagraph), Math.min(300, LIMITS.fieldValue - head.length - 2))}` };
    }),
  });
}
