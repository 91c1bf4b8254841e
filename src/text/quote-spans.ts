import type { Span } from './span.js';

/** Where quotations are in a text: “…”, "…" and «…», each closed by its own mark. */
const QUOTE_PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['"', '"'],
  ['«', '»'],
];

/** [start, end) spans of quoted text, quote marks included, with the text between the marks. */
export function quoteSpans(text: string): Array<Span & { inner: string }> {
  const spans: Array<Span & { inner: string }> = [];
  let i = 0;
  while (i < text.length) {
    const pair = QUOTE_PAIRS.find(([open]) => text.startsWith(open, i));
    if (!pair) {
      i++;
      continue;
    }
    const close = text.indexOf(pair[1], i + 1);
    if (close < 0) break;
    spans.push({ start: i, end: close + 1, inner: text.slice(i + 1, close) });
    i = close + 1;
  }
  return spans;
}
