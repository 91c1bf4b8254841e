/**
 * What a reader may see of an LLM answer while it streams. The model's own [n] markers are
 * left out: the citation check drops or renumbers them when the answer is complete, and a [3]
 * that becomes [1] a second later is a citation a reader might copy down wrong. The model's
 * no-answer token, and a marker or token cut off by the end of the stream so far, are left out
 * too. Empty when there is nothing to show yet.
 */
const NO_ANSWER = /\[\[NO_ANSWER\]\]/g;
const MARKERS = /\s*\[\d+(?:\s*[,;]\s*\d+)*\]/g;
const CUT_OFF_AT_END = /\s*\[\[?[A-Z_\d,;\s]*\]?$/;

export function draftText(raw: string): string {
  const text = raw.replace(NO_ANSWER, '').replace(MARKERS, '').replace(CUT_OFF_AT_END, '').trim();
  return /[\p{L}\p{N}]/u.test(text) ? text : '';
}
