import { peakRssMiB, task, waitFor } from '../child.js';
import type { BenchQuestion } from '../data.js';
import { benchEmbedder } from '../embedder.js';
import { createEngine, silentLogger } from '../../src/index.js';

export interface ThroughputInput {
  corpus: string;
  indexDir: string;
  questions: BenchQuestion[];
  /** Questions answered before the measurement: the first \`warmup\` of \`questions\`, or \`warmupQuestions\`. */
  warmup?: number;
  warmupQuestions?: BenchQuestion[];
}

export interface ThroughputResult {
  answers: number;
  ms: number;
  /** CPU time of this process while answering: below `ms` when it waited for a core. */
  cpuMs: number;
  peakRssMiB: number;
}

/** One of N processes with its own engine, answering its share as fast as it can after "go". */
task<ThroughputInput, ThroughputResult>(async (input) => {
  const engine = await createEngine({
    config: { corpus: input.corpus, indexDir: input.indexDir },
    autoIndex: false,
    embedder: benchEmbedder(),
    logger: silentLogger,
  });
  // Measured once vector searches run where they will from now on.
  await engine.searchReady;
  for (const q of input.warmupQuestions ?? input.questions.slice(0, input.warmup ?? 0)) await engine.ask(q.question, { topK: 10 });
  const go = waitFor('go');
  process.send?.({ type: 'ready' });
  await go;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const q of input.questions) await engine.ask(q.question, { topK: 10 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  await engine.close();
  return { answers: input.questions.length, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMiB: peakRssMiB() };
});
