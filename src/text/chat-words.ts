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

/**
 * "bn" is "bao nhiêu" (how many) and "bạn" (you, a friend): read as "bao nhiêu" only where "bạn"
 * cannot stand, ending the question ("… phải đóng bn?") or after a verb that asks an amount ("có
 * bn nước", "mất bn tiền", "là bn"), not before "nào", "ơi", "ấy" ("có bn nào biết", "có bạn nào").
 */
const BN = new RegExp(`${EDGE_BEFORE}bn${EDGE_AFTER}`, 'gu');
const BN_AFTER =
  /(?:^|[^\p{L}\p{M}\p{N}])(?:có|co|mất|mat|là|la|đóng|dong|tốn|ton|gồm|gom|khoảng|khoang|hết|het|được|duoc|nặng|nang|dài|dai|cao|rộng|rong)\s+$/iu;
const NOT_BN_BEFORE =
  /^\s+(?:nào|nao|ơi|oi|ấy|ay|kia|đó|này|nay|bè|be|học|hoc|thân|than|mình|minh|biết|biet|nghĩ|nghi|thấy|thay|giới|gioi|hỏi|hoi|xem|đọc|doc|cho)(?![\p{L}\p{M}\p{N}])/iu;
// A particle before a closing "bn" addresses someone: "… vậy bn?", "… hả bn?" is "bạn".
const PARTICLE_BEFORE = /(?:^|[^\p{L}\p{M}\p{N}])(?:vậy|thế|hả|à|nhé|nhỉ|ơi|nha|vay|the|ha|nhe|nhi|oi)\s+$/iu;

function expandBn(text: string, marked: boolean): string {
  return text.replace(BN, (form, at: number) => {
    const before = text.slice(Math.max(0, at - 20), at);
    const after = text.slice(at + form.length, at + form.length + 40);
    const closing = AT_END.test(text.slice(at + form.length)) && !PARTICLE_BEFORE.test(before);
    const amount = closing || (BN_AFTER.test(before) && !NOT_BN_BEFORE.test(after));
    return amount ? (marked ? 'bao nhiêu' : 'bao nhieu') : form;
  });
}

/** Longer texts are no chat question: left as they are (the reading is linear per short form, and a message can be long). */
const MAX_CHAT_CHARS = 4000;

export function expandChatWords(text: string): string {
  if (text.length > MAX_CHAT_CHARS) return text;
  if (!/(?<![\p{L}\p{M}\p{N}])(?:ko|hông|hong|hok|khum|đc|dc|j|ntn|vs|trc|k|bn)(?![\p{L}\p{M}\p{N}])/u.test(text)) return text;
  if (detectLang(text) === 'en') return text;
  const marked = hasMarks(text);
  const out = expandBn(text, marked).replace(FORM, (form, at: number, whole: string) => {
    if (ONLY_WHETHER.has(form) && !(AT_END.test(whole.slice(at + form.length)) && WHETHER.test(whole.slice(0, at)))) return form;
    if (form === 'j' && NOT_J.test(whole.slice(0, at))) return form;
    const f = FORMS[form] as { marked: string; plain: string };
    return marked ? f.marked : f.plain;
  });
  const k = FINAL_K.exec(out);
  return k && WHETHER.test(out.slice(0, k.index)) ? `${out.slice(0, k.index)}${marked ? 'không' : 'khong'}${out.slice(k.index + 1)}` : out;
}
