import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/index.js';
import { loadTelegramConfig } from '../../adapters/telegram/config.js';
import { parseButtonData, sourceButtonData } from '../../adapters/telegram/input.js';

const TOKEN = '123456789:AAbbCCddEEffGGhhIIjjKKllMMnn';

describe('loadTelegramConfig', () => {
  it('has defaults for everything but the token', () => {
    const c = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(c).toEqual({
      token: TOKEN,
      apiRoot: 'https://api.telegram.org',
      webhook: null,
      allowedChats: null,
      adminIds: new Set(),
      announceChats: [],
      ratePerMinute: 10,
      maxConcurrentAnswers: 8,
      conversations: { timeoutMs: 30 * 60_000, maxTurns: 6, maxConversations: 20_000 },
    });
  });

  it('reads the announcement chats and refuses what is not a chat id', () => {
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ANNOUNCE_CHATS: '-1001234567890 42' }).announceChats).toEqual([-1001234567890, 42]);
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_ANNOUNCE_CHATS: '@newsroom' })).toThrow(/TELEGRAM_ANNOUNCE_CHATS/);
  });

  it('reads lists and the webhook', () => {
    const c = loadTelegramConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      TELEGRAM_ALLOWED_CHATS: '-1001234567890, 42',
      ADMIN_IDS: '7 8',
      TELEGRAM_RATE_LIMIT: '4',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook?x=1',
      TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnop_-0',
    });
    expect(c.apiRoot).toBe('http://127.0.0.1:8081');
    expect([...(c.allowedChats ?? [])]).toEqual([-1001234567890, 42]);
    expect([...c.adminIds]).toEqual([7, 8]);
    expect(c.ratePerMinute).toBe(4);
    expect(c.webhook).toEqual({ url: 'https://bot.example.org/tg/hook?x=1', secret: 'abcdefghijklmnop_-0', port: 8080, host: '0.0.0.0', path: '/tg/hook' });
  });

  it('lists every bad key at once and never echoes the token', () => {
    const badToken = 'my-secret-token-value-that-is-wrong';
    let err: unknown;
    try {
      loadTelegramConfig({
        TELEGRAM_BOT_TOKEN: badToken,
        TELEGRAM_RATE_LIMIT: '0',
        ADMIN_IDS: '12,abc',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook',
        TELEGRAM_WEBHOOK_PORT: '70000',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const keys = (err as ConfigError).issues.map((i) => i.split(':')[0]).sort();
    expect(keys).toEqual(['ADMIN_IDS', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_RATE_LIMIT', 'TELEGRAM_WEBHOOK_PORT', 'TELEGRAM_WEBHOOK_SECRET']);
    expect((err as Error).message).not.toContain(badToken);
    expect(() => loadTelegramConfig({})).toThrow(/TELEGRAM_BOT_TOKEN/);
  });
});

describe('button data', () => {
  it('opens only well-formed paragraph ids that fit in 64 bytes', () => {
    for (const bad of ['../../etc/passwd', '/etc/passwd#p1', 'a#p0', 'A#p1', 'a b#p1', `${'a'.repeat(5000)}#p1`, 'a#p1#p2', '']) {
      expect(parseButtonData(`s:${bad}`), bad).toBeNull();
    }
    expect(parseButtonData(sourceButtonData('iec-thanh-vien-2024#p6'))).toBe('iec-thanh-vien-2024#p6');
    expect(sourceButtonData(`${'a'.repeat(70)}#p1`)).toBeNull();
    expect(parseButtonData(undefined)).toBeNull();
  });
});
