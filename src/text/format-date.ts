import type { Lang } from '../types.js';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Whether `s` is an ISO date (YYYY-MM-DD) that is on the calendar: "2023-02-30" and "2023-13-45" are not. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * An article's ISO date (`2023-08-29`) as its reader writes dates: `29/08/2023` in Vietnamese,
 * `29 Aug 2023` in English (the month as a word, so that no reader takes 05/06 for 6 May or
 * 5 June the wrong way round). Anything that is not an ISO date, the empty string included, is
 * returned as given: the caller decides what an unknown date reads as.
 */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return lang === 'en' ? `${Number(d)} ${MONTHS_EN[Number(mo) - 1] ?? mo} ${y}` : `${d}/${mo}/${y}`;
}
