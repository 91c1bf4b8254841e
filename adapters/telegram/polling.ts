import { run } from '@grammyjs/runner';
import type { Logger } from '../../src/index.js';
import { ALLOWED_UPDATES, type TelegramBot, finishAnswers } from './bot.js';

/** How the bot receives updates; `stop` stops receiving and finishes the answers in flight. */
export interface Transport {
  mode: 'polling' | 'webhook';
  stop(): Promise<void>;
}

export interface PollingOptions {
  /** Long-polling timeout in seconds. */
  timeoutSeconds: number;
  /** How long `stop` waits for answers in flight. */
  stopGraceMs: number;
}

/** Long polling with grammY's runner: updates are handled concurrently, each chat's answers in turn through the gate. */
export function startPolling(tb: TelegramBot, logger: Logger, options: PollingOptions): Transport {
  const handle = run(tb.bot, {
    runner: {
      fetch: { timeout: options.timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
      // The runner would print fetch errors itself, token-bearing URL included; the API
      // transformer in bot.ts logs them masked instead.
      silent: true,
    },
  });
  handle.task()?.catch((err: unknown) => logger.error('telegram: long polling stopped on an error it cannot recover from', err));
  logger.info('telegram: long polling started');
  return {
    mode: 'polling',
    stop: async () => {
      if (handle.isRunning()) await handle.stop();
      await finishAnswers(tb, logger, options.stopGraceMs);
      // Confirm the handled updates, so that a restart does not receive (and answer) them again.
      const last = tb.lastUpdateId();
      if (last !== undefined) {
        await tb.bot.api
          .getUpdates({ offset: last + 1, limit: 1, timeout: 0 })
          .catch((err: unknown) => logger.warn('telegram: could not confirm the last updates', err));
      }
      logger.info('telegram: long polling stopped');
    },
  };
}
