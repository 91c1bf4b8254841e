import { type TransferListItem, Worker, type WorkerOptions, parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors.js';

/**
 * Starts the worker thread of module `name` (without extension) beside the module at `from`
 * (its `import.meta.url`): the compiled `.js` file, or, when running from the TypeScript sources
 * (tests, tsx), the `.ts` file after registering tsx's loader in the thread.
 */
export function startWorker(name: string, from: string, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), options);
  const url = new URL(`./${name}.ts`, from);
  return new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(url.href)}); })`, { ...options, eval: true });
}

/** A request without its sequence number (the channel numbers it). */
export type Unnumbered<R> = R extends { seq: number } ? Omit<R, 'seq'> : never;

/**
 * Requests to a worker thread and their replies: every request is numbered, the thread answers
 * each once with its number (`{ type: 'error', message }` for a failure), in the order sent. The
 * thread never keeps a process alive by itself; a request sent with `hold` does until answered
 * (a search a one-shot command waits for). Once the thread fails or stops, every request waiting
 * and every later one is rejected with that failure.
 */
export class WorkerChannel<Request extends { seq: number }, Reply extends { seq: number; type: string }> {
  private readonly worker: Worker;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (err: Error) => void; hold: boolean }>();
  private held = 0;
  /** The replies not yet received. */
  private readonly sent = new Set<Promise<Reply>>();
  private failure: Error | null = null;

  /** Starts the thread of module `name` beside `from` (`startWorker`); `what` names it in errors; `onFail` hears of the thread's failure once. */
  constructor(name: string, from: string, what: string, onFail?: (err: Error) => void) {
    this.worker = startWorker(name, from);
    this.worker.unref();
    this.worker.on('message', (r: Reply) => {
      const w = this.waiting.get(r.seq);
      if (!w) return;
      this.settled(r.seq, w.hold);
      if (r.type === 'error') w.reject(new Error((r as unknown as { message: string }).message));
      else w.resolve(r);
    });
    const fail = (err: Error) => {
      if (!this.failure) onFail?.(err);
      this.failure ??= err;
      for (const w of this.waiting.values()) w.reject(this.failure);
      this.waiting.clear();
      if (this.held > 0) this.worker.unref();
      this.held = 0;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`${what}'s worker thread stopped (exit code ${code})`)));
  }

  /** Why the thread no longer answers, or null while it does. */
  get failed(): Error | null {
    return this.failure;
  }

  send(request: Unnumbered<Request>, transfer: TransferListItem[] = [], hold = false): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = ++this.seq;
    const reply = new Promise<Reply>((resolve, reject) => {
      // Waited for only once sent: a request that cannot be sent (one that cannot be copied) leaves nothing behind.
      this.worker.postMessage({ ...request, seq }, transfer);
      this.waiting.set(seq, { resolve, reject, hold });
      if (hold && this.held++ === 0) this.worker.ref();
    });
    this.sent.add(reply);
    const forget = () => this.sent.delete(reply);
    reply.then(forget, forget);
    return reply;
  }

  private settled(seq: number, hold: boolean): void {
    this.waiting.delete(seq);
    if (hold && --this.held === 0) this.worker.unref();
  }

  /** Stops the thread; with `drain`, once the requests sent are answered. */
  async stop(drain = false): Promise<void> {
    if (drain) await Promise.allSettled(this.sent);
    await this.worker.terminate();
  }
}

/**
 * In a worker thread: answers each request of a `WorkerChannel` with what `handle` returns (its
 * typed arrays moved to the other thread, not copied), or with `{ type: 'error', message }` when
 * `handle` throws.
 */
export function answerRequests<Request extends { seq: number }, Reply extends { seq: number; type: string }>(handle: (request: Request) => Reply): void {
  parentPort?.on('message', (m: Request) => {
    let reply: Reply | { seq: number; type: 'error'; message: string };
    try {
      reply = handle(m);
    } catch (err) {
      reply = { seq: m.seq, type: 'error', message: errorMessage(err) };
    }
    const moved = new Set<ArrayBuffer>();
    for (const v of Object.values(reply)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) moved.add(v.buffer);
    parentPort?.postMessage(reply, [...moved]);
  });
}
