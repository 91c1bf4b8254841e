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
