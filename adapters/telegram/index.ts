/**
 * The Telegram adapter: settings, the masked logger, start-up checks and the choice of
 * transport (long polling in polling.ts, the webhook in webhook.ts); the bot itself is bot.ts.
 */
import type { AddressInfo } from 'node:net';
import { Api, type Bot, GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { type FeedPollReport, KiemchungError, type Logger, type Mask, ProviderError, errorMessage, redact, secretValues } from '../../src/index.js';
import type { AdapterContext, RunningAdapter, StartAdapter } from '../shared/lifecycle.js';
import { maskingLogger } from '../shared/log.js';
import { announce, createTelegramBot } from './bot.js';
import { type TelegramConfig, loadTelegramConfig } from './config.js';
import { messages } from './messages.js';
import { startPolling } from './polling.js';
import { startWebhook } from './webhook.js';

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
  const tb = createTelegramBot({ engine: ctx.engine, config, logger, botInfo, feedback: ctx.feedback ?? null });
  const stopGraceMs = options.stopGraceMs ?? 30_000;
  const tell = (report: FeedPollReport) => announce(tb, config, logger, report);
  try {
    await registerCommands(tb.bot.api, logger);
    if (config.webhook) {
      const { mode, address, stop } = await startWebhook(tb, config.webhook, logger, { stopGraceMs });
      return { name: 'telegram', bot: tb.bot, mode, stop, announce: tell, webhookAddress: address };
    }
    // A registered webhook makes getUpdates fail with 409; polling takes over from it.
    await tb.bot.api.deleteWebhook();
  } catch (err) {
    throw startupError(err, config, secrets);
  }
  return { name: 'telegram', bot: tb.bot, announce: tell, ...startPolling(tb, logger, { timeoutSeconds: options.pollTimeoutSeconds ?? 30, stopGraceMs }) };
}

export const startTelegram: StartAdapter = async (ctx) => {
  const { name, stop, announce: tell } = await launchTelegram(ctx);
  return { name, stop, announce: tell };
};
