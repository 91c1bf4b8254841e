/** Text in a source that addresses the model rather than the reader: a planted instruction. */
const INJECTION = [
  /\b(ignore|disregard|forget)\b.{0,40}\b(previous|prior|above|earlier|all|system)\b.{0,30}\b(instructions?|prompts?|rules?|messages?)\b/i,
  /\b(you are now|act as|new instructions?|system prompt|developer message)\b/i,
  /\b(bỏ qua|phớt lờ|quên)\b.{0,40}\b(hướng dẫn|chỉ dẫn|chỉ thị|yêu cầu|lệnh)\b/iu,
  /<\/?\s*(system|instructions?|sources?)\s*>/i,
];

/** Whether a paragraph contains instructions aimed at the model (a planted prompt). */
export function looksLikeInjection(text: string): boolean {
  return INJECTION.some((re) => re.test(text));
}

