import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchOptions, REPO_ROOT, USAGE, parseBenchArgs } from './args.js';
import { type BenchData, type BenchQuestion, SERVED_WARMUP, diskBytes, findData, loadQuestions, writeScaleCorpus } from './data.js';
import { type ProfileSummary, summariseProfiles } from './profile.js';
import { benchEmbedder } from './embedder.js';
import { renderChart } from './chart.js';
import { type BenchResults, type FullScaleResult, type ScaleResult, chartPath, renderReport } from './report.js';
import { compileForBench, runTask } from './spawn.js';
import type { BuildResult } from './tasks/build.js';
import type { ColdStartResult } from './tasks/cold-start.js';
import type { ExactResult } from './tasks/exact.js';
import type { Fts5Result } from './tasks/fts5.js';
import type { HnswSweepResult } from './tasks/hnsw-sweep.js';
import type { LangchainResult } from './tasks/langchain.js';
import type { QueryResult } from './tasks/query.js';
import type { ThroughputResult } from './tasks/throughput.js';
import type { UpdateResult } from './tasks/update.js';

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

/** A new report, with the PostgreSQL section the previous one had (written by `npm run bench:postgres`) kept at its end. */
function keepPostgresSection(file: string, report: string): string {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const m = /<!-- postgres:start -->[\s\S]*<!-- postgres:end -->/.exec(old);
  return m ? `${report.trimEnd()}\n\n${m[0]}\n` : report;
}

export function scaleLabel(n: number): string {
  if (!Number.isFinite(n)) return 'all';
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** The commit measured, with `+changes` when src/ differs from it. */
function sourceVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return 'unknown';
  }
}

function loadavg(): number[] {
  return os.loadavg().map((x) => Math.round(x * 100) / 100);
}

