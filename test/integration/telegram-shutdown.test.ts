import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { TEST_TOKEN, startFakeBotApi } from '../support/telegram-api.js';
import { CORPUS, privateText } from '../support/telegram-harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('SIGTERM during a burst: every question taken is answered once, polling stops, exit code 0', async () => {
  const api = await startFakeBotApi();
  const indexDir = await mkdtemp(path.join(tmpdir(), 'kiemchung-telegram-stop-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/start.ts', 'telegram'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_RATE_LIMIT: '100',
      KIEMCHUNG_CORPUS: CORPUS,
      KIEMCHUNG_INDEX_DIR: indexDir,
      KIEMCHUNG_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await api.waitFor(() => api.waiting() > 0, 60_000);
    const questions = ['Việt Nam ký kết gì tại Hội nghị LMC?', 'Ai là Tổng Thư ký IEC?', 'Tong thu ky IEC la ai?', 'Giá vàng hôm nay bao nhiêu?'];
    const ids: number[] = [];
    for (let k = 0; k < 40; k++) ids.push(api.push(privateText(questions[k % questions.length] as string, { userId: 1000 + (k % 8) })));
    // Stop once every question has been taken and the first answers are out, with more in flight.
    await api.waitFor(() => ids.every((id) => api.delivered.has(id)) && api.of('sendMessage').length > 0);
    const atSignal = api.of('sendMessage').length;
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const replies = new Map<number, number>();
    for (const c of api.of('sendMessage')) {
      const to = c.payload.reply_parameters?.message_id as number;
      replies.set(to, (replies.get(to) ?? 0) + 1);
    }
    if (process.env.SHOW_COUNTS) console.log('answers sent before SIGTERM:', atSignal, 'after:', api.of('sendMessage').length);
    expect(replies.size).toBe(40);
    expect([...replies.values()].every((n) => n === 1)).toBe(true);
    expect(api.confirmedOffset()).toBe(Math.max(...ids) + 1);
    expect(output).toMatch(/SIGTERM: stopping/);
    expect(output).toContain('telegram: long polling stopped');
    expect(output).not.toContain(TEST_TOKEN.split(':')[1] as string);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await api.close();
    await rm(indexDir, { recursive: true, force: true });
  }
});
