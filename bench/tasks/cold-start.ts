import { peakRssMiB, task } from '../child.js';

export interface ColdStartInput {
  corpus: string;
  indexDir: string;
  question: string;
  /** As the CLI does by default: check the corpus for changes before serving. */
  autoIndex: boolean;
}

export interface ColdStartResult {
  /** Milliseconds since this process started (performance.timeOrigin) at each step. */
  importedMs: number;
  openedMs: number;
  answeredMs: number;
  answerRefused: boolean;
  citations: number;
  peakRssMiB: number;
}

/** A fresh process: load the engine on a persisted index and answer one question. */
task<ColdStartInput, ColdStartResult>(async (input) => {
  const { createEngine, silentLogger } = await import('../../src/index.js');
  const importedMs = performance.now();
  const engine = await createEngine({ config: { corpus: input.corpus, indexDir: input.indexDir }, autoIndex: input.autoIndex, logger: silentLogger });
  const openedMs = performance.now();
  const a = await engine.ask(input.question);
  const answeredMs = performance.now();
  await engine.close();
  return { importedMs, openedMs, answeredMs, answerRefused: a.refused, citations: a.citations.length, peakRssMiB: peakRssMiB() };
});
