import { hardSplit, sentenceRanges } from '../text/sentences.js';

/** A retrievable piece of a paragraph: the whole paragraph, or a window of its sentences. */
export interface PassageSpan {
  /** Index of the paragraph in its article (0-based; paragraph number is +1). */
  paragraph: number;
  /** [start, end) in the paragraph text. */
  start: number;
  end: number;
}

export interface ChunkOptions {
  /** Paragraphs up to this many characters are one passage. */
  maxChars: number;
  /** Target size of a sentence window in a longer paragraph. */
  windowChars: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { maxChars: 900, windowChars: 600 };

/**
 * Long paragraphs are cut into windows of whole sentences (about `windowChars`), each
 * overlapping the previous one by a sentence so that an answer spanning a boundary is found.
 */
export function splitPassages(paragraphs: readonly string[], opts: ChunkOptions = DEFAULT_CHUNKING): PassageSpan[] {
  const out: PassageSpan[] = [];
  paragraphs.forEach((text, paragraph) => {
    if (text.length <= opts.maxChars) {
      out.push({ paragraph, start: 0, end: text.length });
      return;
    }
    const sents = sentenceRanges(text).flatMap((r) => hardSplit(text, r, opts.windowChars));
    let i = 0;
    while (i < sents.length) {
      let j = i;
      const start = (sents[i] as [number, number])[0];
      while (j + 1 < sents.length && (sents[j + 1] as [number, number])[1] - start <= opts.windowChars) j++;
      out.push({ paragraph, start, end: (sents[j] as [number, number])[1] });
      if (j + 1 >= sents.length) break;
      i = j > i ? j : j + 1;
    }
  });
  return out;
}
