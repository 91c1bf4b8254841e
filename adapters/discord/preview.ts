/**
 * Prints the Discord messages (embeds, buttons) the bot would send for some questions, using
 * the engine configured by the environment, so the layout can be checked without Discord:
 * `node dist/adapters/discord/preview.js "question" ...`.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Engine, createEngine, createLogger } from '../../src/index.js';
import type { OutMessage } from './embeds.js';
import { answerMessages } from './format.js';

export async function previewAnswers(engine: Engine, questions: string[]): Promise<{ question: string; messages: OutMessage[] }[]> {
  const stats = engine.stats();
  const out = [];
  for (const question of questions) out.push({ question, messages: answerMessages(await engine.ask(question), stats) });
  return out;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(realpathSync(entry)).href) {
  const engine = await createEngine({ logger: createLogger('warn') });
  try {
    process.stdout.write(`${JSON.stringify(await previewAnswers(engine, process.argv.slice(2)), null, 2)}\n`);
  } finally {
    await engine.close();
  }
}
