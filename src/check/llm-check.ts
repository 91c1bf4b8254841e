import { z } from 'zod';
import { paragraphId } from '../corpus/ids.js';
import { errorMessage } from '../errors.js';
import { findQuote, originalSubstring } from '../answer/find-quote.js';
import { formatSources, loadPromptPair, type PromptPair, renderTemplate } from '../answer/llm-prompts.js';
import type { Logger } from '../log.js';
import type { Citation, ClaimCheck, Lang, Mismatch, MismatchKind, Verdict } from '../types.js';
import type { CheckDeps, OfflineCheck } from './check.js';
import type { EvidencePiece } from './evidence.js';
import { SAME_FACT_COVERAGE } from './verdict.js';

/**
 * The claim check with a language model: the model proposes a verdict, the quotes it rests
 * on and the facts it finds stated differently; every quote and every `stated` is verified
 * verbatim in the paragraph it cites, and every `claimed` in the claim. A `supported` the
 * offline check contradicts (a fact stated differently in the same slot) is overruled, and
 * the result says so. Anything that cannot be verified, and any failure of the model, leaves
 * the offline verdict standing, with a note saying why.
 */

export type CheckPrompts = PromptPair;

/** The check prompts: `check-*.md`, whose user template has `{{sources}}` and `{{claim}}`. */
export function loadCheckPrompts(dir: string): CheckPrompts {
  return loadPromptPair(dir, 'check', { required: ['sources', 'claim'], known: ['sources', 'claim', 'source_count'] });
}

/** The model the check talks to: one system and one user message in, its text out. */
export interface CheckModel {
  id: string;
  complete(system: string, user: string, signal?: AbortSignal): Promise<string>;
}

const KINDS = ['number', 'date', 'place', 'person', 'organisation', 'negation', 'modality', 'quantity', 'other'] as const;

const proposalSchema = z.object({
  verdict: z.enum(['supported', 'contradicted', 'not-found']),
  quotes: z.array(z.object({ source: z.coerce.number().int(), quote: z.string() })).default([]),
  mismatches: z
    .array(
      z.object({
        kind: z.string(),
        claimed: z.string(),
        stated: z.string(),
        source: z.coerce.number().int(),
      }),
    )
    .default([]),
});
type Proposal = z.infer<typeof proposalSchema>;

/** The JSON object in a model's reply (code fences and words around it are tolerated); null when there is none. */
export function readProposal(raw: string): Proposal | null {
  const start = raw.indexOf('{');
  const end = raw.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw.slice(start, end + 1));
  } catch {
    return null;
  }
  const p = proposalSchema.safeParse(json);
  return p.success ? p.data : null;
}

/** The paragraphs shown to the model: the offline evidence first, then the other best passages. */
function sourcesFor(offline: OfflineCheck, deps: CheckDeps, max = 6): EvidencePiece[] {
  const out: EvidencePiece[] = [...offline.pieces];
  for (const hit of offline.hits) {
    if (out.length >= max) break;
    const paragraph = deps.paragraphText(hit);
    const covered = out.some(
      (p) => p.hit.article.id === hit.article.id && p.hit.paragraphNumber === hit.paragraphNumber && p.start < hit.end && hit.start < p.end,
    );
    if (covered) continue;
    out.push({ hit, paragraph, start: hit.start, end: hit.end, text: paragraph.slice(hit.start, hit.end) });
  }
  return out.slice(0, max);
}

/** The verbatim text of `quote` in `text` (the longest piece when the quote has elisions), or null. */
function verbatim(quote: string, text: string): string | null {
  const pieces = findQuote(quote, text);
  if (!pieces) return null;
  const longest = [...pieces].sort((a, b) => b.length - a.length)[0] as string;
  const found = originalSubstring(longest, text);
  return found && text.includes(found) ? found : null;
}

export interface LlmCheckInput {
  model: CheckModel;
  prompts: CheckPrompts;
  deps: CheckDeps;
  offline: OfflineCheck;
  /** Language of the result (the prompt's language). */
  lang: Lang;
  logger: Logger;
  signal?: AbortSignal;
}

