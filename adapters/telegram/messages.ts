import type { Lang } from '../../src/index.js';
import { type SharedMessages, sharedMessages } from '../shared/messages.js';

/**
 * Every fixed sentence the Telegram bot says besides those both adapters share (see
 * `sharedMessages`), in Vietnamese and English. Plain text: callers escape what they
 * interpolate, and these strings contain no markup except where a function says so.
 */
export interface Messages extends SharedMessages {
  sources: string;
  closest: string;
  flagged: string;
  emptyAnswer: string;
  searchHeader: string;
  searchNone: string;
  noAnswerHint: string;
  askUsage: string;
  /** A message or a mention with no words in it (emoji, "@bot" alone): what the bot does, and an example. */
  noQuestion: string;
  checkUsage: string;
  checkTooLong: (limit: number, got: number) => string;
  searchUsage: string;
  sourceUsage: string;
  sourceBadId: (shownId: string) => string;
  sourceUnknown: (shownId: string) => string;
  tooLong: (limit: number, got: number) => string;
  rateLimited: (perMinute: number) => string;
  unknownCommand: string;
  textOnly: string;
  notAllowedChat: string;
  reindexBusy: string;
  reindexStarted: string;
  reindexDone: (r: { articles: number; added: number; changed: number; removed: number; issues: number; ms: number }) => string;
  buttonStale: string;
  buttonOpened: string;
  continued: string;
  /** Under an answer still being written, before its citations are checked. */
  drafting: string;
  inlineTitle: string;
  inlineRefusedTitle: string;
  inlineTooMany: string;
  /** In a group, /new explains how threads work instead of forgetting anything. */
  groupNewConversation: string;
  help: {
    intro: string;
    corpus: (articles: number, paragraphs: number, from: string, to: string) => string;
    corpusEmpty: string;
    commands: string;
    ask: string;
    check: string;
    search: string;
    source: string;
    examples: string;
    exampleQuestions: string[];
    cite: string;
    groups: (username: string) => string;
    inline: (username: string) => string;
    followUps: string;
  };
  commandList: { command: string; description: string }[];
}

