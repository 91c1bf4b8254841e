/**
 * A loopback stand-in for the Telegram Bot API: a real `node:http` server on 127.0.0.1 that
 * speaks the methods the bot uses, records every call, feeds updates through long polling
 * (`getUpdates`) and checks what Telegram would check (HTML that parses, text within 4,096).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, UserFromGetMe } from 'grammy/types';
import { checkTelegramHtml } from './telegram-html.js';

export const TEST_TOKEN = '123456789:TESTtoken_abcdefghijklmnopqrstuvwxyz-0123';

export interface ApiCall {
  method: string;
  /** The token in the URL the call came to. */
  token: string;
  payload: Record<string, any>;
  status: number;
  /** When the call was answered: performance.now(), or the `now` given to the server. */
  at: number;
  response: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } };
}

export type FakeResponse = { status: number; body: ApiCall['response'] };

type NewUpdate = Omit<Update, 'update_id'>;

export interface FakeBotApi {
  apiRoot: string;
  me: UserFromGetMe;
  calls: ApiCall[];
  /** Queues an update for getUpdates; returns its update_id. */
  push(update: NewUpdate): number;
  /** The next call of `method` gets this response instead of the normal one. */
  failNext(method: string, response: FakeResponse): void;
  /** Calls of one method (successful ones unless `all`). */
  of(method: string, all?: boolean): ApiCall[];
  /** Resolves once `test(calls)` holds; rejects with the calls so far if it has not within `ms`. */
  waitFor(test: (calls: ApiCall[]) => boolean, ms?: number): Promise<void>;
  /** Highest offset a getUpdates call has confirmed. */
  confirmedOffset(): number;
  /** Long polls waiting for updates right now. */
  waiting(): number;
  /** Ids of the updates handed out by getUpdates responses. */
  delivered: Set<number>;
  close(): Promise<void>;
}

