import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusEmbedder } from '../../src/embed/corpus-embedder.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/postgres/database.js';
import { updateDatabaseIndex } from '../../src/store/postgres/write-index.js';
import { article, copyCorpus } from '../support/corpus.js';
import { DATABASE_MISSING, databaseEnv, dropSchema, hasDatabase, testDatabaseConfig, testSchema } from '../support/postgres.js';
import { type Replica, deliver, startReplica } from '../support/replica.js';
import { type FakeBotApi, TEST_TOKEN, startFakeBotApi } from '../support/telegram-api.js';
import { privateText } from '../support/telegram-harness.js';

const SECRET = 'replica-secret-0123456789abcdef';
const HOOK = '/telegram/hook';
const ADMIN = 4242;

describe.skipIf(!hasDatabase)(`replicas on one database${hasDatabase ? '' : ` (skipped: ${DATABASE_MISSING})`}`, () => {
  const schema = testSchema('replicas');
  let corpus: string;
  let api: FakeBotApi;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    corpus = copyCorpus();
    const db = openDatabase(testDatabaseConfig(schema), silentLogger);
    await updateDatabaseIndex({ db, corpus, embedder: new CorpusEmbedder() });
    await db.close();
    api = await startFakeBotApi();
    const env = {
      ...databaseEnv(schema),
      KIEMCHUNG_CORPUS: corpus,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://bot.example.org${HOOK}`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      ADMIN_IDS: String(ADMIN),
    };
    [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await api?.close();
    await dropSchema(schema);
    if (corpus) fs.rmSync(corpus, { recursive: true, force: true });
  });

  /** What the bot sent to one chat, in order. */
  const sentTo = (chat: number) =>
    api
      .of('sendMessage')
      .filter((c) => Number(c.payload.chat_id) === chat)
      .map((c) => String(c.payload.text));

  it('an article indexed through one replica is answered, with its citation, by the other', async () => {
    const question = 'LOTUSat-2 được phóng vào năm nào?';
    await deliver(b.port, HOOK, SECRET, { update_id: 100, ...privateText(question, { userId: 7001 }) });
    await api.waitFor(() => sentTo(7001).length === 1);
    expect(sentTo(7001)[0]).not.toContain('Tanegashima');

    fs.writeFileSync(
      path.join(corpus, 've-tinh-2025.md'),
      article('ve-tinh-2025', 'Việt Nam và Nhật Bản hợp tác phóng vệ tinh', [
        'Theo thỏa thuận ký ngày 3/3/2025, vệ tinh LOTUSat-2 sẽ được phóng vào năm 2027 từ Trung tâm Vũ trụ Tanegashima.',
      ]),
    );
    await deliver(a.port, HOOK, SECRET, { update_id: 101, ...privateText('/reindex', { userId: ADMIN }) });
    await api.waitFor(() => sentTo(ADMIN).some((t) => t.startsWith('Đã cập nhật chỉ mục')), 60_000);
    expect(sentTo(ADMIN).find((t) => t.startsWith('Đã cập nhật chỉ mục'))).toContain('thêm 1, sửa 0, xoá 0');

    // The other replica was told by the database at once: no restart, no second indexing.
    await b.waitForLine(/serving index generation 2/, 5000);
    await deliver(b.port, HOOK, SECRET, { update_id: 102, ...privateText(question, { userId: 7002 }) });
    await api.waitFor(() => sentTo(7002).length >= 1);
    const answer = sentTo(7002).join('\n');
    expect(answer).toContain('LOTUSat-2 sẽ được phóng vào năm 2027 từ Trung tâm Vũ trụ Tanegashima');
    expect(answer).toContain('ve-tinh-2025#p1');
    expect(a.lines.some((l) => /index updated: 1 added/.test(l))).toBe(true);
    expect(b.lines.some((l) => /index updated/.test(l))).toBe(false);
  });

  it('answers once an update delivered to both replicas at once, and once more when Telegram retries it', async () => {
    const before = api.of('sendMessage').length;
    const updates = Array.from({ length: 20 }, (_, i) => ({
      update_id: 200 + i,
      ...privateText(i % 2 ? 'Ai là Tổng Thư ký IEC?' : 'Hội nghị LMC lần thứ 4 tổ chức ở đâu?', { userId: 8000 + i }),
    }));
    const statuses = await Promise.all(updates.flatMap((u) => [deliver(a.port, HOOK, SECRET, u), deliver(b.port, HOOK, SECRET, u)]));
    // Every delivery ends acknowledged; a 503 meant "another replica is on it", then it was.
    expect(statuses.every((s) => s.at(-1) === 200)).toBe(true);
    await Promise.all(updates.map((u) => deliver(b.port, HOOK, SECRET, u)));
    await api.waitFor(() => api.of('sendMessage').length >= before + 20);
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 20; i++) expect(sentTo(8000 + i)).toHaveLength(1);
    expect(api.of('sendMessage').length).toBe(before + 20);
    // Every second delivery was recognised as one: acknowledged, not answered again.
    const acknowledged = (r: Replica) => r.lines.filter((l) => /update 2\d\d was already answered/.test(l)).length;
    expect(acknowledged(a) + acknowledged(b)).toBeGreaterThanOrEqual(20);
  });

  it("shares a user's rate limit across replicas", async () => {
    const user = 9100;
    const ask = (i: number, r: Replica) => deliver(r.port, HOOK, SECRET, { update_id: 300 + i, ...privateText('Ai là Tổng Thư ký IEC?', { userId: user }) });
    for (let i = 0; i < 10; i++) await ask(i, i % 2 ? a : b);
    await ask(10, a);
    await api.waitFor(() => sentTo(user).length >= 11);
    expect(
      sentTo(user)
        .slice(0, 10)
        .every((t) => t.includes('Philippe Metzger')),
    ).toBe(true);
    expect(sentTo(user)[10]).toContain('tối đa 10 câu mỗi phút');
    expect(sentTo(user)[10]).not.toContain('Philippe Metzger');
  });
});
