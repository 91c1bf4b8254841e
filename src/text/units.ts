/**
 * Units of time as the tokeniser folds them ("tháng" → "thang"), Vietnamese and English: two
 * figures in different ones are different figures ("1 tháng" / "1 năm"), and a quantity in one
 * answers a question for a length of time.
 */
export const TIME_UNITS: ReadonlySet<string> = new Set([
  'giay',
  'phut',
  'gio',
  'ngay',
  'tuan',
  'thang',
  'nam',
  'quy',
  'seconds',
  'minutes',
  'hours',
  'days',
  'weeks',
  'months',
  'years',
  'day',
  'week',
  'month',
  'year',
]);

/** English units of time (folded) as the Vietnamese unit they are: "years" is "nam". */
const ENGLISH_TIME: ReadonlyMap<string, string> = new Map([
  ['second', 'giay'],
  ['seconds', 'giay'],
  ['minute', 'phut'],
  ['minutes', 'phut'],
  ['hour', 'gio'],
  ['hours', 'gio'],
  ['day', 'ngay'],
  ['days', 'ngay'],
  ['week', 'tuan'],
  ['weeks', 'tuan'],
  ['month', 'thang'],
  ['months', 'thang'],
  ['year', 'nam'],
  ['years', 'nam'],
]);

/** A unit of time in its Vietnamese form ("years" → "nam"); any other word as it is. */
export function timeUnit(unit: string): string {
  return ENGLISH_TIME.get(unit) ?? unit;
}
