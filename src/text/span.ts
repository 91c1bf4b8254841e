/** A range of a text, `[start, end)` in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** Whether two ranges share at least one character. */
export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
