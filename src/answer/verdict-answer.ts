import { checkWording } from '../check/wording.js';
import { retrievedList } from './extractive.js';
import { isMentionLead } from './mention.js';
import type { Retrieved } from '../retrieve/retrieve.js';
import type { Answer, ClaimCheck, Lang, RefusalReason } from '../types.js';

/**
 * A yes/no question answered by the claim check: the verdict on the statement it asks about is
 * the answer. The text leads with the verdict in the check's own words (`checkWording`), then
 * each mismatch as "bài viết ghi / nhận định ghi", then the evidence quotes with their markers;
 * the evidence is the answer's citations. A statement the articles do not settle is a refusal
 * with the closest articles, as answers refuse.
 */
export interface VerdictAnswerInput {
  question: string;
  lang: Lang;
  check: ClaimCheck;
  /** What the check retrieved for the statement, best first (the answer's `retrieved`). */
  hits: readonly Retrieved[];
  /** Whether the question was limited to some articles, sources or dates. */
  filtered: boolean;
}

/** How the question was read: "Kiểm chứng nhận định: “Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội”". */
export function readingLine(claim: string, lang: Lang): string {
  return `${checkWording(lang).checkedAs}: “${claim.replace(/\s+/g, ' ').trim()}”`;
}

/**
 * Whether a line of an answer's text says how the question was read ("Hiểu là: …", "Kiểm chứng
 * nhận định: …", "Có. Các bài viết đã lưu nhắc đến “…”:") rather than answering it: evaluations leave such lines out, as they repeat the
 * question's words.
 */
export function isReadingLine(line: string): boolean {
  return /^(?:Hiểu là|Understood as|Kiểm chứng nhận định|Checked as the claim):/u.test(line) || isMentionLead(line);
}

/** The verdict line `text` has after the lines saying how the question was read. */
function verdictLine(verdict: ClaimCheck['verdict'], lang: Lang): string {
  const w = checkWording(lang);
  return `${w.sign[verdict]} ${w.verdict[verdict]}`;
}

export function verdictAnswer(o: VerdictAnswerInput): Omit<Answer, 'timing'> {
  const { check: c, lang } = o;
  const w = checkWording(lang);
  const refused = c.verdict === 'not-found';
  const lines = [readingLine(c.claim, lang), `${verdictLine(c.verdict, lang)}.`];
  for (const m of c.mismatches) lines.push(`${w.kind[m.kind]}: ${w.stated} “${m.stated}” — ${w.claimed} “${m.claimed}” [${m.citation}]`);
  if (c.overruled) lines.push(w.overruled);
  if (!refused) for (const e of c.evidence) lines.push(`“${e.quote}” [${e.marker}]`);
  const retrieved = retrievedList(o.hits);
  // Nothing retrieved at all is what a refused answer calls no match (or nothing in the filter).
  const reason: RefusalReason = c.closest.length > 0 ? 'not-found' : o.filtered ? 'not-in-filter' : 'no-match';
  return {
    question: o.question,
    lang,
    text: lines.join('\n'),
    citations: refused ? [] : c.evidence,
    refused,
    ...(refused ? { reason } : {}),
    closest: c.closest,
    retrieved,
    mode: c.mode === 'llm' ? 'llm' : 'extractive',
    ...(c.notes?.length ? { checks: c.notes } : {}),
    confidence: Math.round((refused ? 1 - c.confidence : c.confidence) * 10000) / 10000,
    verdict: c,
  };
}
