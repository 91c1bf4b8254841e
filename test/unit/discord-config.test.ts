import { describe, expect, it } from 'vitest';
import { DEFAULT_REST_URL, loadDiscordConfig } from '../../adapters/discord/config.js';
import { ConfigError } from '../../src/index.js';

const TOKEN = 'MTIzNDU2Nzg5.secret-token-value';

describe('loadDiscordConfig', () => {
  it('applies defaults', () => {
    const c = loadDiscordConfig({ DISCORD_TOKEN: TOKEN });
    expect(c).toMatchObject({ token: TOKEN, restUrl: DEFAULT_REST_URL, rateLimit: 6 });
    expect(c.allowedGuilds.size).toBe(0);
    expect(c.adminIds.size).toBe(0);
    expect(c.applicationId).toBeUndefined();
  });

  it('parses lists, coerces numbers and strips the trailing slash of the REST URL', () => {
    const c = loadDiscordConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_REST_URL: 'http://127.0.0.1:8080/api/',
      DISCORD_ALLOWED_GUILDS: '223456789012345678, 323456789012345678',
      DISCORD_RATE_LIMIT: '3',
      ADMIN_IDS: '423456789012345678 523456789012345678',
    });
    expect(c.restUrl).toBe('http://127.0.0.1:8080/api');
    expect([...c.allowedGuilds]).toEqual(['223456789012345678', '323456789012345678']);
    expect([...c.adminIds]).toEqual(['423456789012345678', '523456789012345678']);
    expect(c.rateLimit).toBe(3);
  });

  it('lists every bad key at once, never echoing the token', () => {
    const bad = 'Bot ' + TOKEN;
    try {
      loadDiscordConfig(
        { DISCORD_TOKEN: bad, DISCORD_GUILD_ID: '12', DISCORD_REST_URL: 'ftp://x', DISCORD_RATE_LIMIT: '-1', ADMIN_IDS: 'root' },
        { requireApplicationId: true },
      );
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const issues = (err as ConfigError).issues.join('\n');
      for (const key of ['DISCORD_TOKEN', 'DISCORD_GUILD_ID', 'DISCORD_REST_URL', 'DISCORD_RATE_LIMIT', 'ADMIN_IDS', 'DISCORD_APPLICATION_ID']) {
        expect(issues).toContain(key);
      }
      expect((err as Error).message).not.toContain(TOKEN);
    }
  });

  it('reads the announcement channels and refuses ids that are not Discord ids', () => {
    expect(loadDiscordConfig({ DISCORD_TOKEN: TOKEN, DISCORD_ANNOUNCE_CHANNELS: '123456789012345678, 223456789012345678' }).announceChannels).toEqual([
      '123456789012345678',
      '223456789012345678',
    ]);
    expect(loadDiscordConfig({ DISCORD_TOKEN: TOKEN }).announceChannels).toEqual([]);
    expect(() => loadDiscordConfig({ DISCORD_TOKEN: TOKEN, DISCORD_ANNOUNCE_CHANNELS: 'tin-tuc' })).toThrow(/DISCORD_ANNOUNCE_CHANNELS/);
  });

  it('says plainly that a missing token is required', () => {
    expect(() => loadDiscordConfig({})).toThrow(/DISCORD_TOKEN: is required/);
  });

  it('treats blank values as unset', () => {
    expect(() => loadDiscordConfig({ DISCORD_TOKEN: '  ' })).toThrow(ConfigError);
    expect(loadDiscordConfig({ DISCORD_TOKEN: TOKEN, DISCORD_REST_URL: '' }).restUrl).toBe(DEFAULT_REST_URL);
  });
});
