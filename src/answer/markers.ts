/**
 * The [n] markers by which an answer cites its numbered paragraphs: single ([2]), grouped
 * ([2, 3]) or ranges ([4-6]).
 */
const NUMBERS = String.raw`\d{1,3}(?:\s*(?:[,;]|[-–])\s*\d{1,3})*`;
/** One marker, as a regular-expression source. */
export const MARKER = String.raw`\[${NUMBERS}\]`;
/** Every marker of a text, its numbers captured. */
const MARKER_GROUP = new RegExp(String.raw`\[(${NUMBERS})\]`, 'g');

/** A text with its markers replaced by spaces (what a sentence says, without its citations). */
export function withoutMarkers(text: string): string {
  return text.replace(MARKER_GROUP, ' ');
}

/** Every marker in a text, in order of appearance, ranges expanded ([1-3] → 1, 2, 3). */
export function markersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(MARKER_GROUP)) {
    for (const part of (m[1] as string).split(/\s*[,;]\s*/)) {
      const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
      if (range) {
        const a = Number(range[1]);
        const b = Number(range[2]);
        for (let n = a; n <= b && n - a < 20; n++) out.push(n);
      } else out.push(Number(part));
    }
  }
  return out;
}

/**
 * Renumbers markers 1, 2, 3… in order of first appearance (an answer citing [2] and [5] of
 * eight paragraphs shows [1] and [2]). Returns the new text and new → old marker numbers.
 */
export function renumberMarkers(text: string): { text: string; original: Map<number, number> } {
  const order = [...new Set(markersIn(text))];
  const next = new Map(order.map((old, i) => [old, i + 1]));
  const out = text.replace(MARKER_GROUP, (group) => {
    const ns = [...new Set(markersIn(group))].map((n) => next.get(n) ?? n);
    return ns.map((n) => `[${n}]`).join('');
  });
  return { text: out, original: new Map(order.map((old, i) => [i + 1, old])) };
}
