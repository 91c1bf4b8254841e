import { hasMarks } from './normalize.js';
import { detectLang } from './lang.js';

/**
 * Short forms Vietnamese chats type for common words ("… đúng ko?", "đc không", "là j",
 * "ntn"), written out before a question or a claim is read: the rules that find a yes/no
 * question, a question word or a negation are written for the full words, and "ko" left as
 * typed is a name the articles lack. Only forms that stand for nothing else in a Vietnamese
 * question are here, in lower case ("KO", "DC" are left alone); "k" and "hông" only at the end of
 * a question that asks whether ("… phải k?", "Bộ có ký hông"), where they can only be "không". A
 * text typed without tone marks gets
 * the words without them ("dung ko" → "dung khong"), so that it is still read as unmarked.
 * English texts are left as they are.
 */
const FORMS: Record<string, { marked: string; plain: string }> = {
  ko: { marked: 'không', plain: 'khong' },
  hông: { marked: 'không', plain: 'khong' },
  hong: { marked: 'không', plain: 'khong' },
  hok: { marked: 'không', plain: 'khong' },
  khum: { marked: 'không', plain: 'khong' },
  đc: { marked: 'được', plain: 'duoc' },
  dc: { marked: 'được', plain: 'duoc' },
  j: { marked: 'gì', plain: 'gi' },
  ntn: { marked: 'như thế nào', plain: 'nhu the nao' },
  vs: { marked: 'với', plain: 'voi' },
  trc: { marked: 'trước', plain: 'truoc' },
};

// A short form as a whole word: not joined to letters, digits, "&" ("kh&cn") or a dotted name ("dc.gov").
const EDGE_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}&.])';
const EDGE_AFTER = '(?![\\p{L}\\p{M}\\p{N}&]|\\.[\\p{L}\\p{N}])';
// "j" is also a letter that numbers points of a law ("Điểm j khoản 1") and a vitamin.
const FORM = new RegExp(`${EDGE_BEFORE}(?:${Object.keys(FORMS).join('|')})${EDGE_AFTER}`, 'gu');
const NOT_J = /(?:điểm|mục|khoản|tiết|phần|hạng|vitamin|diem|muc|khoan|tiet|phan|hang)\s+$/iu;
// The particles a chat may end with after the question's last word ("đúng k ạ?", "phải hông vậy?").
const END = '(?:\\s+(?:ạ|vậy|nhỉ|nha|nhé|thế|hả|à|a|vay|nhi|nhe|the|ha))*\\s*[?.!]*\\s*$';
const AT_END = new RegExp(`^${END}`, 'u');
// "hông" is also the hip ("đau ở hông?"), "hong" the folded "hồng" (rose, pink) and "hỏng" (broken),
// "k" a thousand: only at the end of a question that asks whether ("có", "đúng", "phải" …), as "không".
const ONLY_WHETHER = new Set(['hong', 'hông']);
const WHETHER = /(?<![\p{L}\p{M}\p{N}])(?:có|đúng|phải|được|đã|chưa|co|dung|phai|duoc|da|chua)(?![\p{L}\p{M}\p{N}])/iu;
const FINAL_K = new RegExp(`${EDGE_BEFORE}k(?=${END})`, 'u');

export function expandChatWords(text: string): string {
  if (!/(?<![\p{L}\p{M}\p{N}])(?:ko|hông|hong|hok|khum|đc|dc|j|ntn|vs|trc|k)(?![\p{L}\p{M}\p{N}])/u.test(text)) return text;
  if (detectLang(text) === 'en') return text;
  const marked = hasMarks(text);
  const out = text.replace(FORM, (form, at: number) => {
    if (ONLY_WHETHER.has(form) && !(AT_END.test(text.slice(at + form.length)) && WHETHER.test(text.slice(0, at)))) return form;
    if (form === 'j' && NOT_J.test(text.slice(0, at))) return form;
    const f = FORMS[form] as { marked: string; plain: string };
    return marked ? f.marked : f.plain;
  });
  const k = FINAL_K.exec(out);
  return k && WHETHER.test(out.slice(0, k.index)) ? `${out.slice(0, k.index)}${marked ? 'không' : 'khong'}${out.slice(k.index + 1)}` : out;
}
