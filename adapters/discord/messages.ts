import type { Lang } from '../../src/index.js';
import { type SharedMessages, sharedMessages } from '../shared/messages.js';

/** Interface language for system messages: Vietnamese for Vietnamese clients, English otherwise. */
export function langOf(locale: string | null | undefined): Lang {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

const vi = {
  sources: 'Nguồn',
  closest: 'Bài gần nhất trong kho',
  noClosest: 'Kho chưa có bài nào gần với câu hỏi này.',
  corpus: (articles: number, paragraphs: number) => `Kho: ${articles} bài, ${paragraphs} đoạn`,
  continued: '(tiếp)',
  flagged: 'Một số câu đã bị bỏ vì không khớp với nguồn.',
  drafting: '⏳ Bản nháp: đang kiểm tra trích dẫn…',
  searchResults: (n: number) => (n === 0 ? 'Không có đoạn nào khớp.' : `${n} đoạn khớp nhất:`),
  showParagraph: 'Xem đoạn',
  clipped: (n: number) => `(Chỉ ${n} ký tự đầu của tin nhắn được kiểm chứng.)`,
  empty: 'Hãy nhập một câu hỏi có chữ.',
  tooLong: (limit: number, got: number) => `Câu hỏi quá dài (${got} ký tự). Xin rút gọn dưới ${limit} ký tự.`,
  emptyMessage: 'Tin nhắn này không có chữ để kiểm chứng.',
  emptyStatement: 'Hãy nhập một nhận định có chữ để kiểm chứng.',
  emptyQuery: 'Hãy nhập từ khóa để tìm.',
  badId: 'Mã đoạn không hợp lệ. Dạng đúng: `ma-bai#p3` (chọn trong danh sách gợi ý).',
  unknownId: 'Không có đoạn nào mang mã này trong kho.',
  badButton: 'Nút này không còn hợp lệ.',
  unknownCommand: 'Lệnh này không còn tồn tại.',
  guildNotAllowed: 'Bot chưa được bật cho máy chủ này.',
  rateLimited: (s: number) => `Bạn hỏi hơi nhanh. Hãy thử lại sau ${s} giây.`,
  closing: 'Bot đang khởi động lại. Hãy thử lại sau ít phút.',
  reindexed: 'Đã cập nhật chỉ mục',
  reindexLine: (r: { added: number; changed: number; removed: number; unchanged: number; articles: number; passages: number; ms: number }) =>
    `${r.articles} bài, ${r.passages} đoạn · thêm ${r.added}, sửa ${r.changed}, xóa ${r.removed}, giữ ${r.unchanged} · ${r.ms} ms`,
  issues: 'Bài bị bỏ qua',
};

type Messages = typeof vi & SharedMessages;

const en: typeof vi = {
  sources: 'Sources',
  closest: 'Closest articles in the archive',
  noClosest: 'No article in the archive comes close to this question.',
  corpus: (articles, paragraphs) => `Archive: ${articles} articles, ${paragraphs} paragraphs`,
  continued: '(continued)',
  flagged: 'Some sentences were removed because they did not match the sources.',
  drafting: '⏳ Draft: checking the citations…',
  searchResults: (n) => (n === 0 ? 'No paragraph matches.' : `${n} best matching paragraphs:`),
  showParagraph: 'Show paragraph',
  clipped: (n) => `(Only the first ${n} characters of the message were checked.)`,
  empty: 'Please type a question with some words in it.',
  tooLong: (limit, got) => `That question is too long (${got} characters). Please keep it under ${limit}.`,
  emptyMessage: 'This message has no text to verify.',
  emptyStatement: 'Please type a statement with some words in it to check.',
  emptyQuery: 'Please type something to search for.',
  badId: 'That is not a paragraph id. The form is `article-id#p3` (pick one from the suggestions).',
  unknownId: 'No paragraph in the archive has that id.',
  badButton: 'This button is no longer valid.',
  unknownCommand: 'This command no longer exists.',
  guildNotAllowed: 'The bot is not enabled on this server.',
  rateLimited: (s) => `You are asking a little fast. Please try again in ${s} s.`,
  closing: 'The bot is restarting. Please try again in a few minutes.',
  reindexed: 'Index updated',
  reindexLine: (r) =>
    `${r.articles} articles, ${r.passages} passages · ${r.added} added, ${r.changed} changed, ${r.removed} removed, ${r.unchanged} unchanged · ${r.ms} ms`,
  issues: 'Articles skipped',
};

const TABLES: Record<Lang, Messages> = { vi: { ...sharedMessages('vi'), ...vi }, en: { ...sharedMessages('en'), ...en } };

export function messagesFor(lang: Lang): Messages {
  return TABLES[lang === 'vi' ? 'vi' : 'en'];
}
