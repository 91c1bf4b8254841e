import type { Engine, Logger } from '../src/index.js';

/** A chat adapter that has started; `stop` stops taking new messages and finishes answers in flight. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}

export interface AdapterContext {
  engine: Engine;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

export type StartAdapter = (ctx: AdapterContext) => Promise<RunningAdapter>;
