/**
 * What both platforms say about a cited article or paragraph, in plain text; each platform adds
 * its own markup around it (see `citationBlock` in telegram/format.ts, `citationField` in
 * discord/format.ts).
 */
import { type Answer, type ArticleRef, type Citation, type Lang, formatDate } from '../../src/index.js';
import { sharedMessages } from './messages.js';

/**
 * An article's date as its reader writes dates, marked when it is the event's date rather than
 * the publication's (`29/08/2023 (ngày sự kiện)`); empty when the article has none.
 */
export function articleDate(ref: Pick<ArticleRef, 'date' | 'dateKind'>, lang: Lang): string {
  if (!ref.date) return '';
  return ref.dateKind === 'event' ? `${formatDate(ref.date, lang)} (${sharedMessages(lang).eventDate})` : formatDate(ref.date, lang);
}

/**
 * The quote as the reader should copy it: with "…" on each side where its sentence was cut
 * (`Citation.cut`), as the answer's text shows it, so that a fragment never passes for a whole sentence.
 */
export function quoteAsShown(c: Pick<Citation, 'quote' | 'cut'>): string {
  return `${c.cut?.before ? '…' : ''}${c.quote}${c.cut?.after ? '…' : ''}`;
}

/** A paragraph an answer cites, for the button that opens it. */
export interface CitedParagraph {
  marker: number;
  paragraphId: string;
  paragraphNumber: number;
  /** The article's first caption paragraph, when it has captions (`ArticleRef.captionsFrom`). */
  captionsFrom?: number;
  /**
   * What names the paragraph on its button when `[marker]` alone would be ambiguous: in a check
   * of several claims, each claim's number before its marker ("1·[1]", or "1·[1] 2·[1]" for a
   * paragraph quoted for both), as Discord labels them.
   */
  markers?: string;
}

/** One entry per cited paragraph, in marker order; a paragraph cited twice keeps its first marker. */
export function citedParagraphs(citations: readonly Citation[]): CitedParagraph[] {
  const out: CitedParagraph[] = [];
  for (const c of citations) {
    if (!out.some((p) => p.paragraphId === c.paragraphId))
      out.push({
        marker: c.marker,
        paragraphId: c.paragraphId,
        paragraphNumber: c.paragraphNumber,
        ...(c.captionsFrom ? { captionsFrom: c.captionsFrom } : {}),
      });
  }
  return out;
}

/**
 * One entry per paragraph the claims of a check quote, in order. With several claims, whose [n]
 * markers each start at 1, every entry says which claims quote it ("1·[1] 2·[1]").
 */
export function checkedParagraphs(claims: readonly { evidence: readonly Citation[] }[]): CitedParagraph[] {
  const all = citedParagraphs(claims.flatMap((c) => c.evidence));
  if (claims.length < 2) return all;
  return all.map((p) => ({
    ...p,
    markers: claims
      .flatMap((c, k) => c.evidence.filter((e) => e.paragraphId === p.paragraphId).map((e) => `${k + 1}·[${e.marker}]`))
      .filter((m, i, ms) => ms.indexOf(m) === i)
      .join(' '),
  }));
}

/**
 * The short direct answer to show first ("ông Philippe Metzger", "29/8/2023") with the marker
 * of the quote it comes from, or null: refusals and answers without one show only their text.
 */
export function directAnswer(answer: Answer): { text: string; marker: number } | null {
  const s = answer.shortAnswer;
  if (answer.refused || !s || !s.text.trim() || !answer.citations.some((c) => c.marker === s.marker)) return null;
  return { text: s.text, marker: s.marker };
}
