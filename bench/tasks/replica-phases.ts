import { peakRssMiB, task } from '../child.js';
import type { BenchQuestion } from '../data.js';
import type { DatabaseConfig } from '../../src/config.js';
import { benchEmbedder } from '../embedder.js';
import { createEngine, silentLogger } from '../../src/index.js';

export interface ReplicaPhasesInput {
  corpus: string;
  indexDir: string;
  database: DatabaseConfig;
  /** Answered before anything is measured (the replica's caches and compiled code as after so many questions). */
  warmupQuestions: BenchQuestion[];
}

/** What the parent sends: questions to answer now, or the end. */
export type PhaseCommand = { type: 'phase'; questions: BenchQuestion[] } | { type: 'end' };

/** What one phase measured, sent back as a message of type 'phase-done' (its time is the parent's to measure). */
export interface PhaseDone {
  answers: number;
  /** CPU time of this process (every thread) while answering. */
  cpuMs: number;
}

export interface ReplicaPhasesResult {
  peakRssMiB: number;
}

/**
 * A replica (an engine on the database, its own vector graph built) that answers, one at a time,
 * the questions of each phase the parent sends, and reports each phase's time: the parent runs
 * one replica and two in alternating phases on the same processes.
 */
task<ReplicaPhasesInput, ReplicaPhasesResult>(async (input) => {
  // Commands are queued from the first one on: the parent may send the next before this one is read.
  const queued: PhaseCommand[] = [];
  let wake: (() => void) | null = null;
  process.on('message', (m: { type?: string }) => {
    if (m?.type !== 'phase' && m?.type !== 'end') return;
    queued.push(m as PhaseCommand);
    wake?.();
  });
  const next = async (): Promise<PhaseCommand> => {
    while (queued.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queued.shift() as PhaseCommand;
  };
  const engine = await createEngine({
    config: { corpus: input.corpus, indexDir: input.indexDir, database: input.database },
    autoIndex: false,
    embedder: benchEmbedder(),
    logger: silentLogger,
  });
  await engine.searchReady;
  for (const q of input.warmupQuestions) await engine.ask(q.question, { topK: 10 });
  process.send?.({ type: 'ready' });
  for (;;) {
    const command = await next();
    if (command.type === 'end') break;
    const c0 = process.cpuUsage();
    for (const q of command.questions) await engine.ask(q.question, { topK: 10 });
    const cpu = process.cpuUsage(c0);
    const done: PhaseDone = { answers: command.questions.length, cpuMs: (cpu.user + cpu.system) / 1000 };
    process.send?.({ type: 'phase-done', ...done });
  }
  await engine.close();
  return { peakRssMiB: peakRssMiB() };
});
