import { Client, Events, GatewayIntentBits, type Interaction, REST, Routes } from 'discord.js';
import { type FeedPollReport, KiemchungError, type Logger, ProviderError, errorMessage, networkCode, redact } from '../../src/index.js';
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

/** The Discord connection of this process: a fresh discord.js client at each `connect`. */
interface Gateway {
  connect(): Promise<void>;
  /** Finishes the answers in flight, then disconnects; with `handOver`, what arrives meanwhile is left to the next holder. */
  disconnect(options: { handOver: boolean }): Promise<void>;
}

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
        await rest.post(Routes.channelMessages(channel), {
          body: { ...(m.content ? { content: m.content } : {}), embeds: m.embeds, allowed_mentions: NO_MENTIONS },
        });
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
 *
 * Replicas on one database (the engine's coordination is the database) hold one gateway
 * connection between them: the replica holding the "discord-gateway" role connects, the others
 * serve only HTTP (Telegram's webhook), and when the holder dies or loses the database another
 * takes the role over within seconds. Discord gives each interaction to every session of a bot,
 * so two gateways would answer twice; one answers in milliseconds, so one is enough.
 */
export const startDiscord: StartAdapter = async ({ engine, env, logger: baseLogger, feedback }): Promise<RunningAdapter> => {
  const config = loadDiscordConfig(env);
  const logger = maskingLogger(baseLogger, { secrets: [config.token] });
  const state: HandlerState = { closing: false };
  const handle = createInteractionHandler(
    {
      engine,
      logger,
      config,
      limiter: createRateLimiter({ limit: config.rateLimit, coordination: engine.coordination, name: 'discord' }),
      conversations: createConversations(config.conversations, { coordination: engine.coordination }),
      feedback: feedback ?? null,
    },
    state,
  );
  const inFlight = createInFlight();
  // Announcements go through REST alone: any replica can post them, gateway or not.
  const rest = new REST({ api: config.restUrl }).setToken(config.token);
  const announce = (report: FeedPollReport) => announceInChannels(rest, config.announceChannels, logger, report);
  /** Set when this process is giving its gateway up: what still arrives is another replica's to answer. */
  let handingOver = false;

  const gateway = ((): Gateway => {
    let client: Client | null = null;
    return {
      async connect() {
        const c = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: config.restUrl }, allowedMentions: NO_MENTIONS });
        c.on(Events.InteractionCreate, (interaction: Interaction) => {
          if (handingOver) return void logger.info('discord: an interaction arrived while handing the gateway over; left to the next holder');
          void inFlight.track(handle(interaction).catch((err: unknown) => logger.error('discord interaction handler failed', err)));
        });
        c.on(Events.Error, (err) => logger.error('discord client error', err));
        c.on(Events.Warn, (msg) => logger.warn(`discord: ${msg}`));
        c.once(Events.ClientReady, (ready) => {
          logger.info(`discord bot ready as ${ready.user.tag} in ${ready.guilds.cache.size} guilds`);
          if (config.allowedGuilds.size > 0) {
            for (const g of ready.guilds.cache.values()) {
              if (!config.allowedGuilds.has(g.id)) logger.warn(`discord: guild ${g.id} is not in DISCORD_ALLOWED_GUILDS; its requests will be refused`);
            }
          }
        });
        c.on(Events.GuildCreate, (g) => {
          if (config.allowedGuilds.size > 0 && !config.allowedGuilds.has(g.id)) {
            logger.warn(`discord: added to guild ${g.id}, which is not in DISCORD_ALLOWED_GUILDS`);
          }
        });
        try {
          await c.login(config.token);
        } catch (err) {
          await c.destroy().catch(() => undefined);
          // Only the message, masked: the original error object is not kept as a cause in case it carries request details.
          const detail = redact(errorMessage(err), [config.token]);
          // Discord out of reach is no fault of the settings (a refused token is).
          if (networkCode(err)) throw new ProviderError('discord', `Discord login failed: cannot reach Discord (${detail})`);
          throw new KiemchungError('config', `Discord login failed: ${detail}`);
        }
        client = c;
        handingOver = false;
      },
      async disconnect({ handOver }) {
        const c = client;
        client = null;
        if (!c) return;
        handingOver = handOver;
        const left = await drain(inFlight, DRAIN_MS);
        if (left > 0) logger.warn(`discord: disconnected with ${left} answers still in flight`);
        await c.destroy();
      },
    };
  })();

  if (engine.coordination.scope === 'process') {
    await gateway.connect();
    return {
      name: 'discord',
      announce,
      async stop() {
        state.closing = true;
        await gateway.disconnect({ handOver: false });
        logger.info('discord bot stopped');
      },
    };
  }

  const giveUp = engine.coordination.lead('discord-gateway', async (leading) => {
    if (!leading) return gateway.disconnect({ handOver: true });
    try {
      await gateway.connect();
    } catch (err) {
      // A refused token fails on every replica alike: said once here, the others say it when their turn comes.
      logger.error('discord: this replica holds the gateway role but could not connect', err);
    }
  });
  logger.info('discord: one replica holds the Discord gateway ("discord-gateway" role); this one connects when it gets the role');
  return {
    name: 'discord',
    announce,
    async stop() {
      state.closing = true;
      await gateway.disconnect({ handOver: false });
      await giveUp();
      logger.info('discord bot stopped');
    },
  };
};