async function runScale(o: BenchOptions, data: BenchData, size: number, isLargest: boolean, qualityOnly: boolean): Promise<ScaleResult> {
  const label = scaleLabel(size);
  const dir = path.join(o.workDir, `scale-${label}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const corpus = path.join(dir, 'corpus.jsonl');
  const indexDir = path.join(dir, 'index');
  const runtime = o.runtime;
  const profileDir = path.join(o.workDir, 'profiles', label);
  const prof = (name: string) => (o.profile && isLargest ? ['--cpu-prof', '--cpu-prof-interval', '4000', '--cpu-prof-dir', path.join(profileDir, name)] : []);
  const loadStart = loadavg();

  log(`[${label}] writing corpus`);
  const sc = await writeScaleCorpus(data, o.answerArticles, size, corpus);
  const questions = loadQuestions(data.questions, new Set(sc.answerIds), o.questions);
  if (questions.length === 0) throw new Error(`no question of ${data.questions} has its articles in the benchmark corpus`);

  log(`[${label}] full build of ${sc.answerArticles + sc.distractors} articles`);
  const build = await runTask<BuildResult>('build', { corpus, indexDir }, { runtime, nodeFlags: prof('build') });
  const disk = diskBytes(indexDir);
  log(
    `[${label}] built ${build.result.passages} passages in ${(build.result.loadMs / 1000).toFixed(1)} s + ${(build.result.indexMs / 1000).toFixed(1)} s, peak ${build.result.peakRssMiB.toFixed(0)} MiB`,
  );

  const warmup = Math.min(50, Math.floor(questions.length / 4));
  const base = {
    label,
    distractors: sc.distractors,
    answerArticles: sc.answerArticles,
    corpusBytes: sc.bytes,
    questions: questions.length,
    exactQuestions: Math.min(o.exactQuestions, questions.length),
    build: { ...build.result, wallMs: build.wallMs, diskBytes: disk },
  };
  const runFts5 = async (): Promise<(Fts5Result & { wallMs: number }) | null> => {
    if (!o.fts5) return null;
    log(`[${label}] SQLite FTS5 on the same passages and tokens, ${Math.min(o.exactQuestions, questions.length)} questions`);
    const r = await runTask<Fts5Result>(
      'fts5',
      { corpus, dbFile: path.join(dir, 'fts5.db'), questions: questions.slice(0, o.exactQuestions), warmup: 10 },
      { runtime },
    );
    fs.rmSync(path.join(dir, 'fts5.db'), { force: true });
    log(
      `[${label}] FTS5 built in ${(r.result.indexMs / 1000).toFixed(1)} s, search p50 ${r.result.search.p50.toFixed(2)} ms, R@1 ${r.result.search.r1.toFixed(1)}`,
    );
    return { ...r.result, wallMs: r.wallMs };
  };
  if (qualityOnly) {
    log(`[${label}] search and ask, ${questions.length} questions one at a time`);
    const query = await runTask<QueryResult>('query', { corpus, indexDir, questions, warmup }, { runtime });
    log(`[${label}] ask p50 ${query.result.ask.p50.toFixed(2)} ms, p95 ${query.result.ask.p95.toFixed(2)} ms; R@1 ${query.result.ask.r1.toFixed(1)}`);
    const fts5 = await runFts5();
    if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
    return { ...base, qualityOnly: true, query: query.result, fts5, loadavg: { start: loadStart, end: loadavg() } };
  }

  log(`[${label}] cold starts`);
  const question = questions[0]?.question ?? 'Bộ Khoa học và Công nghệ';
  const cold: (ColdStartResult & { wallMs: number })[] = [];
  for (let i = 0; i < (o.smoke ? 1 : 3); i++) {
    const r = await runTask<ColdStartResult>(
      'cold-start',
      { corpus, indexDir, question, autoIndex: false },
      { runtime, nodeFlags: i === 0 ? prof('cold-start') : [] },
    );
    cold.push({ ...r.result, wallMs: r.wallMs });
  }
  // The default path twice: the first start checks the corpus (the build was given it in memory), and records it as checked; the second finds no file changed.
  const auto = await runTask<ColdStartResult>('cold-start', { corpus, indexDir, question, autoIndex: true }, { runtime });
  const autoUnchanged = await runTask<ColdStartResult>('cold-start', { corpus, indexDir, question, autoIndex: true }, { runtime });

  log(`[${label}] search and ask, ${questions.length} questions one at a time`);
  const query = await runTask<QueryResult>('query', { corpus, indexDir, questions, warmup }, { runtime, nodeFlags: prof('query') });
  log(`[${label}] ask p50 ${query.result.ask.p50.toFixed(2)} ms, p95 ${query.result.ask.p95.toFixed(2)} ms; R@1 ${query.result.ask.r1.toFixed(1)}`);

  log(`[${label}] exact search and HNSW recall, ${Math.min(o.exactQuestions, questions.length)} questions`);
  const exact = await runTask<ExactResult>('exact', { indexDir, questions: questions.slice(0, o.exactQuestions) }, { runtime });

  const fts5 = await runFts5();

  log(`[${label}] throughput with ${o.workers} processes, just started`);
  const throughput = await runThroughput(o, corpus, indexDir, questions, { warmup });
  // Each process first answers questions of another's share, so that none it is measured on was answered before by it.
  const servedWarmup = Math.min(SERVED_WARMUP, Math.floor(questions.length / o.workers));
  let throughputServed: FullScaleResult['throughputServed'] = null;
  if (o.workers > 1 && servedWarmup > 0) {
    log(`[${label}] throughput with ${o.workers} processes, after ${servedWarmup} warm-up questions each`);
    throughputServed = await runThroughput(o, corpus, indexDir, questions, { served: servedWarmup });
  }
  // Processes long in service: V8 compiles the answer code on its helper threads (on a core a lone
  // process leaves idle, and processes answering side by side take from each other); over 1,237
  // answers of one process it compiled 100 functions after 600 questions and 38 after 2,474.
  let throughputLong: FullScaleResult['throughputLong'] = null;
  const longShare = Math.floor(questions.length / o.workers) - LONG_UNSEEN_TAIL;
  if (o.workers > 1 && longShare > servedWarmup) {
    log(`[${label}] throughput with ${o.workers} processes, after ${2 * longShare} warm-up questions each`);
    throughputLong = await runThroughput(o, corpus, indexDir, questions, { served: longShare, passes: 2 });
  }

  let langchain: FullScaleResult['langchain'] = null;
  if (o.langchain) {
    log(`[${label}] plain LangChain pipeline`);
    const lc = await runTask<LangchainResult>('langchain', { corpus, saveDir: path.join(dir, 'langchain'), questions, warmup }, { runtime });
    langchain = { ...lc.result, wallMs: lc.wallMs };
    fs.rmSync(path.join(dir, 'langchain'), { recursive: true, force: true });
  }

  let hnswSweep: HnswSweepResult | null = null;
  if (isLargest && o.sweep) {
    log(`[${label}] HNSW parameter sweep`);
    hnswSweep = (await runTask<HnswSweepResult>('hnsw-sweep', { indexDir, questions: questions.slice(0, 300), sample: 20_000 }, { runtime })).result;
  }

  log(`[${label}] incremental updates`);
  const update = await runTask<UpdateResult>('update', { corpus, indexDir }, { runtime, nodeFlags: prof('update') });

  let profiles: Record<string, ProfileSummary> | null = null;
  if (o.profile && isLargest) profiles = summariseProfiles(profileDir);
  if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
  return {
    ...base,
    qualityOnly: false,
    cold: { persisted: cold, auto: { ...auto.result, wallMs: auto.wallMs }, autoUnchanged: { ...autoUnchanged.result, wallMs: autoUnchanged.wallMs } },
    query: query.result,
    exact: exact.result,
    fts5,
    throughput,
    throughputServed,
    throughputLong,
    langchain,
    update: update.result,
    hnswSweep,
    profiles,
    loadavg: { start: loadStart, end: loadavg() },
  };
}

/**
 * Questions at the end of each share that no process warms up on, even long in service: a
 * process done with its own share takes the rest of another's from its end.
 */
const LONG_UNSEEN_TAIL = 100;

/**
 * `o.workers` processes answering the questions, each its share, at once. Before "go", each
 * answers the first `warmup` questions of its own share (a process just started), or the first
 * `served` of the next process's share, `passes` times over (one that has served a while).
 */
async function runThroughput(
  o: BenchOptions,
  corpus: string,
  indexDir: string,
  questions: BenchQuestion[],
  before: { warmup?: number; served?: number; passes?: number },
) {
  const n = o.workers;
  const shares = Array.from({ length: n }, (_, w) => questions.filter((_, i) => i % n === w));
  // Each process is fed its own share one question at a time, and when that is done takes from
  // the end of another's, as workers behind one queue would: fixed shares left the process done
  // first idle while the last finished. The end of a share is never among the questions another
  // process warmed up on (the start of the share after its own).
  const queues = shares.map((qs) => [...qs]);
  const next = (w: number): BenchQuestion | undefined => {
    const own = (queues[w] as BenchQuestion[]).shift();
    if (own) return own;
    const other = queues.reduce((best, q) => (q.length > best.length ? q : best), [] as BenchQuestion[]);
    return other.pop();
  };
  let ready = 0;
  const children: { send: (m: unknown) => void }[] = [];
  const runs = shares.map((qs, w) =>
    runTask<ThroughputResult>(
      'throughput',
      {
        corpus,
        indexDir,
        questions: qs,
        ...(before.served
          ? { warmupQuestions: Array.from({ length: before.passes ?? 1 }, () => (shares[(w + 1) % n] as BenchQuestion[]).slice(0, before.served)).flat() }
          : { warmup: before.warmup ?? 0 }),
      },
      {
        runtime: o.runtime,
        onMessage: (m, child) => {
          const type = (m as { type?: string }).type;
          const c = child as unknown as { send: (m: unknown) => void };
          if (type === 'take') {
            const q = next(w);
            c.send(q ? { type: 'question', question: q } : { type: 'none' });
            return;
          }
          if (type !== 'ready') return;
          children.push(c);
          if (++ready === n) for (const x of children) x.send({ type: 'go' });
        },
      },
    ),
  );
  const results = (await Promise.all(runs)).map((r) => r.result);
  const answers = results.reduce((a, r) => a + r.answers, 0);
  const ms = Math.max(...results.map((r) => r.ms));
  return {
    workers: n,
    warmup: (before.served ?? before.warmup ?? 0) * (before.passes ?? 1),
    answers,
    ms,
    perSecond: (1000 * answers) / ms,
    perWorker: results,
  };
}

async function main(): Promise<number> {
  let o: BenchOptions | 'help';
  try {
    o = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (o === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (o.render) {
    const results = JSON.parse(fs.readFileSync(o.render, 'utf8')) as BenchResults;
    fs.writeFileSync(o.out, keepPostgresSection(o.out, renderReport(results, path.relative(path.dirname(o.out), o.render))));
    fs.writeFileSync(chartPath(o.out), renderChart(results));
    process.stdout.write(`${o.out}\n`);
    return 0;
  }
  const data = findData(o.data);
  if ('missing' in data) {
    process.stdout.write(`benchmark skipped: data not found (${data.missing.join(', ')}); see ../shared/data/README.md, or pass --data DIR\n`);
    return 0;
  }
  const started = new Date();
  const source = sourceVersion();
  const t0 = performance.now();
  fs.mkdirSync(o.workDir, { recursive: true });
  let compile: BenchResults['compile'] = null;
  if (o.runtime === 'compiled') {
    log('compiling src/ and bench/ into bench/.cache/dist');
    compile = await compileForBench();
  }
  const full = new Set(o.sizes);
  const sizes = [...new Set([...o.sizes, ...o.qualitySizes])].sort((a, b) => a - b);
  const largest = Math.max(...o.sizes);
  const scales: ScaleResult[] = [];
  const results = (): BenchResults => ({
    date: started.toISOString(),
    source,
    totalMs: performance.now() - t0,
    loadavg: loadavg(),
    machine: {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: os.totalmem() / 2 ** 30,
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    options: {
      sizes: sizes.map(scaleLabel),
      qualitySizes: o.qualitySizes.map(scaleLabel),
      answerArticles: o.answerArticles,
      questions: o.questions,
      exactQuestions: o.exactQuestions,
      workers: o.workers,
      runtime: o.runtime,
      smoke: o.smoke,
      profile: o.profile,
      embedderDimension: benchEmbedder().dimension,
    },
    compile,
    scales,
  });
  // Figures so far, after every scale: a long run that fails late keeps what it measured.
  const partial = path.join(os.tmpdir(), `kiemchung-bench-partial-${process.pid}.json`);
  log(`figures are saved after every scale to ${partial}`);
  try {
    for (const size of sizes) {
      scales.push(await runScale(o, data, size, size === largest, !full.has(size)));
      fs.writeFileSync(partial, JSON.stringify(results(), null, 2));
    }
  } finally {
    if (!o.keep) fs.rmSync(o.workDir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.mkdirSync(path.dirname(o.json), { recursive: true });
  fs.writeFileSync(o.json, `${JSON.stringify(results(), null, 2)}\n`);
  fs.writeFileSync(o.out, keepPostgresSection(o.out, renderReport(results(), path.relative(path.dirname(o.out), o.json))));
  fs.writeFileSync(chartPath(o.out), renderChart(results()));
  fs.rmSync(partial, { force: true });
  log(`report written to ${o.out} (figures in ${o.json})`);
  process.stdout.write(`${o.out}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
