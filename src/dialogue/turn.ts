import type { Answer, CheckResult, ClaimCheck, MismatchKind, Turn } from '../types.js';

/** Longest text a turn keeps of a quote or a checked claim. */
const KEPT_CHARS = 600;

/**
 * The part of an answer a conversation keeps for the next question: what was asked and how it
 * was read, its period, and what it quoted (without the whole paragraphs). Small enough to keep
 * many conversations in memory. A check result becomes a turn about the claim its verdict
 * settles (the first claim the articles settle, else the first one), with its evidence as what
 * was quoted.
 */
export function toTurn(a: Answer | Turn | CheckResult): Turn {
  if ('claims' in a) return checkTurn(a);
  const t: Turn = {
    question: a.question,
    lang: a.lang,
    refused: a.refused,
    citations: a.citations
      .slice(0, 3)
      .map(({ articleId, paragraphId, title, date, quote }) => ({ articleId, paragraphId, title, date, quote: quote.slice(0, KEPT_CHARS) })),
  };
  if (a.understood) t.understood = a.understood;
  if (a.period) t.period = a.period;
  if (a.collection) {
    t.collection = {
      kind: a.collection.kind,
      ...(a.collection.topic ? { topic: a.collection.topic } : {}),
      articles: a.collection.articles.slice(0, 10).map(({ articleId, title, date }) => ({ articleId, title, date })),
    };
  }
  if (a.verdict) t.verdict = compactVerdict(a.verdict);
  return t;
}

function compactVerdict(v: NonNullable<Turn['verdict']>): NonNullable<Turn['verdict']> {
  return {
    claim: v.claim.slice(0, KEPT_CHARS),
    verdict: v.verdict,
    mismatches: v.mismatches.slice(0, 5).map(({ kind, claimed, stated }) => ({ kind, claimed, stated })),
  };
}

function checkTurn(r: CheckResult): Turn {
  const claim: ClaimCheck | undefined = r.claims.find((c) => c.verdict !== 'not-found') ?? r.claims[0];
  if (!claim) return { question: r.text.slice(0, KEPT_CHARS), lang: r.lang, refused: true, citations: [] };
  return {
    question: claim.claim.slice(0, KEPT_CHARS),
    lang: r.lang,
    refused: claim.verdict === 'not-found',
    citations: claim.evidence
      .slice(0, 3)
      .map(({ articleId, paragraphId, title, date, quote }) => ({ articleId, paragraphId, title, date, quote: quote.slice(0, KEPT_CHARS) })),
    verdict: compactVerdict(claim),
  };
}

/** Facts whose value can take the claimed one's place in a sentence ("tại Hà Nội" → "tại Bắc Kinh"). */
const SLOT_KINDS = new Set<MismatchKind>(['number', 'date', 'place', 'person', 'organisation', 'quantity']);

/**
 * What a turn said, for reading a follow-up against it: the question as read, or, for a verdict,
 * the statement checked as the articles state it: each contradicted value (a number, date, place,
 * name) replaced by the source's ("… tổ chức tại Hà Nội" → "… tổ chức tại Bắc Kinh - Trung
 * Quốc"). A negation or modality that differs is left as claimed: swapping it in would not make
 * a sentence.
 */
export function turnStatement(t: Turn): string {
  const v = t.verdict;
  if (!v) return t.understood ?? t.question;
  let s = v.claim;
  if (v.verdict !== 'contradicted') return s;
  for (const m of v.mismatches) {
    if (!SLOT_KINDS.has(m.kind) || !m.claimed || !m.stated) continue;
    const at = s.indexOf(m.claimed);
    if (at >= 0) s = s.slice(0, at) + m.stated + s.slice(at + m.claimed.length);
  }
  return s;
}
