/**
 * Conversations and feedback through the Telegram bot on the loopback Bot API: follow-ups in a
 * private chat and in group reply threads, /new, the time-out, and 👍/👎 pressed, stored,
 * reported, and refused when tampered with or replayed.
 */
import path from 'node:path';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, type Feedback, createFeedback } from '../../src/index.js';
import { tempDir } from '../support/corpus.js';
import { type Harness, callbackQuery, createRealEngine, groupText, privateText, startHarness } from '../support/telegram-harness.js';

let engine: Engine;
let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ engine, dispose } = await createRealEngine());
});
afterAll(() => dispose());

/** The bot's messages (as the loopback API returned them) since call number `from`. */
function sentSince(h: Harness, from: number): Message[] {
  return h.api
    .of('sendMessage')
    .slice(from)
    .map((c) => c.response.result as Message);
}

async function ask(h: Harness, update: Parameters<Harness['send']>[0]): Promise<Message[]> {
  const before = h.api.of('sendMessage').length;
  await h.send(update);
  return sentSince(h, before);
}

const textOf = (messages: Message[]) => messages.map((m) => m.text ?? '').join('\n');

describe('follow-ups in Telegram', () => {
  it('a private chat is one conversation: "Còn ngày nào?" is read against the question before, until /new', async () => {
    let now = 1_000_000;
    const h = await startHarness(engine, {}, () => now);
    try {
      const first = await ask(h, privateText('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', { userId: 501 }));
      expect(textOf(first)).toContain('Bắc Kinh');
      const follow = await ask(h, privateText('Còn ngày nào?', { userId: 501 }));
      expect(textOf(follow)).toContain('Hiểu là: Hội nghị LMC lần thứ 4 tổ chức ngày nào?');
      expect(textOf(follow)).toContain('29 tháng 8 năm 2023');
      // Another user's private chat is another conversation.
      const other = await ask(h, privateText('Còn ngày nào?', { userId: 502 }));
      expect(textOf(other)).not.toContain('Hiểu là');
      await h.send(privateText('/new', { userId: 501 }));
      expect(h.texts().at(-1)).toContain('Đã bắt đầu cuộc trò chuyện mới');
      const fresh = await ask(h, privateText('Còn ngày nào?', { userId: 501 }));
      expect(textOf(fresh)).not.toContain('Hiểu là');
      // A conversation left quiet longer than the time-out starts afresh.
      await ask(h, privateText('Ai là Tổng Thư ký IEC?', { userId: 501 }));
      now += 31 * 60_000;
      const late = await ask(h, privateText('Ông ấy nói gì về Việt Nam?', { userId: 501 }));
      expect(textOf(late)).not.toContain('Hiểu là');
    } finally {
      await h.close();
    }
  });

  it('in a group, only a reply to the bot’s answer goes on with its thread; threads do not mix', async () => {
    const h = await startHarness(engine);
    try {
      const lmc = await ask(h, groupText('/ask Hội nghị LMC lần thứ 4 tổ chức ở đâu?', { userId: 601 }));
      const iec = await ask(h, groupText('/ask Ai là Tổng Thư ký IEC?', { userId: 602 }));
      // A reply to the IEC answer: "ông ấy" is the IEC's General Secretary, whoever replies.
      const who = await ask(h, groupText('Ông ấy khẳng định sẽ hỗ trợ Việt Nam điều gì?', { userId: 603, replyTo: iec.at(-1) as Message }));
      expect(textOf(who)).toContain('Hiểu là: Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam điều gì?');
      // A reply to the LMC answer continues that thread.
      const when = await ask(h, groupText('Còn ngày nào?', { userId: 601, replyTo: lmc.at(-1) as Message }));
      expect(textOf(when)).toContain('Hiểu là: Hội nghị LMC lần thứ 4 tổ chức ngày nào?');
      // …and so does a reply to that follow-up's answer.
      const where = await ask(h, groupText('Ở đó Viện Đo lường Việt Nam ký kết gì?', { userId: 601, replyTo: when.at(-1) as Message }));
      expect(textOf(where)).toMatch(/Hiểu là: Tại Hội nghị LMC lần thứ 4/);
      // A mention without a reply starts a new thread: nothing to follow.
      const alone = await ask(h, groupText('@kiemchung_bot Còn ngày nào?', { userId: 601 }));
      expect(textOf(alone)).not.toContain('Hiểu là');
      // /new in a group explains threads.
      await h.send(groupText('/new@kiemchung_bot', { userId: 601 }));
      expect(h.texts().at(-1)).toContain('Trả lời vào câu trả lời của bot để hỏi tiếp.');
    } finally {
      await h.close();
    }
  });
});

