import { fold } from '../text/normalize.js';

/** What kind of fact a question asks for; an answer sentence without one is weak evidence. */
export type ExpectedType = 'number' | 'date' | 'place' | 'person' | 'any';

const RULES: Array<[ExpectedType, RegExp]> = [
  ['date', /\b(khi nao|bao gio|luc nao|ngay nao|ngay bao nhieu|thang nao|nam nao|thoi gian nao|thoi diem nao|when|what date|what year|which year|which day)\b/],
  ['number', /\b(bao nhieu|may (nam|nuoc|quoc gia|thanh vien|nguoi|lan)|so luong|how many|how much|what number|ty le|phan tram|percentage)\b/],
  ['place', /\b(o dau|tai dau|noi nao|dia diem nao|thanh pho nao|nuoc nao|quoc gia nao|where|which city|which country)\b/],
  ['person', /(^|\s)(ai|nguoi nao|la ai|who|whom)(\s|\?|$)/],
];

export function expectedType(question: string): ExpectedType {
  const q = ` ${fold(question).replace(/[?!.,;:]/g, ' ').replace(/\s+/g, ' ')} `;
  // "AI" (artificial intelligence) written in capitals is not the question word "ai".
  const noAcronym = / AI /.test(` ${question.replace(/[?!.,;:]/g, ' ')} `) ? q.replace(/ ai /g, ' ') : q;
  for (const [type, re] of RULES) if (re.test(noAcronym)) return type;
  return 'any';
}

// Marked forms: folded "nam", "ba", "sau" would also match "Việt Nam", "bà", "sau đó".
const NUMBER_WORDS = /(^|[^\p{L}])(hai|bốn|sáu|bảy|tám|chín|mười|trăm|nghìn|ngàn|triệu|tỷ|tỉ|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)(?![\p{L}])/u;

/** True when the sentence holds a fact of the expected type that the question itself does not. */
export function hasExpected(type: ExpectedType, sentence: string, question: string): boolean {
  if (type === 'any') return true;
  const qDigits = new Set(question.match(/\d+/g) ?? []);
  const digitsIn = (t: string) => (t.match(/\d+/g) ?? []).some((d) => !qDigits.has(d));
  const newDigits = digitsIn(sentence);
  // A date is not an answer to "how many": drop dates before looking for a count.
  const withoutDates = sentence.replace(/\d{1,2}\/\d{1,2}(\/\d{2,4})?|(ngày|tháng|năm)\s+\d+/giu, ' ');
  const folded = fold(sentence);
  switch (type) {
    case 'number':
      return digitsIn(withoutDates) || NUMBER_WORDS.test(withoutDates.toLowerCase());
    case 'date':
      return newDigits || /\b(thang|nam|ngay)\s+\d/.test(folded);
    case 'place':
      return /\b(tai|o|den)\s+\p{Lu}/u.test(sentence.replace(/\b(Tại|Ở|Đến)\b/g, (m) => m.toLowerCase())) || /\p{Lu}\p{Ll}+\s+\p{Lu}/u.test(sentence);
    case 'person':
      return /(\p{Lu}\p{Ll}*\s+){2,}\p{Lu}\p{Ll}*/u.test(sentence) || /\b(ông|bà|Thứ trưởng|Bộ trưởng|Chủ tịch|Giám đốc|Tổng Thư ký)\b/iu.test(sentence);
  }
}
