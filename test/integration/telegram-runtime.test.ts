import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KiemchungError } from '../../src/index.js';
import { launchTelegram } from '../../adapters/telegram/index.js';
import { main as deployWebhook } from '../../adapters/telegram/deploy-webhook.js';
import { TEST_TOKEN, startFakeBotApi } from '../support/telegram-api.js';
import { checkTelegramHtml } from '../support/telegram-html.js';
import { createRealEngine, privateText, recordingLogger, spyEngine } from '../support/telegram-harness.js';

let real: Awaited<ReturnType<typeof createRealEngine>>;
beforeAll(async () => {
  real = await createRealEngine();
});
afterAll(async () => {
  await real.dispose();
});

const QUESTIONS = [
  'Việt Nam ký kết gì tại Hội nghị LMC?',
  'Ai là Tổng Thư ký IEC?',
  'Tong thu ky IEC la ai?',
  'Giá vàng hôm nay bao nhiêu?',
  'IEC hỗ trợ Việt Nam đào tạo trong những lĩnh vực nào?',
];

describe('long polling, end to end', () => {
  it('starts, answers updates fed through getUpdates, and stops after finishing the answer in flight', async () => {
    const api = await startFakeBotApi();
    const rec = recordingLogger();
    const spy = spyEngine(real.engine);
    const env = { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot };
    const rt = await launchTelegram({ engine: spy.engine, env, logger: rec.logger }, { pollTimeoutSeconds: 5 });
    try {
      expect(rt.mode).toBe('polling');
      expect(api.calls.slice(0, 4).map((c) => c.method)).toEqual(['getMe', 'setMyCommands', 'setMyCommands', 'deleteWebhook']);
      const [en, vi] = api.of('setMyCommands');
      expect(en!.payload.language_code).toBeUndefined();
      expect(vi!.payload.language_code).toBe('vi');
      expect(vi!.payload.commands.map((c: { command: string }) => c.command)).toEqual(['ask', 'check', 'search', 'source', 'new', 'help']);
      expect(vi!.payload.commands[0].description).toBe('Đặt câu hỏi, nhận câu trả lời có trích dẫn');

      const asked = QUESTIONS.map((q, k) => privateText(q, { userId: 200 + k }));
      for (const u of asked) api.push(u);
      await api.waitFor(() => api.of('sendMessage').length === QUESTIONS.length);
      const poll = api.of('getUpdates')[0]!;
      expect(poll.payload.allowed_updates).toEqual(['message', 'callback_query', 'inline_query']);
      expect(poll.payload.timeout).toBe(5);

      // Each question got exactly one answer, in reply to it, valid and cited.
      const byQuestion = asked.map((u) => api.of('sendMessage').filter((c) => c.payload.reply_parameters?.message_id === u.message!.message_id));
      for (const [k, replies] of byQuestion.entries()) {
        expect(replies).toHaveLength(1);
        const reply = replies[0]!;
        expect(reply.payload.chat_id).toBe(200 + k);
        expect(checkTelegramHtml(reply.payload.text).ok).toBe(true);
      }
      const texts = byQuestion.map((r) => r[0]!.payload.text as string);
      expect(texts[0]).toContain('<code>do-luong-lmc-2023#p2</code>');
      expect(texts[1]).toContain('<code>iec-thanh-vien-2024#p');
      expect(texts[2]).toContain('Philippe Metzger');
      expect(texts[3]).toContain('Không tìm thấy thông tin này');
      expect(texts[4]).toContain('<code>iec-thanh-vien-2024#p5</code>');
      if (process.env.KIEMCHUNG_TELEGRAM_TRANSCRIPT) {
        const body = QUESTIONS.map((q, k) => `### ${q}\n\n\`\`\`html\n${texts[k]}\n\`\`\`\n`).join('\n');
        await writeFile(process.env.KIEMCHUNG_TELEGRAM_TRANSCRIPT, body);
      }

      // Stop while an answer is being worked on: it is still sent, then polling ends.
      const held = spy.hold();
      const last = privateText('Hội nghị LMC lần thứ 4 được tổ chức ở đâu?', { userId: 300 });
      const lastId = api.push(last);
      await held.started;
      const stopping = rt.stop();
      held.release();
      await stopping;
      const answers = api.of('sendMessage').filter((c) => c.payload.chat_id === 300);
      expect(answers).toHaveLength(1);
      expect(answers[0]!.payload.text).toContain('Bắc Kinh');
      // The handled updates were confirmed, so a restart does not answer them again.
      const confirm = api.calls.at(-1)!;
      expect(confirm.method).toBe('getUpdates');
      expect(confirm.payload).toMatchObject({ offset: lastId + 1, timeout: 0 });
      expect(api.confirmedOffset()).toBe(lastId + 1);
      expect(rec.lines.some((l) => l.includes('long polling stopped'))).toBe(true);
    } finally {
      await api.close();
    }
  });
});