const vi: Omit<Messages, keyof SharedMessages> = {
  sources: 'Nguồn',
  closest: 'Các bài gần nhất',
  flagged: 'Một số câu đã được lược bỏ vì không khớp với nguồn.',
  emptyAnswer: 'Không có câu trả lời.',
  searchHeader: 'Kết quả tìm kiếm cho',
  searchNone: 'Không tìm thấy bài nào phù hợp.',
  noAnswerHint: 'Bạn có thể thử /search với từ khoá ngắn hơn.',
  askUsage: 'Hãy gõ câu hỏi sau lệnh, ví dụ: /ask Việt Nam ký kết gì tại Hội nghị LMC?',
  noQuestion:
    'Tôi trả lời câu hỏi về tin hợp tác quốc tế của Bộ Khoa học và Công nghệ, trích nguyên văn bài viết, và kiểm chứng nhận định. Hãy gõ một câu hỏi bằng chữ, ví dụ: Việt Nam ký kết gì tại Hội nghị LMC?',
  checkUsage:
    'Hãy gõ nhận định cần kiểm chứng sau lệnh, ví dụ: /check Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Hoặc trả lời một tin nhắn bằng /check để kiểm chứng tin nhắn đó.',
  checkTooLong: (limit, got) => `Văn bản quá dài để kiểm chứng một lần (${got} ký tự). Xin gửi từng đoạn dưới ${limit} ký tự.`,
  searchUsage: 'Hãy gõ từ khoá sau lệnh, ví dụ: /search IEC',
  sourceUsage: 'Hãy gõ mã đoạn sau lệnh, ví dụ: /source do-luong-lmc-2023#p3',
  sourceBadId: (id) => `"${id}" không phải là mã đoạn. Mã đoạn có dạng mã-bài#pN, ví dụ do-luong-lmc-2023#p3.`,
  sourceUnknown: (id) => `Không có đoạn nào mang mã ${id} trong kho dữ liệu.`,
  tooLong: (limit, got) => `Câu hỏi quá dài (${got} ký tự). Xin rút gọn dưới ${limit} ký tự.`,
  rateLimited: (n) => `Bạn đang hỏi hơi nhanh: tối đa ${n} câu mỗi phút. Xin đợi một chút rồi hỏi tiếp.`,
  unknownCommand: 'Tôi không biết lệnh này. Gõ /help để xem các lệnh.',
  textOnly: 'Tôi chỉ đọc được câu hỏi bằng chữ.',
  notAllowedChat: 'Bot này chỉ phục vụ các cuộc trò chuyện đã được cho phép.',
  reindexBusy: 'Đang lập chỉ mục lại, xin đợi lần chạy hiện tại kết thúc.',
  reindexStarted: 'Đang đọc lại kho dữ liệu và cập nhật chỉ mục…',
  reindexDone: (r) => `Đã cập nhật chỉ mục: ${r.articles} bài; thêm ${r.added}, sửa ${r.changed}, xoá ${r.removed}; ${r.issues} lỗi; ${r.ms} ms.`,
  buttonStale: 'Nút này không hợp lệ hoặc đã cũ.',
  buttonOpened: 'Đã mở đoạn nguồn.',
  continued: '(còn tiếp, hỏi bot để xem đầy đủ)',
  drafting: 'Bản nháp, đang kiểm tra trích dẫn…',
  inlineTitle: 'Câu trả lời có trích dẫn',
  inlineRefusedTitle: 'Kho dữ liệu không nói về điều này',
  inlineTooMany: 'Quá nhiều yêu cầu, xin đợi một chút',
  groupNewConversation: 'Trong nhóm, mỗi câu hỏi mới (/ask hoặc nhắc tên bot) đã là một cuộc trò chuyện mới. Trả lời vào câu trả lời của bot để hỏi tiếp.',
  help: {
    intro: 'Kiểm Chứng trả lời câu hỏi về tin hợp tác quốc tế của Bộ Khoa học và Công nghệ, trích dẫn nguyên văn từng đoạn nguồn.',
    corpus: (a, p, from, to) => `Kho dữ liệu: ${a} bài, ${p} đoạn, từ ${from} đến ${to}.`,
    corpusEmpty: 'Kho dữ liệu hiện chưa có bài nào.',
    commands: 'Lệnh',
    ask: 'đặt câu hỏi (trong chat riêng, cứ gõ câu hỏi)',
    check: 'kiểm chứng một nhận định hoặc cả một tin (trả lời tin nhắn bằng /check; trong chat riêng, cứ gửi nhận định hoặc chuyển tiếp tin)',
    search: 'tìm các bài liên quan',
    source: 'xem nguyên văn một đoạn',
    examples: 'Ví dụ',
    exampleQuestions: ['Việt Nam ký kết gì tại Hội nghị LMC?', 'Ai là Tổng Thư ký IEC?'],
    cite: 'Cách trích dẫn: mỗi ý trong câu trả lời có số [n] ứng với một đoạn nguồn; hãy ghi tên bài, ngày và mã đoạn (ví dụ do-luong-lmc-2023#p3). Bấm nút dưới câu trả lời để xem cả đoạn.',
    groups: (u) => `Trong nhóm: dùng /ask, nhắc @${u}, hoặc trả lời tin nhắn của bot.`,
    inline: (u) => `Ở bất kỳ cuộc trò chuyện nào: gõ @${u} rồi câu hỏi để chia sẻ câu trả lời.`,
    followUps:
      'Hỏi tiếp được: "Còn ngày nào?", "Ông ấy nói gì?", "Tháng 6/2024 thì sao?". Bot ghi "Hiểu là: …" khi hiểu câu hỏi theo các câu trước. /new để bắt đầu lại; trong nhóm, trả lời vào câu trả lời của bot để hỏi tiếp. Bấm 👍/👎 để đánh giá câu trả lời.',
  },
  commandList: [
    { command: 'ask', description: 'Đặt câu hỏi, nhận câu trả lời có trích dẫn' },
    { command: 'check', description: 'Kiểm chứng một nhận định với các bài viết' },
    { command: 'search', description: 'Tìm các bài liên quan' },
    { command: 'source', description: 'Xem nguyên văn một đoạn theo mã' },
    { command: 'new', description: 'Bắt đầu cuộc trò chuyện mới' },
    { command: 'help', description: 'Bot biết gì và cách trích dẫn' },
  ],
};

