import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { run } from '@grammyjs/runner';
import { Api, type Bot, GrammyError, HttpError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { KiemchungError, type Logger, type Mask, ProviderError, errorMessage, redact, secretValues } from '../../src/index.js';
import { maskingLogger } from '../shared/log.js';
import { type AdapterContext, type RunningAdapter, type StartAdapter, drain } from '../shared/lifecycle.js';
import { ALLOWED_UPDATES, type TelegramBot, createTelegramBot } from './bot.js';
import { type TelegramConfig, loadTelegramConfig } from './config.js';
import { messages } from './messages.js';

export { loadTelegramConfig, type TelegramConfig } from './config.js';

/** Telegram's token inside a Bot API URL (`…/bot<token>/getMe`), for tokens the adapter was not given. */
const TOKEN_IN_URL: Mask = { pattern: /bot\d{5,}:[A-Za-z0-9_-]{20,}/g, replacement: 'bot***' };

/** The adapter's logger: masks the given secrets and any bot token inside a URL. */
export function telegramLogger(logger: Logger, secrets: readonly string[]): Logger {
  return maskingLogger(logger, { secrets, masks: [TOKEN_IN_URL] });
}

/** Why the bot could not start, without the token and without a cause that holds it. */
function startupError(err: unknown, config: TelegramConfig, secrets: string[]): Error {
  if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
    return new KiemchungError('config', `Telegram refused TELEGRAM_BOT_TOKEN (${err.error_code} ${err.description}); check the token from @BotFather`);
  }
  const detail = redact(err instanceof HttpError ? `${err.message} ${errorMessage(err.error)}` : errorMessage(err), secrets, [TOKEN_IN_URL]);
  return new ProviderError('telegram', `cannot reach the Bot API at ${config.apiRoot}: ${detail}`);
}

export interface LaunchOptions {
  /** Skips `getMe` (tests). */
  botInfo?: UserFromGetMe;
  /** Long-polling timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** How long `stop` waits for answers in flight before giving up on them (default 30 s). */
  stopGraceMs?: number;
}

export interface TelegramRuntime extends RunningAdapter {
  mode: 'polling' | 'webhook';
  bot: Bot;
  /** In webhook mode, where the local HTTP server listens. */
  webhookAddress?: AddressInfo;
}

async function registerCommands(api: Api, logger: Logger): Promise<void> {
  try {
    await api.setMyCommands(messages('en').commandList);
    await api.setMyCommands(messages('vi').commandList, { language_code: 'vi' });
  } catch (err) {
    // Only the menu of commands is missing; the bot itself works.
    logger.warn('telegram: could not register the command list', err);
  }
}

/** Waits for the answers in flight, at most `stopGraceMs`. */
async function finishAnswers(tb: TelegramBot, logger: Logger, options: LaunchOptions): Promise<void> {
  const ms = options.stopGraceMs ?? 30_000;
  if ((await drain(tb.inFlight, ms)) > 0) logger.warn(`telegram: stopped with answers still in flight after ${ms} ms`);
}

function startPolling(tb: TelegramBot, logger: Logger, options: LaunchOptions): Omit<TelegramRuntime, 'name' | 'bot'> {
  const handle = run(tb.bot, {
    runner: {
      fetch: { timeout: options.pollTimeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
      // The runner would print fetch errors itself, token-bearing URL included; the API
      // transformer in bot.ts logs them masked instead.
      silent: true,
    },
  });
  handle
    .task()
    ?.catch((err: unknown) => logger.error('telegram: long polling stopped on an error it cannot recover from', err));
  logger.info('telegram: long polling started');
  return {
    mode: 'polling',
    stop: async () => {
      if (handle.isRunning()) await handle.stop();
      await finishAnswers(tb, logger, options);
      // Confirm the handled updates, so that a restart does not receive (and answer) them again.
      const last = tb.lastUpdateId();
      if (last !== undefined) {
        await tb.bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0 }).catch((err: unknown) => logger.warn('telegram: could not confirm the last updates', err));
      }
      logger.info('telegram: long polling stopped');
    },
  };
}

const MAX_UPDATE_BYTES = 1 << 20;

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function startWebhook(tb: TelegramBot, config: TelegramConfig, logger: Logger, options: LaunchOptions): Promise<Omit<TelegramRuntime, 'name' | 'bot'>> {
  const hook = config.webhook as NonNullable<TelegramConfig['webhook']>;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== hook.path) {
      res.writeHead(404).end();
      return;
    }
    if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'], hook.secret)) {
      logger.warn(`telegram: refused a webhook call without the right secret token from ${req.socket.remoteAddress}`);
      res.writeHead(401).end();
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_UPDATE_BYTES) {
        res.writeHead(413).end();
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      let update: Update;
      try {
        update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update;
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id)) {
        res.writeHead(400).end();
        return;
      }
      // Acknowledge first, answer after: Telegram re-sends an update whose call runs long, and
      // an answer can take a while (a language model, a reindex). The cost: an update taken
      // when the process dies mid-answer is not re-sent.
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      void tb.inFlight.track(tb.bot.handleUpdate(update)).catch((err: unknown) => logger.error(`telegram: update ${update.update_id} failed`, err));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(hook.port, hook.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  try {
    await tb.bot.api.setWebhook(hook.url, { secret_token: hook.secret, allowed_updates: [...ALLOWED_UPDATES] });
  } catch (err) {
    server.close();
    throw err;
  }
  const address = server.address() as AddressInfo;
  logger.info(`telegram: webhook listening on ${address.address}:${address.port}${hook.path}`);
  return {
    mode: 'webhook',
    webhookAddress: address,
    stop: async () => {
      // The webhook stays registered, so Telegram keeps updates for the next start.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await finishAnswers(tb, logger, options);
      await closed;
      logger.info('telegram: webhook server stopped');
    },
  };
}

/**
 * Starts the Telegram bot: checks its settings, learns who it is (`getMe`), registers the
 * command menu in Vietnamese and English, then serves by long polling, or by webhook when
 * TELEGRAM_WEBHOOK_URL is set. `stop` stops taking updates and finishes answers in flight.
 */
export async function launchTelegram(ctx: AdapterContext, options: LaunchOptions = {}): Promise<TelegramRuntime> {
  const config = loadTelegramConfig(ctx.env);
  const secrets = [config.token, ...(config.webhook ? [config.webhook.secret] : []), ...secretValues(ctx.env)];
  const logger = telegramLogger(ctx.logger, secrets);
  let botInfo = options.botInfo;
  if (!botInfo) {
    // A bare client (no retries) so that a wrong token or an unreachable server fails at once.
    try {
      botInfo = await new Api(config.token, { apiRoot: config.apiRoot }).getMe();
    } catch (err) {
      throw startupError(err, config, secrets);
    }
  }
  const tb = createTelegramBot({ engine: ctx.engine, config, logger, botInfo });
  try {
    await registerCommands(tb.bot.api, logger);
    if (config.webhook) {
      const running = await startWebhook(tb, config, logger, options);
      return { name: 'telegram', bot: tb.bot, ...running };
    }
    // A registered webhook makes getUpdates fail with 409; polling takes over from it.
    await tb.bot.api.deleteWebhook();
  } catch (err) {
    throw startupError(err, config, secrets);
  }
  return { name: 'telegram', bot: tb.bot, ...startPolling(tb, logger, options) };
}

export const startTelegram: StartAdapter = async (ctx) => {
  const { name, stop } = await launchTelegram(ctx);
  return { name, stop };
};
