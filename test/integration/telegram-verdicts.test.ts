/**
 * Verdicts through the Telegram bot on the loopback Bot API: a yes/no question answered with the
 * claim check's verdict, 👍/👎 under it and under /check, and a follow-up read against a check.
 */
import path from 'node:path';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Feedback, createFeedback } from '../../src/index.js';
import { tempDir } from '../support/corpus.js';
import { checkTelegramHtml } from '../support/telegram-html.js';
import { type EngineSpy, type Harness, callbackQuery, createRealEngine, groupText, privateText, spyEngine, startHarness } from '../support/telegram-harness.js';

let real: Awaited<ReturnType<typeof createRealEngine>>;
let spy: EngineSpy;
let feedback: Feedback;
let h: Harness;

beforeAll(async () => {
  real = await createRealEngine();
  spy = spyEngine(real.engine);
  feedback = createFeedback({
    settings: { file: path.join(tempDir(), 'feedback.sqlite'), windowDays: 30 },
    corpusVersion: () => real.engine.stats().corpusVersion ?? '',
  });
  h = await startHarness(spy.engine, {}, undefined, { feedback });
});
afterAll(async () => {
  await h.close();
  await feedback.close();
  await real.dispose();
});

/** What one update made the bot send: each message valid Telegram HTML within the limit, as the reader sees it. */
async function exchange(update: Parameters<Harness['send']>[0]): Promise<{ texts: string[]; messages: Message[] }> {
  const before = h.api.of('sendMessage').length;
  spy.calls.length = 0;
  await h.send(update);
  const sent = h.api.of('sendMessage').slice(before);
  expect(sent.filter((c) => !c.response.ok)).toEqual([]);
  for (const c of sent) {
    expect(c.payload.parse_mode).toBe('HTML');
    expect(checkTelegramHtml(c.payload.text).error).toBeUndefined();
    expect(c.payload.text.length).toBeLessThanOrEqual(4096);
  }
  return { texts: sent.map((c) => checkTelegramHtml(c.payload.text).text), messages: sent.map((c) => c.response.result as Message) };
}

const buttonsOf = (m: Message | undefined) => (m?.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
const lastCallbackAnswer = () => h.api.of('answerCallbackQuery').at(-1)?.payload;

describe('a yes/no question in Telegram', () => {
  it('is answered with the verdict after the statement checked, the source’s words, the quote, its button and 👍/👎', async () => {
    const { texts, messages } = await exchange(privateText('Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?', { userId: 801 }));
    expect(spy.calls.map((c) => c.method)).toEqual(['ask']);
    expect(h.logs.some((l) => l.includes('a yes/no question checked: contradicted (place)'))).toBe(true);
    const lines = texts.join('\n').split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Kiểm chứng nhận định: “Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội”',
      '',
      '❌ Sai so với bài viết',
      '• Địa điểm: bài viết ghi “Bắc Kinh - Trung Quốc” · nhận định ghi “Hà Nội” [1]',
    ]);
    expect(texts.join('\n')).toMatch(
      /Nguồn\n\[1\] Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực · 29\/08\/2023 \(ngày sự kiện\) · đoạn 1 · do-luong-lmc-2023#p1\nVào ngày 29 tháng 8 năm 2023, .*Bắc Kinh - Trung Quốc\./,
    );
    const buttons = buttonsOf(messages.at(-1));
    expect(buttons[0]).toEqual({ text: '[1] đoạn 1', callback_data: 's:do-luong-lmc-2023#p1' });
    const down = buttons.find((b) => b.text.startsWith('👎'))?.callback_data;
    expect(down).toMatch(/^kcf:/);

    await h.send(callbackQuery(down as string, messages.at(-1), { userId: 801 }));
    expect(lastCallbackAnswer()).toMatchObject({ text: 'Cảm ơn bạn! Biên tập viên sẽ xem lại câu trả lời này.' });
    const rated = (await feedback.report()).worst.find((w) => w.question === 'Có phải Hội nghị LMC lần thứ 4 tổ chức tại Hà Nội không?');
    expect(rated).toMatchObject({ down: 1, refused: false });
    expect(rated?.citations[0]?.paragraphId).toBe('do-luong-lmc-2023#p1');

    // The verdict is a turn of the chat: "Vậy tổ chức ở đâu?" asks about the conference checked.
    const follow = await exchange(privateText('Vậy tổ chức ở đâu?', { userId: 801 }));
    expect(follow.texts.join('\n')).toContain('Hiểu là: Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
    expect(follow.texts.join('\n')).toContain('Bắc Kinh - Trung Quốc');
  });

  it('typed without tone marks in a group, and in English, reads the same way', async () => {
    const plain = await exchange(groupText('/ask Co phai Hoi nghi LMC lan thu 4 to chuc tai Ha Noi khong?', { userId: 802 }));
    expect(plain.texts.join('\n').split('\n').slice(0, 4)).toEqual([
      'Kiểm chứng nhận định: “Hoi nghi LMC lan thu 4 to chuc tai Ha Noi”',
      '',
      '❌ Sai so với bài viết',
      '• Địa điểm: bài viết ghi “Bắc Kinh - Trung Quốc” · nhận định ghi “Ha Noi” [1]',
    ]);
    const en = await exchange(privateText('Is it true that the 4th LMC conference was held in Beijing?', { userId: 803, lang: 'en' }));
    expect(en.texts.join('\n').split('\n').slice(0, 3)).toEqual([
      'Checked as the claim: “The 4th LMC conference was held in Beijing”',
      '',
      '✅ Supported by the articles',
    ]);
    expect(buttonsOf(en.messages.at(-1)).map((b) => b.text)).toEqual(['[1] paragraph 1', '👍 Helpful', '👎 Not right']);
  });
});

