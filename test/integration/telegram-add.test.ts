import fs from 'node:fs';
import type { Message } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announce } from '../../adapters/telegram/bot.js';
import { loadTelegramConfig } from '../../adapters/telegram/config.js';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { copyCorpus, tempDir } from '../support/corpus.js';
import { KOREA, oldPortalPage } from '../support/news-pages.js';
import { checkTelegramHtml } from '../support/telegram-html.js';
import { type Harness, callbackQuery, groupText, privateText, startHarness } from '../support/telegram-harness.js';
import { TEST_TOKEN } from '../support/telegram-api.js';
import { type WebServer, html, startWebServer } from '../support/web-server.js';

const PAGE = '/vn/tin-tuc/13245/viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong.aspx';
const ADMIN = 42;

let web: WebServer;
let engine: Engine;
let corpus: string;
let h: Harness;

beforeAll(async () => {
  web = await startWebServer();
  web.set(PAGE, html(oldPortalPage(KOREA)));
  corpus = copyCorpus();
  engine = await createEngine({
    config: { corpus, indexDir: tempDir('kc-tg-add-') },
    env: { KIEMCHUNG_FETCH_ALLOW_PRIVATE: '1', KIEMCHUNG_FETCH_HOST_INTERVAL_MS: '0', KIEMCHUNG_FEEDS_DB: `${tempDir('kc-tg-feeds-')}/feeds.sqlite` },
    logger: silentLogger,
  });
});
afterAll(async () => {
  await engine?.close();
  await web?.close();
});
afterEach(async () => {
  await h?.close();
});

const files = () =>
  fs
    .readdirSync(corpus)
    .filter((f) => f.endsWith('.md'))
    .sort();

function sent() {
  const calls = h.api.of('sendMessage');
  for (const c of calls) expect(checkTelegramHtml(c.payload.text).error).toBeUndefined();
  return calls;
}

