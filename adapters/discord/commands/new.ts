import { sharedMessages } from '../../shared/messages.js';
import { langOf } from '../messages.js';
import { conversationKey } from '../question.js';
import { replyShort } from '../respond.js';
import { chatCommand } from './define.js';

/** Starts afresh: the next /ask in this channel does not build on the earlier ones. */
export const newConversation = chatCommand({
  name: { vi: 'mới', en: 'new' },
  description: {
    vi: 'Bắt đầu cuộc trò chuyện mới: câu hỏi tiếp theo không dựa vào các câu trước',
    en: 'Start a new conversation: the next question does not build on the earlier ones',
  },
  limited: false,
  async execute(i, ctx) {
    ctx.conversations?.forget(conversationKey(i));
    await replyShort(i, sharedMessages(langOf(i.locale)).newConversation);
  },
});
