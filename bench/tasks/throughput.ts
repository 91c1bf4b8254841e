import { peakRssMiB, task, waitFor } from '../child.js';
import type { BenchQuestion } from '../data.js';
import { benchEmbedder } from '../embedder.js';
import { createEngine, silentLogger } from '../../src/index.js';

export interface ThroughputInput {
  corpus: string;
  indexDir: string;
  /** This process's share of the questions (the parent feeds it what it measures). */
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

/** One of N processes with its own engine, answering what it is fed as fast as it can after "go". */
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
  // The questions measured come from the parent, one at a time as this process takes them
  // (\`take\` asks for the next, answered by \`question\`, or \`none\` when none is left), one in hand
  // besides the one being answered: the next is asked for as each starts.
  let answers = 0;
  const inbox: BenchQuestion[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  process.on('message', (m: { type?: string; question?: BenchQuestion }) => {
    if (m?.type === 'question' && m.question) inbox.push(m.question);
    else if (m?.type === 'none') ended = true;
    else return;
    wake?.();
  });
  process.send?.({ type: 'take' });
  for (;;) {
    while (inbox.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
    const q = inbox.shift();
    if (!q) break;
    if (!ended) process.send?.({ type: 'take' });
    await engine.ask(q.question, { topK: 10 });
    answers++;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  await engine.close();
  return { answers, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMiB: peakRssMiB() };
});
