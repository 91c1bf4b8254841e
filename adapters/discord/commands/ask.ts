import { SlashCommandBuilder } from 'discord.js';
import type { ChatCommand } from '../interaction.js';
import { LIMITS } from '../embeds.js';
import { answerQuestion } from '../question.js';
import { localized } from './localize.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setNameLocalizations(localized('hỏi', 'ask'))
  .setDescription('Ask about Ministry of Science and Technology news; the answer cites its sources')
  .setDescriptionLocalizations(
    localized(
      'Hỏi về tin tức của Bộ Khoa học và Công nghệ; câu trả lời trích dẫn nguồn',
      'Ask about Ministry of Science and Technology news; the answer cites its sources',
    ),
  )
  .addStringOption((o) =>
    o
      .setName('question')
      .setNameLocalizations(localized('câu-hỏi', 'question'))
      .setDescription('Your question, in Vietnamese or English')
      .setDescriptionLocalizations(localized('Câu hỏi của bạn, bằng tiếng Việt hoặc tiếng Anh', 'Your question, in Vietnamese or English'))
      .setRequired(true)
      // Discord's own cap on an option. The engine's limit (Engine.limits.maxQuestionChars) is
      // applied when the question arrives: registered commands cannot follow its setting.
      .setMaxLength(LIMITS.optionValue),
  )
  .addBooleanOption((o) =>
    o
      .setName('public')
      .setNameLocalizations(localized('công-khai', 'public'))
      .setDescription('Show the answer to the whole channel (default: only you)')
      .setDescriptionLocalizations(
        localized('Hiện câu trả lời cho cả kênh (mặc định: chỉ mình bạn)', 'Show the answer to the whole channel (default: only you)'),
      ),
  );

export const ask: ChatCommand = {
  kind: 'chat',
  data,
  limited: true,
  async execute(i, ctx) {
    await answerQuestion(i, ctx, i.options.getString('question') ?? '', { ephemeral: i.options.getBoolean('public') !== true });
  },
};
