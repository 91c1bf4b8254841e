import { fold, hasMarks, nfc } from '../text/normalize.js';
import { WORD_END, WORD_START } from '../text/words.js';

/**
 * Questions about an article's photos ("Bức ảnh thứ nhất trong bài về IEC ghi lại cảnh gì?",
 * "Theo chú thích ảnh, hai phía đã cùng nhau làm gì?"): the caption answers them, and the caption
 * shares no word with the question's photo words. Which photo: by its place when the question
 * gives one ("đầu tiên", "thứ hai", "cuối"), else the caption holding most of the question's
 * other words, else all of them (the answer quotes the first three).
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

// A place that is a time instead: "cuối tuần" (the weekend), "cuối năm".
const NOT_PLACE = '(?!\\s+(?:tuần|tháng|năm|ngày|kỳ|buổi|tuan|thang|nam|ngay|ky|buoi)(?![\\p{L}\\p{N}]))';
// "ảnh" alone is also "ảnh hưởng", and "anh" (brother, England) once folded: a photo is named by
// "bức/tấm ảnh", "chú thích (ảnh)", "ảnh chụp", "trong ảnh", or "ảnh" with its place ("ảnh đầu
// tiên"). Typed without marks only "chu thich", "buc anh/hinh", and "anh/hinh" with its place in
// a question that also says "chup" or "bai" ("tam anh" is also the name Tâm Anh, "anh thu hai" an
// elder brother).
const PHOTO = {
  marked: new RegExp(
    `${WORD_START}(?:chú\\s+thích(?:\\s+(?:của\\s+)?(?:(?:bức|tấm)\\s+)?(?:ảnh|hình))?|(?:bức|tấm)\\s+(?:ảnh|hình)|ảnh\\s+chụp|trong\\s+ảnh(?!\\s+hưởng)|ảnh(?!\\s+hưởng))(?:\\s+(?:số\\s+)?(${ORDINAL})${NOT_PLACE})?${WORD_END}`,
    'giu',
  ),
  folded: new RegExp(
    `${WORD_START}(?:chu\\s+thich(?:\\s+(?:cua\\s+)?(?:buc\\s+)?(?:anh|hinh))?|buc\\s+(?:anh|hinh)|(?:anh|hinh)(?=\\s+(?:so\\s+)?(?:${FOLDED_ORDINAL})))(?:\\s+(?:so\\s+)?(${FOLDED_ORDINAL})${NOT_PLACE})?${WORD_END}`,
    'giu',
  ),
};
const EN_PHOTO =
  /(?<![\p{L}\p{N}])(?:(first|second|third|fourth|last)\s+(?:photo(?:graph)?|picture|image|caption)|photo(?:graph)?s?|captions?)(?![\p{L}\p{N}])/iu;
// What a photo is said to show, who put it there ("người ta ghi chú thích …"), and where it is ("chụp cảnh gì", "ghi lại khung cảnh gì", "minh
// họa cho", "(trong) bài"), and its caption once the photo is named ("Ảnh đầu tiên … chú thích ghi
// gì?", "… được chú thích như thế nào?"): not words the article must have.
const SHOWING = {
  marked: new RegExp(
    `${WORD_START}(?:(?:thì\\s+)?người\\s+ta(?=\\s+(?:ghi|viết|chụp|đặt|chú)${WORD_END})|chụp|ghi\\s+lại|minh\\s+họa(?:\\s+cho)?|(?:được\\s+|ghi\\s+)?chú\\s+thích(?:\\s+(?:ảnh|hình))?(?:\\s+(?:(?:như\\s+)?thế\\s+nào|ra\\s+sao))?|(?:ghi|viết|nói)(?=\\s+(?:gì|là)${WORD_END})|(?:(?:khung|quang|toàn)\\s+)?cảnh(?!\\s+sát)|hình\\s+ảnh|thể\\s+hiện|mô\\s+tả|(?:trong\\s+)?bài(?:\\s+(?:viết|báo))?(?:\\s+về)?|in\\s+the|article|about|of\\s+the|show|shows|depict|depicts)${WORD_END}`,
    'giu',
  ),
  folded: new RegExp(
    `${WORD_START}(?:(?:thi\\s+)?nguoi\\s+ta(?=\\s+(?:ghi|viet|chup|dat|chu)${WORD_END})|chup|ghi\\s+lai|minh\\s+hoa(?:\\s+cho)?|(?:duoc\\s+|ghi\\s+)?chu\\s+thich(?:\\s+(?:anh|hinh))?(?:\\s+(?:(?:nhu\\s+)?the\\s+nao|ra\\s+sao))?|(?:ghi|viet|noi)(?=\\s+(?:gi|la)${WORD_END})|(?:(?:khung|quang|toan)\\s+)?canh(?!\\s+sat)|hinh\\s+anh|the\\s+hien|mo\\s+ta|(?:trong\\s+)?bai(?:\\s+(?:viet|bao))?(?:\\s+ve)?|in\\s+the|article|about|of\\s+the|show|shows|depict|depicts)${WORD_END}`,
    'giu',
  ),
};

/** Whether a question asks about a photo, and which. */
export function photoQuestion(question: string): PhotoQuestion | null {
  const q = nfc(question);
  const marked = hasMarks(q);
  const text = marked ? q : fold(q);
  let found: { index: number; length: number; place?: string } | undefined;
  for (const m of text.matchAll(marked ? PHOTO.marked : PHOTO.folded)) {
    // A bare "ảnh" is a photo only with its place after it, or in a question about what it shows
    // or the article it is in ("Ảnh trong bài LMC chụp gì?"); without marks, only with its place,
    // in a question about taking or printing one.
    if (
      /^(?:ảnh|anh|hinh)(?!\s+chụp)(?:\s|$)/iu.test(m[0]) &&
      (marked
        ? !m[1] && !/(?<![\p{L}\p{N}])(?:chụp|trong\s+bài|của\s+bài)(?![\p{L}\p{N}])/iu.test(text)
        : !m[1] || !/(?<![\p{L}\p{N}])(?:chup|bai)(?![\p{L}\p{N}])/u.test(text.toLowerCase()))
    )
      continue;
    found = { index: m.index, length: m[0].length, ...(m[1] ? { place: m[1] } : {}) };
    break;
  }
  if (!found) {
    const en = EN_PHOTO.exec(q);
    if (en) found = { index: en.index, length: en[0].length, ...(en[1] ? { place: en[1] } : {}) };
  }
  if (!found) return null;
  const place = found.place?.toLowerCase().replace(/\s+/gu, ' ');
  const ordinal = place === undefined ? undefined : (ORDINALS[place] ?? FOLDED_ORDINALS.get(fold(place)));
  const rest = `${q.slice(0, found.index)} ${q.slice(found.index + found.length)}`
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
