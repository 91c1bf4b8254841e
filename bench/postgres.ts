/**
 * `npm run bench:postgres`: the database store at scale, beside the embedded one on the same
 * index. An embedded index of the vinewsqa-dev articles plus baomoi distractors (built here, or
 * given with --index) is copied into PostgreSQL (`kiemchung import-index`); then, each in a
 * process of its own: `ask` latency and quality on every question through the database and
 * through the embedded index; the database's lexical ranking against the embedded one;
 * throughput of one replica and of two on the same database; 1,000 webhook updates delivered to
 * two replicas at once (answers counted at a stand-in Bot API); and how long a new generation
 * takes to reach every replica. Results go to docs/benchmarks.md (its "PostgreSQL" section,
 * kept by `npm run bench`) and docs/benchmarks-postgres.json. Load averages are recorded beside
 * every timing: the machine is shared.
 *
 *   npm run bench:postgres -- [--database URL [--keep]] [--index DIR] [--size all|N] [--questions N] [--updates N] [--smoke]
 *   npm run bench:postgres -- --render docs/benchmarks-postgres.json [--out FILE]
 *
 * `--keep` leaves an index already in the database's `bench_<size>` schema in place: the copy is
 * then an update like any other and writes only what differs (nothing, when the same embedded
 * index was copied before in the current format; everything, when the format changed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { REPO_ROOT } from './args.js';
import { type BenchQuestion, SERVED_WARMUP, findData, loadQuestions, writeScaleCorpus } from './data.js';
import { compileForBench, runTask, type Runtime } from './spawn.js';
import type { BuildResult } from './tasks/build.js';
import type { FidelityResult } from './tasks/pg-fidelity.js';
import type { QueryResult } from './tasks/query.js';
import type { PhaseDone, ReplicaPhasesResult } from './tasks/replica-phases.js';
import type { DatabaseConfig } from '../src/config.js';
import { benchEmbedder } from './embedder.js';
import { createLogger } from '../src/log.js';
import { openDatabase } from '../src/store/postgres/database.js';
import { importEmbeddedIndex } from '../src/store/postgres/import-index.js';
import { SegmentStore } from '../src/store/segment-store.js';
import { updateDatabaseIndex } from '../src/store/postgres/write-index.js';
import { servingGeneration } from '../src/store/postgres/generation.js';
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { type Cluster, startCluster } from '../test/support/postgres-cluster.js';
import { NO_RESPONSE, type Replica, deliver, startReplica } from '../test/support/replica.js';
import { TEST_TOKEN, startFakeBotApi } from '../test/support/telegram-api.js';
import { privateText } from '../test/support/telegram-harness.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    index: { type: 'string' },
    size: { type: 'string' },
    questions: { type: 'string' },
    updates: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    runtime: { type: 'string' },
    render: { type: 'string' },
  },
});
if (values.render) {
  // The section written again from a run's raw figures (\`--render docs/benchmarks-postgres.json\`).
  const json = path.resolve(values.render);
  const md = path.resolve(values.out ?? path.join(REPO_ROOT, 'docs', 'benchmarks.md'));
  writeSection(md, renderSection(JSON.parse(fs.readFileSync(json, 'utf8')) as Results, path.relative(path.dirname(md), json)));
  process.stdout.write(`${md}\n`);
  process.exit(0);
}
const smoke = values.smoke;
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
const runtime: Runtime = (values.runtime as Runtime | undefined) ?? (smoke ? 'tsx' : 'compiled');
const data = findData(path.resolve(values.data ?? path.join(REPO_ROOT, '..', 'shared', 'data')));
if ('missing' in data) {
  log(`bench:postgres skipped: data missing (${data.missing.join(', ')})`);
  process.exit(0);
}
const size = values.size === undefined ? (smoke ? 200 : Infinity) : values.size === 'all' ? Infinity : Number(values.size);
const questionLimit = Number(values.questions ?? (smoke ? 40 : 100_000));
const updateCount = Number(values.updates ?? (smoke ? 50 : 1000));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-pg-'));
const outMd = path.resolve(values.out ?? (smoke ? path.join(work, 'benchmarks.md') : path.join(REPO_ROOT, 'docs', 'benchmarks.md')));
const outJson = outMd.replace(/\.md$/, '-postgres.json');
/** PostgreSQL's shared buffers in the cluster a full run starts. */
const BENCH_SHARED_BUFFERS = '2GB';

