import { spawn } from 'node:child_process';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployCommands, main } from '../../adapters/discord/deploy-commands.js';
import { recordingLogger } from '../support/discord-stand-in.js';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.deploy-secret-token';
const APP = '123456789012345678';
const GUILD = '223456789012345678';

interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  body: any;
}

let server: Server;
let api: string;
let seen: Seen[] = [];
let status = 200;

async function readBody(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += chunk;
  return s;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const raw = await readBody(req);
    seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body: raw ? JSON.parse(raw) : null });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? raw : JSON.stringify({ message: '401: Unauthorized', code: 0 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  seen = [];
  status = 200;
});

describe('deployCommands against a local Discord REST stand-in', () => {
  it('bulk-overwrites guild commands with a PUT, with localisations', async () => {
    const r = await deployCommands({ token: TOKEN, applicationId: APP, guildId: GUILD, restUrl: api });
    expect(r).toMatchObject({ scope: 'guild', route: `/applications/${APP}/guilds/${GUILD}/commands` });
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req!.method).toBe('PUT');
    expect(req!.url).toBe(`/api/v10/applications/${APP}/guilds/${GUILD}/commands`);
    expect(req!.auth).toBe(`Bot ${TOKEN}`);
    const body = req!.body as any[];
    expect(body.map((c) => c.name)).toEqual(['ask', 'check', 'new', 'search', 'source', 'Verify', 'reindex', 'add']);
    const ask = body.find((c) => c.name === 'ask');
    expect(ask.name_localizations).toEqual({ vi: 'hỏi', 'en-US': 'ask', 'en-GB': 'ask' });
    expect(ask.description_localizations.vi).toMatch(/Bộ Khoa học và Công nghệ/);
    expect(ask.options[0]).toMatchObject({ name: 'question', type: 3, required: true, name_localizations: { vi: 'câu-hỏi' } });
    expect(ask.options[1]).toMatchObject({ name: 'public', type: 5, name_localizations: { vi: 'công-khai' } });
    const check = body.find((c) => c.name === 'check');
    expect(check.name_localizations).toEqual({ vi: 'kiểm-chứng', 'en-US': 'check', 'en-GB': 'check' });
    expect(check.options[0]).toMatchObject({ name: 'statement', type: 3, required: true, name_localizations: { vi: 'nhận-định' } });
    const verify = body.find((c) => c.name === 'Verify');
    expect(verify).toMatchObject({ type: 3, name_localizations: { vi: 'Kiểm chứng', 'en-US': 'Verify', 'en-GB': 'Verify' } });
    expect(body.find((c) => c.name === 'source').options[0]).toMatchObject({ name: 'id', autocomplete: true, name_localizations: { vi: 'mã-đoạn' } });
  });

  it('registers globally without a guild id', async () => {
    const r = await deployCommands({ token: TOKEN, applicationId: APP, restUrl: api });
    expect(r.scope).toBe('global');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`PUT /api/v10/applications/${APP}/commands`]);
  });

  it('main reports a rejected token in one short line without the token, and returns 1', async () => {
    status = 401;
    const logger = recordingLogger();
    const code = await main({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_REST_URL: api }, logger);
    expect(code).toBe(1);
    expect(seen).toHaveLength(1);
    const log = logger.lines.join('\n');
    expect(log).toMatch(/command registration failed: .*(401|Unauthorized)/);
    expect(log).not.toContain(TOKEN);
  });

  it('main refuses to run without DISCORD_APPLICATION_ID and sends nothing', async () => {
    const logger = recordingLogger();
    expect(await main({ DISCORD_TOKEN: TOKEN, DISCORD_REST_URL: api }, logger)).toBe(1);
    expect(seen).toHaveLength(0);
    expect(logger.lines.join('\n')).toContain('DISCORD_APPLICATION_ID');
  });

  it('runs as a script (npm run deploy:discord) and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/discord/deploy-commands.ts'], {
      env: { PATH: process.env['PATH'], DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: GUILD, DISCORD_REST_URL: api },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, err).toBe(0);
    expect(seen.map((s) => s.method)).toEqual(['PUT']);
    expect(err).toContain('registered 8 guild commands');
    expect(err).not.toContain(TOKEN);
  });
});
