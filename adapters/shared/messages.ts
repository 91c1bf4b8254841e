import { KiemchungError, type Lang } from '../../src/index.js';

type ErrorKey = 'index-missing' | 'index-mismatch' | 'index-corrupt' | 'index-locked' | 'provider' | 'input' | 'other';

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
}

const vi: SharedMessages = {
  error: {
    'index-missing': 'Kho bài chưa sẵn sàng. Hãy thử lại sau.',
    'index-mismatch': 'Kho bài đang được xây lại. Hãy thử lại sau.',
    'index-corrupt': 'Kho bài đang gặp sự cố. Quản trị viên đã được báo.',
    'index-locked': 'Kho bài đang được cập nhật. Hãy thử lại sau ít phút.',
    provider: 'Dịch vụ tạo câu trả lời đang gặp sự cố. Xin thử lại sau.',
    input: 'Tôi không đọc được yêu cầu này.',
    other: 'Đã có lỗi xảy ra; lỗi đã được ghi lại. Xin thử lại sau.',
  },
  notAllowedAdmin: 'Bạn không có quyền dùng lệnh này.',
  paragraph: 'đoạn',
  eventDate: 'ngày sự kiện',
};

const en: SharedMessages = {
  error: {
    'index-missing': 'The archive is not ready yet. Please try again later.',
    'index-mismatch': 'The archive is being rebuilt. Please try again later.',
    'index-corrupt': 'The archive has a problem; the maintainers have been told.',
    'index-locked': 'The archive is being updated. Please try again in a few minutes.',
    provider: 'The answering service is having trouble. Please try again later.',
    input: 'I could not read that request.',
    other: 'Something went wrong; it has been logged. Please try again later.',
  },
  notAllowedAdmin: 'You are not allowed to use this command.',
  paragraph: 'paragraph',
  eventDate: 'event date',
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
