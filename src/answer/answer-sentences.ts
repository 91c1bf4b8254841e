import type { SentenceStyle } from '../text/sentences.js';
import { MARKER } from './markers.js';

/**
 * How the citation check splits a model's answer into sentences: [n] markers after the full
 * stop belong to the sentence before them (models put them on either side of it), a quotation
 * is never cut, and any character may start a sentence, because a missed boundary would let a
 * sentence without a marker pass along with one that has it.
 */
export const ANSWER_SENTENCES: SentenceStyle = { trailing: String.raw`(?:\s*${MARKER})*`, quotationsWhole: true, anyStart: true };
