import type { Message } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkTelegramHtml } from '../support/telegram-html.js';
import {
  type EngineSpy,
  type Harness,
  callbackQuery,
  captionedPhoto,
  createRealEngine,
  forwarded,
  groupText,
  privateText,
  spyEngine,
  startHarness,
} from '../support/telegram-harness.js';

let real: Awaited<ReturnType<typeof createRealEngine>>;
let spy: EngineSpy;
let h: Harness;

beforeAll(async () => {
  real = await createRealEngine();
});
afterAll(async () => {
  await real.dispose();
});
afterEach(async () => {
  await h?.close();
});

async function start(): Promise<Harness> {
  spy = spyEngine(real.engine);
  h = await startHarness(spy.engine);
  return h;
}

/** The sent messages, each valid Telegram HTML within the limits, as the reader sees them. */
function shown(): string[] {
  const sent = h.api.of('sendMessage');
  for (const c of sent) {
    expect(c.payload.parse_mode).toBe('HTML');
    expect(checkTelegramHtml(c.payload.text).error).toBeUndefined();
    expect(c.payload.text.length).toBeLessThanOrEqual(4096);
  }
  expect(h.api.of('sendMessage', true).filter((c) => !c.response.ok)).toEqual([]);
  return sent.map((c) => checkTelegramHtml(c.payload.text).text);
}

const CONTRADICTED = 'Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội.';

describe('/check', () => {
  it('leads with the verdict, then "bài viết ghi / nhận định ghi", then the quote, its citation and its button', async () => {
    await start();
    const u = privateText(`/check ${CONTRADICTED}`);
    await h.send(u);
    const [text] = shown();
    const lines = text!.split('\n');
    expect(lines[0]).toBe('❌ Sai so với bài viết');
    expect(lines[1]).toBe('• Địa điểm: bài viết ghi “Bắc Kinh - Trung Quốc” · nhận định ghi “Hà Nội” [1]');
    expect(text).toMatch(
      /Nguồn\n\[1\] Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực · 29\/08\/2023 \(ngày sự kiện\) · đoạn 1 · do-luong-lmc-2023#p1\nVào ngày 29 tháng 8 năm 2023, .*Bắc Kinh - Trung Quốc\./,
    );
    const m = h.api.of('sendMessage')[0]!;
    expect(m.payload.reply_parameters.message_id).toBe(u.message!.message_id);
    expect(m.payload.reply_markup.inline_keyboard).toEqual([[{ text: '[1] đoạn 1', callback_data: 's:do-luong-lmc-2023#p1' }]]);
    expect(spy.calls).toEqual([{ method: 'check', arg: CONTRADICTED }]);
  });

  it('labels the buttons of several claims with the claim’s number, as Discord does', async () => {
    await start();
    await h.send(privateText('/check Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Việt Nam đã trở thành thành viên chính thức của IEC vào tháng 6/2024.'));
    await h.send(privateText('/check Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội. Hội nghị LMC lần thứ 4 diễn ra vào ngày 29 tháng 8 năm 2023.'));
    shown();
    const labels = h.api
      .of('sendMessage')
      .map((c) =>
        (c.payload.reply_markup.inline_keyboard as { text: string; callback_data: string }[][]).flat().filter((b) => b.callback_data.startsWith('s:')),
      );
    // Each claim's quotes are numbered from [1]: the claim's number tells them apart.
    expect(labels[0]!.map((b) => b.text)).toEqual(['1·[1] đoạn 1', '2·[1] đoạn 2', '2·[2] đoạn 6']);
    // A paragraph quoted for both claims has one button naming both.
    expect(labels[1]!.map((b) => [b.text, b.callback_data])).toEqual([['1·[1] 2·[1] đoạn 1', 's:do-luong-lmc-2023#p1']]);
  });

  it('checks the replied-to message when sent as a reply, in a group too', async () => {
    await start();
    const post = groupText('Theo tin đồn, Việt Nam đã trở thành thành viên chính thức của IEC vào tháng 6/2024.', { userId: 7 }).message as Message;
    await h.send(groupText('/check', { replyTo: post }));
    const [text] = shown();
    expect(text!.split('\n')[0]).toBe('❌ Sai so với bài viết');
    expect(text).toMatch(/• Đã làm \/ dự định: bài viết ghi “(sẽ hỗ trợ Việt Nam|mong muốn)/);
    expect(spy.calls[0]).toEqual({ method: 'check', arg: 'Theo tin đồn, Việt Nam đã trở thành thành viên chính thức của IEC vào tháng 6/2024.' });
  });

  it('says how to use it when there is nothing to check', async () => {
    await start();
    await h.send(privateText('/check'));
    expect(shown()[0]).toMatch(/^Hãy gõ nhận định cần kiểm chứng sau lệnh/);
    expect(spy.calls).toEqual([]);
  });

  it('checks a yes/no question given to /check as the statement it asks about', async () => {
    await start();
    await h.send(privateText('/check Có phải Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội không?'));
    expect(shown()[0]!.split('\n')[0]).toBe('❌ Sai so với bài viết');
    // The engine reads it as its statement: one check, not a refusal and a second try.
    expect(spy.calls).toEqual([{ method: 'check', arg: 'Có phải Hội nghị LMC lần thứ 4 được tổ chức tại Hà Nội không?' }]);
  });
});

