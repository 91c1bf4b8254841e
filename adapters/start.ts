#!/usr/bin/env node
/**
 * `npm start`: starts every chat adapter whose token is configured, or the terminal chat when
 * none is. `node dist/adapters/start.js telegram|discord` starts one adapter only.
 * SIGINT/SIGTERM stop taking messages, let answers in flight finish, and exit 0.
 */
import {
  DatabaseError,
  type Engine,
  KiemchungError,
  type Logger,
  createEngine,
  createLogger,
  feedbackFromConfig,
  loadConfig,
  redact,
  runChat,
  secretValues,
} from '../src/index.js';
import type { RunningAdapter, StartAdapter } from './shared/lifecycle.js';

/** Each adapter: the token that turns it on, how to start it, and how to read its settings (checked before the index is opened). */
const ADAPTERS: Record<string, { token: string; load: () => Promise<StartAdapter>; settings: (env: NodeJS.ProcessEnv) => Promise<unknown> }> = {
  telegram: {
    token: 'TELEGRAM_BOT_TOKEN',
    load: async () => (await import('./telegram/index.js')).startTelegram,
    settings: async (env) => (await import('./telegram/config.js')).loadTelegramConfig(env),
  },
  discord: {
    token: 'DISCORD_TOKEN',
    load: async () => (await import('./discord/index.js')).startDiscord,
    settings: async (env) => (await import('./discord/config.js')).loadDiscordConfig(env),
  },
};

/**
 * The engine's settings, after every setting of the engine and of the adapters to start was
 * read: the bad ones are reported together, before the index is opened, not one run at a time.
 */
async function checkedSettings(env: NodeJS.ProcessEnv, names: readonly string[]): Promise<ReturnType<typeof loadConfig>> {
  const problems: string[] = [];
  const note = (err: unknown) => {
    if (!(err instanceof KiemchungError) || err.code !== 'config') throw err;
    problems.push(err.message);
  };
  let config: ReturnType<typeof loadConfig> | null = null;
  try {
    config = loadConfig(env);
  } catch (err) {
    note(err);
  }
  for (const n of names) await (ADAPTERS[n] as { settings: (e: NodeJS.ProcessEnv) => Promise<unknown> }).settings(env).catch(note);
  const HEAD = /^Invalid configuration:\n/;
  if (!config || problems.length)
    throw new KiemchungError(
      'config',
      problems.every((p) => HEAD.test(p)) ? `Invalid configuration:\n${problems.map((p) => p.replace(HEAD, '')).join('\n')}` : problems.join('\n'),
    );
  return config;
}

/** The longest wait between two attempts to reach the database at start. */
const MAX_WAIT_MS = 30_000;

/**
 * The engine, once its index can be opened. A database that cannot be reached is waited for
 * (attempts 1 s, 2 s, 4 s … apart, at most 30 s, each failure said in one line) instead of
 * exiting: a supervisor restarting a process that exits at once would only loop. Null when
 * SIGINT or SIGTERM arrives while waiting. Every other failure is thrown.
 */
async function openEngine(env: NodeJS.ProcessEnv, logger: Logger): Promise<Engine | null> {
  let stopping = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for (let wait = 1000; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
      try {
        return await createEngine({ env, logger });
      } catch (err) {
        if (!(err instanceof DatabaseError) || !err.unreachable) throw err;
        logger.error(`${err.message}; trying again in ${wait / 1000} s`);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, wait);
      });
      if (stopping) return null;
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const only = argv[0];
  if (only !== undefined && !ADAPTERS[only]) {
    process.stderr.write(`unknown adapter "${only.slice(0, 40)}": use telegram or discord\n`);
    return 2;
  }
  const names = only ? [only] : Object.keys(ADAPTERS).filter((n) => env[(ADAPTERS[n] as { token: string }).token]?.trim());
  if (only && !env[(ADAPTERS[only] as { token: string }).token]?.trim()) {
    createLogger(loadConfig(env).logLevel).error(`${(ADAPTERS[only] as { token: string }).token} is not set; see README.md ("Configure")`);
    return 1;
  }
  const config = await checkedSettings(env, names);
  const logger = createLogger(config.logLevel);
  const engine = await openEngine(env, logger);
  if (!engine) return 0;
  const s = engine.stats();
  logger.info(`corpus: ${s.articles} articles, ${s.passages} passages (${s.dateFrom ?? '?'} → ${s.dateTo ?? '?'}); embedder ${s.embedder.id}; llm ${s.llm}`);
  if (names.length === 0) {
    await runChat(engine, { input: process.stdin, out: (t) => process.stdout.write(`${t}\n`) });
    await engine.close();
    return 0;
  }
  // Feedback is opened before the adapters: a database that cannot be opened stops the start.
  const feedback = await feedbackFromConfig(config, engine, logger);
  if (feedback) logger.info(`feedback: 👍/👎 kept in ${config.database ? engine.stats().indexDir : config.feedbackDb}`);
  const running: RunningAdapter[] = [];
  for (const n of names) running.push(await (await (ADAPTERS[n] as { load: () => Promise<StartAdapter> }).load())({ engine, env, logger, feedback }));
  logger.info(`running: ${running.map((r) => r.name).join(', ')}; Ctrl+C to stop`);
  // The followed feeds are polled while the bots run, by one replica of those on a database (the
  // "feeds" role); what they bring is announced on each platform.
  const feeds: { watch: ReturnType<Engine['watchFeeds']> } = { watch: null };
  const stopFeeds = engine.coordination.lead('feeds', async (leading) => {
    if (!leading) {
      await feeds.watch?.stop();
      feeds.watch = null;
      return;
    }
    feeds.watch = engine.watchFeeds(async (report) => {
      await Promise.allSettled(running.map((r) => r.announce?.(report)));
    });
  });
  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      logger.info(`${sig}: stopping (answers in flight are finished first)`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await stopFeeds();
  await feeds.watch?.stop();
  await Promise.allSettled(running.map((r) => r.stop()));
  await feedback?.close();
  await engine.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const msg = err instanceof KiemchungError ? `error (${err.code}): ${err.message}` : `unexpected error: ${(err as Error)?.stack ?? String(err)}`;
    process.stderr.write(`${redact(msg, secretValues())}\n`);
    process.exitCode = 1;
  },
);
