/**
 * A yes/no question the engine answered with the claim check's verdict (`Answer.verdict`),
 * shaped for the check renderers each platform already has, so that it reads as a check does:
 * verdict first, then "bài viết ghi / nhận định ghi", then the quotes and their citations.
 */
import { type Answer, type CheckResult, type RatedAnswer, checkWording } from '../../src/index.js';

export interface VerdictView {
  /** The line the answer's text puts before its verdict ("Hiểu là: …"), if any. */
  lead: string | null;
  /** The verdict as a check result of one claim. */
  result: CheckResult;
}

/** The verdict of a yes/no answer as a one-claim check result, or null for any other answer. */
export function verdictView(answer: Answer): VerdictView | null {
  const v = answer.verdict;
  if (!v) return null;
  const w = checkWording(answer.lang);
  // The engine writes the verdict line first, after the line saying how it read the question.
  const at = answer.text.indexOf(`${w.sign[v.verdict]} ${w.verdict[v.verdict]}`);
  const lead = at > 0 ? answer.text.slice(0, at).trim() : '';
  return {
    lead: lead || null,
    result: { text: v.claim, lang: answer.lang, claims: [v], skipped: [], verdict: v.verdict, timing: { totalMs: answer.timing.totalMs } },
  };
}

/**
 * A check result as feedback rates it: the text checked as the question, its evidence as the
 * citations, refused when no claim was settled (nothing checked, or every claim not found).
 */
export function ratedCheck(result: CheckResult): RatedAnswer {
  const settled = result.claims.filter((c) => c.verdict !== 'not-found');
  return {
    question: result.text,
    refused: settled.length === 0,
    citations: result.claims.flatMap((c) => c.evidence.map((e) => ({ paragraphId: e.paragraphId, quote: e.quote }))),
  };
}
