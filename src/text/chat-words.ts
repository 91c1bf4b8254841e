import { hasMarks } from './normalize.js';
import { detectLang } from './lang.js';

/**
 * Short forms Vietnamese chats type for common words ("… đúng ko?", "đc không", "là j",
 * "ntn"), written out before a question or a claim is read: the rules that find a yes/no
 * question, a question word or a negation are written for the full words, and "ko" left as
 * typed is a name the articles lack. Only forms that stand for nothing else in a Vietnamese
 * question are here, in lower case ("KO", "DC" are left alone); "k" only at the end of the
 * question ("… phải k?"), where it can only be "không". A text typed without tone marks gets
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
const FORM = new RegExp(`${EDGE_BEFORE}(?:${Object.keys(FORMS).join('|')})${EDGE_AFTER}`, 'gu');
// "hông" is also the hip, "hong" the folded "hồng" (rose, pink) and "hỏng" (broken): only at the end, as "k".
const ONLY_AT_END = new Set(['hong', 'hông']);
const AT_END = /^\s*[?.!]*\s*$/u;
const FINAL_K = new RegExp(`${EDGE_BEFORE}k(?=\\s*[?.!]*\\s*$)`, 'u');

export function expandChatWords(text: string): string {
  if (!/(?<![\p{L}\p{M}\p{N}])(?:ko|hông|hong|hok|khum|đc|dc|j|ntn|vs|trc|k)(?![\p{L}\p{M}\p{N}])/u.test(text)) return text;
  if (detectLang(text) === 'en') return text;
  const marked = hasMarks(text);
  const out = text.replace(FORM, (form, at: number) => {
    if (ONLY_AT_END.has(form) && !AT_END.test(text.slice(at + form.length))) return form;
    const f = FORMS[form] as { marked: string; plain: string };
    return marked ? f.marked : f.plain;
  });
  return out.replace(FINAL_K, marked ? 'không' : 'khong');
}
