/**
 * Registers the bot's webhook with Telegram, once per deployment rather than at every start
 * of every replica: TELEGRAM_WEBHOOK_URL (the load balancer in front of the replicas), its
 * secret token, the update kinds the bot handles, and the command menu. Run as
 * `npm run deploy:telegram`; exits 1 with a short, token-free reason when it fails.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Api } from 'grammy';
import { type Logger, createLogger, errorMessage, redact } from '../../src/index.js';
import { ALLOWED_UPDATES } from './bot.js';
import { loadTelegramConfig } from './config.js';
import { registerCommands } from './index.js';

/** How many connections Telegram opens to the webhook at once (its default is 40). */
const MAX_CONNECTIONS = 40;

export async function main(env: NodeJS.ProcessEnv = process.env, logger: Logger = createLogger('info')): Promise<number> {
  const secrets: string[] = [];
  try {
    const config = loadTelegramConfig(env);
    secrets.push(config.token, ...(config.webhook ? [config.webhook.secret] : []));
    if (!config.webhook) {
      logger.error('TELEGRAM_WEBHOOK_URL is not set: without a webhook the bot uses long polling, which needs no registration');
      return 1;
    }
    const api = new Api(config.token, { apiRoot: config.apiRoot });
    await api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: MAX_CONNECTIONS });
    await registerCommands(api, logger);
    const info = await api.getWebhookInfo();
    logger.info(`telegram: webhook registered at ${info.url} (${info.pending_update_count} updates waiting)`);
    return 0;
  } catch (err) {
    logger.error(`telegram: webhook registration failed: ${redact(errorMessage(err), secrets)}`);
    return 1;
  }
}

function isScript(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isScript()) process.exitCode = await main();
