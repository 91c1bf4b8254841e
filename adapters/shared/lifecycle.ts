import type { Engine, FeedPollReport, Feedback, Logger } from '../../src/index.js';

/** What `npm start` gives each chat adapter it starts. */
export interface AdapterContext {
  engine: Engine;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** 👍/👎 under answers, when feedback is on (KIEMCHUNG_FEEDBACK_DB). */
  feedback?: Feedback | null;
}

/** A chat adapter that has started; `stop` stops taking new messages and finishes answers in flight. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
  /** Tells the platform's announcement chats what the followed feeds brought (when it has any configured). */
  announce?(report: FeedPollReport): Promise<void>;
}

export type StartAdapter = (ctx: AdapterContext) => Promise<RunningAdapter>;

/** The work an adapter is doing (updates, interactions being answered), so that it can stop cleanly. */
export interface InFlight {
  /** Adds `work`, which `idle` then waits for; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once nothing tracked is running, including work added while waiting. */
  idle(): Promise<void>;
  /** Pieces of work still running. */
  size(): number;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      running.add(work);
      const forget = () => running.delete(work);
      work.then(forget, forget);
      return work;
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    size: () => running.size,
  };
}

/**
 * Waits for the work in flight to finish, at most `ms` (a stuck answer must not keep the process
 * from stopping). Returns how many pieces were still running when it gave up: 0 when all finished.
 */
export async function drain(inFlight: InFlight, ms: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([inFlight.idle(), late]);
  clearTimeout(timer);
  return inFlight.size();
}
