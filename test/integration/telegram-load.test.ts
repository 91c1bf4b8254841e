import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchTelegram } from '../../adapters/telegram/index.js';
import { TEST_TOKEN, startFakeBotApi } from '../support/telegram-api.js';
import { createRealEngine, privateText, recordingLogger } from '../support/telegram-harness.js';

// The CI run is small; TELEGRAM_LOAD_USERS=200 gives the full figure (200 users × 5 questions).
const USERS = Number(process.env.TELEGRAM_LOAD_USERS ?? 25);
const PER_USER = 5;
const FLOOD = 30;

let real: Awaited<ReturnType<typeof createRealEngine>>;
beforeAll(async () => {
  real = await createRealEngine();
});
afterAll(async () => {
  await real.dispose();
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

it(`serves ${USERS} users asking ${PER_USER} questions at once, each exactly once, and limits one flooding user`, async () => {
  const api = await startFakeBotApi();
  const rec = recordingLogger();
  const env = { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_RATE_LIMIT: '10' };
  const rt = await launchTelegram({ engine: real.engine, env, logger: rec.logger }, { pollTimeoutSeconds: 10 });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  try {
    const questions = [
      'Việt Nam ký kết gì tại Hội nghị LMC?',
      'Ai là Tổng Thư ký IEC?',
      'Tong thu ky IEC la ai?',
      'Giá vàng hôm nay bao nhiêu?',
      'IEC hỗ trợ Việt Nam đào tạo trong những lĩnh vực nào?',
    ];
    const pushedAt = new Map<number, number>();
    const flooder = 9_999;
    const all: number[] = [];
    for (let k = 0; k < PER_USER; k++) {
      for (let u = 0; u < USERS; u++) {
        const upd = privateText(questions[(u + k) % questions.length] as string, { userId: 10_000 + u });
        api.push(upd);
        pushedAt.set(upd.message!.message_id, performance.now());
        all.push(upd.message!.message_id);
      }
    }
    for (let k = 0; k < FLOOD; k++) api.push(privateText('Ai là Tổng Thư ký IEC?', { userId: flooder }));
    const expected = USERS * PER_USER + 10 + 1;
    await api.waitFor(() => api.of('sendMessage').length >= expected, 120_000);
    await rt.stop();

    const sent = api.of('sendMessage');
    expect(api.of('sendMessage', true).filter((c) => !c.response.ok)).toEqual([]);
    expect(sent).toHaveLength(expected);
    const perQuestion = new Map<number, number>();
    const latencies: number[] = [];
    for (const c of sent) {
      const to = c.payload.reply_parameters?.message_id as number;
      perQuestion.set(to, (perQuestion.get(to) ?? 0) + 1);
      const t = pushedAt.get(to);
      if (t !== undefined) latencies.push(c.at - t);
    }
    for (const id of all) expect(perQuestion.get(id), `question ${id}`).toBe(1);
    const toFlooder = sent.filter((c) => c.payload.chat_id === flooder).map((c) => c.payload.text as string);
    expect(toFlooder.filter((t) => t.startsWith('Bạn đang hỏi hơi nhanh'))).toHaveLength(1);
    expect(toFlooder.filter((t) => t.includes('<b>Nguồn</b>'))).toHaveLength(10);

    latencies.sort((a, b) => a - b);
    const figures = {
      users: USERS,
      questions: all.length,
      answered: latencies.length,
      floodSent: FLOOD,
      floodAnswered: 10,
      p50ms: Math.round(percentile(latencies, 50)),
      p95ms: Math.round(percentile(latencies, 95)),
      p99ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(latencies.at(-1) as number),
      peakRssMB: Math.round(peakRss / 2 ** 20),
    };
    if (process.env.TELEGRAM_LOAD_REPORT) await writeFile(process.env.TELEGRAM_LOAD_REPORT, `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    clearInterval(sampler);
    await api.close();
  }
});
