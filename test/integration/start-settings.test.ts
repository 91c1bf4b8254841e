import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { tempDir } from '../support/corpus.js';
import { TEST_TOKEN } from '../support/telegram-api.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('npm start reports every bad setting of the engine and of the bots at once, before opening the index', async () => {
  const indexDir = path.join(tempDir(), 'index');
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/start.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_RATE_LIMIT: 'many',
      DISCORD_TOKEN: 'x',
      DISCORD_DRAFT_INTERVAL_MS: 'soon',
      KIEMCHUNG_TOP_K: '-3',
      // A corpus that is not there: reaching the index would report it instead.
      KIEMCHUNG_CORPUS: path.join(tempDir(), 'no-corpus'),
      KIEMCHUNG_INDEX_DIR: indexDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(1);
  expect(err).toMatch(/^error \(config\): Invalid configuration:\n/);
  expect(err).toMatch(/KIEMCHUNG_TOP_K/);
  expect(err).toMatch(/TELEGRAM_RATE_LIMIT/);
  expect(err).toMatch(/DISCORD_DRAFT_INTERVAL_MS/);
  expect(err).not.toMatch(/corpus not found/);
  expect(err).not.toContain(TEST_TOKEN);
});