describe('feedback in Telegram', () => {
  // How far the feedback clock runs ahead of the real one (a reply after the prompt closed).
  let later = 0;
  let feedback: Feedback;
  let h: Harness;
  beforeAll(async () => {
    feedback = createFeedback({
      settings: { file: path.join(tempDir(), 'feedback.sqlite'), windowDays: 30 },
      corpusVersion: () => engine.stats().corpusVersion ?? '',
      clock: () => new Date(Date.now() + later),
    });
    h = await startHarness(engine, {}, undefined, { feedback });
  });
  afterAll(async () => {
    await h.close();
    await feedback.close();
  });

  const keyboardOf = (m: Message) => (m.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
  const lastAnswerCallback = () => h.api.of('answerCallbackQuery').at(-1)?.payload;

  it('puts 👍/👎 under every answer, counts one vote per user, thanks, and asks why after 👎', async () => {
    const [answer] = (await ask(h, privateText('Ai là Tổng Thư ký IEC?', { userId: 701 }))).slice(-1) as Message[];
    const buttons = keyboardOf(answer as Message);
    const up = buttons.find((b) => b.text.startsWith('👍'))?.callback_data as string;
    const down = buttons.find((b) => b.text.startsWith('👎'))?.callback_data as string;
    expect(up).toMatch(/^kcf:/);
    expect(Buffer.byteLength(up)).toBeLessThanOrEqual(64);
    // The paragraph buttons are still there, before the feedback row.
    expect(buttons[0]?.callback_data).toMatch(/^s:iec-thanh-vien-2024#p\d$/);

    await h.send(callbackQuery(up, answer, { userId: 701 }));
    expect(lastAnswerCallback()).toMatchObject({ text: 'Cảm ơn bạn đã đánh giá!' });
    // The same press again (a replay) is refused.
    await h.send(callbackQuery(up, answer, { userId: 701 }));
    expect(lastAnswerCallback()).toMatchObject({ text: 'Bạn đã đánh giá câu trả lời này rồi.' });

    const before = h.api.of('sendMessage').length;
    await h.send(callbackQuery(down, answer, { userId: 701 }));
    expect(lastAnswerCallback()).toMatchObject({ text: 'Cảm ơn bạn! Biên tập viên sẽ xem lại câu trả lời này.' });
    const [prompt] = sentSince(h, before);
    expect(prompt?.text).toContain('Vì sao câu trả lời chưa đúng?');
    expect(h.api.of('sendMessage').at(-1)?.payload).toMatchObject({
      reply_markup: { force_reply: true },
      reply_parameters: { message_id: answer?.message_id },
    });

    // Sent as a plain message, the text is a question; as a reply to the prompt, it is the reason.
    const asked = h.api.of('sendMessage').length;
    await h.send(privateText('Trích đúng đoạn nhưng thiếu ngày gặp.', { userId: 701 }));
    expect(
      sentSince(h, asked)
        .map((m) => m.text ?? '')
        .join('\n'),
    ).not.toContain('góp ý');
    expect((await feedback.report()).comments).toBe(0);
    const reply = { ...privateText('Trích đúng đoạn nhưng thiếu ngày gặp.', { userId: 701 }) };
    Object.assign(reply.message as Message, { reply_to_message: prompt });
    const n = h.api.of('sendMessage').length;
    await h.send(reply);
    expect(sentSince(h, n).map((m) => m.text)).toEqual(['Cảm ơn, góp ý của bạn đã được ghi lại.']);

    const r = await feedback.report();
    expect(r).toMatchObject({ votes: 1, up: 0, down: 1, comments: 1, byPlatform: { telegram: { up: 0, down: 1 } } });
    expect(r.worst[0]).toMatchObject({ question: 'Ai là Tổng Thư ký IEC?', comments: ['Trích đúng đoạn nhưng thiếu ngày gặp.'] });
    expect(r.worst[0]?.citations[0]?.paragraphId).toMatch(/^iec-thanh-vien-2024#p\d$/);
  });

  it('refuses tampered data and data copied into another chat, and a refusal carries the buttons too', async () => {
    const messages = await ask(h, groupText('/ask Giá vàng hôm nay bao nhiêu?', { userId: 702, chatId: -100777 }));
    const refusal = messages.at(-1) as Message;
    const buttons = keyboardOf(refusal);
    expect(buttons.map((b) => b.text)).toEqual(['👍 Hữu ích', '👎 Chưa đúng']);
    const up = buttons[0]?.callback_data as string;
    const votes = (await feedback.report()).votes;
    await h.send(callbackQuery(up.replace(':u:', ':d:'), refusal, { userId: 702 }));
    expect(lastAnswerCallback()).toMatchObject({ text: 'Nút đánh giá này không hợp lệ.', show_alert: true });
    await h.send(callbackQuery(`${up.slice(0, -1)}${up.endsWith('A') ? 'B' : 'A'}`, refusal, { userId: 702 }));
    expect(lastAnswerCallback()).toMatchObject({ text: 'Nút đánh giá này không hợp lệ.' });
    const elsewhere = { ...refusal, chat: { id: -100888, type: 'supergroup' as const, title: 'Other' } };
    await h.send(callbackQuery(up, elsewhere, { userId: 702 }));
    expect(lastAnswerCallback()).toMatchObject({ text: 'Nút đánh giá này không hợp lệ.' });
    expect((await feedback.report()).votes).toBe(votes);
    await h.send(callbackQuery(up, refusal, { userId: 702 }));
    expect((await feedback.report()).votes).toBe(votes + 1);
  });

  it('in a group, the "why" prompt names the user, and only their reply is kept', async () => {
    const answer = (await ask(h, groupText('/ask Hội nghị LMC lần thứ 4 tổ chức ở đâu?', { userId: 703 }))).at(-1) as Message;
    const down = keyboardOf(answer).find((b) => b.text.startsWith('👎'))?.callback_data as string;
    const before = h.api.of('sendMessage').length;
    await h.send(callbackQuery(down, answer, { userId: 703 }));
    const prompt = sentSince(h, before)[0] as Message;
    expect(h.api.of('sendMessage').at(-1)?.payload.text).toContain('<a href="tg://user?id=703">Lan</a>');
    expect(h.api.of('sendMessage').at(-1)?.payload.reply_markup).toMatchObject({ force_reply: true, selective: true });
    // Someone else's reply to the prompt is not the reason, and is told so (not answered as a question).
    const asked = h.api.of('sendMessage').length;
    await h.send(groupText('Tôi thấy câu trả lời sai', { userId: 704, replyTo: prompt }));
    expect(h.texts().slice(asked)).toEqual(['Góp ý này chưa được ghi lại: chỉ người đã bấm 👎 mới trả lời được câu hỏi “vì sao” này.']);
    await h.send(groupText('Hội nghị lần thứ 5 chưa diễn ra, câu trả lời trích nhầm.', { userId: 703, replyTo: prompt }));
    expect(h.texts().at(-1)).toBe('Cảm ơn, góp ý của bạn đã được ghi lại.');
    const r = await feedback.report();
    const lmc = r.worst.find((w) => w.question === 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    expect(lmc?.comments).toEqual(['Hội nghị lần thứ 5 chưa diễn ra, câu trả lời trích nhầm.']);
  });

  it('a reply to the "why" prompt after its 24 hours is told it was not kept, not answered as a question', async () => {
    const answer = (await ask(h, privateText('Ai là Tổng Thư ký IEC?', { userId: 705 }))).at(-1) as Message;
    const down = keyboardOf(answer).find((b) => b.text.startsWith('👎'))?.callback_data as string;
    const before = h.api.of('sendMessage').length;
    await h.send(callbackQuery(down, answer, { userId: 705 }));
    const prompt = sentSince(h, before)[0] as Message;
    later = 25 * 3_600_000;
    try {
      const reply = privateText('Tôi thấy câu trả lời sai', { userId: 705 });
      Object.assign(reply.message as Message, { reply_to_message: prompt });
      const n = h.api.of('sendMessage').length;
      await h.send(reply);
      expect(h.texts().slice(n)).toEqual(['Góp ý này chưa được ghi lại: câu hỏi “vì sao” chỉ nhận một trả lời, trong 24 giờ sau khi bấm 👎.']);
    } finally {
      later = 0;
    }
  });
});