describe('private chats', () => {
  it('checks a forwarded post, every claim of it, and lists what was not checked', async () => {
    await start();
    await h.send(
      forwarded({ text: 'TIN NÓNG!\nHội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh.\nÔng Philippe Metzger là Tổng Thư ký IEC.\nBạn đã biết chưa?' }),
    );
    const [text] = shown();
    expect(text).toMatch(/^Nhận định 1: “Hội nghị LMC lần thứ 4 được tổ chức tại Bắc Kinh\.”\n✅ Đúng với bài viết/);
    expect(text).toMatch(/Nhận định 2: “Ông Philippe Metzger là Tổng Thư ký IEC\.”\n✅ Đúng với bài viết/);
    expect(text).toMatch(/Không kiểm chứng: “TIN NÓNG!” \(không có thông tin để kiểm chứng\); “Bạn đã biết chưa\?” \(câu hỏi\)/);
    // Forwarded posts get no "ask it instead" button: they were sent to be checked.
    const rows = h.api.of('sendMessage')[0]!.payload.reply_markup.inline_keyboard as { callback_data: string }[][];
    expect(rows.flat().map((b) => b.callback_data)).not.toContain('q');
  });

  it('checks a forwarded photo by its caption', async () => {
    await start();
    await h.send(forwarded({ caption: CONTRADICTED }));
    expect(shown()[0]!.split('\n')[0]).toBe('❌ Sai so với bài viết');
  });

  it('checks a plain statement rather than answering it, with a button to ask it as a question instead', async () => {
    await start();
    const u = privateText('Ông Philippe Metzger là Tổng Thư ký IEC.');
    await h.send(u);
    expect(shown()[0]!.split('\n')[0]).toBe('✅ Đúng với bài viết');
    const reply = h.api.of('sendMessage')[0]!.response.result as Message;
    const rows = reply.reply_markup!.inline_keyboard;
    expect(rows.at(-1)).toEqual([{ text: 'Hỏi như một câu hỏi', callback_data: 'q' }]);
    // Telegram sends the replied-to message along with the button's message.
    await h.send(callbackQuery('q', { ...reply, reply_to_message: u.message } as Message));
    expect(h.api.of('answerCallbackQuery')).toHaveLength(1);
    expect(spy.calls.map((c) => c.method)).toEqual(['check', 'ask']);
    expect(spy.calls[1]!.arg).toBe('Ông Philippe Metzger là Tổng Thư ký IEC.');
    const answer = h.api.of('sendMessage')[1]!;
    expect(answer.payload.reply_parameters.message_id).toBe(reply.message_id);
    expect(shown()[1]).toContain('Philippe Metzger');
    // Without the statement (too old, deleted), the button says it is stale.
    await h.send(callbackQuery('q', reply));
    expect(h.api.of('answerCallbackQuery')[1]!.payload).toMatchObject({ show_alert: true, text: 'Nút này không hợp lệ hoặc đã cũ.' });
  });

  it('still answers questions, and speaks English to English statements', async () => {
    await start();
    await h.send(privateText('Tổng Thư ký IEC là ai?'));
    await h.send(privateText('The 4th LMC symposium was held in Hanoi.', { lang: 'en' }));
    expect(spy.calls.map((c) => c.method)).toEqual(['ask', 'check']);
    const texts = shown();
    expect(texts[1]!.split('\n')).toEqual(
      expect.arrayContaining(['❌ Contradicted by the articles', '• Place: the article says “Bắc Kinh” · the claim says “Hanoi” [1]']),
    );
    expect(h.api.of('sendMessage')[1]!.payload.reply_markup.inline_keyboard.at(-1)).toEqual([{ text: 'Ask it as a question', callback_data: 'q' }]);
  });

  it('reads a photo’s caption as a text: a question, a statement, /check and /ask, and in a group /check@bot and a mention', async () => {
    await start();
    await h.send(captionedPhoto('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', { userId: 601 }));
    await h.send(captionedPhoto(CONTRADICTED, { userId: 602 }));
    await h.send(captionedPhoto(`/check ${CONTRADICTED}`, { userId: 603 }));
    await h.send(captionedPhoto('/ask Tổng Thư ký IEC là ai?', { userId: 604 }));
    await h.send(captionedPhoto(`/check@kiemchung_bot ${CONTRADICTED}`, { userId: 605, chatId: -100123 }));
    await h.send(captionedPhoto('@kiemchung_bot Tổng Thư ký IEC là ai?', { userId: 606, chatId: -100123 }));
    // Not addressed to the bot in a group: silence, as for a text.
    await h.send(captionedPhoto('Tổng Thư ký IEC là ai?', { userId: 607, chatId: -100123 }));
    await h.send(captionedPhoto(`/check@other_bot ${CONTRADICTED}`, { userId: 608, chatId: -100123 }));
    expect(spy.calls).toEqual([
      { method: 'ask', arg: 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?' },
      { method: 'check', arg: CONTRADICTED },
      { method: 'check', arg: CONTRADICTED },
      { method: 'ask', arg: 'Tổng Thư ký IEC là ai?' },
      { method: 'check', arg: CONTRADICTED },
      { method: 'ask', arg: 'Tổng Thư ký IEC là ai?' },
    ]);
    const texts = shown();
    expect(texts).toHaveLength(6);
    for (const t of texts) expect(t).not.toContain('Tôi chỉ đọc được câu hỏi bằng chữ.');
  });

  it('answers questions typed without "?" that end in a particle, or ask to be told, rather than checking them', async () => {
    await start();
    const questions = [
      'Tổng Thư ký IEC là ai vậy',
      'Hội nghị LMC lần thứ 4 tổ chức ở đâu thế',
      'Hội nghị LMC lần thứ 4 tổ chức ở đâu vậy ạ',
      'Việt Nam ký kết gì tại Hội nghị LMC ạ',
      'tong thu ky IEC la ai vay',
      'Cho tôi biết Việt Nam ký kết gì tại Hội nghị LMC',
    ];
    for (const [i, q] of questions.entries()) await h.send(privateText(q, { userId: 500 + i }));
    expect(spy.calls.map((c) => c.method)).toEqual(questions.map(() => 'ask'));
    for (const text of shown()) expect(text).not.toMatch(/Đúng với bài viết|Sai so với bài viết/);
    expect(
      h.api.of('sendMessage').flatMap((c) => (c.payload.reply_markup?.inline_keyboard ?? []).flat().map((b: { callback_data: string }) => b.callback_data)),
    ).not.toContain('q');
  });

  it('refuses an over-long text to check with the limit', async () => {
    await start();
    await h.send(privateText(`/check ${'Hội nghị diễn ra tại Bắc Kinh. '.repeat(400)}`));
    expect(shown()[0]).toMatch(/^Văn bản quá dài để kiểm chứng một lần \(\d+ ký tự\)\. Xin gửi từng đoạn dưới 10000 ký tự\.$/);
    expect(spy.calls).toEqual([]);
  });
});
