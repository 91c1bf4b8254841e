import { hasWordIn } from '../retrieve/coverage.js';
import { spelledForms } from '../text/find-numbers.js';
import { fold } from '../text/normalize.js';

/**
 * Whether a number a question names is written in an article, in any of the ways Vietnamese
 * and English news write it: as digits ("2"), spelled ("hai", "mười", "two"), in Roman
 * numerals ("giai đoạn II", "thế kỷ XV"), a decade as a year in it ("thập niên 80", "những năm
 * 70" for "năm 1981", "những năm 1970"), a century as a year in it ("thế kỷ 15" for "1455").
 * A question that names a number its article lacks is refused (`answerConfidence`); a number
 * written another way is not lacking.
 */

/** Roman numerals that are also common words in lower case ("vi khuẩn", "xi măng"), or single letters: not read as numbers. */
const ROMAN_WORDS = new Set(['i', 'v', 'x', 'l', 'c', 'vi', 'xi', 'li', 'ci', 'di', 'mi']);

function roman(n: number): string {
  const parts: Array<[number, string]> = [
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  let rest = n;
  for (const [v, s] of parts)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}

/** The ways of writing `n` besides its digits, lower-cased. */
function otherForms(n: number): string[] {
  const out: string[] = [];
  if (n >= 0 && n <= 10) out.push(...spelledForms(n));
  if (n >= 2 && n <= 39) {
    const r = roman(n);
    if (!ROMAN_WORDS.has(r)) out.push(r);
  }
  return out;
}

const DECADE_BEFORE = /(?:thập niên|thập kỷ|những năm|các năm|thap nien|thap ky|nhung nam|cac nam|the|in the)\s*$/u;
const CENTURY_BEFORE = /(?:thế kỷ|thế kỉ|the ky|the ki)\s*$/u;

const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Whether `digits` (a number as the question writes it), found in the question between
 * `before` and `after`, is in the article (`lower`: the article lower-cased; `folded`: the same
 * folded). A spelled or Roman form counts with a word the question has beside the number
 * ("2 khác biệt" / "Hai khác biệt", "thứ 10" / "thứ mười", "giai đoạn 2" / "Giai đoạn II"):
 * alone, "năm" (five, and year), "ba" or "hai" are in most articles.
 */
export function numberWritten(digits: string, before: string, after: string, lower: string, folded: string): boolean {
  if (hasWordIn(lower, digits)) return true;
  if (!/^\d+$/u.test(digits)) return false;
  const n = Number(digits);
  const lead = before.toLowerCase();
  const prev = lead.match(WORD)?.pop();
  const next = after.toLowerCase().match(WORD)?.[0];
  const beside = (f: string) => [prev ? `${prev} ${f}` : '', next ? `${f} ${next}` : ''].filter(Boolean);
  for (const f of otherForms(n)) for (const phrase of beside(f)) if (hasWordIn(lower, phrase) || hasWordIn(folded, fold(phrase))) return true;
  // "thập niên 80", "những năm 70": a year of that decade.
  if (n >= 10 && n <= 90 && n % 10 === 0 && DECADE_BEFORE.test(lead)) return new RegExp(`(?<!\\d)(?:19|20)${n / 10}\\d(?!\\d)`, 'u').test(lower);
  // "thế kỷ 15": a year of that century, or the century in Roman numerals (taken above).
  if (n >= 1 && n <= 21 && CENTURY_BEFORE.test(lead)) return new RegExp(`(?<!\\d)${n - 1}\\d\\d(?!\\d)`, 'u').test(lower);
  return false;
}