export async function startFakeBotApi(options: { token?: string; now?: () => number } = {}): Promise<FakeBotApi> {
  const token = options.token ?? TEST_TOKEN;
  const now = options.now ?? (() => performance.now());
  const me: UserFromGetMe = {
    id: Number(token.split(':')[0]),
    is_bot: true,
    first_name: 'Kiểm Chứng',
    username: 'kiemchung_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
  } as UserFromGetMe;
  const calls: ApiCall[] = [];
  const queue: Update[] = [];
  const failures = new Map<string, FakeResponse[]>();
  const pollers = new Set<() => void>();
  const watchers = new Set<() => void>();
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let confirmed = 0;
  /** The URL the last setWebhook registered ('' after deleteWebhook). */
  let webhookUrl = '';
  const delivered = new Set<number>();
  // Messages the bot has sent, by chat and id, as Telegram keeps them for editMessageText.
  const kept = new Map<string, { text: string; markup: string }>();

  const notify = () => {
    for (const w of [...watchers]) w();
  };

  /** The checks Telegram applies to a message's text, for sendMessage and editMessageText alike. */
  function checkText(p: Record<string, any>): { text: string; visible: string } | { refused: string } {
    const text = typeof p.text === 'string' ? p.text : '';
    let visible = text;
    if (p.parse_mode === 'HTML') {
      const r = checkTelegramHtml(text);
      if (!r.ok) return { refused: `can't parse entities: ${r.error}` };
      visible = r.text;
    } else if (p.parse_mode !== undefined) {
      return { refused: 'unsupported parse_mode in this test server' };
    }
    if (visible.trim() === '') return { refused: 'message text is empty' };
    if (visible.length > 4096) return { refused: 'message is too long' };
    return { text, visible };
  }

  function normal(method: string, p: Record<string, any>): FakeResponse {
    const ok = (result: unknown): FakeResponse => ({ status: 200, body: { ok: true, result } });
    const bad = (description: string): FakeResponse => ({ status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${description}` } });
    switch (method) {
      case 'getMe':
        return ok(me);
      case 'sendMessage': {
        if (p.chat_id === undefined) return bad('chat_id is empty');
        const checked = checkText(p);
        if ('refused' in checked) return bad(checked.refused);
        const { text, visible } = checked;
        const chatId = Number(p.chat_id);
        const messageId = nextMessageId++;
        kept.set(`${chatId}:${messageId}`, { text, markup: JSON.stringify(p.reply_markup ?? null) });
        return ok({
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Newsroom' } : { id: chatId, type: 'private', first_name: 'User' },
          from: me,
          text: visible,
          ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
        });
      }
      case 'editMessageText': {
        const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
        const before = kept.get(key);
        if (!before) return bad('message to edit not found');
        const checked = checkText(p);
        if ('refused' in checked) return bad(checked.refused);
        const { text, visible } = checked;
        const markup = JSON.stringify(p.reply_markup ?? null);
        if (before.text === text && before.markup === markup) {
          return bad(
            'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
          );
        }
        kept.set(key, { text, markup });
        const chatId = Number(p.chat_id);
        return ok({
          message_id: Number(p.message_id),
          date: Math.floor(Date.now() / 1000),
          edit_date: Math.floor(Date.now() / 1000),
          chat: chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Newsroom' } : { id: chatId, type: 'private', first_name: 'User' },
          from: me,
          text: visible,
          ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
        });
      }
      case 'editMessageReplyMarkup': {
        const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
        const before = kept.get(key);
        if (!before) return bad('message to edit not found');
        const markup = JSON.stringify(p.reply_markup ?? null);
        if (before.markup === markup)
          return bad(
            'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
          );
        kept.set(key, { text: before.text, markup });
        return ok(true);
      }
      case 'deleteMessage': {
        const key = `${Number(p.chat_id)}:${Number(p.message_id)}`;
        if (!kept.delete(key)) return bad('message to delete not found');
        return ok(true);
      }
      case 'answerInlineQuery': {
        for (const r of (p.results ?? []) as any[]) {
          const c = r.input_message_content;
          if (c?.parse_mode === 'HTML') {
            const check = checkTelegramHtml(c.message_text ?? '');
            if (!check.ok) return bad(`can't parse entities: ${check.error}`);
            if (check.text.length > 4096) return bad('MESSAGE_TOO_LONG');
          }
        }
        return ok(true);
      }
      case 'answerCallbackQuery':
        if (typeof p.text === 'string' && p.text.length > 200) return bad('MESSAGE_TOO_LONG');
        return ok(true);
      case 'setWebhook':
        webhookUrl = String(p.url ?? '');
        return ok(true);
      case 'deleteWebhook':
        webhookUrl = '';
        return ok(true);
      case 'getWebhookInfo':
        return ok({ url: webhookUrl, has_custom_certificate: false, pending_update_count: webhookUrl ? 0 : queue.length });
      case 'sendChatAction':
      case 'setMyCommands':
        return ok(true);
      default:
        return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found: method not found' } };
    }
  }

  function getUpdates(p: Record<string, any>, res: http.ServerResponse, reply: (r: FakeResponse) => void): void {
    const offset = Number(p.offset ?? 0);
    if (offset > confirmed) confirmed = offset;
    while (queue.length > 0 && (queue[0] as Update).update_id < confirmed) queue.shift();
    const limit = Math.max(1, Math.min(100, Number(p.limit ?? 100)));
    const take = () => queue.filter((u) => u.update_id >= offset).slice(0, limit);
    const ready = take();
    const timeout = Number(p.timeout ?? 0);
    if (ready.length > 0 || timeout <= 0) return reply({ status: 200, body: { ok: true, result: ready } });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      pollers.delete(wake);
      clearTimeout(timer);
      if (!res.destroyed) reply({ status: 200, body: { ok: true, result: take() } });
    };
    const wake = () => finish();
    const timer = setTimeout(finish, timeout * 1000);
    pollers.add(wake);
    notify();
    // The bot aborts its long poll when it stops: forget the request.
    res.once('close', () => {
      done = true;
      pollers.delete(wake);
      clearTimeout(timer);
    });
  }

  const server = http.createServer((req, res) => {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (r: FakeResponse) => {
        if (res.writableEnded) return;
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body));
      };
      if (!m) return send({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
      const [, callToken, method] = m as unknown as [string, string, string];
      let payload: Record<string, any> = {};
      try {
        const raw = Buffer.concat(chunks).toString('utf8');
        payload = raw ? JSON.parse(raw) : {};
      } catch {
        return send({ status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' } });
      }
      const record = (r: FakeResponse) => {
        if (method === 'getUpdates' && Array.isArray(r.body.result)) for (const u of r.body.result as Update[]) delivered.add(u.update_id);
        calls.push({ method, token: callToken, payload, status: r.status, at: now(), response: r.body });
        send(r);
        notify();
      };
      if (callToken !== token) return record({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
      const scripted = failures.get(method)?.shift();
      if (scripted) return record(scripted);
      if (method === 'getUpdates') return getUpdates(payload, res, record);
      record(normal(method, payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    me,
    calls,
    push(update) {
      const update_id = nextUpdateId++;
      queue.push({ ...update, update_id } as Update);
      for (const p of [...pollers]) p();
      return update_id;
    },
    failNext(method, response) {
      const list = failures.get(method) ?? [];
      list.push(response);
      failures.set(method, list);
    },
    of(method, all = false) {
      return calls.filter((c) => c.method === method && (all || c.response.ok));
    },
    waitFor(test, ms = 15_000) {
      if (test(calls)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!test(calls)) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`condition not met; calls so far: ${calls.map((c) => `${c.method}:${c.status}`).join(', ')}`));
        }, ms);
        watchers.add(check);
      });
    },
    confirmedOffset: () => confirmed,
    waiting: () => pollers.size,
    delivered,
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of [...pollers]) p();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
