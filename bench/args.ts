import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchOptions {
  /** Distractor counts from baomoi; `Infinity` for all of it. */
  sizes: number[];
  /** Sizes measured for build, latency and quality only (the quality reference for 35k). */
  qualitySizes: number[];
  /** Questions asked one at a time for latency and quality (at most the set's size). */
  questions: number;
  /** Questions for exact search and HNSW recall (brute force is slow at 35k). */
  exactQuestions: number;
  /** Answer-bearing articles taken from vinewsqa-dev (its questions are filtered to them). */
  answerArticles: number;
  workers: number;
  data: string;
  out: string;
  json: string;
  workDir: string;
  keep: boolean;
  smoke: boolean;
  langchain: boolean;
  /** Measure SQLite FTS5 on the same passages and tokens. */
  fts5: boolean;
  /** Time hnswlib inserts and recall for a few graph settings at the largest size. */
  sweep: boolean;
  /** Run the children from tsc output (product-like, and worker threads work) or through tsx. */
  runtime: 'compiled' | 'tsx';
  /** Write CPU profiles of the build, update and query children and summarise them. */
  profile: boolean;
  /** Only re-render the report from a results file of an earlier run. */
  render: string | null;
}

const USAGE = `npm run bench -- [options]

  --sizes 1000,10000,all        baomoi distractor counts (the vinewsqa-dev articles are always added)
  --quality-sizes 5000          sizes measured for build, latency and quality only ("" for none)
  --questions N                 vinewsqa-dev questions for latency and quality (default all, 2,474)
  --exact-questions N           questions for exact search and HNSW recall (default 500)
  --workers N                   processes for the throughput run (default: cores)
  --data DIR                    data folder (default ../shared/data, or KIEMCHUNG_BENCH_DATA)
  --out FILE                    Markdown report (default docs/benchmarks.md; a temp file with --smoke)
  --json FILE                   raw figures (default: the report path with .json)
  --work-dir DIR                corpora and indexes (default a temp folder, removed afterwards)
  --keep                        keep the work folder
  --no-langchain                skip the plain LangChain pipeline
  --no-fts5                     skip SQLite FTS5 on the same passages and tokens
  --no-sweep                    skip the HNSW settings sweep (on by default except with --smoke)
  --answer-articles N           vinewsqa-dev articles to include (default all 500; 100 with --smoke)
  --runtime compiled|tsx        how children run (default compiled; tsx with --smoke)
  --profile                     CPU-profile the build, update, cold-start and query children
  --smoke                       a few hundred articles and a few questions, end to end
  --render FILE.json            only rewrite the report (--out) from an earlier run's figures`;

function parseSizes(s: string): number[] {
  return s.split(',').map((x) => {
    const t = x.trim().toLowerCase();
    if (t === 'all') return Infinity;
    const n = Number(t.replace(/k$/, '000'));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--sizes: "${x}" is not a count or "all"`);
    return n;
  });
}

function positive(name: string, v: string | undefined, def: number): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: expected a positive integer, got "${v}"`);
  return n;
}

export function parseBenchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      'quality-sizes': { type: 'string' },
      questions: { type: 'string' },
      'exact-questions': { type: 'string' },
      'answer-articles': { type: 'string' },
      workers: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
      'work-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      'no-langchain': { type: 'boolean', default: false },
      'no-fts5': { type: 'boolean', default: false },
      'no-sweep': { type: 'boolean', default: false },
      runtime: { type: 'string' },
      profile: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      render: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const smoke = values.smoke;
  const stamp = `kiemchung-bench-${process.pid}-${Date.now().toString(36)}`;
  const out = path.resolve(values.out ?? (smoke ? path.join(os.tmpdir(), `${stamp}.md`) : path.join(REPO_ROOT, 'docs', 'benchmarks.md')));
  const runtime = values.runtime ?? (smoke ? 'tsx' : 'compiled');
  if (runtime !== 'compiled' && runtime !== 'tsx') throw new Error(`--runtime: expected compiled or tsx, got "${runtime}"`);
  return {
    sizes: parseSizes(values.sizes ?? (smoke ? '200' : '1000,10000,all')),
    qualitySizes: (values['quality-sizes'] ?? (smoke ? '' : '5000')).trim() ? parseSizes(values['quality-sizes'] ?? '5000') : [],
    questions: positive('questions', values.questions, smoke ? 40 : 100_000),
    exactQuestions: positive('exact-questions', values['exact-questions'], smoke ? 40 : 500),
    answerArticles: positive('answer-articles', values['answer-articles'], smoke ? 100 : 100_000),
    workers: positive('workers', values.workers, os.availableParallelism()),
    data: path.resolve(values.data ?? env.KIEMCHUNG_BENCH_DATA ?? path.join(REPO_ROOT, '..', 'shared', 'data')),
    out,
    json: path.resolve(values.json ?? out.replace(/\.md$/i, '') + '.json'),
    workDir: path.resolve(values['work-dir'] ?? path.join(os.tmpdir(), stamp)),
    keep: values.keep,
    smoke,
    langchain: !values['no-langchain'],
    fts5: !values['no-fts5'],
    sweep: !smoke && !values['no-sweep'],
    runtime,
    profile: values.profile,
    render: values.render ? path.resolve(values.render) : null,
  };
}

export { USAGE };