describe('webhook mode', () => {
  it('serves the webhook without registering it, and refuses calls without the secret', async () => {
    const api = await startFakeBotApi();
    const rec = recordingLogger();
    const secret = 'webhook-secret-0123456789abcdef';
    const env = {
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
      TELEGRAM_WEBHOOK_SECRET: secret,
      TELEGRAM_WEBHOOK_PORT: '0',
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
    };
    const rt = await launchTelegram({ engine: real.engine, env, logger: rec.logger });
    try {
      expect(rt.mode).toBe('webhook');
      // Registration is the deploy command's job: a replica's start says when it is missing.
      expect(api.of('setWebhook')).toEqual([]);
      expect(api.of('setMyCommands')).toEqual([]);
      expect(rec.lines.some((l) => l.includes('run "npm run deploy:telegram" once'))).toBe(true);
      expect(api.of('getUpdates')).toEqual([]);
      expect(api.of('deleteWebhook')).toEqual([]);
      const url = `http://127.0.0.1:${rt.webhookAddress!.port}/telegram/hook`;
      const post = (body: string, headers: Record<string, string> = {}) =>
        fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }).then((r) => r.status);
      const update = JSON.stringify({ update_id: 1, ...privateText('Ai là Tổng Thư ký IEC?') });
      expect(await post(update, { 'X-Telegram-Bot-Api-Secret-Token': 'wrong-secret-0123456789abcdef' })).toBe(401);
      expect(await post(update, { 'X-Telegram-Bot-Api-Secret-Token': `${secret}x` })).toBe(401);
      expect(await post(update)).toBe(401);
      expect(await fetch(url).then((r) => r.status)).toBe(404);
      expect(
        await post(update, { 'X-Telegram-Bot-Api-Secret-Token': secret })
          .then(() => fetch(`${url}/x`, { method: 'POST' }))
          .then((r) => r.status),
      ).toBe(404);
      expect(await post('{not json', { 'X-Telegram-Bot-Api-Secret-Token': secret })).toBe(400);
      // JSON that is not an update is acknowledged and ignored; an oversized body is refused unread.
      expect(await post('{"message":{"text":"hi"}}', { 'X-Telegram-Bot-Api-Secret-Token': secret })).toBe(200);
      expect(await post(' '.repeat((1 << 20) + 1), { 'X-Telegram-Bot-Api-Secret-Token': secret })).toBe(413);
      await api.waitFor(() => api.of('sendMessage').length === 1);
      // Only the update with the right secret was answered.
      expect(api.of('sendMessage')).toHaveLength(1);
      expect(api.of('sendMessage')[0]!.payload.text).toContain('Philippe Metzger');
      expect(rec.lines.filter((l) => l.includes('refused a webhook call'))).toHaveLength(3);
      expect(rec.lines.some((l) => l.includes('ignored an update without an update_id'))).toBe(true);
      expect(rec.lines.join('\n')).not.toContain(secret);
    } finally {
      await rt.stop();
      await api.close();
    }
  });
});

