import { WORD_END, WORD_START } from '../text/words.js';

/** `alternatives` as one group of whole words (`\b` would see only ASCII letters: "phớt lờ", "chỉ thị"). */
const words = (alternatives: string) => `${WORD_START}(?:${alternatives})${WORD_END}`;

/** Text in a source that addresses the model rather than the reader: a planted instruction. */
const INJECTION = [
  new RegExp(
    `${words('ignore|disregard|forget')}.{0,40}${words('previous|prior|above|earlier|all|system')}.{0,30}${words('instructions?|prompts?|rules?|messages?')}`,
    'iu',
  ),
  new RegExp(words('you are now|act as|new instructions?|system prompt|developer message'), 'iu'),
  new RegExp(`${words('bỏ qua|phớt lờ|quên')}.{0,40}${words('hướng dẫn|chỉ dẫn|chỉ thị|yêu cầu|lệnh')}`, 'iu'),
  /<\/?\s*(system|instructions?|sources?)\s*>/i,
];

/** Whether a paragraph contains instructions aimed at the model (a planted prompt). */
export function looksLikeInjection(text: string): boolean {
  return INJECTION.some((re) => re.test(text));
}
