import http from 'node:http';
/**
 * The real discord.js client, started by `startDiscord`, against a loopback Discord (REST +
 * gateway): login, a real interaction answered through the REST callbacks, graceful stop with
 * an answer in flight, and a rejected token that never reaches the logs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../adapters/discord/index.js';
import { type Answer, type Engine, KiemchungError, createEngine, silentLogger } from '../../src/index.js';
import { type FakeDiscord, APP_ID, buttonPayload, chatInputPayload, messageCommandPayload, startFakeDiscord } from '../support/discord-fake-server.js';
import { recordingLogger } from '../support/discord-stand-in.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx7abc.fake-token-for-tests-only';

let real: Engine;
let dir: string;
let fake: FakeDiscord;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kc-discord-client-'));
  real = await createEngine({ config: { corpus: 'corpus', indexDir: dir }, logger: silentLogger });
  fake = await startFakeDiscord({ token: TOKEN });
});

afterAll(async () => {
  await fake?.close();
  await real?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('startDiscord with a real discord.js client', () => {
  it('logs in with the Guilds intent only, answers /ask through the REST callbacks, and stops after the answer in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let asked!: () => void;
    const askStarted = new Promise<void>((resolve) => (asked = resolve));
    const engine: Engine = {
      ...real,
      ask: async (q, o): Promise<Answer> => {
        if (q.includes('chậm')) {
          asked();
          await gate;
        }
        return real.ask(q, o);
      },
    };
    const logger = recordingLogger();
    const running = await startDiscord({ engine, logger, env: { DISCORD_TOKEN: TOKEN, DISCORD_REST_URL: fake.api } });
    expect(running.name).toBe('discord');
    expect(fake.identify).toHaveLength(1);
    expect(fake.identify[0].intents).toBe(1); // GatewayIntentBits.Guilds, nothing privileged

    // A normal question: deferral callback first, then the edit of @original with the embed.
    const ask = chatInputPayload('ask', [{ name: 'question', type: 3, value: 'Viện Đo lường Việt Nam đã ký kết gì tại Hội nghị LMC?' }]);
    fake.dispatch('INTERACTION_CREATE', ask);
    const edit = await fake.nextCall((c) => c.method === 'PATCH' && c.path === `/api/v10/webhooks/${APP_ID}/${ask.token}/messages/@original`);
    const deferral = fake.rest.find((c) => c.path === `/api/v10/interactions/${ask.id}/${ask.token}/callback`)!;
    expect(fake.rest.indexOf(deferral)).toBeLessThan(fake.rest.indexOf(edit));
    expect(deferral.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(edit.body.embeds[0].fields[0].value).toMatch(/`do-luong-lmc-2023#p\d+`/);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(edit.body.components[0].components[0].custom_id).toMatch(/^kc:p:do-luong-lmc-2023#p\d+$/);

    // A button press from that answer opens the paragraph privately.
    const press = buttonPayload(edit.body.components[0].components[0].custom_id);
    fake.dispatch('INTERACTION_CREATE', press);
    const shown = await fake.nextCall((c) => c.method === 'PATCH' && c.path.includes(press.token));
    expect(shown.body.embeds[0].footer.text).toMatch(/^do-luong-lmc-2023#p\d+ · đoạn \d+\/\d+/);

    // "Verify" on someone's message reads its text (discord.js's Message) and checks it privately;
    // a message that only asks is checked as the statement it asks about.
    const verify = messageCommandPayload('Verify', 'IEC sẽ hỗ trợ Việt Nam trở thành thành viên chính thức?');
    fake.dispatch('INTERACTION_CREATE', verify);
    const verified = await fake.nextCall((c) => c.method === 'PATCH' && c.path.includes(verify.token));
    expect(fake.rest.find((c) => c.path.includes(`${verify.id}/${verify.token}/callback`))!.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(verified.body.embeds[0].title).toBe('✅ Đúng với bài viết');
    expect(verified.body.embeds[0].fields[0].value).toMatch(/`iec-thanh-vien-2024#p\d+`/);

    // A slow answer is in flight when stop() is called: stop waits for it, new questions are turned away.
    const slow = chatInputPayload('ask', [{ name: 'question', type: 3, value: 'Câu hỏi chậm về IEC' }]);
    fake.dispatch('INTERACTION_CREATE', slow);
    await askStarted;
    await fake.nextCall((c) => c.path === `/api/v10/interactions/${slow.id}/${slow.token}/callback`);
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    const late = chatInputPayload('ask', [{ name: 'question', type: 3, value: 'IEC?' }]);
    fake.dispatch('INTERACTION_CREATE', late);
    const refused = await fake.nextCall((c) => c.path === `/api/v10/interactions/${late.id}/${late.token}/callback`);
    expect(refused.body).toMatchObject({ type: 4, data: { content: 'Bot đang khởi động lại. Hãy thử lại sau ít phút.', flags: 64 } });
    expect(stopped).toBe(false);
    release();
    await stopping;
    const slowAnswer = fake.rest.find((c) => c.method === 'PATCH' && c.path.includes(slow.token));
    expect(slowAnswer?.body.embeds[0].title).toBe('Câu hỏi chậm về IEC');
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
  });

  it('Discord out of reach fails the start with a provider error, not a config one, and no token', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await startDiscord({
      engine: real,
      logger: recordingLogger(),
      env: { DISCORD_TOKEN: TOKEN, DISCORD_REST_URL: `http://127.0.0.1:${port}/api` },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KiemchungError);
    expect((err as KiemchungError).code).toBe('provider');
    expect((err as Error).message).toMatch(/Discord login failed: cannot reach Discord/);
    expect((err as Error).message).not.toContain(TOKEN);
  });

  it('a rejected token fails the start with a short config error, and the token is in no log line or message', async () => {
    const logger = recordingLogger();
    const wrong = `${TOKEN}-revoked`;
    const err = await startDiscord({ engine: real, logger, env: { DISCORD_TOKEN: wrong, DISCORD_REST_URL: fake.api } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KiemchungError);
    expect((err as KiemchungError).code).toBe('config');
    expect((err as Error).message).toMatch(/Discord login failed/);
    expect(`${(err as Error).message}\n${(err as Error).stack}`).not.toContain(wrong);
    expect(logger.lines.join('\n')).not.toContain(wrong);
    expect(fake.rest.some((c) => c.path === '/api/v10/gateway/bot' && c.auth === `Bot ${wrong}`)).toBe(true);
  });
});