/** The claim checked with the model, verified; the offline result (with a note) whenever the model's cannot stand. */
export async function checkWithLlm(input: LlmCheckInput): Promise<ClaimCheck> {
  const { offline, deps, model, logger } = input;
  const claim = offline.result.claim;
  /** What verification found wrong with the model's reply, said with the verdict that stands. */
  const notes: string[] = [];
  const keep = (note: string): ClaimCheck => {
    logger.info(`LLM check (${model.id}): ${note}`);
    return { ...offline.result, notes: [...(offline.result.notes ?? []), ...notes, note] };
  };
  const sources = sourcesFor(offline, deps);
  if (!sources.length) return offline.result;
  const values = {
    sources: formatSources(
      sources.map((s, i) => ({
        marker: i + 1,
        paragraphId: paragraphId(s.hit.article.id, s.hit.paragraphNumber),
        title: s.hit.article.title,
        date: s.hit.article.date,
        text: s.text,
      })),
    ),
    claim,
    source_count: String(sources.length),
  };
  let raw: string;
  try {
    raw = await model.complete(renderTemplate(input.prompts.system[input.lang], values), renderTemplate(input.prompts.user[input.lang], values), input.signal);
  } catch (err) {
    if (input.signal?.aborted) throw err;
    logger.error('LLM check failed; the offline verdict stands', err);
    return keep(`the model could not be reached (${errorMessage(err).split('\n')[0]}); the offline verdict stands`);
  }
  const proposal = readProposal(raw);
  if (!proposal) return keep('the model’s reply was not a verdict in the expected form; the offline verdict stands');

  // Verify every quote and every mismatch against the text it claims to come from.
  const citations: Citation[] = [];
  const citationFor = (sourceIndex: number, quote: string): number => {
    const src = sources[sourceIndex] as EvidencePiece;
    const existing = citations.find((c) => c.paragraphId === paragraphId(src.hit.article.id, src.hit.paragraphNumber) && c.quote === quote);
    if (existing) return existing.marker;
    const marker = citations.length + 1;
    citations.push({
      marker,
      ...deps.articleRef(src.hit),
      paragraphId: paragraphId(src.hit.article.id, src.hit.paragraphNumber),
      paragraphNumber: src.hit.paragraphNumber,
      quote,
      paragraph: src.paragraph,
    });
    return marker;
  };
  const sourceOk = (n: number) => Number.isInteger(n) && n >= 1 && n <= sources.length;
  for (const q of proposal.quotes) {
    const found = sourceOk(q.source) ? verbatim(q.quote, (sources[q.source - 1] as EvidencePiece).text) : null;
    if (found) citationFor(q.source - 1, found);
    else notes.push(`a quote the model gave is not in source [${q.source}] word for word and was dropped`);
  }
  const mismatches: Mismatch[] = [];
  for (const m of proposal.mismatches) {
    const stated = sourceOk(m.source) ? verbatim(m.stated, (sources[m.source - 1] as EvidencePiece).text) : null;
    const claimed = verbatim(m.claimed, claim);
    if (!stated || !claimed) {
      notes.push(`a mismatch the model named (“${m.claimed.slice(0, 40)}” / “${m.stated.slice(0, 40)}”) could not be found word for word and was dropped`);
      continue;
    }
    const kind: MismatchKind = (KINDS as readonly string[]).includes(m.kind) ? (m.kind as MismatchKind) : 'other';
    const src = sources[m.source - 1] as EvidencePiece;
    const cited = citations.find((c) => c.paragraphId === paragraphId(src.hit.article.id, src.hit.paragraphNumber) && c.quote.includes(stated));
    mismatches.push({ kind, claimed, stated, citation: cited ? cited.marker : citationFor(m.source - 1, stated) });
  }

  const offlineMismatch = offline.comparison !== null && offline.comparison.mismatches.length > 0 && offline.comparison.features.coverage >= SAME_FACT_COVERAGE;
  if (proposal.verdict === 'supported' && offlineMismatch && offline.result.verdict === 'contradicted') {
    const note = `the model said supported, but the offline check found ${offline.result.mismatches.map((m) => `“${m.claimed}” where the source says “${m.stated}”`).join('; ')}: the verdict is contradicted`;
    logger.info(`LLM check (${model.id}): ${note}`);
    return { ...offline.result, mode: 'llm', overruled: true, notes: [...notes, note] };
  }
  if (proposal.verdict !== 'not-found' && citations.length === 0)
    return keep(`the model said ${proposal.verdict} without a quote that could be verified; the offline verdict stands`);
  if (proposal.verdict === 'contradicted' && mismatches.length === 0)
    return keep('the model said contradicted without a mismatch that could be verified; the offline verdict stands');

  const verdict: Verdict = proposal.verdict;
  const agrees = verdict === offline.result.verdict;
  return {
    claim,
    verdict,
    confidence: Math.round((agrees ? Math.max(offline.result.confidence, 0.85) : 0.6) * 1000) / 1000,
    evidence: verdict === 'not-found' ? [] : citations,
    mismatches: verdict === 'contradicted' ? mismatches : [],
    closest: offline.result.closest,
    mode: 'llm',
    ...(notes.length ? { notes } : {}),
  };
}