describe('/check in Telegram', () => {
  it('carries 👍/👎, and a follow-up after it reads against the statement as the articles state it', async () => {
    const { texts, messages } = await exchange(privateText('/check Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.', { userId: 804 }));
    expect(texts[0]?.split('\n')[0]).toBe('❌ Sai so với bài viết');
    const buttons = buttonsOf(messages.at(-1));
    expect(buttons.map((b) => b.text)).toEqual(['[1] đoạn 1', '👍 Hữu ích', '👎 Chưa đúng']);
    const down = buttons.find((b) => b.text.startsWith('👎'))?.callback_data as string;
    await h.send(callbackQuery(down, messages.at(-1), { userId: 804 }));
    expect(lastCallbackAnswer()).toMatchObject({ text: 'Cảm ơn bạn! Biên tập viên sẽ xem lại câu trả lời này.' });
    // A replayed press is refused, as under answers.
    await h.send(callbackQuery(down, messages.at(-1), { userId: 804 }));
    expect(lastCallbackAnswer()).toMatchObject({ text: 'Bạn đã đánh giá câu trả lời này rồi.' });
    const rated = (await feedback.report()).worst.find((w) => w.question === 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.');
    expect(rated).toMatchObject({ down: 1 });
    expect(rated?.citations.map((c) => c.paragraphId)).toEqual(['do-luong-lmc-2023#p1']);

    const when = await exchange(privateText('Còn ngày nào?', { userId: 804 }));
    expect(spy.calls.map((c) => c.method)).toEqual(['ask']);
    expect(when.texts.join('\n')).toContain('Hiểu là: Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh - Trung Quốc ngày nào?');
    expect(when.texts.join('\n')).toContain('29 tháng 8 năm 2023');
  });

  it('in a group, a reply to the check goes on with its thread', async () => {
    const checked = await exchange(groupText('/check Ông Philippe Metzger là Tổng Thư ký IEC.', { userId: 805 }));
    expect(checked.texts[0]?.split('\n')[0]).toBe('✅ Đúng với bài viết');
    const said = await exchange(groupText('Ông ấy khẳng định sẽ hỗ trợ Việt Nam điều gì?', { userId: 805, replyTo: checked.messages.at(-1) as Message }));
    expect(said.texts.join('\n')).toContain('Hiểu là: Ông Philippe Metzger khẳng định sẽ hỗ trợ Việt Nam điều gì?');
  });

  it('a text with nothing to check gets no buttons and starts no thread', async () => {
    const { texts, messages } = await exchange(privateText('/check Xin chào!', { userId: 806 }));
    expect(texts[0]).toMatch(/^Không có nhận định nào để kiểm chứng/);
    expect(buttonsOf(messages[0])).toEqual([]);
    const after = await exchange(privateText('Còn ngày nào?', { userId: 806 }));
    expect(after.texts.join('\n')).not.toContain('Hiểu là');
  });
});
