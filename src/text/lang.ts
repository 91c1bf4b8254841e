import type { Lang } from '../types.js';
import { fold, hasMarks } from './normalize.js';
import { syllables } from './tokenize.js';

const EN_WORDS = new Set(
  'the of and to in is was what who when where which why how does did do are were for with on at by from about that this has have had will would can could should vietnam vietnamese ministry science technology cooperation international agreement signed meeting said secretary general member membership institute metrology conference article articles mention mentioned mentions mentioning news any there'.split(
    ' ',
  ),
);
// Frequent Vietnamese syllables, folded, so that a question typed without marks is still Vietnamese.
const VI_WORDS = new Set(
  'cua va la cac nhung duoc trong voi cho mot nay khi nao gi ai dau bao nhieu the nhu tai sao vi co khong da se dang hop tac viet nam bo khoa hoc cong nghe hoi nghi ngay thang nam nguoi ong ba nuoc quoc te vien do luong tieu chuan thanh vien chinh thuc ho tro'.split(
    ' ',
  ),
);

/** Vietnamese unless the question reads as English (no Vietnamese marks and mostly English words). */
export function detectLang(text: string): Lang {
  if (hasMarks(text)) return 'vi';
  const words = syllables(text).syllables.map(fold);
  if (words.length === 0) return 'vi';
  let en = 0;
  let vi = 0;
  for (const w of words) {
    if (EN_WORDS.has(w)) en++;
    if (VI_WORDS.has(w)) vi++;
  }
  return en > vi ? 'en' : 'vi';
}
