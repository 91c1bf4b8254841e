import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusEmbedder } from '../../src/embed/corpus-embedder.js';
import { type Engine, createEngine } from '../../src/index.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/postgres/database.js';
import { updateDatabaseIndex } from '../../src/store/postgres/write-index.js';
import { article, copyCorpus } from '../support/corpus.js';
import { type Cluster, findPostgres, startCluster } from '../support/postgres-cluster.js';
import { type Replica, deliver, startReplica } from '../support/replica.js';
import { type FakeBotApi, TEST_TOKEN, startFakeBotApi } from '../support/telegram-api.js';
import { privateText } from '../support/telegram-harness.js';

const found = findPostgres();
const missing = 'missing' in found ? found.missing : '';
const SECRET = 'outage-secret-0123456789abcdef';
const HOOK = '/telegram/hook';

/**
 * A database of its own, stopped and started again while the engine and a replica run (the
 * shared test database cannot be stopped under the other test files).
 */
describe.skipIf(missing !== '')(`the database going away and coming back${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let cluster: Cluster;
  let corpus: string;
  let api: FakeBotApi;
  const env = () => ({
    KIEMCHUNG_DATABASE_URL: cluster.url,
    KIEMCHUNG_DATABASE_SCHEMA: 'outage',
    KIEMCHUNG_CORPUS: corpus,
    KIEMCHUNG_DATABASE_CONNECT_TIMEOUT_MS: '2000',
  });

  beforeAll(async () => {
    cluster = await startCluster();
    corpus = copyCorpus();
    const db = openDatabase({ url: cluster.url, schema: 'outage', poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 30_000 }, silentLogger);
    await updateDatabaseIndex({ db, corpus, embedder: new CorpusEmbedder() });
    await db.close();
    api = await startFakeBotApi();
  });

  afterAll(async () => {
    await api?.close();
    cluster?.destroy();
    if (corpus) fs.rmSync(corpus, { recursive: true, force: true });
  });

  it('fails a question with a clear error while the database is down, and answers again, new generations included, once it is back', async () => {
    const engine: Engine = await createEngine({ env: env(), embedder: new CorpusEmbedder(), logger: silentLogger });
    try {
      expect((await engine.ask('Ai là Tổng Thư ký IEC?')).text).toContain('Philippe Metzger');
      cluster.stop();
      const down = await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ở đâu?').then(
        () => null,
        (err: unknown) => err,
      );
      expect(down).toMatchObject({
        code: 'database',
        message: expect.stringMatching(
          /cannot reach the database at postgres:\/\/127\.0\.0\.1:\d+\/kiemchung_test \(schema outage\).*check that PostgreSQL is running/,
        ),
      });
      cluster.start();
      expect((await engine.ask('Hội nghị LMC lần thứ 4 tổ chức ở đâu?')).text).toContain('Bắc Kinh');
      // The store listens again: a generation written after the restart is served.
      fs.writeFileSync(
        `${corpus}/sau-khi-khoi-dong.md`,
        article('sau-khi-khoi-dong', 'Hợp tác về tàu ngầm nghiên cứu', ['Tàu ngầm nghiên cứu Hải Âu sẽ khảo sát rạn san hô ở Côn Đảo vào tháng 9.']),
      );
      const writer = openDatabase({ url: cluster.url, schema: 'outage', poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 30_000 }, silentLogger);
      await updateDatabaseIndex({ db: writer, corpus, embedder: new CorpusEmbedder() });
      await writer.close();
      const deadline = Date.now() + 15_000;
      while (engine.stats().generation < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(engine.stats().generation).toBe(2);
      expect((await engine.ask('Tàu ngầm Hải Âu khảo sát ở đâu?')).text).toContain('Côn Đảo');
    } finally {
      cluster.start();
      await engine.close();
    }
  });

  it('a replica started while the database is down waits for it instead of exiting, then serves; updates sent meanwhile are answered once it is back', async () => {
    cluster.stop();
    let replica: Replica | null = null;
    try {
      replica = await startReplica(
        {
          ...env(),
          TELEGRAM_BOT_TOKEN: TEST_TOKEN,
          TELEGRAM_API_ROOT: api.apiRoot,
          TELEGRAM_WEBHOOK_URL: `https://bot.example.org${HOOK}`,
          TELEGRAM_WEBHOOK_SECRET: SECRET,
        },
        ['telegram'],
        { waitFor: /cannot reach the database.*trying again in 2 s/ },
      );
      expect(replica.child.exitCode).toBeNull();
      expect(replica.lines.join('\n')).toMatch(
        /error \(database\)|cannot reach the database at postgres:\/\/127\.0\.0\.1:\d+\/kiemchung_test \(schema outage\) \(connection refused\)/,
      );
      cluster.start();
      const listening = await replica.waitForLine(/webhook listening on [\d.]+:\d+/, 60_000);
      const port = Number(/:(\d+)\//.exec(listening)?.[1]);
      const update = { update_id: 900, ...privateText('Ai là Tổng Thư ký IEC?', { userId: 9900 }) };
      expect(await deliver(port, HOOK, SECRET, update)).toEqual([200]);
      await api.waitFor(() => api.of('sendMessage').some((c) => Number(c.payload.chat_id) === 9900));

      // Down while serving: the webhook call fails (Telegram delivers it again later), the process stays up.
      cluster.stop();
      const later = { update_id: 901, ...privateText('Hội nghị LMC lần thứ 4 tổ chức ở đâu?', { userId: 9901 }) };
      expect(await deliver(port, HOOK, SECRET, later, { retries: 0 })).toEqual([500]);
      expect(replica.child.exitCode).toBeNull();
      await replica.waitForLine(/claiming a chat update: cannot reach the database/);
      cluster.start();
      const statuses = await deliver(port, HOOK, SECRET, later, { retries: 50, retryMs: 200 });
      expect(statuses.at(-1)).toBe(200);
      await api.waitFor(() => api.of('sendMessage').some((c) => Number(c.payload.chat_id) === 9901));
      expect(api.of('sendMessage').filter((c) => Number(c.payload.chat_id) === 9901)).toHaveLength(1);
      expect(api.of('sendMessage').find((c) => Number(c.payload.chat_id) === 9901)?.payload.text).toContain('Bắc Kinh');
    } finally {
      await replica?.stop();
    }
  });
});
