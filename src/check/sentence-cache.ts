import { sentenceRanges } from '../text/sentences.js';
import { sentenceKeys } from './tokens.js';

/**
 * Sentence boundaries and comparison keys of recently read paragraphs. Checking a claim reads
 * every sentence of its best articles; claims about the same article (a forwarded post, a
 * newsroom checking one story) read them again. Bounded: the least recently used paragraphs go.
 */
export class SentenceCache {
  private readonly entries = new Map<string, { ranges: Array<[number, number]>; keys: Map<string, Set<string>> }>();

  constructor(private readonly maxParagraphs = 2000) {}

  /** [start, end) of each sentence of a paragraph. */
  ranges(paragraphId: string, paragraph: string): Array<[number, number]> {
    return this.entry(paragraphId, paragraph).ranges;
  }

  /** The keys of sentence [start, end) of a paragraph, marked or folded. */
  keys(paragraphId: string, paragraph: string, start: number, end: number, marked: boolean): Set<string> {
    const e = this.entry(paragraphId, paragraph);
    const k = `${marked ? 'm' : 'f'}${start}`;
    let keys = e.keys.get(k);
    if (!keys) e.keys.set(k, (keys = sentenceKeys(paragraph.slice(start, end), marked)));
    return keys;
  }

  private entry(paragraphId: string, paragraph: string) {
    let e = this.entries.get(paragraphId);
    if (e) {
      // Most recently used last.
      this.entries.delete(paragraphId);
    } else {
      e = { ranges: sentenceRanges(paragraph), keys: new Map() };
      if (this.entries.size >= this.maxParagraphs) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(paragraphId, e);
    return e;
  }
}
