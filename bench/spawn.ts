import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './args.js';

/**
 * Benchmark tasks run in child processes so that each one's peak memory and start-up are its
 * own. With the `compiled` runtime they run the tsc output in bench/.cache/dist, as the
 * product runs from dist/ (and as Node 20 cannot hand tsx's loader to worker threads, which
 * full builds use); with `tsx` they run the sources directly (the smoke test).
 */
export type Runtime = 'compiled' | 'tsx';

export const CACHE_DIR = path.join(REPO_ROOT, 'bench', '.cache');
const DIST = path.join(CACHE_DIR, 'dist');

/** Compiles src/ and bench/ with the repository's own settings into bench/.cache/dist. */
export async function compileForBench(): Promise<{ ms: number; errors: number }> {
  const t0 = performance.now();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const tsconfig = path.join(CACHE_DIR, 'tsconfig.bench.json');
  fs.writeFileSync(
    tsconfig,
    JSON.stringify(
      {
        extends: '../../tsconfig.json',
        compilerOptions: { outDir: './dist', rootDir: '../..', noEmit: false, sourceMap: false, incremental: true, tsBuildInfoFile: './tsbuildinfo' },
        include: ['../../src', '../../bench'],
        exclude: ['../../bench/.cache'],
      },
      null,
      2,
    ),
  );
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
    const p = fork(tsc, ['-p', tsconfig, '--pretty', 'false'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let output = '';
    p.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    p.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    p.on('error', reject);
    p.on('exit', (c) => resolve({ code: c ?? 1, output }));
  });
  const errors = (output.match(/error TS\d+/g) ?? []).length;
  // tsc still emits when other files have type errors; only a missing output is fatal.
  if (!fs.existsSync(path.join(DIST, 'bench', 'tasks', 'build.js'))) {
    throw new Error(`compiling for the benchmark failed (tsc exit ${code}):\n${output.slice(0, 4000)}`);
  }
  return { ms: performance.now() - t0, errors };
}

/** The script and Node flags that run bench/tasks/<name>.ts under the chosen runtime. */
export function taskCommand(name: string, runtime: Runtime): { script: string; execArgv: string[] } {
  if (runtime === 'compiled') return { script: path.join(DIST, 'bench', 'tasks', `${name}.js`), execArgv: [] };
  return { script: path.join(REPO_ROOT, 'bench', 'tasks', `${name}.ts`), execArgv: ['--import', 'tsx'] };
}

export interface TaskRun<T> {
  result: T;
  /** Wall time from spawn to exit, as seen by the parent. */
  wallMs: number;
}

export interface SpawnOptions {
  runtime: Runtime;
  /** Extra Node flags (e.g. --cpu-prof). */
  nodeFlags?: string[];
  /** Called for every message that is not the final result. */
  onMessage?: (m: unknown, child: ChildProcess) => void;
  timeoutMs?: number;
}

/**
 * The glibc tunables `npm start` and `npm run kiemchung` run the product with (package.json):
 * large allocations (the HNSW graphs, the index arrays) on transparent huge pages, so that
 * opening an index takes far fewer page faults. Task children get the same, so that cold
 * starts and latencies are measured as the product runs.
 */
function withHugePages(tunables: string | undefined): string {
  return tunables ? `${tunables}:glibc.malloc.hugetlb=1` : 'glibc.malloc.hugetlb=1';
}

/** Runs a task child with `input`, resolves with the payload of its `{ type: 'result' }` message. */
export function runTask<T>(name: string, input: unknown, o: SpawnOptions): Promise<TaskRun<T>> {
  const { script, execArgv } = taskCommand(name, o.runtime);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      cwd: REPO_ROOT,
      execArgv: [...execArgv, ...(o.nodeFlags ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, GLIBC_TUNABLES: withHugePages(process.env.GLIBC_TUNABLES), KIEMCHUNG_LOG_LEVEL: 'silent' },
    });
    child.send({ type: 'input', data: input });
    let result: { value: T } | null = null;
    let failure: string | null = null;
    const timer = o.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), o.timeoutMs) : null;
    child.on('message', (m: { type?: string; data?: unknown; message?: string }) => {
      if (m?.type === 'result') result = { value: m.data as T };
      else if (m?.type === 'error') failure = m.message ?? 'unknown error';
      else o.onMessage?.(m, child);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const wallMs = performance.now() - t0;
      if (result) resolve({ result: result.value, wallMs });
      else reject(new Error(`bench task ${name} failed (${signal ?? `exit ${code}`})${failure ? `: ${failure}` : ''}`));
    });
  });
}
