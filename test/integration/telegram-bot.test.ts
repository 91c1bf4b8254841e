import type { Message } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, IndexError, ProviderError } from '../../src/index.js';
import { checkTelegramHtml } from '../support/telegram-html.js';
import {
  type EngineSpy,
  type Harness,
  callbackQuery,
  createRealEngine,
  groupText,
  inlineQuery,
  privatePhoto,
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

async function start(env: Record<string, string> = {}, now?: () => number): Promise<Harness> {
  spy = spyEngine(real.engine);
  h = await startHarness(spy.engine, env, now);
  return h;
}

/** Checks what every sent message must satisfy, and returns the sendMessage calls. */
function sentMessages() {
  const sent = h.api.of('sendMessage');
  for (const c of sent) {
    expect(c.payload.parse_mode).toBe('HTML');
    const r = checkTelegramHtml(c.payload.text);
    expect(r.error).toBeUndefined();
    expect(c.payload.text.length).toBeLessThanOrEqual(4096);
  }
  // The loopback server refuses what Telegram would refuse; nothing may have been refused.
  expect(h.api.of('sendMessage', true).filter((c) => !c.response.ok)).toEqual([]);
  return sent;
}

function citedIds(text: string): string[] {
  return [...text.matchAll(/<code>([a-z0-9._-]+#p\d+)<\/code>/g)].map((m) => m[1] as string);
}

async function expectRealCitations(engine: Engine, html: string) {
  const ids = citedIds(html);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) {
    const p = await engine.source(id);
    expect(p, id).not.toBeNull();
    // The quote under the citation is verbatim from that paragraph.
    const quote = new RegExp(`<code>${id.replace(/[#.]/g, '\\$&')}</code>\\n<blockquote expandable>([^<]*)</blockquote>`).exec(html)?.[1];
    expect(quote, id).toBeDefined();
    expect(checkTelegramHtml(p!.text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)).text).toContain(
      checkTelegramHtml(quote!).text,
    );
  }
  return ids;
}

describe('private chats', () => {
  it('answers /help with what the archive holds, as a reply', async () => {
    await start();
    const u = privateText('/help');
    await h.send(u);
    const [m] = sentMessages();
    expect(m!.payload.chat_id).toBe(111);
    expect(m!.payload.reply_parameters.message_id).toBe(u.message!.message_id);
    expect(m!.payload.text).toContain('Kho dữ liệu: 2 bài, 17 đoạn, từ 29/08/2023 đến 05/06/2024.');
    expect(m!.payload.text).toContain('@kiemchung_bot');
    await h.send(privateText('/start', { lang: 'en' }));
    expect(h.texts()[1]).toContain('Archive: 2 articles, 17 paragraphs, from 29 Aug 2023 to 5 Jun 2024.');
  });

  it('answers any text as a question: typing first, then the cited answer with buttons', async () => {
    await start();
    const u = privateText('Việt Nam ký kết gì tại Hội nghị LMC?');
    await h.send(u);
    const methods = h.api.calls.map((c) => c.method);
    expect(methods).toEqual(['sendChatAction', 'sendMessage']);
    expect(h.api.calls[0]!.payload).toMatchObject({ chat_id: 111, action: 'typing' });
    const [m] = sentMessages();
    expect(m!.payload.reply_parameters).toEqual({ message_id: u.message!.message_id, allow_sending_without_reply: true });
    const text = m!.payload.text as string;
    expect(text).toMatch(/\[1\]/);
    expect(text).toContain('<b>Nguồn</b>\n[1] <b>Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực</b> · 29/08/2023 (ngày sự kiện) · đoạn 2');
    const ids = await expectRealCitations(real.engine, text);
    expect(ids).toContain('do-luong-lmc-2023#p2');
    const buttons = (m!.payload.reply_markup.inline_keyboard as { text: string; callback_data: string }[][]).flat();
    expect(buttons.map((b) => b.callback_data)).toEqual(ids.map((id) => `s:${id}`));
    expect(spy.calls).toEqual([{ method: 'ask', arg: 'Việt Nam ký kết gì tại Hội nghị LMC?' }]);
  });

  it('shows the short direct answer first, in bold, with the marker of its quote', async () => {
    await start();
    await h.send(privateText('Ai là Tổng Thư ký IEC?'));
    const [m] = sentMessages();
    const text = m!.payload.text as string;
    expect(text.startsWith('<b>ông Philippe Metzger</b> [1]\nTheo các bài viết đã lưu:')).toBe(true);
    await expectRealCitations(real.engine, text);
    // A question that asks for no fact: no bold line on top.
    await h.send(privateText('Đo lường được coi là yếu tố quan trọng trong việc gì?'));
    expect((sentMessages()[1]!.payload.text as string).startsWith('Theo các bài viết đã lưu:')).toBe(true);
  });

  it('understands a question typed without tone marks', async () => {
    await start();
    await h.send(privateText('Tong thu ky IEC la ai?'));
    const [m] = sentMessages();
    expect(m!.payload.text).toContain('Philippe Metzger');
    const ids = await expectRealCitations(real.engine, m!.payload.text);
    expect(ids.every((id) => id.startsWith('iec-thanh-vien-2024#'))).toBe(true);
  });

  it('says plainly when the archive does not answer, and lists the closest articles', async () => {
    await start();
    await h.send(privateText('Giá vàng hôm nay bao nhiêu?'));
    const [m] = sentMessages();
    const text = m!.payload.text as string;
    expect(text).toContain('Không tìm thấy thông tin này trong các bài viết đã lưu.');
    expect(text).toContain('<b>Các bài gần nhất</b>');
    expect(text).toContain('<code>do-luong-lmc-2023</code>');
    expect(text).toContain('<code>iec-thanh-vien-2024</code>');
    expect(m!.payload.reply_markup).toBeUndefined();
  });

  it('escapes corpus text: KH&CN in a quote arrives as an entity', async () => {
    await start();
    await h.send(privateText('Ai là Tổng Thư ký IEC?'));
    const [m] = sentMessages();
    expect(m!.payload.text).toContain('Bộ KH&amp;CN');
    expect(checkTelegramHtml(m!.payload.text).text).toContain('Bộ KH&CN');
  });

  it('opens a cited paragraph in full when its button is pressed', async () => {
    await start();
    await h.send(privateText('Việt Nam ký kết gì tại Hội nghị LMC?'));
    const answer = h.api.of('sendMessage')[0]!.response.result as Message;
    const data = (answer.reply_markup!.inline_keyboard[0]![0] as { callback_data: string }).callback_data;
    await h.send(callbackQuery(data, answer));
    expect(h.api.of('answerCallbackQuery')).toHaveLength(1);
    const [, m] = sentMessages();
    expect(m!.payload.reply_parameters.message_id).toBe(answer.message_id);
    const p = await real.engine.source(data.slice(2));
    expect(checkTelegramHtml(m!.payload.text).text).toContain(p!.text);
    expect(m!.payload.text).toContain(`đoạn ${p!.paragraphNumber}/${p!.paragraphCount}`);
  });

  it('refuses tampered button data without reading anything', async () => {
    await start();
    await h.send(privateText('Việt Nam ký kết gì tại Hội nghị LMC?'));
    const answer = h.api.of('sendMessage')[0]!.response.result as Message;
    for (const data of ['s:../../etc/passwd', 'x', `s:${'a'.repeat(60)}`, 's:do-luong-lmc-2023#p2 ', 'reindex', 's:/etc/passwd#p1']) {
      await h.send(callbackQuery(data, answer));
    }
    const acks = h.api.of('answerCallbackQuery');
    expect(acks).toHaveLength(6);
    for (const a of acks) expect(a.payload).toMatchObject({ text: 'Nút này không hợp lệ hoặc đã cũ.', show_alert: true });
    expect(spy.calls.filter((c) => c.method !== 'ask')).toEqual([]);
    // A well-formed id for a paragraph that does not exist is looked up, and not found.
    await h.send(callbackQuery('s:do-luong-lmc-2023#p99', answer));
    expect(h.api.of('answerCallbackQuery')[6]!.payload.show_alert).toBe(true);
    expect(h.texts()).toHaveLength(1);
  });
});

describe('/source and /search', () => {
  it('shows a paragraph, and refuses paths, oversized and unknown ids with a short reply', async () => {
    await start();
    await h.send(privateText('/source do-luong-lmc-2023#p3'));
    expect(h.texts()[0]).toContain('<b>Việt Nam cam kết tăng cường hợp tác đo lường trong khu vực</b> · 29/08/2023');
    expect(h.texts()[0]).toContain('<code>do-luong-lmc-2023#p3</code>');
    await h.send(privateText('/source ../../etc/passwd'));
    await h.send(privateText(`/source ${'a'.repeat(5000)}`));
    await h.send(privateText(`/source do-luong-lmc-2023#p${'9'.repeat(4000)}`));
    await h.send(privateText('/source'));
    await h.send(privateText('/source do-luong-lmc-2023#p99'));
    const [, path, long, longNumber, empty, unknown] = h.texts();
    expect(path).toBe('&quot;../../etc/passwd&quot; không phải là mã đoạn. Mã đoạn có dạng mã-bài#pN, ví dụ do-luong-lmc-2023#p3.');
    expect(long!.length).toBeLessThan(200);
    expect(long).toContain(`${'a'.repeat(47)}…`);
    expect(longNumber!.length).toBeLessThan(200);
    expect(empty).toContain('Hãy gõ mã đoạn sau lệnh');
    expect(unknown).toBe('Không có đoạn nào mang mã do-luong-lmc-2023#p99 trong kho dữ liệu.');
    // Only the well-formed ids reached the engine.
    expect(spy.calls).toEqual([
      { method: 'source', arg: 'do-luong-lmc-2023#p3' },
      { method: 'source', arg: 'do-luong-lmc-2023#p99' },
    ]);
    sentMessages();
  });

  it('lists the top articles with dates for /search', async () => {
    await start();
    await h.send(privateText('/search IEC thành viên'));
    const [m] = sentMessages();
    const text = m!.payload.text as string;
    expect(text).toMatch(
      /^<b>Kết quả tìm kiếm cho<\/b> “IEC thành viên”\n\n1\. <b>Hỗ trợ để Việt Nam sớm trở thành thành viên chính thức của IEC<\/b> · 05\/06\/2024/,
    );
    expect(text.match(/<code>iec-thanh-vien-2024#p\d+<\/code>/g)).toHaveLength(1);
  });
});

describe('hostile input', () => {
  it('answers empty, invisible and oversized questions with a short hint, without asking the engine', async () => {
    await start();
    await h.send(privateText('/ask'));
    await h.send(privateText('/ask    '));
    await h.send(privateText(' \u200b\u200f\u202e\u2066 \u0007 '));
    await h.send(privateText('x'.repeat(10_001)));
    await h.send(privateText(`${'Tổng Thư ký IEC là ai? '.repeat(500)}`));
    const texts = h.texts();
    expect(texts.slice(0, 2).every((t) => t.startsWith('Hãy gõ câu hỏi sau lệnh'))).toBe(true);
    // Invisible characters alone used no command: the bot says what it does instead.
    expect(texts[2]).toMatch(/^Tôi trả lời câu hỏi về tin hợp tác quốc tế/);
    expect(texts[3]).toBe('Câu hỏi quá dài (10001 ký tự). Xin rút gọn dưới 2000 ký tự.');
    expect(texts[4]).toMatch(/^Câu hỏi quá dài \(11499 ký tự\)/);
    expect(spy.calls).toEqual([]);
    sentMessages();
  });

  it('accepts what the engine accepts: its limit, not a setting of its own', async () => {
    spy = spyEngine({ ...real.engine, limits: { maxQuestionChars: 100, maxCheckChars: 10_000 } });
    h = await startHarness(spy.engine);
    await h.send(privateText(`Tổng Thư ký IEC là ai? ${'x'.repeat(90)}`));
    await h.send(privateText('/search IEC '.padEnd(120, 'x')));
    expect(h.texts()).toEqual(['Câu hỏi quá dài (113 ký tự). Xin rút gọn dưới 100 ký tự.', 'Câu hỏi quá dài (112 ký tự). Xin rút gọn dưới 100 ký tự.']);
    expect(spy.calls).toEqual([]);
  });

  it('strips zero-width, right-to-left and control characters before asking', async () => {
    await start();
    await h.send(privateText('Tổng\u200b Thư\u200d ký\u200f IEC\u202e\u0000 là ai?\u2069'));
    expect(spy.calls).toEqual([{ method: 'ask', arg: 'Tổng Thư ký IEC là ai?' }]);
    expect(h.texts()[0]).toContain('Philippe Metzger');
  });

  it('treats HTML and Markdown in questions as text', async () => {
    await start();
    const injections = [
      '<b>IEC</b> là gì? <script>alert(1)</script> <a href="tg://user?id=1">x</a>',
      '*Tổng Thư ký* _IEC_ là `ai`? [bấm](https://evil.example) ||spoiler||',
      '&lt;i&gt; IEC &amp; LMC &#60;/b&#62; </blockquote> <pre>',
    ];
    for (const q of injections) await h.send(privateText(q));
    const sent = sentMessages();
    expect(sent).toHaveLength(3);
    for (const c of sent) {
      const tags = checkTelegramHtml(c.payload.text).tags;
      expect(tags.every((t) => ['b', 'i', 'code', 'blockquote'].includes(t))).toBe(true);
      expect(c.payload.text).not.toMatch(/<script|<a |<pre>|tg:\/\/|href="https:\/\/evil/);
    }
    expect(spy.calls.map((c) => c.arg)).toEqual(injections);
  });

  it('answers unknown commands in private chats and ignores them in groups unless addressed', async () => {
    await start();
    await h.send(privateText('/foo bar'));
    await h.send(groupText('/foo bar'));
    await h.send(groupText('/ask@other_bot Tổng Thư ký IEC là ai?'));
    await h.send(groupText('/foo@kiemchung_bot'));
    expect(h.texts()).toEqual(['Tôi không biết lệnh này. Gõ /help để xem các lệnh.', 'Tôi không biết lệnh này. Gõ /help để xem các lệnh.']);
    expect(h.api.of('sendMessage').map((c) => c.payload.chat_id)).toEqual([111, -100123]);
    expect(spy.calls).toEqual([]);
  });

  it('tells a message without words, which used no command, what the bot does, with an example; /ask alone how to use /ask', async () => {
    await start();
    const noQuestion =
      'Tôi trả lời câu hỏi về tin hợp tác quốc tế của Bộ Khoa học và Công nghệ, trích nguyên văn bài viết, và kiểm chứng nhận định. Hãy gõ một câu hỏi bằng chữ, ví dụ: Việt Nam ký kết gì tại Hội nghị LMC?';
    await h.send(privateText('👍🙂', { userId: 801 }));
    await h.send(groupText('@kiemchung_bot', { userId: 802 }));
    await h.send(groupText('/ask', { userId: 803 }));
    expect(h.texts()).toEqual([noQuestion, noQuestion, 'Hãy gõ câu hỏi sau lệnh, ví dụ: /ask Việt Nam ký kết gì tại Hội nghị LMC?']);
    expect(spy.calls).toEqual([]);
  });

  it('tells a private chat it reads text only, and stays silent about photos in groups', async () => {
    await start();
    await h.send(privatePhoto());
    expect(h.texts()).toEqual(['Tôi chỉ đọc được câu hỏi bằng chữ.']);
  });
});

describe('groups', () => {
  it('stays silent unless asked with /ask, mentioned, or replied to', async () => {
    await start();
    await h.send(groupText('Tổng Thư ký IEC là ai?'));
    await h.send(groupText('@someone_else Tổng Thư ký IEC là ai?'));
    expect(h.api.calls).toEqual([]);

    await h.send(groupText('/ask Tổng Thư ký IEC là ai?'));
    await h.send(groupText('/ask@kiemchung_bot Hội nghị LMC tổ chức ở đâu?'));
    await h.send(groupText('@kiemchung_bot Việt Nam ký kết gì tại Hội nghị LMC?'));
    const botMessage = h.api.of('sendMessage')[0]!.response.result as Message;
    await h.send(groupText('Còn IEC hỗ trợ Việt Nam những gì?', { replyTo: botMessage }));
    // A reply to someone else's message is not addressed to the bot.
    await h.send(groupText('đồng ý', { replyTo: { ...botMessage, from: { id: 7, is_bot: false, first_name: 'An' } } as Message }));
    expect(spy.calls.map((c) => c.arg)).toEqual([
      'Tổng Thư ký IEC là ai?',
      'Hội nghị LMC tổ chức ở đâu?',
      'Việt Nam ký kết gì tại Hội nghị LMC?',
      'Còn IEC hỗ trợ Việt Nam những gì?',
    ]);
    const sent = sentMessages();
    expect(sent).toHaveLength(4);
    for (const c of sent) expect(c.payload.chat_id).toBe(-100123);
  });
});

describe('manners', () => {
  it('limits each user per minute with one polite message, while others are served', async () => {
    let clock = 1_000_000;
    await start({ TELEGRAM_RATE_LIMIT: '3' }, () => clock);
    const questions = [
      'Tổng Thư ký IEC là ai?',
      'Ai là Tổng Thư ký IEC?',
      'Việt Nam ký kết gì tại Hội nghị LMC?',
      'IEC hỗ trợ Việt Nam gì?',
      'LMC là gì?',
      'BRI là gì?',
    ];
    for (const q of questions) await h.send(privateText(q, { userId: 1 }));
    await h.send(privateText('Hội nghị LMC tổ chức ở đâu?', { userId: 2 }));
    const to = (id: number) =>
      h.api
        .of('sendMessage')
        .filter((c) => c.payload.chat_id === id)
        .map((c) => c.payload.text as string);
    const polite = 'Bạn đang hỏi hơi nhanh: tối đa 3 câu mỗi phút. Xin đợi một chút rồi hỏi tiếp.';
    expect(to(1).filter((t) => t === polite)).toHaveLength(1);
    expect(to(1).filter((t) => t !== polite)).toHaveLength(3);
    expect(spy.calls.map((c) => c.arg).slice(0, 3)).toEqual(questions.slice(0, 3));
    expect(to(2)).toHaveLength(1);
    expect(to(2)[0]).toContain('<b>Nguồn</b>');
    expect(spy.calls.filter((c) => c.method === 'ask')).toHaveLength(4);
    clock += 60_001;
    await h.send(privateText('Tổng Thư ký IEC là ai?', { userId: 1 }));
    expect(to(1).at(-1)).toContain('<b>Nguồn</b>');
  });

  it('lets only ADMIN_IDS run /reindex', async () => {
    await start({ ADMIN_IDS: '42, 43' });
    await h.send(privateText('/reindex', { userId: 111 }));
    expect(h.texts()).toEqual(['Bạn không có quyền dùng lệnh này.']);
    expect(spy.calls).toEqual([]);
    await h.send(privateText('/reindex', { userId: 42 }));
    expect(spy.calls).toEqual([{ method: 'reindex', arg: '' }]);
    const [, started, done] = h.texts();
    expect(started).toBe('Đang đọc lại kho dữ liệu và cập nhật chỉ mục…');
    expect(done).toMatch(/^Đã cập nhật chỉ mục: 2 bài; thêm 0, sửa 0, xoá 0; 0 lỗi; \d+ ms\.$/);
  });

  it('serves only allow-listed chats', async () => {
    await start({ TELEGRAM_ALLOWED_CHATS: '-100123,555', ADMIN_IDS: '42' });
    await h.send(privateText('Tổng Thư ký IEC là ai?', { userId: 111 }));
    await h.send(privateText('Tổng Thư ký IEC là ai?', { userId: 111 }));
    await h.send(groupText('/ask Tổng Thư ký IEC là ai?', { chatId: -100999 }));
    await h.send(inlineQuery('Tổng Thư ký IEC là ai?', { userId: 111 }));
    expect(spy.calls).toEqual([]);
    expect(h.texts()).toEqual(['Bot này chỉ phục vụ các cuộc trò chuyện đã được cho phép.']);
    expect(h.api.of('answerInlineQuery')[0]!.payload.results).toEqual([]);
    await h.send(groupText('/ask Tổng Thư ký IEC là ai?', { chatId: -100123 }));
    await h.send(privateText('Hội nghị LMC tổ chức ở đâu?', { userId: 555 }));
    await h.send(privateText('Việt Nam ký kết gì tại Hội nghị LMC?', { userId: 42 }));
    expect(spy.calls).toHaveLength(3);
  });

  it('retries a sendMessage answered with 429 and retry_after', async () => {
    await start();
    h.api.failNext('sendMessage', {
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } },
    });
    await h.send(privateText('Tổng Thư ký IEC là ai?'));
    const attempts = h.api.of('sendMessage', true);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.payload).toEqual(attempts[0]!.payload);
  });

  it('tells the user something short, chosen by the error, and logs the rest', async () => {
    await start();
    spy.failNext('ask', new ProviderError('openai', 'upstream 502', { cause: new Error('socket hang up') }));
    await h.send(privateText('Tổng Thư ký IEC là ai?'));
    spy.failNext('ask', new IndexError('index-missing', 'no index in /var/x'));
    await h.send(privateText('Tổng Thư ký IEC là ai?', { lang: 'en' }));
    spy.failNext('source', new TypeError("Cannot read properties of undefined (reading 'x')"));
    await h.send(privateText('/source do-luong-lmc-2023#p1'));
    expect(h.texts()).toEqual([
      'Dịch vụ tạo câu trả lời đang gặp sự cố. Xin thử lại sau.',
      'The archive is not ready yet. Please try again later.',
      'Đã có lỗi xảy ra; lỗi đã được ghi lại. Xin thử lại sau.',
    ]);
    expect(h.logs.filter((l) => l.startsWith('error'))).toHaveLength(3);
    expect(h.logs.join('\n')).toContain('socket hang up');
    expect(h.logs.join('\n')).toContain('TypeError');
  });

  it('reports a message Telegram refuses to the user in plain words', async () => {
    await start();
    h.api.failNext('sendMessage', { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: can't parse entities" } });
    await h.send(privateText('/help'));
    expect(h.texts()).toEqual(['Đã có lỗi xảy ra; lỗi đã được ghi lại. Xin thử lại sau.']);
    expect(h.logs.some((l) => l.includes("can't parse entities"))).toBe(true);
  });
});

describe('inline mode', () => {
  it('offers the cited answer as one result ready to send', async () => {
    await start();
    await h.send(inlineQuery('Tổng Thư ký IEC là ai?'));
    await h.send(inlineQuery('ab'));
    await h.send(inlineQuery('Giá vàng hôm nay bao nhiêu?'));
    const [full, short, refused] = h.api.of('answerInlineQuery');
    expect(full!.payload.results).toHaveLength(1);
    const r = full!.payload.results[0];
    expect(r).toMatchObject({ type: 'article', title: 'Câu trả lời có trích dẫn', input_message_content: { parse_mode: 'HTML' } });
    await expectRealCitations(real.engine, r.input_message_content.message_text);
    expect(r.id.length).toBeLessThanOrEqual(64);
    expect(short!.payload.results).toEqual([]);
    expect(refused!.payload.results[0].title).toBe('Kho dữ liệu không nói về điều này');
    expect(spy.calls.map((c) => c.arg)).toEqual(['Tổng Thư ký IEC là ai?', 'Giá vàng hôm nay bao nhiêu?']);
  });
});
