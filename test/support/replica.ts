/**
 * A replica of the bots as a process of its own (`adapters/start.ts`, as `npm start` runs it)
 * on the test database: its output is kept, its webhook port read from its log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO } from './corpus.js';

export interface Replica {
  /** Where its Telegram webhook listens on 127.0.0.1 (0 until it does). */
  port: number;
  /** Its log lines so far (stderr and stdout). */
  lines: string[];
  child: ChildProcess;
  /** Resolves once a log line matches. */
  waitForLine(pattern: RegExp, ms?: number): Promise<string>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

export async function startReplica(env: Record<string, string>, args: string[] = ['telegram'], options: { waitFor?: RegExp } = {}): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'adapters', 'start.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, TELEGRAM_WEBHOOK_PORT: '0', TELEGRAM_WEBHOOK_HOST: '127.0.0.1', KIEMCHUNG_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const take = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    for (const w of waiters) w();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  let exited: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve((exited = code))));
  const replica: Replica = {
    port: 0,
    lines,
    child,
    waitForLine(pattern, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = lines.find((l) => pattern.test(l));
          if (hit) {
            done();
            resolve(hit);
          } else if (exited !== undefined) {
            done();
            reject(new Error(`the replica exited (${exited}) before logging ${pattern}:\n${lines.join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no log line ${pattern} within ${ms} ms:\n${lines.join('\n')}`));
        }, ms);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        void exit.then(check);
        check();
      });
    },
    async stop() {
      if (exited === undefined) child.kill('SIGTERM');
      return exit;
    },
  };
  const listening = await replica.waitForLine(options.waitFor ?? /webhook listening on [\d.]+:\d+/);
  const port = /:(\d+)\//.exec(listening) ?? /:(\d+)/.exec(listening);
  replica.port = port ? Number(port[1]) : 0;
  return replica;
}

/** What \`deliver\` records for a delivery that got no HTTP answer (the connection failed or was reset). */
export const NO_RESPONSE = 0;

/**
 * Posts an update to a replica's webhook as Telegram does, again after a 5xx or a delivery
 * that got no answer at all (a connection refused or reset: Telegram delivers those again too,
 * after a growing pause); returns the statuses seen, \`NO_RESPONSE\` for those. Throws the last
 * connection error when every attempt failed that way.
 */
export async function deliver(
  port: number,
  urlPath: string,
  secret: string,
  update: object,
  options: { retries?: number; retryMs?: number } = {},
): Promise<number[]> {
  const statuses: number[] = [];
  const retries = options.retries ?? 20;
  const pause = options.retryMs ?? 200;
  let unanswered = 0;
  for (let attempt = 0; ; attempt++) {
    let status: number;
    try {
      const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
        method: 'POST',
        body: JSON.stringify(update),
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
      });
      await res.arrayBuffer();
      status = res.status;
    } catch (err) {
      if (attempt >= retries) throw err;
      status = NO_RESPONSE;
    }
    statuses.push(status);
    if ((status !== NO_RESPONSE && status < 500) || attempt >= retries) return statuses;
    if (status === NO_RESPONSE) unanswered++;
    // A 503 is "another replica is answering it": soon again. No answer at all: back off.
    const wait = status === NO_RESPONSE ? Math.min(pause * 2 ** unanswered, 10_000) : pause;
    await new Promise((r) => setTimeout(r, wait));
  }
}
