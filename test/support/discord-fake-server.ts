/**
 * A loopback stand-in for Discord: one `node:http` server on 127.0.0.1 that answers the REST
 * routes the bot uses (gateway info, interaction callbacks, webhook edits and follow-ups) and
 * speaks enough of the gateway protocol over WebSocket (hello, identify → READY, heartbeats,
 * dispatches) for a real discord.js `Client` to log in and receive interactions.
 */
import { EventEmitter } from 'node:events';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const APP_ID = '123456789012345678';
export const BOT_ID = '123456789012345678';

export interface RestCall {
  method: string;
  path: string;
  auth: string | undefined;
  body: any;
}

export interface FakeDiscord {
  /** For DISCORD_REST_URL. */
  api: string;
  rest: RestCall[];
  identify: any[];
  events: EventEmitter;
  /** Sends a gateway dispatch (e.g. INTERACTION_CREATE) to every connected client. */
  dispatch(t: string, d: unknown): void;
  /** Resolves with the first REST call that matches. */
  nextCall(match: (c: RestCall) => boolean): Promise<RestCall>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<any> {
  let s = '';
  for await (const chunk of req) s += chunk;
  return s ? JSON.parse(s) : null;
}

function message(body: any, id: string) {
  return {
    id,
    channel_id: '777777777777777777',
    author: { id: BOT_ID, username: 'kiemchung', discriminator: '0', avatar: null, global_name: null, bot: true },
    content: body?.content ?? '',
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    pinned: false,
    type: 0,
    flags: body?.flags ?? 0,
  };
}

export async function startFakeDiscord(options: { token: string }): Promise<FakeDiscord> {
  const rest: RestCall[] = [];
  const identify: any[] = [];
  const events = new EventEmitter();
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let messageId = 900000000000000000n;

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const call: RestCall = { method: req.method ?? '', path: decodeURIComponent(url.pathname), auth: req.headers.authorization, body: await readBody(req) };
    rest.push(call);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const p = call.path;
    if (p === '/api/v10/gateway/bot') {
      if (call.auth !== `Bot ${options.token}`) json(401, { message: '401: Unauthorized', code: 0 });
      else json(200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
    } else if (/^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(p) && call.method === 'POST') {
      res.writeHead(204).end();
    } else if (/^\/api\/v10\/channels\/\d+\/messages$/.test(p) && call.method === 'POST') {
      json(200, message(call.body, String(messageId++)));
    } else if (/^\/api\/v10\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(p)) {
      json(200, message(call.body, String(messageId++)));
    } else {
      json(404, { message: 'Unknown route', code: 0 });
    }
    events.emit('rest', call);
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const packet = JSON.parse(String(raw));
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) {
        identify.push(packet.d);
        ws.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++seq,
            d: {
              v: 10,
              user: { id: BOT_ID, username: 'kiemchung', discriminator: '0', avatar: null, global_name: null, bot: true },
              guilds: [],
              session_id: 'session',
              resume_gateway_url: gatewayUrl,
              application: { id: APP_ID, flags: 0 },
              shard: [0, 1],
            },
          }),
        );
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const gatewayUrl = `ws://127.0.0.1:${port}`;

  return {
    api: `http://127.0.0.1:${port}/api`,
    rest,
    identify,
    events,
    dispatch(t, d) {
      const packet = JSON.stringify({ op: 0, t, s: ++seq, d });
      for (const ws of sockets) ws.send(packet);
    },
    nextCall(match) {
      const found = rest.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const on = (c: RestCall) => {
          if (!match(c)) return;
          events.off('rest', on);
          resolve(c);
        };
        events.on('rest', on);
      });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let interactionId = 800000000000000000n;

/** A slash command interaction as the gateway delivers it. */
export function chatInputPayload(
  name: string,
  options: { name: string; type: number; value: unknown }[],
  extra: { locale?: string; userId?: string; guildId?: string } = {},
) {
  const id = String(interactionId++);
  return {
    id,
    application_id: APP_ID,
    type: 2,
    token: `interaction-token-${id}`,
    version: 1,
    locale: extra.locale ?? 'vi',
    guild_locale: 'vi',
    guild_id: extra.guildId ?? '222222222222222222',
    channel_id: '777777777777777777',
    app_permissions: '0',
    entitlements: [],
    authorizing_integration_owners: { '0': '222222222222222222' },
    context: 0,
    member: {
      user: { id: extra.userId ?? '111111111111111111', username: 'reporter', discriminator: '0', avatar: null, global_name: 'Reporter' },
      roles: [],
      permissions: '0',
      joined_at: new Date(0).toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
    },
    data: { id: '700000000000000000', name, type: 1, options },
  };
}

/** A press on one of the bot's buttons, under a message the bot sent. */
export function buttonPayload(customId: string, extra: { userId?: string } = {}) {
  const base = chatInputPayload('x', [], extra);
  const { data: _ignored, ...rest } = base;
  return {
    ...rest,
    type: 3,
    message: message({ content: '' }, '600000000000000000'),
    data: { custom_id: customId, component_type: 2 },
  };
}

/** "Verify" chosen on a message: the target arrives resolved in the payload. */
export function messageCommandPayload(name: string, content: string) {
  const base = chatInputPayload(name, []);
  const targetId = '650000000000000000';
  const target = {
    ...message({ content }, targetId),
    author: { id: '444444444444444444', username: 'someone', discriminator: '0', avatar: null, global_name: null },
  };
  return { ...base, data: { id: '710000000000000000', name, type: 3, target_id: targetId, resolved: { messages: { [targetId]: target } } } };
}

/** A form (modal) the user filled in and sent, its text fields by custom id. */
export function modalSubmitPayload(customId: string, fields: Record<string, string>, extra: { userId?: string } = {}) {
  const base = chatInputPayload('x', [], extra);
  const { data: _ignored, ...rest } = base;
  return {
    ...rest,
    type: 5,
    data: { custom_id: customId, components: Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) },
  };
}