describe('webhook deployment and repeated deliveries', () => {
  const secret = 'webhook-secret-0123456789abcdef';
  const envFor = (apiRoot: string) => ({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
    TELEGRAM_WEBHOOK_SECRET: secret,
    TELEGRAM_WEBHOOK_PORT: '0',
    TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
  });

  it('npm run deploy:telegram registers the webhook, its secret and the command menu once', async () => {
    const api = await startFakeBotApi();
    const rec = recordingLogger();
    try {
      expect(await deployWebhook(envFor(api.apiRoot), rec.logger)).toBe(0);
      expect(api.of('setWebhook').map((c) => c.payload)).toEqual([
        {
          url: 'https://bot.example.org/telegram/hook',
          secret_token: secret,
          allowed_updates: ['message', 'callback_query', 'inline_query'],
          max_connections: 40,
        },
      ]);
      expect(api.of('setMyCommands')).toHaveLength(2);
      // A replica started afterwards finds it registered and says nothing about it.
      const rt = await launchTelegram({ engine: real.engine, env: envFor(api.apiRoot), logger: rec.logger });
      await rt.stop();
      expect(rec.lines.some((l) => l.includes('deploy:telegram'))).toBe(false);
      expect(api.of('setWebhook')).toHaveLength(1);
      const noUrl = { ...envFor(api.apiRoot), TELEGRAM_WEBHOOK_URL: '' };
      expect(await deployWebhook(noUrl, rec.logger)).toBe(1);
      expect(rec.lines.join('\n')).not.toContain(secret);
    } finally {
      await api.close();
    }
  });

  it('answers an update delivered twice, one after the other or at once, one time', async () => {
    const api = await startFakeBotApi();
    const rec = recordingLogger();
    const spy = spyEngine(real.engine);
    const rt = await launchTelegram({ engine: spy.engine, env: envFor(api.apiRoot), logger: rec.logger });
    try {
      const url = `http://127.0.0.1:${rt.webhookAddress!.port}/telegram/hook`;
      const deliver = (id: number, text: string) =>
        fetch(url, {
          method: 'POST',
          body: JSON.stringify({ update_id: id, ...privateText(text) }),
          headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
        }).then((r) => r.status);
      expect(await deliver(501, 'Ai là Tổng Thư ký IEC?')).toBe(200);
      expect(await deliver(501, 'Ai là Tổng Thư ký IEC?')).toBe(200);
      // While one delivery is being answered, another is told to come back later (503); delivered
      // again once answered, it is acknowledged without a second answer.
      const held = spy.hold();
      const first = deliver(502, 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?');
      await held.started;
      expect(await deliver(502, 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?')).toBe(503);
      held.release();
      expect(await first).toBe(200);
      expect(await deliver(502, 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?')).toBe(200);
      expect(spy.calls.filter((c) => c.method === 'ask')).toHaveLength(2);
      await api.waitFor(() => api.of('sendMessage').length >= 2);
      expect(api.of('sendMessage')).toHaveLength(2);
      expect(rec.lines.filter((l) => l.includes('was already answered'))).toHaveLength(2);
    } finally {
      await rt.stop();
      await api.close();
    }
  });
});

describe('secrets', () => {
  it('keeps a rejected token out of the error and the logs', async () => {
    const api = await startFakeBotApi();
    const rec = recordingLogger();
    const wrong = '987654321:WRONGtoken_abcdefghijklmnopqrstuv';
    try {
      const err = await launchTelegram({ engine: real.engine, env: { TELEGRAM_BOT_TOKEN: wrong, TELEGRAM_API_ROOT: api.apiRoot }, logger: rec.logger }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(KiemchungError);
      expect((err as KiemchungError).code).toBe('config');
      expect((err as Error).message).toContain('401');
      expect(`${(err as Error).message} ${(err as Error).stack}`).not.toContain('WRONGtoken');
      expect(rec.lines.join('\n')).not.toContain('WRONGtoken');
      expect(api.of('getMe', true)[0]!.status).toBe(401);
    } finally {
      await api.close();
    }
  });

  it('keeps the token out of network errors at start and while polling', async () => {
    // A port nobody listens on: the HTTP client's error names the URL, token included.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const rec = recordingLogger();
    const env = { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` };
    const err = (await launchTelegram({ engine: real.engine, env, logger: rec.logger }).catch((e: unknown) => e)) as KiemchungError;
    expect(err.code).toBe('provider');
    expect(err.message).toMatch(/cannot reach the Bot API/);
    const secretPart = TEST_TOKEN.split(':')[1] as string;
    expect(JSON.stringify({ m: err.message, s: err.stack, c: String(err.cause) })).not.toContain(secretPart);

    // Now lose the API while polling: the failed getUpdates calls are logged, masked.
    const api = await startFakeBotApi();
    const rt = await launchTelegram({ engine: real.engine, env: { ...env, TELEGRAM_API_ROOT: api.apiRoot }, logger: rec.logger }, { pollTimeoutSeconds: 1 });
    await api.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'));
    await api.close();
    await waitUntil(() => rec.lines.some((l) => l.includes('getUpdates failed')));
    await rt.stop();
    const logs = rec.lines.join('\n');
    expect(logs).toContain('getUpdates failed');
    expect(logs).toContain('/bot***/getUpdates');
    expect(logs).not.toContain(secretPart);
  });
});

/** Resolves when `test` holds, checking on each turn of the event loop (no fixed delays). */
async function waitUntil(test: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export type { Message };
