import type { CheckRefusal, Lang, MismatchKind, SkipReason, Verdict } from '../types.js';

/**
 * How a check result is put into words, in Vietnamese and English, for every surface alike
 * (terminal, Telegram, Discord): the verdict, each kind of mismatch, "bài viết ghi / nhận
 * định ghi", why a sentence was skipped, and why nothing was checked. Markup is left to each
 * surface.
 */
export interface CheckWording {
  verdict: Record<Verdict, string>;
  /** A one-character sign for the verdict, for chat messages. */
  sign: Record<Verdict, string>;
  kind: Record<MismatchKind, string>;
  /** "bài viết ghi" / "the article says". */
  stated: string;
  /** "nhận định ghi" / "the claim says". */
  claimed: string;
  /** "Nhận định" / "Claim": the label before a checked sentence. */
  claim: string;
  skipped: string;
  skip: Record<SkipReason, string>;
  refusal: Record<CheckRefusal, string>;
  /** Said when a model's "supported" was overruled by the offline check. */
  overruled: string;
  /** Heading before the closest articles of a not-found claim. */
  closest: string;
  /** "độ tin cậy" / "confidence". */
  confidence: string;
  /** Offered in private chats under a checked statement: ask it as a question instead. */
  askInstead: string;
  /** "Kiểm chứng nhận định" / "Checked as the claim": how a yes/no question was read, before the statement checked. */
  checkedAs: string;
}

const VI: CheckWording = {
  verdict: {
    supported: 'Đúng với bài viết',
    contradicted: 'Sai so với bài viết',
    'not-found': 'Không tìm thấy trong các bài viết đã lưu',
  },
  sign: { supported: '✅', contradicted: '❌', 'not-found': '❔' },
  kind: {
    number: 'Số liệu',
    date: 'Ngày tháng',
    place: 'Địa điểm',
    person: 'Người',
    organisation: 'Tổ chức',
    negation: 'Khẳng định / phủ định',
    modality: 'Đã làm / dự định',
    quantity: 'Số lượng',
    other: 'Chi tiết',
  },
  stated: 'bài viết ghi',
  claimed: 'nhận định ghi',
  claim: 'Nhận định',
  skipped: 'Không kiểm chứng',
  skip: {
    question: 'câu hỏi',
    greeting: 'lời chào',
    opinion: 'ý kiến cá nhân',
    'no-fact': 'không có thông tin để kiểm chứng',
    'too-many': 'quá nhiều câu trong một lần',
  },
  refusal: {
    empty: 'Không có nội dung để kiểm chứng.',
    'too-long': 'Văn bản quá dài để kiểm chứng một lần. Hãy gửi từng đoạn ngắn hơn.',
    'no-claim': 'Không có nhận định nào để kiểm chứng (chỉ có câu hỏi, lời chào hoặc ý kiến).',
  },
  overruled: 'Mô hình ngôn ngữ cho là đúng, nhưng đối chiếu từng chi tiết với bài viết cho thấy có điểm sai.',
  closest: 'Các bài viết gần nhất',
  confidence: 'độ tin cậy',
  askInstead: 'Hỏi như một câu hỏi',
  checkedAs: 'Kiểm chứng nhận định',
};

const EN: CheckWording = {
  verdict: {
    supported: 'Supported by the articles',
    contradicted: 'Contradicted by the articles',
    'not-found': 'Not found in the stored articles',
  },
  sign: VI.sign,
  kind: {
    number: 'Number',
    date: 'Date',
    place: 'Place',
    person: 'Person',
    organisation: 'Organisation',
    negation: 'Affirmed / denied',
    modality: 'Done / planned',
    quantity: 'Quantity',
    other: 'Detail',
  },
  stated: 'the article says',
  claimed: 'the claim says',
  claim: 'Claim',
  skipped: 'Not checked',
  skip: {
    question: 'a question',
    greeting: 'a greeting',
    opinion: 'an opinion',
    'no-fact': 'nothing to check',
    'too-many': 'too many sentences at once',
  },
  refusal: {
    empty: 'There is nothing to check.',
    'too-long': 'The text is too long to check at once. Please send it in shorter parts.',
    'no-claim': 'There is no statement to check (only questions, greetings or opinions).',
  },
  overruled: 'The language model said supported, but comparing each detail with the article shows a mismatch.',
  closest: 'Closest articles',
  confidence: 'confidence',
  askInstead: 'Ask it as a question',
  checkedAs: 'Checked as the claim',
};

export function checkWording(lang: Lang): CheckWording {
  return lang === 'en' ? EN : VI;
}