describe('adding articles from Telegram', () => {
  it('refuses /add and links from anyone outside ADMIN_IDS, clearly', async () => {
    h = await startHarness(engine, { ADMIN_IDS: String(ADMIN) });
    const before = files();
    await h.send(privateText(`/add ${web.url(PAGE)}`, { userId: 7 }));
    await h.send(privateText(web.url(PAGE), { userId: 7 }));
    await h.send(groupText(`/add@kiemchung_bot ${web.url(PAGE)}`, { userId: 7 }));
    expect(h.texts()).toEqual(Array(3).fill('Chỉ quản trị viên mới thêm được bài viết vào kho. Bạn vẫn có thể đặt câu hỏi về các bài đã lưu.'));
    expect(web.hits(PAGE)).toHaveLength(0);
    expect(files()).toEqual(before);
    expect(h.logs.some((l) => l.includes('/add refused for user 7'))).toBe(true);
  });

  it('adds a page for an admin and replies with the stored title, date and first paragraph', async () => {
    h = await startHarness(engine, { ADMIN_IDS: String(ADMIN) });
    await h.send(privateText('/add', { userId: ADMIN }));
    expect(h.texts()).toEqual(['Cách dùng: /add &lt;đường dẫn bài viết&gt; (tối đa 5 đường dẫn).']);
    await h.send(privateText(`/add ${web.url(PAGE)} ${web.url('/khong-co.htm')}`, { userId: ADMIN }));
    const texts = sent().map((c) => c.payload.text as string);
    expect(texts[1]).toBe('Đang lấy 2 bài viết…');
    const reply = texts[2] as string;
    expect(reply).toContain('<b>Đã thêm bài</b>');
    expect(reply).toContain(`<a href="${web.url(PAGE)}">${KOREA.title}</a>`);
    expect(reply).toContain('07/12/2017 09:15 · 4 đoạn · Tổng cục Tiêu chuẩn Đo lường Chất lượng');
    expect(reply).toContain('<code>viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong-20171207</code>');
    expect(reply).toContain(`<blockquote expandable>${KOREA.lead}</blockquote>`);
    expect(reply).toContain('<b>Không lấy được trang</b>');
    expect(reply).toMatch(/khong-co\.htm: không tìm thấy trang \(HTTP 404\)/);
    expect((await engine.source('viet-nam-va-han-quoc-ky-ket-hop-tac-ve-do-luong-20171207#p1'))?.text).toBe(KOREA.lead);
  });

  it('asks "Thêm bài này?" for a link an admin sends in a private chat, and adds it on the button', async () => {
    h = await startHarness(engine, { ADMIN_IDS: String(ADMIN) });
    const p = '/vn/tin-tuc/13301/hop-tac-moi.aspx';
    web.set(p, html(oldPortalPage({ ...KOREA, title: 'Hợp tác đo lường với Singapore được khởi động', canonical: web.url(p) })));
    await h.send(privateText(`${web.url(p)} `, { userId: ADMIN }));
    const ask = sent()[0];
    expect(ask?.payload.text).toBe(`Thêm bài này vào kho?\n${web.url(p)}`);
    const button = ask?.payload.reply_markup?.inline_keyboard?.[0]?.[0] as { text: string; callback_data: string };
    expect(button.text).toBe('Thêm bài');
    expect(button.callback_data).toMatch(/^a:[a-z0-9]+$/);
    expect(web.hits(p)).toHaveLength(0);
    const message = { message_id: 1, date: 0, chat: { id: ADMIN, type: 'private', first_name: 'A' }, text: 'x' } as Message;
    // Someone else pressing it (a forwarded message) is refused; the admin's press adds the article.
    await h.send(callbackQuery(button.callback_data, message, { userId: 7 }));
    expect(h.api.of('answerCallbackQuery').at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringMatching(/^Chỉ quản trị viên/) });
    await h.send(
      callbackQuery(
        button.callback_data,
        { ...message, message_id: Number((h.api.of('sendMessage')[0]?.response.result as { message_id?: number } | undefined)?.message_id) },
        { userId: ADMIN },
      ),
    );
    expect(h.api.of('answerCallbackQuery').at(-1)?.payload.text).toBe('Đang lấy bài viết…');
    expect(h.api.of('editMessageReplyMarkup')).toHaveLength(1);
    expect(h.texts().at(-1)).toContain('Hợp tác đo lường với Singapore được khởi động');
    // Pressed again: the link is gone.
    await h.send(callbackQuery(button.callback_data, message, { userId: ADMIN }));
    expect(h.api.of('answerCallbackQuery').at(-1)?.payload).toMatchObject({ show_alert: true, text: 'Nút này đã hết hạn; hãy gửi lại đường dẫn.' });
    expect(web.hits(p)).toHaveLength(1);
  });

  it('still answers a question that contains a link', async () => {
    h = await startHarness(engine, { ADMIN_IDS: String(ADMIN) });
    await h.send(privateText(`Tổng Thư ký IEC là ai? xem ${web.url('/x')}`, { userId: ADMIN }));
    // The engine's answer (here: the corpus does not say), not the add prompt.
    expect(h.texts()[0]).not.toMatch(/Thêm bài này/);
    expect(h.texts()[0]).toMatch(/Nguồn|Không tìm thấy thông tin này/);
  });

  it('announces what the feeds brought in TELEGRAM_ANNOUNCE_CHATS', async () => {
    h = await startHarness(engine, { TELEGRAM_ANNOUNCE_CHATS: '-100777' });
    const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: h.api.apiRoot, TELEGRAM_ANNOUNCE_CHATS: '-100777' });
    const added = (await engine.add([web.url(PAGE)])).results[0]?.article;
    expect(added).toBeDefined();
    await announce(h.tb, config, silentLogger, { feeds: [], added: [added as NonNullable<typeof added>], ms: 1 });
    const msg = sent().at(-1);
    expect(msg?.payload.chat_id).toBe(-100777);
    expect(msg?.payload.text).toMatch(/^<b>Bài mới từ nguồn tin theo dõi<\/b>/);
    expect(msg?.payload.text).toContain(KOREA.title);
  });
});
