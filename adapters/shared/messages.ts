import { KiemchungError, type Lang } from '../../src/index.js';

type ErrorKey = 'index-missing' | 'index-mismatch' | 'index-corrupt' | 'index-locked' | 'database' | 'provider' | 'input' | 'feedback' | 'other';

/** What both chat adapters say in the same words, in Vietnamese and English. Plain text: callers escape. */
export interface SharedMessages {
  /** After a failure, by the error's code (`other` for every code without a sentence of its own). */
  error: Record<ErrorKey, string>;
  /** To anyone outside ADMIN_IDS who runs an admin command. */
  notAllowedAdmin: string;
  /** "đoạn 3": the word before a paragraph number. */
  paragraph: string;
  /** After a date that is the event's, not the publication's. */
  eventDate: string;
  /** Feedback buttons and what pressing them says. */
  feedback: {
    up: string;
    down: string;
    thanksUp: string;
    thanksDown: string;
    /** Asks for the optional "why" after a 👎. */
    askWhy: string;
    whyPlaceholder: string;
    whyTitle: string;
    whyLabel: string;
    whySaved: string;
    /** A reply to someone else's "why" prompt, and one to a prompt no longer waiting: not kept, and why. */
    whyNotYours: string;
    whyClosed: string;
    duplicate: string;
    invalid: string;
    expired: string;
  };
  /** "Start afresh": the conversation was forgotten. */
  newConversation: string;
}

const vi: SharedMessages = {
  error: {
    'index-missing': 'Kho bài chưa sẵn sàng. Hãy thử lại sau.',
    'index-mismatch': 'Kho bài đang được xây lại. Hãy thử lại sau.',
    'index-corrupt': 'Kho bài đang gặp sự cố. Quản trị viên đã được báo.',
    'index-locked': 'Kho bài đang được cập nhật. Hãy thử lại sau ít phút.',
    database: 'Kho bài tạm thời không truy cập được. Hãy thử lại sau ít phút.',
    provider: 'Dịch vụ tạo câu trả lời đang gặp sự cố. Xin thử lại sau.',
    input: 'Tôi không đọc được yêu cầu này.',
    feedback: 'Chưa ghi được đánh giá của bạn; lỗi đã được ghi lại. Xin thử lại sau.',
    other: 'Đã có lỗi xảy ra; lỗi đã được ghi lại. Xin thử lại sau.',
  },
  notAllowedAdmin: 'Bạn không có quyền dùng lệnh này.',
  paragraph: 'đoạn',
  eventDate: 'ngày sự kiện',
  feedback: {
    up: '👍 Hữu ích',
    down: '👎 Chưa đúng',
    thanksUp: 'Cảm ơn bạn đã đánh giá!',
    thanksDown: 'Cảm ơn bạn! Biên tập viên sẽ xem lại câu trả lời này.',
    askWhy: 'Vì sao câu trả lời chưa đúng? Trả lời tin nhắn này để góp ý (không bắt buộc).',
    whyPlaceholder: 'Ví dụ: trích nhầm đoạn, thiếu thông tin…',
    whyTitle: 'Góp ý cho câu trả lời',
    whyLabel: 'Vì sao chưa đúng? (không bắt buộc)',
    whySaved: 'Cảm ơn, góp ý của bạn đã được ghi lại.',
    whyNotYours: 'Góp ý này chưa được ghi lại: chỉ người đã bấm 👎 mới trả lời được câu hỏi “vì sao” này.',
    whyClosed: 'Góp ý này chưa được ghi lại: câu hỏi “vì sao” chỉ nhận một trả lời, trong 24 giờ sau khi bấm 👎.',
    duplicate: 'Bạn đã đánh giá câu trả lời này rồi.',
    invalid: 'Nút đánh giá này không hợp lệ.',
    expired: 'Câu trả lời này đã quá cũ để đánh giá.',
  },
  newConversation: 'Đã bắt đầu cuộc trò chuyện mới: câu hỏi tiếp theo không dựa vào các câu trước.',
};

const en: SharedMessages = {
  error: {
    'index-missing': 'The archive is not ready yet. Please try again later.',
    'index-mismatch': 'The archive is being rebuilt. Please try again later.',
    'index-corrupt': 'The archive has a problem; the maintainers have been told.',
    'index-locked': 'The archive is being updated. Please try again in a few minutes.',
    database: 'The archive cannot be reached right now. Please try again in a few minutes.',
    provider: 'The answering service is having trouble. Please try again later.',
    input: 'I could not read that request.',
    feedback: 'Your rating could not be saved; it has been logged. Please try again later.',
    other: 'Something went wrong; it has been logged. Please try again later.',
  },
  notAllowedAdmin: 'You are not allowed to use this command.',
  paragraph: 'paragraph',
  eventDate: 'event date',
  feedback: {
    up: '👍 Helpful',
    down: '👎 Not right',
    thanksUp: 'Thank you for rating!',
    thanksDown: 'Thank you! An editor will look at this answer.',
    askWhy: 'What was wrong with the answer? Reply to this message to tell us (optional).',
    whyPlaceholder: 'E.g. the wrong paragraph, something missing…',
    whyTitle: 'About this answer',
    whyLabel: 'What was wrong with it? (optional)',
    whySaved: 'Thank you, your note has been saved.',
    whyNotYours: 'This note was not saved: only the person who pressed 👎 can answer this “why”.',
    whyClosed: 'This note was not saved: a “why” takes one reply, within 24 hours of the 👎.',
    duplicate: 'You have already rated this answer.',
    invalid: 'This rating button is not valid.',
    expired: 'This answer is too old to be rated.',
  },
  newConversation: 'A new conversation has started: the next question does not build on the earlier ones.',
};

export function sharedMessages(lang: Lang): SharedMessages {
  return lang === 'en' ? en : vi;
}

/**
 * The short sentence a user sees when their request failed: chosen by the product error's
 * `code`, never its message (which may name files, paths or providers), never a stack trace.
 */
export function errorText(lang: Lang, err: unknown): string {
  const table = sharedMessages(lang).error;
  const code = err instanceof KiemchungError ? err.code : undefined;
  return code !== undefined && code in table ? table[code as ErrorKey] : table.other;
}
