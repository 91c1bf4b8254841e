import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { webhookCallback } from 'grammy';
import type { Logger } from '../../src/index.js';
import { BotError } from 'grammy';
import { type TelegramBot, UpdateInProgress, finishAnswers } from './bot.js';
import type { TelegramConfig } from './config.js';
import type { Transport } from './polling.js';

/** Largest update body accepted (Telegram's are a few kilobytes); larger calls get 413 unread. */
const MAX_UPDATE_BYTES = 1 << 20;

/**
 * How long a webhook call waits for its update's answer before it is acknowledged anyway.
 * Telegram sends a chat's next update only when the call for the previous one has ended, and
 * sends an update again when its call runs too long; grammY's default of 10 s stays under that.
 * An answer that takes longer (a language model, a reindex) goes on after the acknowledgement:
 * an update acknowledged when the process dies mid-answer is then not sent again.
 */
const ACK_WITHIN_MS = 10_000;

export interface WebhookTransport extends Transport {
  /** Where the local HTTP server listens. */
  address: AddressInfo;
}

/**
 * Serves Telegram's webhook calls with grammY's `webhookCallback` on a `node:http` server:
 * calls without the secret token are refused (401) before their body is read, calls to any
 * other path or method get 404, a body that is not JSON gets 400, an update another replica is
 * answering gets 503. The webhook itself is registered by `npm run deploy:telegram`.
 */
export async function startWebhook(
  tb: TelegramBot,
  hook: NonNullable<TelegramConfig['webhook']>,
  logger: Logger,
  options: { stopGraceMs: number },
): Promise<WebhookTransport> {
  const handleCall = webhookCallback(tb.bot, 'http', {
    secretToken: hook.secret,
    timeoutMilliseconds: ACK_WITHIN_MS,
    onTimeout: () => logger.info(`telegram: an update took over ${ACK_WITHIN_MS} ms; acknowledged before its answer`),
  });
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== hook.path) {
      res.writeHead(404).end();
      req.resume();
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_UPDATE_BYTES) {
      res.writeHead(413, { connection: 'close' }).end();
      req.resume();
      return;
    }
    handleCall(req, res).then(
      () => {
        if (res.statusCode !== 401) return;
        logger.warn(`telegram: refused a webhook call without the right secret token from ${req.socket.remoteAddress}`);
        req.resume();
      },
      (err: unknown) => {
        if (res.headersSent) return;
        if (err instanceof SyntaxError) {
          res.writeHead(400).end();
          return;
        }
        const cause = err instanceof BotError ? err.error : err;
        if (cause instanceof UpdateInProgress) {
          // Telegram delivers it again later; by then it is answered, or its claim has lapsed.
          logger.info(`telegram: ${cause.message}; asked Telegram to deliver it again later`);
          res.writeHead(503, { 'retry-after': '5' }).end();
          return;
        }
        logger.error('telegram: a webhook call failed; Telegram will deliver the update again', err);
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(hook.port, hook.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The webhook is registered once, by `npm run deploy:telegram`, not by every replica at every
  // start; a start only says so when Telegram sends updates elsewhere.
  await tb.bot.api.getWebhookInfo().then(
    (info) => {
      if (info.url !== hook.url)
        logger.warn(
          `telegram: Telegram sends updates to ${info.url || 'no webhook (long polling)'}, not ${hook.url}; run "npm run deploy:telegram" once to register it`,
        );
    },
    (err: unknown) => logger.warn('telegram: could not read the registered webhook', err),
  );
  const address = server.address() as AddressInfo;
  logger.info(`telegram: webhook listening on ${address.address}:${address.port}${hook.path}`);
  return {
    mode: 'webhook',
    address,
    stop: async () => {
      // The webhook stays registered, so Telegram keeps updates for the next start.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await finishAnswers(tb, logger, options.stopGraceMs);
      await closed;
      logger.info('telegram: webhook server stopped');
    },
  };
}