interface Timed {
  ms: number;
  loadavg: { start: number[]; end: number[] };
}
async function timed<T>(what: string, f: () => Promise<T>): Promise<{ value: T } & Timed> {
  const start = loadavg();
  const t0 = performance.now();
  log(`${what}…`);
  const value = await f();
  const ms = performance.now() - t0;
  log(`${what}: ${(ms / 1000).toFixed(1)} s`);
  return { value, ms, loadavg: { start, end: loadavg() } };
}

let cluster: Cluster | null = null;
let url = values.database ?? process.env['KIEMCHUNG_BENCH_DATABASE_URL'] ?? '';
try {
  if (!url) {
    log('starting a PostgreSQL cluster for the benchmark');
    // The settings README recommends: shared buffers that hold the index's tables (1.8 GB at
    // 35k), so that a search reads no page from the operating system's cache.
    cluster = await startCluster(smoke ? {} : { shared_buffers: BENCH_SHARED_BUFFERS });
    url = cluster.url;
  }
  if (runtime === 'compiled') await compileForBench();
  const label = Number.isFinite(size) ? `${size}` : 'all';
  const corpus = path.join(work, 'corpus.jsonl');
  const sc = await writeScaleCorpus(data, smoke ? 100 : 100_000, size, corpus);
  const questions: BenchQuestion[] = loadQuestions(data.questions, new Set(sc.answerIds), questionLimit);

  // The embedded index: given, or built here as `npm run bench` builds it.
  let indexDir = values.index ? path.resolve(values.index) : path.join(work, 'index');
  let embeddedBuild: (BuildResult & { wallMs: number }) | null = null;
  if (!values.index) {
    log(`building the embedded index of ${sc.answerArticles + sc.distractors} articles`);
    const b = await runTask<BuildResult>('build', { corpus, indexDir }, { runtime });
    embeddedBuild = { ...b.result, wallMs: b.wallMs };
  } else indexDir = path.resolve(values.index);
  const embedder = benchEmbedder();
  const segStats = SegmentStore.open(indexDir, embedder).stats();

  const schema = `bench_${label}`;
  // As \`npm start\` serves (KIEMCHUNG_DATABASE_VECTOR_SEARCH's default): vector searches in each process's own graph.
  const database: DatabaseConfig = { url, schema, poolMax: 10, connectTimeoutMs: 5000, statementTimeoutMs: 60_000, vectorSearch: 'replica' };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const server: Record<string, string> = {};
  for (const name of ['server_version', 'shared_buffers', 'work_mem', 'effective_cache_size']) {
    server[name] = String((await admin.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name] ?? '');
  }
  const keep = values.keep && cluster === null;
  if (!keep) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  const writer = openDatabase(database, createLogger('debug'), { role: 'write' });
  const imported = await timed(`copying the embedded index into ${writer.where}`, () =>
    importEmbeddedIndex({ indexDir, db: writer, embedder, logger: createLogger('debug') }),
  );
  const sizes = (
    await admin.query<{ name: string; bytes: string }>(
      `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 2 DESC`,
      [schema],
    )
  ).rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));

  const warmup = Math.min(50, Math.floor(questions.length / 4));
  const queryDb = await timed('ask and search through the database, one question at a time', () =>
    runTask<QueryResult>('query', { corpus, indexDir, database, questions, warmup }, { runtime }),
  );
  const queryEmb = await timed('the same on the embedded index', () => runTask<QueryResult>('query', { corpus, indexDir, questions, warmup }, { runtime }));
  const fidelity = await timed('lexical ranking: database against embedded', () =>
    runTask<FidelityResult>('pg-fidelity', { indexDir, database, questions: questions.slice(0, smoke ? 40 : 500) }, { runtime }),
  );

  // Throughput: one replica and two on the same two processes (each with its own engine,
  // connection pool and vector graph, first answering the same warm-up questions of one half of
  // the questions), in phases over the other half: in each, one replica (each in turn) answers
  // the phase's questions alone, or the two share them (each question taken by whichever is
  // free), in the order one, two, two, one, repeated, so that a
  // load or a machine speed that drifts while it is measured weighs on both alike (runs of a
  // minute each had given the same code 1.41× and 1.80×), and no question measured was answered
  // before by the process answering it. Three times: after a few warm-up questions (replicas just
  // started), after many (replicas that have served a while, their caches of posting lists and
  // paragraphs filled), and after the whole warm-up half twice (replicas long in service: V8
  // compiles the answer code on its helper threads, on a core one replica leaves idle and two take
  // from each other; over 1,237 answers of one process it compiled 100 functions after 600
  // questions and 38 after 2,474).
  const halves = [questions.filter((_, i) => i % 2 === 0), questions.filter((_, i) => i % 2 === 1)] as [BenchQuestion[], BenchQuestion[]];
  const steadyWarmup = Math.min(SERVED_WARMUP, Math.floor(questions.length / 4));
  const longServed = [...halves[0], ...halves[0]];
  const phaseCount = smoke ? 4 : 16;
  interface Phase {
    processes: number;
    answers: number;
    ms: number;
    /** When each replica gave its last answer of the phase, from the phase's start. */
    replicaMs: number[];
    cpuMs: number;
    serverMs: number | null;
  }
  const throughputAfter = async (warmupQuestions: BenchQuestion[]) => {
    const warmN = warmupQuestions.length;
    type Child = { send: (m: unknown) => void };
    const children: Child[] = [];
    // Each replica's commands are answered in the order sent: their replies, oldest first.
    const pending = new Map<Child, ((d: PhaseDone) => void)[]>();
    let started: () => void = () => {};
    const allReady = new Promise<void>((resolve) => (started = resolve));
    const replicas = [0, 1].map(() =>
      runTask<ReplicaPhasesResult>(
        'replica-phases',
        { corpus, indexDir, database, warmupQuestions },
        {
          runtime,
          onMessage: (m, child) => {
            const type = (m as { type?: string }).type;
            const c = child as unknown as Child;
            if (type === 'ready' && children.push(c) === 2) started();
            else if (type === 'phase-done') pending.get(c)?.shift()?.(m as PhaseDone);
          },
        },
      ),
    );
    // A replica that fails before it is ready ends the wait with its error.
    await Promise.race([allReady, Promise.all(replicas)]);
    const answer = (child: Child, qs: BenchQuestion[]) =>
      new Promise<PhaseDone>((resolve) => {
        const waiting = pending.get(child) ?? [];
        pending.set(child, waiting);
        waiting.push(resolve);
        child.send({ type: 'phase', questions: qs });
      });
    // A phase's questions are handed out one at a time to whichever replica is free, as a load
    // balancer that sends a request to an idle replica does, each replica holding one question
    // besides the one it answers (so that it never waits for the next); the phase ends with its
    // last answer. (Halves given out up front left one replica idle while the other finished:
    // the phases of two then lasted 13-23% longer than the faster replica's half.)
    const serve = async (replicas: Child[], qs: BenchQuestion[]) => {
      let next = 0;
      const t0 = performance.now();
      const each = await Promise.all(
        replicas.map(async (child) => {
          let answers = 0;
          let cpuMs = 0;
          let last = 0;
          const sent: Promise<PhaseDone>[] = [];
          const give = () => {
            if (next < qs.length) sent.push(answer(child, [qs[next++] as BenchQuestion]));
          };
          give();
          give();
          for (let d = sent.shift(); d; d = sent.shift()) {
            const done = await d;
            give();
            answers += done.answers;
            cpuMs += done.cpuMs;
            last = performance.now() - t0;
          }
          return { answers, cpuMs, ms: last };
        }),
      );
      return { each, ms: performance.now() - t0 };
    };
    const [first, second] = children as [Child, Child];
    const start = loadavg();
    const phases: Phase[] = [];
    let alone = 0;
    for (let p = 0; p < phaseCount; p++) {
      const qs = halves[1].filter((_, i) => i % phaseCount === p);
      const processes = [1, 2, 2, 1][p % 4] as number;
      const server0 = serverCpuMs();
      // The phases of one replica go to each in turn: both have then answered as many questions
      // (a replica's compiled code and caches keep improving with the questions it has seen).
      const done = await serve(processes === 1 ? [alone++ % 2 === 0 ? first : second] : [first, second], qs);
      const server1 = serverCpuMs();
      phases.push({
        processes,
        answers: done.each.reduce((a, d) => a + d.answers, 0),
        ms: done.ms,
        replicaMs: done.each.map((d) => d.ms),
        cpuMs: done.each.reduce((a, d) => a + d.cpuMs, 0),
        serverMs: server0 !== null && server1 !== null ? server1 - server0 : null,
      });
    }
    const end = loadavg();
    for (const c of children) c.send({ type: 'end' });
    await Promise.all(replicas);
    const sum = (processes: number) => {
      const runs = phases.filter((p) => p.processes === processes);
      const answers = runs.reduce((a, r) => a + r.answers, 0);
      const ms = runs.reduce((a, r) => a + r.ms, 0);
      const serverMs = runs.every((r) => r.serverMs !== null) ? runs.reduce((a, r) => a + (r.serverMs as number), 0) : null;
      return {
        processes,
        answers,
        ms,
        perSecond: (answers * 1000) / ms,
        cpuMsPerAnswer: runs.reduce((a, r) => a + r.cpuMs, 0) / answers,
        serverCpuMsPerAnswer: serverMs === null ? null : serverMs / answers,
      };
    };
    // Each round of one, two, two, one on its own: how much the ratio moves within one run.
    const rounds: number[] = [];
    for (let p = 0; p + 4 <= phases.length; p += 4) {
      const rate = (x: Phase) => (x.answers * 1000) / x.ms;
      const [a, b, c, d] = phases.slice(p, p + 4) as [Phase, Phase, Phase, Phase];
      rounds.push((rate(b) + rate(c)) / (rate(a) + rate(d)));
    }
    const one = sum(1);
    const two = sum(2);
    log(
      `throughput after ${warmN} warm-up questions: one replica ${one.perSecond.toFixed(1)} answers/s, two ${two.perSecond.toFixed(1)} (${(two.perSecond / one.perSecond).toFixed(2)}×)`,
    );
    return { one, two, warmup: warmN, phases, rounds, load: { start, end } };
  };
  const throughput = await timed('throughput, one replica and two in alternating phases, after few warm-up questions, many and very many', async () => {
    const started = await throughputAfter(halves[0].slice(0, warmup));
    const steady = await throughputAfter(halves[0].slice(0, steadyWarmup));
    const long = await throughputAfter(longServed);
    return { ...steady, started, long };
  });

  // Webhook: the same updates delivered to two replicas at once.
  const api = await startFakeBotApi();
  const secret = 'bench-webhook-secret-0123456789';
  const env = {
    KIEMCHUNG_DATABASE_URL: url,
    KIEMCHUNG_DATABASE_SCHEMA: schema,
    KIEMCHUNG_CORPUS: corpus,
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook',
    TELEGRAM_WEBHOOK_SECRET: secret,
    TELEGRAM_RATE_LIMIT: '1000',
    KIEMCHUNG_LOG_LEVEL: 'info',
  };
  // A kept schema holds the claims of an earlier run's updates, which have the same ids: they
  // would be acknowledged as answered already, and counted lost here.
  await admin.query(`DELETE FROM "${schema}".claims`);
  const replicas: Replica[] = await Promise.all([startReplica(env), startReplica(env)]);
  const updates = Array.from({ length: updateCount }, (_, i) => ({
    update_id: 10_000 + i,
    ...privateText(questions[i % questions.length]?.question ?? 'Ai là Tổng Thư ký IEC?', { userId: 500_000 + i }),
  }));
  const webhook = await timed(`${updateCount} updates delivered to two replicas at once`, async () => {
    let retried = 0;
    let unanswered = 0;
    let undelivered = 0;
    let next = 0;
    // A delivery that got no HTTP answer (a connection reset under load) is delivered again
    // after a growing pause, as Telegram does; one that never got through is counted, and its
    // update is lost unless the other replica answered it.
    const one = async (r: Replica, u: object) => {
      try {
        const statuses = await deliver(r.port, '/hook', secret, u, { retries: 100, retryMs: 250 });
        retried += statuses.length - 1;
        unanswered += statuses.filter((s) => s === NO_RESPONSE).length;
      } catch (err) {
        undelivered++;
        log(`an update was never delivered to the replica on port ${r.port}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    const worker = async () => {
      while (next < updates.length) {
        const u = updates[next++]!;
        await Promise.all(replicas.map((r) => one(r, u)));
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    // A replica acknowledges an update that waited over 10 s in its queue before answering it:
    // wait for the answers until every update has one, or until none came for a minute (a
    // slow machine answers late; an update still unanswered then is lost), at most 15 minutes.
    const answeredChats = () => new Set(api.of('sendMessage').map((c) => Number(c.payload.chat_id))).size;
    const waitStart = performance.now();
    let seen = answeredChats();
    let lastProgress = performance.now();
    while (seen < updates.length && performance.now() - lastProgress < 60_000 && performance.now() - waitStart < 15 * 60_000) {
      await new Promise((r) => setTimeout(r, 500));
      const now = answeredChats();
      if (now > seen) lastProgress = performance.now();
      seen = now;
    }
    await new Promise((r) => setTimeout(r, 1000));
    const ackedEarly = replicas.reduce((a, r) => a + r.lines.filter((l) => /acknowledged before its answer/.test(l)).length, 0);
    const perChat = new Map<number, number>();
    for (const c of api.of('sendMessage')) perChat.set(Number(c.payload.chat_id), (perChat.get(Number(c.payload.chat_id)) ?? 0) + 1);
    const answered = updates.filter((u) => (perChat.get((u.message as { chat: { id: number } }).chat.id) ?? 0) >= 1).length;
    const duplicated = updates.filter((u) => (perChat.get((u.message as { chat: { id: number } }).chat.id) ?? 0) > 1).length;
    return { updates: updates.length, answered, lost: updates.length - answered, duplicated, retried, unanswered, undelivered, ackedEarly };
  });

  // A new generation: written once, seen by both replicas.
  const probe = {
    id: 'bench-generation-probe',
    title: 'Thử thế hệ mới của chỉ mục',
    date: '2025-01-01',
    dateKind: 'published' as const,
    source: 'bench',
    lang: 'vi' as const,
    tags: [],
    captions: [],
    paragraphs: ['Đoạn dùng để đo thời gian một thế hệ mới đến mọi bản sao.'],
    origin: 'bench',
  };
  const { articles } = await loadCorpus(corpus);
  const t0 = performance.now();
  const update = await updateDatabaseIndex({ db: writer, corpus, embedder, loaded: { articles: [...articles, probe], issues: [] } });
  const committed = performance.now();
  const g = (await servingGeneration(writer))?.generation ?? 0;
  const seen = await Promise.all(
    replicas.map(async (r) => {
      await r.waitForLine(new RegExp(`serving index generation ${g} `), 30_000);
      return performance.now() - committed;
    }),
  );
  const generationSwitch = { updateMs: committed - t0, added: update.added, generation: g, seenByEveryReplicaMs: Math.max(...seen), loadavg: loadavg() };
  await Promise.all(replicas.map((r) => r.stop()));
  await api.close();
  await writer.close();
  await admin.end();

  const results = {
    date: new Date().toISOString(),
    machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? '', memoryGiB: os.totalmem() / 2 ** 30, node: process.version },
    scale: { label, articles: segStats.articles, passages: segStats.passages, questions: questions.length },
    server,
    embeddedBuild,
    import: { kept: keep, ms: imported.ms, loadavg: imported.loadavg, report: imported.value, tables: sizes },
    query: { database: { ...queryDb.value.result, loadavg: queryDb.loadavg }, embedded: { ...queryEmb.value.result, loadavg: queryEmb.loadavg } },
    fidelity: { ...fidelity.value.result, loadavg: fidelity.loadavg },
    throughput: { ...throughput.value, loadavg: throughput.loadavg },
    webhook: { ...webhook.value, ms: webhook.ms, loadavg: webhook.loadavg },
    generationSwitch,
  };
  fs.writeFileSync(outJson, `${JSON.stringify(results, null, 2)}\n`);
  writeSection(outMd, renderSection(results, path.relative(path.dirname(outMd), outJson)));
  log(`wrote ${outMd} and ${outJson}`);
} finally {
  cluster?.destroy();
  if (!smoke) fs.rmSync(work, { recursive: true, force: true });
}

type Results = Record<string, any>;

// Declared as functions: the report is rendered by the top-level code above, before a const here would exist.
function f1(n: number): string {
  return n.toFixed(1);
}
function ms(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(2)} ms`;
}
function la(l: { start: number[]; end: number[] } | number[]): string {
  return Array.isArray(l) ? l.join(' / ') : `${l.start.join(' / ')} → ${l.end.join(' / ')}`;
}
function mb(b: number): string {
  return `${(b / 2 ** 20).toFixed(0)} MiB`;
}

function renderSection(r: Results, json: string): string {
  const q = r.query;
  const t = r.throughput;
  const times = (x: Results) => x.two.perSecond / x.one.perSecond;
  // The target is judged on replicas long in service when the run measured them (runs before did not).
  const judged = t.long ?? t;
  const ratio = times(judged);
  const others = [t.long ? t : null, t.started].filter((x): x is Results => x != null).map((x) => `${times(x).toFixed(2)}× after ${x.warmup}`);
  const lines = [
    '## PostgreSQL (the database store)',
    '',
    `Generated by \`npm run bench:postgres\` (bench/postgres.ts) on ${r.date.slice(0, 10)} at ${r.date.slice(11, 16)} UTC. Raw figures: [${path.basename(json)}](${json}). ${r.scale.articles.toLocaleString('en')} articles, ${r.scale.passages.toLocaleString('en')} passages (${r.scale.label === 'all' ? 'every' : r.scale.label} baomoi distractor${r.scale.label === '1' ? '' : 's'} and the vinewsqa-dev articles), ${r.scale.questions.toLocaleString('en')} questions. PostgreSQL${r.server ? ` ${String(r.server.server_version).split(' ')[0]} (shared_buffers ${r.server.shared_buffers}, work_mem ${r.server.work_mem})` : ''} and the replicas run on the same ${r.machine.cores}-core machine as every other process; load averages (1 / 5 / 15 min) are given beside each figure.`,
    '',
    '| target | measured | status |',
    '| --- | ---: | ---: |',
    `| \`ask\` p95 ≤ 50 ms through the database | ${ms(q.database.ask.p95)} (p50 ${ms(q.database.ask.p50)}; load ${la(q.database.loadavg)}) | ${q.database.ask.p95 <= 50 ? 'met' : `**missed** by ${ms(q.database.ask.p95 - 50)}`} |`,
    `| two replicas ≥ 1.6× one replica's throughput | ${ratio.toFixed(2)}× (${judged.two.perSecond.toFixed(0)} vs ${judged.one.perSecond.toFixed(0)} answers/s after ${judged.warmup.toLocaleString('en')} warm-up questions${others.length ? `; ${others.join(', ')}` : ''}) | ${ratio >= 1.6 ? 'met' : `**missed** (${ratio.toFixed(3)}×)`} |`,
    `| ${r.webhook.updates.toLocaleString('en')} webhook updates to two replicas at once: 0 duplicated, 0 lost | ${r.webhook.duplicated} duplicated, ${r.webhook.lost} lost (${r.webhook.retried} deliveries told to come back) | ${r.webhook.duplicated === 0 && r.webhook.lost === 0 ? 'met' : '**missed**'} |`,
    '',
    '| measure | database | embedded |',
    '| --- | ---: | ---: |',
    `| \`ask\` article R@1 / R@10 | ${f1(q.database.ask.r1)} / ${f1(q.database.ask.r10)} | ${f1(q.embedded.ask.r1)} / ${f1(q.embedded.ask.r10)} |`,
    `| \`ask\` p50 / p95 (one question at a time) | ${ms(q.database.ask.p50)} / ${ms(q.database.ask.p95)} | ${ms(q.embedded.ask.p50)} / ${ms(q.embedded.ask.p95)} |`,
    `| \`ask\` CPU of the answering process, p50 / p95 | ${ms(q.database.askCpu.p50)} / ${ms(q.database.askCpu.p95)} | ${ms(q.embedded.askCpu.p50)} / ${ms(q.embedded.askCpu.p95)} |`,
    `| \`search\` p50 / p95 | ${ms(q.database.search.p50)} / ${ms(q.database.search.p95)} | ${ms(q.embedded.search.p50)} / ${ms(q.embedded.search.p95)} |`,
    `| lexical search alone, p50 / p95 | ${ms(r.fidelity.database.p50)} / ${ms(r.fidelity.database.p95)} | ${ms(r.fidelity.embedded.p50)} / ${ms(r.fidelity.embedded.p95)} |`,
    `| engine open | ${ms(q.database.openMs)} | ${ms(q.embedded.openMs)} |`,
    `| vector graph of its own built (\`Engine.searchReady\`, from the start) | ${q.database.searchReadyMs === undefined ? '–' : ms(q.database.searchReadyMs)} | – |`,
    `| resident memory, engine loaded / after all questions | ${q.database.rssLoadedMiB.toFixed(0)} / ${q.database.rssAfterMiB.toFixed(0)} MiB | ${q.embedded.rssLoadedMiB.toFixed(0)} / ${q.embedded.rssAfterMiB.toFixed(0)} MiB |`,
    `| load average during the run | ${la(q.database.loadavg)} | ${la(q.embedded.loadavg)} |`,
    '',
    `Lexical ranking of the database store against the embedded one (BM25 top 100 for ${r.fidelity.questions} questions; load ${la(r.fidelity.loadavg)}): the same best passage for ${f1(100 * r.fidelity.same1)}% of questions, the same ten in the same order for ${f1(100 * r.fidelity.same10)}%, and on average ${f1(100 * r.fidelity.overlap10)}% / ${f1(100 * r.fidelity.overlap30)}% / ${f1(100 * r.fidelity.overlap100)}% of the embedded store's 10 / 30 / 100 best among its own.`,
    '',
    `Copying the embedded index into the database (\`kiemchung import-index\`: articles, paragraphs, passages with their stored vectors, the HNSW index, the BM25 postings and term counts, in one transaction): ${r.import.kept ? `kept from an earlier run (\`--keep\`; this run's copy wrote ${r.import.report.wrote ? `${r.import.report.added + r.import.report.changed} articles and retired ${r.import.report.removed}` : 'nothing'} in ${ms(r.import.ms)})` : ms(r.import.ms)} (load ${la(r.import.loadavg)}). Tables: ${r.import.tables.map((x: { name: string; bytes: number }) => `${x.name} ${mb(x.bytes)}`).join(', ')}.`,
    '',
    `Throughput, one question at a time per replica, on two replica processes, each with its own engine, connection pool and vector graph (built before it is measured) on the one database, both first answering the same warm-up questions of one half of the questions; then the other half in ${t.phases.length} phases of the same size, in which one replica (each in turn) answers the phase's questions alone or the two share them (each question given to whichever replica is free, as a load balancer does), in the order one, two, two, one, repeated (so that a load that drifts weighs on both alike).${t.long ? ` After ${t.long.warmup.toLocaleString('en')} warm-up questions (the warm-up half twice: replicas long in service, their code compiled): ${throughputLine(t.long, r.machine.cores)}.` : ''} After ${t.warmup} warm-up questions (replicas that have served a while): ${throughputLine(t, r.machine.cores)}.${t.started ? ` After ${t.started.warmup} (replicas just started): ${throughputLine(t.started, r.machine.cores)}.` : ''}`,
    '',
    `Webhook: ${r.webhook.updates.toLocaleString('en')} updates, each posted to both replicas at once (16 in flight), a 503 or a delivery without an answer delivered again as Telegram does (${r.webhook.retried} deliveries again, ${r.webhook.unanswered ?? 0} of them after no answer; ${r.webhook.undelivered ?? 0} never delivered; ${r.webhook.ackedEarly ?? 0} acknowledged after 10 s in a replica's queue and answered later): ${r.webhook.answered} answered, ${r.webhook.duplicated} answered twice, ${r.webhook.lost} lost, in ${ms(r.webhook.ms)} (load ${la(r.webhook.loadavg)}).`,
    '',
    `A new generation (one article added, written by \`updateDatabaseIndex\` in ${ms(r.generationSwitch.updateMs)}) was served by both replicas at most ${ms(r.generationSwitch.seenByEveryReplicaMs)} after its transaction committed (load ${la(r.generationSwitch.loadavg)}).`,
  ];
  return lines.join('\n');
}

function throughputLine(t: Results, cores: number): string {
  const rounds = [...(t.rounds as number[])].sort((x, y) => x - y);
  const middle =
    rounds.length % 2 ? (rounds[(rounds.length - 1) / 2] as number) : ((rounds[rounds.length / 2 - 1] as number) + (rounds[rounds.length / 2] as number)) / 2;
  const spread = rounds.length > 1 ? ` (each round of four phases on its own: ${rounds.map((x) => x.toFixed(2)).join(', ')}; median ${middle.toFixed(2)})` : '';
  // How evenly two replicas shared a phase: when the one done last gave its last answer, over the other (runs before these times were kept have none).
  const pairs = (t.phases as { processes: number; replicaMs?: number[] }[]).filter((p) => p.processes === 2 && p.replicaMs?.length === 2);
  const slower = pairs.length
    ? `; in the phases of two, the replica done last finished ${((100 * pairs.reduce((a, p) => a + Math.max(...(p.replicaMs as number[])) / Math.min(...(p.replicaMs as number[])), 0)) / pairs.length - 100).toFixed(0)}% later than the other on average`
    : '';
  const line = `one replica ${t.one.perSecond.toFixed(1)} answers/s, two ${t.two.perSecond.toFixed(1)}, ${(t.two.perSecond / t.one.perSecond).toFixed(2)}×${spread} (load ${la(t.load)}); the replicas' own CPU per answer ${ms(t.one.cpuMsPerAnswer)} with one, ${ms(t.two.cpuMsPerAnswer)} with two${slower}`;
  const one = t.one.serverCpuMsPerAnswer as number | null | undefined;
  const two = t.two.serverCpuMsPerAnswer as number | null | undefined;
  if (one == null || two == null) return line;
  // What the cores allow: one replica keeps (its CPU + the server's) / its wall time per answer of
  // them busy, and two cannot answer faster than the cores give the CPU each answer took with two.
  const busy = ((t.one.cpuMsPerAnswer + one) * t.one.perSecond) / 1000;
  const most = (cores * 1000) / (t.two.cpuMsPerAnswer + two);
  return `${line}; the server's CPU per answer (every PostgreSQL process on the machine) ${ms(one)} with one, ${ms(two)} with two. One replica with the server kept ${busy.toFixed(2)} of the ${cores} cores busy; at the CPU per answer measured with two, the ${cores} cores allow two replicas at most ${most.toFixed(0)} answers/s (${(most / t.one.perSecond).toFixed(2)}× one replica), of which they reached ${((100 * t.two.perSecond) / most).toFixed(0)}%`;
}

/**
 * CPU time in ms of every PostgreSQL process on this machine, with what the ended ones left to
 * the process that waited for them (the postmaster's backends, counted when they exit); null
 * where /proc cannot tell (not Linux, or the server on another machine).
 */
function serverCpuMs(): number | null {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  // Clock ticks of 10 ms: USER_HZ is 100 on Linux.
  let ticks = 0;
  let seen = 0;
  for (const p of pids) {
    try {
      if (fs.readFileSync(`/proc/${p}/comm`, 'utf8').trim() !== 'postgres') continue;
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      // After the command in parentheses: state, then 10 fields, then utime, stime, cutime, cstime.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      seen++;
    } catch {
      // The process ended meanwhile.
    }
  }
  return seen > 0 ? ticks * 10 : null;
}

/** Replaces (or appends) the section between the PostgreSQL markers of the report. */
function writeSection(file: string, section: string): void {
  const start = '<!-- postgres:start -->';
  const end = '<!-- postgres:end -->';
  const body = `${start}\n${section}\n${end}`;
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const i = old.indexOf(start);
  const j = old.indexOf(end);
  fs.writeFileSync(file, i >= 0 && j > i ? `${old.slice(0, i)}${body}${old.slice(j + end.length)}` : `${old.trimEnd()}\n\n${body}\n`);
}
