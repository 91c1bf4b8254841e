import { isParagraphId } from '../../src/index.js';

/** The data of buttons that open a cited paragraph: a prefix and the paragraph id. */
export interface ParagraphButtons {
  /** The data for a button opening `paragraphId`, or null when it would not fit the platform's limit (no button then). */
  encode(paragraphId: string): string | null;
  /**
   * The paragraph id in a button's data, or null for anything else. Clients can send any data
   * they like, so the id must be well-formed exactly as it stands; it only ever reaches
   * `engine.source`.
   */
  decode(data: unknown): string | null;
}

/** Paragraph buttons with `prefix`, whose data must pass `fits` (the platform's size limit). */
export function paragraphButtons(prefix: string, fits: (data: string) => boolean): ParagraphButtons {
  return {
    encode(paragraphId) {
      const data = prefix + paragraphId;
      return fits(data) ? data : null;
    },
    decode(data) {
      if (typeof data !== 'string' || !data.startsWith(prefix) || !fits(data)) return null;
      const id = data.slice(prefix.length);
      return isParagraphId(id) && id === id.trim() ? id : null;
    },
  };
}
