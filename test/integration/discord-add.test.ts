import fs from 'node:fs';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.js';
import { createInteractionHandler } from '../../adapters/discord/handler.js';
import { announceInChannels } from '../../adapters/discord/index.js';
import { createRateLimiter } from '../../adapters/shared/rate-limit.js';
import { type Engine, createEngine, silentLogger } from '../../src/index.js';
import { copyCorpus, tempDir } from '../support/corpus.js';
import { startFakeDiscord } from '../support/discord-fake-server.js';
import { chatInput, limitViolations, recordingLogger } from '../support/discord-stand-in.js';
import { FINLAND, newPortalPage } from '../support/news-pages.js';
import { type WebServer, html, startWebServer } from '../support/web-server.js';

const EPHEMERAL = 64;
const ADMIN = '999999999999999999';
const PAGE = '/thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-197250616201306032.htm';

let web: WebServer;
let engine: Engine;
let corpus: string;

beforeAll(async () => {
  web = await startWebServer();
  web.set(PAGE, html(newPortalPage(FINLAND, '2025-06-16T20:13:00+07:00')));
  corpus = copyCorpus();
  engine = await createEngine({
    config: { corpus, indexDir: tempDir('kc-dc-add-') },
    env: { KIEMCHUNG_FETCH_ALLOW_PRIVATE: '1', KIEMCHUNG_FETCH_HOST_INTERVAL_MS: '0' },
    logger: silentLogger,
  });
});
afterAll(async () => {
  await engine?.close();
  await web?.close();
});

function setup() {
  const logger = recordingLogger();
  const config = loadDiscordConfig({ DISCORD_TOKEN: 'test-token-not-real', ADMIN_IDS: ADMIN });
  const handle = createInteractionHandler({ engine, logger, config, limiter: createRateLimiter({ limit: config.rateLimit }) });
  return { logger, run: async (s: ReturnType<typeof chatInput>) => (await handle(s.interaction), s) };
}

describe('Discord /add', () => {
  it('refuses anyone outside ADMIN_IDS, clearly and privately', async () => {
    const { run, logger } = setup();
    const files = fs.readdirSync(corpus);
    const s = await run(chatInput('add', { url: web.url(PAGE) }, { user: { id: '666666666666666666' } }));
    expect(s.methods()).toEqual(['reply']);
    expect(s.calls[0]?.payload).toMatchObject({
      content: 'Chỉ quản trị viên mới thêm được bài viết vào kho. Bạn vẫn có thể đặt câu hỏi về các bài đã lưu.',
      flags: EPHEMERAL,
    });
    expect(logger.lines.join('\n')).toContain('/add refused for user 666666666666666666');
    expect(web.hits(PAGE)).toHaveLength(0);
    expect(fs.readdirSync(corpus)).toEqual(files);
  });

  it('adds a page for an admin and shows the stored title, date and first paragraph', async () => {
    const { run } = setup();
    const none = await run(chatInput('add', { url: 'không phải đường dẫn' }, { user: { id: ADMIN } }));
    expect(none.calls[0]?.payload).toMatchObject({ content: 'Không thấy đường dẫn http:// hoặc https:// nào để thêm.', flags: EPHEMERAL });
    const s = await run(chatInput('add', { url: web.url(PAGE) }, { user: { id: ADMIN } }));
    expect(s.methods()).toEqual(['deferReply', 'editReply']);
    expect(s.calls[0]?.payload).toEqual({ flags: EPHEMERAL });
    const embed = s.calls[1]?.payload.embeds[0];
    expect(limitViolations(s.calls[1]?.payload)).toEqual([]);
    expect(embed.title).toBe('Đã thêm bài');
    expect(embed.fields[0].name).toBe(`Đã thêm bài: ${FINLAND.title}`);
    expect(embed.fields[0].value).toContain('16/06/2025 20:13 · 4 đoạn · Bộ Khoa học và Công nghệ · Minh Anh');
    expect(embed.fields[0].value).toContain('`thuc-day-hop-tac-doi-moi-sang-tao-viet-nam-phan-lan-20250616`');
    expect(embed.fields[0].value).toContain(`> ${FINLAND.lead}`);
    const again = await run(chatInput('add', { url: web.url('/khong-co.htm') }, { user: { id: ADMIN }, locale: 'en-US' }));
    const failed = again.calls[1]?.payload.embeds[0];
    expect(failed.title).toBe('Could not fetch the page');
    expect(failed.fields[0].value).toMatch(/khong-co\.htm: not found \(HTTP 404\)/);
  });

  it('announces new feed articles in DISCORD_ANNOUNCE_CHANNELS', async () => {
    const fake = await startFakeDiscord({ token: 'test-token-not-real' });
    try {
      const rest = new REST({ api: fake.api }).setToken('test-token-not-real');
      const added = (await engine.add([web.url(PAGE)])).results[0]?.article;
      expect(added).toBeDefined();
      await announceInChannels(rest, ['123456789012345678'], silentLogger, { feeds: [], added: [added as NonNullable<typeof added>], ms: 1 });
      const post = fake.rest.find((c) => c.method === 'POST' && c.path === '/api/v10/channels/123456789012345678/messages');
      expect(post?.body.allowed_mentions).toEqual({ parse: [] });
      expect(post?.body.embeds[0].title).toBe('Bài mới từ nguồn tin theo dõi');
      expect(post?.body.embeds[0].fields[0].name).toBe(FINLAND.title);
    } finally {
      await fake.close();
    }
  });
});