const en: Omit<Messages, keyof SharedMessages> = {
  sources: 'Sources',
  closest: 'Closest articles',
  flagged: 'Some sentences were removed because the sources did not support them.',
  emptyAnswer: 'No answer.',
  searchHeader: 'Search results for',
  searchNone: 'No matching articles.',
  noAnswerHint: 'You can try /search with fewer words.',
  askUsage: 'Type your question after the command, e.g. /ask What did Vietnam sign at the LMC conference?',
  noQuestion:
    'I answer questions about the international-cooperation news of Vietnam’s Ministry of Science and Technology, quoting the articles word for word, and check statements against them. Type a question in words, e.g. What did Vietnam sign at the LMC conference?',
  checkUsage:
    'Type the statement to check after the command, e.g. /check The 4th LMC symposium was held in Hanoi. Or reply to a message with /check to check that message.',
  checkTooLong: (limit, got) => `That text is too long to check at once (${got} characters). Please send it in parts under ${limit}.`,
  searchUsage: 'Type keywords after the command, e.g. /search IEC',
  sourceUsage: 'Type a paragraph id after the command, e.g. /source do-luong-lmc-2023#p3',
  sourceBadId: (id) => `"${id}" is not a paragraph id. Ids look like article-id#pN, e.g. do-luong-lmc-2023#p3.`,
  sourceUnknown: (id) => `There is no paragraph ${id} in the archive.`,
  tooLong: (limit, got) => `That question is too long (${got} characters). Please keep it under ${limit}.`,
  rateLimited: (n) => `You are asking a little fast: at most ${n} questions a minute. Please wait a moment.`,
  unknownCommand: 'I do not know that command. Type /help to see what I can do.',
  textOnly: 'I can only read questions written as text.',
  notAllowedChat: 'This bot only serves chats it has been enabled for.',
  reindexBusy: 'A reindex is already running; please wait for it to finish.',
  reindexStarted: 'Re-reading the archive and updating the index…',
  reindexDone: (r) => `Index updated: ${r.articles} articles; ${r.added} added, ${r.changed} changed, ${r.removed} removed; ${r.issues} problems; ${r.ms} ms.`,
  buttonStale: 'This button is invalid or out of date.',
  buttonOpened: 'Source paragraph opened.',
  continued: '(continued: ask the bot for the full answer)',
  drafting: 'Draft, checking the citations…',
  inlineTitle: 'Answer with citations',
  inlineRefusedTitle: 'The archive does not cover this',
  inlineTooMany: 'Too many requests, please wait a moment',
  groupNewConversation: 'In a group, every new question (/ask or a mention) already starts a new conversation. Reply to one of my answers to go on with it.',
  help: {
    intro:
      "Kiem Chung answers questions about the international-cooperation news of Vietnam's Ministry of Science and Technology, quoting the source paragraphs word for word.",
    corpus: (a, p, from, to) => `Archive: ${a} articles, ${p} paragraphs, from ${from} to ${to}.`,
    corpusEmpty: 'The archive has no articles yet.',
    commands: 'Commands',
    ask: 'ask a question (in a private chat, just type it)',
    check: 'check a statement or a whole post (reply to a message with /check; in a private chat, just send the statement or forward the post)',
    search: 'find related articles',
    source: 'read one paragraph in full',
    examples: 'Examples',
    exampleQuestions: ['What did Vietnam sign at the LMC conference?', 'Who is the IEC General Secretary?'],
    cite: 'How to cite: each point of an answer carries a number [n] for one source paragraph; give the article title, its date and the paragraph id (e.g. do-luong-lmc-2023#p3). The buttons under an answer open the whole paragraph.',
    groups: (u) => `In groups: use /ask, mention @${u}, or reply to one of my messages.`,
    inline: (u) => `In any chat: type @${u} and a question to share a cited answer.`,
    followUps:
      'Follow-ups work: "when?", "what did he say?", "what about June 2024?". The bot writes "Understood as: …" when it reads a question in the light of the earlier ones. /new starts afresh; in a group, reply to one of my answers to go on. Press 👍/👎 to rate an answer.',
  },
  commandList: [
    { command: 'ask', description: 'Ask a question, get a cited answer' },
    { command: 'check', description: 'Check a statement against the articles' },
    { command: 'search', description: 'Find related articles' },
    { command: 'source', description: 'Read a paragraph in full by its id' },
    { command: 'new', description: 'Start a new conversation' },
    { command: 'help', description: 'What the bot knows and how to cite' },
  ],
};

const TABLES: Record<Lang, Messages> = { vi: { ...sharedMessages('vi'), ...vi }, en: { ...sharedMessages('en'), ...en } };

export function messages(lang: Lang): Messages {
  return TABLES[lang === 'en' ? 'en' : 'vi'];
}
