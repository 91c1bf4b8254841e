import { Client, Events, GatewayIntentBits, type Interaction, type REST, Routes } from 'discord.js';
import { type FeedPollReport, KiemchungError, type Logger, errorMessage, redact } from '../../src/index.js';
import { maskingLogger } from '../shared/log.js';
import { type RunningAdapter, type StartAdapter, createInFlight, drain } from '../shared/lifecycle.js';
import { loadDiscordConfig } from './config.js';
import { NO_MENTIONS } from './embeds.js';
import { announcementMessages } from './format.js';
import { type HandlerState, createInteractionHandler } from './handler.js';
import { createRateLimiter } from '../shared/rate-limit.js';
import { createConversations } from '../shared/conversations.js';

/** How long `stop` waits for answers in flight before closing the connection anyway. */
export const DRAIN_MS = 15_000;

/**
 * Posts what a feed poll added to every channel in DISCORD_ANNOUNCE_CHANNELS (in Vietnamese, no
 * mentions). A channel that cannot be reached is logged and the others still get the news.
 */
export async function announceInChannels(rest: REST, channels: readonly string[], logger: Logger, report: FeedPollReport): Promise<void> {
  if (report.added.length === 0 || channels.length === 0) return;
  const messages = announcementMessages(report.added, 'vi');
  for (const channel of channels) {
    try {
      for (const m of messages) {
        await rest.post(Routes.channelMessages(channel), { body: { ...(m.content ? { content: m.content } : {}), embeds: m.embeds, allowed_mentions: NO_MENTIONS } });
      }
    } catch (err) {
      logger.warn(`discord: could not announce ${report.added.length} new article(s) in channel ${channel}`, err);
    }
  }
}

/**
 * Starts the Discord bot: Guilds intent only (slash commands, context menus and buttons need no
 * privileged intent), every REST call through DISCORD_REST_URL, mentions disabled client-wide.
 * `stop` refuses new interactions, lets answers in flight finish, then disconnects; the host
 * calls it on SIGINT/SIGTERM.
 */
export const startDiscord: StartAdapter = async ({ engine, env, logger: baseLogger, feedback }): Promise<RunningAdapter> => {
  const config = loadDiscordConfig(env);
  const logger = maskingLogger(baseLogger, { secrets: [config.token] });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.restUrl },
    allowedMentions: NO_MENTIONS,
  });
  const state: HandlerState = { closing: false };
  const handle = createInteractionHandler(
    { engine, logger, config, limiter: createRateLimiter({ limit: config.rateLimit }), conversations: createConversations(config.conversations), feedback: feedback ?? null },
    state,
  );
  const inFlight = createInFlight();

  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    void inFlight.track(handle(interaction).catch((err: unknown) => logger.error('discord interaction handler failed', err)));
  });
  client.on(Events.Error, (err) => logger.error('discord client error', err));
  client.on(Events.Warn, (msg) => logger.warn(`discord: ${msg}`));
  client.once(Events.ClientReady, (c) => {
    logger.info(`discord bot ready as ${c.user.tag} in ${c.guilds.cache.size} guilds`);
    if (config.allowedGuilds.size > 0) {
      for (const g of c.guilds.cache.values()) {
        if (!config.allowedGuilds.has(g.id)) logger.warn(`discord: guild ${g.id} is not in DISCORD_ALLOWED_GUILDS; its requests will be refused`);
      }
    }
  });
  client.on(Events.GuildCreate, (g) => {
    if (config.allowedGuilds.size > 0 && !config.allowedGuilds.has(g.id)) {
      logger.warn(`discord: added to guild ${g.id}, which is not in DISCORD_ALLOWED_GUILDS`);
    }
  });

  try {
    await client.login(config.token);
  } catch (err) {
    await client.destroy().catch(() => undefined);
    // Only the message, masked: the original error object is not kept as a cause in case it carries request details.
    throw new KiemchungError('config', `Discord login failed: ${redact(errorMessage(err), [config.token])}`);
  }

  return {
    name: 'discord',
    announce: (report) => announceInChannels(client.rest, config.announceChannels, logger, report),
    async stop() {
      state.closing = true;
      const left = await drain(inFlight, DRAIN_MS);
      if (left > 0) logger.warn(`discord: stopped with ${left} answers still in flight`);
      await client.destroy();
      logger.info('discord bot stopped');
    },
  };
};
