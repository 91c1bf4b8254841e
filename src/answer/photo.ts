import { fold, hasMarks, nfc } from '../text/normalize.js';
import { WORD_END, WORD_START } from '../text/words.js';

/**
 * Questions about an article's photos ("Bức ảnh thứ nhất trong bài về IEC ghi lại cảnh gì?",
 * "Theo chú thích ảnh, hai phía đã cùng nhau làm gì?"): the caption answers them, and the caption
 * shares no word with the question's photo words. Which photo: by its place when the question
 * gives one ("đầu tiên", "thứ hai", "cuối"), else the caption holding most of the question's
 * other words, else all of them.
 */
export interface PhotoQuestion {
  /** The question without its words about the photo: what the article must still match. */
  rest: string;
  /** 1 for the first photo, 2 for the second…; -1 for the last; undefined when not said. */
  ordinal?: number;
}

const ORDINALS: Record<string, number> = {
  'đầu tiên': 1,
  'thứ nhất': 1,
  'thứ 1': 1,
  'thứ hai': 2,
  'thứ 2': 2,
  'thứ ba': 3,
  'thứ 3': 3,
  'thứ tư': 4,
  'thứ 4': 4,
  'cuối cùng': -1,
  cuối: -1,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  last: -1,
};
const ORDINAL = Object.keys(ORDINALS)
  .sort((a, b) => b.length - a.length)
  .map((o) => o.replace(/ /gu, '\\s+'))
  .join('|');
const FOLDED_ORDINALS = new Map(Object.entries(ORDINALS).map(([k, v]) => [fold(k), v]));
const FOLDED_ORDINAL = [...FOLDED_ORDINALS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((o) => o.replace(/ /gu, '\\s+'))
  .join('|');

// "ảnh" alone is also "ảnh hưởng" and "anh" (brother, England) once folded: a photo is named by
// "bức/tấm ảnh", "chú thích ảnh", "ảnh chụp", "trong ảnh" or "ảnh" with its place.
const PHOTO = {
  marked: new RegExp(
    `${WORD_START}(?:(?:chú\\s+thích\\s+(?:của\\s+)?(?:ảnh|hình)|chú\\s+thích|(?:bức|tấm)\\s+(?:ảnh|hình)|ảnh\\s+chụp|trong\\s+ảnh|ảnh)(?:\\s+(?:số\\s+)?(${ORDINAL}))?|photo(?:graph)?s?|pictures?|captions?)${WORD_END}`,
    'iu',
  ),
  folded: new RegExp(
    `${WORD_START}(?:(?:chu\\s+thich\\s+(?:cua\\s+)?(?:anh|hinh)|chu\\s+thich|(?:buc|tam)\\s+(?:anh|hinh)|anh\\s+chup)(?:\\s+(?:so\\s+)?(${FOLDED_ORDINAL}))?|anh\\s+(?:so\\s+)?(${FOLDED_ORDINAL})|photo(?:graph)?s?|pictures?|captions?)${WORD_END}`,
    'iu',
  ),
};
// What a photo is said to show, and where it is ("chụp cảnh gì", "ghi lại", "trong bài"): not words the article must have.
const SHOWING = {
  marked: new RegExp(
    `${WORD_START}(?:chụp|ghi\\s+lại|cảnh|hình\\s+ảnh|thể\\s+hiện|mô\\s+tả|trong\\s+bài(?:\\s+viết)?(?:\\s+về)?|show|shows|depict|depicts|in\\s+the\\s+article(?:\\s+(?:about|on))?)${WORD_END}`,
    'giu',
  ),
  folded: new RegExp(
    `${WORD_START}(?:chup|ghi\\s+lai|canh|hinh\\s+anh|the\\s+hien|mo\\s+ta|trong\\s+bai(?:\\s+viet)?(?:\\s+ve)?|show|shows|depict|depicts|in\\s+the\\s+article(?:\\s+(?:about|on))?)${WORD_END}`,
    'giu',
  ),
};
// English places come before the noun: "the first photo".
const EN_PLACE = /(?<![\p{L}\p{N}])(first|second|third|fourth|last)\s+(?:photo|picture|caption)/iu;

/** Whether a question asks about a photo, and which. "ảnh" alone counts only with its place ("ảnh đầu tiên"). */
export function photoQuestion(question: string): PhotoQuestion | null {
  const q = nfc(question);
  const marked = hasMarks(q);
  const text = marked ? q : fold(q);
  const m = (marked ? PHOTO.marked : PHOTO.folded).exec(text);
  if (!m) return null;
  const said = m[1] ?? m[2];
  // A bare "ảnh" is a photo only with its place after it.
  if (marked && /^ảnh$/iu.test(m[0].trim()) && !said) return null;
  const place = said ?? EN_PLACE.exec(q)?.[1];
  const ordinal = place
    ? marked
      ? ORDINALS[place.toLowerCase().replace(/\s+/gu, ' ')]
      : FOLDED_ORDINALS.get(fold(place.toLowerCase()).replace(/\s+/gu, ' '))
    : undefined;
  const rest = `${q.slice(0, m.index)} ${q.slice(m.index + m[0].length)}`
    .replace(marked ? SHOWING.marked : SHOWING.folded, ' ')
    .replace(/\s{2,}/gu, ' ')
    .trim();
  return { rest, ...(ordinal !== undefined ? { ordinal } : {}) };
}

/** The caption a photo question asks about, as indices in `captions`: by its place, else by the question's words in it (`matches`), else every caption. */
export function captionsAsked(captions: readonly string[], asked: PhotoQuestion, matches: (caption: string) => number): number[] {
  if (!captions.length) return [];
  if (asked.ordinal !== undefined) {
    const i = asked.ordinal < 0 ? captions.length - 1 : asked.ordinal - 1;
    return i < captions.length ? [i] : [];
  }
  const scores = captions.map(matches);
  const best = Math.max(...scores);
  if (best > 0) return [scores.indexOf(best)];
  return captions.map((_, i) => i);
}
