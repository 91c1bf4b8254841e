/**
 * Sentence boundaries in a paragraph, as [start, end) offsets into the paragraph string, so
 * that quotes are always exact substrings. Vietnamese abbreviations ("TP.", "TS.", "PGS.") and
 * initials do not end a sentence.
 */
const ABBREV = new Set(
  ['tp', 'ts', 'ths', 'pgs', 'gs', 'bs', 'ks', 'th.s', 'ng', 'st', 'mr', 'mrs', 'ms', 'dr', 'prof', 'no', 'vs', 'etc', 'v.v', 'tr', 'q', 'p', 'kts', 'nxb', 'co', 'inc', 'ltd', 'jr', 'sr', 'st'].map((s) => s.toLowerCase()),
);

const END = /[.!?…]+["”’»)\]]*(?=\s+)/gu;

export function sentenceRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  while (start < text.length && /\s/.test(text[start] as string)) start++;
  END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = END.exec(text))) {
    const end = m.index + m[0].length;
    let next = end;
    while (next < text.length && /\s/.test(text[next] as string)) next++;
    if (next >= text.length) break;
    const nextChar = text[next] as string;
    if (!/[\p{Lu}\p{N}"“'‘«(\[\-–—*•]/u.test(nextChar)) continue;
    if (m[0].startsWith('.') && m[0].length === 1) {
      const before = text.slice(Math.max(start, m.index - 12), m.index);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
      if (ABBREV.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word)) continue;
    }
    if (end > start) out.push([start, end]);
    start = next;
  }
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  if (end > start) out.push([start, end]);
  return out;
}

/**
 * Splits an over-long range (a scraped line with no sentence punctuation) at white space into
 * pieces of at most `max` characters.
 */
export function hardSplit(text: string, [s, e]: [number, number], max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let a = s;
  while (e - a > max) {
    let cut = text.lastIndexOf(' ', a + max);
    if (cut <= a + max / 2) cut = a + max;
    out.push([a, cut]);
    a = cut;
    while (a < e && text[a] === ' ') a++;
  }
  if (e > a) out.push([a, e]);
  return out;
}
