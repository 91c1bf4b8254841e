/**
 * Registers the bot's commands with Discord: for one guild when DISCORD_GUILD_ID is set (instant,
 * for testing), otherwise globally. A bulk overwrite, so commands removed from the code disappear.
 * Run as `npm run deploy:discord`.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { type Logger, createLogger, errorMessage, redact } from '../../src/index.js';
import { commandBodies } from './commands/index.js';
import { type DiscordConfig, loadDiscordConfig } from './config.js';

export interface DeployResult {
  route: string;
  scope: 'guild' | 'global';
  names: string[];
}

export async function deployCommands(config: Pick<DiscordConfig, 'token' | 'applicationId' | 'guildId' | 'restUrl'>, logger?: Logger): Promise<DeployResult> {
  if (!config.applicationId) throw new Error('DISCORD_APPLICATION_ID is required to register commands');
  const body = commandBodies();
  const route = config.guildId ? Routes.applicationGuildCommands(config.applicationId, config.guildId) : Routes.applicationCommands(config.applicationId);
  // No sweepers: this REST client lives for one request, and their timers would only delay exit.
  const rest = new REST({ api: config.restUrl, hashSweepInterval: 0, handlerSweepInterval: 0 }).setToken(config.token);
  const names = body.map((b) => (b as { name: string }).name);
  logger?.info(`registering ${names.length} commands (${names.join(', ')}) ${config.guildId ? `for guild ${config.guildId}` : 'globally'}`);
  await rest.put(route, { body });
  return { route, scope: config.guildId ? 'guild' : 'global', names };
}

/** The script: reads the environment, registers, and exits 1 with a short, token-free reason on failure. */
export async function main(env: NodeJS.ProcessEnv = process.env, logger: Logger = createLogger('info')): Promise<number> {
  let token = '';
  try {
    const config = loadDiscordConfig(env, { requireApplicationId: true });
    token = config.token;
    const r = await deployCommands(config, logger);
    logger.info(`registered ${r.names.length} ${r.scope} commands at ${r.route}`);
    return 0;
  } catch (err) {
    logger.error(`command registration failed: ${redact(errorMessage(err), token ? [token] : [])}`);
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
