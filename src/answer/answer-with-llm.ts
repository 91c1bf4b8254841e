import { paragraphId } from '../corpus/ids.js';
import { type Retrieved, hitParagraph } from '../retrieve/retrieve.js';
import type { Store } from '../store/port.js';
import type { Citation, Lang } from '../types.js';
import { articleRef } from './article-ref.js';
import { draftText } from './draft.js';
import { assertVerbatim } from './extractive.js';
// Types only: LangChain loads when an LLM is configured, never with this module.
import type { LlmAnswerer, LlmResult, LlmSource } from './llm.js';
import { renumberMarkers } from './markers.js';

export interface LlmAnswerInput {
  llm: LlmAnswerer;
  store: Store;
  /** The retrieved passages, best first: paragraph [n] of the prompt is hit n - 1's. */
  hits: readonly Retrieved[];
  question: string;
  lang: Lang;
  /** Called with the readable draft while the model streams (see `draftText`). */
  onPartial?: (text: string) => void;
  signal?: AbortSignal;
}

/** An answer written by the model and kept by the citation check. */
export interface LlmAnswer {
  text: string;
  citations: Citation[];
  mode: 'llm';
  flagged: boolean;
  checks: string[];
}

/** The numbered paragraphs the model answers from, one per retrieved passage. */
function llmSources(store: Store, hits: readonly Retrieved[]): LlmSource[] {
  return hits.map((h, i) => ({
    marker: i + 1,
    paragraphId: paragraphId(h.article.id, h.paragraphNumber),
    title: h.article.title,
    date: h.article.date,
    text: hitParagraph(store, h),
  }));
}

/**
 * A checked model answer with its citations: markers renumbered 1, 2, 3… in order of first
 * appearance, and for each the paragraph it cites with the quote the check found in it (the
 * whole paragraph when it found none). Null when a marker points at no paragraph given.
 */
function citeCheckedAnswer(result: LlmResult, hits: readonly Retrieved[], sources: readonly LlmSource[]): { text: string; citations: Citation[] } | null {
  const { text, original } = renumberMarkers(result.text);
  const citations: Citation[] = [];
  for (const [marker, old] of original) {
    const hit = hits[old - 1];
    const src = sources[old - 1];
    if (!hit || !src) return null;
    const quote = result.quotes.get(old) ?? src.text;
    citations.push({ marker, ...articleRef(hit.article), paragraphId: src.paragraphId, paragraphNumber: hit.paragraphNumber, quote, paragraph: src.text });
  }
  assertVerbatim(citations);
  return { text, citations };
}

/**
 * The configured chat model answers from the retrieved paragraphs; every sentence it writes
 * is checked against the paragraph it cites, and its markers are renumbered from 1. Null
 * when too little survives the check: the extractive answer is used instead.
 */
export async function answerWithLlm(input: LlmAnswerInput): Promise<LlmAnswer | null> {
  const sources = llmSources(input.store, input.hits);
  const { onPartial } = input;
  let shown = '';
  const draft = onPartial
    ? (raw: string) => {
        const text = draftText(raw);
        if (text && text !== shown) onPartial((shown = text));
      }
    : undefined;
  const result = await input.llm.answer({
    question: input.question,
    lang: input.lang,
    sources,
    ...(draft ? { onPartial: draft } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  if (!result) return null;
  const cited = citeCheckedAnswer(result, input.hits, sources);
  return cited ? { ...cited, mode: 'llm', flagged: result.flagged, checks: result.checks } : null;
}
